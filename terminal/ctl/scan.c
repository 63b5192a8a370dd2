/*
 * scan.c — yokectl scan --image: the barcodes in a picture of a label, as
 * a hand scanner would have read them (shared/scan/image.h), so a label
 * can be checked, or its data copied, without a scanner.
 *
 *   yokectl scan --image FILE [--year YYYY] [--json]
 *
 * For each symbol: its symbology and AIM identifier, where it is, its
 * data with GS shown as <GS>, and, when it holds GS1 data (a GS1 element
 * string, a GS1 Digital Link URI, an EAN/UPC number), its Application
 * Identifiers through the project's GS1 parser. The pairing rules of GS1
 * ((21) needs (01) ...) apply to a label, not to each code: a reel label
 * may carry (01) in one code and (30) in another. So each symbol is parsed
 * without them and every GS1 field of the picture is then checked
 * together; a label that breaks them says so in one line at the end.
 *
 * A GS1 symbol whose data the parser refuses (a wrong check digit, a date
 * that does not exist) is still shown, with why: the command reports what
 * the label says. The exit status is 0 when at least one code was read;
 * 1 when the file is not a PNG picture or holds no code; 4 when it cannot
 * be read; 2 for a wrong command line. Works without the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/gs1/gs1.h"
#include "shared/scan/image.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"

static int exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ N_("--image FILE"), N_("the picture to read: a PNG file (a photo, a scan, a screenshot)") },
	{ N_("--year YYYY"), N_("the current year for the two-digit-year rule (for output that does "
	    "not change with the date)") },
	{ "--json", N_("print JSON for scripts: every symbol with its symbology, data, position and "
	    "GS1 fields") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl scan --image reel.png", N_("read the GS1 DataMatrix of a component reel's label: "
	    "GTIN, lot, expiry, serial") },
	{ "yokectl scan --image label.png --json", N_("every code on a label, for a script") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_scan = {
	.name = "scan",
	.group = CTL_GROUP_LABELS,
	.usage = N_("--image FILE [--year YYYY] [--json]"),
	.summary = N_("read the barcodes in a picture of a label (Code 128, GS1-128, EAN/UPC, Code 39, "
	    "QR, Data Matrix)"),
	.description = N_("Reads every barcode in a PNG picture of a label as a hand scanner would: "
	    "Code 128 and GS1-128, EAN-13, EAN-8, UPC-A, UPC-E, Code 39, QR codes and Data Matrix "
	    "(GS1 DataMatrix is the usual code on component reels). Shows each code's symbology, "
	    "where it is in the picture and its data, with the GS separator as <GS>; for GS1 data, "
	    "every Application Identifier with its meaning, and whether the label's codes together "
	    "meet the GS1 pairing rules. A photo should show the code sharp and at least a few "
	    "pixels per module; JPEG photos must be saved as PNG first. Works without the server."),
	.options = options,
	.examples = examples,
	.exec = exec,
};

/* The GS1 reading of one symbol. */
struct gs1_view {
	bool parsed;            /* fields holds its GS1 data */
	bool refused;           /* a GS1 symbol whose data the parser refused */
	struct gs1_result fields;
	struct gs1_error error;
};

/* Parses s as the GS1 parser reads a scan. A symbol that says it is GS1
 * must parse; any other counts as GS1 data only as a Digital Link URI or
 * an EAN/UPC number (the parser reads those after ]Q1 and ]E0). */
static void
gs1_read(const struct scan_symbol *s, int year, struct gs1_view *v)
{
	struct gs1_options opt = { .current_year = year, .no_pairing = true };
	size_t cap = s->len + sizeof s->aim, n;
	char *wire = xmalloc(cap);

	memset(v, 0, sizeof *v);
	n = scan_symbol_wire(s, wire, cap);
	if (gs1_parse(wire, n, &opt, &v->fields, &v->error)) {
		v->parsed = s->gs1 || v->fields.form == GS1_FORM_DL || v->fields.form == GS1_FORM_GTIN;
	} else if (s->gs1) {
		v->refused = true;
		/* Offsets of the data, not of the identifier in front of it. */
		size_t alen = strlen(s->aim);
		v->error.offset = v->error.offset > alen ? v->error.offset - alen : 0;
	}
	free(wire);
}

/*
 * Every GS1 field of the picture in one result, for the pairing rules; a
 * field that two codes both carry (the same AI and value) counts once.
 * False (and why, in err) when they break a rule, or when two codes give
 * one AI different values.
 */
