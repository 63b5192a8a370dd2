/*
 * spc.c — yokectl spc: control limits, run-rule violations,
 * capability and drift for numbers read from a file or standard input,
 * and the chart drawn in the terminal. Works without the server.
 *
 *   yokectl spc --chart imr|xbar-r|xbar-s|p|np|c|u [--subgroup n]
 *               [--lsl X] [--usl X] [--rules we|nelson|1,2,5]
 *               [--window N] [--no-chart] [--json] [FILE|-]
 *
 * With --characteristic NAME it charts the points the server stored for
 * that characteristic instead, the same way (spc_stored.c, which also has
 * `yokectl spc limits`).
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
#include "terminal/ctl/spc.h"
#include "terminal/ctl/table.h"

static int exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ N_("--chart TYPE"), N_("imr (individuals and moving range), xbar-r, xbar-s, p, np, c or "
	    "u") },
	{ "--subgroup n", N_("the subgroup size, for xbar-r and xbar-s, and for p, np and u "
	    "when every subgroup has the same size") },
	{ "--lsl X", N_("the lower specification limit (capability and drift)") },
	{ "--usl X", N_("the upper specification limit") },
	{ "--rules R", N_("the run rules: we (Western Electric), nelson, or rule numbers such as "
	    "1,2,5") },
	{ "--window N", N_("the points the drift line is fitted to (default 10)") },
	{ "--no-chart", N_("print the numbers only, no chart") },
	{ "--json", N_("print JSON for scripts") },
	{ N_("--characteristic NAME"), N_("chart the values the server stored for this "
	    "characteristic (a measure step with an spc statement) instead of a file") },
	{ N_("--station S"), N_("with --characteristic: only this station's values, against the "
	    "limits in force there") },
	{ "--since YYYY-MM-DD", N_("with --characteristic: only values from this day on") },
	{ "--max N", N_("with --characteristic: at most the newest N values (default 1000)") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl spc --characteristic peak_temp --station REFLOW-1", N_("the stored values of a "
	    "characteristic at a station, against the limits in force there") },
	{ "yokectl spc --chart imr --lsl 45 --usl 56 < values.txt", N_("limits, rule violations, "
	    "Cp/Cpk and the chart of one value per line") },
	{ "yokectl spc --chart xbar-r --subgroup 5 data.txt", N_("an X-bar and R chart of subgroups "
	    "of five") },
	{ "yokectl spc --chart p defects.txt", N_("a p chart from \"count size\" lines") },
	{ NULL, NULL },
};

static const struct ctl_cmd *const spc_subs[] = { &ctl_cmd_spc_limits, NULL };

const struct ctl_cmd ctl_cmd_spc = {
	.name = "spc",
	.group = CTL_GROUP_QUALITY,
	.usage = N_("--chart imr|xbar-r|xbar-s|p|np|c|u [--subgroup n] [--lsl X] [--usl X] "
	    "[--rules we|nelson|1,2,5] [--window N] [--no-chart] [--json] [FILE|-]  |  "
	    "--characteristic NAME [--station S] [--since YYYY-MM-DD] [--max N] [--no-chart] "
	    "[--json]  |  limits ..."),
	.summary = N_("control limits, run-rule violations, capability and drift; draws the chart"),
	.description = N_("Reads numbers from FILE or standard input (separated by blanks, commas or "
	    "new lines; # starts a comment; p, np and u charts without --subgroup read one \"count "
	    "size\" pair a line), computes the control limits, checks the run rules, and with "
	    "--lsl/--usl the capability (Cp, Cpk, Pp, Ppk) and where the drift is heading; then "
	    "draws the chart in the terminal. Works without the server. With --characteristic it "
	    "asks the server for the values stored for a characteristic (its definition gives the "
	    "chart, the rules and the specification limits) and prints them the same way, against "
	    "the limits in force at the station."),
	.options = options,
	.examples = examples,
	.subs = spc_subs,
	.exec = exec,
};

/* The label column of the text output. */
#define LABEL_COLS 10

#define MAX_VIOLATIONS 1000

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

/* Reads numbers (or "count size" pairs when pairs) line by line. False
 * after reporting why, with *rc the exit status. */
static bool
read_data(FILE *f, bool pairs, struct data *d, int *rc)
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
				*rc = ctl_fail(CTL_ST_INVALID, _("spc: line %d: \"%s\" is not a number"),
				    lineno, tok);
				return false;
			}
			k++;
			if (!pairs)
				push(d, x[0], 0);
		}
		if (pairs && k != 0 && k != 2) {
			*rc = ctl_fail(CTL_ST_INVALID, _("spc: line %d: expected \"count size\", found %d "
			    "numbers"), lineno, k);
			return false;
		}
		if (pairs && k == 2)
			push(d, x[0], x[1]);
	}
	return true;
}

