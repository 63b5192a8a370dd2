/*
 * test_spc.c — control limits, run rules, capability, drift and the text
 * chart. Published vectors from standards.md §3.5: NIST/SEMATECH
 * e-Handbook 6.3.2.2 (pmc322, I-MR flow rate) and 6.3.3.2 (pmc332, p chart
 * of 30 wafers × 50 chips); the capability vector of §3.5 item 4.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shared/quality/spc.h"
#include "shared/quality/spc_chart.h"
#include "tests/lib/check.h"

static const double pmc322[] = { 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1 };

static const double pmc332_frac[] = { .24, .30, .16, .20, .08, .14, .32, .18, .28, .20, .10,
	.12, .34, .24, .44, .16, .20, .10, .26, .22, .40, .36, .48, .30, .18, .24, .14, .26, .18,
	.12 };

static void
test_constants(void)
{
	struct spc_constants k;

	REQUIRE(spc_constants(5, &k));
	CHECK_NEAR(k.a2, 0.577, 1e-9);
	CHECK_NEAR(k.D4, 2.114, 1e-9);
	REQUIRE(spc_constants(2, &k));
	CHECK_NEAR(k.E2, 2.660, 0.0005);
	/* Computed ones agree with the printed tables within 0.001
	 * (Montgomery App. VI: n = 15, A2 0.223, B4 1.572, c4 0.9823). */
	REQUIRE(spc_constants(15, &k));
	CHECK_NEAR(k.a2, 0.223, 0.001);
	CHECK_NEAR(k.c4, 0.9823, 0.0001);
	CHECK_NEAR(k.B4, 1.572, 0.001);
	CHECK(!spc_constants(1, &k));
	CHECK(!spc_constants(26, &k));
}

/* NIST pmc322: x̄ 50.81, MR̄ 1.8778, UCL 55.8041, LCL 45.8159; MR UCL 6.1347. */
static void
test_imr_pmc322(void)
{
	struct spc_chart c;
	char err[200];

	REQUIRE(spc_chart_compute(SPC_IMR, pmc322, NULL, 10, 1, &c, err, sizeof err));
	CHECK_NEAR(c.cl, 50.81, 1e-9);
	CHECK_NEAR(c.disp_cl, 1.8778, 0.0001);
	CHECK_NEAR(c.ucl[0], 55.8041, 0.0001);
	CHECK_NEAR(c.lcl[9], 45.8159, 0.0001);
	CHECK_NEAR(c.disp_ucl, 6.1347, 0.0001);
	CHECK_NEAR(c.sigma_within, 1.6647, 0.0001);
	CHECK_INT(spc_rules_check(&c, SPC_RULES_WE | SPC_RULES_NELSON, NULL, 0), 0);
	spc_chart_free(&c);
}

/* NIST pmc332: p̄ 0.2313, UCL 0.4102, LCL 0.0524; points 15 and 23 out. */
static void
test_p_pmc332(void)
{
	double d[30];
	struct spc_chart c;
	struct spc_violation v[8];
	char err[200];

	for (int i = 0; i < 30; i++)
		d[i] = round(pmc332_frac[i] * 50);
	REQUIRE(spc_chart_compute(SPC_P, d, NULL, 30, 50, &c, err, sizeof err));
	CHECK_NEAR(c.cl, 0.2313, 0.0001);
	CHECK_NEAR(c.ucl[0], 0.4102, 0.0001);
	CHECK_NEAR(c.lcl[0], 0.0524, 0.0001);
	REQUIRE(spc_rules_check(&c, SPC_NELSON1, v, 8) == 2);
	CHECK_INT(v[0].index, 14);
	CHECK_INT(v[1].index, 22);
	spc_chart_free(&c);
	/* np version (computed in §3.5): CL 11.567, UCL 20.512, LCL 2.621. */
	REQUIRE(spc_chart_compute(SPC_NP, d, NULL, 30, 50, &c, err, sizeof err));
	CHECK_NEAR(c.cl, 11.567, 0.001);
	CHECK_NEAR(c.ucl[3], 20.512, 0.001);
	CHECK_NEAR(c.lcl[3], 2.621, 0.001);
	spc_chart_free(&c);
}

