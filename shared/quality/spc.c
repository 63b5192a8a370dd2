/*
 * spc.c — control-chart constants and limits.
 *
 * Constants for n = 2–10 are the printed textbook values of standards.md
 * §3.1, so results match published examples to the last digit (NIST
 * pmc322 uses E2 = 3/1.128 and D4 = 3.267). For n = 11–25 the derived
 * constants are computed from the tabulated d2, d3 (Montgomery, Appendix
 * VI, recalled) and the exact c4 = √(2/(n−1))·Γ(n/2)/Γ((n−1)/2).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/quality/spc.h"
#include "shared/util.h"
#include "shared/i18n.h"

static const struct spc_constants printed[] = {
	/*  A2     A3     d2     d3     D3     D4     c4      B3     B4     E2 */
	{ 1.880, 2.659, 1.128, 0.853, 0,     3.267, 0.7979, 0,     3.267, 0 },
	{ 1.023, 1.954, 1.693, 0.888, 0,     2.574, 0.8862, 0,     2.568, 0 },
	{ 0.729, 1.628, 2.059, 0.880, 0,     2.282, 0.9213, 0,     2.266, 0 },
	{ 0.577, 1.427, 2.326, 0.864, 0,     2.114, 0.9400, 0,     2.089, 0 },
	{ 0.483, 1.287, 2.534, 0.848, 0,     2.004, 0.9515, 0.030, 1.970, 0 },
	{ 0.419, 1.182, 2.704, 0.833, 0.076, 1.924, 0.9594, 0.118, 1.882, 0 },
	{ 0.373, 1.099, 2.847, 0.820, 0.136, 1.864, 0.9650, 0.185, 1.815, 0 },
	{ 0.337, 1.032, 2.970, 0.808, 0.184, 1.816, 0.9693, 0.239, 1.761, 0 },
	{ 0.308, 0.975, 3.078, 0.797, 0.223, 1.777, 0.9727, 0.284, 1.716, 0 },
};

/* d2 and d3 for n = 11–25. */
static const double d2_big[] = { 3.173, 3.258, 3.336, 3.407, 3.472, 3.532, 3.588, 3.640,
	3.689, 3.735, 3.778, 3.819, 3.858, 3.895, 3.931 };
static const double d3_big[] = { 0.787, 0.778, 0.770, 0.763, 0.756, 0.750, 0.744, 0.739,
	0.734, 0.729, 0.724, 0.720, 0.716, 0.712, 0.708 };

bool
spc_constants(int n, struct spc_constants *k)
{
	double c4, t;

	if (n < 2 || n > 25)
		return false;
	if (n <= 10) {
		*k = printed[n - 2];
		k->E2 = 3 / k->d2;
		return true;
	}
	c4 = sqrt(2.0 / (n - 1)) * exp(lgamma(n / 2.0) - lgamma((n - 1) / 2.0));
	k->d2 = d2_big[n - 11];
	k->d3 = d3_big[n - 11];
	k->c4 = c4;
	k->a2 = 3 / (k->d2 * sqrt(n));
	k->a3 = 3 / (c4 * sqrt(n));
	k->D3 = fmax(0, 1 - 3 * k->d3 / k->d2);
	k->D4 = 1 + 3 * k->d3 / k->d2;
	t = 3 * sqrt(1 - c4 * c4) / c4;
	k->B3 = fmax(0, 1 - t);
	k->B4 = 1 + t;
	k->E2 = 3 / k->d2;
	return true;
}

static void
alloc(struct spc_chart *c, int n, bool disp)
{
	c->npoints = n;
	c->point = xcalloc((size_t)n, sizeof *c->point);
	c->ucl = xcalloc((size_t)n, sizeof *c->ucl);
	c->lcl = xcalloc((size_t)n, sizeof *c->lcl);
	c->has_dispersion = disp;
	if (disp)
		c->disp = xcalloc((size_t)n, sizeof *c->disp);
}

