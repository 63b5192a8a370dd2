/*
 * ctl_run.h — the real yokectl, run as a child process by the integration
 * tests of its commands (it_ctl_*.c): the installation's certificate and
 * the PINs it reads on descriptor 3 (--pin-fd 3), in a chosen language,
 * with what it printed kept for the checks.
 */
#ifndef YOKE_CTL_RUN_H
#define YOKE_CTL_RUN_H

#include "tests/lib/check.h"

#include <string.h>

/* Set by ctl_run_paths; what the last run printed (NUL-terminated). */
extern char ctl_cert[700], ctl_pins[700];
extern char *ctl_out, *ctl_err;

/* $YOKE_BIN/yokectl, or bin/yokectl. */
const char *ctl_path(void);
/* The certificate to run with; the PINs file, stdout and stderr captures
 * go in dir (the test's yoked root). */
void ctl_run_paths(const char *cert, const char *dir);
/* Runs yokectl --cert CERT --pin-fd 3 ARGS... with LANG=lang: its exit
 * status, or -1. */
int ctl_run(const char *lang, const char *const *args);

#define RUN_CTL(lang, ...) ctl_run((lang), (const char *const[]){ __VA_ARGS__, NULL })

/* A run and its exit status; on a surprise, what it printed. */
#define EXPECT_RC(want, lang, ...) do { \
	int rc_ = RUN_CTL(lang, __VA_ARGS__); \
	if (rc_ != (want)) \
		check_fail(__FILE__, __LINE__, "exit %d, expected %d; stdout: %.300s stderr: %.300s", \
		    rc_, (want), ctl_out ? ctl_out : "", ctl_err ? ctl_err : ""); \
} while (0)

#define HAS(text, what) do { \
	if ((text) == NULL || strstr((text), (what)) == NULL) \
		check_fail(__FILE__, __LINE__, "\"%s\" not in: %.600s", (what), (text) ? (text) : ""); \
} while (0)

#define LACKS(text, what) do { \
	if ((text) != NULL && strstr((text), (what)) != NULL) \
		check_fail(__FILE__, __LINE__, "\"%s\" in: %.600s", (what), (text)); \
} while (0)

#endif
