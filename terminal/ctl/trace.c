/*
 * ctl-trace.c — yokectl trace, both ways along the genealogy:
 *
 *   trace unit SERIAL          the whole history of a unit: operations,
 *                              stations, operators, times, components with
 *                              their lots or serials, measurements with their
 *                              limits, inspections and who signed them
 *   trace component PART/ID    every unit that lot or serial went into, and
 *                              where each stands now (for a recall)
 */
#include "terminal/ctl/show.h"
#include "shared/defs/defs.h"
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <string.h>

static int trace_exec(struct ctl *ctl, int argc, char **argv);

const struct ctl_cmd ctl_cmd_trace = {
	"trace", "unit SERIAL | component PART/LOT-OR-SERIAL [--json]",
	"a unit's whole history, oldest first; or the units a component went into", trace_exec,
};

static const char *
kind_name(Yoke__EventKind k)
{
	switch (k) {
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
	default: return "event";
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

static void
print_text(const Yoke__TraceReply *t)
{
	const Yoke__UnitView *u = t->unit;
	printf("Unit %s  %s rev %s  work order %s  status %s%s%s\n", u->serial, u->product,
	    u->routing_rev, u->work_order, show_unit_status(u->status),
	    str_empty(u->hold_reason) ? "" : ": ", u->hold_reason);
	if (u->op_index < u->op_count)
		printf("Now at op %u \"%s\" (%s), operation %u of %u\n", u->operation, u->operation_name,
		    u->station_kind, u->op_index + 1, u->op_count);
	for (size_t i = 0; i < t->n_events; i++) {
		const Yoke__Event *e = t->events[i];
		char when[32], lim[80];
		format_time_us(e->time_us, when, sizeof when);
		printf("%s  %-12s", when, kind_name(e->kind));
		if (e->operation)
			printf(" op %-3u", e->operation);
		if (!str_empty(e->station))
			printf(" %-9s", e->station);
		if (!str_empty(e->badge))
			printf(" by %s (%s)", e->operator_name, e->badge);
		switch (e->kind) {
		case YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED:
			printf(": %s %s%s%s%s", e->part, str_empty(e->lot) ? "" : "lot ",
			    e->lot, str_empty(e->component_serial) ? "" : "serial ", e->component_serial);
			break;
		case YOKE__EVENT_KIND__EVENT_MEASURED:
			limits(lim, sizeof lim, e);
			printf(": %s = %g %s %s %s", e->name, e->value, e->unit, lim,
			    e->pass ? "in spec" : "OUT OF SPEC");
			break;
		case YOKE__EVENT_KIND__EVENT_INSPECTED:
			printf(": %s", e->text);
			break;
		default:
			if (!str_empty(e->text))
				printf(": %s", e->text);
		}
		putchar('\n');
		/* 21 CFR Part 11 §11.50: printed name, date and time, meaning. */
		for (size_t k = 0; k < e->n_signatures; k++) {
			const Yoke__SignatureRecord *sg = e->signatures[k];
			char at[32];
			format_time_us(sg->time_us, at, sizeof at);
			printf("%20s  signed by %s (badge %s, %s) at %s UTC: %s\n", "", sg->name, sg->badge,
			    defs_role_name((Yoke__Role)sg->role), at, sg->meaning);
		}
	}
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
		if (e->kind == YOKE__EVENT_KIND__EVENT_MEASURED) {
			json_field(stdout, "name", e->name);
			printf(",\"value\":%.17g,\"unit\":", e->value);
			json_string(stdout, e->unit);
			if (e->has_lsl)
				printf(",\"lsl\":%.17g", e->lsl);
			if (e->has_usl)
				printf(",\"usl\":%.17g", e->usl);
		}
		if (e->kind == YOKE__EVENT_KIND__EVENT_INSPECTED) {
			json_field(stdout, "inspector_badge", e->inspector_badge);
			json_field(stdout, "inspector", e->inspector_name);
		}
		printf(",\"signatures\":[");
		for (size_t k = 0; k < e->n_signatures; k++) {
			const Yoke__SignatureRecord *sg = e->signatures[k];
			char at[32];
			format_time_us(sg->time_us, at, sizeof at);
			printf("%s{\"badge\":", k ? "," : "");
			json_string(stdout, sg->badge);
			json_field(stdout, "name", sg->name);
			json_field(stdout, "role", defs_role_name((Yoke__Role)sg->role));
			json_field(stdout, "meaning", sg->meaning);
			printf(",\"time\":\"%sZ\",\"time_us\":%lld}", at, (long long)sg->time_us);
		}
		printf("],\"pass\":%s}", e->pass ? "true" : "false");
	}
	printf("]}\n");
}

static int
where_used(struct ctl *ctl, char *component, bool json)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WhereUsedQuery q = YOKE__WHERE_USED_QUERY__INIT;
	Yoke__Reply *rp;
	int rc;

	q.component = component;
	rq.body_case = YOKE__REQUEST__BODY_WHERE_USED;
	rq.where_used = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"component\":");
		json_string(stdout, component);
		printf(",\"units\":[");
		for (size_t i = 0; i < rp->where_used->n_units; i++) {
			if (i)
				putchar(',');
			show_entry_json(stdout, rp->where_used->units[i]);
		}
		printf("]}\n");
	} else {
		printf("%s\n", rp->message);
		if (rp->where_used->n_units)
			show_entry_header(stdout);
		for (size_t i = 0; i < rp->where_used->n_units; i++)
			show_entry(stdout, rp->where_used->units[i]);
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
trace_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__TraceQuery q = YOKE__TRACE_QUERY__INIT;
	Yoke__Reply *rp;
	bool json = false;
	int rc, n = 0;
	const char *words[2] = { NULL, NULL };

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (n < 2)
			words[n++] = argv[i];
		else
			return ctl_usage(&ctl_cmd_trace);
	}
	if (n == 2 && strcmp(words[0], "component") == 0)
		return where_used(ctl, (char *)words[1], json);
	if (n != 2 || strcmp(words[0], "unit") != 0)
		return ctl_usage(&ctl_cmd_trace);
	q.serial = (char *)words[1];
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
