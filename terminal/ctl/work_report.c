/*
 * work_report.c — yokectl report: what the line made in a window, counted
 * by the server from the event log (WorkReportQuery, a page at a time) and
 * added up here by the view asked for:
 *
 *   report shift    per shift (and the day it began), operation, operator
 *   report wo       per work order and operation
 *   report station  per station, operation and operator
 *
 * each with good, failed, reworked and scrapped quantities and the mean
 * time on task (open to complete). Text fits 80 columns; --csv is RFC 4180
 * (shared/csv.h); --json for programs. `report --html FILE` is the cost of
 * quality page (ctl_report_html, ctl.h).
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/export.h"
#include "terminal/ctl/table.h"
#include "shared/csv.h"
#include "shared/util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum view { VIEW_SHIFT, VIEW_WO, VIEW_STATION };

extern const struct ctl_cmd ctl_cmd_report;
static int view_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ N_("--from TIME"), N_("the start: YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time (default: "
	    "today)") },
	{ N_("--to TIME"), N_("the end; a date runs through its whole day (default: the end of "
	    "--from's day)") },
	{ N_("--shift NAME"), N_("only that shift (the definitions' shift statements)") },
	{ "--wo WO", N_("only that work order") },
	{ N_("--station S"), N_("only that station") },
	{ "--csv", N_("print CSV for a spreadsheet (RFC 4180, UTF-8)") },
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl report shift --from 2026-11-26", N_("what each shift made yesterday, by "
	    "operation and operator") },
	{ "yokectl report wo --wo WO-1 --from 2026-11-01 --to 2026-11-30 --csv",
	  N_("a work order's month, for a spreadsheet") },
	{ NULL, NULL },
};

#define VIEW_CMD(var, word, sum) \
	static const struct ctl_cmd var = { \
		.name = word, .parent = &ctl_cmd_report, .group = CTL_GROUP_TRACE, \
		.usage = N_("[--from TIME] [--to TIME] [--shift NAME] [--wo WO] [--station S] " \
		    "[--csv|--json]"), \
		.summary = sum, \
		.options = options, .examples = examples, .exec = view_exec, \
	}

VIEW_CMD(cmd_shift, "shift", N_("good and scrapped per shift, operation and operator"));
VIEW_CMD(cmd_wo, "wo", N_("good and scrapped per work order and operation"));
VIEW_CMD(cmd_station, "station", N_("good and scrapped per station, operation and operator"));

static const struct ctl_cmd *const subs[] = { &cmd_shift, &cmd_wo, &cmd_station, NULL };

static int report_exec(struct ctl *ctl, int argc, char **argv);

const struct ctl_cmd ctl_cmd_report = {
	.name = "report",
	.group = CTL_GROUP_TRACE,
	.usage = N_("shift|wo|station [...] | --html FILE"),
	.summary = N_("work reporting: good and scrapped quantities and time on task"),
	.description = N_("Counts from the event log what the line made in a window: operations "
	    "completed (good), failures, failures sent to rework or scrapped (counted against the "
	    "operation, station and operator where the unit failed), and the mean time from "
	    "opening a unit at an operation to completing it. Needs a lead, an inspector, an "
	    "engineer or an admin. With --html FILE --from YYYY-MM-DD --to YYYY-MM-DD [--period "
	    "day|week|month] [--lang en|zh_CN] [--plant NAME]: one self-contained HTML page of "
	    "the period (cost of quality, defect Pareto, FPY per station, SPC charts)."),
	.subs = subs,
	.exec = report_exec,
};

/* yokectl report ... --html FILE is the HTML page of a period
 * (report_html.c); anything else names a view. */
static int
report_exec(struct ctl *ctl, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--html") == 0)
			return ctl_report_html(ctl, argc, argv);
	if (argc > 1 && argv[1][0] != '-')
		return ctl_usage_why(&ctl_cmd_report, _("yokectl %s has no command \"%s\""), "report",
		    argv[1]);
	return ctl_usage_why(&ctl_cmd_report, _("yokectl %s needs a command"), "report");
}

/* One line of the view: the rows of its key, added up. */
struct line {
	Yoke__WorkReportRow r;         /* strings owned (xstrdup) */
};

