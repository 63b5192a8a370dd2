/*
 * trace.c — yokectl trace, both ways along the genealogy:
 *
 *   trace unit SERIAL          the whole history of a unit: operations,
 *                              stations, operators, times, components with
 *                              their lots or serials, measurements with their
 *                              limits (every reading), inspections and who
 *                              signed them; then its NCRs with their
 *                              dispositions and every hold that covered it
 *   trace component PART/ID    every unit that lot or serial went into, and
 *                              where each stands now (for a recall); then
 *                              the NCRs raised on the lot and every hold
 *                              that named it, in force or released
 */
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/show.h"
#include "terminal/ctl/table.h"
#include "shared/defs/defs.h"
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_trace;
static int unit_exec(struct ctl *ctl, int argc, char **argv);
static int component_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option json_option[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example unit_examples[] = {
	{ "yokectl trace unit WO-1001-0001", N_("every event of the unit, oldest first") },
	{ "yokectl trace unit WO-1001-0001 --json", N_("the same as JSON, with every signature") },
	{ NULL, NULL },
};

static const struct ctl_example component_examples[] = {
	{ "yokectl trace component MCU-F407/LOT-2411-07", N_("every unit lot LOT-2411-07 of part "
	    "MCU-F407 went into, and where each stands (a recall)") },
	{ "yokectl trace component SENSOR-T1/SN-88812", N_("the unit a serial-tracked component went "
	    "into") },
	{ NULL, NULL },
};

static const struct ctl_cmd trace_unit = {
	.name = "unit",
	.parent = &ctl_cmd_trace,
	.group = CTL_GROUP_TRACE,
	.usage = N_("SERIAL [--json]"),
	.summary = N_("a unit's whole history, oldest first"),
	.description = N_("Shows a unit's whole history, oldest first: each operation with its "
	    "station, operator and time, the components scanned with their lots or serials, the "
	    "measurements with their limits (every reading), the checks and inspections, and who "
	    "signed them; then the unit's NCRs with their dispositions and signatures, and every "
	    "hold that covered it, in force or released."),
	.options = json_option,
	.examples = unit_examples,
	.exec = unit_exec,
};

static const struct ctl_cmd trace_component = {
	.name = "component",
	.parent = &ctl_cmd_trace,
	.group = CTL_GROUP_TRACE,
	.usage = N_("PART/LOT-OR-SERIAL [--json]"),
	.summary = N_("every unit a component lot or serial went into (where used)"),
	.description = N_("Lists every unit a component went into, given as PART/LOT for a "
	    "lot-tracked part or PART/SERIAL for a serial-tracked one, and where each unit stands "
	    "now: the list to hold or recall when a lot turns out bad. Then the NCRs raised on the "
	    "lot (yokectl ncr raise --lot) and every hold that named it, in force or released."),
	.options = json_option,
	.examples = component_examples,
	.exec = component_exec,
};

static const struct ctl_cmd *const trace_subs[] = { &trace_unit, &trace_component, NULL };

const struct ctl_cmd ctl_cmd_trace = {
	.name = "trace",
	.group = CTL_GROUP_TRACE,
	.usage = N_("unit SERIAL | component PART/LOT-OR-SERIAL   [--json]"),
	.summary = N_("traceability, both ways: a unit's history, or where a component went"),
	.description = N_("Follows the genealogy both ways: from a unit back to everything that "
	    "happened to it, or from a component lot or serial forward to every unit it went "
	    "into."),
	.subs = trace_subs,
};

/* The event kind as JSON carries it (never translated). */
static const char *
kind_name(Yoke__EventKind k)
{
	switch (k) {
	/* The quality loop's (issue 8). */
	case YOKE__EVENT_KIND__EVENT_NCR_OPENED: return "ncr-opened";
	case YOKE__EVENT_KIND__EVENT_HELD: return "held";
	case YOKE__EVENT_KIND__EVENT_HOLD_RELEASED: return "hold-released";
	case YOKE__EVENT_KIND__EVENT_DISPOSITIONED: return "dispositioned";
	case YOKE__EVENT_KIND__EVENT_SCRAPPED: return "scrapped";
	case YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED: return "component-removed";
	case YOKE__EVENT_KIND__EVENT_NCR_CLOSED: return "ncr-closed";
	case YOKE__EVENT_KIND__EVENT_BADGE_IN: return "badge-in";
	case YOKE__EVENT_KIND__EVENT_BADGE_OUT: return "badge-out";
	case YOKE__EVENT_KIND__EVENT_RELEASED: return "released";
	case YOKE__EVENT_KIND__EVENT_OP_STARTED: return "op-started";
	case YOKE__EVENT_KIND__EVENT_STEP_CONFIRMED: return "confirmed";
	case YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED: return "component";
	case YOKE__EVENT_KIND__EVENT_MEASURED: return "measured";
	case YOKE__EVENT_KIND__EVENT_CHECKED: return "checked";
	case YOKE__EVENT_KIND__EVENT_INSPECTED: return "inspected";
	case YOKE__EVENT_KIND__EVENT_OP_COMPLETED: return "op-completed";
	case YOKE__EVENT_KIND__EVENT_FAILED: return "FAILED";
	case YOKE__EVENT_KIND__EVENT_DEFINITIONS_LOADED: return "definitions";
	case YOKE__EVENT_KIND__EVENT_PIN_SET: return "pin-set";
	case YOKE__EVENT_KIND__EVENT_PIN_CHANGED: return "pin-changed";
	case YOKE__EVENT_KIND__EVENT_BADGE_LOCKED: return "badge-locked";
	case YOKE__EVENT_KIND__EVENT_SESSION_ENDED: return "session-ended";
	case YOKE__EVENT_KIND__EVENT_UNIT_MOVED: return "unit-moved";
	default: return "event";
	}
}

/* The event kind for a person, in the current language. */
static const char *
kind_text(Yoke__EventKind k)
{
	switch (k) {
	/* The quality loop's (issue 8). */
	case YOKE__EVENT_KIND__EVENT_NCR_OPENED: return _("NCR opened");
	case YOKE__EVENT_KIND__EVENT_HELD: return _("held");
	case YOKE__EVENT_KIND__EVENT_HOLD_RELEASED: return _("hold released");
	case YOKE__EVENT_KIND__EVENT_DISPOSITIONED: return _("dispositioned");
	case YOKE__EVENT_KIND__EVENT_SCRAPPED: return _("scrapped");
	case YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED: return _("component removed");
	case YOKE__EVENT_KIND__EVENT_NCR_CLOSED: return _("NCR closed");
	case YOKE__EVENT_KIND__EVENT_BADGE_IN: return _("badged in");
	case YOKE__EVENT_KIND__EVENT_BADGE_OUT: return _("badged out");
	case YOKE__EVENT_KIND__EVENT_RELEASED: return _("released");
	case YOKE__EVENT_KIND__EVENT_OP_STARTED: return _("operation started");
	case YOKE__EVENT_KIND__EVENT_STEP_CONFIRMED: return _("confirmed");
	case YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED: return _("component");
	case YOKE__EVENT_KIND__EVENT_MEASURED: return _("measured");
	case YOKE__EVENT_KIND__EVENT_CHECKED: return _("checked");
	case YOKE__EVENT_KIND__EVENT_INSPECTED: return _("inspected");
	case YOKE__EVENT_KIND__EVENT_OP_COMPLETED: return _("operation complete");
	case YOKE__EVENT_KIND__EVENT_FAILED: return _("FAILED");
	case YOKE__EVENT_KIND__EVENT_DEFINITIONS_LOADED: return _("definitions loaded");
	case YOKE__EVENT_KIND__EVENT_PIN_SET: return _("PIN set");
	case YOKE__EVENT_KIND__EVENT_PIN_CHANGED: return _("PIN changed");
	case YOKE__EVENT_KIND__EVENT_BADGE_LOCKED: return _("badge locked");
	case YOKE__EVENT_KIND__EVENT_SESSION_ENDED: return _("session ended");
	case YOKE__EVENT_KIND__EVENT_UNIT_MOVED: return _("unit moved");
	default: return _("event");
	}
}

static void
limits(char *buf, size_t size, const Yoke__Event *e)
{
	char lo[32] = "-", hi[32] = "-";
	if (e->has_lsl)
		snprintf(lo, sizeof lo, "%g", e->lsl);
	if (e->has_usl)
		snprintf(hi, sizeof hi, "%g", e->usl);
	snprintf(buf, size, "[%s .. %s]", lo, hi);
}

/* "NCR-000003, hold 7, defect BRIDGE" — what an event of the quality loop
 * refers to, put before its text ("" when it refers to nothing). */
static char *
event_refs(const Yoke__Event *e)
{
	char *s = xstrdup(""), *t;

	/* What the event's text names already is not said twice. */
	if (!str_empty(e->ncr) && (str_empty(e->text) || strstr(e->text, e->ncr) == NULL)) {
		t = xasprintf("%s", e->ncr);
		free(s);
		s = t;
	}
	if (e->hold) {
		t = *s ? xasprintf(_("%s, hold %llu"), s, (unsigned long long)e->hold) :
		    xasprintf(_("hold %llu"), (unsigned long long)e->hold);
		free(s);
		s = t;
	}
	if (!str_empty(e->defect) && (str_empty(e->text) || strstr(e->text, e->defect) == NULL)) {
		t = *s ? xasprintf(_("%s, defect %s"), s, e->defect) : xasprintf(_("defect %s"), e->defect);
		free(s);
		s = t;
	}
	return s;
}

/* What the event says beyond its kind: the component, the measurement,
 * the NCR, hold and defect it refers to. */
static char *
event_detail(const Yoke__Event *e)
{
	char lim[80], *refs, *s;

	switch (e->kind) {
	case YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED:
	case YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED:
		if (!str_empty(e->component_serial))
			return xasprintf(_("%s serial %s"), e->part, e->component_serial);
		if (!str_empty(e->lot))
			return xasprintf(_("%s lot %s"), e->part, e->lot);
		return xstrdup(str_empty(e->part) ? e->text : e->part);
	case YOKE__EVENT_KIND__EVENT_MEASURED:
		limits(lim, sizeof lim, e);
		/* Which reading of the step, when there was more than one or it
		 * was out of the limits (events before issue 8 have none). */
		if (e->attempt > 1 || (e->attempt == 1 && !e->pass))
			return xasprintf(_("%s = %g %s %s %s, reading %u"), e->name, e->value, e->unit, lim,
			    e->pass ? _("in spec") : _("OUT OF SPEC"), e->attempt);
		return xasprintf("%s = %g %s %s %s", e->name, e->value, e->unit, lim,
		    e->pass ? _("in spec") : _("OUT OF SPEC"));
	default:
		refs = event_refs(e);
		if (*refs && !str_empty(e->text))
			s = xasprintf(_("%s: %s"), refs, e->text);
		else
			s = xstrdup(*refs ? refs : e->text ? e->text : "");
		free(refs);
		return s;
	}
}

/* The unit's NCRs: number, state, defect, disposition, and who signed. */
static void
print_ncrs(const Yoke__TraceReply *t)
{
	struct table *tab;

	if (t->n_ncrs == 0)
		return;
	printf("\n%s\n", _("NCRs:"));
	tab = table_new(5);
	table_column(tab, 0, _("NCR"), 0);
	table_column(tab, 1, _("STATE"), 0);
	table_column(tab, 2, _("DEFECT"), 0);
	table_column(tab, 3, _("DISPOSITION"), 0);
	table_column(tab, 4, _("SIGNED"), 0);
	for (size_t i = 0; i < t->n_ncrs; i++) {
		const Yoke__Ncr *n = t->ncrs[i];
		char *defect = str_empty(n->defect) ? xstrdup("-") : str_empty(n->location) ?
		    xstrdup(n->defect) : xasprintf(_("%s at %s"), n->defect, n->location);
		table_row(tab, (const char *const[]){ n->number, nc_state_text(n->state), defect,
		    n->disposition ? nc_disposition_text(n->disposition) : "-", "" });
		free(defect);
		for (size_t k = 0; k < n->n_signatures; k++) {
			char *sig = nc_signature_text(n->signatures[k]);
			table_row(tab, (const char *const[]){ "", "", "", "", sig });
			free(sig);
		}
	}
	table_print(tab, stdout);
	table_free(tab);
}

/* Every hold that covered the unit: id, reason, open or released. */
static void
print_holds(const Yoke__TraceReply *t)
{
	if (t->n_holds == 0)
		return;
	printf("\n%s\n", _("Holds:"));
	nc_holds_table(stdout, t->holds, t->n_holds);
}

static void
print_text(const Yoke__TraceReply *t)
{
	const Yoke__UnitView *u = t->unit;
	struct table *tab = table_new(6);

	printf(_("Unit %s  %s rev %s  work order %s  status %s"), u->serial, u->product,
	    u->routing_rev, u->work_order, show_unit_status_text(u->status));
	if (!str_empty(u->hold_reason))
		printf(_(": %s"), u->hold_reason);
	putchar('\n');
	if (u->op_index < u->op_count && u->rework)
		printf(_("Now at rework operation %u “%s” (%s)\n"), u->operation, u->operation_name,
		    u->station_kind);
	else if (u->op_index < u->op_count)
		printf(_("Now at operation %u “%s” (%s), %u of %u\n"), u->operation,
		    u->operation_name, u->station_kind, u->op_index + 1, u->op_count);
	if (u->rework_count)
		printf(P_("Reworked %u time\n", "Reworked %u times\n", u->rework_count), u->rework_count);
	table_column(tab, 0, _("TIME (UTC)"), 0);
	table_column(tab, 1, _("EVENT"), 0);
	table_column(tab, 2, _("OP"), 0);
	table_column(tab, 3, _("STATION"), 0);
	table_column(tab, 4, _("WHO"), 30);
	table_column(tab, 5, _("DETAIL"), 0);
	for (size_t i = 0; i < t->n_events; i++) {
		const Yoke__Event *e = t->events[i];
		char when[32], op[12] = "", *who, *detail;
		format_time_us(e->time_us, when, sizeof when);
		if (e->operation)
			snprintf(op, sizeof op, "%u", e->operation);
		who = str_empty(e->badge) ? xstrdup("") : xasprintf("%s (%s)", e->operator_name, e->badge);
		detail = event_detail(e);
		table_row(tab, (const char *const[]){ when, kind_text(e->kind), op, e->station, who,
		    detail });
		free(who);
		free(detail);
		/* 21 CFR Part 11 §11.50: printed name, date and time, meaning. */
		for (size_t k = 0; k < e->n_signatures; k++) {
			const Yoke__SignatureRecord *sg = e->signatures[k];
			char at[32];
			format_time_us(sg->time_us, at, sizeof at);
			detail = xasprintf(_("signed by %s (badge %s, %s) at %s UTC: %s"), sg->name,
			    sg->badge, show_role_text((Yoke__Role)sg->role), at, sg->meaning);
			table_row(tab, (const char *const[]){ "", "", "", "", "", detail });
			free(detail);
		}
	}
	if (t->n_events)
		table_print(tab, stdout);
	table_free(tab);
	print_ncrs(t);
	print_holds(t);
}

static void
print_json(const Yoke__TraceReply *t)
{
	const Yoke__UnitView *u = t->unit;
	printf("{\"serial\":");
	json_string(stdout, u->serial);
	json_field(stdout, "product", u->product);
	json_field(stdout, "routing_rev", u->routing_rev);
	json_field(stdout, "work_order", u->work_order);
	printf(",\"status\":\"%s\",\"hold_reason\":", show_unit_status(u->status));
	json_string(stdout, u->hold_reason);
	printf(",\"rework\":%s,\"rework_count\":%u", u->rework ? "true" : "false", u->rework_count);
	printf(",\"events\":[");
	for (size_t i = 0; i < t->n_events; i++) {
		const Yoke__Event *e = t->events[i];
		char when[32];
		format_time_us(e->time_us, when, sizeof when);
		printf("%s{\"seq\":%llu,\"time\":\"%sZ\",\"time_us\":%lld,\"kind\":\"%s\",\"operation\":%u,"
		    "\"operation_name\":", i ? "," : "", (unsigned long long)e->seq, when,
		    (long long)e->time_us, kind_name(e->kind), e->operation);
		json_string(stdout, e->operation_name);
		printf(",\"step\":%u,\"station\":", e->step + 1);
		json_string(stdout, e->station);
		json_field(stdout, "badge", e->badge);
		json_field(stdout, "operator", e->operator_name);
		json_field(stdout, "text", e->text);
		if (e->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED) {
			json_field(stdout, "part", e->part);
			json_field(stdout, "lot", e->lot);
			json_field(stdout, "component_serial", e->component_serial);
		}
		if (!str_empty(e->ncr))
			json_field(stdout, "ncr", e->ncr);
		if (e->hold)
			printf(",\"hold\":%llu", (unsigned long long)e->hold);
		if (!str_empty(e->defect))
			json_field(stdout, "defect", e->defect);
		if (e->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED) {
			json_field(stdout, "part", e->part);
			json_field(stdout, "lot", e->lot);
			json_field(stdout, "component_serial", e->component_serial);
		}
		if (e->kind == YOKE__EVENT_KIND__EVENT_MEASURED) {
			json_field(stdout, "name", e->name);
			printf(",\"value\":%.17g,\"unit\":", e->value);
			json_string(stdout, e->unit);
			if (e->has_lsl)
				printf(",\"lsl\":%.17g", e->lsl);
			if (e->has_usl)
				printf(",\"usl\":%.17g", e->usl);
			if (e->attempt > 0)
				printf(",\"attempt\":%u", e->attempt);
		}
		if (e->kind == YOKE__EVENT_KIND__EVENT_INSPECTED) {
			json_field(stdout, "inspector_badge", e->inspector_badge);
			json_field(stdout, "inspector", e->inspector_name);
		}
		printf(",\"signatures\":[");
		for (size_t k = 0; k < e->n_signatures; k++) {
			if (k)
				putchar(',');
			nc_signature_json(stdout, e->signatures[k]);
		}
		printf("],\"pass\":%s}", e->pass ? "true" : "false");
	}
	printf("],\"ncrs\":[");
	for (size_t i = 0; i < t->n_ncrs; i++) {
		if (i)
			putchar(',');
		nc_ncr_json(stdout, t->ncrs[i]);
	}
	printf("],\"holds\":[");
	for (size_t i = 0; i < t->n_holds; i++) {
		if (i)
			putchar(',');
		nc_hold_json(stdout, t->holds[i]);
	}
	printf("]}\n");
}

/* The NCRs raised on a component lot and the holds that named it: two
 * more questions to the server, after where it went. */
static int
component_quality(struct ctl *ctl, char *label, Yoke__Reply **ncrs, Yoke__Reply **holds)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrQuery nq = YOKE__NCR_QUERY__INIT;
	Yoke__HoldsQuery hq = YOKE__HOLDS_QUERY__INIT;
	int rc;

	nq.lot = label;
	rq.body_case = YOKE__REQUEST__BODY_NCRS;
	rq.ncrs = &nq;
	if ((rc = ctl_request(ctl, &rq, ncrs)) != CTL_OK)
		return rc;
	hq.all = true;
	hq.target = label;
	rq.body_case = YOKE__REQUEST__BODY_HOLDS;
	rq.holds = &hq;
	if ((rc = ctl_request(ctl, &rq, holds)) != CTL_OK) {
		client_reply_free(*ncrs);
		return rc;
	}
	return CTL_OK;
}

