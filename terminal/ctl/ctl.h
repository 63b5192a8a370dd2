/*
 * ctl.h — yokectl, the command line for engineers and admins.
 *
 * One file per command (terminal/ctl/<name>.c), each defining a `const
 * struct ctl_cmd` that ctl.c lists in its table. The table entry is the
 * command's whole description as data — its group in `yokectl --help`, its
 * arguments, options, examples and sub-commands — so `yokectl --help`,
 * `yokectl COMMAND --help`, usage errors and the tests that walk every
 * command read one place per command.
 *
 * A command parses its own arguments (argv[0] is its name; for a
 * sub-command, the sub-command's name), prints its result to stdout (JSON
 * with --json, so scripts can read it), reports a failure with ctl_fail
 * and returns the process exit status:
 *
 *   0 CTL_OK       done
 *   1 CTL_REFUSED  refused by the server, or the input is invalid
 *   2 CTL_USAGE    a wrong option or argument
 *   3 CTL_OFFLINE  the server did not answer
 *   4 CTL_LOCAL    a file, folder or certificate here cannot be read or
 *                  written (or this machine cannot make keys)
 *
 * Under --json every failure is one JSON object on stdout, {"error":
 * "<the message, in the person's language>", "status": "<STATUS>"}, where
 * STATUS is the server's status name (NOT_FOUND, ...) or one of the
 * CTL_ST_* words below. Without --json it is "yokectl: <message>" on
 * stderr, and status names are never shown.
 *
 * Every text a person reads goes through _() (shared/i18n.h); JSON keys,
 * the enum names in JSON and data never do.
 */
#ifndef YOKE_CTL_H
#define YOKE_CTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "proto/client.h"
#include "shared/cert.h"
#include "shared/i18n.h"

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
	/* A command that signs a decision signs in as its first signer with
	 * the PIN already read for the signature (sign.c), so one PIN does
	 * both: ctl_sign_in uses it instead of asking. Wiped after the command. */
	char signin_pin[80];
	bool has_signin_pin;
};

enum { CTL_OK = 0, CTL_REFUSED = 1, CTL_USAGE = 2, CTL_OFFLINE = 3, CTL_LOCAL = 4 };

/* The "status" of a JSON error that yokectl finds itself. */
#define CTL_ST_INVALID "invalid"   /* 1: the input is wrong (a definition file, a scan, a number) */
#define CTL_ST_REFUSED "refused"   /* 1: the state here says no (a device enrolled already) */
#define CTL_ST_PROTOCOL "protocol" /* 1: the server's answer does not fit the request */
#define CTL_ST_USAGE "usage"       /* 2 */
#define CTL_ST_OFFLINE "offline"   /* 3 */
#define CTL_ST_IO "io"             /* 4: a file, folder or certificate here */
#define CTL_ST_LOCAL "local"       /* 4: this machine cannot (no CURVE, no key pair) */

/* Where a command is listed in `yokectl --help`. */
enum ctl_group {
	CTL_GROUP_WORK,          /* definitions and work orders */
	CTL_GROUP_TRACE,         /* tracing */
	CTL_GROUP_NC,            /* holds, nonconformances and defects */
	CTL_GROUP_MATERIALS,     /* receiving and lots */
	CTL_GROUP_LABELS,        /* labels and codes */
	CTL_GROUP_QUALITY,       /* quality math */
	CTL_GROUP_KEYS,          /* keys and PINs */
	CTL_GROUP_COUNT
};

struct ctl_option {
	/* "--out DIR": N_() when the value is named in words (DIR, FILE: a
	 * translation names it in the person's language), as it is when there
	 * is nothing to translate ("--json", "--qty N"). Printed with _(). */
	const char *flag;
	const char *help;        /* N_() */
};

struct ctl_example {
	const char *line;        /* a command line, as typed (never translated) */
	const char *what;        /* N_(): what it does */
};

