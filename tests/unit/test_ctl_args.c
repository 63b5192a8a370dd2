/*
 * test_ctl_args.c — yokectl's quality-loop commands refuse a wrong command
 * line before they ask a PIN or call the server, with exit status 2 and a
 * sentence that says what was expected: hold, release, ncr raise |
 * disposition | close | list, defects pareto (and --by supplier, which
 * yoke cannot answer: exit 1, no data made up). The same lines made right
 * get past the checks: they read their PINs and call a server that is not
 * there (exit 3), so a check that let everything through, or refused
 * everything, fails here. Also: the date of --since, the reply body of
 * each new request, and the new status codes' words and exit status.
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/ncr.h"
#include "tests/lib/check.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const struct ctl_cmd ctl_cmd_hold, ctl_cmd_release, ctl_cmd_holds, ctl_cmd_defects;

static char said[4096];          /* what the last command wrote to stderr */
static int pins_read;            /* PINs the last command took from its --pin-fd */

static const struct ctl_cmd *
sub(const struct ctl_cmd *cmd, const char *name)
{
	for (const struct ctl_cmd *const *s = cmd->subs; s && *s; s++)
		if (strcmp((*s)->name, name) == 0)
			return *s;
	return NULL;
}

/*
 * Runs cmd's exec on line (split at spaces; "_" stands for an empty
 * argument) as yokectl would, against a server that does not answer, with
 * PINs ready on --pin-fd. Returns its exit status; stderr is kept in said.
 */
