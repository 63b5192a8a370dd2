/*
 * test_spc_window.c — the live SPC state of one characteristic
 * (server/spc/spc_window.h): the window keeps what the rules and the drift
 * fit need and no more; limits learnt from N points equal what the file
 * mode computes from the same points (spc_chart_compute); a rule is
 * reported at the point that completes it and only then; an X-bar point is
 * plotted when its subgroup is complete; the drift warning comes once
 * while the trend stays within reach, and again after it left; the
 * definitions' spc and spc_rule statements read and refuse with file:line.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "server/spc/spc_window.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

static struct spc_window_config
imr(unsigned rules)
{
	return (struct spc_window_config){ .chart = SPC_IMR, .subgroup = 1, .rules = rules };
}

static void
test_window_keeps_what_is_needed(void)
{
	struct spc_window w = { 0 };
	struct spc_window_config cfg = imr(SPC_RULES_WE);
	struct spc_window_result r;

	spc_window_set_limits(&w, 0, 3, -3);
	for (int i = 0; i < 100; i++)
		spc_window_add(&w, &cfg, i % 2 ? 0.5 : -0.5, &r);
	CHECK_INT(w.npoints, 8);              /* WE 4 looks at 8 points, the longest of WE */
	CHECK_INT(w.nvalues, 2);              /* I-MR without drift: the value before */
	CHECK_INT((int)w.count, 100);
	CHECK_NEAR(w.points[7], 0.5, 0);
	CHECK_INT(spc_window_points_kept(SPC_RULES_NELSON), SPC_WINDOW_POINTS);
	CHECK_INT(spc_window_points_kept(SPC_WE1), 1);
	CHECK_INT(spc_window_points_kept(SPC_WE2 | SPC_NELSON3), 6);
	/* Nelson 7 asked for later: the window grows to 15 again. */
	cfg.rules = SPC_NELSON7;
	for (int i = 0; i < 20; i++)
		spc_window_add(&w, &cfg, 0.1, &r);
	CHECK_INT(w.npoints, SPC_WINDOW_POINTS);
	CHECK_INT(r.broke, SPC_NELSON7);
	cfg.drift_units = 10;
	cfg.drift_window = 12;
	CHECK_INT(spc_window_values_kept(&cfg), 12);
	cfg.drift_window = 500;
	CHECK_INT(spc_window_values_kept(&cfg), SPC_WINDOW_VALUES_MAX);
	cfg = (struct spc_window_config){ .chart = SPC_XBAR_S, .subgroup = 25 };
	CHECK_INT(spc_window_values_kept(&cfg), 25);
}

/* Learnt limits = the file mode's limits of the same points. */
static void
test_learnt_limits_match_the_file_mode(void)
{
	const double x[] = { 10.2, 9.8, 10.1, 10.4, 9.7, 10.0, 10.3, 9.9, 10.1, 10.2, 9.6, 10.0 };
	enum spc_chart_type types[] = { SPC_IMR, SPC_XBAR_R, SPC_XBAR_S };
	int sub[] = { 1, 3, 4 };

	for (int t = 0; t < 3; t++) {
		struct spc_window w = { 0 };
		struct spc_window_config cfg = { .chart = types[t], .subgroup = sub[t] };
		struct spc_window_result r;
		struct spc_chart c;
		char err[200];
		int points = 12 / sub[t];
		bool learnt = false;
		spc_window_relearn(&w, (uint32_t)points);
		for (int i = 0; i < 12; i++) {
			spc_window_add(&w, &cfg, x[i], &r);
			CHECK(r.plotted == ((i + 1) % sub[t] == 0));
			CHECK_INT(r.broke, 0);
			learnt |= r.learnt_now;
			CHECK(r.learnt_now == (i == 11));
		}
		CHECK(learnt && w.has_limits && w.learn == 0);
		REQUIRE(spc_chart_compute(types[t], x, NULL, 12, sub[t], &c, err, sizeof err));
		CHECK_NEAR(w.cl, c.cl, 1e-12);
		CHECK_NEAR(w.ucl, c.ucl[0], 1e-12);
		CHECK_NEAR(w.lcl, c.lcl[0], 1e-12);
		spc_chart_free(&c);
	}
}

