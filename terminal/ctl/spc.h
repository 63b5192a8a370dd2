/*
 * spc.h — what yokectl spc's file mode (spc.c) and its stored mode and
 * limits command (spc_stored.c) share: the options of a chart and the one
 * function that computes, checks and prints it, so both print the same.
 */
#ifndef YOKE_CTL_SPC_H
#define YOKE_CTL_SPC_H

#include <stdbool.h>

#include "shared/quality/spc.h"
#include "terminal/ctl/ctl.h"

struct spc_opts {
	enum spc_chart_type type;
	int subgroup, window;
	bool has_lsl, has_usl, json, chart;
	double lsl, usl;
	unsigned rules;
	const char *file;
};

/* Control limits in force (the server's), drawn instead of the ones the
 * points give. */
struct spc_in_force {
	bool has_limits;
	double cl, ucl, lcl;
};

/* Computes the chart of n values (sizes: "count size" pairs of the
 * attribute charts, or NULL), checks the rules, the capability and the
 * drift, and prints them as yokectl spc does. lim NULL: limits from the
 * values. An exit status. */
int spc_run(const struct spc_opts *o, const double *values, const double *sizes, int n,
    const struct spc_in_force *lim);
/* yokectl spc --characteristic NAME ...: the stored points (spc_stored.c). */
int spc_stored_exec(struct ctl *ctl, int argc, char **argv);
extern const struct ctl_cmd ctl_cmd_spc, ctl_cmd_spc_limits;

#endif