static void
test_c_u_and_varying_n(void)
{
	const double cnt[] = { 4, 9, 0, 1 }, size[] = { 100, 100, 25, 25 };
	struct spc_chart c;
	char err[200];

	REQUIRE(spc_chart_compute(SPC_C, cnt, NULL, 4, 0, &c, err, sizeof err));
	CHECK_NEAR(c.cl, 3.5, 1e-12);
	CHECK_NEAR(c.ucl[0], 3.5 + 3 * sqrt(3.5), 1e-12);
	CHECK_NEAR(c.lcl[0], 0, 1e-12);                       /* clamped */
	spc_chart_free(&c);
	/* u: ū = 14/250; limits widen for the small subgroups. */
	REQUIRE(spc_chart_compute(SPC_U, cnt, size, 4, 0, &c, err, sizeof err));
	CHECK_NEAR(c.cl, 0.056, 1e-12);
	CHECK_NEAR(c.ucl[0], 0.056 + 3 * sqrt(0.056 / 100), 1e-12);
	CHECK_NEAR(c.ucl[2], 0.056 + 3 * sqrt(0.056 / 25), 1e-12);
	spc_chart_free(&c);
	CHECK(!spc_chart_compute(SPC_NP, cnt, size, 4, 0, &c, err, sizeof err));
	CHECK(strstr(err, "constant subgroup size") != NULL);
	CHECK(!spc_chart_compute(SPC_P, cnt, NULL, 4, 5, &c, err, sizeof err));
	CHECK(strstr(err, "out of") != NULL);
}

/* X̄-R and X̄-S by hand: subgroups {1,2,3} and {2,4,6}. */
static void
test_xbar(void)
{
	const double x[] = { 1, 2, 3, 2, 4, 6 };
	struct spc_chart c;
	char err[200];

	REQUIRE(spc_chart_compute(SPC_XBAR_R, x, NULL, 6, 3, &c, err, sizeof err));
	CHECK_NEAR(c.cl, 3, 1e-12);
	CHECK_NEAR(c.disp_cl, 3, 1e-12);                      /* R̄ = (2 + 4) / 2 */
	CHECK_NEAR(c.ucl[0], 3 + 1.023 * 3, 1e-12);
	CHECK_NEAR(c.disp_ucl, 2.574 * 3, 1e-12);
	CHECK_NEAR(c.sigma_within, 3 / 1.693, 1e-12);
	spc_chart_free(&c);
	REQUIRE(spc_chart_compute(SPC_XBAR_S, x, NULL, 6, 3, &c, err, sizeof err));
	CHECK_NEAR(c.disp_cl, 1.5, 1e-12);                    /* S̄ = (1 + 2) / 2 */
	CHECK_NEAR(c.ucl[0], 3 + 1.954 * 1.5, 1e-12);
	spc_chart_free(&c);
	CHECK(!spc_chart_compute(SPC_XBAR_R, x, NULL, 5, 3, &c, err, sizeof err));
	CHECK(strstr(err, "whole subgroups") != NULL);
	CHECK(!spc_chart_compute(SPC_XBAR_R, x, NULL, 6, 1, &c, err, sizeof err));
	CHECK(!spc_chart_compute(SPC_IMR, x, NULL, 1, 1, &c, err, sizeof err));
	CHECK(!spc_chart_compute(SPC_IMR, x, NULL, 0, 1, &c, err, sizeof err));
	CHECK(!spc_chart_compute(SPC_C, x, NULL, 0, 1, &c, err, sizeof err));
}

/* A hand-made chart with CL 0, sigma 1, limits ±3. */
static void
make(struct spc_chart *c, const double *x, int n)
{
	static double ucl[64], lcl[64], pts[64];

	memset(c, 0, sizeof *c);
	for (int i = 0; i < n; i++) {
		ucl[i] = 3;
		lcl[i] = -3;
		pts[i] = x[i];
	}
	c->npoints = n;
	c->point = pts;
	c->ucl = ucl;
	c->lcl = lcl;
}

static bool
has(const struct spc_violation *v, int nv, int index, unsigned rule)
{
	for (int i = 0; i < nv; i++)
		if (v[i].index == index && v[i].rule == rule)
			return true;
	return false;
}

