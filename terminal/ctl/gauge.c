/*
 * gauge.c — yokectl gauge: the gauges and equipment of the pre-start gate
 * (server/gate/gate.h) with their due dates in force, calibrations and
 * blocks:
 *
 *   list       every gauge and equipment, or those due within N days
 *   show       one, with who calibrated and who blocked it
 *   calibrate  records a calibration: the next due date, signed by an
 *              inspector or an engineer
 *   block      blocks one, signed, with the reason
 *   unblock    unblocks one, signed, with the reason
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_gauge;

static int list_exec(struct ctl *ctl, int argc, char **argv);
static int show_exec(struct ctl *ctl, int argc, char **argv);
static int calibrate_exec(struct ctl *ctl, int argc, char **argv);
static int block_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option list_options[] = {
	{ "--due-within DAYS", N_("only those due within DAYS days, or overdue") },
	{ "--json", N_("print JSON for scripts: every gauge in full") },
	{ NULL, NULL },
};
static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts: the gauge in full") },
	{ NULL, NULL },
};
static const struct ctl_option calibrate_options[] = {
	{ "--due YYYY-MM-DD", N_("the next calibration due date (today or later)") },
	{ "--certificate TEXT", N_("the calibration certificate's number or text") },
	{ "--sign BADGE", N_("the inspector or engineer who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts: the gauge after") },
	{ NULL, NULL },
};
static const struct ctl_option block_options[] = {
	{ "--reason TEXT", N_("why (dropped, damaged, lost, found again...)") },
	{ "--sign BADGE", N_("the lead, inspector or engineer who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts: the gauge after") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl gauge list --due-within 30", N_("what must be calibrated within a month") },
	{ NULL, NULL },
};
static const struct ctl_example show_examples[] = {
	{ "yokectl gauge show G-0012", N_("its due date, certificate and block") },
	{ NULL, NULL },
};
static const struct ctl_example calibrate_examples[] = {
	{ "yokectl gauge calibrate G-0012 --due 2027-06-30 --certificate CAL-2291 --sign 4001",
	  N_("record a calibration, signed by inspector 4001") },
	{ NULL, NULL },
};
static const struct ctl_example unblock_examples[] = {
	{ "yokectl gauge unblock G-0012 --reason \"checked, within tolerance\" --sign 4001",
	  N_("stations may use it again") },
	{ NULL, NULL },
};
static const struct ctl_example block_examples[] = {
	{ "yokectl gauge block G-0012 --reason \"dropped\" --sign 3001",
	  N_("no station may use it until it is unblocked") },
	{ NULL, NULL },
};

static const struct ctl_cmd gauge_list = {
	.name = "list",
	.parent = &ctl_cmd_gauge,
	.group = CTL_GROUP_QUALITY,
	.usage = N_("[--due-within DAYS] [--json]"),
	.summary = N_("gauges and equipment with their due dates"),
	.description = N_("Lists every gauge and equipment by id: kind, the due date in force "
	    "(the last calibration's, else the definitions'), days left, and whether it is "
	    "blocked."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};
static const struct ctl_cmd gauge_show = {
	.name = "show",
	.parent = &ctl_cmd_gauge,
	.group = CTL_GROUP_QUALITY,
	.usage = N_("ID [--json]"),
	.summary = N_("one gauge or equipment: due date, calibration, block"),
	.description = NULL,
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};
static const struct ctl_cmd gauge_calibrate = {
	.name = "calibrate",
	.parent = &ctl_cmd_gauge,
	.group = CTL_GROUP_QUALITY,
	.usage = N_("ID --due YYYY-MM-DD [--certificate TEXT] --sign BADGE [--json]"),
	.summary = N_("record a calibration and its next due date, signed"),
	.description = N_("Records a calibration, signed by an inspector or an engineer. From "
	    "then on its due date rules; a load of the definitions never undoes it (their due= "
	    "is only the first due date)."),
	.options = calibrate_options,
	.examples = calibrate_examples,
	.exec = calibrate_exec,
};
static const struct ctl_cmd gauge_block = {
	.name = "block",
	.parent = &ctl_cmd_gauge,
	.group = CTL_GROUP_QUALITY,
	.usage = N_("ID --reason TEXT --sign BADGE [--json]"),
	.summary = N_("block a gauge or equipment, signed, with the reason"),
	.description = N_("A blocked gauge or equipment is refused at every step until it is "
	    "unblocked."),
	.options = block_options,
	.examples = block_examples,
	.exec = block_exec,
};
static const struct ctl_cmd gauge_unblock = {
	.name = "unblock",
	.parent = &ctl_cmd_gauge,
	.group = CTL_GROUP_QUALITY,
	.usage = N_("ID --reason TEXT --sign BADGE [--json]"),
	.summary = N_("unblock a gauge or equipment, signed, with the reason"),
	.description = NULL,
	.options = block_options,
	.examples = unblock_examples,
	.exec = block_exec,
};

static const struct ctl_cmd *const gauge_subs[] = { &gauge_list, &gauge_show, &gauge_calibrate,
	&gauge_block, &gauge_unblock, NULL };

const struct ctl_cmd ctl_cmd_gauge = {
	.name = "gauge",
	.group = CTL_GROUP_QUALITY,
	.usage = "list | show | calibrate | block | unblock   [...] [--json]",
	.summary = N_("gauges and equipment: calibration due dates and blocks"),
	.description = N_("The gauges and equipment of the definitions (gauge, equipment). A step "
	    "with gauge=KIND takes only one of that kind that is calibrated (its due date not "
	    "passed) and not blocked."),
	.subs = gauge_subs,
};

/* ---- output ---- */

