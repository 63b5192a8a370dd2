/*
 * spc_stored.c — yokectl spc on what the line measured, from the server:
 *
 *   yokectl spc --characteristic NAME [--station S] [--since YYYY-MM-DD]
 *               [--max N] [--no-chart] [--json]
 *   yokectl spc limits --characteristic NAME --station S
 *               [--cl X --ucl X --lcl X | --relearn [--learn N]]
 *               --reason TEXT --sign BADGE [--json]
 *
 * The first charts the stored points (SpcQuery: the values of the event
 * log) with the same output as the file mode, the chart and rules of the
 * characteristic's definition, its specification limits, and at one
 * station the control limits in force there. The second, without a change,
 * shows the limits in force and their history; with one, an engineer
 * changes them, signed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shared/util.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/spc.h"

static int limits_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option limits_options[] = {
	{ N_("--characteristic NAME"), N_("the characteristic: the name of its measure step") },
	{ N_("--station S"), N_("the station (limits are kept per station)") },
	{ "--cl X --ucl X --lcl X", N_("new control limits, lcl < cl < ucl") },
	{ "--relearn", N_("learn new limits from the next points instead") },
	{ "--learn N", N_("how many points to learn from (default 20)") },
	{ N_("--reason TEXT"), N_("why the limits change (kept in their history)") },
	{ "--sign BADGE", N_("the engineer who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example limits_examples[] = {
	{ "yokectl spc limits --characteristic peak_temp --station REFLOW-1",
	  N_("the limits in force and their history") },
	{ "yokectl spc limits --characteristic peak_temp --station REFLOW-1 --cl 240 --ucl 246 "
	  "--lcl 234 --reason \"new profile, study 2026-11\" --sign 3001",
	  N_("set new limits, signed") },
	{ "yokectl spc limits --characteristic peak_temp --station REFLOW-1 --relearn --learn 25 "
	  "--reason \"oven serviced\" --sign 3001", N_("learn them again from the next 25 points") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_spc_limits = {
	.name = "limits",
	.parent = &ctl_cmd_spc,
	.group = CTL_GROUP_QUALITY,
	.usage = N_("--characteristic NAME --station S [--cl X --ucl X --lcl X | --relearn "
	    "[--learn N]] [--reason TEXT --sign BADGE] [--json]"),
	.summary = N_("the control limits in force at a station, their history, a signed change"),
	.description = N_("Without a change, shows the control limits in force for the "
	    "characteristic at the station and every change of them: where they came from (the "
	    "definitions, learnt from the first points, set or relearnt by an engineer), who, when "
	    "and why. With --cl/--ucl/--lcl or --relearn, an engineer changes them, signed with "
	    "badge and PIN, with a reason; the server evaluates the next value against them."),
	.options = limits_options,
	.examples = limits_examples,
	.exec = limits_exec,
};

static const char *
origin_name(Yoke__SpcLimitsOrigin o)
{
	switch (o) {
	case YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_DEFINED: return _("defined");
	case YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_LEARNT: return _("learnt");
	case YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_SET: return _("set");
	default: return _("relearn");
	}
}

static const char *const origin_json[] = { "defined", "learnt", "set", "relearn" };

static void
when(int64_t us, char *buf, size_t size)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static int
query(struct ctl *ctl, const char *name, const char *station, int64_t since, uint32_t max,
    Yoke__Reply **out)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SpcQuery q = YOKE__SPC_QUERY__INIT;
	Yoke__Reply *rp;

	q.characteristic = (char *)name;
	q.station = (char *)(station ? station : "");
	q.since_us = since;
	q.max = max;
	rq.body_case = YOKE__REQUEST__BODY_SPC;
	rq.spc = &q;
	if ((rp = ctl_call(ctl, &rq)) == NULL)
		return CTL_OFFLINE;
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		int rc = ctl_refused(rp);
		client_reply_free(rp);
		return rc;
	}
	if (rp->body_case != YOKE__REPLY__BODY_SPC) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no result for this "
		    "request (%s)"), "");
	}
	*out = rp;
	return CTL_OK;
}

/* The state of the one station asked for (or the only one there is). */
static const Yoke__SpcStationState *
station_state(const Yoke__SpcReply *r, const char *station)
{
	for (size_t i = 0; i < r->n_states; i++)
		if (station ? strcmp(r->states[i]->station, station) == 0 : r->n_states == 1)
			return r->states[i];
	return NULL;
}

static void
print_state(const Yoke__SpcStationState *s)
{
	if (s->has_limits)
		printf(_("limits in force at %s: CL %.6g  UCL %.6g  LCL %.6g (%llu values "
		    "evaluated)\n"), s->station, s->cl, s->ucl, s->lcl, (unsigned long long)s->count);
	else if (s->learn)
		printf(_("limits at %s: learning, %u of %u points\n"), s->station, s->learnt, s->learn);
	else
		printf(_("limits at %s: none\n"), s->station);
}

