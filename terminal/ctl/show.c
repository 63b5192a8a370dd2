/* show.c — see show.h. */
#include "terminal/ctl/show.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"
#include "shared/util.h"

#include <stdlib.h>

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

const char *
show_unit_status_text(Yoke__UnitStatus s)
{
	switch (s) {
	case YOKE__UNIT_STATUS__UNIT_QUEUED: return _("queued");
	case YOKE__UNIT_STATUS__UNIT_IN_WORK: return _("in work");
	case YOKE__UNIT_STATUS__UNIT_DONE: return _("done");
	case YOKE__UNIT_STATUS__UNIT_ON_HOLD: return _("on hold");
	case YOKE__UNIT_STATUS__UNIT_FAILED: return _("FAILED");
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED: return _("scrapped");
	default: return _("unknown");
	}
}

const char *
show_role_text(Yoke__Role r)
{
	switch (r) {
	case YOKE__ROLE__ROLE_OPERATOR: return _("operator");
	case YOKE__ROLE__ROLE_LEAD: return _("lead");
	case YOKE__ROLE__ROLE_INSPECTOR: return _("inspector");
	case YOKE__ROLE__ROLE_ENGINEER: return _("engineer");
	case YOKE__ROLE__ROLE_ADMIN: return _("admin");
	default: return _("no role");
	}
}

/* Free text (an operation's name) may be long: its column stops here. */
#define OPERATION_COLS 28

void
show_entries(FILE *f, Yoke__QueueEntry *const *entries, size_t n)
{
	struct table *t;

	if (n == 0)
		return;
	t = table_new(8);
	table_column(t, 0, _("SERIAL"), 0);
	table_column(t, 1, _("WORK ORDER"), 0);
	table_column(t, 2, _("PRODUCT"), 0);
	table_column(t, 3, _("OP"), 0);
	table_column(t, 4, _("OPERATION"), OPERATION_COLS);
	table_column(t, 5, _("PRI"), 0);
	table_column(t, 6, _("DUE"), 0);
	table_column(t, 7, _("STATUS"), 0);
	for (size_t i = 0; i < n; i++) {
		const Yoke__QueueEntry *e = entries[i];
		char op[12] = "-", pri[12], *status;
		if (e->operation)
			snprintf(op, sizeof op, "%u", e->operation);
		snprintf(pri, sizeof pri, "%u", e->priority);
		if (str_empty(e->hold_reason))
			status = xstrdup(show_unit_status_text(e->status));
		else
			status = xasprintf(_("%s: %s"), show_unit_status_text(e->status), e->hold_reason);
		table_row(t, (const char *const[]){ e->serial, e->work_order, e->product, op,
		    e->operation_name, pri, e->due, status });
		free(status);
	}
	table_print(t, f);
	table_free(t);
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
