/*
 * sim_report.c — the simulator's result: a table in 80 columns for a plant
 * manager, or one JSON object (sim.h).
 */
#include "tests/lib/sim.h"

#include <inttypes.h>
#include <stdio.h>

static const char *const fault_name[SIM_FAULTS] = {
	"wrong part picked", "inspection skipped", "typo at a measurement", "worn fixture (drift)",
	"bad supplier lot", "expired lot", "gauge out of calibration",
};
static const char *const fault_key[SIM_FAULTS] = {
	"wrong_part", "skipped_inspection", "typo", "drift", "bad_lot", "expired_lot", "gauge",
};
static const char *const category[4] = { "prevention", "appraisal", "internal failure",
	"external failure" };
static const char *const category_key[4] = { "prevention", "appraisal", "internal_failure",
	"external_failure" };

static void
money(FILE *f, int64_t minor)
{
	fprintf(f, "%" PRId64 ".%02" PRId64, minor / 100, (minor < 0 ? -minor : minor) % 100);
}

static void
money_col(FILE *f, int64_t minor, int width)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%" PRId64 ".%02" PRId64, minor / 100,
	    (minor < 0 ? -minor : minor) % 100);
	fprintf(f, "%*s", width, buf);
}

void
sim_print(FILE *f, const struct sim_config *c, const struct sim_result *w,
    const struct sim_result *o)
{
	fprintf(f, "Plant simulation: %u units of SIM-1, seed %" PRIu64 " (docs/simulator.md)\n\n",
	    c->units, c->seed);
	fprintf(f, "%-26s %27s %24s\n", "", "WITH YOKE", "WITHOUT PREVENTION");
	fprintf(f, "%-26s %6s %6s %6s %6s %6s %6s %6s\n", "fault", "made", "stopd", "final",
	    "escpd", "made", "final", "escpd");
	for (int i = 0; i < SIM_FAULTS; i++)
		fprintf(f, "%-26s %6u %6u %6u %6u %6u %6u %6u\n", fault_name[i], w->made[i],
		    w->stopped[i], w->caught[i], w->escaped[i], o->made[i], o->caught[i], o->escaped[i]);
	fprintf(f, "\n%-26s %13s %13s\n", "", "with yoke", "without");
	fprintf(f, "%-26s %13u %13u\n", "units reworked", w->reworked, o->reworked);
	fprintf(f, "%-26s %13u %13u\n", "units scrapped", w->scrapped, o->scrapped);
	fprintf(f, "%-26s %13u %13u\n", "units escaped (claims)", w->escapes, o->escapes);
	fprintf(f, "%-26s %13u %13u\n", "fixture changes", w->tool_changes, o->tool_changes);
	fprintf(f, "\nCost of quality (%s), the same cost table for both%s\n", w->currency,
	    w->ledger ? "; yoke's ledger beside" : "");
	fprintf(f, "%-26s %13s %13s %13s\n", "", "with yoke", "without", w->ledger ? "ledger" : "");
	for (int i = 0; i < 4; i++) {
		fprintf(f, "%-26s ", category[i]);
		money_col(f, w->cost[i], 13);
		fputc(' ', f);
		money_col(f, o->cost[i], 13);
		if (w->ledger) {
			fputc(' ', f);
			money_col(f, w->ledger_cost[i], 13);
		}
		fputc('\n', f);
	}
	fprintf(f, "%-26s ", "total");
	money_col(f, w->total, 13);
	fputc(' ', f);
	money_col(f, o->total, 13);
	if (w->ledger) {
		fputc(' ', f);
		money_col(f, w->ledger_total, 13);
	}
	fprintf(f, "\n%-26s ", "per unit started");
	money_col(f, c->units ? w->total / c->units : 0, 13);
	fputc(' ', f);
	money_col(f, c->units ? o->total / c->units : 0, 13);
	fputc('\n', f);
	if (o->total > 0) {
		fprintf(f, "\nSaving: ");
		money(f, o->total - w->total);
		fprintf(f, " %s, %.1f %% of the cost without prevention (ratio %.2f).\n", w->currency,
		    100.0 * (double)(o->total - w->total) / (double)o->total,
		    w->total > 0 ? (double)o->total / (double)w->total : 0.0);
	}
	if (w->drift_warned_at)
		fprintf(f, "Drift: the first warning came at unit %u, %u units before the worn fixture "
		    "would have made the first out-of-spec unit (unit %u).\n", w->drift_warned_at,
		    w->first_out_of_spec - w->drift_warned_at, w->first_out_of_spec);
	if (w->false_warnings)
		fprintf(f, "False drift warnings: %u, raised by a typed value before it was measured "
		    "again.\n", w->false_warnings);
	fprintf(f, "\nAssumptions: per unit, wrong part %.1f %%, skipped inspection %.1f %% (hides a "
	    "solder defect %.0f %%),\ntypo %.1f %% (rejects a good unit %.0f %% without a check), "
	    "expired lot %.1f %% (defect %.0f %%),\nuncalibrated gauge %.1f %% (defect %.0f %%), bad "
	    "lot on %.0f %% of units with %.1f %% defective parts;\nfixture wear %.2f mV a unit, "
	    "noise +-%.1f mV, USL 50 mV; without prevention the fixture is\nchanged every %u units; "
	    "final inspection finds %.0f %% of defects; a claim costs ", 100 * c->p_wrong_part,
	    100 * c->p_skip, 100 * c->p_skip_defect, 100 * c->p_typo, 100 * c->p_typo_reject,
	    100 * c->p_expired, 100 * c->p_expired_defect, 100 * c->p_gauge, 100 * c->p_gauge_defect,
	    100 * c->bad_lot_share, 100 * c->bad_lot_defect_rate, c->wear_per_unit, c->noise,
	    c->tool_life, 100 * c->p_final);
	money(f, c->claim_cost);
	fprintf(f, ".\nRates: %s/rates.def. yoke's IQC is not simulated: the bad lot reaches "
	    "the line in both runs.\n", c->plant);
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
	    "\"tool_changes\":%u,\"coq\":{", r->units, r->good, r->reworked, r->scrapped, r->escapes,
	    r->tool_changes);
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
	if (r->drift_warned_at)
		fprintf(f, ",\"drift_warned_at\":%u,\"first_out_of_spec\":%u", r->drift_warned_at,
		    r->first_out_of_spec);
	fprintf(f, ",\"false_drift_warnings\":%u", r->false_warnings);
	fputc('}', f);
}

