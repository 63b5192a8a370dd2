/* ctl-show.c — see ctl-show.h. */
#include "terminal/ctl/show.h"
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

const char *
show_unit_status(Yoke__UnitStatus s)
{
	switch (s) {
	case YOKE__UNIT_STATUS__UNIT_QUEUED: return "queued";
	case YOKE__UNIT_STATUS__UNIT_IN_WORK: return "in work";
	case YOKE__UNIT_STATUS__UNIT_DONE: return "done";
	case YOKE__UNIT_STATUS__UNIT_ON_HOLD: return "on hold";
	case YOKE__UNIT_STATUS__UNIT_FAILED: return "FAILED";
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED: return "scrapped";
	default: return "unknown";
	}
}

void
show_entry_header(FILE *f)
{
	fprintf(f, "%-18s %-14s %-12s %-4s %-22s %-3s %-10s %s\n", "SERIAL", "WORK ORDER", "PRODUCT",
	    "OP", "OPERATION", "PRI", "DUE", "STATUS");
}

void
show_entry(FILE *f, const Yoke__QueueEntry *e)
{
	char op[12] = "-";
	if (e->operation)
		snprintf(op, sizeof op, "%u", e->operation);
	fprintf(f, "%-18s %-14s %-12s %-4s %-22.22s %-3u %-10s %s%s%s\n", e->serial, e->work_order,
	    e->product, op, e->operation_name, e->priority, e->due, show_unit_status(e->status),
	    str_empty(e->hold_reason) ? "" : ": ", e->hold_reason ? e->hold_reason : "");
}

void
show_entry_json(FILE *f, const Yoke__QueueEntry *e)
{
	fprintf(f, "{\"serial\":");
	json_string(f, e->serial);
	json_field(f, "work_order", e->work_order);
	json_field(f, "product", e->product);
	fprintf(f, ",\"operation\":%u,\"operation_name\":", e->operation);
	json_string(f, e->operation_name);
	json_field(f, "station_kind", e->station_kind);
	fprintf(f, ",\"priority\":%u,\"due\":", e->priority);
	json_string(f, e->due);
	fprintf(f, ",\"status\":\"%s\",\"since_us\":%lld,\"hold_reason\":", show_unit_status(e->status),
	    (long long)e->since_us);
	json_string(f, e->hold_reason);
	fputc('}', f);
}