struct lines {
	struct line *v;
	size_t n, cap;
	enum view view;
};

static bool
eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool
same_key(enum view view, const Yoke__WorkReportRow *a, const Yoke__WorkReportRow *b)
{
	switch (view) {
	case VIEW_SHIFT:
		return eq(a->shift, b->shift) && eq(a->shift_date, b->shift_date) &&
		    a->operation == b->operation && eq(a->badge, b->badge);
	case VIEW_WO:
		return eq(a->work_order, b->work_order) && a->operation == b->operation;
	default:
		return eq(a->station, b->station) && a->operation == b->operation &&
		    eq(a->badge, b->badge);
	}
}

static void
add(struct lines *ls, const Yoke__WorkReportRow *r)
{
	struct line *l = NULL;
	for (size_t i = 0; i < ls->n; i++)
		if (same_key(ls->view, &ls->v[i].r, r)) {
			l = &ls->v[i];
			break;
		}
	if (l == NULL) {
		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? ls->cap * 2 : 64;
			ls->v = xrealloc(ls->v, ls->cap * sizeof *ls->v);
		}
		l = &ls->v[ls->n++];
		memset(l, 0, sizeof *l);
		yoke__work_report_row__init(&l->r);
		l->r.shift = xstrdup(r->shift);
		l->r.shift_date = xstrdup(r->shift_date);
		l->r.work_order = xstrdup(ls->view == VIEW_WO ? r->work_order : "");
		l->r.station = xstrdup(ls->view == VIEW_STATION ? r->station : "");
		l->r.operation = r->operation;
		l->r.operation_name = xstrdup(r->operation_name);
		l->r.badge = xstrdup(ls->view == VIEW_WO ? "" : r->badge);
		l->r.operator_name = xstrdup(ls->view == VIEW_WO ? "" : r->operator_name);
		if (ls->view != VIEW_SHIFT) {
			l->r.shift[0] = '\0';
			l->r.shift_date[0] = '\0';
		}
	}
	l->r.good += r->good;
	l->r.failed += r->failed;
	l->r.reworked += r->reworked;
	l->r.scrapped += r->scrapped;
	l->r.timed += r->timed;
	l->r.time_on_task_us += r->time_on_task_us;
}

static int
by_key(const void *pa, const void *pb)
{
	const Yoke__WorkReportRow *a = &((const struct line *)pa)->r, *b = &((const struct line *)pb)->r;
	int d;
	if ((d = strcmp(a->shift_date, b->shift_date)) != 0 || (d = strcmp(a->shift, b->shift)) != 0 ||
	    (d = strcmp(a->work_order, b->work_order)) != 0 || (d = strcmp(a->station, b->station)) != 0)
		return d;
	if (a->operation != b->operation)
		return a->operation < b->operation ? -1 : 1;
	return strcmp(a->badge, b->badge);
}

static void
lines_free(struct lines *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		Yoke__WorkReportRow *r = &ls->v[i].r;
		free(r->shift);
		free(r->shift_date);
		free(r->work_order);
		free(r->station);
		free(r->operation_name);
		free(r->badge);
		free(r->operator_name);
	}
	free(ls->v);
}

/* Mean seconds on task, or -1 when no completion was timed. */
static double
mean_s(const Yoke__WorkReportRow *r)
{
	return r->timed ? (double)r->time_on_task_us / 1e6 / r->timed : -1;
}

static const char *const view_name[] = { "shift", "wo", "station" };

static void
print_json(const struct lines *ls, int64_t from, int64_t to)
{
	char f[40], t[40];
	export_time_text(f, sizeof f, from);
	export_time_text(t, sizeof t, to);
	printf("{\"view\":\"%s\"", view_name[ls->view]);
	json_field(stdout, "from", f);
	json_field(stdout, "to", t);
	printf(",\"rows\":[");
	for (size_t i = 0; i < ls->n; i++) {
		const Yoke__WorkReportRow *r = &ls->v[i].r;
		printf("%s{\"operation\":%u", i ? "," : "", r->operation);
		json_field(stdout, "operation_name", r->operation_name);
		if (ls->view == VIEW_SHIFT) {
			json_field(stdout, "shift", r->shift);
			json_field(stdout, "shift_date", r->shift_date);
		}
		if (ls->view == VIEW_WO)
			json_field(stdout, "work_order", r->work_order);
		if (ls->view == VIEW_STATION)
			json_field(stdout, "station", r->station);
		if (ls->view != VIEW_WO) {
			json_field(stdout, "badge", r->badge);
			json_field(stdout, "operator", r->operator_name);
		}
		printf(",\"good\":%u,\"failed\":%u,\"reworked\":%u,\"scrapped\":%u,\"timed\":%u,"
		    "\"time_on_task_s\":%.3f", r->good, r->failed, r->reworked, r->scrapped, r->timed,
		    (double)r->time_on_task_us / 1e6);
		if (r->timed)
			printf(",\"mean_time_on_task_s\":%.3f", mean_s(r));
		putchar('}');
	}
	printf("]}\n");
}