struct ctl_cmd {
	const char *name;        /* "trace"; a sub-command: "unit" */
	const char *alias;       /* another spelling accepted ("enroll"), or NULL */
	const struct ctl_cmd *parent;          /* a sub-command's command, else NULL */
	enum ctl_group group;
	const char *usage;       /* N_(): the arguments after the name (as flag, above) */
	const char *summary;     /* N_(): one line */
	const char *description; /* N_(): a paragraph, or NULL */
	const struct ctl_option *options;      /* ends with { NULL, NULL }; or NULL */
	const struct ctl_example *examples;    /* ends with { NULL, NULL }; or NULL */
	const struct ctl_cmd *const *subs;     /* sub-commands, NULL-terminated; or NULL */
	/* NULL for a command that only groups sub-commands (yokectl keys). */
	int (*exec)(struct ctl *ctl, int argc, char **argv);
};

/* The command table, in the order `yokectl --help` lists it (NULL-terminated; commands.c). */
extern const struct ctl_cmd *const ctl_commands[];

/*
 * Reports a failure and returns its exit status (CTL_USAGE for "usage",
 * CTL_OFFLINE for "offline", CTL_LOCAL for "io" and "local", else
 * CTL_REFUSED). The message is formatted from fmt (already translated by
 * the caller) and printed as "yokectl: <message>" to stderr, or under
 * --json as {"error":...,"status":...} to stdout.
 */
