/*
 * sim_model.c — the fault stream (sim_draw), the line without prevention
 * (sim_model) and the cost rules both runs are costed with (sim_cost).
 * See sim.h.
 */
#include "tests/lib/sim.h"
#include "tests/lib/harness.h"
#include "shared/defs/defs_coq.h"
#include "shared/quality/coq_money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RIPPLE_NOMINAL 30.0     /* mV: plant-sim's target */

void
sim_config_default(struct sim_config *c)
{
	memset(c, 0, sizeof *c);
	c->seed = 2026;
	c->units = 400;
	c->p_wrong_part = 0.02;
	c->p_skip = 0.03;
	c->p_typo = 0.02;
	c->p_expired = 0.01;
	c->p_gauge = 0.02;
	c->bad_lot_share = 0.25;
	c->bad_lot_defect_rate = 0.04;
	c->wear_per_unit = 0.5;
	c->noise = 1.5;
	c->tool_life = 45;
	c->p_final = 0.80;
	c->p_skip_defect = 0.30;
	c->p_expired_defect = 0.20;
	c->p_gauge_defect = 0.10;
	c->p_typo_reject = 0.50;
	c->p_slip = 0.50;
	c->claim_cost = 120000;       /* 1 200.00: a return, field service and handling */
	c->lot_size = 10000;          /* ISO 2859-1 level II: code letter L, n = 200 */
	c->plant = "tests/data/plant-sim";
}

/* splitmix64: the draws of unit k come from (seed, k) alone. */
static uint64_t
mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double
uniform(uint64_t *s)
{
	return (double)(mix(s) >> 11) / 9007199254740992.0;    /* [0, 1) */
}

void
sim_draw(const struct sim_config *c, unsigned k, struct sim_draws *d)
{
	uint64_t s = c->seed * 0x100000001b3ULL ^ ((uint64_t)k << 20 | 0x5eed);
	memset(d, 0, sizeof *d);
	/* Always the same number of draws, in the same order. */
	d->wrong_part = uniform(&s) < c->p_wrong_part;
	d->skip = uniform(&s) < c->p_skip;
	d->typo = uniform(&s) < c->p_typo;
	d->expired = uniform(&s) < c->p_expired;
	d->gauge = uniform(&s) < c->p_gauge;
	d->bad_lot = uniform(&s) < c->bad_lot_share;
	d->bad_part = d->bad_lot & (uniform(&s) < c->bad_lot_defect_rate);
	d->skip_defect = d->skip & (uniform(&s) < c->p_skip_defect);
	d->expired_defect = d->expired & (uniform(&s) < c->p_expired_defect);
	d->gauge_defect = d->gauge & (uniform(&s) < c->p_gauge_defect);
	d->typo_reject = d->typo & (uniform(&s) < c->p_typo_reject);
	d->final_finds = uniform(&s) < c->p_final;
	d->noise = (2 * uniform(&s) - 1) * c->noise;
	d->slip = d->typo & (uniform(&s) < c->p_slip);
}

double
sim_slip(double v)
{
	char text[32], *digit[32];
	size_t n = 0;
	snprintf(text, sizeof text, "%.1f", v);
	for (char *p = text; *p; p++)
		if (*p >= '0' && *p <= '9')
			digit[n++] = p;
	for (size_t i = 0; i + 1 < n; i++)
		if (*digit[i] != *digit[i + 1]) {
			char t = *digit[i];
			*digit[i] = *digit[i + 1];
			*digit[i + 1] = t;
			return strtod(text, NULL);
		}
	if (n > 0)
		*digit[0] = *digit[0] == '9' ? '8' : (char)(*digit[0] + 1);
	return strtod(text, NULL);
}

unsigned
sim_sample_defectives(const struct sim_config *c, unsigned lot, unsigned n, double p)
{
	uint64_t s = c->seed * 0x100000001b3ULL ^ (0xa11ce5ULL << 40 | (uint64_t)lot << 8);
	unsigned d = 0;
	for (unsigned i = 0; i < n; i++)
		d += uniform(&s) < p;
	return d;
}

double
sim_ripple(const struct sim_config *c, unsigned since)
{
	return RIPPLE_NOMINAL + c->wear_per_unit * since;
}