int
spc_stored_exec(struct ctl *ctl, int argc, char **argv)
{
	const char *name = NULL, *station = NULL, *since = NULL, *max = NULL;
	const Yoke__SpcCharacteristic *def;
	const Yoke__SpcStationState *s;
	struct spc_opts o = { .window = 10, .chart = true };
	struct spc_in_force lim = { 0 };
	bool json = false, no_chart = false;
	int64_t since_us = 0;
	uint64_t n = 0;
	Yoke__Reply *rp;
	double *v;
	int rc, nv;
	const struct ctl_opt opts[] = {
		{ .name = "--characteristic", .value = &name },
		{ .name = "--station", .value = &station },
		{ .name = "--since", .value = &since },
		{ .name = "--max", .value = &max },
		{ .name = "--no-chart", .flag = &no_chart },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	size_t nw;

	if ((rc = ctl_parse(&ctl_cmd_spc, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (since && !ctl_date_us(since, &since_us))
		return ctl_usage_why(&ctl_cmd_spc, _("--since: expected a date YYYY-MM-DD, got \"%s\""),
		    since);
	if (max && !ctl_count(max, 10000, &n))
		return ctl_usage_why(&ctl_cmd_spc, _("--max: expected a number from 1 to 10000, got "
		    "\"%s\""), max);
	if ((rc = query(ctl, name, station, since_us, (uint32_t)n, &rp)) != CTL_OK)
		return rc;
	def = rp->spc->definition;
	o.type = !def || def->chart == YOKE__SPC_CHART__SPC_CHART_IMR ? SPC_IMR :
	    def->chart == YOKE__SPC_CHART__SPC_CHART_XBAR_R ? SPC_XBAR_R : SPC_XBAR_S;
	o.subgroup = o.type == SPC_IMR ? 1 : (int)def->subgroup;
	o.rules = 0;
	for (size_t i = 0; def && i < def->n_rules; i++)
		o.rules |= def->rules[i]->rules;
	if (o.rules == 0)
		o.rules = SPC_RULES_WE;
	if (def && def->drift_window >= 3)
		o.window = (int)def->drift_window;
	o.has_lsl = rp->spc->has_lsl;
	o.lsl = rp->spc->lsl;
	o.has_usl = rp->spc->has_usl;
	o.usl = rp->spc->usl;
	o.json = json;
	o.chart = !no_chart;
	/* X-bar charts: whole subgroups from the first point shown. */
	nv = (int)rp->spc->n_points;
	if (o.subgroup > 1)
		nv -= nv % o.subgroup;
	v = xcalloc((size_t)nv + 1, sizeof *v);
	for (int i = 0; i < nv; i++)
		v[i] = rp->spc->points[i]->value;
	if ((s = station_state(rp->spc, station)) != NULL && s->has_limits)
		lim = (struct spc_in_force){ true, s->cl, s->ucl, s->lcl };
	if (!json) {
		if (rp->spc->matched > rp->spc->n_points && station)
			printf(_("%s: the newest %zu of %u points at %s\n"), name, rp->spc->n_points,
			    rp->spc->matched, station);
		else if (rp->spc->matched > rp->spc->n_points)
			printf(_("%s: the newest %zu of %u points\n"), name, rp->spc->n_points,
			    rp->spc->matched);
		else if (station)
			printf(_("%s: %zu points at %s\n"), name, rp->spc->n_points, station);
		else
			printf(_("%s: %zu points\n"), name, rp->spc->n_points);
		if (s)
			print_state(s);
		else if (rp->spc->n_states > 1)
			printf("%s\n", _("limits: kept per station; give --station to draw the limits in "
			    "force there (these are computed from the points)"));
		if (!str_empty(rp->message))
			printf("%s\n", rp->message);
	}
	if (nv == 0) {
		free(v);
		client_reply_free(rp);
		return ctl_fail(CTL_ST_INVALID, _("spc: %s has no stored points to chart yet"), name);
	}
	rc = spc_run(&o, v, NULL, nv, lim.has_limits ? &lim : NULL);
	free(v);
	client_reply_free(rp);
	return rc;
}

static void
history_json(const Yoke__SpcReply *r)
{
	printf("{\"characteristic\":");
	json_string(stdout, r->characteristic);
	printf(",\"states\":[");
	for (size_t i = 0; i < r->n_states; i++) {
		const Yoke__SpcStationState *s = r->states[i];
		printf("%s{\"station\":", i ? "," : "");
		json_string(stdout, s->station);
		if (s->has_limits)
			printf(",\"cl\":%.10g,\"ucl\":%.10g,\"lcl\":%.10g", s->cl, s->ucl, s->lcl);
		printf(",\"learn\":%u,\"learnt\":%u,\"count\":%llu}", s->learn, s->learnt,
		    (unsigned long long)s->count);
	}
	printf("],\"history\":[");
	for (size_t i = 0; i < r->n_history; i++) {
		const Yoke__SpcLimitsChange *h = r->history[i];
		printf("%s{\"station\":", i ? "," : "");
		json_string(stdout, h->station);
		printf(",\"number\":%u,\"origin\":\"%s\"", h->number,
		    (unsigned)h->origin < 4 ? origin_json[h->origin] : "?");
		if (h->has_limits)
			printf(",\"cl\":%.10g,\"ucl\":%.10g,\"lcl\":%.10g", h->cl, h->ucl, h->lcl);
		printf(",\"points\":%u,\"time_us\":%lld", h->points, (long long)h->time_us);
		if (h->signature)
			json_field(stdout, "badge", h->signature->badge);
		json_field(stdout, "reason", h->reason ? h->reason : "");
		printf("}");
	}
	printf("]}\n");
}

static void
history_text(const Yoke__SpcReply *r)
{
	char t[32];

	for (size_t i = 0; i < r->n_states; i++)
		print_state(r->states[i]);
	for (size_t i = 0; i < r->n_history; i++) {
		const Yoke__SpcLimitsChange *h = r->history[i];
		when(h->time_us, t, sizeof t);
		printf("  %u  %s  %-8s", h->number, t, origin_name(h->origin));
		if (h->has_limits)
			printf("  CL %.6g UCL %.6g LCL %.6g", h->cl, h->ucl, h->lcl);
		if (h->origin == YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_LEARNT ||
		    h->origin == YOKE__SPC_LIMITS_ORIGIN__SPC_LIMITS_RELEARN)
			printf(_("  from %u points"), h->points);
		if (h->signature)
			printf("  %s (%s)", h->signature->name, h->signature->badge);
		if (!str_empty(h->reason))
			printf("  \"%s\"", h->reason);
		printf("\n");
	}
}

static int
limits_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SpcLimitsSet l = YOKE__SPC_LIMITS_SET__INIT;
	struct ctl_signers sg = { .n = 0 };
	const char *name = NULL, *station = NULL, *cl = NULL, *ucl = NULL, *lcl = NULL;
	const char *learn = NULL, *reason = NULL;
	bool relearn = false, json = false;
	uint64_t n = 0;
	Yoke__Reply *rp;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--characteristic", .value = &name },
		{ .name = "--station", .value = &station },
		{ .name = "--cl", .value = &cl },
		{ .name = "--ucl", .value = &ucl },
		{ .name = "--lcl", .value = &lcl },
		{ .name = "--relearn", .flag = &relearn },
		{ .name = "--learn", .value = &learn },
		{ .name = "--reason", .value = &reason },
		{ .name = "--sign", .many = sg.badge, .n_many = &sg.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ctl_cmd_spc_limits, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (name == NULL || station == NULL)
		return ctl_usage_why(&ctl_cmd_spc_limits, _("expected --characteristic and --station"));
	if (!relearn && !cl && !ucl && !lcl && !learn && !reason && sg.n == 0) {
		if ((rc = query(ctl, name, station, 0, 1, &rp)) != CTL_OK)
			return rc;
		if (json)
			history_json(rp->spc);
		else
			history_text(rp->spc);
		client_reply_free(rp);
		return CTL_OK;
	}
	if (relearn == (cl || ucl || lcl))
		return ctl_usage_why(&ctl_cmd_spc_limits, _("expected either --cl, --ucl and --lcl, "
		    "or --relearn"));
	if (!relearn && !(cl && ucl && lcl))
		return ctl_usage_why(&ctl_cmd_spc_limits, _("expected --cl, --ucl and --lcl together"));
	if (learn && (!relearn || !ctl_count(learn, 1000, &n) || n < 2))
		return ctl_usage_why(&ctl_cmd_spc_limits, _("--learn: expected 2 to 1000 points, with "
		    "--relearn"));
	if (reason == NULL || sg.n == 0)
		return ctl_usage_why(&ctl_cmd_spc_limits, _("a change of limits needs --reason and "
		    "--sign BADGE (an engineer)"));
	l.characteristic = (char *)name;
	l.station = (char *)station;
	l.relearn = relearn;
	l.learn = (uint32_t)n;
	if (!relearn) {
		char *end;
		const char *vals[3] = { cl, ucl, lcl };
		double *dst[3] = { &l.cl, &l.ucl, &l.lcl };
		for (int i = 0; i < 3; i++) {
			*dst[i] = strtod(vals[i], &end);
			if (end == vals[i] || *end || !isfinite(*dst[i]))
				return ctl_usage_why(&ctl_cmd_spc_limits, _("expected a number, got \"%s\""),
				    vals[i]);
		}
	}
	l.reason = (char *)reason;
	if ((rc = ctl_signers_read(ctl, &ctl_cmd_spc_limits, &sg)) != CTL_OK)
		return rc;
	l.signature = sg.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_SPC_LIMITS_SET;
	rq.spc_limits_set = &l;
	/* (SpcLimitsSet is answered by the SpcReply of the same number.) */
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &sg);
	if (rc != CTL_OK)
		return rc;
	if (json)
		history_json(rp->spc);
	else
		printf("%s\n", rp->message);
	client_reply_free(rp);
	return CTL_OK;
}
