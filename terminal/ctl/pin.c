/*
 * ctl-pin.c — yokectl pin: PINs for signatures.
 *
 *   yokectl pin set BADGE [--new-pin-fd N]     an admin sets a person's PIN
 *   yokectl pin change BADGE [--new-pin-fd N]  a person changes their own
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

static int pin_exec(struct ctl *ctl, int argc, char **argv);

const struct ctl_cmd ctl_cmd_pin = {
	"pin", "set BADGE | change BADGE   [--new-pin-fd N]",
	"set a person's PIN (admin), or change your own (the old PIN is the proof)",
	pin_exec,
};

static bool
new_pin(int fd, const char *badge, char *buf, size_t size)
{
	char prompt[120], again[80];
	snprintf(prompt, sizeof prompt, "New PIN of badge %s", badge);
	if (!ctl_read_secret(fd, prompt, buf, size))
		return false;
	if (fd >= 0)
		return true;
	if (!ctl_read_secret(-1, "The new PIN again", again, sizeof again))
		return false;
	if (strcmp(again, buf) != 0) {
		explicit_bzero(again, sizeof again);
		fprintf(stderr, "yokectl: the two new PINs differ; nothing changed\n");
		return false;
	}
	explicit_bzero(again, sizeof again);
	return true;
}

static int
pin_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetPin sp = YOKE__SET_PIN__INIT;
	Yoke__ChangePin cp = YOKE__CHANGE_PIN__INIT;
	Yoke__Reply *rp;
	char fresh[80], old[80], prompt[120];
	int fd = -1, rc;
	bool set;

	if (argc < 3 || (strcmp(argv[1], "set") != 0 && strcmp(argv[1], "change") != 0))
		return ctl_usage(&ctl_cmd_pin);
	set = strcmp(argv[1], "set") == 0;
	for (int i = 3; i < argc; i++) {
		char *end;
		if (strcmp(argv[i], "--new-pin-fd") != 0 || i + 1 >= argc)
			return ctl_usage(&ctl_cmd_pin);
		fd = (int)strtol(argv[++i], &end, 10);
		if (*end != '\0' || fd < 0)
			return ctl_usage(&ctl_cmd_pin);
	}
	if (set) {
		/* Sign in first, so the admin's PIN is asked before the new one. */
		if ((rc = ctl_sign_in(ctl)) != CTL_OK)
			return rc;
		if (!new_pin(fd, argv[2], fresh, sizeof fresh))
			return CTL_USAGE;
		sp.badge = argv[2];
		sp.pin = fresh;
		rq.body_case = YOKE__REQUEST__BODY_SET_PIN;
		rq.set_pin = &sp;
	} else {
		snprintf(prompt, sizeof prompt, "Current PIN of badge %s", argv[2]);
		if (!ctl_read_secret(ctl->pin_fd, prompt, old, sizeof old))
			return CTL_USAGE;
		if (!new_pin(fd, argv[2], fresh, sizeof fresh)) {
			explicit_bzero(old, sizeof old);
			return CTL_USAGE;
		}
		cp.badge = argv[2];
		cp.old_pin = old;
		cp.new_pin = fresh;
		rq.body_case = YOKE__REQUEST__BODY_CHANGE_PIN;
		rq.change_pin = &cp;
	}
	rc = ctl_request(ctl, &rq, &rp);
	explicit_bzero(fresh, sizeof fresh);
	explicit_bzero(old, sizeof old);
	if (rc != CTL_OK)
		return rc;
	printf("%s\n", rp->message);
	client_reply_free(rp);
	return CTL_OK;
}