static void
test_rules(void)
{
	struct spc_chart c;
	struct spc_violation v[64];
	const double on_limit[] = { 3, -3, 3.01 };
	const double two_of_3[] = { 0, 2.5, 0.5, 2.1 };
	const double trend[] = { 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 };
	const double tie[] = { 0, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5 };
	const double mix[] = { 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5 };
	double run9[9], alt[14], strat[15];
	int nv;

	make(&c, on_limit, 3);
	nv = spc_rules_check(&c, SPC_NELSON1, v, 64);
	CHECK_INT(nv, 1);                                     /* on a limit is not beyond */
	CHECK(has(v, nv, 2, SPC_NELSON1));
	make(&c, two_of_3, 4);
	nv = spc_rules_check(&c, SPC_NELSON5 | SPC_WE2, v, 64);
	CHECK(has(v, nv, 3, SPC_NELSON5) && has(v, nv, 3, SPC_WE2));
	CHECK_INT(nv, 2);
	make(&c, trend, 7);
	nv = spc_rules_check(&c, SPC_NELSON3, v, 64);
	CHECK(has(v, nv, 5, SPC_NELSON3) && has(v, nv, 6, SPC_NELSON3));
	CHECK_INT(nv, 2);
	make(&c, tie, 7);
	CHECK_INT(spc_rules_check(&c, SPC_NELSON3, v, 64), 0);   /* a tie ends a trend */
	for (int i = 0; i < 9; i++)
		run9[i] = 0.5;
	make(&c, run9, 9);
	nv = spc_rules_check(&c, SPC_NELSON2 | SPC_WE4, v, 64);
	CHECK(has(v, nv, 8, SPC_NELSON2) && has(v, nv, 7, SPC_WE4) && has(v, nv, 8, SPC_WE4));
	CHECK_INT(nv, 3);
	for (int i = 0; i < 14; i++)
		alt[i] = i % 2 ? 0.5 : -0.5;
	make(&c, alt, 14);
	nv = spc_rules_check(&c, SPC_NELSON4, v, 64);
	CHECK_INT(nv, 1);
	CHECK(has(v, nv, 13, SPC_NELSON4));
	for (int i = 0; i < 15; i++)
		strat[i] = i % 3 ? 0.2 : -0.3;
	make(&c, strat, 15);
	CHECK_INT(spc_rules_check(&c, SPC_NELSON7, v, 64), 1);
	make(&c, mix, 8);
	nv = spc_rules_check(&c, SPC_NELSON8 | SPC_NELSON6, v, 64);
	CHECK_INT(nv, 1);
	CHECK(has(v, nv, 7, SPC_NELSON8));
}

static void
test_rules_parse(void)
{
	unsigned r;

	CHECK(spc_rules_parse("we", &r) && r == SPC_RULES_WE);
	CHECK(spc_rules_parse("nelson", &r) && r == SPC_RULES_NELSON);
	CHECK(spc_rules_parse("1,2,5", &r) && r == (SPC_NELSON1 | SPC_NELSON2 | SPC_NELSON5));
	CHECK(spc_rules_parse("we1,we4", &r) && r == (SPC_WE1 | SPC_WE4));
	CHECK(!spc_rules_parse("9", &r));
	CHECK(!spc_rules_parse("", &r));
	CHECK(!spc_rules_parse("1,,2", &r));
}