static int
run(const struct ctl_cmd *cmd, const char *line)
{
	struct ctl ctl = { .server = "tcp://127.0.0.1:1", .timeout_ms = 30, .tries = 1, .pin_fd = -1 };
	char *copy = strdup(line), *argv[256], *save = NULL;
	int argc = 0, rc, pins[2], err, saved;
	FILE *cap = tmpfile();
	ssize_t got;

	if (copy == NULL || cap == NULL || pipe(pins) != 0)
		abort();
	argv[argc++] = (char *)cmd->name;
	for (char *w = strtok_r(copy, " ", &save); w && argc < 255; w = strtok_r(NULL, " ", &save))
		argv[argc++] = strcmp(w, "_") == 0 ? (char *)"" : w;
	argv[argc] = NULL;
	if (write(pins[1], "2468\n1357\n9999\n", 15) != 15)
		abort();
	close(pins[1]);
	ctl.pin_fd = pins[0];
	fflush(stderr);
	saved = dup(2);
	err = fileno(cap);
	dup2(err, 2);
	rc = cmd->exec(&ctl, argc, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(cap);
	got = (ssize_t)fread(said, 1, sizeof said - 1, cap);
	said[got > 0 ? got : 0] = '\0';
	fclose(cap);
	/* What is left on the PIN pipe tells how many lines were read. */
	{
		char rest[64];
		ssize_t n = read(pins[0], rest, sizeof rest);
		pins_read = n == 15 ? 0 : n == 10 ? 1 : n == 5 ? 2 : n <= 0 ? 3 : -1;
	}
	close(pins[0]);
	if (ctl.client)
		client_free(ctl.client);
	CHECK(!ctl.has_signin_pin);
	for (size_t i = 0; i < sizeof ctl.signin_pin; i++)
		CHECK(ctl.signin_pin[i] == '\0');
	free(copy);
	return rc;
}

/* A usage error that says `why` and asks no PIN. */
#define REFUSED(cmd, line, why) \
	do { \
		CHECK_INT(run(cmd, line), CTL_USAGE); \
		if (strstr(said, why) == NULL) \
			check_fail(__FILE__, __LINE__, "\"%s\": expected \"%s\" in: %s", line, why, said); \
		CHECK_INT(pins_read, 0); \
	} while (0)

/* Past every check: the PINs of its n signers read, and no server. */
#define ACCEPTED(cmd, line, n) \
	do { \
		int rc_ = run(cmd, line); \
		if (rc_ != CTL_OFFLINE) \
			check_fail(__FILE__, __LINE__, "\"%s\": exit %d, expected %d (offline): %s", line, \
			    rc_, CTL_OFFLINE, said); \
		CHECK_INT(pins_read, n); \
	} while (0)

static void
hold_refusals(void)
{
	const struct ctl_cmd *c = &ctl_cmd_hold;
	REFUSED(c, "--reason x --sign 2001", "hold what?");
	REFUSED(c, "lot L1 --reason x --sign 2001", "Expected unit, units, wo, component or station");
	REFUSED(c, "unit --reason x --sign 2001", "hold unit needs what to hold");
	REFUSED(c, "unit S1 S2 --reason x --sign 2001", "takes one target");
	REFUSED(c, "wo W1 W2 --reason x --sign 2001", "takes one target");
	REFUSED(c, "component LOT-7 --reason x --sign 2001", "PART/LOT or PART/SERIAL");
	REFUSED(c, "component /LOT-7 --reason x --sign 2001", "PART/LOT or PART/SERIAL");
	REFUSED(c, "component A/B/C --reason x --sign 2001", "PART/LOT or PART/SERIAL");
	REFUSED(c, "units S1 S2 S1 --reason x --sign 2001", "S1 is named twice");
	REFUSED(c, "unit S1 --sign 2001", "--reason");
	REFUSED(c, "unit S1 --reason _ --sign 2001", "--reason needs a value");
	REFUSED(c, "unit S1 --reason x --reason y --sign 2001", "--reason is given twice");
	REFUSED(c, "unit S1 --reason x", "--sign BADGE");
	REFUSED(c, "unit S1 --reason x --sign 2001 --sign 3001", "--sign is given more than 1 time");
	REFUSED(c, "unit S1 --reason x --sign 2001 --pin 1234", "unknown option --pin");
	REFUSED(c, "unit S1 --reason x --sign", "--sign needs a value");
	ACCEPTED(c, "unit S1 --reason x --sign 2001", 1);
	ACCEPTED(c, "units S1 S2 S3 --reason Dropped --sign 2001 --json", 1);
	ACCEPTED(c, "component MCU-F407/LOT-2411-07 --reason recall --sign 3001", 1);
	ACCEPTED(c, "--reason x --sign 2001 station REFLOW-1", 1);
	/* 200 serials at most, and the refusal says so. */
	{
		char line[8192] = "units";
		for (int i = 1; i <= 201; i++)
			snprintf(line + strlen(line), sizeof line - strlen(line), " S%d", i);
		strcat(line, " --reason x --sign 2001");
		REFUSED(c, line, "hold units takes at most 200 serials, got 201");
		*strstr(line, " S201") = '\0';
		strcat(line, " --reason x --sign 2001");
		ACCEPTED(c, line, 1);
	}
	/* After "--" a serial may start with "-". */
	ACCEPTED(c, "--reason x --sign 2001 unit -- -S1", 1);
}

static void
release_refusals(void)
{
	const struct ctl_cmd *c = &ctl_cmd_release;
	REFUSED(c, "--reason x --sign 3001", "which hold?");
	REFUSED(c, "seven --reason x --sign 3001", "expected a hold number");
	REFUSED(c, "0 --reason x --sign 3001", "expected a hold number");
	REFUSED(c, "-7 --reason x --sign 3001", "unknown option -7");
	REFUSED(c, "7 8 --reason x --sign 3001", "one argument too many");
	REFUSED(c, "7 --sign 3001", "--reason TEXT");
	REFUSED(c, "7 --reason x", "--sign BADGE");
	ACCEPTED(c, "7 --reason re-inspected --sign 3001", 1);
}

static void
ncr_refusals(void)
{
	const struct ctl_cmd *raise = sub(&ctl_cmd_ncr, "raise"), *disp = sub(&ctl_cmd_ncr, "disposition"),
	    *close = sub(&ctl_cmd_ncr, "close"), *list = sub(&ctl_cmd_ncr, "list");

	REQUIRE(raise && disp && close && list);
	REFUSED(raise, "--defect BRIDGE --sign 3001", "which unit?");
	REFUSED(raise, "S1 --sign 3001", "--defect CODE");
	REFUSED(raise, "S1 S2 --defect BRIDGE --sign 3001", "one argument too many");
	REFUSED(raise, "S1 --defect BRIDGE", "--sign BADGE");
	ACCEPTED(raise, "S1 --defect BRIDGE --location U3 --note bridged --sign 3001", 1);
	/* On a lot: PART/LOT, and not with a serial. */
	REFUSED(raise, "S1 --lot IC-555/L1 --defect BRIDGE --sign 3001", "not both");
	REFUSED(raise, "--lot L1 --defect BRIDGE --sign 3001", "--lot expects PART/LOT");
	REFUSED(raise, "--lot IC-555/L1/2 --defect BRIDGE --sign 3001", "--lot expects PART/LOT");
	REFUSED(raise, "--lot /L1 --defect BRIDGE --sign 3001", "--lot expects PART/LOT");
	REFUSED(raise, "--lot IC-555/L1 --sign 3001", "--defect CODE");
	ACCEPTED(raise, "--lot IC-555/L1 --defect OXIDIZED --note wetting --sign 3001", 1);

	REFUSED(disp, "--sign 3001", "which NCR?");
	REFUSED(disp, "12 --sign 3001", "which disposition?");
	REFUSED(disp, "12 fix --sign 3001", "expected rework, repair, scrap, use-as-is, "
	    "return-to-supplier or sort");
	REFUSED(disp, "12 sort --op 900 --sign 3001", "rework only");
	REFUSED(disp, "12 return-to-supplier --sign 3001 --sign 4001", "only use-as-is takes more");
	REFUSED(disp, "12 scrap --op 900 --sign 3001", "rework only");
	REFUSED(disp, "12 rework --op nine --sign 3001", "--op expects an operation number");
	REFUSED(disp, "12 rework --remove A/1 --fit A/2 --sign 3001", "repair only");
	REFUSED(disp, "12 repair --remove A/1 --sign 3001", "(--fit PART/SERIAL)");
	REFUSED(disp, "12 repair --remove A1 --fit A/2 --sign 3001", "as PART/SERIAL");
	REFUSED(disp, "12 use-as-is --note ok --sign 3001", "two or more --sign");
	REFUSED(disp, "12 use-as-is --note ok --sign 3001 --sign 3001", "badge 3001 signs twice");
	REFUSED(disp, "12 scrap --sign 3001 --sign 4001", "only use-as-is takes more than one");
	REFUSED(disp, "12 scrap", "--sign BADGE");
	ACCEPTED(disp, "12 rework --op 900 --note U3 --sign 3001", 1);
	ACCEPTED(disp, "NCR-000012 repair --remove MOD-WIFI/WF1 --fit MOD-WIFI/WF2 --sign 3001", 1);
	ACCEPTED(disp, "12 use-as-is --note D-17 --sign 3001 --sign 4001", 2);
	ACCEPTED(disp, "12 use-as-is --sign 3001 --sign 4001 --sign 2001", 3);
	ACCEPTED(disp, "12 return-to-supplier --note RMA-5521 --sign 3001", 1);
	ACCEPTED(disp, "12 sort --sign 3001", 1);

	REFUSED(close, "--sign 3001", "which NCR?");
	REFUSED(close, "12 --note done", "--sign BADGE");
	ACCEPTED(close, "12 --note verified --sign 3001", 1);

	REFUSED(list, "--state shipped", "--state expects open, dispositioned or closed");
	REFUSED(list, "--since 2026-13-01", "--since expects a date YYYY-MM-DD");
	REFUSED(list, "--since 2026-02-29", "--since expects a date YYYY-MM-DD");
	REFUSED(list, "--since 1.11.2026", "--since expects a date YYYY-MM-DD");
	REFUSED(list, "open", "unexpected argument");
	ACCEPTED(list, "--state dispositioned --station REFLOW-1 --defect BRIDGE --wo W --serial S "
	    "--since 2028-02-29 --json", 0);
	REFUSED(list, "--lot IC-555", "--lot expects PART/LOT");
	ACCEPTED(list, "--lot IC-555/L1", 0);
}

static void
pareto_refusals(void)
{
	const struct ctl_cmd *c = sub(&ctl_cmd_defects, "pareto");

	REQUIRE(c != NULL);
	REFUSED(c, "--since 2026-11-01", "--by code, station, operator, part or supplier");
	REFUSED(c, "--by colour --since 2026-11-01", "--by expects code, station, operator, part or "
	    "supplier");
	REFUSED(c, "--by code", "--since YYYY-MM-DD");
	REFUSED(c, "--by code --since yesterday", "--since expects a date");
	/* Well formed, but NCRs name no supplier: refused (1), with the reason, and the
	 * server is not asked. */
	CHECK_INT(run(c, "--by supplier --since 2026-11-01"), CTL_REFUSED);
	CHECK(strstr(said, "does not record suppliers") != NULL);
	ACCEPTED(c, "--by operator --since 2026-11-01", 0);
	ACCEPTED(c, "--since 2026-11-01 --by part --json", 0);
	ACCEPTED(&ctl_cmd_holds, "--all --target WO-1", 0);
	REFUSED(&ctl_cmd_holds, "WO-1", "unexpected argument");
}

static void
since_dates(void)
{
	int64_t us = -1;
	CHECK(ctl_date_us("1970-01-02", &us));
	CHECK_INT(us, 86400LL * 1000000);
	CHECK(ctl_date_us("2000-03-01", &us));
	CHECK_INT(us, 951868800LL * 1000000);
	CHECK(ctl_date_us("2024-02-29", &us));
	CHECK_INT(us, 1709164800LL * 1000000);
	CHECK(!ctl_date_us("2023-02-29", &us));
	CHECK(!ctl_date_us("2026-1-01", &us));
	CHECK(!ctl_date_us("2026-11-01T00", &us));
	CHECK(!ctl_date_us("", &us));
	CHECK(!ctl_date_us(NULL, &us));
}

static void
reply_bodies(void)
{
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_HOLD), YOKE__REPLY__BODY_HOLD);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_RELEASE_HOLD), YOKE__REPLY__BODY_HOLD);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_HOLDS), YOKE__REPLY__BODY_HOLDS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_RAISE_NCR), YOKE__REPLY__BODY_NCRS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_NCRS), YOKE__REPLY__BODY_NCRS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_DISPOSITION), YOKE__REPLY__BODY_NCRS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_CLOSE_NCR), YOKE__REPLY__BODY_NCRS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_DEFECTS), YOKE__REPLY__BODY_DEFECTS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_TRACE), YOKE__REPLY__BODY_TRACE);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_WHERE_USED), YOKE__REPLY__BODY_WHERE_USED);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_SET_PIN), YOKE__REPLY__BODY__NOT_SET);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_MOVE_UNIT), YOKE__REPLY__BODY_UNIT);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_CAPA_UPDATE), YOKE__REPLY__BODY_CAPAS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_CAPAS), YOKE__REPLY__BODY_CAPAS);
	CHECK_INT(ctl_reply_body(YOKE__REQUEST__BODY_WORKLIST), YOKE__REPLY__BODY_WORKLIST);
}

