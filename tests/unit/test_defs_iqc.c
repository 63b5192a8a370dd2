/*
 * test_defs_iqc.c — a part's incoming inspection in the definition files:
 * iqc=LEVEL aql=AQL [check=NAME,...] is read into Part.iqc, and every
 * mistake is refused with file:line and what was expected: a level that is
 * not ISO 2859-1's, an AQL that is not one of its preferred values (or is
 * above 10, per hundred units), aql= or check= without iqc=, a check named
 * twice or an empty one.
 */
#include <string.h>

#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"
#include "tests/lib/harness.h"

/* Parses text alone as file "t.def"; returns the error, or "" when it parses. */
static const char *
parse_error(const char *text)
{
	static char err[512];
	Yoke__Definitions *d = defs_new();
	if (defs_parse(d, "t.def", text, err, sizeof err))
		err[0] = '\0';
	defs_free(d);
	return err;
}

static void
test_plan_read(void)
{
	Yoke__Definitions *d = defs_new();
	char err[512];

	REQUIRE(defs_parse(d, "p.def",
	    "part R1 rev=A tracking=lot iqc=II aql=1.0 check=Solderability,Marking \"Reel\"\n"
	    "part R2 rev=A tracking=lot iqc=s-3 aql=0.065 \"Tray\"\n"
	    "part R3 rev=A tracking=lot \"No inspection\"\n", err, sizeof err));
	REQUIRE(d->n_parts == 3);
	REQUIRE(d->parts[0]->iqc);
	CHECK_STR(d->parts[0]->iqc->level, "II");
	CHECK(d->parts[0]->iqc->aql == 1.0);
	REQUIRE(d->parts[0]->iqc->n_characteristics == 2);
	CHECK_STR(d->parts[0]->iqc->characteristics[0], "Solderability");
	CHECK_STR(d->parts[0]->iqc->characteristics[1], "Marking");
	REQUIRE(d->parts[1]->iqc);
	CHECK_STR(d->parts[1]->iqc->level, "S-3");      /* the standard's spelling, kept */
	CHECK(d->parts[1]->iqc->aql == 0.065);
	CHECK_INT(d->parts[1]->iqc->n_characteristics, 0);
	CHECK(d->parts[2]->iqc == NULL);
	defs_free(d);
}

static void
test_mistakes(void)
{
	CHECK_STR(parse_error("part R1 rev=A tracking=lot iqc=IV aql=1.0 \"r\"\n"),
	    "t.def:1: iqc: expected an ISO 2859-1 inspection level I, II, III, S-1, S-2, S-3 or "
	    "S-4, found \"IV\"");
	CHECK_STR(parse_error("part R1 rev=A tracking=lot iqc=2 aql=1.0 \"r\"\n"),
	    "t.def:1: iqc: expected an ISO 2859-1 inspection level I, II, III, S-1, S-2, S-3 or "
	    "S-4, found \"2\"");
	CHECK_STR(parse_error("\npart R1 rev=A tracking=lot iqc=II aql=1.2 \"r\"\n"),
	    "t.def:2: aql: 1.2 is not an ISO 2859-1 AQL for defective units; expected one of 0.010 "
	    "0.015 0.025 0.040 0.065 0.10 0.15 0.25 0.40 0.65 1.0 1.5 2.5 4.0 6.5 10");
	CHECK(strstr(parse_error("part R1 rev=A tracking=lot iqc=II aql=15 \"r\"\n"),
	    "aql: 15 is not an ISO 2859-1 AQL for defective units") != NULL);
	CHECK(strstr(parse_error("part R1 rev=A tracking=lot iqc=II aql=abc \"r\"\n"),
	    "t.def:1: aql: expected a decimal number") != NULL);
	CHECK_STR(parse_error("part R1 rev=A tracking=lot iqc=II \"r\"\n"),
	    "t.def:1: iqc= needs aql=AQL, the acceptance quality limit in percent nonconforming "
	    "(0.010 to 10)");
	CHECK_STR(parse_error("part R1 rev=A tracking=lot aql=1.0 \"r\"\n"),
	    "t.def:1: aql= needs iqc=LEVEL: the part's incoming inspection");
	CHECK_STR(parse_error("part R1 rev=A tracking=lot check=A \"r\"\n"),
	    "t.def:1: check= needs iqc=LEVEL: the part's incoming inspection");
	CHECK_STR(parse_error("part R1 rev=A tracking=lot iqc=II aql=1.0 check=A,B,A \"r\"\n"),
	    "t.def:1: check: A is named twice");
	CHECK_STR(parse_error("part R1 rev=A tracking=lot iqc=II aql=1.0 check=A,,B \"r\"\n"),
	    "t.def:1: check: expected names separated by commas, such as "
	    "check=Solderability,Marking; found \"A,,B\"");
	CHECK_STR(parse_error("part R1 rev=A tracking=lot iqc=II aql=1.0 check=, \"r\"\n"),
	    "t.def:1: check: expected names separated by commas, such as "
	    "check=Solderability,Marking; found \",\"");
	CHECK(strstr(parse_error("part R1 rev=A tracking=lot iqc=II aql=1.0 "
	    "check=A,B,C,D,E,F,G,H,I,J,K,L,M,N,O,P,Q \"r\"\n"),
	    "check: at most 16 characteristics are allowed") != NULL);
}

int
main(void)
{
	harness_i18n_init();
	i18n_use("en");
	RUN(test_plan_read);
	RUN(test_mistakes);
	return check_done();
}
