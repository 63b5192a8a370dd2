/* nc_show.c — see nc_show.h. */
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/show.h"
#include "terminal/ctl/table.h"
#include "shared/defs/defs.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

const char *
nc_scope_name(Yoke__HoldScope s)
{
	switch (s) {
	case YOKE__HOLD_SCOPE__HOLD_UNIT: return "unit";
	case YOKE__HOLD_SCOPE__HOLD_UNITS: return "units";
	case YOKE__HOLD_SCOPE__HOLD_WORK_ORDER: return "work-order";
	case YOKE__HOLD_SCOPE__HOLD_COMPONENT: return "component";
	case YOKE__HOLD_SCOPE__HOLD_STATION: return "station";
	default: return "";
	}
}

const char *
nc_scope_text(Yoke__HoldScope s)
{
	switch (s) {
	case YOKE__HOLD_SCOPE__HOLD_UNIT: return _("unit");
	case YOKE__HOLD_SCOPE__HOLD_UNITS: return _("units");
	case YOKE__HOLD_SCOPE__HOLD_WORK_ORDER: return _("work order");
	case YOKE__HOLD_SCOPE__HOLD_COMPONENT: return _("component");
	case YOKE__HOLD_SCOPE__HOLD_STATION: return _("station");
	default: return "";
	}
}

const char *
nc_source_name(Yoke__HoldSource s)
{
	switch (s) {
	case YOKE__HOLD_SOURCE__HOLD_MANUAL: return "manual";
	case YOKE__HOLD_SOURCE__HOLD_NCR: return "ncr";
	case YOKE__HOLD_SOURCE__HOLD_SPC: return "spc";
	case YOKE__HOLD_SOURCE__HOLD_IQC: return "iqc";
	default: return "";
	}
}

char *
nc_source_text(const Yoke__Hold *h)
{
	switch (h->source) {
	case YOKE__HOLD_SOURCE__HOLD_MANUAL: return xstrdup(_("placed by hand"));
	case YOKE__HOLD_SOURCE__HOLD_NCR: return xasprintf(_("from %s"), h->ncr);
	case YOKE__HOLD_SOURCE__HOLD_SPC: return xstrdup(_("from SPC"));
	case YOKE__HOLD_SOURCE__HOLD_IQC: return xstrdup(_("from incoming inspection"));
	default: return xstrdup("");
	}
}

const char *
nc_state_name(Yoke__NcrState s)
{
	switch (s) {
	case YOKE__NCR_STATE__NCR_OPEN: return "open";
	case YOKE__NCR_STATE__NCR_DISPOSITIONED: return "dispositioned";
	case YOKE__NCR_STATE__NCR_CLOSED: return "closed";
	default: return "";
	}
}

const char *
nc_state_text(Yoke__NcrState s)
{
	switch (s) {
	case YOKE__NCR_STATE__NCR_OPEN: return _("open");
	case YOKE__NCR_STATE__NCR_DISPOSITIONED: return _("dispositioned");
	case YOKE__NCR_STATE__NCR_CLOSED: return _("closed");
	default: return "";
	}
}

const char *
nc_disposition_name(Yoke__DispositionKind k)
{
	switch (k) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK: return "rework";
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR: return "repair";
	case YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP: return "scrap";
	case YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS: return "use-as-is";
	case YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER: return "return-to-supplier";
	case YOKE__DISPOSITION_KIND__DISPOSITION_SORT: return "sort";
	default: return "";
	}
}

const char *
nc_disposition_text(Yoke__DispositionKind k)
{
	switch (k) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK: return _("rework");
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR: return _("repair");
	case YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP: return _("scrap");
	case YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS: return _("use as is (MRB)");
	case YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER: return _("return to supplier");
	case YOKE__DISPOSITION_KIND__DISPOSITION_SORT: return _("sort 100 %");
	default: return "";
	}
}