static bool
label_pairing(const struct gs1_view *v, size_t n, struct gs1_error *err)
{
	struct gs1_result all;
	bool any = false;

	memset(&all, 0, sizeof all);
	for (size_t i = 0; i < n; i++) {
		if (!v[i].parsed)
			continue;
		for (int k = 0; k < v[i].fields.nfields; k++) {
			const struct gs1_field *f = &v[i].fields.fields[k];
			const struct gs1_field *o = gs1_find(&all, f->ai);
			if (o != NULL && strcmp(o->value, f->value) == 0)
				continue;
			if (o != NULL) {
				snprintf(err->message, sizeof err->message, _("two codes give (%s) different "
				    "values: %s and %s"), f->ai, o->value, f->value);
				return false;
			}
			if (all.nfields < GS1_MAX_FIELDS)
				all.fields[all.nfields++] = *f;
			any = true;
		}
	}
	return !any || gs1_ai_check_pairing(&all, err);
}

/* "2027-12-31", "4.25 kg": what a field's value means, or "". */
static void
meaning(const struct gs1_field *f, char *buf, size_t size)
{
	buf[0] = '\0';
	if (f->has_date && f->date.hour >= 0)
		snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", f->date.year, f->date.month,
		    f->date.day, f->date.hour, f->date.minute);
	else if (f->has_date)
		snprintf(buf, size, "%04d-%02d-%02d%s", f->date.year, f->date.month, f->date.day,
		    f->date.day_given ? "" : _(" (day 00: the last day of the month)"));
	else if (f->has_measure && f->def && f->def->unit)
		snprintf(buf, size, "%s %s", f->measure_text, f->def->unit);
}

static void
print_fields(const struct gs1_result *r)
{
	char m[128];

	for (int i = 0; i < r->nfields; i++) {
		const struct gs1_field *f = &r->fields[i];
		int tw = utf8_width(f->title);
		meaning(f, m, sizeof m);
		printf("   (%s)%*s ", f->ai, (int)(4 - strlen(f->ai)), "");
		table_put(stdout, f->title, tw > 26 ? tw : 26);
		printf(" %s%s%s\n", f->value, m[0] ? "  = " : "", m);
	}
}

static void
print_text(const char *file, const struct scan_result *r, const struct gs1_view *v,
    const struct gs1_error *pairing)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct scan_symbol *s = &r->symbols[i];
		size_t need = scan_text_visible(s->text, s->len, NULL, 0) + 1;
		char *vis = xmalloc(need);

		scan_text_visible(s->text, s->len, vis, need);
		if (i == 0)
			printf(P_("%s: %zu barcode\n", "%s: %zu barcodes\n", r->n), file, r->n);
		printf(_("%zu. %s (%s) at x %d, y %d, %dx%d pixels\n"), i + 1, scan_symbol_name(s),
		    s->aim, s->x, s->y, s->width, s->height);
		printf("   %s\n", vis);
		if (v[i].parsed)
			print_fields(&v[i].fields);
		else if (v[i].refused)
			printf(_("   not valid GS1 data, at byte %zu: %s\n"), v[i].error.offset,
			    v[i].error.message);
		free(vis);
	}
	if (pairing)
		printf(_("The label's GS1 codes together break a pairing rule: %s\n"), pairing->message);
}

static void
json_fields(const struct gs1_result *r)
{
	char hri[2048];

	gs1_format_hri(r, hri, sizeof hri);
	json_field(stdout, "hri", hri);
	printf(",\"fields\":[");
	for (int i = 0; i < r->nfields; i++) {
		const struct gs1_field *f = &r->fields[i];
		printf("%s{\"ai\":", i ? "," : "");
		json_string(stdout, f->ai);
		json_field(stdout, "title", f->title);
		json_field(stdout, "value", f->value);
		if (f->has_date)
			printf(",\"date\":\"%04d-%02d-%02d\",\"day_given\":%s", f->date.year,
			    f->date.month, f->date.day, f->date.day_given ? "true" : "false");
		if (f->has_date && f->date.hour >= 0)
			printf(",\"time\":\"%02d:%02d\"", f->date.hour, f->date.minute);
		if (f->has_measure && f->def && f->def->unit)
			printf(",\"measure\":%s,\"unit\":\"%s\"", f->measure_text, f->def->unit);
		printf("}");
	}
	printf("]");
}

