/* spc_window.c — see spc_window.h. */
#include "server/spc/spc_window.h"

#include <math.h>
#include <string.h>

int
spc_window_values_kept(const struct spc_window_config *cfg)
{
	int k = 2;      /* I-MR learning needs the value before */

	if (cfg->subgroup > k)
		k = cfg->subgroup;
	if (cfg->drift_units > 0 && cfg->drift_window > k)
		k = cfg->drift_window;
	return k < SPC_WINDOW_VALUES_MAX ? k : SPC_WINDOW_VALUES_MAX;
}

int
spc_window_points_kept(unsigned rules)
{
	/* The points each rule looks at (shared/quality/spc_rules.c). */
	static const struct { unsigned rules; int points; } need[] = {
		{ SPC_NELSON7, 15 }, { SPC_NELSON4, 14 }, { SPC_NELSON2, 9 },
		{ SPC_WE4 | SPC_NELSON8, 8 }, { SPC_NELSON3, 6 }, { SPC_WE3 | SPC_NELSON6, 5 },
		{ SPC_WE2 | SPC_NELSON5, 3 },
	};
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		if (rules & need[i].rules)
			return need[i].points;
	return 1;
}

void
spc_window_relearn(struct spc_window *w, uint32_t n)
{
	w->has_limits = false;
	w->cl = w->ucl = w->lcl = 0;
	w->learn = n ? n : SPC_LEARN_DEFAULT;
	w->learnt = 0;
	w->sum_points = w->sum_disp = 0;
	w->has_disp = false;
	w->dcl = w->ducl = w->dlcl = 0;
}

void
spc_window_set_limits(struct spc_window *w, double cl, double ucl, double lcl)
{
	w->has_limits = true;
	w->cl = cl;
	w->ucl = ucl;
	w->lcl = lcl;
	w->learn = w->learnt = 0;
	w->sum_points = w->sum_disp = 0;
	w->has_disp = false;
	w->dcl = w->ducl = w->dlcl = 0;
}

void
spc_window_limits_from_sigma(enum spc_chart_type chart, int subgroup, double mean, double sigma,
    double *cl, double *ucl, double *lcl)
{
	double half = chart == SPC_IMR || subgroup < 2 ? 3 * sigma : 3 * sigma / sqrt(subgroup);

	*cl = mean;
	*ucl = mean + half;
	*lcl = mean - half;
}

/* Appends x to the first *n of a (capacity cap), dropping the oldest. */
static void
push(double *a, int *n, int cap, double x)
{
	if (*n >= cap) {
		memmove(a, a + (*n - cap + 1), (size_t)(cap - 1) * sizeof *a);
		*n = cap - 1;
	}
	a[(*n)++] = x;
}

/* The dispersion chart's limits around its centre dbar (the mean MR, R or
 * S): D3·dbar .. D4·dbar for MR and R (MR: n = 2), B3·s̄ .. B4·s̄ for S. */
static void
disp_limits(struct spc_window *w, const struct spc_window_config *cfg, double dbar)
{
	struct spc_constants k;
	int n = cfg->chart == SPC_IMR ? 2 : cfg->subgroup;
	if (!spc_constants(n, &k))
		return;
	w->has_disp = true;
	w->dcl = dbar;
	w->ducl = (cfg->chart == SPC_XBAR_S ? k.B4 : k.D4) * dbar;
	w->dlcl = (cfg->chart == SPC_XBAR_S ? k.B3 : k.D3) * dbar;
}

/* Given limits imply σ; the dispersion chart's centre is then d2·σ for
 * MR and R, c4·σ for S. */
static void
disp_from_sigma(struct spc_window *w, const struct spc_window_config *cfg)
{
	struct spc_constants k;
	int n = cfg->chart == SPC_IMR ? 2 : cfg->subgroup;
	double sigma = (w->ucl - w->cl) / 3;
	if (cfg->chart != SPC_IMR)
		sigma *= sqrt(cfg->subgroup);
	if (!(sigma > 0) || !spc_constants(n, &k))
		return;
	disp_limits(w, cfg, (cfg->chart == SPC_XBAR_S ? k.c4 : k.d2) * sigma);
}

/* The limits from the sums, as spc_chart_compute computes them from the
 * same points (shared/quality/spc.c: imr and xbar). */
static void
learn_limits(struct spc_window *w, const struct spc_window_config *cfg)
{
	struct spc_constants k;
	double cl = w->sum_points / w->learnt, half = 0;

	double dbar = 0;
	if (cfg->chart == SPC_IMR) {
		dbar = w->learnt > 1 ? w->sum_disp / (w->learnt - 1) : 0;
		spc_constants(2, &k);
		half = 3 * dbar / k.d2;
	} else if (spc_constants(cfg->subgroup, &k)) {
		dbar = w->sum_disp / w->learnt;
		half = (cfg->chart == SPC_XBAR_R ? k.a2 : k.a3) * dbar;
	}
	spc_window_set_limits(w, cl, cl + half, cl - half);
	if (dbar > 0)
		disp_limits(w, cfg, dbar);
}