const char *
nc_category_name(Yoke__DefectCategory c)
{
	switch (c) {
	case YOKE__DEFECT_CATEGORY__DEFECT_MAN: return "man";
	case YOKE__DEFECT_CATEGORY__DEFECT_MACHINE: return "machine";
	case YOKE__DEFECT_CATEGORY__DEFECT_MATERIAL: return "material";
	case YOKE__DEFECT_CATEGORY__DEFECT_METHOD: return "method";
	case YOKE__DEFECT_CATEGORY__DEFECT_MEASUREMENT: return "measurement";
	case YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT: return "environment";
	default: return "";
	}
}

/* The 6M of a cause, as a quality team says them. */
const char *
nc_category_text(Yoke__DefectCategory c)
{
	switch (c) {
	case YOKE__DEFECT_CATEGORY__DEFECT_MAN: return _("man");
	case YOKE__DEFECT_CATEGORY__DEFECT_MACHINE: return _("machine");
	case YOKE__DEFECT_CATEGORY__DEFECT_MATERIAL: return _("material");
	case YOKE__DEFECT_CATEGORY__DEFECT_METHOD: return _("method");
	case YOKE__DEFECT_CATEGORY__DEFECT_MEASUREMENT: return _("measurement");
	case YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT: return _("environment");
	default: return "";
	}
}

char *
nc_targets(const Yoke__Hold *h)
{
	size_t size = 1;
	char *s;

	for (size_t i = 0; i < h->n_targets; i++)
		size += strlen(h->targets[i]) + 2;
	s = xmalloc(size);
	s[0] = '\0';
	for (size_t i = 0; i < h->n_targets; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, h->targets[i]);
	}
	return s;
}

char *
nc_signature_text(const Yoke__SignatureRecord *sg)
{
	char at[32];
	format_time_us(sg->time_us, at, sizeof at);
	return xasprintf(_("signed by %s (badge %s, %s) at %s UTC: %s"), sg->name, sg->badge,
	    show_role_text((Yoke__Role)sg->role), at, sg->meaning);
}

void
nc_limits(char *buf, size_t size, bool has_lsl, double lsl, bool has_usl, double usl)
{
	char lo[32] = "-", hi[32] = "-";
	if (has_lsl)
		snprintf(lo, sizeof lo, "%g", lsl);
	if (has_usl)
		snprintf(hi, sizeof hi, "%g", usl);
	snprintf(buf, size, "[%s .. %s]", lo, hi);
}

/* Free text (a reason, a defect's text) may be long: its column stops here. */
#define TARGETS_COLS 30
#define DEFECT_COLS 14

void
nc_holds_table(FILE *f, Yoke__Hold *const *holds, size_t n)
{
	struct table *t;

	if (n == 0)
		return;
	t = table_new(5);
	table_column(t, 0, _("HOLD"), 0);
	table_column(t, 1, _("STATE"), 0);
	table_column(t, 2, _("SCOPE"), 0);
	table_column(t, 3, _("TARGETS"), TARGETS_COLS);
	table_column(t, 4, _("REASON"), 0);
	for (size_t i = 0; i < n; i++) {
		const Yoke__Hold *h = holds[i];
		char id[24], *targets = nc_targets(h), *line, *sig;
		snprintf(id, sizeof id, "%llu", (unsigned long long)h->id);
		table_row(t, (const char *const[]){ id, h->open ? _("in force") : _("hold released"),
		    nc_scope_text(h->scope), targets, h->reason });
		free(targets);
		/* What the row cannot hold, in the reason column below it. */
		line = nc_source_text(h);
		if (h->n_units)
			sig = xasprintf(P_("%s; covers %zu unit", "%s; covers %zu units", h->n_units), line,
			    h->n_units);
		else
			sig = xstrdup(line);
		table_row(t, (const char *const[]){ "", "", "", "", sig });
		free(sig);
		free(line);
		if (h->placed) {
			sig = nc_signature_text(h->placed);
			line = xasprintf(_("placed: %s"), sig);
			table_row(t, (const char *const[]){ "", "", "", "", line });
			free(line);
			free(sig);
		}
		if (!h->open && h->released) {
			sig = nc_signature_text(h->released);
			line = xasprintf(_("released: %s; why: %s"), sig, h->release_reason);
			table_row(t, (const char *const[]){ "", "", "", "", line });
			free(line);
			free(sig);
		}
	}
	table_print(t, f);
	table_free(t);
}

