/*
 * pareto.h — a Pareto of counts: how often each key occurs (a defect code,
 * a station, an operator, a part), most frequent first, with each key's
 * share and the cumulative share, drawn as text bars that fit a terminal
 * of a given width by display width (a Chinese label takes two columns a
 * character, and is cut with "…" rather than pushing the bars out).
 *
 * Pure: no server, no files. `yokectl defects pareto` fills one from the
 * NCRs the server sends (defects.c); tests/unit/test_ctl_pareto.c checks
 * the counting, the order, the percentages and the drawing.
 */
#ifndef YOKE_CTL_PARETO_H
#define YOKE_CTL_PARETO_H

#include <stddef.h>
#include <stdio.h>

struct pareto_row {
	char *key;               /* "BRIDGE", "REFLOW-1", "1001", "IOTC-100" */
	char *label;             /* shown after the key: a defect's text, a person's name; or "" */
	unsigned count;
	double percent;          /* of the total, 0..100 (pareto_finish) */
	double cumulative;       /* this row and every row above it (the last is 100) */
};

struct pareto {
	struct pareto_row *rows;
	size_t n, cap;
	unsigned total;
};

#define PARETO_KEY_COLS 30       /* the key column is at most this wide */
#define PARETO_BAR_MIN 10        /* narrower keys rather than shorter bars */

/* Counts one occurrence of key (NULL is ""); label is kept from its first
 * occurrence. */
void pareto_add(struct pareto *p, const char *key, const char *label);
/* Sorts the rows by count, most first (equal counts by key), and works
 * out the percentages. Call once, after the last pareto_add. */
void pareto_finish(struct pareto *p);
/*
 * Prints the heading line and one line per row: key and label (cut to
 * fit), count, percent, cumulative percent, and a bar of '#' as long as
 * the count is to the largest count. Every line is at most width - 1
 * display columns (the last column of a terminal stays free) and ends
 * without spaces. key_heading names the first column (translated by the
 * caller). Nothing when there are no rows.
 */
void pareto_print(const struct pareto *p, FILE *f, int width, const char *key_heading);
/* The rows as a JSON array: [{"key","label","count","percent","cumulative_percent"}]. */
void pareto_json(const struct pareto *p, FILE *f);
void pareto_free(struct pareto *p);

#endif
