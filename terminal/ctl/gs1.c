/*
 * ctl-gs1.c — yokectl gs1: parse one scan and print its fields.
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
		    f->date.day_given ? "" : " (day 00: last day of the month)");
	else if (f->has_measure)
		snprintf(buf, size, "%s %s", f->measure_text, f->def->unit);
}

static void
print_text(const struct gs1_result *r)
{
	char m[64];

	printf("symbology %s (%s)\n", r->symbology[0] ? r->symbology : "none", form_name(r->form));
	for (int i = 0; i < r->nfields; i++) {
		const struct gs1_field *f = &r->fields[i];
		meaning(f, m, sizeof m);
		printf("(%s)%*s %-24s %s%s%s\n", f->ai, (int)(4 - strlen(f->ai)), "", f->title, f->value,
		    m[0] ? "  = " : "", m);
	}
}

static void
print_json(const struct gs1_result *r)
{
	char m[64], hri[1024];

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

/* Shows the input with the offending byte marked, for a person to see. */
static void
print_error(const char *in, size_t len, const struct gs1_error *e)
{
	fprintf(stderr, "yokectl: gs1: at byte %zu: %s\n", e->offset, e->message);
	if (len > 200)
		return;
	fprintf(stderr, "  ");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		fputc(c >= 0x20 && c < 0x7f ? c : '?', stderr);
	}
	fprintf(stderr, "\n  %*s^\n", (int)(e->offset < len ? e->offset : len), "");
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
	extern const struct ctl_cmd ctl_cmd_gs1;
	struct gs1_options opt = { 0 };
	struct gs1_result r;
	struct gs1_error e;
	bool json = false, ok;
	const char *arg = NULL;
	char *buf = NULL;
	size_t len;

	(void)ctl;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--gs") == 0 && i + 1 < argc && strlen(argv[i + 1]) == 1)
			opt.gs_substitute = argv[++i][0];
		else if (strcmp(argv[i], "--no-pairing") == 0)
			opt.no_pairing = true;
		else if (strcmp(argv[i], "--year") == 0 && i + 1 < argc)
			opt.current_year = atoi(argv[++i]);
		else if (arg == NULL && (argv[i][0] != '-' || argv[i][1] == '\0'))
			arg = argv[i];
		else
			return ctl_usage(&ctl_cmd_gs1);
	}
	if (arg == NULL || (opt.current_year != 0 && (opt.current_year < 1951 ||
	    opt.current_year > 9999)))
		return ctl_usage(&ctl_cmd_gs1);
	if (strcmp(arg, "-") == 0) {
		buf = read_stdin(&len);
		arg = buf;
	} else {
		len = strlen(arg);
	}
	ok = gs1_parse(arg, len, &opt, &r, &e);
	if (!ok)
		print_error(arg, len, &e);
	else if (json)
		print_json(&r);
	else
		print_text(&r);
	free(buf);
	return ok ? CTL_OK : CTL_REFUSED;
}

const struct ctl_cmd ctl_cmd_gs1 = {
	"gs1", "[--json] [--gs CHAR] [--year YYYY] [--no-pairing] STRING|-",
	"parse a GS1 scan (element string, (AI) text or Digital Link) and print its fields",
	exec,
};
