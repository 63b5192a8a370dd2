/*
 * sim_report.c — the simulator's result: a table in 80 columns for a plant
 * manager, in the language of the thread (English or zh_CN, through the
 * catalogues: po/zh_CN/sim.po), or one JSON object (sim.h).
 *
 * Columns are counted in display columns (shared/utf8.h: a Chinese
 * character takes two), so the table stays aligned in both languages; the
 * sentences under it are wrapped at the same width (shared/layout.h).
 */
#include "tests/lib/sim.h"
#include "shared/i18n.h"
#include "shared/layout.h"
#include "shared/utf8.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define WIDTH 80                 /* the widest line printed */
#define FAULT_W 20               /* the fault column */
#define COUNT_W 8                /* a count column */
#define LABEL_W 28               /* the label column of the lower tables */
#define MONEY_W 13               /* a money column */

/* Short, to fit FAULT_W columns in both languages. */
static const char *const fault_name[SIM_FAULTS] = {
	N_("wrong part picked"), N_("inspection skipped"), N_("typo in a value"),
	N_("drift out of spec"), N_("bad supplier lot"), N_("expired lot"),
	N_("uncalibrated gauge"),
};
static const char *const fault_key[SIM_FAULTS] = {
	"wrong_part", "skipped_inspection", "typo", "drift", "bad_lot", "expired_lot", "gauge",
};
static const char *const category[4] = { N_("prevention"), N_("appraisal"),
	N_("internal failure"), N_("external failure") };
static const char *const category_key[4] = { "prevention", "appraisal", "internal_failure",
	"external_failure" };

static void
money_text(char *buf, size_t size, int64_t minor)
{
	snprintf(buf, size, "%s%" PRId64 ".%02" PRId64, minor < 0 ? "-" : "",
	    (minor < 0 ? -minor : minor) / 100, (minor < 0 ? -minor : minor) % 100);
}

static void
money(FILE *f, int64_t minor)
{
	char buf[32];
	money_text(buf, sizeof buf, minor);
	fputs(buf, f);
}

/* s in a cell of `width` display columns, left or right aligned; a text
 * wider than its cell is cut with "…". */
static void
cell(FILE *f, const char *s, int width, bool right)
{
	char fit[256];
	int w = layout_clip(s, width, fit, sizeof fit);
	if (right)
		fprintf(f, "%*s%s", width - w, "", fit);
	else
		fprintf(f, "%s%*s", fit, width - w, "");
}

static void
count_cell(FILE *f, unsigned n, int width)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%u", n);
	cell(f, buf, width, true);
}

static void
money_cell(FILE *f, int64_t minor, int width)
{
	char buf[32];
	money_text(buf, sizeof buf, minor);
	cell(f, buf, width, true);
}

/* A sentence, wrapped at WIDTH columns. */
static void __attribute__((format(printf, 2, 3)))
say(FILE *f, const char *fmt, ...)
{
	char text[1200];
	struct utf8_line lines[24];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	size_t n = layout_wrap(text, WIDTH, lines, sizeof lines / sizeof lines[0]);
	if (n > sizeof lines / sizeof lines[0])
		n = sizeof lines / sizeof lines[0];
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%.*s\n", (int)lines[i].len, text + lines[i].off);
}

