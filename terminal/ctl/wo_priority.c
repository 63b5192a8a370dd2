/*
 * wo_priority.c — yokectl wo priority: a work order's priority changed
 * from a desk, signed by a lead with a reason (the line monitor's F2 page
 * does the same at a terminal; server/line/req-wo-priority.c).
 *
 *   yokectl wo priority WO --to 1-9 --reason TEXT --sign BADGE [--json]
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_wo;
static int priority_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--to 1-9", N_("the new priority: 1 is the most urgent") },
	{ N_("--reason TEXT"), N_("why, kept with the change") },
	{ "--sign BADGE", N_("the lead who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts: the work order, the priority before and after, "
	    "the units requeued") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl wo priority WO-1002 --to 1 --reason \"customer line down\" --sign 3001",
	  N_("WO-1002's units still queued go to the front of their queues") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_wo_priority = {
	.name = "priority",
	.parent = &ctl_cmd_wo,
	.group = CTL_GROUP_WORK,
	.usage = N_("WO --to 1-9 --reason TEXT --sign BADGE [--json]"),
	.summary = N_("change a work order's priority, signed by a lead"),
	.description = N_("Changes a work order's priority: its units still waiting in a queue "
	    "are queued again at the new priority, in one transaction, and the change is kept "
	    "in the log with who signed it and why. Signed by a lead (badge and PIN)."),
	.options = options,
	.examples = examples,
	.exec = priority_exec,
};

static int
priority_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WorkOrderPriority p = YOKE__WORK_ORDER_PRIORITY__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *to = NULL, *reason = NULL;
	Yoke__Reply *rp;
	bool json = false;
	uint64_t n;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--to", .value = &to },
		{ .name = "--reason", .value = &reason },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	if ((rc = ctl_parse(&ctl_cmd_wo_priority, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw != 1)
		return ctl_usage_why(&ctl_cmd_wo_priority, _("which work order? Its number comes "
		    "first"));
	if (to == NULL || !ctl_count(to, 9, &n))
		return ctl_usage_why(&ctl_cmd_wo_priority, _("--to expects a priority from 1 (most "
		    "urgent) to 9"));
	if (reason == NULL)
		return ctl_usage_why(&ctl_cmd_wo_priority, _("--reason is needed: why the priority "
		    "changes"));
	p.work_order = (char *)words[0];
	p.priority = (uint32_t)n;
	p.reason = (char *)reason;
	if ((rc = ctl_signers_read(ctl, &ctl_cmd_wo_priority, &s)) != CTL_OK)
		return rc;
	p.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_WO_PRIORITY;
	rq.wo_priority = &p;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	if (json && rp->body_case == YOKE__REPLY__BODY_WO_PRIORITY) {
		printf("{\"work_order\":");
		json_string(stdout, rp->wo_priority->work_order);
		printf(",\"priority\":%u,\"was\":%u,\"units\":%u}\n", rp->wo_priority->priority,
		    rp->wo_priority->was, rp->wo_priority->units);
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}
