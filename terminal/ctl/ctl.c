/*
 * ctl.c — yokectl main: the language, the options before the command,
 * dispatch through the command table (commands.c), and who is asking (the
 * installation's certificate; the person's badge, signed in when a request
 * needs a session and signed out at exit).
 *
 *   yokectl [--server ENDPOINT] [--cert FILE] [--badge B] [--pin-fd N] [--timeout MS]
 *           COMMAND [SUB-COMMAND] [ARGUMENTS...]
 *   yokectl --help | --version | --list-commands
 *   yokectl COMMAND [SUB-COMMAND] --help
 *
 * Each command lives in its own file (ctl.h); commands.c lists them, help.c
 * prints the help from that table, report.c the errors, call.c talks to
 * the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/log.h"
#include "shared/util.h"
#include "shared/version.h"
#include "terminal/ctl/ctl.h"

static const struct ctl_cmd *
find(const struct ctl_cmd *const *cmds, const char *name)
{
	for (; cmds && *cmds; cmds++)
		if (strcmp((*cmds)->name, name) == 0 || ((*cmds)->alias &&
		    strcmp((*cmds)->alias, name) == 0))
			return *cmds;
	return NULL;
}

/* --help or -h among a command's arguments (not after "--", where it would
 * be data, such as a serial). */
static bool
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

/* --json anywhere on the line (not after "--"): errors are JSON from the
 * first one on, even a bad option before the command. */
static bool
wants_json(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--json") == 0)
			return true;
	}
	return false;
}

static void
sign_out(struct ctl *ctl)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeOut b = YOKE__BADGE_OUT__INIT;
	if (!ctl->signed_in)
		return;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_OUT;
	rq.badge_out = &b;
	client_reply_free(client_call(ctl->client, &rq, ctl->tries));
	ctl->signed_in = false;
}

/* The command line names no command, or one yokectl does not have. */
static int
no_command(const char *name)
{
	char *why;
	int rc;

	if (name)
		why = xasprintf(_("unknown command \"%s\" (yokectl --help lists them)"), name);
	else
		why = xasprintf(_("which command? yokectl --help lists them"));
	rc = ctl_fail(CTL_ST_USAGE, "%s", why);
	free(why);
	return rc;
}

/* Runs the command named by argv[0] (and argv[1], a sub-command). With
 * json_before, --json was given before the command: the command gets it as
 * its first argument, where it parses it as its own. */
static int
run(struct ctl *ctl, int argc, char **argv, bool json_before)
{
	const struct ctl_cmd *cmd = find(ctl_commands, argv[0]), *sub;
	char **args = NULL;
	int rc;

	if (cmd == NULL)
		return no_command(argv[0]);
	if (cmd->subs && argc > 1 && (sub = find(cmd->subs, argv[1])) != NULL) {
		cmd = sub;
		argc--;
		argv++;
	}
	if (wants_help(argc, argv)) {
		ctl_help(stdout, cmd);
		return CTL_OK;
	}
	if (cmd->exec == NULL) {
		if (argc > 1 && argv[1][0] != '-')
			return ctl_usage_why(cmd, _("yokectl %s has no command \"%s\""), cmd->name, argv[1]);
		return ctl_usage_why(cmd, _("yokectl %s needs a command"), cmd->name);
	}
	if (json_before && !wants_json(argc, argv)) {
		args = xcalloc((size_t)argc + 2, sizeof *args);
		args[0] = argv[0];
		args[1] = (char *)"--json";
		memcpy(args + 2, argv + 1, (size_t)(argc - 1) * sizeof *args);
		argv = args;
		argc++;
	}
	rc = cmd->exec(ctl, argc, argv);
	explicit_bzero(ctl->signin_pin, sizeof ctl->signin_pin);
	ctl->has_signin_pin = false;
	free(args);
	if (ctl->client) {
		sign_out(ctl);
		client_free(ctl->client);
	}
	return rc;
}

static bool
option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
	if (strcmp(argv[*i], name) != 0)
		return false;
	if (*i + 1 >= argc) {
		*value = NULL;
		return true;
	}
	*value = argv[++*i];
	return true;
}

int
main(int argc, char **argv)
{
	struct ctl ctl = { .timeout_ms = 2000, .tries = 3, .pin_fd = -1 };
	const char *certfile = getenv("YOKE_CERT"), *v;
	char err[600], *end;
	int i = 1;
	bool json_before = false;

	log_set_program("yokectl");
	i18n_init();
	i18n_from_environment();
	ctl_set_json(wants_json(argc, argv));
	ctl.server = getenv("YOKE_SERVER");
	ctl.badge = getenv("YOKE_BADGE");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			ctl_help_all(stdout);
			return CTL_OK;
		} else if (strcmp(o, "--version") == 0) {
			version_print(stdout, "yokectl");
			return CTL_OK;
		} else if (strcmp(o, "--list-commands") == 0) {
			ctl_list_commands(stdout);
			return CTL_OK;
		} else if (strcmp(o, "--json") == 0) {
			json_before = true;   /* seen by wants_json too */
		} else if (option_value(argc, argv, &i, "--server", &v) ||
		    option_value(argc, argv, &i, "--cert", &v) ||
		    option_value(argc, argv, &i, "--badge", &v) ||
		    option_value(argc, argv, &i, "--pin-fd", &v) ||
		    option_value(argc, argv, &i, "--timeout", &v)) {
			if (v == NULL)
				return ctl_fail(CTL_ST_USAGE, _("%s needs a value (yokectl --help)"), o);
			if (strcmp(o, "--server") == 0)
				ctl.server = v;
			else if (strcmp(o, "--cert") == 0)
				certfile = v;
			else if (strcmp(o, "--badge") == 0)
				ctl.badge = v;
			else if (strcmp(o, "--pin-fd") == 0) {
				long fd = strtol(v, &end, 10);
				if (*v == '\0' || *end != '\0' || fd < 0 || fd > 1024)
					return ctl_fail(CTL_ST_USAGE, _("--pin-fd expects a file descriptor "
					    "number (0 to 1024), got \"%s\""), v);
				ctl.pin_fd = (int)fd;
			} else {
				long ms = strtol(v, &end, 10);
				if (*v == '\0' || *end != '\0' || ms < 1 || ms > 3600000)
					return ctl_fail(CTL_ST_USAGE, _("--timeout expects milliseconds (1 to "
					    "3600000), got \"%s\""), v);
				ctl.timeout_ms = (int)ms;
			}
		} else {
			return ctl_fail(CTL_ST_USAGE, _("unknown option %s (yokectl --help lists them)"), o);
		}
	}
	if (i >= argc)
		return no_command(NULL);
	if (!str_empty(certfile) && !wants_help(argc - i, argv + i)) {
		if (!cert_read(certfile, CERT_DEVICE, &ctl.cert, err, sizeof err))
			return ctl_fail(CTL_ST_IO, "%s", err);
		ctl.has_cert = true;
		if (str_empty(ctl.server) && ctl.cert.server[0])
			ctl.server = ctl.cert.server;
	}
	if (str_empty(ctl.server))
		ctl.server = YOKE_DEFAULT_ENDPOINT;
	return run(&ctl, argc - i, argv + i, json_before);
}