static void
faults(FILE *f, const struct sim_result *w, const struct sim_result *o)
{
	/* Two groups: 4 columns with yoke, 3 without, 3 spaces between. */
	cell(f, "", FAULT_W, false);
	cell(f, _("WITH YOKE"), 4 * COUNT_W, true);
	fputs("   ", f);
	cell(f, _("WITHOUT PREVENTION"), 3 * COUNT_W, true);
	fputc('\n', f);
	cell(f, _("fault"), FAULT_W, false);
	cell(f, _("made"), COUNT_W, true);
	cell(f, _("refused"), COUNT_W, true);
	cell(f, _("final"), COUNT_W, true);
	cell(f, _("escaped"), COUNT_W, true);
	fputs("   ", f);
	cell(f, _("made"), COUNT_W, true);
	cell(f, _("final"), COUNT_W, true);
	cell(f, _("escaped"), COUNT_W, true);
	fputc('\n', f);
	for (int i = 0; i < SIM_FAULTS; i++) {
		cell(f, _(fault_name[i]), FAULT_W, false);
		count_cell(f, w->made[i], COUNT_W);
		count_cell(f, w->stopped[i], COUNT_W);
		count_cell(f, w->caught[i], COUNT_W);
		count_cell(f, w->escaped[i], COUNT_W);
		fputs("   ", f);
		count_cell(f, o->made[i], COUNT_W);
		count_cell(f, o->caught[i], COUNT_W);
		count_cell(f, o->escaped[i], COUNT_W);
		fputc('\n', f);
	}
	say(f, _("refused: stopped at the station by yoke's rules, or the lot rejected at the "
	    "dock; final: caught at final inspection; escaped: reached the customer (a typo: "
	    "the wrong value stayed on the unit's record)."));
}

static void
units(FILE *f, const struct sim_result *w, const struct sim_result *o)
{
	const struct { const char *label; unsigned with, without; } row[] = {
		{ _("units reworked"), w->reworked, o->reworked },
		{ _("units scrapped"), w->scrapped, o->scrapped },
		{ _("units escaped (claims)"), w->escapes, o->escapes },
		{ _("fixture changes"), w->tool_changes, o->tool_changes },
		{ _("lots inspected at the dock"), w->iqc_lots, o->iqc_lots },
	};
	cell(f, "", LABEL_W, false);
	cell(f, _("with yoke"), MONEY_W, true);
	cell(f, _("without"), MONEY_W, true);
	fputc('\n', f);
	for (size_t i = 0; i < sizeof row / sizeof row[0]; i++) {
		cell(f, row[i].label, LABEL_W, false);
		count_cell(f, row[i].with, MONEY_W);
		count_cell(f, row[i].without, MONEY_W);
		fputc('\n', f);
	}
}

static void
cost(FILE *f, const struct sim_config *c, const struct sim_result *w,
    const struct sim_result *o)
{
	if (w->ledger)
		say(f, _("Cost of quality (%s), one cost table for both runs; yoke's ledger beside"),
		    w->currency);
	else
		say(f, _("Cost of quality (%s), one cost table for both runs"), w->currency);
	cell(f, "", LABEL_W, false);
	cell(f, _("with yoke"), MONEY_W, true);
	cell(f, _("without"), MONEY_W, true);
	if (w->ledger)
		cell(f, _("ledger"), MONEY_W, true);
	fputc('\n', f);
	for (int i = 0; i < 4; i++) {
		cell(f, _(category[i]), LABEL_W, false);
		money_cell(f, w->cost[i], MONEY_W);
		money_cell(f, o->cost[i], MONEY_W);
		if (w->ledger)
			money_cell(f, w->ledger_cost[i], MONEY_W);
		fputc('\n', f);
	}
	cell(f, _("total"), LABEL_W, false);
	money_cell(f, w->total, MONEY_W);
	money_cell(f, o->total, MONEY_W);
	if (w->ledger)
		money_cell(f, w->ledger_total, MONEY_W);
	fputc('\n', f);
	cell(f, _("per unit started"), LABEL_W, false);
	money_cell(f, c->units ? w->total / c->units : 0, MONEY_W);
	money_cell(f, c->units ? o->total / c->units : 0, MONEY_W);
	if (w->ledger)
		money_cell(f, c->units ? w->ledger_total / c->units : 0, MONEY_W);
	fputc('\n', f);
}