void
spc_chart_free(struct spc_chart *c)
{
	free(c->point);
	free(c->ucl);
	free(c->lcl);
	free(c->disp);
	memset(c, 0, sizeof *c);
}

static double
mean_of(const double *x, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += x[i];
	return s / n;
}

static void
fixed_limits(struct spc_chart *c, double half)
{
	for (int i = 0; i < c->npoints; i++) {
		c->ucl[i] = c->cl + half;
		c->lcl[i] = c->cl - half;
	}
}

static bool
imr(const double *x, int n, struct spc_chart *c, char *err, size_t errsize)
{
	double mr = 0;

	if (n < 2) {
		snprintf(err, errsize, _("an I-MR chart needs at least 2 values, got %d"), n);
		return false;
	}
	alloc(c, n, true);
	memcpy(c->point, x, (size_t)n * sizeof *x);
	for (int i = 1; i < n; i++) {
		c->disp[i] = fabs(x[i] - x[i - 1]);
		mr += c->disp[i];
	}
	mr /= n - 1;
	c->mean = c->cl = mean_of(x, n);
	c->sigma_within = mr / 1.128;
	fixed_limits(c, 3 * c->sigma_within);
	c->dispersion_name = "MR";
	c->disp_first = 1;
	c->disp_cl = mr;
	c->disp_ucl = 3.267 * mr;
	c->disp_lcl = 0;
	return true;
}

static double
sd_of(const double *x, int n)
{
	double m = mean_of(x, n), s = 0;
	for (int i = 0; i < n; i++)
		s += (x[i] - m) * (x[i] - m);
	return n > 1 ? sqrt(s / (n - 1)) : 0;
}

static bool
xbar(enum spc_chart_type t, const double *x, int n, int m, struct spc_chart *c, char *err,
    size_t errsize)
{
	struct spc_constants k;
	double dbar = 0;
	int g;

	if (!spc_constants(m, &k)) {
		snprintf(err, errsize, _("subgroup size %d: X-bar charts need --subgroup 2 to 25"), m);
		return false;
	}
	if (n == 0 || n % m != 0) {
		snprintf(err, errsize, _("%d values do not make whole subgroups of %d"), n, m);
		return false;
	}
	g = n / m;
	alloc(c, g, true);
	for (int i = 0; i < g; i++) {
		const double *s = x + (size_t)i * m;
		double lo = s[0], hi = s[0];
		for (int j = 1; j < m; j++) {
			lo = fmin(lo, s[j]);
			hi = fmax(hi, s[j]);
		}
		c->point[i] = mean_of(s, m);
		c->disp[i] = t == SPC_XBAR_R ? hi - lo : sd_of(s, m);
		dbar += c->disp[i];
	}
	dbar /= g;
	c->mean = c->cl = mean_of(c->point, g);
	c->disp_cl = dbar;
	if (t == SPC_XBAR_R) {
		fixed_limits(c, k.a2 * dbar);
		c->dispersion_name = "R";
		c->disp_ucl = k.D4 * dbar;
		c->disp_lcl = k.D3 * dbar;
		c->sigma_within = dbar / k.d2;
	} else {
		fixed_limits(c, k.a3 * dbar);
		c->dispersion_name = "S";
		c->disp_ucl = k.B4 * dbar;
		c->disp_lcl = k.B3 * dbar;
		c->sigma_within = dbar / k.c4;
	}
	return true;
}

