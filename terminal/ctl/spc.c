/*
 * ctl-spc.c — yokectl spc: control limits, run-rule violations,
 * capability and drift for numbers read from a file or standard input,
 * and the chart drawn in the terminal. Works without the server.
 *
 *   yokectl spc --chart imr|xbar-r|xbar-s|p|np|c|u [--subgroup n]
 *               [--lsl X] [--usl X] [--rules we|nelson|1,2,5]
 *               [--window N] [--no-chart] [--json] [FILE|-]
 *
 * Numbers are separated by blanks, commas or new lines; '#' starts a
 * comment. p, np and u charts without --subgroup read one "count size"
 * pair per line. Default rules: Western Electric for variables charts,
 * rule 1 only for attribute charts (zone rules assume a normal statistic).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/quality/spc.h"
#include "shared/quality/spc_chart.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"

extern const struct ctl_cmd ctl_cmd_spc;

#define MAX_VIOLATIONS 1000

struct opts {
	enum spc_chart_type type;
	int subgroup, window;
	bool has_lsl, has_usl, json, chart;
	double lsl, usl;
	unsigned rules;
	const char *file;
};

struct data {
	double *v, *sz;
	int n, cap;
};

static void
push(struct data *d, double v, double sz)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->v = xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
		d->sz = xrealloc(d->sz, (size_t)d->cap * sizeof *d->sz);
	}
	d->v[d->n] = v;
	d->sz[d->n++] = sz;
}

static bool
number(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' && isfinite(*out);
}

/* Reads numbers (or "count size" pairs when pairs) line by line. */
static bool
read_data(FILE *f, bool pairs, struct data *d)
{
	char line[4096];
	int lineno = 0;

	while (fgets(line, sizeof line, f)) {
		char *save = NULL, *tok, *hash = strchr(line, '#');
		double x[2];
		int k = 0;
		lineno++;
		if (hash)
			*hash = '\0';
		for (tok = strtok_r(line, " \t\r\n,;", &save); tok; tok = strtok_r(NULL, " \t\r\n,;",
		    &save)) {
			if (!number(tok, &x[pairs ? (k < 2 ? k : 1) : 0])) {
				fprintf(stderr, "yokectl: spc: line %d: \"%s\" is not a number\n", lineno, tok);
				return false;
			}
			k++;
			if (!pairs)
				push(d, x[0], 0);
		}
		if (pairs && k != 0 && k != 2) {
			fprintf(stderr, "yokectl: spc: line %d: expected \"count size\", found %d numbers\n",
			    lineno, k);
			return false;
		}
		if (pairs && k == 2)
			push(d, x[0], x[1]);
	}
	return true;
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	bool have_type = false, have_rules = false;

	*o = (struct opts){ .window = 10, .chart = true };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--json") == 0)
			o->json = true;
		else if (strcmp(a, "--no-chart") == 0)
			o->chart = false;
		else if (a[0] != '-' || a[1] == '\0')
			o->file = a;
		else if (v == NULL)
			return ctl_usage(&ctl_cmd_spc);
		else if (strcmp(a, "--chart") == 0 && (i++, have_type = spc_parse_chart_type(v, &o->type)))
			;
		else if (strcmp(a, "--subgroup") == 0 && (i++, (o->subgroup = atoi(v)) > 0))
			;
		else if (strcmp(a, "--window") == 0 && (i++, (o->window = atoi(v)) >= 3))
			;
		else if (strcmp(a, "--lsl") == 0 && (i++, o->has_lsl = number(v, &o->lsl)))
			;
		else if (strcmp(a, "--usl") == 0 && (i++, o->has_usl = number(v, &o->usl)))
			;
		else if (strcmp(a, "--rules") == 0 && (i++, have_rules = spc_rules_parse(v, &o->rules)))
			;
		else {
			fprintf(stderr, "yokectl: spc: bad option or value: %s %s\n", a, v);
			return ctl_usage(&ctl_cmd_spc);
		}
	}
	if (!have_type)
		return ctl_usage(&ctl_cmd_spc);
	if (!have_rules)
		o->rules = o->type <= SPC_XBAR_S ? SPC_RULES_WE : SPC_WE1;
	return 0;
}

