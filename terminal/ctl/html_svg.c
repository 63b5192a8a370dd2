/* html_svg.c — see html_svg.h. */
#include "terminal/ctl/html_svg.h"
#include "shared/utf8.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Margins around the plot box: the title above, the y axis labels left,
 * a right axis or the names of the lines right, the x labels (turned)
 * below. */
#define M_TOP 34.0
#define M_LEFT 66.0
#define M_RIGHT 56.0
#define M_BOTTOM 78.0
#define TICKS 5
#define FONT "font-family=\"sans-serif\""

void
html_text(FILE *f, const char *s)
{
	size_t len;

	if (s == NULL)
		return;
	len = strlen(s);
	while (len > 0) {
		uint32_t cp;
		int n = utf8_decode(s, len, &cp);
		if (n == 0) {
			fputs("\xEF\xBF\xBD", f);      /* U+FFFD for the bad byte */
			s++;
			len--;
			continue;
		}
		switch (cp) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f ||
			    (cp >= 0x80 && cp < 0xa0))
				break;                  /* not allowed in XML; nothing to show */
			fwrite(s, 1, (size_t)n, f);
		}
		s += n;
		len -= (size_t)n;
	}
}

void
html_text_cut(FILE *f, const char *s, int cols)
{
	size_t fit, len;
	char *part;

	if (s == NULL)
		return;
	len = strlen(s);
	if (utf8_width(s) <= cols) {
		html_text(f, s);
		return;
	}
	fit = utf8_fit(s, cols - 1, NULL);
	if (fit > len)
		fit = len;
	part = malloc(fit + 1);
	if (part == NULL)
		return;
	memcpy(part, s, fit);
	part[fit] = '\0';
	html_text(f, part);
	fputs("\xE2\x80\xA6", f);          /* … */
	free(part);
}

double
svg_nice_max(double max)
{
	static const double steps[] = { 1, 2, 5, 10 };
	double p;

	if (!(max > 0) || !isfinite(max))
		return 1;
	p = pow(10, floor(log10(max)));
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] * p >= max * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

double
svg_y(double v, double lo, double hi, const struct svg_box *box)
{
	if (hi == lo)
		return box->y + box->h / 2;
	return box->y + box->h * (hi - v) / (hi - lo);
}

struct svg_rect
svg_bar(size_t i, size_t n, double value, double max, const struct svg_box *box)
{
	struct svg_rect r;
	double slot = n ? box->w / (double)n : box->w;

	if (!(value > 0))
		value = 0;
	if (max > 0 && value > max)
		value = max;
	r.w = slot * SVG_BAR_FILL;
	r.x = box->x + (double)i * slot + (slot - r.w) / 2;
	r.y = max > 0 ? svg_y(value, 0, max, box) : box->y + box->h;
	r.h = box->y + box->h - r.y;
	return r;
}

/* ---- the parts every chart has ---- */

static struct svg_box
svg_open(FILE *f, double height, const char *title)
{
	struct svg_box box = { M_LEFT, M_TOP, SVG_W - M_LEFT - M_RIGHT, height - M_TOP - M_BOTTOM };

	fprintf(f, "<svg class=\"chart\" width=\"%.0f\" "
	    "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" " FONT " font-size=\"11\">\n",
	    SVG_W, height, SVG_W, height);
	fputs("<title>", f);
	html_text(f, title);
	fputs("</title>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
	    SVG_W, height);
	fprintf(f, "<text x=\"%.1f\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">",
	    M_LEFT);
	html_text(f, title);
	fputs("</text>\n", f);
	return box;
}

/* The left axis 0..max in TICKS steps, with grid lines and its unit. */
static void
axis_left(FILE *f, const struct svg_box *b, double lo, double hi, const char *unit)
{
	for (int t = 0; t <= TICKS; t++) {
		double v = lo + (hi - lo) * t / TICKS, y = svg_y(v, lo, hi, b);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\" "
		    "stroke-width=\"1\"/>\n", b->x, y, b->x + b->w, y);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%.4g</text>\n",
		    b->x - 6, y + 4, fabs(v) < 1e-12 * (fabs(hi) + fabs(lo)) ? 0.0 : v);
	}
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>\n",
	    b->x, b->y, b->x, b->y + b->h);
	if (unit && *unit) {
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"start\" fill=\"#444\">", 6.0,
		    b->y - 6);
		html_text(f, unit);
		fputs("</text>\n", f);
	}
}

/* The x labels under slots of n, turned when they would not fit flat. */
static void
axis_labels(FILE *f, const struct svg_box *b, size_t n, const char *const *labels)
{
	double slot = n ? b->w / (double)n : b->w;
	bool turn = slot < 70;
	/* Too many to read: every k-th, so the labels do not run into each other. */
	size_t every = slot >= 13 ? 1 : (size_t)ceil(13 / slot);

	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>\n",
	    b->x, b->y + b->h, b->x + b->w, b->y + b->h);
	for (size_t i = 0; i < n; i += every) {
		double x = b->x + slot * ((double)i + 0.5), y = b->y + b->h + 14;
		if (turn)
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#222\" "
			    "transform=\"rotate(-40 %.1f %.1f)\">", x, y, x, y);
		else
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#222\">", x, y);
		html_text_cut(f, labels[i], SVG_LABEL_COLS);
		fputs("</text>\n", f);
	}
}

