/*
 * export_epcis.c — yokectl export epcis: the window's traceability as a
 * GS1 EPCIS 2.0 JSON-LD document (docs/epcis.md), built here from the
 * server's event pages (EXPORT_EVENTS) and the GTINs they name.
 *
 *   a unit released           ObjectEvent ADD, commissioning, active
 *   an operation completed    ObjectEvent OBSERVE, assembling, in_progress
 *   a check, inspection or    ObjectEvent OBSERVE, inspecting, conformant
 *   measurement                 or non_conformant
 *   a component built in      AggregationEvent ADD (parent: the unit;
 *                               childEPCs: a serialised component;
 *                               childQuantityList: a lot or a part, class level)
 *   a component taken out     AggregationEvent DELETE, repairing
 *   a unit scrapped           ObjectEvent DELETE, destroying, destroyed
 *
 * Identifiers: shared/epcis_id.h. Each event carries its station as
 * readPoint and bizLocation, its work order as a production order
 * (bizTransactionList, type prodorder), its time in UTC with the offset of
 * this machine's zone at that time, and an eventID from its seq.
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/export.h"
#include "shared/epcis_id.h"
#include "shared/util.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#define EPCIS_CONTEXT "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
/* The prefix of yoke's own event fields ("yoke:operation"). */
#define YOKE_NS "urn:yoke:epcis:"