static void
test_rule_reported_at_the_completing_point(void)
{
	struct spc_window w = { 0 };
	struct spc_window_config cfg = imr(SPC_WE2 | SPC_WE1);
	struct spc_window_result r;

	spc_window_set_limits(&w, 50, 56, 44);     /* sigma 2 */
	spc_window_add(&w, &cfg, 50, &r);
	CHECK_INT(r.broke, 0);
	spc_window_add(&w, &cfg, 54.5, &r);
	CHECK_INT(r.broke, 0);
	spc_window_add(&w, &cfg, 50, &r);
	CHECK_INT(r.broke, 0);
	spc_window_add(&w, &cfg, 54.6, &r);        /* 2 of the last 3 beyond 2 sigma */
	CHECK_INT(r.broke, SPC_WE2);
	spc_window_add(&w, &cfg, 50, &r);          /* the pattern is not re-reported */
	CHECK_INT(r.broke, 0);
	spc_window_add(&w, &cfg, 57, &r);          /* beyond 3 sigma and 2 of 3 beyond 2 */
	CHECK_INT(r.broke, SPC_WE1 | SPC_WE2);
	spc_window_add(&w, &cfg, 56, &r);          /* on the limit: not beyond it (WE2 is) */
	CHECK_INT(r.broke, SPC_WE2);
	/* Rules not asked for are not checked. */
	cfg.rules = SPC_WE4;
	spc_window_add(&w, &cfg, 57, &r);
	CHECK_INT(r.broke, 0);
	/* Learning: no limits, nothing checked. */
	spc_window_relearn(&w, 5);
	cfg.rules = SPC_RULES_WE;
	spc_window_add(&w, &cfg, 1000, &r);
	CHECK_INT(r.broke, 0);
	CHECK(!w.has_limits);
}

static void
test_xbar_plots_whole_subgroups(void)
{
	struct spc_window w = { 0 };
	struct spc_window_config cfg = { .chart = SPC_XBAR_R, .subgroup = 3, .rules = SPC_WE1 };
	struct spc_window_result r;

	spc_window_set_limits(&w, 50, 53, 47);
	spc_window_add(&w, &cfg, 60, &r);
	CHECK(!r.plotted);
	spc_window_add(&w, &cfg, 60, &r);
	CHECK(!r.plotted);
	spc_window_add(&w, &cfg, 39, &r);          /* mean 53: on the UCL, not beyond */
	CHECK(r.plotted);
	CHECK_NEAR(r.point, 53, 1e-12);
	CHECK_INT(r.broke, 0);
	spc_window_add(&w, &cfg, 54, &r);
	spc_window_add(&w, &cfg, 54, &r);
	spc_window_add(&w, &cfg, 54, &r);
	CHECK_INT(r.broke, SPC_WE1);
	CHECK_INT(w.open, 0);
	CHECK_INT(w.npoints, 1);             /* WE 1 alone looks at the newest point only */
}

/* The dispersion chart is judged too (test 1). X̄-R, n = 3, learnt from
 * two subgroups of range 2: R̄ 2, UCL_R D4·R̄ = 2.574·2 = 5.148, LCL_R 0;
 * X̄ limits 2.5 ± A2·R̄ = 2.5 ± 2.046. A subgroup of mean 2.83 (inside)
 * and range 6 breaks the R chart only. Given I-MR limits 50 ± 6 (σ 2):
 * MR centre d2·σ = 2.256, UCL D4·2.256 = 7.37. */
static void
test_dispersion_judged(void)
{
	struct spc_window w = { 0 };
	struct spc_window_config cfg = { .chart = SPC_XBAR_R, .subgroup = 3, .rules = SPC_WE1 };
	struct spc_window_result r;
	static const double learn[] = { 1, 2, 3, 2, 3, 4 }, wide[] = { 0, 2.5, 6 };

	spc_window_relearn(&w, 2);
	for (int i = 0; i < 6; i++)
		spc_window_add(&w, &cfg, learn[i], &r);
	CHECK(r.learnt_now && w.has_disp);
	CHECK_NEAR(w.dcl, 2, 1e-12);
	CHECK_NEAR(w.ducl, 5.148, 1e-9);
	CHECK_NEAR(w.dlcl, 0, 1e-12);
	for (int i = 0; i < 3; i++)
		spc_window_add(&w, &cfg, wide[i], &r);
	CHECK(r.plotted);
	CHECK_INT(r.broke, 0);
	CHECK(r.disp_broke);
	CHECK_NEAR(r.disp, 6, 1e-12);
	/* Without test 1 among the rules the dispersion chart is not judged. */
	cfg.rules = SPC_WE2;
	for (int i = 0; i < 3; i++)
		spc_window_add(&w, &cfg, wide[i], &r);
	CHECK(!r.disp_broke);

	struct spc_window m = { 0 };
	struct spc_window_config imr1 = { .chart = SPC_IMR, .subgroup = 1, .rules = SPC_NELSON1 };
	spc_window_set_limits(&m, 50, 56, 44);
	spc_window_add(&m, &imr1, 50, &r);
	CHECK(!r.disp_broke);                    /* the first value has no moving range */
	spc_window_add(&m, &imr1, 55, &r);
	CHECK(m.has_disp && !r.disp_broke);
	CHECK_NEAR(m.ducl, 3.267 * 1.128 * 2, 1e-9);
	spc_window_add(&m, &imr1, 45, &r);
	CHECK(r.disp_broke && r.broke == 0);
	/* New limits drop the dispersion limits derived from the old ones. */
	spc_window_set_limits(&m, 50, 53, 47);
	CHECK(!m.has_disp);
}

