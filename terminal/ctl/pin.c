/*
 * pin.c — yokectl pin: PINs for signatures.
 *
 *   yokectl pin set BADGE [--new-pin-fd N] [--json]     an admin sets a person's PIN
 *   yokectl pin change BADGE [--new-pin-fd N] [--json]  a person changes their own
 *
 * `set` needs an admin signed in (--badge and the admin's PIN). The very
 * first admin signs in without a PIN while no admin has one, and sets their
 * own. `change` needs no sign-in: the old PIN is the proof. New PINs are
 * asked twice at the terminal, without echo, or read once from --new-pin-fd
 * (and the old one from --pin-fd) in scripts.
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_pin;
static int set_exec(struct ctl *ctl, int argc, char **argv);
static int change_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option pin_options[] = {
	{ "--new-pin-fd N", N_("read the new PIN once from file descriptor N (scripts); default: "
	    "asked twice at the terminal, not shown") },
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example set_examples[] = {
	{ "yokectl --badge 9001 pin set 9001", N_("the first admin sets their own PIN (no admin has "
	    "one yet, so no PIN is asked to sign in)") },
	{ "yokectl --badge 9001 pin set 3001", N_("an admin sets an inspector's PIN: the admin's PIN, "
	    "then the new one twice") },
	{ NULL, NULL },
};

static const struct ctl_example change_examples[] = {
	{ "yokectl pin change 3001", N_("the current PIN, then the new one twice") },
	{ NULL, NULL },
};

static const struct ctl_cmd pin_set = {
	.name = "set",
	.parent = &ctl_cmd_pin,
	.group = CTL_GROUP_KEYS,
	.usage = N_("BADGE [--new-pin-fd N] [--json]"),
	.summary = N_("an admin sets a person's PIN"),
	.description = N_("Sets the PIN a person signs with (inspections, releases). It needs an "
	    "admin signed in: --badge (or $YOKE_BADGE) and the admin's PIN. While no admin has a "
	    "PIN, the first admin signs in without one and sets their own first."),
	.options = pin_options,
	.examples = set_examples,
	.exec = set_exec,
};

static const struct ctl_cmd pin_change = {
	.name = "change",
	.parent = &ctl_cmd_pin,
	.group = CTL_GROUP_KEYS,
	.usage = N_("BADGE [--new-pin-fd N] [--json]"),
	.summary = N_("change your own PIN (the current PIN is the proof)"),
	.description = N_("Changes a person's own PIN: the current PIN (from --pin-fd, or typed) is "
	    "the proof, so nobody needs to sign in. Five wrong PINs in a row lock the badge for a "
	    "while."),
	.options = pin_options,
	.examples = change_examples,
	.exec = change_exec,
};

static const struct ctl_cmd *const pin_subs[] = { &pin_set, &pin_change, NULL };

const struct ctl_cmd ctl_cmd_pin = {
	.name = "pin",
	.group = CTL_GROUP_KEYS,
	.usage = N_("set BADGE | change BADGE   [--new-pin-fd N] [--json]"),
	.summary = N_("PINs for signatures: set one (admin), or change your own"),
	.description = N_("The PINs people sign with: an admin sets them, a person changes their "
	    "own (also at a terminal with @PIN)."),
	.subs = pin_subs,
};

static bool
new_pin(int fd, const char *badge, char *buf, size_t size)
{
	char prompt[160], again[80];
	snprintf(prompt, sizeof prompt, _("New PIN of badge %s"), badge);
	if (!ctl_read_secret(fd, prompt, buf, size))
		return false;
	if (fd >= 0)
		return true;
	if (!ctl_read_secret(-1, _("The new PIN again"), again, sizeof again))
		return false;
	if (strcmp(again, buf) != 0) {
		explicit_bzero(again, sizeof again);
		ctl_fail(CTL_ST_USAGE, _("the two new PINs differ; nothing changed"));
		return false;
	}
	explicit_bzero(again, sizeof again);
	return true;
}

/* "BADGE [--new-pin-fd N] [--json]": CTL_OK, or a usage error's status. */
static int
parse(const struct ctl_cmd *cmd, int argc, char **argv, const char **badge, int *fd, bool *json)
{
	*badge = NULL;
	*fd = -1;
	*json = false;
	for (int i = 1; i < argc; i++) {
		char *end;
		if (strcmp(argv[i], "--json") == 0) {
			*json = true;
		} else if (strcmp(argv[i], "--new-pin-fd") == 0) {
			long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : -1;
			if (i + 1 >= argc || *argv[i + 1] == '\0' || *end != '\0' || v < 0 || v > 1024)
				return ctl_usage_why(cmd, _("--new-pin-fd expects a file descriptor number"));
			*fd = (int)v;
			i++;
		} else if (argv[i][0] == '-') {
			return ctl_usage_why(cmd, _("unknown option %s"), argv[i]);
		} else if (*badge == NULL) {
			*badge = argv[i];
		} else {
			return ctl_usage_why(cmd, _("one badge at a time, got %s and %s"), *badge, argv[i]);
		}
	}
	if (*badge == NULL)
		return ctl_usage_why(cmd, _("whose PIN? Give the badge"));
	return CTL_OK;
}

static int
done(Yoke__Reply *rp, const char *badge, bool json)
{
	if (json) {
		printf("{\"badge\":");
		json_string(stdout, badge);
		json_field(stdout, "message", rp->message);
		printf("}\n");
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
set_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetPin sp = YOKE__SET_PIN__INIT;
	Yoke__Reply *rp;
	const char *badge;
	char fresh[80];
	bool json;
	int fd, rc;

	if ((rc = parse(&pin_set, argc, argv, &badge, &fd, &json)) != CTL_OK)
		return rc;
	/* Sign in first, so the admin's PIN is asked before the new one. */
	if ((rc = ctl_sign_in(ctl)) != CTL_OK)
		return rc;
	if (!new_pin(fd, badge, fresh, sizeof fresh))
		return CTL_USAGE;
	sp.badge = (char *)badge;
	sp.pin = fresh;
	rq.body_case = YOKE__REQUEST__BODY_SET_PIN;
	rq.set_pin = &sp;
	rc = ctl_request(ctl, &rq, &rp);
	explicit_bzero(fresh, sizeof fresh);
	return rc != CTL_OK ? rc : done(rp, badge, json);
}

static int
change_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ChangePin cp = YOKE__CHANGE_PIN__INIT;
	Yoke__Reply *rp;
	const char *badge;
	char fresh[80], old[80], prompt[160];
	bool json;
	int fd, rc;

	if ((rc = parse(&pin_change, argc, argv, &badge, &fd, &json)) != CTL_OK)
		return rc;
	snprintf(prompt, sizeof prompt, _("Current PIN of badge %s"), badge);
	if (!ctl_read_secret(ctl->pin_fd, prompt, old, sizeof old))
		return CTL_USAGE;
	if (!new_pin(fd, badge, fresh, sizeof fresh)) {
		explicit_bzero(old, sizeof old);
		return CTL_USAGE;
	}
	cp.badge = (char *)badge;
	cp.old_pin = old;
	cp.new_pin = fresh;
	rq.body_case = YOKE__REQUEST__BODY_CHANGE_PIN;
	rq.change_pin = &cp;
	rc = ctl_request(ctl, &rq, &rp);
	explicit_bzero(fresh, sizeof fresh);
	explicit_bzero(old, sizeof old);
	return rc != CTL_OK ? rc : done(rp, badge, json);
}