static void
rect(FILE *f, const struct svg_rect *r, const char *colour, const char *cls)
{
	fprintf(f, "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
	    "fill=\"", cls, r->x, r->y, r->w, r->h);
	html_text(f, colour);
	fputs("\"/>\n", f);
}

/* ---- the charts ---- */

void
svg_stacked_bars(FILE *f, const struct svg_stacked *c)
{
	double max = 0;
	struct svg_box b;

	for (size_t g = 0; g < c->n_groups; g++) {
		double sum = 0;
		for (size_t s = 0; s < c->n_series; s++)
			sum += c->values[g * c->n_series + s] > 0 ? c->values[g * c->n_series + s] : 0;
		if (sum > max)
			max = sum;
	}
	max = svg_nice_max(max);
	b = svg_open(f, 320, c->title);
	b.y += 16;                     /* the legend's line under the title */
	b.h -= 16;
	axis_left(f, &b, 0, max, c->unit);
	for (size_t g = 0; g < c->n_groups; g++) {
		double below = 0;
		for (size_t s = 0; s < c->n_series; s++) {
			double v = c->values[g * c->n_series + s];
			if (!(v > 0))
				continue;
			/* The bar of below + v, less the part below it. */
			struct svg_rect top = svg_bar(g, c->n_groups, below + v, max, &b);
			struct svg_rect low = svg_bar(g, c->n_groups, below, max, &b);
			top.h = low.y - top.y;
			rect(f, &top, c->colours[s], "bar");
			below += v;
		}
	}
	axis_labels(f, &b, c->n_groups, c->groups);
	/* The legend, in one line under the title. */
	double x = M_LEFT;
	for (size_t s = 0; s < c->n_series; s++) {
		fprintf(f, "<rect x=\"%.1f\" y=\"26\" width=\"10\" height=\"10\" fill=\"", x);
		html_text(f, c->colours[s]);
		fprintf(f, "\"/><text x=\"%.1f\" y=\"35\" fill=\"#222\">", x + 14);
		html_text(f, c->series[s]);
		fputs("</text>\n", f);
		x += 7.0 * utf8_width(c->series[s]) + 34;
	}
	fputs("</svg>\n", f);
}

void
svg_pareto_chart(FILE *f, const struct svg_pareto *c)
{
	double max = 0, total = 0, sum = 0;
	struct svg_box b;

	for (size_t i = 0; i < c->n; i++) {
		double v = c->values[i] > 0 ? c->values[i] : 0;
		total += v;
		if (v > max)
			max = v;
	}
	max = svg_nice_max(max);
	b = svg_open(f, 320, c->title);
	axis_left(f, &b, 0, max, c->unit);
	for (int t = 0; t <= TICKS; t++) {
		double y = svg_y(100.0 * t / TICKS, 0, 100, &b);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#7b1fa2\">%d%%</text>\n", b.x + b.w + 6,
		    y + 4, 100 * t / TICKS);
	}
	for (size_t i = 0; i < c->n; i++) {
		struct svg_rect r = svg_bar(i, c->n, c->values[i], max, &b);
		rect(f, &r, c->colour, "bar");
	}
	/* The cumulative line, through the middle of each bar's top. */
	if (total > 0 && c->n > 0) {
		double slot = b.w / (double)c->n;
		fputs("<polyline class=\"cumulative\" fill=\"none\" stroke=\"#7b1fa2\" stroke-width=\"2\" "
		    "points=\"", f);
		for (size_t i = 0; i < c->n; i++) {
			sum += c->values[i] > 0 ? c->values[i] : 0;
			fprintf(f, "%s%.2f,%.2f", i ? " " : "", b.x + slot * ((double)i + 0.5),
			    svg_y(100 * sum / total, 0, 100, &b));
		}
		fputs("\"/>\n", f);
		sum = 0;
		for (size_t i = 0; i < c->n; i++) {
			sum += c->values[i] > 0 ? c->values[i] : 0;
			fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"#7b1fa2\"/>\n",
			    b.x + slot * ((double)i + 0.5), svg_y(100 * sum / total, 0, 100, &b));
		}
	}
	axis_labels(f, &b, c->n, c->labels);
	fputs("</svg>\n", f);
}

void
svg_value_bars(FILE *f, const struct svg_value_bars *c)
{
	struct svg_box b = svg_open(f, 300, c->title);

	axis_left(f, &b, 0, c->max, NULL);
	for (size_t i = 0; i < c->n; i++) {
		struct svg_rect r = svg_bar(i, c->n, c->values[i], c->max, &b);
		rect(f, &r, c->colour, "bar");
		fprintf(f, "<text class=\"value\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" "
		    "fill=\"#222\" font-weight=\"bold\">", r.x + r.w / 2, r.y - 4);
		html_text(f, c->texts[i]);
		fputs("</text>\n", f);
	}
	axis_labels(f, &b, c->n, c->labels);
	fputs("</svg>\n", f);
}

