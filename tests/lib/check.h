/*
 * check.h — the smallest test harness that tells the truth.
 *
 * A test binary defines test functions and calls RUN(fn) for each from
 * main, then returns check_done(). Every RUN prints one line,
 * "PASS name" or "FAIL name: file:line: what", which tests/run.sh counts.
 * A failed CHECK records the failure and the test goes on; REQUIRE stops
 * the test function.
 */
#ifndef YOKE_CHECK_H
#define YOKE_CHECK_H

#include <stdbool.h>
#include <string.h>

extern int check_failed_in_test;

void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void check_run(const char *name, void (*fn)(void));
int check_done(void);

#define RUN(fn) check_run(#fn, fn)

#define CHECK(cond) \
	do { if (!(cond)) check_fail(__FILE__, __LINE__, "%s", #cond); } while (0)
#define REQUIRE(cond) \
	do { if (!(cond)) { check_fail(__FILE__, __LINE__, "%s", #cond); return; } } while (0)
#define CHECK_STR(a, b) \
	do { const char *a_ = (a), *b_ = (b); \
	     if (!a_ || !b_ || strcmp(a_, b_) != 0) \
		check_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, #b, \
		    a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)
#define CHECK_INT(a, b) \
	do { long long a_ = (long long)(a), b_ = (long long)(b); \
	     if (a_ != b_) check_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, a_, b_); } while (0)
#define CHECK_NEAR(a, b, eps) \
	do { double a_ = (a), b_ = (b); \
	     if (!(a_ - b_ <= (eps) && b_ - a_ <= (eps))) \
		check_fail(__FILE__, __LINE__, "%s ~= %s: %.9g != %.9g", #a, #b, a_, b_); } while (0)

#endif
