/*
 * spc_window.h — the live SPC state of one characteristic at one station,
 * and what one more value does to it. Pure: no store, no server; the math
 * is shared/quality/spc.h's (limits constants, run rules, drift fit).
 *
 * A value joins the open subgroup (I-MR: a subgroup of one). When the
 * subgroup is complete its statistic (the value, or the subgroup mean) is
 * a new point:
 *   - while learning, the point is summed; at the Nth the limits are
 *     computed as the file mode would from the same points (I-MR:
 *     mean ± 3·MR̄/d2; X̄-R: mean ± A2·R̄; X̄-S: mean ± A3·S̄) and are in
 *     force from the next point;
 *   - with limits in force, the run rules asked for are checked on the
 *     window of recent points against those limits; only a pattern that the
 *     new point completes counts (as spc_rules_check reports it).
 * Independently, every value moves the drift fit: the least-squares line
 * through the last `window` values (spc_drift) projects when it reaches a
 * specification limit; within `drift_units` units that is a warning, given
 * once until the projection moves out of reach again.
 */
#ifndef YOKE_SPC_WINDOW_H
#define YOKE_SPC_WINDOW_H

#include <stdbool.h>
#include <stdint.h>

#include "shared/quality/spc.h"

#define SPC_WINDOW_POINTS 15         /* the longest rule (Nelson 7) */
#define SPC_WINDOW_VALUES_MAX 50     /* the largest drift window (and ≥ subgroup 25) */
#define SPC_LEARN_DEFAULT 20
#define SPC_LEARN_MAX 1000
#define SPC_DRIFT_WINDOW_DEFAULT 10

struct spc_window {
	double points[SPC_WINDOW_POINTS];
	int npoints;
	double values[SPC_WINDOW_VALUES_MAX];
	int nvalues;
	int open;                    /* values of the incomplete subgroup (last of values) */
	uint64_t count;
	bool has_limits;
	double cl, ucl, lcl;
	uint32_t learn, learnt;      /* learning when learn > 0 */
	double sum_points, sum_disp;
	bool drift_warned;
	/* The dispersion chart (MR, R or S) of the same points: its limits,
	 * learnt with the plotted ones, or derived from the sigma that given
	 * limits imply (ucl - cl = 3σ, 3σ/√n for X̄) the first time they are
	 * needed: has_disp false until then. */
	bool has_disp;
	double dcl, ducl, dlcl;
};

/* What the characteristic asks for (from its definition and step). */
struct spc_window_config {
	enum spc_chart_type chart;   /* SPC_IMR, SPC_XBAR_R or SPC_XBAR_S */
	int subgroup;                /* 1 for I-MR */
	unsigned rules;              /* SPC_* bits to check */
	int drift_units;             /* 0: no drift warning */
	int drift_window;
	bool has_lsl, has_usl;
	double lsl, usl;
};

struct spc_window_result {
	bool plotted;                /* the value completed a point */
	double point;                /* that point (I or X̄) */
	bool learnt_now;             /* the limits were learnt with it */
	unsigned broke;              /* rules the point broke (SPC_* bits) */
	bool disp_broke;             /* its MR, R or S is outside the dispersion limits */
	double disp;                 /* that MR, R or S */
	bool drift;                  /* a drift warning is due now */
	struct spc_drift dr;         /* the fit, when drift */
};

/* How many points the rules asked for look at (at most SPC_WINDOW_POINTS:
 * Nelson 7's 15; WE 4's 8; 1 for WE 1 alone): the window keeps no more. */
int spc_window_points_kept(unsigned rules);
/* How many values the window keeps for this configuration. */
int spc_window_values_kept(const struct spc_window_config *cfg);
/* Starts learning from the next n points (the limits are dropped). */
void spc_window_relearn(struct spc_window *w, uint32_t n);
/* Puts limits in force (learning stops). */
void spc_window_set_limits(struct spc_window *w, double cl, double ucl, double lcl);
/* Adds one value and says what it did. */
void spc_window_add(struct spc_window *w, const struct spc_window_config *cfg, double v,
    struct spc_window_result *r);
/* The limits for given centre and sigma of the individual values: I-MR
 * cl ± 3σ, X̄ charts cl ± 3σ/√n. */
void spc_window_limits_from_sigma(enum spc_chart_type chart, int subgroup, double mean,
    double sigma, double *cl, double *ucl, double *lcl);

#endif
