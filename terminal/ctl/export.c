/*
 * export.c — yokectl export: a window of what the line did, for
 * spreadsheets (units, events, NCRs as CSV or JSON) and for traceability
 * partners (epcis: export_epcis.c). Each is read from the server a page at
 * a time (export.h) and written to FILE, or to stdout with "-".
 *
 *   export units|events|ncrs [--from T] [--to T] [--wo WO] [--csv|--json] FILE
 *   export epcis [--from T] [--to T] [--wo WO] [--plant NAME] FILE
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/export.h"
#include "shared/csv.h"
#include "shared/util.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_export, ctl_cmd_export_epcis;
static int table_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ N_("--from TIME"), N_("the start: YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time (default: "
	    "today)") },
	{ N_("--to TIME"), N_("the end; a date runs through its whole day (default: the end of "
	    "--from's day)") },
	{ "--wo WO", N_("only that work order") },
	{ "--csv", N_("CSV for a spreadsheet (RFC 4180, UTF-8; the default)") },
	{ "--json", N_("JSON: one array of objects") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl export units --from 2026-11-01 --to 2026-11-30 units.csv",
	  N_("the units worked in November, where each stands") },
	{ "yokectl export ncrs --wo WO-1 --json -", N_("a work order's NCRs as JSON on the screen") },
	{ NULL, NULL },
};

#define TABLE_CMD(var, word, sum) \
	static const struct ctl_cmd var = { \
		.name = word, .parent = &ctl_cmd_export, .group = CTL_GROUP_TRACE, \
		.usage = N_("[--from TIME] [--to TIME] [--wo WO] [--csv|--json] FILE"), \
		.summary = sum, .options = options, .examples = examples, .exec = table_exec, \
	}

TABLE_CMD(cmd_units, "units", N_("the units released or worked in the window, where each stands"));
TABLE_CMD(cmd_events, "events", N_("every event of the window, oldest first"));
TABLE_CMD(cmd_ncrs, "ncrs", N_("the NCRs opened in the window"));

static const struct ctl_cmd *const subs[] = { &ctl_cmd_export_epcis, &cmd_units, &cmd_events,
	&cmd_ncrs, NULL };

const struct ctl_cmd ctl_cmd_export = {
	.name = "export",
	.group = CTL_GROUP_TRACE,
	.usage = "epcis|units|events|ncrs [...] FILE",
	.summary = N_("export a window: GS1 EPCIS 2.0, or CSV and JSON for spreadsheets"),
	.description = N_("Writes what the line did in a window to FILE (\"-\": the standard "
	    "output), read from the server a page at a time; a file is written whole or not at "
	    "all. Needs a lead, an inspector, an engineer or an admin."),
	.subs = subs,
};

struct table_out {
	const struct ctl_cmd *cmd;
	FILE *f;
	bool json;
	struct csv w;
	size_t n;
	bool first;              /* JSON: no field of the record written yet */
};

/* JSON: the separator and the key of the next field. */
static void
key(struct table_out *o, const char *k)
{
	fprintf(o->f, "%s\"%s\":", o->first ? "" : ",", k);
	o->first = false;
}

static void
time_field(struct table_out *o, const char *name, int64_t us)
{
	char t[48];
	export_time_text(t, sizeof t, us);
	if (o->json) {
		key(o, name);
		json_string(o->f, t);
	} else {
		csv_field(&o->w, t);
	}
}

static void
text_field(struct table_out *o, const char *name, const char *v)
{
	if (o->json) {
		key(o, name);
		json_string(o->f, v ? v : "");
	} else {
		csv_field(&o->w, v);
	}
}

static void
num_field(struct table_out *o, const char *name, uint64_t v)
{
	if (o->json) {
		key(o, name);
		fprintf(o->f, "%" PRIu64, v);
	} else
		csv_fieldf(&o->w, "%" PRIu64, v);
}

