/*
 * sim.h — the plant simulator (docs/simulator.md): what prevention is
 * worth, measured on one fault stream run twice.
 *
 * The fault stream. For each unit k of the run, draws from a generator
 * seeded with (seed, k) decide which faults the people and the material
 * bring to it: a wrong component picked, a mandatory inspection skipped, a
 * typo at a measurement (the value ten times too big, or a digit slip: two
 * digits swapped), a lot past its expiry date, an out-of-calibration
 * gauge, a part of a bad supplier lot, and the noise of the measured value
 * (the test fixture wears: the value drifts up unit by unit until the
 * tool is changed). The same seed gives the same stream; the draws of a
 * unit do not depend on what happened to the units before it.
 *
 * With prevention (sim_drive.c): the stream is worked through a real
 * yoked over the wire, on tests/data/plant-sim, by simulated operators at
 * ASSY, TEST, FINAL and REPAIR, an inspector deciding dispositions and a
 * receiving clerk. Each fault meets the plant's rules; a refusal is the
 * fault stopped at the station, and the operator then does it right. The
 * drift warning (SPC) makes the operator change the tool. A defect that
 * got past the stations is caught at final inspection with probability
 * p_final (reworked, or scrapped when it is the tested value), else it
 * escapes and comes back as a claim, entered into the ledger. Every lot
 * received is inspected at the dock (incoming inspection, ISO 2859-1): the
 * sample of the bad supplier lot finds its defectives with the binomial
 * odds of its defect rate, and a rejected lot is replaced by a good one
 * before the line uses it; an accepted bad lot reaches the line. The cost
 * of quality is read from yoked's ledger (CoqQuery).
 *
 * Without prevention (sim_model.c): the same stream through a model of a
 * line where nothing is checked at the station: every fault becomes a
 * defect with its stated probability and flows to final inspection; the
 * tool is changed every tool_life units. Its cost is computed from the
 * same cost table (the plant's coq statements) with the ledger's own
 * rules, and so is the prevention run's, so the saving is the ratio of
 * two runs of one model; the ledger's figures are printed beside them.
 */
#ifndef YOKE_TESTS_SIM_H
#define YOKE_TESTS_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "proto/defs.pb-c.h"

enum sim_fault {
	SIM_WRONG_PART,       /* a look-alike PCB picked */
	SIM_SKIPPED_INSPECTION,
	SIM_TYPO,             /* a measured value typed ten times too big, or with a digit slip */
	SIM_DRIFT,            /* a unit whose tested value is out of spec (the worn fixture) */
	SIM_BAD_LOT,          /* a defective part of the bad supplier lot */
	SIM_EXPIRED_LOT,
	SIM_GAUGE,            /* the out-of-calibration oscilloscope taken */
	SIM_FAULTS
};

struct sim_config {
	uint64_t seed;
	unsigned units;
	double p_wrong_part, p_skip, p_typo, p_expired, p_gauge;
	double bad_lot_share;         /* of the units built with the bad lot */
	double bad_lot_defect_rate;   /* of its parts that are defective */
	double wear_per_unit;         /* mV the ripple rises a unit */
	double noise;                 /* mV, half-width of the uniform noise */
	unsigned tool_life;           /* without prevention: the fixture changed every N units */
	double p_final;               /* final inspection finds a defect */
	double p_skip_defect;         /* a skipped inspection hid a solder defect */
	double p_expired_defect, p_gauge_defect;   /* without prevention: a defect follows */
	double p_typo_reject;         /* without prevention: a typo rejects a good unit at review */
	double p_slip;                /* of the typos, the share that are digit slips (else x10) */
	int64_t claim_cost;           /* minor units: a defect that reached the customer */
	unsigned lot_size;            /* parts in a received lot of IC-555 (at least units) */
	const char *plant;            /* the plant's directory */
};

/* The defaults of `make bench` (docs/simulator.md states them). */
void sim_config_default(struct sim_config *c);

/* A unit's draws. */
struct sim_draws {
	bool wrong_part, skip, typo, expired, gauge, bad_lot, bad_part;
	bool skip_defect, expired_defect, gauge_defect, typo_reject;
	bool final_finds;             /* final inspection would find a defect here */
	double noise;
	bool slip;                    /* the typo is a digit slip (drawn last: the draws
	                               * before it are those of a stream without slips) */
};
void sim_draw(const struct sim_config *c, unsigned k, struct sim_draws *d);
/* The tested ripple (mV) of a fixture that made `since` units since its
 * change, before noise; above SIM_RIPPLE_USL a unit is out of spec
 * (tests/data/plant-sim: target 30, usl 50). */
#define SIM_RIPPLE_USL 50.0
double sim_ripple(const struct sim_config *c, unsigned since);
/* The value typed with a digit slip: the first two neighbouring digits
 * that differ swapped (41.2 -> 14.2, 33.7 -> 37.3), as written with one
 * decimal; when all digits are the same, the first is typed one more
 * (33.3 -> 43.3). */
double sim_slip(double v);
/* The defectives the incoming inspector finds in a sample of n parts of
 * received lot `lot` (0, 1, ...), whose parts are defective with
 * probability p: a stream of its own, so the units' draws stay the same. */
unsigned sim_sample_defectives(const struct sim_config *c, unsigned lot, unsigned n, double p);

/* A run's figures. */
struct sim_result {
	unsigned made[SIM_FAULTS], stopped[SIM_FAULTS], caught[SIM_FAULTS], escaped[SIM_FAULTS];
	unsigned units, good, reworked, scrapped, escapes;
	unsigned inspections, final_inspections, tool_changes;
	/* What the cost rules need (sim_cost): reworks by the operation that
	 * failed (10: assembly, 30: final), scraps by where. */
	unsigned rework_assy, rework_final, scrap_test, scrap_final;
	int64_t cost[4];              /* prevention, appraisal, internal, external: minor units */
	int64_t total;
	/* Drift: the unit (1-based) the warning came at, and the first unit the
	 * worn fixture would have made out of spec without it (0: none). */
	unsigned drift_warned_at, first_out_of_spec;
	unsigned false_warnings;      /* drift warnings a typo raised (with prevention) */
	/* With prevention: the incoming inspection of the received lots, and
	 * the bad lot's (its sample plan as yoked chose it, the defectives its
	 * sample showed, rejected or not). */
	unsigned iqc_lots, iqc_sample, iqc_ac, iqc_re, iqc_found;
	bool bad_lot_rejected;
	/* Typos by kind: ten times too big, digit slips (made). */
	unsigned typo_x10, typo_slip;
	/* With prevention: the ledger's own figures (CoqQuery). */
	bool ledger;
	int64_t ledger_cost[4], ledger_total;
	char currency[8];
};

/* The model without prevention. false with the reason when the plant's
 * definitions cannot be read. */
bool sim_model(const struct sim_config *c, struct sim_result *r, char *err, size_t errsz);
/* The cost of a run by the model's rules (sim_model.c), from its counts. */
bool sim_cost(const struct sim_config *c, struct sim_result *r, char *err, size_t errsz);
/* The run with prevention against a real yoked started here (harness.h). */
bool sim_drive(const struct sim_config *c, struct sim_result *r, char *err, size_t errsz);

/* The table a plant manager reads, and the same as one JSON object. */
void sim_print(FILE *f, const struct sim_config *c, const struct sim_result *with,
    const struct sim_result *without);
void sim_print_json(FILE *f, const struct sim_config *c, const struct sim_result *with,
    const struct sim_result *without);

#endif
