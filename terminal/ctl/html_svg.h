/*
 * html_svg.h — the drawing of yokectl's HTML report: text made safe for
 * HTML and SVG, and four charts written as inline SVG elements (no script,
 * no external reference, no font but the reader's sans-serif).
 *
 * Pure: numbers and labels in, markup out to a FILE. The report
 * (report_html*.c) gathers the data and translates the words; it hands
 * the labels here as they are, and every one is escaped on the way out,
 * so a part called `<script>` is drawn as those nine characters.
 * tests/unit/test_html_svg.c checks the geometry (bar heights and places
 * for given values) and the escaping.
 *
 * The geometry, in the SVG's user units (1 unit = 1 CSS pixel at 100 %):
 * every chart is SVG_W wide and draws in a plot box inside its margins; a
 * value v on an axis lo..hi sits at y = box.y + box.h * (hi - v) / (hi - lo)
 * (up is more); bar i of n takes the slot box.x + i * box.w / n, and its bar
 * is the middle SVG_BAR_FILL of the slot.
 */
#ifndef YOKE_CTL_HTML_SVG_H
#define YOKE_CTL_HTML_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define SVG_W 720.0          /* every chart's width; the page scales it down to fit */
#define SVG_BAR_FILL 0.7     /* the share of its slot a bar takes */
#define SVG_LABEL_COLS 14    /* an axis label is cut to this many display columns, with "…" */

/* Writes s with & < > " ' as character references (in text and in an
 * attribute alike); a byte that is not valid UTF-8 becomes U+FFFD, and a
 * control character other than tab and newline is left out (XML forbids
 * them). NULL writes nothing. */
void html_text(FILE *f, const char *s);
/* html_text of the first cols display columns of s, with "…" when cut. */
void html_text_cut(FILE *f, const char *s, int cols);

struct svg_box {
	double x, y, w, h;
};
struct svg_rect {
	double x, y, w, h;
};

/* The top of an axis for values up to max: the next 1, 2 or 5 times a
 * power of ten at or above max (0 or less, or not finite: 1). */
double svg_nice_max(double max);
/* Where a value sits on an axis lo..hi drawn in box (see above). lo == hi
 * puts everything in the middle. */
double svg_y(double v, double lo, double hi, const struct svg_box *box);
/* Bar i of n, from 0 up to value on the axis 0..max (a negative value is
 * drawn as 0, a value above max as max). */
struct svg_rect svg_bar(size_t i, size_t n, double value, double max, const struct svg_box *box);

/* Bars stacked per group: values[g * n_series + s] (not negative), each
 * series in its colour, with a legend; the y axis in `unit` ("CNY"). */
struct svg_stacked {
	const char *title;
	const char *unit;
	size_t n_groups, n_series;
	const char *const *groups;       /* n_groups x-axis labels */
	const char *const *series;       /* n_series legend labels */
	const char *const *colours;      /* n_series, "#2e7d32" */
	const double *values;
};
void svg_stacked_bars(FILE *f, const struct svg_stacked *c);

/* A Pareto: bars (values already in descending order) on the left axis in
 * `unit`, and the cumulative share as a line with points on a right axis
 * 0..100 %. */
struct svg_pareto {
	const char *title;
	const char *unit;
	const char *colour;
	size_t n;
	const char *const *labels;
	const double *values;
};
void svg_pareto_chart(FILE *f, const struct svg_pareto *c);

/* Bars on a fixed axis 0..max, each with its text written above it
 * ("96.2 %"): first-pass yield per station. */
struct svg_value_bars {
	const char *title;
	const char *colour;
	double max;
	size_t n;
	const char *const *labels;
	const double *values;
	const char *const *texts;
};
void svg_value_bars(FILE *f, const struct svg_value_bars *c);

/* A control chart: the points in order joined by a line, the centre line
 * and control limits (solid and dashed), the specification limits (dotted,
 * another colour), each line named at the right; a point with out[i] set is
 * drawn larger in red with a ring. Any limit may be absent. */
struct svg_control {
	const char *title;
	const char *unit;
	size_t n;
	const double *values;
	const bool *out;
	bool has_cl, has_ucl, has_lcl, has_lsl, has_usl;
	double cl, ucl, lcl, lsl, usl;
};
void svg_control_chart(FILE *f, const struct svg_control *c);
/* The y axis of a control chart: from the lowest to the highest of the
 * points and the lines drawn, with a twentieth of the span on each side
 * (a flat chart gets ±1). */
void svg_control_range(const struct svg_control *c, double *lo, double *hi);

#endif