static void
signature_json(const char *key, const Yoke__SignatureRecord *s)
{
	char when[32];
	if (s == NULL || str_empty(s->badge))
		return;
	format_time_us(s->time_us, when, sizeof when);
	printf(",\"%s\":{", key);
	printf("\"badge\":");
	json_string(stdout, s->badge);
	json_field(stdout, "name", s->name);
	json_field(stdout, "time", when);
	putchar('}');
}

static void
gauge_json(const Yoke__GaugeInfo *g)
{
	printf("{\"id\":");
	json_string(stdout, g->id);
	json_field(stdout, "name", g->name);
	json_field(stdout, "kind", g->kind);
	printf(",\"equipment\":%s", g->equipment ? "true" : "false");
	json_field(stdout, "due", g->due);
	printf(",\"calibrated\":%s,\"days_left\":%d", g->calibrated ? "true" : "false",
	    (int)g->days_left);
	json_field(stdout, "certificate", g->certificate);
	signature_json("calibrated_by", g->calibrated_by);
	printf(",\"blocked\":%s", g->blocked ? "true" : "false");
	json_field(stdout, "block_reason", g->block_reason);
	signature_json("blocked_by", g->blocked_by);
	printf(",\"usable\":%s}", g->usable ? "true" : "false");
}

/* "overdue", "blocked", "due in 3 days" */
static const char *
state_text(const Yoke__GaugeInfo *g, char *buf, size_t size)
{
	if (g->blocked)
		snprintf(buf, size, "%s", _("BLOCKED"));
	else if (g->days_left < 0)
		snprintf(buf, size, "%s", _("OVERDUE"));
	else
		snprintf(buf, size, P_("%d day left", "%d days left", (unsigned long)g->days_left),
		    (int)g->days_left);
	return buf;
}