void
nc_ncrs_table(FILE *f, Yoke__Ncr *const *ncrs, size_t n)
{
	struct table *t;

	if (n == 0)
		return;
	t = table_new(8);
	table_column(t, 0, _("NCR"), 0);
	table_column(t, 1, _("STATE"), 0);
	table_column(t, 2, _("OPENED (UTC)"), 0);
	table_column(t, 3, _("SERIAL"), 0);
	table_column(t, 4, _("OP"), 0);
	table_column(t, 5, _("STATION"), 0);
	table_column(t, 6, _("DEFECT"), DEFECT_COLS);
	table_column(t, 7, _("DISPOSITION"), 0);
	for (size_t i = 0; i < n; i++) {
		const Yoke__Ncr *r = ncrs[i];
		char when[32], op[12] = "-";
		format_time_us(r->opened_us, when, sizeof when);
		when[16] = '\0';              /* to the minute */
		if (r->operation)
			snprintf(op, sizeof op, "%u", r->operation);
		/* A lot NCR's PART/LOT stands where a unit's serial does. */
		char *subject = str_empty(r->lot) ? xstrdup(r->serial) :
		    xasprintf("%s/%s", r->lot_part, r->lot);
		table_row(t, (const char *const[]){ r->number, nc_state_text(r->state), when, subject,
		    op, r->station, str_empty(r->defect) ? "-" : r->defect,
		    r->disposition ? nc_disposition_text(r->disposition) : "-" });
		free(subject);
	}
	table_print(t, f);
	table_free(t);
}

void
nc_containment_text(FILE *f, const Yoke__HoldReply *hr)
{
	const Yoke__Hold *h = hr->hold;
	unsigned total = hr->units_in_work + hr->units_done + hr->units_scrapped;
	char *targets = nc_targets(h);

	if (h->scope == YOKE__HOLD_SCOPE__HOLD_STATION) {
		fprintf(f, _("Hold %llu on station %s: it opens no new units until the hold is released.\n"),
		    (unsigned long long)h->id, targets);
	} else {
		fprintf(f, P_("Hold %llu on %s %s covers %u unit: %u in work, %u done, %u scrapped.\n",
		    "Hold %llu on %s %s covers %u units: %u in work, %u done, %u scrapped.\n", total),
		    (unsigned long long)h->id, nc_scope_text(h->scope), targets, total,
		    hr->units_in_work, hr->units_done, hr->units_scrapped);
		if (hr->units_done)
			fprintf(f, P_("yoke records no shipments: the %u done unit may have left the plant "
			    "already; check the shipping records.\n", "yoke records no shipments: the %u "
			    "done units may have left the plant already; check the shipping records.\n",
			    hr->units_done), hr->units_done);
	}
	free(targets);
}

/* ---- one NCR in full ---- */

struct listing {
	FILE *f;
	int width;
};

static const char *const ncr_labels[] = {
	N_("Unit"), N_("Lot"), N_("Operation"), N_("Failed"), N_("Defect"), N_("Location"), N_("Note"),
	N_("Measured"), N_("Opened"), N_("Originator"), N_("Hold"), N_("Components"), N_("Disposition"),
	N_("Removed"), N_("Fitted"), N_("Why"), N_("Dispositioned"), N_("Closed"), N_("Signatures"),
};

static void
item(const struct listing *l, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	table_put(l->f, label ? _(label) : "", l->width);
	fprintf(l->f, "%s\n", value);
}

static void
item_time(const struct listing *l, const char *label, int64_t us)
{
	char when[48], at[32];
	if (us == 0)
		return;
	format_time_us(us, at, sizeof at);
	snprintf(when, sizeof when, "%s UTC", at);
	item(l, label, when);
}