static void
outcome(FILE *f, const struct sim_result *w, const struct sim_result *o)
{
	char saving[32];
	money_text(saving, sizeof saving, o->total - w->total);
	if (o->total > 0 && w->total > 0)
		say(f, _("Saving: %s %s, %.1f%% of the cost without prevention (it is %.2f times "
		    "the cost with yoke)."), saving, w->currency,
		    100.0 * (double)(o->total - w->total) / (double)o->total,
		    (double)o->total / (double)w->total);
	if (w->drift_warned_at)
		say(f, P_("Drift: the warning came at unit %u, %u unit before the worn fixture would "
		    "have made its first unit out of spec (unit %u).", "Drift: the warning came at unit "
		    "%u, %u units before the worn fixture would have made its first unit out of spec "
		    "(unit %u).", w->first_out_of_spec - w->drift_warned_at), w->drift_warned_at,
		    w->first_out_of_spec - w->drift_warned_at, w->first_out_of_spec);
	else
		say(f, _("Drift: no warning came in this run."));
	if (o->first_out_of_spec)
		say(f, _("Without prevention the first unit out of spec was unit %u."),
		    o->first_out_of_spec);
	if (w->false_warnings)
		say(f, P_("False drift warnings: %u, raised by a mistyped value.",
		    "False drift warnings: %u, raised by mistyped values.", w->false_warnings),
		    w->false_warnings);
}

static void
assumptions(FILE *f, const struct sim_config *c, const struct sim_result *w)
{
	char claim[32];
	money_text(claim, sizeof claim, c->claim_cost);
	say(f, _("Assumptions"));
	say(f, _("- Faults per unit: wrong part %.1f%%, skipped inspection %.1f%%, typo %.1f%% "
	    "(%.0f%% of them digit slips, the others x10), expired lot %.1f%%, uncalibrated "
	    "gauge %.1f%%."), 100 * c->p_wrong_part, 100 * c->p_skip, 100 * c->p_typo,
	    100 * c->p_slip, 100 * c->p_expired, 100 * c->p_gauge);
	say(f, _("- The bad supplier lot: %.0f%% of units take a part of it, %.1f%% of its parts "
	    "are defective."), 100 * c->bad_lot_share, 100 * c->bad_lot_defect_rate);
	if (w->iqc_sample)
		say(f, _("- Lots of %u parts, inspected at the dock (ISO 2859-1 level II, AQL 1.0): the "
		    "bad lot's sample of %u showed %u defective (Ac %u, Re %u): %s."),
		    c->lot_size > c->units ? c->lot_size : c->units, w->iqc_sample, w->iqc_found,
		    w->iqc_ac, w->iqc_re, w->bad_lot_rejected ? _("rejected, replaced by a good lot") :
		    _("accepted, it went to the line"));
	say(f, _("- The fixture wears %.2f mV a unit, noise +-%.1f mV, USL 50 mV; with yoke it is "
	    "changed at the drift warning, without prevention every %u units."), c->wear_per_unit,
	    c->noise, c->tool_life);
	say(f, _("- Without a check at the station: a skipped inspection hides a solder defect in "
	    "%.0f%%, an expired lot makes a defect in %.0f%%, an uncalibrated gauge in %.0f%%, "
	    "a typo rejects a good unit in %.0f%%."), 100 * c->p_skip_defect,
	    100 * c->p_expired_defect, 100 * c->p_gauge_defect, 100 * c->p_typo_reject);
	say(f, _("- Final inspection finds %.0f%% of the defects that reach it; a defect that "
	    "escapes comes back as a claim of %s %s."), 100 * c->p_final, claim, w->currency);
	say(f, _("- Costs: the plant's coq statements in %s/rates.def, for both runs."), c->plant);
}

void
sim_print(FILE *f, const struct sim_config *c, const struct sim_result *w,
    const struct sim_result *o)
{
	say(f, _("Plant simulation: %u units of SIM-1, seed %llu (docs/simulator.md)"), c->units,
	    (unsigned long long)c->seed);
	fputc('\n', f);
	faults(f, w, o);
	fputc('\n', f);
	units(f, w, o);
	fputc('\n', f);
	cost(f, c, w, o);
	fputc('\n', f);
	outcome(f, w, o);
	fputc('\n', f);
	assumptions(f, c, w);
}

static void
counts(FILE *f, const char *name, const unsigned *a)
{
	fprintf(f, "\"%s\":{", name);
	for (int i = 0; i < SIM_FAULTS; i++)
		fprintf(f, "%s\"%s\":%u", i ? "," : "", fault_key[i], a[i]);
	fputc('}', f);
}