/* The rules the newest point breaks, against the limits in force. */
static unsigned
check_rules(const struct spc_window *w, unsigned rules)
{
	double ucl[SPC_WINDOW_POINTS], lcl[SPC_WINDOW_POINTS], pts[SPC_WINDOW_POINTS];
	struct spc_violation v[4 * 12];
	struct spc_chart c;
	unsigned broke = 0;
	int n;

	if (rules == 0 || w->npoints == 0)
		return 0;
	memset(&c, 0, sizeof c);
	memcpy(pts, w->points, (size_t)w->npoints * sizeof *pts);
	for (int i = 0; i < w->npoints; i++) {
		ucl[i] = w->ucl;
		lcl[i] = w->lcl;
	}
	c.npoints = w->npoints;
	c.point = pts;
	c.ucl = ucl;
	c.lcl = lcl;
	c.cl = w->cl;
	n = spc_rules_check(&c, rules, v, (int)(sizeof v / sizeof v[0]));
	if (n > (int)(sizeof v / sizeof v[0]))
		n = (int)(sizeof v / sizeof v[0]);
	for (int i = 0; i < n; i++)
		if (v[i].index == w->npoints - 1)
			broke |= v[i].rule;
	return broke;
}

static void
subgroup_stats(const struct spc_window *w, const struct spc_window_config *cfg, double *mean,
    double *disp)
{
	int m = cfg->subgroup < 1 ? 1 : cfg->subgroup;
	const double *s = w->values + (w->nvalues - m);
	double sum = 0, lo = s[0], hi = s[0], ss = 0;

	for (int i = 0; i < m; i++) {
		sum += s[i];
		lo = fmin(lo, s[i]);
		hi = fmax(hi, s[i]);
	}
	*mean = sum / m;
	if (cfg->chart == SPC_IMR) {
		*disp = w->nvalues >= 2 ? fabs(s[0] - w->values[w->nvalues - 2]) : 0;
		return;
	}
	if (cfg->chart == SPC_XBAR_R) {
		*disp = hi - lo;
		return;
	}
	for (int i = 0; i < m; i++)
		ss += (s[i] - *mean) * (s[i] - *mean);
	*disp = m > 1 ? sqrt(ss / (m - 1)) : 0;
}

static void
drift(struct spc_window *w, const struct spc_window_config *cfg, struct spc_window_result *r)
{
	struct spc_drift d;
	bool within;

	if (cfg->drift_units <= 0 || (!cfg->has_lsl && !cfg->has_usl))
		return;
	if (w->nvalues < cfg->drift_window || w->nvalues < 3)
		return;
	if (!spc_drift(w->values, w->nvalues, cfg->drift_window, cfg->has_lsl, cfg->lsl,
	    cfg->has_usl, cfg->usl, &d))
		return;
	within = d.crosses && d.units <= cfg->drift_units;
	if (within && !w->drift_warned) {
		r->drift = true;
		r->dr = d;
	}
	w->drift_warned = within;
}

void
spc_window_add(struct spc_window *w, const struct spc_window_config *cfg, double v,
    struct spc_window_result *r)
{
	int m = cfg->subgroup < 1 ? 1 : cfg->subgroup;
	double mean, disp;

	memset(r, 0, sizeof *r);
	w->count++;
	push(w->values, &w->nvalues, spc_window_values_kept(cfg), v);
	if (w->open >= m)
		w->open = 0;           /* the subgroup size changed: start a new one */
	w->open++;
	drift(w, cfg, r);
	if (w->open < m)
		return;
	w->open = 0;
	subgroup_stats(w, cfg, &mean, &disp);
	push(w->points, &w->npoints, spc_window_points_kept(cfg->rules), mean);
	r->plotted = true;
	r->point = mean;
	if (w->learn > 0) {
		w->sum_points += mean;
		if (cfg->chart != SPC_IMR || w->learnt > 0)
			w->sum_disp += disp;
		if (++w->learnt >= w->learn) {
			learn_limits(w, cfg);
			r->learnt_now = true;
		}
		return;
	}
	if (!w->has_limits)
		return;
	r->broke = check_rules(w, cfg->rules);
	/* Test 1 (a point beyond a limit) applies to the dispersion chart too;
	 * the first I of I-MR has no moving range. */
	if (!(cfg->rules & (SPC_WE1 | SPC_NELSON1)) || (cfg->chart == SPC_IMR && w->nvalues < 2))
		return;
	if (!w->has_disp)
		disp_from_sigma(w, cfg);
	if (w->has_disp && (disp > w->ducl || (w->dlcl > 0 && disp < w->dlcl))) {
		r->disp_broke = true;
		r->disp = disp;
	}
}