static int
query(struct ctl *ctl, Yoke__GaugeQuery *q, Yoke__Reply **rp)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	rq.body_case = YOKE__REQUEST__BODY_GAUGES;
	rq.gauges = q;
	return ctl_request(ctl, &rq, rp);
}

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__GaugeQuery q = YOKE__GAUGE_QUERY__INIT;
	const char *within = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	uint64_t days = 0;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--due-within", .value = &within },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	if ((rc = ctl_parse(&gauge_list, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (within && strcmp(within, "0") != 0 && !ctl_count(within, 36500, &days))
		return ctl_usage_why(&gauge_list, _("--due-within: expected a number of days from 0 "
		    "to 36500, got \"%s\""), within);
	q.has_due_within = within != NULL;
	q.due_within = (uint32_t)days;
	if ((rc = query(ctl, &q, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"gauges\":[");
		for (size_t i = 0; i < rp->gauges->n_gauges; i++) {
			if (i)
				putchar(',');
			gauge_json(rp->gauges->gauges[i]);
		}
		printf("],\"matched\":%u}\n", rp->gauges->matched);
	} else {
		char state[64];
		if (rp->gauges->n_gauges == 0)
			printf("%s\n", _("No gauge or equipment matches."));
		for (size_t i = 0; i < rp->gauges->n_gauges; i++) {
			const Yoke__GaugeInfo *g = rp->gauges->gauges[i];
			printf("%-14s %-12s %s  %-14s %s\n", g->id, g->kind, g->due,
			    state_text(g, state, sizeof state), g->name);
		}
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__GaugeQuery q = YOKE__GAUGE_QUERY__INIT;
	const char *words[1];
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	if ((rc = ctl_parse(&gauge_show, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw != 1)
		return ctl_usage_why(&gauge_show, _("expected the gauge or equipment id"));
	q.gauge = (char *)words[0];
	if ((rc = query(ctl, &q, &rp)) != CTL_OK)
		return rc;
	if (rp->gauges->n_gauges == 1) {
		const Yoke__GaugeInfo *g = rp->gauges->gauges[0];
		char state[64], when[32];
		if (json) {
			gauge_json(g);
			putchar('\n');
		} else {
			printf("%s  %s  (%s)\n", g->id, g->name, g->kind);
			printf(_("Due:         %s (%s), %s\n"), g->due, g->calibrated ?
			    _("last calibration") : _("definitions"), state_text(g, state, sizeof state));
			if (g->calibrated_by && !str_empty(g->calibrated_by->badge)) {
				format_time_us(g->calibrated_by->time_us, when, sizeof when);
				printf(_("Calibrated:  %s by %s (%s), certificate %s\n"), when,
				    g->calibrated_by->name, g->calibrated_by->badge, g->certificate);
			}
			if (g->blocked_by && !str_empty(g->blocked_by->badge)) {
				format_time_us(g->blocked_by->time_us, when, sizeof when);
				printf(g->blocked ? _("Blocked:     %s by %s (%s): %s\n") :
				    _("Unblocked:   %s by %s (%s): %s\n"), when, g->blocked_by->name,
				    g->blocked_by->badge, g->block_reason);
			}
		}
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
calibrate_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__GaugeCalibrate cal = YOKE__GAUGE_CALIBRATE__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *due = NULL, *cert = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int64_t us;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--due", .value = &due },
		{ .name = "--certificate", .value = &cert },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	if ((rc = ctl_parse(&gauge_calibrate, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw != 1)
		return ctl_usage_why(&gauge_calibrate, _("expected the gauge or equipment id"));
	if (due == NULL || !ctl_date_us(due, &us))
		return ctl_usage_why(&gauge_calibrate, _("--due YYYY-MM-DD is needed: the next "
		    "calibration due date"));
	cal.gauge = (char *)words[0];
	cal.due = (char *)due;
	cal.certificate = (char *)(cert ? cert : "");
	if ((rc = ctl_signers_read(ctl, &gauge_calibrate, &s)) != CTL_OK)
		return rc;
	cal.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_GAUGE_CALIBRATE;
	rq.gauge_calibrate = &cal;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	if (json) {
		gauge_json(rp->gauges->gauges[0]);
		putchar('\n');
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}

/* block and unblock */
static int
block_exec(struct ctl *ctl, int argc, char **argv)
{
	bool block = strcmp(argv[0], "block") == 0;
	const struct ctl_cmd *cmd = block ? &gauge_block : &gauge_unblock;
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__GaugeBlock b = YOKE__GAUGE_BLOCK__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *reason = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--reason", .value = &reason },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	if ((rc = ctl_parse(cmd, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw != 1)
		return ctl_usage_why(cmd, _("expected the gauge or equipment id"));
	if (reason == NULL)
		return ctl_usage_why(cmd, _("--reason is needed"));
	b.gauge = (char *)words[0];
	b.block = block;
	b.reason = (char *)reason;
	if ((rc = ctl_signers_read(ctl, cmd, &s)) != CTL_OK)
		return rc;
	b.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_GAUGE_BLOCK;
	rq.gauge_block = &b;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	if (json) {
		gauge_json(rp->gauges->gauges[0]);
		putchar('\n');
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}
