/*
 * gs1.c — yokectl gs1: parse one scan and print its fields.
 *
 *   yokectl gs1 [--json] [--gs CHAR] [--year YYYY] [--no-pairing] STRING|-
 *
 * "-" reads the scan from standard input (bytes as they are, so a GS can
 * come through). --gs names a character the scanner sends instead of GS.
 * --year fixes the current year for the two-digit-year rule (for
 * reproducible output). --no-pairing skips the GS1 pairing rules (e.g.
 * (21) needs (01)), for a scan of one of several labels on an item.
 * Works without the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/gs1/gs1.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"
#include "shared/utf8.h"

static int exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--json", N_("print JSON for scripts: symbology, form, the text form and every field") },
	{ N_("--gs CHAR"), N_("a character the scanner sends instead of the GS separator") },
	{ N_("--year YYYY"), N_("the current year for the two-digit-year rule (for output that does "
	    "not change with the date)") },
	{ "--no-pairing", N_("skip the GS1 pairing rules (e.g. (21) needs (01)), for a scan of one "
	    "of several labels on an item") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl gs1 ']C101095212345432131726123110LOT-A1'", N_("GTIN, expiry date and lot of a "
	    "GS1-128 scan") },
	{ "yokectl gs1 '(01)09521234543213(10)LOT-A1'", N_("the same written with (AI) brackets") },
	{ "yokectl gs1 - < scan.bin", N_("a scan read from standard input, bytes as they are (a GS "
	    "comes through)") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_gs1 = {
	.name = "gs1",
	.group = CTL_GROUP_LABELS,
	.usage = N_("[--json] [--gs CHAR] [--year YYYY] [--no-pairing] STRING|-"),
	.summary = N_("read a GS1 scan (element string, (AI) text or Digital Link) and show its "
	    "fields"),
	.description = N_("Parses one GS1 scan as a scanner delivers it (a symbology identifier "
	    "like ]C1 or ]Q3 first), as text with (AI) brackets, or as a GS1 Digital Link URI, "
	    "checks check digits, dates and the pairing rules, and shows every field with its "
	    "meaning. \"-\" reads the scan from standard input. Works without the server."),
	.options = options,
	.examples = examples,
	.exec = exec,
};

/* The form as JSON carries it (never translated). */
static const char *
form_name(enum gs1_form f)
{
	switch (f) {
	case GS1_FORM_SCAN: return "element string";
	case GS1_FORM_HRI: return "human-readable";
	case GS1_FORM_DL: return "digital link";
	case GS1_FORM_GTIN: return "gtin";
	}
	return "?";
}

static const char *
form_text(enum gs1_form f)
{
	switch (f) {
	case GS1_FORM_SCAN: return _("element string");
	case GS1_FORM_HRI: return _("human-readable");
	case GS1_FORM_DL: return _("digital link");
	case GS1_FORM_GTIN: return _("GTIN only");
	}
	return "?";
}

/* The decoded meaning of a field as text ("2026-12-31", "12.50 kg"), or
 * "" when the value speaks for itself. */
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
	else if (f->has_measure)
		snprintf(buf, size, "%s %s", f->measure_text, f->def->unit);
}

static void
print_text(const struct gs1_result *r)
{
	char m[128];

	printf(_("symbology %s (%s)\n"), r->symbology[0] ? r->symbology : _("none"),
	    form_text(r->form));
	for (int i = 0; i < r->nfields; i++) {
		const struct gs1_field *f = &r->fields[i];
		meaning(f, m, sizeof m);
		/* Padded by display width (a title may be translated), never cut. */
		int tw = utf8_width(f->title);
		printf("(%s)%*s ", f->ai, (int)(4 - strlen(f->ai)), "");
		table_put(stdout, f->title, tw > 24 ? tw : 24);
		printf(" %s%s%s\n", f->value, m[0] ? "  = " : "", m);
	}
}

