/*
 * line.c — `yokectl line`: the line monitor at a desk (server/line/line.h),
 * the same row per station as the lead's screen (shared/line_text.h):
 * station, state (online, offline, stopped), who is badged in, the unit in
 * work and its minutes, the kind's queue and its oldest wait, first-pass
 * yield today, open alarms and holds. A lead, an engineer or an admin
 * signs in (--badge) to read it.
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"

#include "shared/line_text.h"
#include "shared/util.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int line_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--station S", N_("that station alone") },
	{ "--json", N_("print JSON for scripts: every station in full") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl --badge 3001 line", N_("the whole line now") },
	{ "yokectl line --station SMT-1 --json", N_("one station, for a script") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_line = {
	.name = "line",
	.group = CTL_GROUP_TRACE,
	.usage = N_("[--station S] [--json]"),
	.summary = N_("the line monitor: every station at a glance"),
	.description = N_("One row per station: online or offline (its terminal heard lately), "
	    "stopped by an alarm, who is badged in, the unit in work and for how many minutes, "
	    "how many units wait for the station's kind and for how long the oldest has waited, "
	    "first-pass yield today (units through the station's operation the first time, of "
	    "those whose first try ended today), open alarms and holds (! marks a held "
	    "station). For a lead, an engineer or an admin."),
	.options = options,
	.examples = examples,
	.exec = line_exec,
};

static void
row_json(FILE *f, const Yoke__LineStation *r, int64_t now)
{
	int fpy = line_fpy_percent(r->first_pass, r->first_fail);

	fputs("{\"station\":", f);
	json_string(f, r->station);
	json_field(f, "kind", r->kind);
	json_field(f, "name", r->name);
	json_field(f, "state", line_state_word(line_state_of(r), 0));
	fprintf(f, ",\"online\":%s,\"heard_us\":%" PRId64, r->online ? "true" : "false", r->heard_us);
	json_field(f, "terminal", r->terminal);
	json_field(f, "stopped_by", r->stopped_by);
	fprintf(f, ",\"held\":%s", r->held ? "true" : "false");
	json_field(f, "badge", r->badge);
	json_field(f, "person", r->person);
	json_field(f, "serial", r->serial);
	json_field(f, "work_order", r->work_order);
	fprintf(f, ",\"operation\":%u,\"unit_minutes\":%" PRId64, r->operation,
	    str_empty(r->serial) ? 0 : line_minutes(r->unit_since_us, now));
	fprintf(f, ",\"queue\":%u,\"oldest_minutes\":%" PRId64, r->queue,
	    line_minutes(r->oldest_us, now));
	json_field(f, "next_work_order", r->priority_wo);
	fprintf(f, ",\"next_priority\":%u", r->priority);
	fprintf(f, ",\"first_pass\":%u,\"first_fail\":%u,\"completed\":%u", r->first_pass,
	    r->first_fail, r->completed);
	if (fpy < 0)
		fputs(",\"fpy_percent\":null", f);
	else
		fprintf(f, ",\"fpy_percent\":%d", fpy);
	fprintf(f, ",\"alarms\":%u,\"holds\":%u}", r->alarms, r->holds);
}

static int
line_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LineStatusQuery q = YOKE__LINE_STATUS_QUERY__INIT;
	const char *station = NULL;
	bool json = false;
	const struct ctl_opt opts[] = {
		{ .name = "--station", .value = &station },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	const Yoke__LineStatusReply *lr;
	Yoke__Reply *rp;
	size_t nwords;
	int rc;

	if ((rc = ctl_parse(&ctl_cmd_line, argc, argv, opts, NULL, 0, &nwords)) != CTL_OK)
		return rc;
	q.station = (char *)(station ? station : "");
	rq.body_case = YOKE__REQUEST__BODY_LINE_STATUS;
	rq.line_status = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	lr = rp->line_status;
	if (json) {
		printf("{\"day\":");
		json_string(stdout, lr->day);
		printf(",\"now_us\":%" PRId64 ",\"silent_after_s\":%u,\"total\":%u,\"partial\":%s,"
		    "\"stations\":[", lr->now_us, lr->silent_after_s, lr->total,
		    lr->partial ? "true" : "false");
		for (size_t i = 0; i < lr->n_stations; i++) {
			if (i)
				putchar(',');
			row_json(stdout, lr->stations[i], lr->now_us);
		}
		printf("]}\n");
	} else {
		struct table *t = table_new(LINE_COLS);
		size_t online = 0;
		for (int col = 0; col < LINE_COLS; col++)
			table_column(t, col, line_heading(col), line_column_width(col));
		for (size_t i = 0; i < lr->n_stations; i++) {
			struct line_cells cells;
			const char *row[LINE_COLS];
			line_cells(lr->stations[i], lr->now_us, &cells);
			for (int col = 0; col < LINE_COLS; col++)
				row[col] = cells.text[col];
			table_row(t, row);
			online += lr->stations[i]->online;
		}
		/* TRANSLATORS: the line monitor's first line: the day, then counts */
		printf(_("Line on %s: %zu of %u stations online\n"), lr->day, online, lr->total);
		table_print(t, stdout);
		table_free(t);
		if (lr->partial)
			printf("%s\n", _("(a bound was reached: some counts may be low)"));
	}
	client_reply_free(rp);
	return CTL_OK;
}