static void
print_json(const char *file, const struct scan_result *r, const struct gs1_view *v,
    const struct gs1_error *pairing)
{
	printf("{\"file\":");
	json_string(stdout, file);
	printf(",\"width\":%u,\"height\":%u,\"symbols\":[", r->width, r->height);
	for (size_t i = 0; i < r->n; i++) {
		const struct scan_symbol *s = &r->symbols[i];
		printf("%s{\"symbology\":\"%s\"", i ? "," : "", scan_symbology_key(s->symbology));
		json_field(stdout, "name", scan_symbol_name(s));
		printf(",\"gs1\":%s", s->gs1 ? "true" : "false");
		json_field(stdout, "aim", s->aim);
		json_field(stdout, "text", s->text);
		/* The exact bytes, when "text" cannot carry them (a NUL, bytes that
		 * are not UTF-8). */
		if (memchr(s->text, '\0', s->len) != NULL || !utf8_valid(s->text, s->len)) {
			printf(",\"hex\":\"");
			for (size_t k = 0; k < s->len; k++)
				printf("%02x", (unsigned char)s->text[k]);
			printf("\"");
		}
		printf(",\"box\":{\"x\":%d,\"y\":%d,\"width\":%d,\"height\":%d}", s->x, s->y,
		    s->width, s->height);
		if (s->ncorners > 0) {
			printf(",\"corners\":[");
			for (int k = 0; k < s->ncorners; k++)
				printf("%s[%d,%d]", k ? "," : "", s->corner[k].x, s->corner[k].y);
			printf("]");
		}
		if (v[i].parsed)
			json_fields(&v[i].fields);
		else if (v[i].refused) {
			printf(",\"gs1_error\":{\"offset\":%zu,\"message\":", v[i].error.offset);
			json_string(stdout, v[i].error.message);
			printf("}");
		}
		printf("}");
	}
	printf("],\"pairing_error\":");
	if (pairing)
		json_string(stdout, pairing->message);
	else
		printf("null");
	printf(",\"datamatrix_search_complete\":%s}\n", r->dmtx_timed_out ? "false" : "true");
}

static int
exec(struct ctl *ctl, int argc, char **argv)
{
	const char *image = NULL, *year_arg = NULL;
	bool json = false;
	size_t nw;
	int rc, year = 0;
	struct scan_result r;
	struct gs1_view *v;
	struct gs1_error pairing;
	bool pairing_ok;
	char err[512];
	const struct ctl_opt opts[] = {
		{ .name = "--image", .value = &image },
		{ .name = "--year", .value = &year_arg },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	(void)ctl;
	if ((rc = ctl_parse(&ctl_cmd_scan, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (image == NULL)
		return ctl_usage_why(&ctl_cmd_scan, _("which picture? Give it with --image FILE"));
	if (year_arg) {
		char *end;
		long y = strtol(year_arg, &end, 10);
		if (*end != '\0' || y < 1951 || y > 9999)
			return ctl_usage_why(&ctl_cmd_scan, _("--year expects a year from 1951 to 9999"));
		year = (int)y;
	}

	switch (scan_image_png(image, &r, err, sizeof err)) {
	case SCAN_OK:
		break;
	case SCAN_NO_FILE:
		return ctl_fail(CTL_ST_IO, "%s", err);
	case SCAN_NOT_PNG:
	case SCAN_TOO_LARGE:
		return ctl_fail(CTL_ST_INVALID, "%s", err);
	case SCAN_READER_FAILED:
		return ctl_fail(CTL_ST_LOCAL, "%s", err);
	}
	if (r.dmtx_timed_out)
		ctl_warn(_("the search for Data Matrix codes stopped after %d seconds, so one may have "
		    "been missed; a picture cropped to the label reads faster"), SCAN_DMTX_MS / 1000);
	if (r.n == 0) {
		scan_result_free(&r);
		return ctl_fail(CTL_ST_INVALID, _("no barcode found in %s (looked for Code 128, "
		    "EAN/UPC, Code 39, QR and Data Matrix)"), image);
	}

	v = xcalloc(r.n, sizeof *v);
	for (size_t i = 0; i < r.n; i++)
		gs1_read(&r.symbols[i], year, &v[i]);
	memset(&pairing, 0, sizeof pairing);
	pairing_ok = label_pairing(v, r.n, &pairing);
	if (json)
		print_json(image, &r, v, pairing_ok ? NULL : &pairing);
	else
		print_text(image, &r, v, pairing_ok ? NULL : &pairing);
	free(v);
	scan_result_free(&r);
	return CTL_OK;
}
