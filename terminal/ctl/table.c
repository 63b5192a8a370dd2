/* table.c — see table.h. */
#include "terminal/ctl/table.h"

#include <stdlib.h>
#include <string.h>

#include "shared/layout.h"
#include "shared/utf8.h"
#include "shared/util.h"

int
table_fit(char *out, size_t size, const char *s, int width, bool pad)
{
	int used;
	size_t n;

	if (size == 0)
		return 0;
	used = layout_clip(s ? s : "", width, out, size);
	if (pad) {
		n = strlen(out);
		while (used < width && n + 2 <= size) {
			out[n++] = ' ';
			used++;
		}
		out[n] = '\0';
	}
	return used;
}

void
table_put(FILE *f, const char *s, int width)
{
	size_t size = strlen(s ? s : "") + (size_t)(width > 0 ? width : 0) + 8;
	char *buf = xmalloc(size);
	table_fit(buf, size, s, width, true);
	fputs(buf, f);
	free(buf);
}

struct table {
	int ncols;
	const char *heading[TABLE_COLS_MAX];
	int max[TABLE_COLS_MAX];
	char **cells;            /* nrows * ncols, row by row */
	size_t nrows, cap;
};

struct table *
table_new(int ncols)
{
	struct table *t = xcalloc(1, sizeof *t);
	if (ncols < 1)
		ncols = 1;
	if (ncols > TABLE_COLS_MAX)
		ncols = TABLE_COLS_MAX;
	t->ncols = ncols;
	return t;
}

void
table_column(struct table *t, int col, const char *heading, int max_width)
{
	if (col < 0 || col >= t->ncols)
		return;
	t->heading[col] = heading;
	t->max[col] = max_width > 0 ? max_width : 0;
}

void
table_row(struct table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, t->cap * (size_t)t->ncols * sizeof *t->cells);
	}
	for (int c = 0; c < t->ncols; c++)
		t->cells[t->nrows * (size_t)t->ncols + (size_t)c] = xstrdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

/* Prints one line of cells, each fitted to its column's width, with no
 * spaces at its end (an empty last cell leaves none either). */
static void
put_line(FILE *f, const char *const *cells, const int *width, int ncols)
{
	size_t size = 1, len;
	char *line, *p;

	for (int c = 0; c < ncols; c++)
		size += strlen(cells[c]) + (size_t)width[c] + TABLE_GAP + 8;
	p = line = xmalloc(size);
	for (int c = 0; c < ncols; c++) {
		table_fit(p, size - (size_t)(p - line), cells[c], width[c], true);
		p += strlen(p);
		if (c + 1 < ncols)
			for (int g = 0; g < TABLE_GAP; g++)
				*p++ = ' ';
	}
	*p = '\0';
	len = strlen(line);
	while (len > 0 && line[len - 1] == ' ')
		line[--len] = '\0';
	fprintf(f, "%s\n", line);
	free(line);
}

void
table_print(const struct table *t, FILE *f)
{
	int width[TABLE_COLS_MAX];
	const char *heading[TABLE_COLS_MAX];

	for (int c = 0; c < t->ncols; c++) {
		heading[c] = t->heading[c] ? t->heading[c] : "";
		width[c] = utf8_width(heading[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			int w = utf8_width(t->cells[r * (size_t)t->ncols + (size_t)c]);
			if (w > width[c])
				width[c] = w;
		}
		if (t->max[c] > 0 && width[c] > t->max[c])
			width[c] = t->max[c];
	}
	put_line(f, heading, width, t->ncols);
	for (size_t r = 0; r < t->nrows; r++)
		put_line(f, (const char *const *)&t->cells[r * (size_t)t->ncols], width, t->ncols);
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}
