/*
 * outbox.c — yokectl outbox list: what the server has to send to the
 * outside world (escalation e-mails and webhooks) and what became of it:
 * delivered when, or how many tries failed, why, and when the next is.
 *
 *   outbox list [--pending] [--limit N] [--json]
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int list_exec(struct ctl *ctl, int argc, char **argv);

extern const struct ctl_cmd ctl_cmd_outbox;

static const struct ctl_option list_options[] = {
	{ "--pending", N_("only the messages not delivered yet, the next to be tried first") },
	{ "--limit N", N_("at most N messages (default 50, at most 1000)") },
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl outbox list", N_("the newest messages and whether they arrived") },
	{ "yokectl outbox list --pending", N_("what is still waiting, and why the last try failed") },
	{ NULL, NULL },
};

static const struct ctl_cmd ctl_cmd_outbox_list = {
	.name = "list",
	.parent = &ctl_cmd_outbox,
	.group = CTL_GROUP_TRACE,
	.usage = N_("[--pending] [--limit N] [--json]"),
	.summary = N_("the outbox's messages, newest first"),
	.description = N_("Lists the e-mails and webhook messages the server has written for "
	    "escalations: to whom, by which channel, and whether they were delivered. A message "
	    "that failed is tried again later, each wait twice the one before (at most an hour); "
	    "its last error and next try are shown."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};

static const struct ctl_cmd *const outbox_subs[] = { &ctl_cmd_outbox_list, NULL };

const struct ctl_cmd ctl_cmd_outbox = {
	.name = "outbox",
	.group = CTL_GROUP_TRACE,
	.usage = "list [...]",
	.summary = N_("the notifications the server sends out: delivered or waiting"),
	.subs = outbox_subs,
};

static const char *
when(char *buf, size_t size, int64_t us)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	if (us == 0)
		return "-";
	localtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static void
entry_json(FILE *f, const Yoke__OutboxEntry *e)
{
	fprintf(f, "{\"id\":%llu", (unsigned long long)e->id);
	json_field(f, "key", e->key);
	json_field(f, "channel", e->channel);
	json_field(f, "to", e->to);
	json_field(f, "subject", e->subject);
	fprintf(f, ",\"created_us\":%lld,\"attempts\":%u,\"delivered\":%s",
	    (long long)e->created_us, e->attempts, e->delivered ? "true" : "false");
	if (e->delivered)
		fprintf(f, ",\"delivered_us\":%lld", (long long)e->delivered_us);
	else
		fprintf(f, ",\"next_try_us\":%lld", (long long)e->next_try_us);
	json_field(f, "last_error", e->last_error);
	fputc('}', f);
}

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__OutboxQuery q = YOKE__OUTBOX_QUERY__INIT;
	Yoke__Reply *rp;
	const char *limit = NULL;
	bool json = false, pending = false;
	uint64_t n = 0;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--pending", .flag = &pending }, { .name = "--limit", .value = &limit },
		{ .name = "--json", .flag = &json }, { .name = NULL },
	};

	if ((rc = ctl_parse(&ctl_cmd_outbox_list, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (limit && (!ctl_count(limit, 1000, &n) || n == 0))
		return ctl_usage_why(&ctl_cmd_outbox_list, _("--limit: expected a whole number from 1 "
		    "to 1000, got \"%s\""), limit);
	q.pending = pending;
	q.limit = (uint32_t)n;
	rq.body_case = YOKE__REQUEST__BODY_OUTBOX;
	rq.outbox = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (rp->body_case != YOKE__REPLY__BODY_OUTBOX) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer is not an outbox listing"));
	}
	if (json) {
		printf("{\"matched\":%u,\"messages\":[", rp->outbox->matched);
		for (size_t i = 0; i < rp->outbox->n_entries; i++) {
			if (i)
				putchar(',');
			entry_json(stdout, rp->outbox->entries[i]);
		}
		printf("]}\n");
	} else {
		printf(pending ? P_("%u message waiting\n", "%u messages waiting\n",
		    rp->outbox->matched) : P_("%u message in the outbox\n", "%u messages in the outbox\n",
		    rp->outbox->matched), rp->outbox->matched);
		for (size_t i = 0; i < rp->outbox->n_entries; i++) {
			const Yoke__OutboxEntry *e = rp->outbox->entries[i];
			char t1[32], t2[32];
			printf("%6llu  %-8s %s\n", (unsigned long long)e->id, e->channel, e->to);
			printf("        %s\n", e->key);
			if (e->delivered)
				printf(_("        delivered %s (try %u)\n"), when(t1, sizeof t1, e->delivered_us),
				    e->attempts);
			else if (e->attempts == 0)
				printf(_("        waiting since %s\n"), when(t1, sizeof t1, e->created_us));
			else
				printf(P_("        %u try failed, next at %s: %s\n",
				    "        %u tries failed, next at %s: %s\n", e->attempts), e->attempts,
				    when(t2, sizeof t2, e->next_try_us), e->last_error);
		}
	}
	client_reply_free(rp);
	return CTL_OK;
}
