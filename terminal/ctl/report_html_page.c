/*
 * report_html_page.c — the page of the HTML report: one HTML5 document,
 * its CSS in a <style>, its charts inline SVG (html_svg.h), no script and
 * nothing fetched from anywhere (no font, image, stylesheet or link out),
 * laid out to print on A4 with no chart split over two pages.
 *
 * Every word of the page goes through _() in the language the command
 * chose; every text that came from the plant (station, defect and
 * characteristic names, defect texts, the plant's name) and every
 * translation goes out through html_text, escaped.
 */
#include "terminal/ctl/coq.h"
#include "terminal/ctl/html_svg.h"
#include "terminal/ctl/report_html.h"
#include "shared/quality/coq_money.h"
#include "shared/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The Pareto charts show the largest this many, the rest in one bar. */
#define PARETO_BARS 20

/* The colours of the four categories, in the order of the ledger. */
static const char *const paf_colours[4] = { "#2e7d32", "#1565c0", "#ef6c00", "#c62828" };

static const char css[] =
    "body{font-family:sans-serif;color:#222;margin:16px auto;max-width:760px;font-size:13px}"
    "h1{font-size:20px;margin:0 0 6px}"
    "h2{font-size:16px;border-bottom:2px solid #888;padding-bottom:2px;margin:22px 0 8px}"
    "table{border-collapse:collapse;margin:6px 0}"
    "th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "table.meta th{background:#f2f2f2}"
    "tr.total td{font-weight:bold}"
    "svg.chart{max-width:100%;height:auto;display:block}"
    "figure{margin:8px 0 14px;break-inside:avoid;page-break-inside:avoid}"
    "figcaption{font-size:12px;color:#444}"
    ".nodata{font-style:italic;color:#555;padding:6px 0}"
    ".swatch{display:inline-block;width:10px;height:10px;margin-right:6px}"
    "footer{margin-top:24px;font-size:11px;color:#555}"
    "@page{size:A4;margin:12mm}"
    "@media print{body{margin:0;max-width:none}h2{break-after:avoid;page-break-after:avoid}}";

static void
h(FILE *f, const char *s)
{
	html_text(f, s);
}

/* A translated format with its arguments, escaped as a whole. */
static void __attribute__((format(printf, 2, 3)))
hf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char small[512], *s = small;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof small) {
		s = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	html_text(f, s);
	if (s != small)
		free(s);
}

static void
nodata(FILE *f, const char *why)
{
	fputs("<p class=\"nodata\">", f);
	h(f, why);
	fputs("</p>\n", f);
}

static double
major(int64_t minor)
{
	return (double)minor / 100.0;
}

static double
ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

/* ---- header ---- */

static void
header(FILE *f, const struct report_data *d, const struct report_meta *m)
{
	const Yoke__CoqReport *r = d->coq->coq;
	static const char *const periods[] = { N_("per day"), N_("per week (ISO)"), N_("per month") };

	fputs("<header>\n<h1>", f);
	h(f, _("Quality report"));
	fputs("</h1>\n<table class=\"meta\">\n<tr><th>", f);
	h(f, _("Plant"));
	fputs("</th><td>", f);
	h(f, m->plant);
	fputs("</td></tr>\n<tr><th>", f);
	h(f, _("Period"));
	fputs("</th><td>", f);
	hf(f, _("%s to %s (UTC), %s"), d->from, d->to, _(periods[d->period]));
	fputs("</td></tr>\n<tr><th>", f);
	h(f, _("Generated"));
	fputs("</th><td>", f);
	h(f, m->generated);
	fputs("</td></tr>\n<tr><th>", f);
	h(f, _("Rates version"));
	fputs("</th><td>", f);
	if (r->n_rates == 0)
		h(f, _("none: nothing was costed in the period"));
	for (size_t i = 0; i < r->n_rates; i++) {
		if (i)
			fputs(", ", f);
		h(f, r->rates[i]);
	}
	fputs("</td></tr>\n<tr><th>", f);
	h(f, _("Currency"));
	fputs("</th><td>", f);
	h(f, str_empty(r->currency) ? "-" : r->currency);
	fputs("</td></tr>\n</table>\n</header>\n", f);
}

/* ---- the cost of quality by category ---- */

static void
money_cell(FILE *f, int64_t v)
{
	char buf[32];
	fputs("<td class=\"n\">", f);
	h(f, coq_money_text(v, buf, sizeof buf));
	fputs("</td>", f);
}

static void
share_cell(FILE *f, int64_t v, int64_t of)
{
	fputs("<td class=\"n\">", f);
	if (of > 0)
		fprintf(f, "%.1f %%", 100.0 * (double)v / (double)of);
	else
		fputs("-", f);
	fputs("</td>", f);
}