static bool
limits_vary(const struct spc_chart *c)
{
	for (int i = 1; i < c->npoints; i++)
		if (c->ucl[i] != c->ucl[0] || c->lcl[i] != c->lcl[0])
			return true;
	return false;
}

static void
json_num(double x)
{
	if (isfinite(x))
		printf("%.6g", x);
	else
		printf("null");
}

static void
print_json(const struct spc_chart *c, const struct spc_capability *cap, bool has_cap,
    const struct spc_drift *dr, bool has_drift, const struct spc_violation *v, int nv)
{
	printf("{\"chart\":\"%s\",\"points\":%d,\"cl\":", spc_chart_type_name(c->type), c->npoints);
	json_num(c->cl);
	printf(",\"ucl\":[");
	for (int i = 0; i < c->npoints; i++)
		printf("%s", i ? "," : ""), json_num(c->ucl[i]);
	printf("],\"lcl\":[");
	for (int i = 0; i < c->npoints; i++)
		printf("%s", i ? "," : ""), json_num(c->lcl[i]);
	printf("]");
	if (c->has_dispersion) {
		printf(",\"dispersion\":{\"name\":\"%s\",\"cl\":", c->dispersion_name);
		json_num(c->disp_cl);
		printf(",\"ucl\":"), json_num(c->disp_ucl);
		printf(",\"lcl\":"), json_num(c->disp_lcl);
		printf("},\"sigma_within\":"), json_num(c->sigma_within);
	}
	if (has_cap) {
		printf(",\"capability\":{\"mean\":"), json_num(cap->mean);
		printf(",\"sigma_overall\":"), json_num(cap->sigma_overall);
		printf(",\"cp\":"), json_num(cap->cp);
		printf(",\"cpk\":"), json_num(cap->cpk);
		printf(",\"pp\":"), json_num(cap->pp);
		printf(",\"ppk\":"), json_num(cap->ppk);
		printf("}");
	}
	if (has_drift) {
		printf(",\"drift\":{\"window\":%d,\"slope\":", dr->window), json_num(dr->slope);
		printf(",\"crosses\":%s", dr->crosses ? (dr->upper ? "\"usl\"" : "\"lsl\"") : "null");
		printf(",\"units\":"), json_num(dr->crosses ? dr->units : NAN);
		printf("}");
	}
	printf(",\"violations\":[");
	for (int i = 0; i < nv; i++) {
		printf("%s{\"point\":%d,\"rule\":", i ? "," : "", v[i].index + 1);
		json_string(stdout, spc_rule_name(v[i].rule));
		printf("}");
	}
	printf("]}\n");
}

static void
print_index(const char *name, double x)
{
	if (isfinite(x))
		printf("  %s %.4f", name, x);
	else
		printf("  %s n/a", name);
}

static void
print_text(const struct spc_chart *c, const struct spc_capability *cap, bool has_cap,
    const struct spc_drift *dr, bool has_drift, const struct spc_violation *v, int nv)
{
	int last = c->npoints - 1;

	printf("%-10s CL %.6g  UCL %.6g  LCL %.6g%s\n", c->type == SPC_IMR ? "X" :
	    c->type <= SPC_XBAR_S ? "X-bar" : spc_chart_type_name(c->type), c->cl, c->ucl[last],
	    c->lcl[last], limits_vary(c) ? "  (limits vary with n; last shown)" : "");
	if (c->has_dispersion) {
		printf("%-10s CL %.6g  UCL %.6g  LCL %.6g\n", c->dispersion_name, c->disp_cl,
		    c->disp_ucl, c->disp_lcl);
		printf("%-10s within %.6g\n", "sigma", c->sigma_within);
	}
	if (has_cap) {
		printf("%-10s mean %.6g  overall sigma %.6g\n%-10s", "capability", cap->mean,
		    cap->sigma_overall, "");
		print_index("Cp", cap->cp), print_index("Cpk", cap->cpk);
		print_index("Pp", cap->pp), print_index("Ppk", cap->ppk);
		printf("%s\n", cap->sigma_within > 0 ? "" : "  (zero spread)");
	}
	if (has_drift) {
		printf("%-10s slope %+.4g per point over the last %d", "drift", dr->slope, dr->window);
		if (dr->crosses)
			printf("; reaches %s in %.1f points", dr->upper ? "USL" : "LSL", dr->units);
		printf("\n");
	}
	printf("violations %d\n", nv);
	for (int i = 0; i < nv && i < MAX_VIOLATIONS; i++)
		printf("  point %d: %s\n", v[i].index + 1, spc_rule_name(v[i].rule));
}