void
nc_ncr_text(FILE *f, const Yoke__Ncr *n)
{
	struct listing l = { f, 0 };
	char *s, lim[80];

	for (size_t i = 0; i < sizeof ncr_labels / sizeof ncr_labels[0]; i++) {
		int w = utf8_width(_(ncr_labels[i]));
		if (w > l.width)
			l.width = w;
	}
	l.width += 2;
	fprintf(f, "%s  %s\n", n->number, nc_state_text(n->state));
	if (str_empty(n->lot)) {
		s = xasprintf(_("%s, %s, work order %s"), n->serial, n->product, n->work_order);
		item(&l, N_("Unit"), s);
	} else {
		s = xasprintf(_("%s/%s: lot %s of part %s; every unit built with it is covered by the "
		    "hold"), n->lot_part, n->lot, n->lot, n->lot_part);
		item(&l, N_("Lot"), s);
	}
	free(s);
	if (n->step)
		s = xasprintf(_("%u “%s”, step %u"), n->operation, n->operation_name, n->step);
	else if (n->operation)
		s = xasprintf(_("%u “%s”, raised by hand"), n->operation, n->operation_name);
	else
		s = xstrdup(_("raised by hand"));
	item(&l, N_("Operation"), s);
	free(s);
	item(&l, N_("Failed"), n->text);
	if (!str_empty(n->defect)) {
		if (n->category)
			s = xasprintf(_("%s %s (category: %s)"), n->defect, n->defect_text,
			    nc_category_text(n->category));
		else
			s = xasprintf("%s %s", n->defect, n->defect_text);
		item(&l, N_("Defect"), s);
		free(s);
	}
	item(&l, N_("Location"), n->location);
	item(&l, N_("Note"), n->note);
	if (!str_empty(n->name)) {
		nc_limits(lim, sizeof lim, n->has_lsl, n->lsl, n->has_usl, n->usl);
		s = xasprintf("%s = %g %s %s", n->name, n->value, n->unit, lim);
		item(&l, N_("Measured"), s);
		free(s);
	}
	item_time(&l, N_("Opened"), n->opened_us);
	if (!str_empty(n->station))
		s = xasprintf(_("%s (badge %s) at station %s"), n->operator_name, n->badge, n->station);
	else
		s = xasprintf(_("%s (badge %s)"), n->operator_name, n->badge);
	item(&l, N_("Originator"), s);
	free(s);
	if (n->hold) {
		s = xasprintf("%llu", (unsigned long long)n->hold);
		item(&l, N_("Hold"), s);
		free(s);
	}
	for (size_t i = 0; i < n->n_components; i++)
		item(&l, i == 0 ? N_("Components") : NULL, n->components[i]);
	if (n->disposition) {
		if (n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_REWORK && n->rework_operation)
			s = xasprintf(_("%s at operation %u"), nc_disposition_text(n->disposition),
			    n->rework_operation);
		else
			s = xstrdup(nc_disposition_text(n->disposition));
		item(&l, N_("Disposition"), s);
		free(s);
		item(&l, N_("Removed"), n->removed);
		item(&l, N_("Fitted"), n->fitted);
		item(&l, N_("Why"), n->disposition_note);
		item_time(&l, N_("Dispositioned"), n->dispositioned_us);
	}
	item_time(&l, N_("Closed"), n->closed_us);
	for (size_t i = 0; i < n->n_signatures; i++) {
		s = nc_signature_text(n->signatures[i]);
		item(&l, i == 0 ? N_("Signatures") : NULL, s);
		free(s);
	}
}

/* ---- JSON ---- */

void
nc_signature_json(FILE *f, const Yoke__SignatureRecord *sg)
{
	char at[32];
	if (sg == NULL) {
		fputs("null", f);
		return;
	}
	format_time_us(sg->time_us, at, sizeof at);
	fprintf(f, "{\"badge\":");
	json_string(f, sg->badge);
	json_field(f, "name", sg->name);
	json_field(f, "role", defs_role_name((Yoke__Role)sg->role));
	json_field(f, "meaning", sg->meaning);
	fprintf(f, ",\"time\":\"%sZ\",\"time_us\":%lld}", at, (long long)sg->time_us);
}