static void
record_start(struct table_out *o)
{
	if (o->json)
		fprintf(o->f, "%s\n{", o->n ? "," : "");
	o->first = true;
	o->n++;
}

static void
record_end(struct table_out *o)
{
	if (o->json)
		fputc('}', o->f);
	else
		csv_end(&o->w);
}

static void
heading(struct table_out *o, const char *const *names)
{
	if (o->json)
		return;
	for (size_t i = 0; names[i]; i++)
		csv_field(&o->w, names[i]);
	csv_end(&o->w);
}

static const char *const unit_cols[] = { "serial", "work_order", "product", "routing_rev",
	"status", "operation", "operation_name", "station", "rework_count", "ncrs", "open_ncr",
	"released", "last_event", NULL };

static int
units_page(void *ud, const Yoke__ExportReply *r)
{
	struct table_out *o = ud;
	char w[40];
	for (size_t i = 0; i < r->n_units; i++) {
		const Yoke__ExportUnit *u = r->units[i];
		record_start(o);
		text_field(o, "serial", u->serial);
		text_field(o, "work_order", u->work_order);
		text_field(o, "product", u->product);
		text_field(o, "routing_rev", u->routing_rev);
		text_field(o, "status", export_enum_word(&yoke__unit_status__descriptor, u->status,
		    "UNIT_", w, sizeof w));
		num_field(o, "operation", u->operation);
		text_field(o, "operation_name", u->operation_name);
		text_field(o, "station", u->station);
		num_field(o, "rework_count", u->rework_count);
		num_field(o, "ncrs", u->ncrs);
		text_field(o, "open_ncr", u->open_ncr);
		time_field(o, "released", u->released_us);
		time_field(o, "last_event", u->last_event_us);
		record_end(o);
	}
	return CTL_OK;
}

static const char *const event_cols[] = { "seq", "time", "kind", "serial", "work_order",
	"station", "badge", "operator", "operation", "operation_name", "step", "part", "lot",
	"component_serial", "qty", "name", "value", "unit", "pass", "defect", "ncr",
	"inspector_badge", "text", NULL };

static int
events_page(void *ud, const Yoke__ExportReply *r)
{
	struct table_out *o = ud;
	char w[40];
	for (size_t i = 0; i < r->n_events; i++) {
		const Yoke__Event *e = r->events[i];
		record_start(o);
		num_field(o, "seq", e->seq);
		time_field(o, "time", e->time_us);
		text_field(o, "kind", export_enum_word(&yoke__event_kind__descriptor, e->kind,
		    "EVENT_", w, sizeof w));
		text_field(o, "serial", e->serial);
		text_field(o, "work_order", e->work_order);
		text_field(o, "station", e->station);
		text_field(o, "badge", e->badge);
		text_field(o, "operator", e->operator_name);
		num_field(o, "operation", e->operation);
		text_field(o, "operation_name", e->operation_name);
		num_field(o, "step", e->step);
		text_field(o, "part", e->part);
		text_field(o, "lot", e->lot);
		text_field(o, "component_serial", e->component_serial);
		num_field(o, "qty", e->qty);
		text_field(o, "name", e->name);
		bool measured = e->kind == YOKE__EVENT_KIND__EVENT_MEASURED && isfinite(e->value);
		if (o->json) {
			key(o, "value");
			if (measured)
				fprintf(o->f, "%.17g", e->value);
			else
				fputs("null", o->f);
		} else if (measured) {
			csv_fieldf(&o->w, "%.17g", e->value);
		} else {
			csv_field(&o->w, "");
		}
		text_field(o, "unit", e->unit);
		if (o->json) {
			key(o, "pass");
			fputs(e->pass ? "true" : "false", o->f);
		} else
			csv_field(&o->w, e->pass ? "1" : "0");
		text_field(o, "defect", e->defect);
		text_field(o, "ncr", e->ncr);
		text_field(o, "inspector_badge", e->inspector_badge);
		text_field(o, "text", e->text);
		record_end(o);
	}
	return CTL_OK;
}

