/*
 * spc_chart.h — a control chart drawn as plain text, no curses, so that
 * yokectl prints it and the station terminal can put the same lines in a
 * window.
 *
 * Points are 'o', points that broke a selected rule 'X', control limits
 * '-', the centre line '.'. The left margin labels UCL, CL and LCL (of the
 * last point when limits vary). When there are more points than columns,
 * the most recent ones are drawn and the first line says so. Only ASCII is
 * written, so every line is exactly as wide as asked.
 */
#ifndef YOKE_SPC_CHART_H
#define YOKE_SPC_CHART_H

#include <stdio.h>

#include "shared/quality/spc.h"

/* Draws into f in width columns (≥ 40) and height plot rows (≥ 5). */
void spc_chart_render(FILE *f, const struct spc_chart *c, const struct spc_violation *v,
    int nv, int width, int height);
/* The same into a new NUL-terminated string (free it). */
char *spc_chart_render_string(const struct spc_chart *c, const struct spc_violation *v,
    int nv, int width, int height);

#endif
