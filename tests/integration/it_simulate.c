/*
 * it_simulate.c — the plant simulator's small run (tests/lib/sim.h,
 * docs/simulator.md) against a real yoked: on the same fault stream,
 *
 *   - yoke stops every wrong part, skipped inspection, typo ten times too
 *     big, expired lot and out-of-calibration gauge at the station (a digit
 *     slip within the limits passes: it is counted as escaped, never as
 *     stopped), and the incoming
 *     inspection rejects the bad supplier lot at the dock (15 % defective:
 *     its sample of 200 cannot pass Ac 5): none reaches final inspection
 *     or the customer;
 *   - the cost of quality is lower with prevention, by the model and by
 *     yoke's own ledger, and the ledger has the appraisal of every
 *     inspection;
 *   - the drift warning comes before the worn fixture's first unit out of
 *     spec;
 *   - the same seed draws the same stream, another seed another one; the
 *     run through yoked twice on one seed gives the same figures, the
 *     ledger's included.
 *
 * The full run (400 units, the default rates) is in `make bench`.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "tests/lib/sim.h"

#include <string.h>

static void
small(struct sim_config *c)
{
	sim_config_default(c);
	c->units = 120;
	c->p_wrong_part = 0.10;
	c->p_skip = 0.10;
	c->p_typo = 0.08;
	c->p_expired = 0.08;
	c->p_gauge = 0.08;
	c->bad_lot_defect_rate = 0.15;
}

static void
prevention_stops_faults_and_costs_less(void)
{
	struct sim_config c;
	struct sim_result w, o;
	char err[600];
	small(&c);
	if (!sim_drive(&c, &w, err, sizeof err))
		fprintf(stderr, "    %s\n", err);
	REQUIRE(sim_model(&c, &o, err, sizeof err));
	REQUIRE(w.units == c.units);
	static const int stopped_all[] = { SIM_WRONG_PART, SIM_SKIPPED_INSPECTION,
		SIM_EXPIRED_LOT, SIM_GAUGE, SIM_BAD_LOT };
	/* Typos: every x10 one refused, a slip refused only out of limits. */
	CHECK_INT(w.made[SIM_TYPO], o.made[SIM_TYPO]);
	CHECK_INT(w.typo_x10 + w.typo_slip, w.made[SIM_TYPO]);
	CHECK(w.typo_x10 > 0 && w.typo_slip > 0);
	CHECK(w.stopped[SIM_TYPO] >= w.typo_x10);
	CHECK_INT(w.stopped[SIM_TYPO] + w.escaped[SIM_TYPO], w.made[SIM_TYPO]);
	CHECK_INT(w.caught[SIM_TYPO], 0);
	CHECK(w.bad_lot_rejected);
	CHECK_INT(w.iqc_sample, 200);                          /* level II, 10 000 parts: L */
	CHECK(w.iqc_found >= w.iqc_re);
	CHECK_INT(w.iqc_lots, 4);                              /* good, expired, bad, its replacement */
	for (size_t i = 0; i < sizeof stopped_all / sizeof stopped_all[0]; i++) {
		int f = stopped_all[i];
		CHECK(w.made[f] > 0);                          /* the stream has some */
		CHECK_INT(w.made[f], o.made[f]);               /* the same stream */
		CHECK_INT(w.stopped[f], w.made[f]);
		CHECK_INT(w.caught[f] + w.escaped[f], 0);
	}
	/* Without prevention some of them got through. */
	CHECK(o.escaped[SIM_WRONG_PART] + o.caught[SIM_WRONG_PART] == o.made[SIM_WRONG_PART]);
	CHECK(o.total > w.total);
	CHECK(w.ledger && w.ledger_total > 0 && w.ledger_total < o.total);
	CHECK(w.ledger_cost[1] > 0);                           /* every inspection appraised */
	CHECK_INT(w.ledger_cost[3], w.cost[3]);                /* the claims, as entered */
	CHECK(w.drift_warned_at > 0 && w.drift_warned_at < w.first_out_of_spec);
	CHECK_INT(w.made[SIM_DRIFT], 0);                       /* the fixture was changed in time */
	fprintf(stderr, "    with: %lld.%02lld (ledger %lld.%02lld), without: %lld.%02lld; drift "
	    "warned at unit %u, first out of spec at %u\n", (long long)w.total / 100,
	    (long long)w.total % 100, (long long)w.ledger_total / 100,
	    (long long)w.ledger_total % 100, (long long)o.total / 100, (long long)o.total % 100,
	    w.drift_warned_at, w.first_out_of_spec);
}

static void
the_stream_follows_the_seed(void)
{
	struct sim_config a, b;
	struct sim_result m1, m2;
	char err[300];
	unsigned differ = 0;
	small(&a);
	b = a;
	b.seed = a.seed + 1;
	for (unsigned k = 0; k < 500; k++) {
		struct sim_draws x, y, z;
		sim_draw(&a, k, &x);
		sim_draw(&a, k, &y);
		sim_draw(&b, k, &z);
		CHECK(memcmp(&x, &y, sizeof x) == 0);
		differ += memcmp(&x, &z, sizeof x) != 0;
	}
	CHECK(differ > 400);
	REQUIRE(sim_model(&a, &m1, err, sizeof err) && sim_model(&a, &m2, err, sizeof err));
	CHECK(memcmp(&m1, &m2, sizeof m1) == 0);
	REQUIRE(sim_model(&b, &m2, err, sizeof err));
	CHECK(m1.total != m2.total);
}

/* The run through yoked is as deterministic as the stream: two runs on one
 * seed (each against its own yoked) give the same counts and costs, the
 * ledger's included; another seed gives other faults. */
static void
the_driven_run_follows_the_seed(void)
{
	struct sim_config a, b;
	struct sim_result r1, r2, r3;
	char err[600];
	small(&a);
	a.units = 50;
	b = a;
	b.seed = a.seed + 7;
	if (!sim_drive(&a, &r1, err, sizeof err) || !sim_drive(&a, &r2, err, sizeof err) ||
	    !sim_drive(&b, &r3, err, sizeof err)) {
		fprintf(stderr, "    %s\n", err);
		REQUIRE(false);
	}
	CHECK(memcmp(r1.made, r2.made, sizeof r1.made) == 0);
	CHECK(memcmp(r1.stopped, r2.stopped, sizeof r1.stopped) == 0);
	CHECK(memcmp(r1.caught, r2.caught, sizeof r1.caught) == 0);
	CHECK(memcmp(r1.escaped, r2.escaped, sizeof r1.escaped) == 0);
	CHECK(memcmp(r1.cost, r2.cost, sizeof r1.cost) == 0);
	CHECK(memcmp(r1.ledger_cost, r2.ledger_cost, sizeof r1.ledger_cost) == 0);
	CHECK_INT(r1.drift_warned_at, r2.drift_warned_at);
	CHECK_INT(r1.iqc_found, r2.iqc_found);
	CHECK(memcmp(r1.made, r3.made, sizeof r1.made) != 0);
}

int
main(void)
{
	harness_i18n_init();
	RUN(the_stream_follows_the_seed);
	RUN(prevention_stops_faults_and_costs_less);
	RUN(the_driven_run_follows_the_seed);
	return check_done();
}
