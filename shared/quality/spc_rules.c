/*
 * spc_rules.c — Western Electric and Nelson run rules (standards.md §3.3).
 *
 * Zones use the sigma of the plotted statistic at each point,
 * (UCL − CL)/3, so p and u charts with varying subgroup sizes get their own
 * zones per point. Conventions (docs/quality-math.md):
 *   - a point exactly on a control limit is not beyond it; "beyond 2σ" and
 *     "beyond 1σ" are strict too, and "within 1σ" (Nelson 7) is strict;
 *   - a point exactly on the centre line is on neither side: it ends a run
 *     for Nelson 2 / WE 4;
 *   - equal consecutive values are neither up nor down: they end a trend
 *     (Nelson 3) and an alternation (Nelson 4);
 *   - a pattern is reported at the point that completes it, and for the
 *     "2 of 3" and "4 of 5" rules only when that point is itself one of the
 *     points beyond the zone;
 *   - with a zero sigma (constant data) every point is on the centre line:
 *     no zone exists, so Nelson 7 ("within 1 sigma") does not fire, and
 *     constant data breaks no rule.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shared/quality/spc.h"
#include "shared/i18n.h"
#include "shared/util.h"

struct rule_def {
	unsigned bit;
	const char *name;
};

static const struct rule_def names[] = {
	{ SPC_NELSON1, N_("Nelson 1: 1 point beyond 3 sigma") },
	{ SPC_NELSON2, N_("Nelson 2: 9 points in a row on the same side of the centre line") },
	{ SPC_NELSON3, N_("Nelson 3: 6 points in a row steadily increasing or decreasing") },
	{ SPC_NELSON4, N_("Nelson 4: 14 points in a row alternating up and down") },
	{ SPC_NELSON5, N_("Nelson 5: 2 of 3 points in a row beyond 2 sigma on the same side") },
	{ SPC_NELSON6, N_("Nelson 6: 4 of 5 points in a row beyond 1 sigma on the same side") },
	{ SPC_NELSON7, N_("Nelson 7: 15 points in a row within 1 sigma (stratification)") },
	{ SPC_NELSON8, N_("Nelson 8: 8 points in a row beyond 1 sigma on both sides (mixture)") },
	{ SPC_WE1, N_("WE 1: 1 point beyond 3 sigma") },
	{ SPC_WE2, N_("WE 2: 2 of 3 points in a row beyond 2 sigma on the same side") },
	{ SPC_WE3, N_("WE 3: 4 of 5 points in a row beyond 1 sigma on the same side") },
	{ SPC_WE4, N_("WE 4: 8 points in a row on the same side of the centre line") },
};

const char *
spc_rule_name(unsigned rule)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].bit == rule)
			return names[i].name;
	return N_("unknown rule");
}

static bool
token(const char *t, size_t n, unsigned *rules)
{
	char buf[16];
	int k;

	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, t, n);
	buf[n] = '\0';
	if (strcmp(buf, "we") == 0)
		*rules |= SPC_RULES_WE;
	else if (strcmp(buf, "nelson") == 0)
		*rules |= SPC_RULES_NELSON;
	else if (n == 1 && (k = buf[0] - '0') >= 1 && k <= 8)
		*rules |= 1u << (k - 1);
	else if (n == 3 && strncmp(buf, "we", 2) == 0 && (k = buf[2] - '0') >= 1 && k <= 4)
		*rules |= SPC_WE1 << (k - 1);
	else
		return false;
	return true;
}

bool
spc_rules_parse(const char *s, unsigned *rules)
{
	*rules = 0;
	for (const char *p = s; ; ) {
		size_t n = strcspn(p, ",");
		if (!token(p, n, rules))
			return false;
		if (p[n] == '\0')
			return true;
		p += n + 1;
	}
}

/* Position of point i in sigmas of the plotted statistic. */
static double
zscore(const struct spc_chart *c, int i)
{
	double s = (c->ucl[i] - c->cl) / 3, d = c->point[i] - c->cl;

	if (s > 0)
		return d / s;
	return d > 0 ? INFINITY : d < 0 ? -INFINITY : 0;
}

static int
side(double z)
{
	return z > 0 ? 1 : z < 0 ? -1 : 0;
}

static bool
beyond_limits(const struct spc_chart *c, int i)
{
	return c->point[i] > c->ucl[i] || c->point[i] < c->lcl[i];
}

static bool
same_side_run(const double *z, int i, int len)
{
	int s = side(z[i]);

	if (i < len - 1 || s == 0)
		return false;
	for (int j = i - len + 1; j <= i; j++)
		if (side(z[j]) != s)
			return false;
	return true;
}

static bool
k_of_m_beyond(const double *z, int i, int k, int m, double level)
{
	int s = side(z[i]), count = 0;

	if (i < m - 1 || fabs(z[i]) <= level)
		return false;
	for (int j = i - m + 1; j <= i; j++)
		if (side(z[j]) == s && fabs(z[j]) > level)
			count++;
	return count >= k;
}

static bool
trend(const double *x, int i)
{
	int up = 0, down = 0;

	if (i < 5)
		return false;
	for (int j = i - 4; j <= i; j++) {
		up += x[j] > x[j - 1];
		down += x[j] < x[j - 1];
	}
	return up == 5 || down == 5;
}

static bool
alternating(const double *x, int i)
{
	if (i < 13)
		return false;
	for (int j = i - 12; j <= i; j++) {
		double a = x[j] - x[j - 1];
		if (a == 0)
			return false;
		if (j > i - 12 && (a > 0) == (x[j - 1] - x[j - 2] > 0))
			return false;
	}
	return true;
}

static bool
all_within(const double *z, int i, int len, bool inside)
{
	bool pos = false, neg = false;

	if (i < len - 1)
		return false;
	for (int j = i - len + 1; j <= i; j++) {
		if (inside != (fabs(z[j]) < 1))
			return false;
		pos |= z[j] > 0;
		neg |= z[j] < 0;
	}
	return inside || (pos && neg);
}

static bool
breaks(const struct spc_chart *c, const double *z, int i, unsigned rule)
{
	switch (rule) {
	case SPC_NELSON1: case SPC_WE1: return beyond_limits(c, i);
	case SPC_NELSON2: return same_side_run(z, i, 9);
	case SPC_WE4: return same_side_run(z, i, 8);
	case SPC_NELSON3: return trend(c->point, i);
	case SPC_NELSON4: return alternating(c->point, i);
	case SPC_NELSON5: case SPC_WE2: return k_of_m_beyond(z, i, 2, 3, 2);
	case SPC_NELSON6: case SPC_WE3: return k_of_m_beyond(z, i, 4, 5, 1);
	case SPC_NELSON7: return c->ucl[i] > c->cl && all_within(z, i, 15, true);
	case SPC_NELSON8: return all_within(z, i, 8, false);
	}
	return false;
}

int
spc_rules_check(const struct spc_chart *c, unsigned rules, struct spc_violation *out, int max)
{
	double *z = xcalloc((size_t)c->npoints + 1, sizeof *z);
	int found = 0;

	for (int i = 0; i < c->npoints; i++)
		z[i] = zscore(c, i);
	for (int i = 0; i < c->npoints; i++) {
		for (unsigned bit = 1; bit <= SPC_WE4; bit <<= 1) {
			if (!(rules & bit) || !breaks(c, z, i, bit))
				continue;
			if (found < max) {
				out[found].index = i;
				out[found].rule = bit;
			}
			found++;
		}
	}
	free(z);
	return found;
}
