/*
 * ctl.c — yokectl main: global options, the command table, dispatch, and
 * who is asking (the installation's certificate; the person's badge and
 * PIN, signed in when a request needs a session and signed out at exit).
 *
 *   yokectl [--server ENDPOINT] [--cert FILE] [--badge B] [--pin-fd N] [--timeout MS]
 *           COMMAND [ARGS...]
 *
 * Each command lives in its own file (terminal/ctl-<name>.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include <unistd.h>

#include "shared/log.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"

extern const struct ctl_cmd ctl_cmd_load, ctl_cmd_wo, ctl_cmd_label, ctl_cmd_queue,
    ctl_cmd_trace, ctl_cmd_units, ctl_cmd_gs1, ctl_cmd_sample, ctl_cmd_spc, ctl_cmd_keys,
    ctl_cmd_pin;

static const struct ctl_cmd *const commands[] = {
	&ctl_cmd_load, &ctl_cmd_wo, &ctl_cmd_units, &ctl_cmd_queue, &ctl_cmd_trace,
	&ctl_cmd_label, &ctl_cmd_gs1, &ctl_cmd_sample, &ctl_cmd_spc, &ctl_cmd_keys, &ctl_cmd_pin,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
usage(FILE *f)
{
	fprintf(f, "usage: yokectl [--server ENDPOINT] [--cert FILE] [--badge B] [--pin-fd N] "
	    "[--timeout MS] COMMAND [ARGS...]\n\n"
	    "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n  %8s   %s\n", commands[i]->name, commands[i]->usage, "",
		    commands[i]->summary);
	fprintf(f, "\n"
	    "  --cert FILE   this installation's certificate (default $YOKE_CERT; an admin makes it\n"
	    "                with `yokectl keys enrol NAME`); without one, only a yoked started with\n"
	    "                --plain answers\n"
	    "  --badge B     who signs in when a command needs a person (load, wo release, pin set);\n"
	    "                default $YOKE_BADGE\n"
	    "  --pin-fd N    read that person's PIN from file descriptor N (scripts); default: asked\n"
	    "                at the terminal without echo\n"
	    "\nThe server endpoint defaults to $YOKE_SERVER, the certificate's server, or %s.\n",
	    YOKE_DEFAULT_ENDPOINT);
}

bool
ctl_read_secret(int fd, const char *prompt, char *buf, size_t size)
{
	size_t n = 0;
	bool tty = fd < 0;
	struct termios old, quiet;
	char ch;

	if (tty && (fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0) {
		fprintf(stderr, "yokectl: %s is asked at a terminal, and there is none: give --pin-fd\n",
		    prompt);
		return false;
	}
	if (tty) {
		if (write(fd, prompt, strlen(prompt)) < 0 || write(fd, ": ", 2) < 0) {
			close(fd);
			return false;
		}
		tcgetattr(fd, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	for (;;) {
		ssize_t r = read(fd, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || ch == '\n')
			break;
		if (ch != '\r' && n + 1 < size)
			buf[n++] = ch;
	}
	buf[n] = '\0';
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) < 0) {
			/* nothing to do: the line was read */
		}
		close(fd);
	}
	if (n == 0) {
		fprintf(stderr, "yokectl: expected %s, got an empty line\n", prompt);
		return false;
	}
	return true;
}

static struct client *
client_for(struct ctl *ctl)
{
	struct client_options opt = { .timeout_ms = ctl->timeout_ms, .offline_after = 1, .ping_ms = 0,
		.cert = ctl->has_cert ? &ctl->cert : NULL };
	char terminal[96];
	snprintf(terminal, sizeof terminal, "yokectl-%d-%lld", (int)getpid(), (long long)now_us());
	return client_new(ctl->server, terminal, &opt);
}

Yoke__Reply *
ctl_call(struct ctl *ctl, Yoke__Request *rq)
{
	Yoke__Reply *rp;
	if (ctl->client == NULL)
		ctl->client = client_for(ctl);
	rp = client_call(ctl->client, rq, ctl->tries);
	if (rp == NULL)
		fprintf(stderr, "yokectl: server %s did not answer (is yoked running?%s)\n", ctl->server,
		    ctl->has_cert ? "" : " Without --cert only a yoked in plain mode answers");
	return rp;
}

int
ctl_sign_in(struct ctl *ctl)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	Yoke__Reply *rp;
	char pin[80] = "", prompt[120];
	int rc = CTL_OK;

	if (ctl->signed_in)
		return CTL_OK;
	if (str_empty(ctl->badge)) {
		fprintf(stderr, "yokectl: this needs a person: give --badge B (or $YOKE_BADGE) with the "
		    "PIN from --pin-fd N or the terminal\n");
		return CTL_USAGE;
	}
	b.station = (char *)"";
	b.badge = (char *)ctl->badge;
	b.pin = pin;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	/* The server says whether a PIN is needed (the first admin has none). */
	for (int round = 0; round < 2; round++) {
		if ((rp = ctl_call(ctl, &rq)) == NULL) {
			rc = CTL_OFFLINE;
			break;
		}
		if (rp->status == YOKE__STATUS__STATUS_PIN_REQUIRED && round == 0) {
			client_reply_free(rp);
			snprintf(prompt, sizeof prompt, "PIN of badge %s", ctl->badge);
			if (!ctl_read_secret(ctl->pin_fd, prompt, pin, sizeof pin)) {
				rc = CTL_USAGE;
				break;
			}
			continue;
		}
		if (rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_BADGE_IN) {
			fprintf(stderr, "yokectl: sign-in of badge %s refused: ", ctl->badge);
			rc = ctl_refused(rp);
		} else {
			client_set_session(ctl->client, rp->badge_in->session);
			ctl->signed_in = true;
		}
		client_reply_free(rp);
		break;
	}
	explicit_bzero(pin, sizeof pin);
	return rc;
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

