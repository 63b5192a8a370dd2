/*
 * ctl.h — yokectl, the command line for engineers and admins.
 *
 * One file per command (terminal/ctl-<name>.c), each defining one
 * `const struct ctl_cmd ctl_cmd_<name>` that terminal/ctl.c lists in its
 * table. A command parses its own arguments (argv[0] is its name), prints
 * its result to stdout (JSON with --json, so scripts can read it) and its
 * errors to stderr, and returns the process exit status: 0 success,
 * 1 refused or invalid input, 2 usage error, 3 server unreachable.
 */
#ifndef YOKE_CTL_H
#define YOKE_CTL_H

#include <stdbool.h>
#include <stdio.h>

#include "proto/client.h"
#include "shared/cert.h"

struct ctl {
	const char *server;      /* endpoint, from --server, $YOKE_SERVER, the certificate or default */
	struct client *client;   /* connected on first ctl_call */
	int timeout_ms;          /* per try */
	int tries;
	/* Who: the installation's certificate (--cert, $YOKE_CERT; none: plain
	 * mode), and the person who signs in when a request needs one
	 * (--badge, $YOKE_BADGE; the PIN from --pin-fd or asked at the tty). */
	struct cert cert;
	bool has_cert;
	const char *badge;
	int pin_fd;              /* -1: ask at /dev/tty */
	bool signed_in;
};

struct ctl_cmd {
	const char *name;
	const char *usage;       /* arguments after the name */
	const char *summary;
	int (*exec)(struct ctl *ctl, int argc, char **argv);
};

enum { CTL_OK = 0, CTL_REFUSED = 1, CTL_USAGE = 2, CTL_OFFLINE = 3 };

/*
 * Sends one request and waits for its reply, retrying with the same request
 * number (client.h). Returns the reply, or NULL after printing
 * "yokectl: server <endpoint> did not answer" to stderr. A reply whose
 * status is not OK is returned as it is; ctl_refused prints it.
 */
Yoke__Reply *ctl_call(struct ctl *ctl, Yoke__Request *rq);
/*
 * ctl_call for the common case: returns CTL_OK with *out set to a reply
 * whose status is OK and whose body is the one that answers rq (for the
 * requests yokectl sends, the reply body has the request body's number),
 * or prints why not and returns CTL_OFFLINE or CTL_REFUSED.
 */
int ctl_request(struct ctl *ctl, Yoke__Request *rq, Yoke__Reply **out);
/*
 * Signs the person in (badge + PIN, a desk session). ctl_request does it by
 * itself when the server answers that a request needs a session; commands
 * call it only to sign in before anything else. CTL_OK or an exit status.
 */
int ctl_sign_in(struct ctl *ctl);
/*
 * Reads a secret line: from fd when fd >= 0 (scripts), else from /dev/tty
 * with echo off after printing prompt there. False (and why on stderr) when
 * neither works or the line is empty.
 */
bool ctl_read_secret(int fd, const char *prompt, char *buf, size_t size);
/* Prints "yokectl: <STATUS_NAME>: <message>" to stderr; returns CTL_REFUSED. */
int ctl_refused(const Yoke__Reply *rp);
/* Arguments of the form "WORD [--json]" (in any order): CTL_OK with *word
 * and *json set, or the usage and CTL_USAGE. */
int ctl_word_args(const struct ctl_cmd *cmd, int argc, char **argv, char **word, bool *json);
/* Prints "usage: yokectl <name> <usage>" to stderr; returns CTL_USAGE. */
int ctl_usage(const struct ctl_cmd *cmd);

/* JSON output helpers: a string with every control and non-ASCII-safe
 * character escaped (UTF-8 is passed through). */
void json_string(FILE *f, const char *s);
/* ,"key":"value" — a field after the first one of a JSON object. */
void json_field(FILE *f, const char *key, const char *value);

#endif
