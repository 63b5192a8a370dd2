/*
 * utf8.h — UTF-8 decoding, display width and word wrap, with no locale.
 *
 * Work instructions are UTF-8 and may be Chinese. A terminal cell grid
 * needs each code point's display width: East Asian Wide and Fullwidth
 * characters take 2 columns, combining marks 0, everything else 1. The
 * width comes from a small built-in table (not wcwidth()), so the result is
 * the same on every machine and in every test. Invalid bytes and control
 * characters are shown as one replacement cell each, so every width here
 * counts them as 1 column.
 */
#ifndef YOKE_UTF8_H
#define YOKE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decodes one code point from s (at most len bytes). Returns the number of
 * bytes it takes (1-4) and sets *cp; returns 0 for an invalid or truncated
 * sequence (overlong forms, surrogates and values above U+10FFFF are
 * invalid) and sets *cp to UTF8_REPLACEMENT.
 */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp (a valid scalar value) into out; returns the byte count (1-4), 0 if invalid. */
int utf8_encode(uint32_t cp, char out[4]);
/* True when all len bytes are well-formed UTF-8. */
bool utf8_valid(const char *s, size_t len);
/* Columns of one code point: 2 wide/fullwidth, 0 combining or zero-width,
 * 1 otherwise; -1 for C0/C1 control characters. */
int utf8_cp_width(uint32_t cp);
/* Display columns of a NUL-terminated string (controls and bad bytes count 1). */
int utf8_width(const char *s);
/* Display columns of the first n bytes of s. */
int utf8_nwidth(const char *s, size_t n);
/*
 * Length in bytes of the longest prefix of s that fits in cols columns,
 * never splitting a code point and keeping combining marks with their base.
 * *used (may be NULL) receives the columns that prefix takes.
 */
size_t utf8_fit(const char *s, int cols, int *used);

/* One line of wrapped text: bytes [off, off+len) of the source
 * (shared/layout.h wraps). */
struct utf8_line {
	size_t off;
	size_t len;
};

#endif