/* The drift fit: a line rising 0.5 a unit from 240 towards USL 250. */
static void
test_drift_warns_once_within_reach(void)
{
	struct spc_window w = { 0 };
	struct spc_window_config cfg = imr(0);
	struct spc_window_result r;
	int warned = 0, at = 0;

	cfg.drift_units = 8;
	cfg.drift_window = 6;
	cfg.has_usl = true;
	cfg.usl = 250;
	cfg.has_lsl = true;
	cfg.lsl = 230;
	spc_window_set_limits(&w, 240, 246, 234);
	for (int i = 0; i < 20; i++) {
		spc_window_add(&w, &cfg, 240 + 0.5 * i, &r);
		if (r.drift) {
			warned++;
			at = i;
			CHECK(r.dr.upper);
			CHECK_NEAR(r.dr.slope, 0.5, 1e-9);
			CHECK_NEAR(r.dr.units, (250 - (240 + 0.5 * i)) / 0.5, 1e-9);
		}
	}
	/* Value i is 240 + 0.5i: the line reaches 250 in (250 - v)/0.5 units,
	 * 8 (within reach) first at i = 12, and it warns only then. */
	CHECK_INT(warned, 1);
	CHECK_INT(at, 12);
	/* The trend turns: out of reach re-arms it; back in reach warns again. */
	for (int i = 0; i < 6; i++)
		spc_window_add(&w, &cfg, 240, &r);
	CHECK(!w.drift_warned);
	for (int i = 0; i < 6 && !r.drift; i++)
		spc_window_add(&w, &cfg, 240 - 2.0 * i, &r);
	CHECK(r.drift && !r.dr.upper);
	/* No spec limit in the direction of the slope: nothing. */
	struct spc_window w2 = { 0 };
	cfg.has_lsl = false;
	for (int i = 0; i < 10; i++)
		spc_window_add(&w2, &cfg, 240 - i, &r);
	CHECK(!r.drift);
}

static bool
parse(const char *lines, char *err, size_t errsz, Yoke__Definitions **out)
{
	char text[2048];
	Yoke__Definitions *d = defs_new();
	snprintf(text, sizeof text, "part P \"P\" rev=A tracking=serial\nstation A-1 \"A\" kind=A\n"
	    "routing P rev=A released\n  op 10 \"Op\" station=A\n%s", lines);
	err[0] = '\0';
	bool ok = defs_parse(d, "plant.def", text, err, errsz) && defs_validate(d, err, errsz);
	if (ok && out)
		*out = d;
	else
		defs_free(d);
	return ok;
}