bool
sim_model(const struct sim_config *c, struct sim_result *r, char *err, size_t errsz)
{
	memset(r, 0, sizeof *r);
	for (unsigned k = 0; k < c->units; k++) {
		struct sim_draws d;
		bool defect = false, rework = false, oos;
		unsigned since = c->tool_life ? k % c->tool_life : k;
		sim_draw(c, k, &d);
		if (c->tool_life && since == 0 && k > 0)
			r->tool_changes++;
		oos = sim_ripple(c, since) + d.noise > SIM_RIPPLE_USL;
		if (oos && r->first_out_of_spec == 0)
			r->first_out_of_spec = k + 1;
		r->units++;
		if (d.typo)
			d.slip ? r->typo_slip++ : r->typo_x10++;
		/* Nothing checked at the station: each fault becomes what it makes. */
		bool is[SIM_FAULTS] = {
			[SIM_WRONG_PART] = d.wrong_part,
			[SIM_SKIPPED_INSPECTION] = d.skip,
			[SIM_TYPO] = d.typo,
			[SIM_DRIFT] = oos,
			[SIM_BAD_LOT] = d.bad_part,
			[SIM_EXPIRED_LOT] = d.expired,
			[SIM_GAUGE] = d.gauge,
		};
		bool makes[SIM_FAULTS] = {
			[SIM_WRONG_PART] = d.wrong_part,
			[SIM_SKIPPED_INSPECTION] = d.skip_defect,
			[SIM_DRIFT] = oos,
			[SIM_BAD_LOT] = d.bad_part,
			[SIM_EXPIRED_LOT] = d.expired_defect,
			[SIM_GAUGE] = d.gauge_defect,
		};
		for (int f = 0; f < SIM_FAULTS; f++) {
			if (!is[f])
				continue;
			r->made[f]++;
			if (!makes[f])
				continue;
			defect = true;
			if (d.final_finds)
				r->caught[f]++;
			else
				r->escaped[f]++;
		}
		if (!d.skip)
			r->inspections++;
		r->final_inspections++;
		if (defect && d.final_finds) {
			if (oos) {           /* a tested value cannot be reworked */
				r->scrapped++;
				r->scrap_final++;
				continue;
			}
			rework = true;
		} else if (defect) {
			r->escapes++;
		}
		/* A typo on the record rejects a good unit at the review; else the
		 * wrong value stays on the unit's record, which leaves with it. */
		if (!defect && d.typo_reject) {
			rework = true;
			r->caught[SIM_TYPO]++;
		} else if (d.typo) {
			r->escaped[SIM_TYPO]++;
		}
		if (rework) {
			r->reworked++;
			r->rework_final++;
		}
		r->good++;
	}
	return sim_cost(c, r, err, errsz);
}

bool
sim_cost(const struct sim_config *c, struct sim_result *r, char *err, size_t errsz)
{
	struct plant *p = harness_plant_read(c->plant);
	const Yoke__CoqRates *rt;
	int64_t assy, test, final, repair, rework_labour, parts;

	if (p == NULL || p->defs->coq_rates == NULL) {
		snprintf(err, errsz, "%s: no plant with coq rates", c->plant);
		harness_plant_free(p);
		return false;
	}
	rt = p->defs->coq_rates;
	assy = defs_coq_labour_rate(rt, "ASSY");
	test = defs_coq_labour_rate(rt, "TEST");
	final = defs_coq_labour_rate(rt, "FINAL");
	repair = defs_coq_labour_rate(rt, "REPAIR");
	parts = defs_coq_part_cost(rt, "PCB-7") + defs_coq_part_cost(rt, "IC-555");
	rework_labour = coq_time_cost(defs_coq_op_cmin(rt, "SIM-1", 900), repair) +
	    coq_time_cost(rt->inspect_cmin, repair);                   /* its re-inspection */
	memset(r->cost, 0, sizeof r->cost);
	/* Appraisal: every in-process and final inspection made, and every
	 * received lot's incoming inspection (at the desk rate). */
	r->cost[1] = (int64_t)r->inspections * coq_time_cost(rt->inspect_cmin, assy) +
	    (int64_t)r->final_inspections * coq_time_cost(rt->final_cmin, final) +
	    (int64_t)r->iqc_lots * coq_time_cost(rt->iqc_cmin, rt->desk_rate);
	/* Internal failure: a rework, its re-inspection and the failed
	 * operation's inspection again; a scrap at the value the unit had. */
	r->cost[2] = (int64_t)r->rework_assy * (rework_labour + coq_time_cost(rt->inspect_cmin, assy)) +
	    (int64_t)r->rework_final * (rework_labour + coq_time_cost(rt->final_cmin, final)) +
	    (int64_t)r->scrap_test * (parts + coq_time_cost(defs_coq_op_cmin(rt, "SIM-1", 10), assy)) +
	    (int64_t)r->scrap_final * (parts + coq_time_cost(defs_coq_op_cmin(rt, "SIM-1", 10), assy) +
	    coq_time_cost(defs_coq_op_cmin(rt, "SIM-1", 20), test));
	/* External failure: a claim for every unit that escaped. */
	r->cost[3] = (int64_t)r->escapes * c->claim_cost;
	r->total = r->cost[0] + r->cost[1] + r->cost[2] + r->cost[3];
	snprintf(r->currency, sizeof r->currency, "%s", rt->currency ? rt->currency : "");
	harness_plant_free(p);
	return true;
}