void
svg_control_range(const struct svg_control *c, double *lo, double *hi)
{
	double a = INFINITY, z = -INFINITY;
	const bool has[5] = { c->has_cl, c->has_ucl, c->has_lcl, c->has_lsl, c->has_usl };
	const double v[5] = { c->cl, c->ucl, c->lcl, c->lsl, c->usl };

	for (size_t i = 0; i < c->n; i++)
		if (isfinite(c->values[i])) {
			a = fmin(a, c->values[i]);
			z = fmax(z, c->values[i]);
		}
	for (int i = 0; i < 5; i++)
		if (has[i] && isfinite(v[i])) {
			a = fmin(a, v[i]);
			z = fmax(z, v[i]);
		}
	if (!isfinite(a)) {
		a = 0;
		z = 0;
	}
	if (z - a <= 0) {
		*lo = a - 1;
		*hi = z + 1;
		return;
	}
	*lo = a - (z - a) / 20;
	*hi = z + (z - a) / 20;
}

/* A horizontal line across the plot, named at the right. */
struct hline {
	double y, label_y, value;
	const char *colour, *dash, *name;
};

static int
by_y(const void *a, const void *b)
{
	const struct hline *x = a, *z = b;
	return x->y < z->y ? -1 : x->y > z->y;
}

/* Draws the lines, and their names apart by a line of text at least
 * (close limits would print over each other). */
static void
hlines(FILE *f, const struct svg_box *b, struct hline *l, size_t n)
{
	qsort(l, n, sizeof *l, by_y);
	for (size_t i = 0; i < n; i++) {
		l[i].label_y = l[i].y + 4;
		if (i > 0 && l[i].label_y < l[i - 1].label_y + 11)
			l[i].label_y = l[i - 1].label_y + 11;
	}
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<line class=\"limit\" x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\" "
		    "stroke=\"%s\" stroke-width=\"1.5\"%s%s%s/>\n", b->x, l[i].y, b->x + b->w, l[i].y,
		    l[i].colour, l[i].dash ? " stroke-dasharray=\"" : "", l[i].dash ? l[i].dash : "",
		    l[i].dash ? "\"" : "");
		fprintf(f, "<text x=\"%.1f\" y=\"%.2f\" fill=\"%s\">%s %.6g</text>\n", b->x + b->w + 4,
		    l[i].label_y, l[i].colour, l[i].name, l[i].value);
	}
}

void
svg_control_chart(FILE *f, const struct svg_control *c)
{
	struct svg_box b = svg_open(f, 260, c->title);
	double lo, hi, slot;

	b.h += 40;                     /* no x labels: the points are in time order */
	svg_control_range(c, &lo, &hi);
	/* Ticks at round places are not needed: the lines carry their values. */
	axis_left(f, &b, lo, hi, c->unit);
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>\n",
	    b.x, b.y + b.h, b.x + b.w, b.y + b.h);
	struct hline l[5];
	size_t nl = 0;
	if (c->has_usl)
		l[nl++] = (struct hline){ svg_y(c->usl, lo, hi, &b), 0, c->usl, "#ef6c00", "2 3", "USL" };
	if (c->has_lsl)
		l[nl++] = (struct hline){ svg_y(c->lsl, lo, hi, &b), 0, c->lsl, "#ef6c00", "2 3", "LSL" };
	if (c->has_ucl)
		l[nl++] = (struct hline){ svg_y(c->ucl, lo, hi, &b), 0, c->ucl, "#c62828", "6 4", "UCL" };
	if (c->has_lcl)
		l[nl++] = (struct hline){ svg_y(c->lcl, lo, hi, &b), 0, c->lcl, "#c62828", "6 4", "LCL" };
	if (c->has_cl)
		l[nl++] = (struct hline){ svg_y(c->cl, lo, hi, &b), 0, c->cl, "#2e7d32", NULL, "CL" };
	hlines(f, &b, l, nl);
	slot = c->n ? b.w / (double)c->n : b.w;
	if (c->n > 1) {
		fputs("<polyline class=\"series\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" "
		    "points=\"", f);
		for (size_t i = 0; i < c->n; i++)
			fprintf(f, "%s%.2f,%.2f", i ? " " : "", b.x + slot * ((double)i + 0.5),
			    svg_y(c->values[i], lo, hi, &b));
		fputs("\"/>\n", f);
	}
	for (size_t i = 0; i < c->n; i++) {
		double x = b.x + slot * ((double)i + 0.5), y = svg_y(c->values[i], lo, hi, &b);
		if (c->out && c->out[i])
			fprintf(f, "<circle class=\"out\" cx=\"%.2f\" cy=\"%.2f\" r=\"5\" fill=\"#c62828\" "
			    "stroke=\"#000000\" stroke-width=\"1.5\"/>\n", x, y);
		else
			fprintf(f, "<circle class=\"point\" cx=\"%.2f\" cy=\"%.2f\" r=\"2.5\" "
			    "fill=\"#1565c0\"/>\n", x, y);
	}
	fputs("</svg>\n", f);
}
