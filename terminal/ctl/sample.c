/*
 * ctl-sample.c — yokectl sample: the ISO 2859-1 / Z1.4 single sampling
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
#include "terminal/ctl/ctl.h"

extern const struct ctl_cmd ctl_cmd_sample;

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
			return ctl_usage(&ctl_cmd_sample);
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
		fprintf(stderr, "yokectl: sample: bad option or value: %s %s\n", o, v);
		return ctl_usage(&ctl_cmd_sample);
	}
	if (!have_lot || !have_aql)
		return ctl_usage(&ctl_cmd_sample);
	return 0;
}

static void
print_plan(const struct args *a, const struct sampling_plan *p)
{
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
	printf("code letter  %c (lot %ld, level %s)\n", p->letter, a->lot,
	    sampling_level_name(a->level));
	if (p->used_letter != p->letter)
		printf("plan row     %c (the table's arrow)\n", p->used_letter);
	printf("sample size  %ld%s\n", p->n, p->full_inspection ? " (100 %)" : "");
	printf("Ac           %d\nRe           %d\n", p->ac, p->re);
	printf("inspection   %s, AQL %g, %s\n", sampling_severity_name(p->severity), p->aql,
	    a->scheme == SAMPLING_Z14 ? "ANSI/ASQ Z1.4" : "ISO 2859-1");
	if (p->note[0])
		printf("note         %s\n", p->note);
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
	if (!sampling_plan_find(a.lot, a.level, a.aql, a.sev, a.scheme, &p, err, sizeof err)) {
		fprintf(stderr, "yokectl: sample: %s\n", err);
		return CTL_REFUSED;
	}
	print_plan(&a, &p);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_sample = {
	"sample", "--lot-size N --aql A [--level II] [--state normal|tightened|reduced] "
	"[--scheme iso|z14] [--json]",
	"ISO 2859-1 / Z1.4 single sampling plan: code letter, sample size, Ac, Re",
	exec,
};