static int
run(const struct opts *o, struct data *d)
{
	struct spc_chart c;
	struct spc_capability cap;
	struct spc_drift dr;
	struct spc_violation *v = xcalloc(MAX_VIOLATIONS, sizeof *v);
	char err[200];
	bool pairs = o->type >= SPC_P && o->type != SPC_C && o->subgroup == 0;
	bool variables = o->type <= SPC_XBAR_S, has_cap = false, has_drift = false;
	int nv, rc = CTL_OK;

	if (!spc_chart_compute(o->type, d->v, pairs ? d->sz : NULL, d->n,
	    o->type == SPC_IMR ? 1 : o->subgroup, &c, err, sizeof err)) {
		fprintf(stderr, "yokectl: spc: %s\n", err);
		free(v);
		return CTL_REFUSED;
	}
	nv = spc_rules_check(&c, o->rules, v, MAX_VIOLATIONS);
	if (nv > MAX_VIOLATIONS)
		nv = MAX_VIOLATIONS;
	if (variables && (o->has_lsl || o->has_usl)) {
		if (!spc_capability(d->v, d->n, c.sigma_within, o->has_lsl, o->lsl, o->has_usl, o->usl,
		    &cap, err, sizeof err)) {
			fprintf(stderr, "yokectl: spc: %s\n", err);
			rc = CTL_REFUSED;
			goto out;
		}
		has_cap = true;
		has_drift = spc_drift(c.point, c.npoints, o->window, o->has_lsl, o->lsl, o->has_usl,
		    o->usl, &dr);
	}
	if (o->json)
		print_json(&c, &cap, has_cap, &dr, has_drift, v, nv);
	else
		print_text(&c, &cap, has_cap, &dr, has_drift, v, nv);
	if (!o->json && o->chart)
		spc_chart_render(stdout, &c, v, nv, 80, 16);
out:
	spc_chart_free(&c);
	free(v);
	return rc;
}

static int
exec(struct ctl *ctl, int argc, char **argv)
{
	struct opts o;
	struct data d = { 0 };
	FILE *f = stdin;
	int rc;
	bool pairs;

	(void)ctl;
	if ((rc = parse_opts(argc, argv, &o)) != 0)
		return rc;
	pairs = o.type >= SPC_P && o.type != SPC_C && o.subgroup == 0;
	if (o.file && strcmp(o.file, "-") != 0 && (f = fopen(o.file, "r")) == NULL) {
		fprintf(stderr, "yokectl: spc: %s: %s\n", o.file, strerror(errno));
		return CTL_REFUSED;
	}
	rc = read_data(f, pairs, &d) ? run(&o, &d) : CTL_REFUSED;
	if (f != stdin)
		fclose(f);
	free(d.v);
	free(d.sz);
	return rc;
}

const struct ctl_cmd ctl_cmd_spc = {
	"spc", "--chart imr|xbar-r|xbar-s|p|np|c|u [--subgroup n] [--lsl X] [--usl X] "
	"[--rules we|nelson|1,2,5] [--window N] [--no-chart] [--json] [FILE|-]",
	"control limits, run-rule violations, capability and drift; draws the chart",
	exec,
};