static void
strings_json(FILE *f, const char *key, char *const *v, size_t n)
{
	fprintf(f, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_string(f, v[i]);
	}
	fputc(']', f);
}

void
nc_hold_json(FILE *f, const Yoke__Hold *h)
{
	fprintf(f, "{\"id\":%llu,\"scope\":\"%s\"", (unsigned long long)h->id, nc_scope_name(h->scope));
	strings_json(f, "targets", h->targets, h->n_targets);
	json_field(f, "reason", h->reason);
	fprintf(f, ",\"source\":\"%s\",\"ncr\":", nc_source_name(h->source));
	json_string(f, h->ncr);
	fprintf(f, ",\"open\":%s,\"placed\":", h->open ? "true" : "false");
	nc_signature_json(f, h->placed);
	fprintf(f, ",\"released\":");
	nc_signature_json(f, h->open ? NULL : h->released);
	json_field(f, "release_reason", h->release_reason);
	strings_json(f, "units", h->units, h->n_units);
	fputc('}', f);
}

static void
time_json(FILE *f, const char *key, int64_t us)
{
	char at[32];
	if (us == 0) {
		fprintf(f, ",\"%s\":null", key);
		return;
	}
	format_time_us(us, at, sizeof at);
	fprintf(f, ",\"%s\":\"%sZ\",\"%s_us\":%lld", key, at, key, (long long)us);
}

void
nc_ncr_json(FILE *f, const Yoke__Ncr *n)
{
	fprintf(f, "{\"number\":");
	json_string(f, n->number);
	fprintf(f, ",\"state\":\"%s\"", nc_state_name(n->state));
	json_field(f, "serial", n->serial);
	json_field(f, "work_order", n->work_order);
	json_field(f, "product", n->product);
	json_field(f, "lot_part", n->lot_part);
	json_field(f, "lot", n->lot);
	fprintf(f, ",\"operation\":%u", n->operation);
	json_field(f, "operation_name", n->operation_name);
	fprintf(f, ",\"step\":%u", n->step);
	json_field(f, "text", n->text);
	json_field(f, "defect", n->defect);
	json_field(f, "defect_text", n->defect_text);
	json_field(f, "category", nc_category_name(n->category));
	json_field(f, "location", n->location);
	json_field(f, "note", n->note);
	if (!str_empty(n->name)) {
		fprintf(f, ",\"measurement\":{\"name\":");
		json_string(f, n->name);
		fprintf(f, ",\"value\":%.17g", n->value);
		json_field(f, "unit", n->unit);
		if (n->has_lsl)
			fprintf(f, ",\"lsl\":%.17g", n->lsl);
		if (n->has_usl)
			fprintf(f, ",\"usl\":%.17g", n->usl);
		fputc('}', f);
	} else {
		fprintf(f, ",\"measurement\":null");
	}
	json_field(f, "badge", n->badge);
	json_field(f, "operator", n->operator_name);
	json_field(f, "station", n->station);
	time_json(f, "opened", n->opened_us);
	strings_json(f, "components", n->components, n->n_components);
	fprintf(f, ",\"hold\":%llu,\"disposition\":\"%s\"", (unsigned long long)n->hold,
	    nc_disposition_name(n->disposition));
	json_field(f, "disposition_note", n->disposition_note);
	fprintf(f, ",\"rework_operation\":%u", n->rework_operation);
	json_field(f, "removed", n->removed);
	json_field(f, "fitted", n->fitted);
	time_json(f, "dispositioned", n->dispositioned_us);
	time_json(f, "closed", n->closed_us);
	fprintf(f, ",\"signatures\":[");
	for (size_t i = 0; i < n->n_signatures; i++) {
		if (i)
			fputc(',', f);
		nc_signature_json(f, n->signatures[i]);
	}
	fprintf(f, "],\"opened_seq\":%llu}", (unsigned long long)n->opened_seq);
}