void
sim_print_json(FILE *f, const struct sim_config *c, const struct sim_result *w,
    const struct sim_result *o)
{
	fprintf(f, "{\"units\":%u,\"seed\":%" PRIu64 ",\"currency\":\"%s\",\"assumptions\":{"
	    "\"p_wrong_part\":%g,\"p_skip\":%g,\"p_skip_defect\":%g,\"p_typo\":%g,"
	    "\"p_typo_reject\":%g,\"p_expired\":%g,\"p_expired_defect\":%g,\"p_gauge\":%g,"
	    "\"p_gauge_defect\":%g,\"bad_lot_share\":%g,\"bad_lot_defect_rate\":%g,"
	    "\"wear_per_unit\":%g,\"noise\":%g,\"tool_life\":%u,\"p_final\":%g,\"claim_cost\":",
	    c->units, c->seed, w->currency, c->p_wrong_part, c->p_skip, c->p_skip_defect, c->p_typo,
	    c->p_typo_reject, c->p_expired, c->p_expired_defect, c->p_gauge, c->p_gauge_defect,
	    c->bad_lot_share, c->bad_lot_defect_rate, c->wear_per_unit, c->noise, c->tool_life,
	    c->p_final);
	money(f, c->claim_cost);
	fprintf(f, "},\"with_prevention\":");
	run_json(f, w);
	fprintf(f, ",\"without_prevention\":");
	run_json(f, o);
	fprintf(f, ",\"saving\":");
	money(f, o->total - w->total);
	fprintf(f, ",\"ratio\":%.4f}\n", w->total > 0 ? (double)o->total / (double)w->total : 0.0);
}