static void
run_json(FILE *f, const struct sim_result *r)
{
	fputc('{', f);
	counts(f, "made", r->made);
	fputc(',', f);
	counts(f, "stopped", r->stopped);
	fputc(',', f);
	counts(f, "caught_at_final", r->caught);
	fputc(',', f);
	counts(f, "escaped", r->escaped);
	fprintf(f, ",\"units\":%u,\"good\":%u,\"reworked\":%u,\"scrapped\":%u,\"escapes\":%u,"
	    "\"tool_changes\":%u,\"lots_inspected\":%u,\"typos_x10\":%u,\"typos_slip\":%u,"
	    "\"coq\":{", r->units, r->good, r->reworked, r->scrapped, r->escapes, r->tool_changes,
	    r->iqc_lots, r->typo_x10, r->typo_slip);
	for (int i = 0; i < 4; i++) {
		fprintf(f, "%s\"%s\":", i ? "," : "", category_key[i]);
		money(f, r->cost[i]);
	}
	fprintf(f, ",\"total\":");
	money(f, r->total);
	fputc('}', f);
	if (r->ledger) {
		fprintf(f, ",\"ledger\":{");
		for (int i = 0; i < 4; i++) {
			fprintf(f, "%s\"%s\":", i ? "," : "", category_key[i]);
			money(f, r->ledger_cost[i]);
		}
		fprintf(f, ",\"total\":");
		money(f, r->ledger_total);
		fputc('}', f);
	}
	if (r->iqc_sample)
		fprintf(f, ",\"bad_lot_inspection\":{\"sample\":%u,\"ac\":%u,\"re\":%u,"
		    "\"defectives\":%u,\"rejected\":%s}", r->iqc_sample, r->iqc_ac, r->iqc_re,
		    r->iqc_found, r->bad_lot_rejected ? "true" : "false");
	if (r->drift_warned_at)
		fprintf(f, ",\"drift_warned_at\":%u", r->drift_warned_at);
	if (r->first_out_of_spec)
		fprintf(f, ",\"first_out_of_spec\":%u", r->first_out_of_spec);
	if (r->drift_warned_at && r->first_out_of_spec > r->drift_warned_at)
		fprintf(f, ",\"drift_lead_units\":%u", r->first_out_of_spec - r->drift_warned_at);
	fprintf(f, ",\"false_drift_warnings\":%u", r->false_warnings);
	fputc('}', f);
}

void
sim_print_json(FILE *f, const struct sim_config *c, const struct sim_result *w,
    const struct sim_result *o)
{
	fprintf(f, "{\"units\":%u,\"seed\":%" PRIu64 ",\"currency\":\"%s\",\"assumptions\":{"
	    "\"p_wrong_part\":%g,\"p_skip\":%g,\"p_skip_defect\":%g,\"p_typo\":%g,"
	    "\"p_typo_reject\":%g,\"p_slip\":%g,\"p_expired\":%g,\"p_expired_defect\":%g,\"p_gauge\":%g,"
	    "\"p_gauge_defect\":%g,\"bad_lot_share\":%g,\"bad_lot_defect_rate\":%g,"
	    "\"lot_size\":%u,\"wear_per_unit\":%g,\"noise\":%g,\"tool_life\":%u,\"p_final\":%g,"
	    "\"claim_cost\":", c->units, c->seed, w->currency, c->p_wrong_part, c->p_skip,
	    c->p_skip_defect, c->p_typo, c->p_typo_reject, c->p_slip, c->p_expired, c->p_expired_defect,
	    c->p_gauge, c->p_gauge_defect, c->bad_lot_share, c->bad_lot_defect_rate,
	    c->lot_size > c->units ? c->lot_size : c->units, c->wear_per_unit, c->noise,
	    c->tool_life, c->p_final);
	money(f, c->claim_cost);
	fprintf(f, ",\"rates\":\"%s/rates.def\"},\"with_prevention\":", c->plant);
	run_json(f, w);
	fprintf(f, ",\"without_prevention\":");
	run_json(f, o);
	fprintf(f, ",\"saving\":");
	money(f, o->total - w->total);
	fprintf(f, ",\"ratio\":%.4f}\n", w->total > 0 ? (double)o->total / (double)w->total : 0.0);
}