/* The statuses of issue 8 reach a script by name (--json) and as exit 1. */
static void
new_statuses(void)
{
	CHECK_STR(status_name(YOKE__STATUS__STATUS_MEASURE_AGAIN), "MEASURE_AGAIN");
	CHECK_STR(status_name(YOKE__STATUS__STATUS_DEFECT_REQUIRED), "DEFECT_REQUIRED");
	CHECK_STR(status_name(YOKE__STATUS__STATUS_REWORK_LIMIT), "REWORK_LIMIT");
	CHECK_INT(ctl_exit_status("MEASURE_AGAIN"), CTL_REFUSED);
	CHECK_INT(ctl_exit_status("DEFECT_REQUIRED"), CTL_REFUSED);
	CHECK_INT(ctl_exit_status("REWORK_LIMIT"), CTL_REFUSED);
	CHECK_INT(ctl_exit_status(CTL_ST_USAGE), CTL_USAGE);
}

static void
ncr_numbers(void)
{
	char b[32];
	ncr_number("12", b, sizeof b);
	CHECK_STR(b, "NCR-000012");
	ncr_number("NCR-000012", b, sizeof b);
	CHECK_STR(b, "NCR-000012");
	ncr_number("0", b, sizeof b);
	CHECK_STR(b, "0");
	ncr_number("1234567", b, sizeof b);
	CHECK_STR(b, "NCR-1234567");
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(hold_refusals);
	RUN(release_refusals);
	RUN(ncr_refusals);
	RUN(pareto_refusals);
	RUN(since_dates);
	RUN(reply_bodies);
	RUN(new_statuses);
	RUN(ncr_numbers);
	return check_done();
}
