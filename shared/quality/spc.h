/*
 * spc.h — Shewhart control charts, run rules, capability and drift.
 *
 * Pure math on arrays of doubles: limits for X̄-R, X̄-S, I-MR, p, np, c and
 * u charts with the tabulated constants (standards.md §3.1–3.2); the
 * Western Electric and Nelson run rules, each selectable, reporting which
 * point broke which rule (§3.3); Cp/Cpk with the within-subgroup sigma and
 * Pp/Ppk with the overall sigma (§3.4); and a least-squares drift
 * projection for early warning. Conventions are in docs/quality-math.md.
 */
#ifndef YOKE_SPC_H
#define YOKE_SPC_H

#include <stdbool.h>
#include <stddef.h>

enum spc_chart_type { SPC_IMR, SPC_XBAR_R, SPC_XBAR_S, SPC_P, SPC_NP, SPC_C, SPC_U };

struct spc_constants {
	double a2, a3, d2, d3, D3, D4, c4, B3, B4, E2;
};

/* Constants for subgroup size n (2–25). False for other n. */
bool spc_constants(int n, struct spc_constants *k);

/*
 * A computed chart. The plotted statistic has per-point limits (p and u
 * limits vary with the subgroup size); the second chart (R, S or MR) has
 * fixed limits and is absent for attribute charts. MR starts at point 1.
 */
struct spc_chart {
	enum spc_chart_type type;
	int npoints;
	double *point, *ucl, *lcl;
	double cl;
	bool has_dispersion;
	const char *dispersion_name;    /* "R", "S", "MR" */
	double *disp;                   /* per point; disp[0] unused for MR */
	double disp_cl, disp_ucl, disp_lcl;
	int disp_first;                 /* first valid index in disp */
	double mean;                    /* grand mean of the individual values */
	double sigma_within;            /* R̄/d2, S̄/c4, MR̄/d2(2); 0 for attribute charts */
};

/*
 * Computes a chart. Variables charts read `values` (nvalues individual
 * measurements; X̄ charts group them in consecutive subgroups of
 * `subgroup`, 2–25). Attribute charts read counts in `values` and subgroup
 * sizes in `sizes` (NULL: every subgroup has `subgroup` units; the c chart
 * ignores sizes). Returns false with a message saying what is wrong.
 */
bool spc_chart_compute(enum spc_chart_type type, const double *values, const double *sizes,
    int nvalues, int subgroup, struct spc_chart *out, char *err, size_t errsize);
void spc_chart_free(struct spc_chart *c);
bool spc_parse_chart_type(const char *s, enum spc_chart_type *out);
const char *spc_chart_type_name(enum spc_chart_type t);

/* Rules as bits: Nelson 1–8 and Western Electric 1–4. */
enum {
	SPC_NELSON1 = 1u << 0, SPC_NELSON2 = 1u << 1, SPC_NELSON3 = 1u << 2,
	SPC_NELSON4 = 1u << 3, SPC_NELSON5 = 1u << 4, SPC_NELSON6 = 1u << 5,
	SPC_NELSON7 = 1u << 6, SPC_NELSON8 = 1u << 7,
	SPC_WE1 = 1u << 8, SPC_WE2 = 1u << 9, SPC_WE3 = 1u << 10, SPC_WE4 = 1u << 11,
	SPC_RULES_NELSON = 0xffu, SPC_RULES_WE = 0xf00u,
};

struct spc_violation {
	int index;              /* the point that completes the pattern */
	unsigned rule;          /* one SPC_* bit */
};

/* "we", "nelson", "1,2,5" (Nelson numbers), "we1,we4", mixed by commas.
 * False on anything else. */
bool spc_rules_parse(const char *s, unsigned *rules);
/* "Nelson 3: 6 points in a row steadily increasing or decreasing": an
 * English message id (stable for --json); _() it to show it to a person. */
const char *spc_rule_name(unsigned rule);
/*
 * Checks the plotted statistic of a chart. Writes at most max violations
 * (ordered by point, then rule) and returns how many there are in all.
 */
int spc_rules_check(const struct spc_chart *c, unsigned rules, struct spc_violation *out,
    int max);

struct spc_capability {
	bool has_lsl, has_usl;
	double lsl, usl;
	double mean, sigma_within, sigma_overall;
	/* NaN when not defined: a missing spec limit, or a sigma of zero. */
	double cp, cpk, cpu, cpl, pp, ppk, ppu, ppl;
};

/* sigma_within from the chart (or 0 when none); the overall sigma is the
 * n − 1 standard deviation of the values. False for fewer than 2 values,
 * no spec limit, or LSL ≥ USL. */
bool spc_capability(const double *x, int n, double sigma_within, bool has_lsl, double lsl,
    bool has_usl, double usl, struct spc_capability *out, char *err, size_t errsize);

struct spc_drift {
	int window;             /* points fitted */
	double slope;           /* per unit (per plotted point) */
	double fitted_last;     /* the trend's value at the last point */
	bool crosses;           /* the trend heads for a limit */
	bool upper;             /* which one */
	double units;           /* points until the trend reaches it (0: already past) */
};

/* Fits a straight line to the last `window` points (all when fewer) and
 * projects it to the spec limits. False for fewer than 3 points. */
bool spc_drift(const double *x, int n, int window, bool has_lsl, double lsl, bool has_usl,
    double usl, struct spc_drift *out);

#endif