static void
test_definitions(void)
{
	Yoke__Definitions *d;
	char err[400];

	REQUIRE(parse("    measure t unit=C lsl=230 usl=250\n"
	    "    spc chart=xbar-s n=5 mean=240 sigma=2 drift=12 window=8\n"
	    "    spc_rule we1,n2 violation=stop-station\n"
	    "    spc_rule we2 warning=hold-lot\n"
	    "    spc_rule drift warning=log\n", err, sizeof err, &d));
	const Yoke__SpcCharacteristic *x = d->routings[0]->operations[0]->steps[0]->spc;
	REQUIRE(x != NULL);
	CHECK_INT(x->chart, YOKE__SPC_CHART__SPC_CHART_XBAR_S);
	CHECK_INT(x->subgroup, 5);
	CHECK(x->has_limits);
	CHECK_NEAR(x->ucl, 240 + 6 / sqrt(5), 1e-12);
	CHECK_INT(x->drift_units, 12);
	CHECK_INT(x->drift_window, 8);
	REQUIRE(x->n_rules == 2);
	CHECK_INT(x->rules[0]->rules, SPC_WE1 | SPC_NELSON2);
	CHECK(x->rules[0]->violation);
	CHECK_INT(x->rules[0]->action, YOKE__SPC_ACTION__SPC_ACTION_STOP_STATION);
	CHECK_INT(x->rules[1]->action, YOKE__SPC_ACTION__SPC_ACTION_HOLD_LOT);
	CHECK(x->drift && x->drift->action == YOKE__SPC_ACTION__SPC_ACTION_LOG);
	CHECK_STR(x->source, "plant.def:6");
	defs_free(d);
	REQUIRE(parse("    measure t lsl=1\n    spc chart=imr\n", err, sizeof err, &d));
	CHECK_INT(d->routings[0]->operations[0]->steps[0]->spc->learn, 20);
	defs_free(d);

	CHECK(!parse("    check \"x\"\n    spc chart=imr\n", err, sizeof err, NULL));
	CHECK_STR(err, "plant.def:6: spc: expected it right after a measure step, which it describes");
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr learn=1\n", err, sizeof err, NULL));
	CHECK_STR(err, "plant.def:6: learn: expected a whole number from 2 to 1000, found \"1\"");
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr cl=5 ucl=4 lcl=6\n", err, sizeof err,
	    NULL));
	CHECK_STR(err, "plant.def:6: spc: expected lcl < cl < ucl, found lcl 6, cl 5, ucl 4");
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr learn=5 cl=1 ucl=2 lcl=0\n", err,
	    sizeof err, NULL));
	CHECK(strstr(err, "plant.def:6: spc: expected one way to the control limits") == err);
	CHECK(!parse("    measure t lsl=1\n    spc_rule we1 warning=alarm\n", err, sizeof err, NULL));
	CHECK_STR(err, "plant.def:6: spc_rule: expected it after the spc statement of measure t");
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr\n    spc_rule we1 warning=stop\n",
	    err, sizeof err, NULL));
	CHECK(strstr(err, "plant.def:7: spc_rule: expected the action log, alarm") == err);
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr\n    spc_rule we1 warning=log\n"
	    "    spc_rule we,n1 violation=alarm\n", err, sizeof err, NULL));
	CHECK(strstr(err, "plant.def:8: spc_rule: a rule of \"we,n1\" already has its action") ==
	    err);
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr\n    spc_rule drift warning=log\n",
	    err, sizeof err, NULL));
	CHECK_STR(err, "plant.def:7: spc_rule: drift needs drift=UNITS on the spc statement");
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr\n    spc chart=imr\n", err, sizeof err,
	    NULL));
	CHECK_STR(err, "plant.def:7: spc: measure t already has its spc statement");
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr n=3\n", err, sizeof err, NULL));
	CHECK(!parse("    measure t lsl=1\n    spc chart=imr window=5\n", err, sizeof err, NULL));
	CHECK_STR(err, "plant.def:6: spc: window= is the drift fit's; give drift=UNITS with it");
}

/* A characteristic that arrives as data (a load) is checked again. */
static void
test_checked_as_data(void)
{
	Yoke__Step s = YOKE__STEP__INIT;
	Yoke__SpcCharacteristic x = YOKE__SPC_CHARACTERISTIC__INIT;
	char err[300];

	s.kind = YOKE__STEP_KIND__STEP_MEASURE;
	s.spc = &x;
	s.source = (char *)"a.def:3";
	x.chart = YOKE__SPC_CHART__SPC_CHART_XBAR_R;
	x.subgroup = 400;
	x.learn = 20;
	CHECK(!defs_spc_check(&s, err, sizeof err));
	CHECK(strstr(err, "a.def:3: spc: subgroup size 400") == err);
	x.subgroup = 5;
	CHECK(defs_spc_check(&s, err, sizeof err));
	x.drift_units = 5;
	x.drift_window = 1000;
	CHECK(!defs_spc_check(&s, err, sizeof err));
	x.drift_window = 10;
	x.learn = 0;
	CHECK(!defs_spc_check(&s, err, sizeof err));
	s.kind = YOKE__STEP_KIND__STEP_CHECK;
	x.learn = 20;
	CHECK(!defs_spc_check(&s, err, sizeof err));
}

int
main(void)
{
	i18n_init();
	RUN(test_window_keeps_what_is_needed);
	RUN(test_learnt_limits_match_the_file_mode);
	RUN(test_rule_reported_at_the_completing_point);
	RUN(test_xbar_plots_whole_subgroups);
	RUN(test_dispersion_judged);
	RUN(test_drift_warns_once_within_reach);
	RUN(test_definitions);
	RUN(test_checked_as_data);
	return check_done();
}
