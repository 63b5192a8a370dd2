/*
 * ctl.c — yokectl main: global options, the command table, dispatch.
 *
 *   yokectl [--server ENDPOINT] [--timeout MS] COMMAND [ARGS...]
 *
 * Each command lives in its own file (terminal/ctl-<name>.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "shared/log.h"
#include "shared/util.h"
#include "terminal/ctl.h"

extern const struct ctl_cmd ctl_cmd_load, ctl_cmd_wo, ctl_cmd_label, ctl_cmd_queue,
    ctl_cmd_trace, ctl_cmd_units, ctl_cmd_gs1, ctl_cmd_sample, ctl_cmd_spc;

static const struct ctl_cmd *const commands[] = {
	&ctl_cmd_load, &ctl_cmd_wo, &ctl_cmd_units, &ctl_cmd_queue, &ctl_cmd_trace,
	&ctl_cmd_label, &ctl_cmd_gs1, &ctl_cmd_sample, &ctl_cmd_spc,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
usage(FILE *f)
{
	fprintf(f, "usage: yokectl [--server ENDPOINT] [--timeout MS] COMMAND [ARGS...]\n\n"
	    "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n  %8s   %s\n", commands[i]->name, commands[i]->usage, "",
		    commands[i]->summary);
	fprintf(f, "\nThe server endpoint defaults to $YOKE_SERVER or %s.\n", YOKE_DEFAULT_ENDPOINT);
}

Yoke__Reply *
ctl_call(struct ctl *ctl, Yoke__Request *rq)
{
	Yoke__Reply *rp;
	if (ctl->client == NULL) {
		struct client_options opt = { .timeout_ms = ctl->timeout_ms, .offline_after = 1,
			.ping_ms = 0 };
		char terminal[96];
		snprintf(terminal, sizeof terminal, "yokectl-%d-%lld", (int)getpid(),
		    (long long)now_us());
		ctl->client = client_new(ctl->server, terminal, &opt);
	}
	rp = client_call(ctl->client, rq, ctl->tries);
	if (rp == NULL)
		fprintf(stderr, "yokectl: server %s did not answer (is yoked running?)\n", ctl->server);
	return rp;
}

int
ctl_request(struct ctl *ctl, Yoke__Request *rq, Yoke__Reply **out)
{
	Yoke__Reply *rp = ctl_call(ctl, rq);
	int rc;

	*out = NULL;
	if (rp == NULL)
		return CTL_OFFLINE;
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		rc = ctl_refused(rp);
		client_reply_free(rp);
		return rc;
	}
	if ((int)rp->body_case != (int)rq->body_case) {
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
	struct ctl ctl = { .timeout_ms = 2000, .tries = 3 };
	int i = 1, rc;

	log_set_program("yokectl");
	ctl.server = getenv("YOKE_SERVER");
	if (ctl.server == NULL || ctl.server[0] == '\0')
		ctl.server = YOKE_DEFAULT_ENDPOINT;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--server") == 0 && i + 1 < argc)
			ctl.server = argv[++i];
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
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
	if (i >= argc) {
		usage(stderr);
		return CTL_USAGE;
	}
	for (size_t k = 0; k < NCOMMANDS; k++) {
		if (strcmp(commands[k]->name, argv[i]) == 0) {
			rc = commands[k]->exec(&ctl, argc - i, argv + i);
			if (ctl.client)
				client_free(ctl.client);
			return rc;
		}
	}
	fprintf(stderr, "yokectl: unknown command \"%s\"\n", argv[i]);
	usage(stderr);
	return CTL_USAGE;
}