static bool
check_counts(enum spc_chart_type t, const double *cnt, const double *size, int n, int m,
    char *err, size_t errsize)
{
	if (n < 1) {
		snprintf(err, errsize, "%s", _("no data: expected at least one subgroup"));
		return false;
	}
	for (int i = 0; i < n; i++) {
		double sz = size ? size[i] : m;
		if (!(cnt[i] >= 0) || cnt[i] != floor(cnt[i])) {
			snprintf(err, errsize, _("subgroup %d: count %g must be a whole number ≥ 0"), i + 1,
			    cnt[i]);
			return false;
		}
		if (t != SPC_C && !(sz > 0)) {
			snprintf(err, errsize, _("subgroup %d: size %g must be > 0 (give --subgroup N "
			    "or \"count size\" pairs)"), i + 1, sz);
			return false;
		}
		if ((t == SPC_P || t == SPC_NP) && cnt[i] > sz) {
			snprintf(err, errsize, _("subgroup %d: %g nonconforming out of %g units"), i + 1,
			    cnt[i], sz);
			return false;
		}
		if (t == SPC_NP && size && size[i] != size[0]) {
			snprintf(err, errsize, _("subgroup %d: an np chart needs a constant subgroup size "
			    "(%g ≠ %g); use a p chart"), i + 1, size[i], size[0]);
			return false;
		}
	}
	return true;
}

static bool
attribute(enum spc_chart_type t, const double *cnt, const double *size, int n, int m,
    struct spc_chart *c, char *err, size_t errsize)
{
	double sc = 0, ss = 0, bar;

	if (!check_counts(t, cnt, size, n, m, err, errsize))
		return false;
	alloc(c, n, false);
	for (int i = 0; i < n; i++) {
		sc += cnt[i];
		ss += size ? size[i] : m;
	}
	bar = t == SPC_C ? sc / n : sc / ss;
	for (int i = 0; i < n; i++) {
		double sz = size ? size[i] : m, half;
		switch (t) {
		case SPC_P:
			c->cl = bar;
			c->point[i] = cnt[i] / sz;
			half = 3 * sqrt(bar * (1 - bar) / sz);
			c->ucl[i] = fmin(1, bar + half);
			break;
		case SPC_NP:
			c->cl = sz * bar;
			c->point[i] = cnt[i];
			half = 3 * sqrt(sz * bar * (1 - bar));
			c->ucl[i] = c->cl + half;
			break;
		case SPC_U:
			c->cl = bar;
			c->point[i] = cnt[i] / sz;
			half = 3 * sqrt(bar / sz);
			c->ucl[i] = bar + half;
			break;
		default:
			c->cl = bar;
			c->point[i] = cnt[i];
			half = 3 * sqrt(bar);
			c->ucl[i] = bar + half;
			break;
		}
		c->lcl[i] = fmax(0, c->cl - half);
	}
	c->mean = mean_of(c->point, n);
	return true;
}

bool
spc_chart_compute(enum spc_chart_type t, const double *values, const double *sizes,
    int nvalues, int subgroup, struct spc_chart *c, char *err, size_t errsize)
{
	memset(c, 0, sizeof *c);
	c->type = t;
	for (int i = 0; i < nvalues; i++) {
		if (!isfinite(values[i]) || (sizes && !isfinite(sizes[i]))) {
			snprintf(err, errsize, _("value %d is not a finite number"), i + 1);
			return false;
		}
	}
	switch (t) {
	case SPC_IMR:
		return imr(values, nvalues, c, err, errsize);
	case SPC_XBAR_R:
	case SPC_XBAR_S:
		return xbar(t, values, nvalues, subgroup, c, err, errsize);
	default:
		return attribute(t, values, sizes, nvalues, subgroup, c, err, errsize);
	}
}

static const char *const type_names[] = { "imr", "xbar-r", "xbar-s", "p", "np", "c", "u" };

bool
spc_parse_chart_type(const char *s, enum spc_chart_type *out)
{
	for (int i = 0; i <= SPC_U; i++) {
		if (strcmp(s, type_names[i]) == 0) {
			*out = (enum spc_chart_type)i;
			return true;
		}
	}
	return false;
}

const char *
spc_chart_type_name(enum spc_chart_type t)
{
	return (int)t >= 0 && t <= SPC_U ? type_names[t] : "?";
}