static void
print_csv(const struct lines *ls)
{
	struct csv w;
	csv_start(&w, stdout);
	if (ls->view == VIEW_SHIFT) {
		csv_field(&w, "shift");
		csv_field(&w, "shift_date");
	}
	if (ls->view == VIEW_WO)
		csv_field(&w, "work_order");
	if (ls->view == VIEW_STATION)
		csv_field(&w, "station");
	csv_field(&w, "operation");
	csv_field(&w, "operation_name");
	if (ls->view != VIEW_WO) {
		csv_field(&w, "badge");
		csv_field(&w, "operator");
	}
	const char *const tail[] = { "good", "failed", "reworked", "scrapped", "timed",
		"time_on_task_s", "mean_time_on_task_s" };
	for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
		csv_field(&w, tail[i]);
	csv_end(&w);
	for (size_t i = 0; i < ls->n; i++) {
		const Yoke__WorkReportRow *r = &ls->v[i].r;
		if (ls->view == VIEW_SHIFT) {
			csv_field(&w, r->shift);
			csv_field(&w, r->shift_date);
		}
		if (ls->view == VIEW_WO)
			csv_field(&w, r->work_order);
		if (ls->view == VIEW_STATION)
			csv_field(&w, r->station);
		csv_fieldf(&w, "%u", r->operation);
		csv_field(&w, r->operation_name);
		if (ls->view != VIEW_WO) {
			csv_field(&w, r->badge);
			csv_field(&w, r->operator_name);
		}
		csv_fieldf(&w, "%u", r->good);
		csv_fieldf(&w, "%u", r->failed);
		csv_fieldf(&w, "%u", r->reworked);
		csv_fieldf(&w, "%u", r->scrapped);
		csv_fieldf(&w, "%u", r->timed);
		csv_fieldf(&w, "%.3f", (double)r->time_on_task_us / 1e6);
		if (r->timed)
			csv_fieldf(&w, "%.3f", mean_s(r));
		else
			csv_field(&w, "");
		csv_end(&w);
	}
}

