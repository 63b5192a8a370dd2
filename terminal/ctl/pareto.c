/* pareto.c — see pareto.h. */
#include "terminal/ctl/pareto.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

void
pareto_add(struct pareto *p, const char *key, const char *label)
{
	key = key ? key : "";
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->rows[i].key, key) == 0) {
			p->rows[i].count++;
			p->total++;
			return;
		}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->rows = xrealloc(p->rows, p->cap * sizeof *p->rows);
	}
	p->rows[p->n++] = (struct pareto_row){ .key = xstrdup(key), .label = xstrdup(label ? label : ""),
		.count = 1 };
	p->total++;
}

static int
by_count(const void *a, const void *b)
{
	const struct pareto_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->key, y->key);
}

void
pareto_finish(struct pareto *p)
{
	unsigned sum = 0;

	if (p->n == 0)
		return;
	qsort(p->rows, p->n, sizeof *p->rows, by_count);
	for (size_t i = 0; i < p->n; i++) {
		sum += p->rows[i].count;
		p->rows[i].percent = 100.0 * p->rows[i].count / p->total;
		/* From the counts, not by adding rounded shares: the last is 100. */
		p->rows[i].cumulative = 100.0 * sum / p->total;
	}
}

/* s right-aligned in w display columns. */
static void
put_right(FILE *f, const char *s, int w)
{
	int sw = utf8_width(s);
	if (sw < w)
		fprintf(f, "%*s", w - sw, "");
	fputs(s, f);
}

static int
max_int(int a, int b)
{
	return a > b ? a : b;
}

void
pareto_print(const struct pareto *p, FILE *f, int width, const char *key_heading)
{
	const char *h_count = _("COUNT"), *h_pct = _("SHARE"), *h_cum = _("CUMULATIVE");
	char num[32], pct[16], cum[16], *cell;
	int kw, cw, pw, uw, bw, fixed;
	size_t size;

	if (p->n == 0)
		return;
	kw = utf8_width(key_heading);
	for (size_t i = 0; i < p->n; i++) {
		char *k = str_empty(p->rows[i].label) ? xstrdup(p->rows[i].key) :
		    xasprintf("%s %s", p->rows[i].key, p->rows[i].label);
		kw = max_int(kw, utf8_width(k));
		free(k);
	}
	if (kw > PARETO_KEY_COLS)
		kw = PARETO_KEY_COLS;
	snprintf(num, sizeof num, "%u", p->rows[0].count);
	cw = max_int(utf8_width(h_count), (int)strlen(num));
	pw = max_int(utf8_width(h_pct), 6);      /* "100.0%" */
	uw = max_int(utf8_width(h_cum), 6);
	fixed = cw + pw + uw + 4 * TABLE_GAP;
	/* Room for the bars first: a narrow terminal gets narrower keys. */
	if (width - 1 - fixed - kw < PARETO_BAR_MIN)
		kw = max_int(width - 1 - fixed - PARETO_BAR_MIN, 4);
	bw = max_int(width - 1 - fixed - kw, 1);
	size = 4 * (size_t)kw + 64;
	cell = xmalloc(size);

	table_fit(cell, size, key_heading, kw, true);
	fprintf(f, "%s%*s", cell, TABLE_GAP, "");
	put_right(f, h_count, cw);
	fprintf(f, "%*s", TABLE_GAP, "");
	put_right(f, h_pct, pw);
	fprintf(f, "%*s", TABLE_GAP, "");
	put_right(f, h_cum, uw);
	fputc('\n', f);
	for (size_t i = 0; i < p->n; i++) {
		const struct pareto_row *r = &p->rows[i];
		char *k = str_empty(r->label) ? xstrdup(r->key) : xasprintf("%s %s", r->key, r->label);
		/* As long as the count is to the largest; never empty for a count. */
		int len = (int)(((unsigned long long)r->count * (unsigned)bw + p->rows[0].count / 2) /
		    p->rows[0].count);
		if (len < 1)
			len = 1;
		if (len > bw)
			len = bw;
		table_fit(cell, size, k, kw, true);
		free(k);
		snprintf(pct, sizeof pct, "%.1f%%", r->percent);
		snprintf(cum, sizeof cum, "%.1f%%", r->cumulative);
		fprintf(f, "%s%*s%*u%*s%*s%*s%*s%*s", cell, TABLE_GAP, "", cw, r->count, TABLE_GAP, "",
		    pw, pct, TABLE_GAP, "", uw, cum, TABLE_GAP, "");
		for (int b = 0; b < len; b++)
			fputc('#', f);
		fputc('\n', f);
	}
	free(cell);
}

void
pareto_json(const struct pareto *p, FILE *f)
{
	fputc('[', f);
	for (size_t i = 0; i < p->n; i++) {
		const struct pareto_row *r = &p->rows[i];
		fprintf(f, "%s{\"key\":", i ? "," : "");
		json_string(f, r->key);
		json_field(f, "label", r->label);
		fprintf(f, ",\"count\":%u,\"percent\":%.4f,\"cumulative_percent\":%.4f}", r->count,
		    r->percent, r->cumulative);
	}
	fputc(']', f);
}

void
pareto_free(struct pareto *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->rows[i].key);
		free(p->rows[i].label);
	}
	free(p->rows);
	*p = (struct pareto){ 0 };
}
