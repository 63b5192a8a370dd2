/*
 * sample.c — yokectl sample: the ISO 2859-1 / Z1.4 single sampling
 * plan for a lot. Works without the server.
 *
 *   yokectl sample --lot-size N --aql A [--level II] [--state normal]
 *                  [--scheme iso|z14] [--json]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/quality/sampling.h"
#include "shared/utf8.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"

static int exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--lot-size N", N_("how many units the lot has") },
	{ "--aql A", N_("the acceptance quality limit, e.g. 0.65, 1.0, 2.5 (a preferred value of "
	    "the standard)") },
	{ "--level L", N_("the inspection level: I, II (default), III or S-1 to S-4") },
	{ "--state S", N_("normal (default), tightened or reduced inspection") },
	{ "--scheme S", N_("iso: ISO 2859-1 (default); z14: ANSI/ASQ Z1.4") },
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl sample --lot-size 500 --aql 1.0", N_("code letter H: inspect 50, accept with 1 "
	    "nonconforming unit, reject with 2") },
	{ "yokectl sample --lot-size 500 --aql 1.0 --state tightened", N_("the plan under tightened "
	    "inspection") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_sample = {
	.name = "sample",
	.group = CTL_GROUP_QUALITY,
	/* Nothing here to translate: option names, values and one-letter names. */
	.usage = "--lot-size N --aql A [--level II] [--state normal|tightened|reduced] "
	    "[--scheme iso|z14] [--json]",
	.summary = N_("ISO 2859-1 / Z1.4 single sampling plan: code letter, sample size, Ac, Re"),
	.description = N_("Works out the single sampling plan of ISO 2859-1 (or ANSI/ASQ Z1.4) for a "
	    "lot: the code letter, how many units to inspect, and the acceptance (Ac) and rejection "
	    "(Re) numbers, following the table's arrows. docs/quality-math.md has the sources. "
	    "Works without the server."),
	.options = options,
	.examples = examples,
	.exec = exec,
};

struct args {
	long lot;
	double aql;
	enum sampling_level level;
	enum sampling_severity sev;
	enum sampling_scheme scheme;
	bool json;
};

static bool
parse_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && end != s && *end == '\0';
}

static bool
parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0';
}

/* Returns 0 when the arguments are good, else the exit status. */
static int
parse_args(int argc, char **argv, struct args *a)
{
	bool have_lot = false, have_aql = false;

	*a = (struct args){ .level = SAMPLING_II, .sev = SAMPLING_NORMAL,
		.scheme = SAMPLING_ISO2859 };
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(o, "--json") == 0) {
			a->json = true;
			continue;
		}
		if (v == NULL)
			return ctl_usage_why(&ctl_cmd_sample, _("%s needs a value"), o);
		i++;
		if (strcmp(o, "--lot-size") == 0 && (have_lot = parse_long(v, &a->lot)))
			continue;
		if (strcmp(o, "--aql") == 0 && (have_aql = parse_double(v, &a->aql)))
			continue;
		if (strcmp(o, "--level") == 0 && sampling_parse_level(v, &a->level))
			continue;
		if (strcmp(o, "--state") == 0 && sampling_parse_severity(v, &a->sev))
			continue;
		if (strcmp(o, "--scheme") == 0 && (strcmp(v, "iso") == 0 || strcmp(v, "z14") == 0)) {
			a->scheme = v[0] == 'z' ? SAMPLING_Z14 : SAMPLING_ISO2859;
			continue;
		}
		return ctl_usage_why(&ctl_cmd_sample, _("unknown option or wrong value: %s %s"), o, v);
	}
	if (!have_lot || !have_aql)
		return ctl_usage_why(&ctl_cmd_sample, _("sample needs --lot-size and --aql"));
	return 0;
}

/* A row's label, padded by display width so the values line up in any
 * language. */
static void
row(const char *label, int width)
{
	table_put(stdout, label, width);
	printf("  ");
}

static void
print_plan(const struct args *a, const struct sampling_plan *p)
{
	const char *labels[] = { _("code letter"), _("plan row"), _("sample size"), "Ac", "Re",
		_("inspection"), _("note") };
	int lw = 0;

	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (utf8_width(labels[i]) > lw)
			lw = utf8_width(labels[i]);
	if (a->json) {
		printf("{\"lot_size\":%ld,\"level\":\"%s\",\"aql\":%g,\"state\":\"%s\","
		    "\"scheme\":\"%s\",\"code_letter\":\"%c\",\"plan_letter\":\"%c\","
		    "\"sample_size\":%ld,\"ac\":%d,\"re\":%d,\"full_inspection\":%s,\"note\":",
		    a->lot, sampling_level_name(a->level), p->aql, sampling_severity_name(p->severity),
		    a->scheme == SAMPLING_Z14 ? "z14" : "iso", p->letter, p->used_letter, p->n, p->ac,
		    p->re, p->full_inspection ? "true" : "false");
		json_string(stdout, p->note);
		printf("}\n");
		return;
	}
	row(_("code letter"), lw);
	printf(_("%c (lot %ld, level %s)\n"), p->letter, a->lot, sampling_level_name(a->level));
	if (p->used_letter != p->letter) {
		row(_("plan row"), lw);
		printf(_("%c (the table's arrow)\n"), p->used_letter);
	}
	row(_("sample size"), lw);
	printf("%ld%s\n", p->n, p->full_inspection ? _(" (every unit of the lot)") : "");
	row("Ac", lw);
	printf("%d\n", p->ac);
	row("Re", lw);
	printf("%d\n", p->re);
	row(_("inspection"), lw);
	printf(_("%s, AQL %g, %s\n"), _(sampling_severity_name(p->severity)), p->aql,
	    a->scheme == SAMPLING_Z14 ? "ANSI/ASQ Z1.4" : "ISO 2859-1");
	if (p->note[0]) {
		row(_("note"), lw);
		printf("%s\n", p->note);
	}
}

static int
exec(struct ctl *ctl, int argc, char **argv)
{
	struct args a;
	struct sampling_plan p;
	char err[200];
	int rc;

	(void)ctl;
	if ((rc = parse_args(argc, argv, &a)) != 0)
		return rc;
	if (!sampling_plan_find(a.lot, a.level, a.aql, a.sev, a.scheme, &p, err, sizeof err))
		return ctl_fail(CTL_ST_INVALID, _("sample: %s"), err);
	print_plan(&a, &p);
	return CTL_OK;
}