/* The text table: at most 80 columns wide in either language. */
static void
print_text(const struct lines *ls, int64_t from, int64_t to)
{
	char f[40], t[40];
	struct table *tb;
	int c = 0;
	export_time_text(f, sizeof f, from);
	export_time_text(t, sizeof t, to);
	/* TRANSLATORS: the window of a work report: from, to (ISO times). */
	printf(_("Work report %s to %s\n"), f, t);
	if (ls->n == 0) {
		printf("%s\n", _("Nothing was worked in this window."));
		return;
	}
	tb = table_new(ls->view == VIEW_WO ? 7 : 8);
	if (ls->view == VIEW_SHIFT)
		table_column(tb, c++, _("SHIFT"), 14);
	else if (ls->view == VIEW_WO)
		table_column(tb, c++, _("WORK ORDER"), 14);
	else
		table_column(tb, c++, _("STATION"), 10);
	table_column(tb, c++, _("OPERATION"), ls->view == VIEW_WO ? 20 : 14);
	if (ls->view != VIEW_WO)
		table_column(tb, c++, _("OPERATOR"), 12);
	table_column(tb, c++, _("GOOD"), 6);
	table_column(tb, c++, _("FAILED"), 6);
	table_column(tb, c++, _("REWORK"), 6);
	table_column(tb, c++, _("SCRAP"), 6);
	table_column(tb, c++, _("MIN/UNIT"), 8);
	for (size_t i = 0; i < ls->n; i++) {
		const Yoke__WorkReportRow *r = &ls->v[i].r;
		char key[64], op[96], good[16], failed[16], rew[16], scrap[16], mins[24];
		const char *cells[8];
		int k = 0;
		if (ls->view == VIEW_SHIFT)
			snprintf(key, sizeof key, "%s %s", str_empty(r->shift) ? "-" : r->shift,
			    strlen(r->shift_date) == 10 ? r->shift_date + 5 : r->shift_date);
		else
			snprintf(key, sizeof key, "%s", ls->view == VIEW_WO ? r->work_order :
			    (str_empty(r->station) ? "-" : r->station));
		snprintf(op, sizeof op, "%u %s", r->operation, r->operation_name);
		snprintf(good, sizeof good, "%u", r->good);
		snprintf(failed, sizeof failed, "%u", r->failed);
		snprintf(rew, sizeof rew, "%u", r->reworked);
		snprintf(scrap, sizeof scrap, "%u", r->scrapped);
		if (r->timed)
			snprintf(mins, sizeof mins, "%.1f", mean_s(r) / 60);
		else
			snprintf(mins, sizeof mins, "-");
		cells[k++] = key;
		cells[k++] = op;
		if (ls->view != VIEW_WO)
			cells[k++] = str_empty(r->operator_name) ? r->badge : r->operator_name;
		cells[k++] = good;
		cells[k++] = failed;
		cells[k++] = rew;
		cells[k++] = scrap;
		cells[k++] = mins;
		table_row(tb, cells);
	}
	table_print(tb, stdout);
	table_free(tb);
}

static int
view_exec(struct ctl *ctl, int argc, char **argv)
{
	const struct ctl_cmd *cmd = strcmp(argv[0], "wo") == 0 ? &cmd_wo :
	    strcmp(argv[0], "station") == 0 ? &cmd_station : &cmd_shift;
	const char *from = NULL, *to = NULL, *shift = NULL, *wo = NULL, *station = NULL;
	bool json = false, csv = false;
	struct lines ls = { .view = cmd == &cmd_wo ? VIEW_WO : cmd == &cmd_station ? VIEW_STATION :
		VIEW_SHIFT };
	int64_t from_us, to_us;
	uint64_t after = 0;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--from", .value = &from }, { .name = "--to", .value = &to },
		{ .name = "--shift", .value = &shift }, { .name = "--wo", .value = &wo },
		{ .name = "--station", .value = &station }, { .name = "--csv", .flag = &csv },
		{ .name = "--json", .flag = &json }, { .name = NULL },
	};

	if ((rc = ctl_parse(cmd, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (json && csv)
		return ctl_usage_why(cmd, _("choose one of --csv and --json"));
	if ((rc = export_window(cmd, from, to, &from_us, &to_us)) != CTL_OK)
		return rc;
	for (;;) {
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__WorkReportQuery q = YOKE__WORK_REPORT_QUERY__INIT;
		Yoke__Reply *rp;
		q.from_us = from_us;
		q.to_us = to_us;
		q.shift = (char *)(shift ? shift : "");
		q.work_order = (char *)(wo ? wo : "");
		q.station = (char *)(station ? station : "");
		q.after_seq = after;
		rq.body_case = YOKE__REQUEST__BODY_WORK_REPORT;
		rq.work_report = &q;
		if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK) {
			lines_free(&ls);
			return rc;
		}
		if (rp->body_case != YOKE__REPLY__BODY_WORK_REPORT) {
			client_reply_free(rp);
			lines_free(&ls);
			return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer is not a work report"));
		}
		for (size_t i = 0; i < rp->work_report->n_rows; i++)
			add(&ls, rp->work_report->rows[i]);
		/* A page must move on, or the report would never end. */
		uint64_t next = rp->work_report->next_seq;
		client_reply_free(rp);
		if (next == 0 || next <= after)
			break;
		after = next;
	}
	if (ls.n)
		qsort(ls.v, ls.n, sizeof *ls.v, by_key);
	if (json)
		print_json(&ls, from_us, to_us);
	else if (csv)
		print_csv(&ls);
	else
		print_text(&ls, from_us, to_us);
	lines_free(&ls);
	return CTL_OK;
}