static void
print_json(const struct gs1_result *r)
{
	char m[128], hri[1024];

	gs1_format_hri(r, hri, sizeof hri);
	printf("{\"symbology\":");
	json_string(stdout, r->symbology);
	json_field(stdout, "form", form_name(r->form));
	json_field(stdout, "hri", hri);
	printf(",\"fields\":[");
	for (int i = 0; i < r->nfields; i++) {
		const struct gs1_field *f = &r->fields[i];
		printf("%s{\"ai\":\"%s\",\"title\":", i ? "," : "", f->ai);
		json_string(stdout, f->title);
		json_field(stdout, "value", f->value);
		if (f->has_date) {
			meaning(f, m, sizeof m);
			printf(",\"date\":\"%04d-%02d-%02d\",\"day_given\":%s", f->date.year,
			    f->date.month, f->date.day, f->date.day_given ? "true" : "false");
			if (f->date.hour >= 0)
				printf(",\"time\":\"%02d:%02d\"", f->date.hour, f->date.minute);
		}
		if (f->has_measure)
			printf(",\"measure\":%s,\"unit\":\"%s\"", f->measure_text, f->def->unit);
		printf("}");
	}
	printf("]}\n");
}

/* Says why the scan was refused, with the offending byte marked for a
 * person to see (or its offset, for a program). Returns the exit status. */
static int
print_error(const char *in, size_t len, const struct gs1_error *e)
{
	if (ctl_json()) {
		char *msg = xasprintf(_("at byte %zu: %s"), e->offset, e->message);
		printf("{\"error\":");
		json_string(stdout, msg);
		printf(",\"status\":\"%s\",\"offset\":%zu}\n", CTL_ST_INVALID, e->offset);
		free(msg);
		return CTL_REFUSED;
	}
	fprintf(stderr, "yokectl: ");
	fprintf(stderr, _("gs1: at byte %zu: %s\n"), e->offset, e->message);
	if (len > 200)
		return CTL_REFUSED;
	fprintf(stderr, "  ");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		fputc(c >= 0x20 && c < 0x7f ? c : '?', stderr);
	}
	fprintf(stderr, "\n  %*s^\n", (int)(e->offset < len ? e->offset : len), "");
	return CTL_REFUSED;
}

static char *
read_stdin(size_t *len)
{
	size_t cap = GS1_MAX_INPUT + 2;
	char *buf = xmalloc(cap);

	*len = fread(buf, 1, cap, stdin);
	return buf;
}

static int
exec(struct ctl *ctl, int argc, char **argv)
{
	struct gs1_options opt = { 0 };
	struct gs1_result r;
	struct gs1_error e;
	bool json = false, ok;
	int rc;
	const char *arg = NULL;
	char *buf = NULL;
	size_t len;

	(void)ctl;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--gs") == 0) {
			if (i + 1 >= argc || strlen(argv[i + 1]) != 1)
				return ctl_usage_why(&ctl_cmd_gs1, _("--gs expects one character"));
			opt.gs_substitute = argv[++i][0];
		} else if (strcmp(argv[i], "--no-pairing") == 0)
			opt.no_pairing = true;
		else if (strcmp(argv[i], "--year") == 0) {
			char *end;
			long y = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
			if (i + 1 >= argc || *argv[i + 1] == '\0' || *end != '\0' || y < 1951 || y > 9999)
				return ctl_usage_why(&ctl_cmd_gs1, _("--year expects a year from 1951 to 9999"));
			opt.current_year = (int)y;
			i++;
		} else if (arg == NULL && (argv[i][0] != '-' || argv[i][1] == '\0'))
			arg = argv[i];
		else if (argv[i][0] == '-')
			return ctl_usage_why(&ctl_cmd_gs1, _("unknown option %s"), argv[i]);
		else
			return ctl_usage_why(&ctl_cmd_gs1, _("one scan at a time"));
	}
	if (arg == NULL)
		return ctl_usage_why(&ctl_cmd_gs1, _("which scan? Give it as an argument, or - to read "
		    "it from standard input"));
	if (strcmp(arg, "-") == 0) {
		buf = read_stdin(&len);
		arg = buf;
	} else {
		len = strlen(arg);
	}
	ok = gs1_parse(arg, len, &opt, &r, &e);
	rc = CTL_OK;
	if (!ok)
		rc = print_error(arg, len, &e);
	else if (json)
		print_json(&r);
	else
		print_text(&r);
	free(buf);
	return rc;
}