static void
categories(FILE *f, const struct report_data *d)
{
	const Yoke__CoqReport *r = d->coq->coq;
	const Yoke__CoqRow *t = r->total;
	const char *names[4] = { _("Prevention"), _("Appraisal"), _("Internal failure"),
		_("External failure") };
	const int64_t v[4] = { t->prevention, t->appraisal, t->internal_failure, t->external_failure };
	char buf[32];

	fputs("<section id=\"categories\">\n<h2>", f);
	h(f, _("Cost of quality by category"));
	fputs("</h2>\n<table>\n<tr><th>", f);
	h(f, _("Category"));
	fputs("</th><th class=\"n\">", f);
	hf(f, _("Amount (%s)"), str_empty(r->currency) ? "-" : r->currency);
	fputs("</th><th class=\"n\">", f);
	h(f, _("Share of production value"));
	fputs("</th></tr>\n", f);
	for (int i = 0; i < 4; i++) {
		fprintf(f, "<tr><td><span class=\"swatch\" style=\"background:%s\"></span>",
		    paf_colours[i]);
		h(f, names[i]);
		fputs("</td>", f);
		money_cell(f, v[i]);
		share_cell(f, v[i], t->production_value);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"total\"><td>", f);
	h(f, _("Cost of quality"));
	fputs("</td>", f);
	money_cell(f, ctl_coq_row_total(t));
	share_cell(f, ctl_coq_row_total(t), t->production_value);
	fputs("</tr>\n</table>\n<p>", f);
	hf(f, _("Production value %s: %u good units completed times the product's standard cost. "
	    "%u units started, %u reworked or repaired (%.1f %%), %u scrapped; first-pass yield "
	    "%.1f %% (%u of %u completed without an NCR)."),
	    coq_money_text(t->production_value, buf, sizeof buf), t->completed, t->started,
	    t->reworked, 100 * ratio(t->reworked, t->started), t->scrapped,
	    100 * ratio(t->first_pass, t->completed), t->first_pass, t->completed);
	fputs("</p>\n", f);
	if (r->truncated)
		nodata(f, _("More groups than one answer holds: the totals count them all."));
	fputs("</section>\n", f);
}

/* ---- the trend per period ---- */

