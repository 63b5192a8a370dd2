/*
 * util.h — allocation that never returns NULL (out of memory is fatal, so
 * nobody checks malloc), clocks, and small string helpers.
 */
#ifndef YOKE_UTIL_H
#define YOKE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Wall clock, microseconds since the Unix epoch. */
int64_t now_us(void);
/* Monotonic clock in milliseconds, for timeouts. */
int64_t mono_ms(void);
/* Formats a wall-clock time in microseconds as "YYYY-MM-DD HH:MM:SS" (UTC). */
void format_time_us(int64_t us, char *buf, size_t size);

/* Copies at most size-1 bytes and always terminates. Returns strlen(src). */
size_t strlcpy_yk(char *dst, const char *src, size_t size);
bool str_empty(const char *s);
/* Big-endian integer encoding for keys that sort as numbers. */
void put_be64(unsigned char *p, uint64_t v);
uint64_t get_be64(const unsigned char *p);
void put_be32(unsigned char *p, uint32_t v);
uint32_t get_be32(const unsigned char *p);
/* An id safe for keys and file names: 1..max printable ASCII without space,
 * '/' or '"' (serials, badges, station and terminal ids). */
bool ident_ok(const char *s, size_t max);
/* Free text safe to store: at most max bytes of valid UTF-8 without control
 * characters (so every stored event decodes in any protobuf library). */
bool text_ok(const char *s, size_t max);
/* A valid calendar date "YYYY-MM-DD". */
bool date_valid(const char *s);

#endif