int ctl_fail(const char *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A remark that does not end the command ("skipped a bad file"): always
 * "yokectl: <message>" on stderr, also under --json. */
void ctl_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when the command line has --json: results and errors are JSON. */
bool ctl_json(void);
/* Set once by main from the command line. */
void ctl_set_json(bool on);
/* The exit status of a status word (see ctl_fail). */
int ctl_exit_status(const char *status);

/*
 * Sends one request and waits for its reply, retrying with the same request
 * number (client.h). Returns the reply, or NULL after reporting that the
 * server did not answer (ctl_fail "offline"). A reply whose status is not
 * OK is returned as it is; ctl_refused reports it.
 */
Yoke__Reply *ctl_call(struct ctl *ctl, Yoke__Request *rq);
/*
 * ctl_call for the common case: returns CTL_OK with *out set to a reply
 * whose status is OK and whose body is the one that answers rq (most reply
 * bodies have the request body's number; HoldRelease is answered by a
 * HoldReply, every NCR request by an NcrReply, every CAPA request by a
 * CapaReply, MoveUnit by a UnitView: ctl_reply_body), or reports
 * why not and returns CTL_OFFLINE or CTL_REFUSED.
 */
int ctl_request(struct ctl *ctl, Yoke__Request *rq, Yoke__Reply **out);
/* The reply body that answers a request body (yoke.proto). */
Yoke__Reply__BodyCase ctl_reply_body(Yoke__Request__BodyCase rq);
/*
 * Signs the person in (badge + PIN, a desk session). ctl_request does it by
 * itself when the server answers that a request needs a session; commands
 * call it only to sign in before anything else. CTL_OK or an exit status.
 */
int ctl_sign_in(struct ctl *ctl);
/*
 * Reads a secret line: from fd when fd >= 0 (scripts), else from /dev/tty
 * with echo off after printing prompt (translated by the caller) there.
 * False (and why, reported as a usage error) when neither works or the
 * line is empty.
 */
bool ctl_read_secret(int fd, const char *prompt, char *buf, size_t size);
/* Reports the server's refusal: its message, which is in the person's
 * language already; under --json with the status name. Returns CTL_REFUSED. */
int ctl_refused(const Yoke__Reply *rp);
/* As ctl_refused, with a translated lead-in ("sign-in of badge 4001 refused"). */
int ctl_refused_as(const Yoke__Reply *rp, const char *lead);

/* Arguments of the form "WORD [--json]" (in any order): CTL_OK with *word
 * and *json set, or a usage error. In args.c, as the rest of this block. */
int ctl_word_args(const struct ctl_cmd *cmd, int argc, char **argv, char **word, bool *json);

/*
 * One option of a command, for ctl_parse: "--reason" with one value (given
 * twice is a usage error), a flag without a value ("--all"), or an option
 * that may be given up to `max` times ("--sign"), each value appended to
 * many[] and counted in *n_many. Exactly one of value, flag, many is set.
 */
struct ctl_opt {
	const char *name;
	const char **value;
	bool *flag;
	const char **many;
	size_t *n_many;
	size_t max;
};
/*
 * Parses argv[1..argc-1] of cmd: the options of opts (ended by a NULL
 * name; in any order, anywhere on the line), and up to max_words other
 * words into words[] (*n_words of them). "--" ends the options: every
 * argument after it is a word, even one that starts with "-" (a serial).
 * An unknown option, an option without its value (or with an empty one),
 * an option given twice, too many words: a usage error that says which.
 * CTL_OK or CTL_USAGE.
 */
int ctl_parse(const struct ctl_cmd *cmd, int argc, char **argv, const struct ctl_opt *opts,
    const char **words, size_t max_words, size_t *n_words);
/* A date YYYY-MM-DD (a real one) as the microseconds of its midnight UTC.
 * False when s is not such a date. */
bool ctl_date_us(const char *s, int64_t *us);
/* A whole number 1..max written in decimal digits only. */
bool ctl_count(const char *s, unsigned long max, uint64_t *out);

/*
 * The people who sign one decision (--sign BADGE, in command-line order)
 * and their PINs. A command collects the badges with ctl_parse, then
 * ctl_signers_read asks each PIN (at the terminal without echo, or one a
 * line from --pin-fd), in order, and makes the first signer the person the
 * command signs in as, with that same PIN (sign.c). The PINs never come
 * from the command line.
 */
#define CTL_SIGNERS_MAX 8
#define CTL_PIN_MAX 80
struct ctl_signers {
	const char *badge[CTL_SIGNERS_MAX];
	size_t n;
	char pin[CTL_SIGNERS_MAX][CTL_PIN_MAX];
	Yoke__Signature sig[CTL_SIGNERS_MAX];
	Yoke__Signature *ptr[CTL_SIGNERS_MAX];   /* for a repeated field */
};
/* Checks the badges (n of them: at least one, no badge twice; a usage error
 * of cmd otherwise), reads every PIN, fills sig[] and ptr[]. CTL_OK or the
 * exit status of what failed. */
int ctl_signers_read(struct ctl *ctl, const struct ctl_cmd *cmd, struct ctl_signers *s);
/* Wipes the PINs (also ctl's copy). */
void ctl_signers_wipe(struct ctl *ctl, struct ctl_signers *s);
/* A usage error: "wrong arguments" and the command's usage line; returns CTL_USAGE. */
int ctl_usage(const struct ctl_cmd *cmd);
/* A usage error that says what was wrong (fmt translated by the caller). */
int ctl_usage_why(const struct ctl_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* `yokectl CMD --help`: usage, description, options, sub-commands, examples. */
void ctl_help(FILE *f, const struct ctl_cmd *cmd);
/* `yokectl --help`: the global options, every command by group, examples,
 * exit statuses and environment. */
void ctl_help_all(FILE *f);
/* `yokectl --list-commands`: every command and sub-command path, one a line. */
void ctl_list_commands(FILE *f);
/* The options before the command (ctl.c parses them; help.c shows them). */
extern const struct ctl_option ctl_global_options[];
/* "trace unit": the command's words after "yokectl". */
void ctl_cmd_path(const struct ctl_cmd *cmd, char *buf, size_t size);

/*
 * The HTML report of a period (report_html.c): `report --html FILE --from
 * YYYY-MM-DD --to YYYY-MM-DD [--period day|week|month] [--lang en|zh_CN]
 * [--plant NAME] [--json]`, FILE also accepted as the last word. argv[0] is
 * the command's name; a command that hands its --html on passes its argv
 * as it is. An exit status.
 */
int ctl_report_html(struct ctl *ctl, int argc, char **argv);

/* mkdir -p: creates dir and its missing parents. 0, or -1 with errno set
 * (ENOTDIR when dir exists and is not a folder). In label.c. */
int ctl_make_dirs(const char *dir);

/* JSON output helpers: a string with every control and non-ASCII-safe
 * character escaped (UTF-8 is passed through). */
void json_string(FILE *f, const char *s);
/* ,"key":"value" — a field after the first one of a JSON object. */
void json_field(FILE *f, const char *key, const char *value);

#endif