extern const struct ctl_cmd ctl_cmd_export;
static int epcis_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ N_("--from TIME"), N_("the start: YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time (default: "
	    "today)") },
	{ N_("--to TIME"), N_("the end; a date runs through its whole day (default: the end of "
	    "--from's day)") },
	{ "--wo WO", N_("only that work order's units") },
	{ N_("--plant NAME"), N_("the plant's name in yoke's URNs (urn:yoke:NAME:...; letters, "
	    "digits and '-', default \"plant\")") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl export epcis --from 2026-11-01 --to 2026-11-30 --plant sz1 nov.jsonld",
	  N_("November's traceability for a partner's EPCIS repository") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_export_epcis = {
	.name = "epcis",
	.parent = &ctl_cmd_export,
	.group = CTL_GROUP_TRACE,
	.usage = N_("[--from TIME] [--to TIME] [--wo WO] [--plant NAME] FILE"),
	.summary = N_("the window's traceability as a GS1 EPCIS 2.0 document (JSON-LD)"),
	.description = N_("Operations and inspections become ObjectEvents, components built into a "
	    "unit AggregationEvents. A part with a GTIN is named by a GS1 Digital Link URI, "
	    "anything else by yoke's private URN (docs/epcis.md)."),
	.options = options,
	.examples = examples,
	.exec = epcis_exec,
};

struct epcis {
	FILE *f;
	const char *plant;
	size_t n;
	const Yoke__ExportReply *page;
};

/* The first GTIN of a part the page names, or NULL. */
static const char *
gtin_of(const Yoke__ExportReply *r, const char *part)
{
	for (size_t i = 0; part && i < r->n_parts; i++)
		if (strcmp(r->parts[i]->part, part) == 0)
			for (size_t g = 0; g < r->parts[i]->n_gtins; g++)
				if (epcis_gtin_ok(r->parts[i]->gtins[g]))
					return r->parts[i]->gtins[g];
	return NULL;
}

static const char *
product_of(const Yoke__ExportReply *r, const char *wo)
{
	for (size_t i = 0; wo && i < r->n_work_orders; i++)
		if (strcmp(r->work_orders[i]->work_order, wo) == 0)
			return r->work_orders[i]->product;
	return NULL;
}

static void
field(FILE *f, const char *k, const char *v)
{
	fprintf(f, ",\"%s\":", k);
	json_string(f, v);
}

/* "2026-11-26T13:45:57.123Z" and "+08:00" */
static void
event_time(FILE *f, int64_t us)
{
	time_t t = (time_t)(us / 1000000);
	struct tm utc, local;
	char buf[40];
	long off;
	gmtime_r(&t, &utc);
	localtime_r(&t, &local);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
	fprintf(f, ",\"eventTime\":\"%s.%03dZ\"", buf, (int)((us % 1000000) / 1000));
	off = local.tm_gmtoff / 60;
	if (off < -14 * 60 || off > 14 * 60)
		off = 0;
	fprintf(f, ",\"eventTimeZoneOffset\":\"%c%02ld:%02ld\"", off < 0 ? '-' : '+',
	    (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
}

/* The fields every event of ours has: type, time, id. */
static void
begin(struct epcis *x, const char *type, const Yoke__Event *e)
{
	char id[EPCIS_ID_MAX];
	fprintf(x->f, "%s\n      {\"type\":\"%s\"", x->n++ ? "," : "", type);
	event_time(x->f, e->time_us);
	if (epcis_event_id(id, sizeof id, x->plant, e->seq))
		field(x->f, "eventID", id);
}

/* bizStep, disposition, where, why; then the event's end. */
static void
end(struct epcis *x, const Yoke__Event *e, const char *step, const char *disposition)
{
	char id[EPCIS_ID_MAX];
	field(x->f, "bizStep", step);
	if (disposition)
		field(x->f, "disposition", disposition);
	if (epcis_station_id(id, sizeof id, x->plant, e->station)) {
		fprintf(x->f, ",\"readPoint\":{\"id\":");
		json_string(x->f, id);
		fprintf(x->f, "},\"bizLocation\":{\"id\":");
		json_string(x->f, id);
		fputc('}', x->f);
	}
	if (epcis_work_order_id(id, sizeof id, x->plant, e->work_order)) {
		fprintf(x->f, ",\"bizTransactionList\":[{\"type\":\"prodorder\",\"bizTransaction\":");
		json_string(x->f, id);
		fprintf(x->f, "}]");
	}
	if (e->operation)
		fprintf(x->f, ",\"yoke:operation\":%u", e->operation);
	fputc('}', x->f);
}

static bool
unit_id(struct epcis *x, const Yoke__Event *e, char *out)
{
	const Yoke__ExportReply *r = x->page;
	return epcis_unit_id(out, EPCIS_ID_MAX, x->plant, gtin_of(r, product_of(r, e->work_order)),
	    e->serial);
}

static void
object_event(struct epcis *x, const Yoke__Event *e, const char *action, const char *step,
    const char *disposition)
{
	char unit[EPCIS_ID_MAX];
	if (!unit_id(x, e, unit))
		return;
	begin(x, "ObjectEvent", e);
	fprintf(x->f, ",\"epcList\":[");
	json_string(x->f, unit);
	fprintf(x->f, "],\"action\":\"%s\"", action);
	end(x, e, step, disposition);
}

/* A component into (ADD) or out of (DELETE) the unit. */
static void
aggregation_event(struct epcis *x, const Yoke__Event *e, const char *action, const char *step,
    const char *disposition)
{
	const char *gtin = gtin_of(x->page, e->part);
	char unit[EPCIS_ID_MAX], child[EPCIS_ID_MAX];
	bool instance = !str_empty(e->component_serial);
	if (!unit_id(x, e, unit))
		return;
	if (instance ? !epcis_serial_id(child, sizeof child, x->plant, gtin, e->part,
	    e->component_serial) : !str_empty(e->lot) ? !epcis_lot_class(child, sizeof child,
	    x->plant, gtin, e->part, e->lot) : !epcis_part_class(child, sizeof child, x->plant, gtin,
	    e->part))
		return;
	begin(x, "AggregationEvent", e);
	field(x->f, "parentID", unit);
	if (instance) {
		fprintf(x->f, ",\"childEPCs\":[");
		json_string(x->f, child);
		fputc(']', x->f);
	} else {
		fprintf(x->f, ",\"childQuantityList\":[{\"epcClass\":");
		json_string(x->f, child);
		fprintf(x->f, ",\"quantity\":%u}]", e->qty ? e->qty : 1);
	}
	fprintf(x->f, ",\"action\":\"%s\"", action);
	end(x, e, step, disposition);
}

static int
page(void *ud, const Yoke__ExportReply *r)
{
	struct epcis *x = ud;
	x->page = r;
	for (size_t i = 0; i < r->n_events; i++) {
		const Yoke__Event *e = r->events[i];
		if (str_empty(e->serial))
			continue;       /* not about a unit: a badge-in, a load, a lot */
		switch (e->kind) {
		case YOKE__EVENT_KIND__EVENT_RELEASED:
			object_event(x, e, "ADD", "commissioning", "active");
			break;
		case YOKE__EVENT_KIND__EVENT_OP_COMPLETED:
			object_event(x, e, "OBSERVE", "assembling", "in_progress");
			break;
		case YOKE__EVENT_KIND__EVENT_CHECKED:
		case YOKE__EVENT_KIND__EVENT_INSPECTED:
		case YOKE__EVENT_KIND__EVENT_MEASURED:
			object_event(x, e, "OBSERVE", "inspecting", e->pass ? "conformant" :
			    "non_conformant");
			break;
		case YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED:
			if (e->pass)
				aggregation_event(x, e, "ADD", "assembling", "in_progress");
			break;
		case YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED:
			aggregation_event(x, e, "DELETE", "repairing", NULL);
			break;
		case YOKE__EVENT_KIND__EVENT_SCRAPPED:
			object_event(x, e, "DELETE", "destroying", "destroyed");
			break;
		default:
			break;
		}
	}
	return CTL_OK;
}

static int
epcis_exec(struct ctl *ctl, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &ctl_cmd_export_epcis;
	const char *from = NULL, *to = NULL, *wo = NULL, *plant = NULL, *words[1];
	struct export_out out;
	struct epcis x = { 0 };
	int64_t from_us, to_us;
	time_t now = time(NULL);
	struct tm utc;
	char created[40];
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--from", .value = &from }, { .name = "--to", .value = &to },
		{ .name = "--wo", .value = &wo }, { .name = "--plant", .value = &plant },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(cmd, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw != 1)
		return ctl_usage_why(cmd, _("name the file to write (\"-\": the standard output)"));
	x.plant = plant ? plant : "plant";
	if (!epcis_plant_ok(x.plant))
		return ctl_usage_why(cmd, _("--plant: expected 1 to 32 letters, digits or '-', got "
		    "\"%s\""), x.plant);
	if ((rc = export_window(cmd, from, to, &from_us, &to_us)) != CTL_OK)
		return rc;
	if ((x.f = export_open(&out, words[0])) == NULL)
		return CTL_LOCAL;
	gmtime_r(&now, &utc);
	strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &utc);
	fprintf(x.f, "{\n  \"@context\":[\"" EPCIS_CONTEXT "\",{\"yoke\":\"" YOKE_NS "\"}],\n"
	    "  \"type\":\"EPCISDocument\",\n  \"schemaVersion\":\"2.0\",\n"
	    "  \"creationDate\":\"%s\",\n  \"epcisBody\":{\n    \"eventList\":[", created);
	rc = export_pages(ctl, YOKE__EXPORT_KIND__EXPORT_EVENTS, from_us, to_us, wo, page, &x);
	fprintf(x.f, "\n    ]\n  }\n}\n");
	int closed = export_close(&out, rc == CTL_OK);
	return rc != CTL_OK ? rc : closed;
}