int
ctl_request(struct ctl *ctl, Yoke__Request *rq, Yoke__Reply **out)
{
	Yoke__Reply *rp = ctl_call(ctl, rq);
	int rc;

	*out = NULL;
	if (rp == NULL)
		return CTL_OFFLINE;
	if (rp->status == YOKE__STATUS__STATUS_NOT_BADGED_IN && !ctl->signed_in) {
		/* The server's table says this needs a person: sign in, ask again. */
		client_reply_free(rp);
		if ((rc = ctl_sign_in(ctl)) != CTL_OK)
			return rc;
		if ((rp = ctl_call(ctl, rq)) == NULL)
			return CTL_OFFLINE;
	}
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		rc = ctl_refused(rp);
		client_reply_free(rp);
		return rc;
	}
	/* These answer with words only; every other answer has the body of
	 * the request's own number. */
	bool wordy = rq->body_case == YOKE__REQUEST__BODY_SET_PIN ||
	    rq->body_case == YOKE__REQUEST__BODY_CHANGE_PIN ||
	    rq->body_case == YOKE__REQUEST__BODY_BADGE_OUT;
	if (!(wordy && rp->body_case == YOKE__REPLY__BODY__NOT_SET) &&
	    (int)rp->body_case != (int)rq->body_case) {
		fprintf(stderr, "yokectl: the server's answer has no result for this request (%s)\n",
		    rp->message);
		client_reply_free(rp);
		return CTL_REFUSED;
	}
	*out = rp;
	return CTL_OK;
}

int
ctl_refused(const Yoke__Reply *rp)
{
	fprintf(stderr, "yokectl: %s: %s\n", status_name(rp->status), rp->message);
	return CTL_REFUSED;
}

int
ctl_word_args(const struct ctl_cmd *cmd, int argc, char **argv, char **word, bool *json)
{
	*word = NULL;
	*json = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			*json = true;
		else if (*word == NULL && argv[i][0] != '\0')
			*word = argv[i];
		else
			return ctl_usage(cmd);
	}
	return *word ? CTL_OK : ctl_usage(cmd);
}

int
ctl_usage(const struct ctl_cmd *cmd)
{
	fprintf(stderr, "usage: yokectl %s %s\n", cmd->name, cmd->usage);
	return CTL_USAGE;
}

void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void
json_field(FILE *f, const char *key, const char *value)
{
	fprintf(f, ",\"%s\":", key);
	json_string(f, value);
}

int
main(int argc, char **argv)
{
	struct ctl ctl = { .timeout_ms = 2000, .tries = 3, .pin_fd = -1 };
	const char *certfile = getenv("YOKE_CERT");
	char err[600];
	int i = 1, rc;

	log_set_program("yokectl");
	ctl.server = getenv("YOKE_SERVER");
	ctl.badge = getenv("YOKE_BADGE");
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--server") == 0 && i + 1 < argc)
			ctl.server = argv[++i];
		else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc)
			certfile = argv[++i];
		else if (strcmp(argv[i], "--badge") == 0 && i + 1 < argc)
			ctl.badge = argv[++i];
		else if (strcmp(argv[i], "--pin-fd") == 0 && i + 1 < argc) {
			char *end;
			long fd = strtol(argv[++i], &end, 10);
			if (*end != '\0' || fd < 0 || fd > 1024) {
				fprintf(stderr, "yokectl: --pin-fd expects a file descriptor number, got \"%s\"\n",
				    argv[i]);
				return CTL_USAGE;
			}
			ctl.pin_fd = (int)fd;
		} else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
			ctl.timeout_ms = atoi(argv[++i]);
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "yokectl: unknown option %s\n", argv[i]);
			usage(stderr);
			return CTL_USAGE;
		}
	}
	if (ctl.timeout_ms <= 0)
		ctl.timeout_ms = 2000;
	if (!str_empty(certfile)) {
		if (!cert_read(certfile, CERT_DEVICE, &ctl.cert, err, sizeof err)) {
			fprintf(stderr, "yokectl: %s\n", err);
			return CTL_USAGE;
		}
		ctl.has_cert = true;
		if (str_empty(ctl.server) && ctl.cert.server[0])
			ctl.server = ctl.cert.server;
	}
	if (str_empty(ctl.server))
		ctl.server = YOKE_DEFAULT_ENDPOINT;
	if (i >= argc) {
		usage(stderr);
		return CTL_USAGE;
	}
	for (size_t k = 0; k < NCOMMANDS; k++) {
		if (strcmp(commands[k]->name, argv[i]) == 0) {
			rc = commands[k]->exec(&ctl, argc - i, argv + i);
			if (ctl.client) {
				sign_out(&ctl);
				client_free(ctl.client);
			}
			return rc;
		}
	}
	fprintf(stderr, "yokectl: unknown command \"%s\"\n", argv[i]);
	usage(stderr);
	return CTL_USAGE;
}
