/*
 * spc_capability.c — Cp/Cpk (within-subgroup sigma), Pp/Ppk (overall
 * sigma, n − 1 divisor) per standards.md §3.4, and the drift projection.
 *
 * An index that cannot be computed is NaN: a one-sided specification has
 * no Cp and only one of Cpu/Cpl; a sigma of zero (constant data, or
 * attribute charts with no within sigma) makes every index undefined
 * rather than infinite, so nobody reads "Cpk = inf" as a good process.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "shared/quality/spc.h"
#include "shared/i18n.h"

static void
indices(double mean, double sigma, const struct spc_capability *c, double *p, double *pk,
    double *pu, double *pl)
{
	*p = *pk = *pu = *pl = NAN;
	if (!(sigma > 0))
		return;
	if (c->has_usl)
		*pu = (c->usl - mean) / (3 * sigma);
	if (c->has_lsl)
		*pl = (mean - c->lsl) / (3 * sigma);
	if (c->has_usl && c->has_lsl) {
		*p = (c->usl - c->lsl) / (6 * sigma);
		*pk = fmin(*pu, *pl);
	} else {
		*pk = c->has_usl ? *pu : *pl;
	}
}

bool
spc_capability(const double *x, int n, double sigma_within, bool has_lsl, double lsl,
    bool has_usl, double usl, struct spc_capability *c, char *err, size_t errsize)
{
	double m = 0, ss = 0;

	memset(c, 0, sizeof *c);
	if (n < 2) {
		snprintf(err, errsize, _("capability needs at least 2 values, got %d"), n);
		return false;
	}
	if (!has_lsl && !has_usl) {
		snprintf(err, errsize, "%s",
		    _("capability needs a specification limit (--lsl and/or --usl)"));
		return false;
	}
	if (has_lsl && has_usl && !(lsl < usl)) {
		snprintf(err, errsize, _("LSL %g must be below USL %g"), lsl, usl);
		return false;
	}
	for (int i = 0; i < n; i++)
		m += x[i];
	m /= n;
	for (int i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	c->has_lsl = has_lsl;
	c->has_usl = has_usl;
	c->lsl = lsl;
	c->usl = usl;
	c->mean = m;
	c->sigma_within = sigma_within;
	c->sigma_overall = sqrt(ss / (n - 1));
	indices(m, sigma_within, c, &c->cp, &c->cpk, &c->cpu, &c->cpl);
	indices(m, c->sigma_overall, c, &c->pp, &c->ppk, &c->ppu, &c->ppl);
	return true;
}

/*
 * Least squares over the last `window` points, x = point index. The
 * projection counts points after the last one until the fitted line
 * reaches the nearer limit in the direction of the slope; 0 when the
 * line is already on or past it at the last point.
 */
bool
spc_drift(const double *x, int n, int window, bool has_lsl, double lsl, bool has_usl,
    double usl, struct spc_drift *d)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, b, a, limit;
	int w = window > 0 && window < n ? window : n, first = n - w;

	memset(d, 0, sizeof *d);
	if (n < 3)
		return false;
	if (w < 3)
		w = 3, first = n - 3;
	for (int i = first; i < n; i++) {
		sx += i;
		sy += x[i];
		sxx += (double)i * i;
		sxy += i * x[i];
	}
	b = (w * sxy - sx * sy) / (w * sxx - sx * sx);
	a = (sy - b * sx) / w;
	d->window = w;
	d->slope = b;
	d->fitted_last = a + b * (n - 1);
	if (b > 0 && has_usl)
		d->upper = true, limit = usl;
	else if (b < 0 && has_lsl)
		d->upper = false, limit = lsl;
	else
		return true;
	d->crosses = true;
	d->units = fmax(0, (limit - d->fitted_last) / b);
	return true;
}
