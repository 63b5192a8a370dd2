/*
 * log.h — leveled logging to stderr, and the fatal path for broken
 * invariants.
 *
 * Three tiers of error (DESIGN.md): a refusal for the person is a Status in
 * a Reply and is not logged here above INFO; a peer that breaks the
 * protocol is logged at WARN and its message dropped; a broken invariant is
 * YK_ASSERT / log_fatal and ends the process.
 */
#ifndef YOKE_LOG_H
#define YOKE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level level);
/* Parses "debug", "info", "warn", "error"; returns -1 on anything else. */
int log_parse_level(const char *s);
void log_set_program(const char *name);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
_Noreturn void log_fatal_at(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_fatal(...) log_fatal_at(__FILE__, __LINE__, __VA_ARGS__)

/* An invariant that must hold; failure is a bug, reported with file:line. */
#define YK_ASSERT(cond) \
	do { if (!(cond)) log_fatal_at(__FILE__, __LINE__, "assertion failed: %s", #cond); } while (0)

#endif