static const char *const ncr_cols[] = { "number", "state", "serial", "work_order", "product",
	"operation", "operation_name", "station", "badge", "operator", "defect", "defect_text",
	"location", "opened", "disposition", "dispositioned", "closed", "lot_part", "lot", "text",
	NULL };

static int
ncrs_page(void *ud, const Yoke__ExportReply *r)
{
	struct table_out *o = ud;
	char w[40];
	for (size_t i = 0; i < r->n_ncrs; i++) {
		const Yoke__Ncr *n = r->ncrs[i];
		record_start(o);
		text_field(o, "number", n->number);
		text_field(o, "state", export_enum_word(&yoke__ncr_state__descriptor, n->state, "NCR_",
		    w, sizeof w));
		text_field(o, "serial", n->serial);
		text_field(o, "work_order", n->work_order);
		text_field(o, "product", n->product);
		num_field(o, "operation", n->operation);
		text_field(o, "operation_name", n->operation_name);
		text_field(o, "station", n->station);
		text_field(o, "badge", n->badge);
		text_field(o, "operator", n->operator_name);
		text_field(o, "defect", n->defect);
		text_field(o, "defect_text", n->defect_text);
		text_field(o, "location", n->location);
		time_field(o, "opened", n->opened_us);
		text_field(o, "disposition", export_enum_word(&yoke__disposition_kind__descriptor,
		    n->disposition, "DISPOSITION_", w, sizeof w));
		time_field(o, "dispositioned", n->dispositioned_us);
		time_field(o, "closed", n->closed_us);
		text_field(o, "lot_part", n->lot_part);
		text_field(o, "lot", n->lot);
		text_field(o, "text", n->text);
		record_end(o);
	}
	return CTL_OK;
}

static int
table_exec(struct ctl *ctl, int argc, char **argv)
{
	const struct ctl_cmd *cmd = strcmp(argv[0], "units") == 0 ? &cmd_units :
	    strcmp(argv[0], "events") == 0 ? &cmd_events : &cmd_ncrs;
	const char *from = NULL, *to = NULL, *wo = NULL, *words[1];
	bool json = false, csv = false;
	struct table_out o = { .cmd = cmd };
	struct export_out out;
	int64_t from_us, to_us;
	Yoke__ExportKind kind;
	export_page_fn fn;
	const char *const *cols;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--from", .value = &from }, { .name = "--to", .value = &to },
		{ .name = "--wo", .value = &wo }, { .name = "--csv", .flag = &csv },
		{ .name = "--json", .flag = &json }, { .name = NULL },
	};

	if ((rc = ctl_parse(cmd, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw != 1)
		return ctl_usage_why(cmd, _("name the file to write (\"-\": the standard output)"));
	if (json && csv)
		return ctl_usage_why(cmd, _("choose one of --csv and --json"));
	if ((rc = export_window(cmd, from, to, &from_us, &to_us)) != CTL_OK)
		return rc;
	if (cmd == &cmd_units) {
		kind = YOKE__EXPORT_KIND__EXPORT_UNITS;
		fn = units_page;
		cols = unit_cols;
	} else if (cmd == &cmd_events) {
		kind = YOKE__EXPORT_KIND__EXPORT_EVENTS;
		fn = events_page;
		cols = event_cols;
	} else {
		kind = YOKE__EXPORT_KIND__EXPORT_NCRS;
		fn = ncrs_page;
		cols = ncr_cols;
	}
	if ((o.f = export_open(&out, words[0])) == NULL)
		return CTL_LOCAL;
	o.json = json;
	csv_start(&o.w, o.f);
	if (json)
		fputc('[', o.f);
	heading(&o, cols);
	rc = export_pages(ctl, kind, from_us, to_us, wo, fn, &o);
	if (json)
		fputs(o.n ? "\n]\n" : "]\n", o.f);
	int closed = export_close(&out, rc == CTL_OK);
	return rc != CTL_OK ? rc : closed;
}