static int
component_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WhereUsedQuery q = YOKE__WHERE_USED_QUERY__INIT;
	Yoke__Reply *rp, *nr, *hr;
	bool json;
	int rc;

	if ((rc = ctl_word_args(&trace_component, argc, argv, &q.component, &json)) != CTL_OK)
		return rc;
	rq.body_case = YOKE__REQUEST__BODY_WHERE_USED;
	rq.where_used = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if ((rc = component_quality(ctl, q.component, &nr, &hr)) != CTL_OK) {
		client_reply_free(rp);
		return rc;
	}
	const Yoke__NcrReply *ncrs = nr->ncrs;
	const Yoke__HoldsReply *holds = hr->holds;
	if (json) {
		printf("{\"component\":");
		json_string(stdout, q.component);
		printf(",\"units\":[");
		for (size_t i = 0; i < rp->where_used->n_units; i++) {
			if (i)
				putchar(',');
			show_entry_json(stdout, rp->where_used->units[i]);
		}
		printf("],\"ncrs\":[");
		for (size_t i = 0; i < ncrs->n_ncrs; i++) {
			if (i)
				putchar(',');
			nc_ncr_json(stdout, ncrs->ncrs[i]);
		}
		printf("],\"holds\":[");
		for (size_t i = 0; i < holds->n_holds; i++) {
			if (i)
				putchar(',');
			nc_hold_json(stdout, holds->holds[i]);
		}
		printf("]}\n");
	} else {
		printf("%s\n", rp->message);
		show_entries(stdout, rp->where_used->units, rp->where_used->n_units);
		if (ncrs->n_ncrs) {
			printf("\n%s\n", _("NCRs raised on this lot:"));
			nc_ncrs_table(stdout, ncrs->ncrs, ncrs->n_ncrs);
		}
		if (holds->n_holds) {
			printf("\n%s\n", _("Holds that named it, in force or released:"));
			nc_holds_table(stdout, holds->holds, holds->n_holds);
		}
	}
	client_reply_free(hr);
	client_reply_free(nr);
	client_reply_free(rp);
	return CTL_OK;
}

static int
unit_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__TraceQuery q = YOKE__TRACE_QUERY__INIT;
	Yoke__Reply *rp;
	bool json;
	int rc;

	if ((rc = ctl_word_args(&trace_unit, argc, argv, &q.serial, &json)) != CTL_OK)
		return rc;
	rq.body_case = YOKE__REQUEST__BODY_TRACE;
	rq.trace = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json)
		print_json(rp->trace);
	else
		print_text(rp->trace);
	client_reply_free(rp);
	return CTL_OK;
}