static void
trend(FILE *f, const struct report_data *d)
{
	const Yoke__CoqReport *r = d->coq->coq;
	size_t n = r->n_periods;
	const char *series[4] = { _("Prevention"), _("Appraisal"), _("Internal failure"),
		_("External failure") };

	fputs("<section id=\"trend\">\n<h2>", f);
	h(f, _("Cost of quality per period"));
	fputs("</h2>\n", f);
	if (n == 0) {
		nodata(f, _("No cost of quality and no units in the period."));
		fputs("</section>\n", f);
		return;
	}
	const char **groups = xcalloc(n, sizeof *groups);
	double *v = xcalloc(n * 4, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		const Yoke__CoqRow *p = r->periods[i];
		groups[i] = p->key;
		v[i * 4 + 0] = major(p->prevention);
		v[i * 4 + 1] = major(p->appraisal);
		v[i * 4 + 2] = major(p->internal_failure);
		v[i * 4 + 3] = major(p->external_failure);
	}
	char *title = xasprintf(_("Cost of quality per period, by category (%s)"),
	    str_empty(r->currency) ? "-" : r->currency);
	struct svg_stacked c = { .title = title, .unit = r->currency, .n_groups = n, .n_series = 4,
		.groups = groups, .series = series, .colours = paf_colours, .values = v };
	fputs("<figure>\n", f);
	svg_stacked_bars(f, &c);
	fputs("</figure>\n<table>\n<tr><th>", f);
	h(f, _("Period"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("Cost of quality"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("Started"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("Rework rate"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("Completed"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("First-pass yield"));
	fputs("</th></tr>\n", f);
	for (size_t i = 0; i < n; i++) {
		const Yoke__CoqRow *p = r->periods[i];
		fputs("<tr><td>", f);
		h(f, p->key);
		fputs("</td>", f);
		money_cell(f, ctl_coq_row_total(p));
		fprintf(f, "<td class=\"n\">%u</td><td class=\"n\">%.1f %%</td><td class=\"n\">%u</td>",
		    p->started, 100 * ratio(p->reworked, p->started), p->completed);
		if (p->completed)
			fprintf(f, "<td class=\"n\">%.1f %%</td></tr>\n",
			    100 * ratio(p->first_pass, p->completed));
		else
			fputs("<td class=\"n\">-</td></tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
	free(title);
	free(v);
	free(groups);
}

/* ---- the Paretos ---- */

/* labels/values of rows 0..n-1 cut to PARETO_BARS, the rest added up as "others". */
static size_t
pareto_cut(size_t n, const char **labels, double *values)
{
	if (n <= PARETO_BARS)
		return n;
	for (size_t i = PARETO_BARS; i < n; i++)
		values[PARETO_BARS - 1] += values[i];
	labels[PARETO_BARS - 1] = _("others");
	return PARETO_BARS;
}

static void
paretos(FILE *f, const struct report_data *d)
{
	const Yoke__CoqReport *r = d->coq->coq;
	size_t n = 0;

	fputs("<section id=\"pareto\">\n<h2>", f);
	h(f, _("Defect Pareto by cost"));
	fputs("</h2>\n", f);
	for (size_t i = 0; i < r->n_pareto; i++)
		if (r->pareto[i]->amount > 0)
			n++;
	if (n == 0) {
		nodata(f, _("No failure cost in the period."));
	} else {
		const char **labels = xcalloc(n, sizeof *labels);
		double *v = xcalloc(n, sizeof *v);
		size_t k = 0;
		for (size_t i = 0; i < r->n_pareto && k < n; i++) {
			if (r->pareto[i]->amount <= 0)
				continue;
			labels[k] = str_empty(r->pareto[i]->defect) ? _("no defect named") :
			    r->pareto[i]->defect;
			v[k++] = major(r->pareto[i]->amount);
		}
		char *title = xasprintf(_("Failure cost by defect (%s), and its cumulative share"),
		    str_empty(r->currency) ? "-" : r->currency);
		struct svg_pareto c = { .title = title, .unit = r->currency, .colour = "#c62828",
			.n = pareto_cut(n, labels, v), .labels = labels, .values = v };
		fputs("<figure>\n", f);
		svg_pareto_chart(f, &c);
		fputs("<figcaption>", f);
		h(f, _("Internal and external failure cost that names a defect code; returns and "
		    "claims often name none."));
		fputs("</figcaption>\n</figure>\n", f);
		free(title);
		free(v);
		free(labels);
	}
	fputs("<h2>", f);
	h(f, _("Defect Pareto by count"));
	fputs("</h2>\n", f);
	if (d->ncr.n == 0) {
		nodata(f, _("No NCR was opened in the period."));
	} else {
		const char **labels = xcalloc(d->ncr.n, sizeof *labels);
		double *v = xcalloc(d->ncr.n, sizeof *v);
		for (size_t i = 0; i < d->ncr.n; i++) {
			labels[i] = d->ncr.rows[i].key;
			v[i] = d->ncr.rows[i].count;
		}
		struct svg_pareto c = { .title = _("NCRs opened in the period, by defect code"),
			.unit = _("NCRs"), .colour = "#1565c0", .n = pareto_cut(d->ncr.n, labels, v),
			.labels = labels, .values = v };
		fputs("<figure>\n", f);
		svg_pareto_chart(f, &c);
		fputs("</figure>\n<table>\n<tr><th>", f);
		h(f, _("Defect"));
		fputs("</th><th>", f);
		h(f, _("Text"));
		fputs("</th><th class=\"n\">", f);
		h(f, _("NCRs"));
		fputs("</th><th class=\"n\">", f);
		h(f, _("Cumulative"));
		fputs("</th></tr>\n", f);
		for (size_t i = 0; i < d->ncr.n; i++) {
			const struct pareto_row *x = &d->ncr.rows[i];
			fputs("<tr><td>", f);
			h(f, x->key);
			fputs("</td><td>", f);
			h(f, x->label);
			fprintf(f, "</td><td class=\"n\">%u</td><td class=\"n\">%.1f %%</td></tr>\n",
			    x->count, x->cumulative);
		}
		fputs("</table>\n", f);
		if (d->ncr_partial)
			nodata(f, _("The server lists at most the newest 5000 NCRs: older NCRs of the "
			    "period are not counted."));
		free(v);
		free(labels);
	}
	fputs("</section>\n", f);
}

/* ---- first-pass yield per station ---- */

static void
fpy(FILE *f, const struct report_data *d)
{
	const Yoke__CoqReport *r = d->coq->coq;
	size_t n = 0;

	fputs("<section id=\"fpy\">\n<h2>", f);
	h(f, _("First-pass yield per station"));
	fputs("</h2>\n", f);
	for (size_t i = 0; i < r->n_stations; i++)
		if (r->stations[i]->op_starts > 0)
			n++;
	if (n == 0) {
		nodata(f, _("No operation was started in the period."));
		fputs("</section>\n", f);
		return;
	}
	const char **labels = xcalloc(n, sizeof *labels);
	double *v = xcalloc(n, sizeof *v);
	char **texts = xcalloc(n, sizeof *texts);
	size_t k = 0;
	for (size_t i = 0; i < r->n_stations && k < n; i++) {
		const Yoke__CoqRow *s = r->stations[i];
		if (s->op_starts == 0)
			continue;
		double y = 1.0 - ratio(s->failures, s->op_starts);
		labels[k] = s->key;
		v[k] = y < 0 ? 0 : y;
		texts[k] = xasprintf("%.1f %%", 100 * v[k]);
		k++;
	}
	struct svg_value_bars c = { .title = _("First-pass yield per station"), .colour = "#2e7d32",
		.max = 1.0, .n = n, .labels = labels, .values = v,
		.texts = (const char *const *)texts };
	fputs("<figure>\n", f);
	svg_value_bars(f, &c);
	fputs("<figcaption>", f);
	h(f, _("Operations started at the station without a failed step, of all operations "
	    "started there (the axis runs from 0 to 1)."));
	fputs("</figcaption>\n</figure>\n<table>\n<tr><th>", f);
	h(f, _("Station"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("Operations started"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("Failed steps"));
	fputs("</th><th class=\"n\">", f);
	h(f, _("First-pass yield"));
	fputs("</th></tr>\n", f);
	k = 0;
	for (size_t i = 0; i < r->n_stations; i++) {
		const Yoke__CoqRow *s = r->stations[i];
		if (s->op_starts == 0)
			continue;
		fputs("<tr><td>", f);
		h(f, s->key);
		fprintf(f, "</td><td class=\"n\">%u</td><td class=\"n\">%u</td><td class=\"n\">",
		    s->op_starts, s->failures);
		h(f, texts[k++]);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(v);
	free(labels);
}

/* ---- SPC ---- */

static void
spc_one(FILE *f, const struct report_spc *s)
{
	char *title = xasprintf(_("%s at station %s"), s->characteristic, s->station);
	struct svg_control c = { .title = title, .unit = s->unit, .n = s->n, .values = s->values,
		.out = s->out, .has_cl = s->has_limits, .has_ucl = s->has_limits,
		.has_lcl = s->has_limits, .cl = s->cl, .ucl = s->ucl, .lcl = s->lcl,
		.has_lsl = s->has_lsl, .lsl = s->lsl, .has_usl = s->has_usl, .usl = s->usl };

	fputs("<figure class=\"spc\">\n", f);
	svg_control_chart(f, &c);
	fputs("<figcaption>", f);
	if (s->xbar)
		hf(f, P_("%zu subgroup mean (subgroups of %d)", "%zu subgroup means (subgroups of %d)",
		    s->n), s->n, s->subgroup);
	else
		hf(f, P_("%zu individual value", "%zu individual values", s->n), s->n);
	fputs("; ", f);
	hf(f, P_("%zu point out of control (marked red)", "%zu points out of control (marked red)",
	    s->n_out), s->n_out);
	fputs("; ", f);
	h(f, s->in_force ? _("control limits in force at the station") : s->has_limits ?
	    _("control limits computed from these points (none in force)") :
	    _("no control limits: too few points"));
	if (s->cut) {
		fputs("; ", f);
		hf(f, _("the newest %d of %u points since the period's start"), REPORT_SPC_POINTS,
		    s->matched);
	}
	fputs(".</figcaption>\n</figure>\n", f);
	free(title);
}

static void
spc(FILE *f, const struct report_data *d)
{
	fputs("<section id=\"spc\">\n<h2>", f);
	h(f, _("SPC charts"));
	fputs("</h2>\n", f);
	if (d->n_spc == 0)
		nodata(f, _("No characteristic was measured in the period."));
	for (size_t i = 0; i < d->n_spc; i++)
		spc_one(f, &d->spc[i]);
	if (d->n_skipped) {
		fputs("<p class=\"nodata\">", f);
		hf(f, _("Not charted (at most %d characteristics a report):"), REPORT_SPC_MAX);
		for (size_t i = 0; i < d->n_skipped; i++) {
			fputs(" ", f);
			h(f, d->skipped[i]);
		}
		fputs("</p>\n", f);
	}
	if (d->spc_list_truncated)
		nodata(f, _("The plant has more characteristics than one answer lists."));
	fputs("</section>\n", f);
}

bool
report_write_page(FILE *f, const struct report_data *d, const struct report_meta *m)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	    m->lang);
	hf(f, _("Quality report %s to %s"), d->from, d->to);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
	header(f, d, m);
	if (report_empty(d))
		nodata(f, _("No data for this period: no cost was posted, no unit was started, no NCR "
		    "was opened and no characteristic was measured."));
	categories(f, d);
	trend(f, d);
	paretos(f, d);
	fpy(f, d);
	spc(f, d);
	fputs("<footer>", f);
	h(f, _("Made by yokectl from the server's ledger and event log. Amounts at the rates "
	    "version in force at each event; days are UTC days."));
	fputs("</footer>\n</body>\n</html>\n", f);
	return !ferror(f);
}