static int
parse_opts(int argc, char **argv, struct spc_opts *o)
{
	bool have_type = false, have_rules = false;

	*o = (struct spc_opts){ .window = 10, .chart = true };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--json") == 0)
			o->json = true;
		else if (strcmp(a, "--no-chart") == 0)
			o->chart = false;
		else if (a[0] != '-' || a[1] == '\0')
			o->file = a;
		else if (v == NULL)
			return ctl_usage_why(&ctl_cmd_spc, _("%s needs a value"), a);
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
		else
			return ctl_usage_why(&ctl_cmd_spc, _("unknown option or wrong value: %s %s"), a, v);
	}
	if (!have_type)
		return ctl_usage_why(&ctl_cmd_spc, _("which chart? Give --chart"));
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
		printf("  %s %s", name, _("n/a"));
}

static void
print_text(const struct spc_chart *c, const struct spc_capability *cap, bool has_cap,
    const struct spc_drift *dr, bool has_drift, const struct spc_violation *v, int nv)
{
	int last = c->npoints - 1;

	table_put(stdout, c->type == SPC_IMR ? "X" : c->type <= SPC_XBAR_S ? "X-bar" :
	    spc_chart_type_name(c->type), LABEL_COLS);
	printf(" CL %.6g  UCL %.6g  LCL %.6g%s\n", c->cl, c->ucl[last], c->lcl[last],
	    limits_vary(c) ? _("  (the limits vary with n; the last ones shown)") : "");
	if (c->has_dispersion) {
		table_put(stdout, c->dispersion_name, LABEL_COLS);
		printf(" CL %.6g  UCL %.6g  LCL %.6g\n", c->disp_cl, c->disp_ucl, c->disp_lcl);
		table_put(stdout, _("sigma"), LABEL_COLS);
		printf(_(" within %.6g\n"), c->sigma_within);
	}
	if (has_cap) {
		table_put(stdout, _("capability"), LABEL_COLS);
		printf(_(" mean %.6g  overall sigma %.6g\n"), cap->mean, cap->sigma_overall);
		table_put(stdout, "", LABEL_COLS);
		print_index("Cp", cap->cp), print_index("Cpk", cap->cpk);
		print_index("Pp", cap->pp), print_index("Ppk", cap->ppk);
		printf("%s\n", cap->sigma_within > 0 ? "" : _("  (zero spread)"));
	}
	if (has_drift) {
		table_put(stdout, _("drift"), LABEL_COLS);
		printf(_(" slope %+.4g per point over the last %d"), dr->slope, dr->window);
		if (dr->crosses)
			printf(_("; reaches %s in %.1f points"), dr->upper ? "USL" : "LSL", dr->units);
		printf("\n");
	}
	table_put(stdout, _("violations"), LABEL_COLS);
	printf(" %d\n", nv);
	for (int i = 0; i < nv && i < MAX_VIOLATIONS; i++)
		printf(_("  point %d: %s\n"), v[i].index + 1, _(spc_rule_name(v[i].rule)));
}

int
spc_run(const struct spc_opts *o, const double *values, const double *sizes, int n,
    const struct spc_in_force *lim)
{
	struct spc_chart c;
	struct spc_capability cap;
	struct spc_drift dr;
	struct spc_violation *v = xcalloc(MAX_VIOLATIONS, sizeof *v);
	char err[200];
	bool pairs = o->type >= SPC_P && o->type != SPC_C && o->subgroup == 0;
	bool variables = o->type <= SPC_XBAR_S, has_cap = false, has_drift = false;
	int nv, rc = CTL_OK;

	if (!spc_chart_compute(o->type, values, pairs ? sizes : NULL, n,
	    o->type == SPC_IMR ? 1 : o->subgroup, &c, err, sizeof err)) {
		free(v);
		return ctl_fail(CTL_ST_INVALID, _("spc: %s"), err);
	}
	/* The stored points are judged against the limits in force, as the
	 * server judged them, not against limits computed from themselves. */
	if (lim && lim->has_limits) {
		c.cl = lim->cl;
		for (int i = 0; i < c.npoints; i++) {
			c.ucl[i] = lim->ucl;
			c.lcl[i] = lim->lcl;
		}
	}
	nv = spc_rules_check(&c, o->rules, v, MAX_VIOLATIONS);
	if (nv > MAX_VIOLATIONS)
		nv = MAX_VIOLATIONS;
	if (variables && (o->has_lsl || o->has_usl)) {
		if (!spc_capability(values, n, c.sigma_within, o->has_lsl, o->lsl, o->has_usl, o->usl,
		    &cap, err, sizeof err)) {
			rc = ctl_fail(CTL_ST_INVALID, _("spc: %s"), err);
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
	struct spc_opts o;
	struct data d = { 0 };
	FILE *f = stdin;
	int rc;
	bool pairs;

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--characteristic") == 0)
			return spc_stored_exec(ctl, argc, argv);
	if ((rc = parse_opts(argc, argv, &o)) != 0)
		return rc;
	pairs = o.type >= SPC_P && o.type != SPC_C && o.subgroup == 0;
	if (o.file && strcmp(o.file, "-") != 0 && (f = fopen(o.file, "r")) == NULL)
		return ctl_fail(CTL_ST_IO, _("spc: %s: %s"), o.file, strerror(errno));
	if (read_data(f, pairs, &d, &rc))
		rc = spc_run(&o, d.v, d.sz, d.n, NULL);
	if (f != stdin)
		fclose(f);
	free(d.v);
	free(d.sz);
	return rc;
}
