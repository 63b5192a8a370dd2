/*
 * spc_chart.c — text rendering of a control chart (see spc_chart.h).
 *
 * The plot is a grid of rows × columns. Each point gets `step` columns
 * (1–3, as room allows); a column's limits and centre line are those of
 * its point, so varying p/u limits show as steps. Values map to rows
 * linearly between the smallest and largest of points and limits.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shared/quality/spc_chart.h"
#include "shared/i18n.h"
#include "shared/util.h"

#define LABEL 14        /* "UCL  55.8041 |" */

struct frame {
	double lo, hi;
	int rows, cols, first, step;
};

static int
row_of(const struct frame *fr, double v)
{
	double t = (fr->hi - v) / (fr->hi - fr->lo) * (fr->rows - 1);
	int r = (int)lround(t);
	return r < 0 ? 0 : r >= fr->rows ? fr->rows - 1 : r;
}

static void
scale(const struct spc_chart *c, struct frame *fr)
{
	double lo = INFINITY, hi = -INFINITY, pad;

	for (int i = fr->first; i < c->npoints; i++) {
		lo = fmin(lo, fmin(c->point[i], c->lcl[i]));
		hi = fmax(hi, fmax(c->point[i], c->ucl[i]));
	}
	if (!(hi > lo)) {
		lo -= 1;
		hi += 1;
	}
	pad = (hi - lo) * 0.04;
	fr->lo = lo - pad;
	fr->hi = hi + pad;
}

static bool
violated(const struct spc_violation *v, int nv, int i)
{
	for (int k = 0; k < nv; k++)
		if (v[k].index == i)
			return true;
	return false;
}

static void
fill(const struct spc_chart *c, const struct frame *fr, char *g, const struct spc_violation *v,
    int nv)
{
	for (int x = 0; x < fr->cols; x++) {
		int i = fr->first + x / fr->step;
		if (i >= c->npoints)
			break;
		g[row_of(fr, c->ucl[i]) * fr->cols + x] = '-';
		g[row_of(fr, c->lcl[i]) * fr->cols + x] = '-';
		g[row_of(fr, c->cl) * fr->cols + x] = '.';
	}
	for (int i = fr->first; i < c->npoints; i++) {
		int x = (i - fr->first) * fr->step;
		g[row_of(fr, c->point[i]) * fr->cols + x] = violated(v, nv, i) ? 'X' : 'o';
	}
}

static void
label(const struct spc_chart *c, const struct frame *fr, int r, char *buf, size_t size)
{
	int last = c->npoints - 1;

	if (r == row_of(fr, c->ucl[last]))
		snprintf(buf, size, "UCL %8.4g |", c->ucl[last]);
	else if (r == row_of(fr, c->cl))
		snprintf(buf, size, "CL  %8.4g |", c->cl);
	else if (r == row_of(fr, c->lcl[last]))
		snprintf(buf, size, "LCL %8.4g |", c->lcl[last]);
	else
		snprintf(buf, size, "%*s|", LABEL - 1, "");
}

static void
axis(FILE *f, const struct frame *fr, int npoints)
{
	char line[512];
	int n = fr->cols < (int)sizeof line - 1 ? fr->cols : (int)sizeof line - 1;

	memset(line, '-', (size_t)n);
	line[n] = '\0';
	fprintf(f, "%*s+%s\n", LABEL - 1, "", line);
	memset(line, ' ', (size_t)n);
	for (int i = fr->first; i < npoints; i++) {
		int x = (i - fr->first) * fr->step;
		char num[16];
		int k = snprintf(num, sizeof num, "%d", i + 1);
		if ((i + 1) % 10 == 0 || i == fr->first) {
			if (x + k <= n)
				memcpy(line + x, num, (size_t)k);
		}
	}
	while (n > 0 && line[n - 1] == ' ')
		n--;
	fprintf(f, "%*s %.*s\n", LABEL - 1, "", n, line);
}

void
spc_chart_render(FILE *f, const struct spc_chart *c, const struct spc_violation *v, int nv,
    int width, int height)
{
	struct frame fr;
	char *grid, lab[64];

	if (c->npoints < 1) {
		fprintf(f, "%s\n", _("(no points)"));
		return;
	}
	fr.rows = height < 5 ? 5 : height;
	fr.cols = (width < 40 ? 40 : width) - LABEL;
	fr.step = fr.cols / c->npoints;
	fr.step = fr.step < 1 ? 1 : fr.step > 3 ? 3 : fr.step;
	fr.first = c->npoints > fr.cols ? c->npoints - fr.cols : 0;
	scale(c, &fr);
	grid = xmalloc((size_t)fr.rows * (size_t)fr.cols);
	memset(grid, ' ', (size_t)fr.rows * (size_t)fr.cols);
	fill(c, &fr, grid, v, nv);
	fprintf(f, fr.first ? _("%s chart, %d points (latest shown): o point, X broken rule, "
	    "- limit, . CL\n") : _("%s chart, %d points: o point, X broken rule, - limit, . CL\n"),
	    spc_chart_type_name(c->type), c->npoints);
	for (int r = 0; r < fr.rows; r++) {
		int end = fr.cols;
		label(c, &fr, r, lab, sizeof lab);
		while (end > 0 && grid[r * fr.cols + end - 1] == ' ')
			end--;
		fprintf(f, "%s%.*s\n", lab, end, grid + r * fr.cols);
	}
	axis(f, &fr, c->npoints);
	free(grid);
}

char *
spc_chart_render_string(const struct spc_chart *c, const struct spc_violation *v, int nv,
    int width, int height)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return xstrdup("");
	spc_chart_render(f, c, v, nv, width, height);
	fclose(f);
	return buf;
}
