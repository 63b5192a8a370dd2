/* check.c — see check.h. */
#include "tests/lib/check.h"

#include <stdarg.h>
#include <stdio.h>

int check_failed_in_test;
static int passed, failed;
static char first_failure[512];

void
check_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	if (check_failed_in_test++ == 0) {
		int n = snprintf(first_failure, sizeof first_failure, "%s:%d: ", file, line);
		va_start(ap, fmt);
		if (n > 0 && (size_t)n < sizeof first_failure)
			vsnprintf(first_failure + n, sizeof first_failure - (size_t)n, fmt, ap);
		va_end(ap);
	} else {
		fprintf(stderr, "  also %s:%d\n", file, line);
	}
}

void
check_run(const char *name, void (*fn)(void))
{
	check_failed_in_test = 0;
	fn();
	if (check_failed_in_test) {
		failed++;
		printf("FAIL %s: %s\n", name, first_failure);
	} else {
		passed++;
		printf("PASS %s\n", name);
	}
	fflush(stdout);
}

int
check_done(void)
{
	return failed ? 1 : 0;
}