/* §3.5 item 4, and pmc322 with specs 45–56 (computed in the digest). */
static void
test_capability(void)
{
	const double x[] = { 14, 18 };
	struct spc_capability c;
	char err[200];

	REQUIRE(spc_capability(x, 2, 2, true, 8, true, 20, &c, err, sizeof err));
	CHECK_NEAR(c.cp, 1.0, 1e-12);
	CHECK_NEAR(c.cpu, 0.6667, 0.0001);
	CHECK_NEAR(c.cpl, 1.3333, 0.0001);
	CHECK_NEAR(c.cpk, 0.6667, 0.0001);
	REQUIRE(spc_capability(pmc322, 10, 1.87777778 / 1.128, true, 45, true, 56, &c, err,
	    sizeof err));
	CHECK_NEAR(c.sigma_overall, 2.0339, 0.0001);
	CHECK_NEAR(c.cp, 1.1013, 0.0001);
	CHECK_NEAR(c.cpk, 1.0392, 0.0001);
	CHECK_NEAR(c.pp, 0.9014, 0.0001);
	CHECK_NEAR(c.ppk, 0.8506, 0.0001);
	/* One-sided: no Cp. */
	REQUIRE(spc_capability(pmc322, 10, 1.6647, false, 0, true, 56, &c, err, sizeof err));
	CHECK(isnan(c.cp));
	CHECK_NEAR(c.cpk, c.cpu, 1e-12);
	CHECK(!spc_capability(pmc322, 1, 1, true, 45, true, 56, &c, err, sizeof err));
	CHECK(!spc_capability(pmc322, 10, 1, true, 56, true, 45, &c, err, sizeof err));
	CHECK(!spc_capability(pmc322, 10, 1, false, 0, false, 0, &c, err, sizeof err));
}

/* Constant data: zero sigma, no violation, capability undefined, not infinite. */
static void
test_constant_data(void)
{
	const double x[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
	struct spc_chart c;
	struct spc_capability cap;
	char err[200];

	REQUIRE(spc_chart_compute(SPC_IMR, x, NULL, 16, 1, &c, err, sizeof err));
	CHECK_NEAR(c.sigma_within, 0, 0);
	CHECK_INT(spc_rules_check(&c, SPC_RULES_WE | SPC_RULES_NELSON, NULL, 0), 0);
	REQUIRE(spc_capability(x, 16, c.sigma_within, true, 4, true, 6, &cap, err, sizeof err));
	CHECK(isnan(cap.cpk) && isnan(cap.ppk));
	spc_chart_free(&c);
}

static void
test_drift(void)
{
	const double x[] = { 10, 10, 10, 10, 10, 10.1, 10.2, 10.3, 10.4, 10.5 };
	struct spc_drift d;

	REQUIRE(spc_drift(x, 10, 5, true, 9, true, 11, &d));
	CHECK_NEAR(d.slope, 0.1, 1e-9);
	CHECK(d.crosses && d.upper);
	CHECK_NEAR(d.units, 5, 1e-9);                         /* 10.5 + 5 × 0.1 = 11 */
	REQUIRE(spc_drift(x, 10, 5, true, 9, false, 0, &d));
	CHECK(!d.crosses);
	CHECK(!spc_drift(x, 2, 5, true, 9, true, 11, &d));
}

static void
test_render(void)
{
	struct spc_chart c;
	struct spc_violation v[4];
	char err[200], *s, *line;
	int nv, lines = 0;
	double d[30];

	for (int i = 0; i < 30; i++)
		d[i] = round(pmc332_frac[i] * 50);
	REQUIRE(spc_chart_compute(SPC_P, d, NULL, 30, 50, &c, err, sizeof err));
	nv = spc_rules_check(&c, SPC_NELSON1, v, 4);
	s = spc_chart_render_string(&c, v, nv, 80, 16);
	REQUIRE(s != NULL);
	CHECK(strstr(s, "UCL") && strstr(s, "LCL") && strstr(s, "CL "));
	{
		int xs = 0;
		for (char *p = strchr(s, '\n'); p && *p; p++)
			xs += *p == 'X';
		CHECK_INT(xs, 2);                                 /* the two points above UCL */
	}
	for (char *save = NULL, *p = s; (line = strtok_r(p, "\n", &save)); p = NULL) {
		CHECK(strlen(line) <= 80);
		lines++;
	}
	CHECK_INT(lines, 19);
	free(s);
	spc_chart_free(&c);
}

int
main(void)
{
	RUN(test_constants);
	RUN(test_imr_pmc322);
	RUN(test_p_pmc332);
	RUN(test_c_u_and_varying_n);
	RUN(test_xbar);
	RUN(test_rules);
	RUN(test_rules_parse);
	RUN(test_capability);
	RUN(test_constant_data);
	RUN(test_drift);
	RUN(test_render);
	return check_done();
}
