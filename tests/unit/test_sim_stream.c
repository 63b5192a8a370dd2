/*
 * test_sim_stream.c — the plant simulator's fault stream (tests/lib/
 * sim_model.c): a unit's draws come from (seed, unit) alone, the digit
 * slip is drawn last so that the share of slips changes no other draw, a
 * slip is a typo, and a slip swaps the first two neighbouring digits that
 * differ.
 */
#include "tests/lib/check.h"
#include "tests/lib/sim.h"

#include <string.h>

static void
a_digit_slip_swaps_two_digits(void)
{
	CHECK_NEAR(sim_slip(41.2), 14.2, 1e-9);
	CHECK_NEAR(sim_slip(33.7), 37.3, 1e-9);
	CHECK_NEAR(sim_slip(38.46), 83.5, 1e-9);      /* written with one decimal first */
	CHECK_NEAR(sim_slip(30.0), 3.0, 1e-9);
	CHECK_NEAR(sim_slip(33.3), 43.3, 1e-9);       /* nothing to swap: one key off */
	CHECK_NEAR(sim_slip(99.9), 89.9, 1e-9);
	CHECK_NEAR(sim_slip(4.5), 5.4, 1e-9);
}

static void
slips_change_no_other_draw(void)
{
	struct sim_config none, all;
	unsigned typos = 0, slips = 0;
	sim_config_default(&none);
	none.p_typo = 0.3;
	none.p_slip = 0;
	all = none;
	all.p_slip = 1;
	for (unsigned k = 0; k < 2000; k++) {
		struct sim_draws a, b, c;
		sim_draw(&none, k, &a);
		sim_draw(&all, k, &b);
		sim_draw(&all, k, &c);
		CHECK(!a.slip);
		CHECK(b.slip == b.typo);                  /* every typo a slip, and only typos */
		CHECK(memcmp(&b, &c, sizeof b) == 0);     /* the same seed: the same draws */
		typos += b.typo;
		b.slip = false;
		CHECK(memcmp(&a, &b, sizeof a) == 0);
	}
	all.p_slip = 0.5;
	for (unsigned k = 0; k < 2000; k++) {
		struct sim_draws d;
		sim_draw(&all, k, &d);
		slips += d.slip;
	}
	CHECK(typos > 500 && typos < 700);            /* 30 % of 2000 */
	CHECK(slips > typos / 2 - 60 && slips < typos / 2 + 60);
}

int
main(void)
{
	RUN(a_digit_slip_swaps_two_digits);
	RUN(slips_change_no_other_draw);
	return check_done();
}
