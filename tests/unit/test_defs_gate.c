/*
 * test_defs_gate.c — the pre-start gate's statements and options
 * (shared/defs/defs_gate.c): gauge, equipment, shift and gate are read;
 * gauge= and fai= land on their steps; qualified= entries carry their
 * expiry; every bad value is refused with file:line and what was expected;
 * the set's checks (an id twice, a second fai= step in one operation);
 * the date helpers and the expiry of the entries that allow an operation.
 */
#include <stdio.h>
#include <string.h>

#include "shared/defs/defs.h"
#include "shared/defs/defs_gate.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

#define HEAD \
	"part P \"Product\" rev=A tracking=serial\n" \
	"station A-1 \"Bench\" kind=A\n" \
	"routing P rev=A released\n  op 10 \"Assembly\" station=A\n" \
	"    measure gap unit=mm lsl=0.1 usl=0.5 gauge=caliper\n" \
	"    check \"Oven\" gauge=oven\n" \
	"    inspect \"First article\" by=inspector fai=shift\n" \
	"  op 20 \"Test\" station=A\n    check \"Works\"\n"

static bool
load(const char *tail, Yoke__Definitions **out, char *err, size_t errsz)
{
	char text[4096];
	Yoke__Definitions *d = defs_new();
	snprintf(text, sizeof text, "%s%s", HEAD, tail);
	err[0] = '\0';
	bool ok = defs_parse(d, "plant.def", text, err, errsz) && defs_validate(d, err, errsz);
	if (ok && out)
		*out = d;
	else
		defs_free(d);
	return ok;
}

/* Refused, with the message naming `word` and the line. */
static bool
refused(const char *tail, const char *line, const char *word)
{
	char err[512];
	if (load(tail, NULL, err, sizeof err))
		return false;
	if (strstr(err, line) == NULL || strstr(err, word) == NULL) {
		fprintf(stderr, "    \"%s\" lacks \"%s\" or \"%s\"\n", err, line, word);
		return false;
	}
	return true;
}

static void
test_read(void)
{
	Yoke__Definitions *d = NULL;
	char err[512];
	REQUIRE(load("gauge G-1 \"Caliper\" kind=caliper due=2027-01-31\n"
	    "equipment OVEN-1 \"Oven\" kind=oven due=2027-02-28\n"
	    "shift NIGHT start=22:00 end=06:00\n"
	    "gate qual_warn_days=9\n"
	    "operator 1 \"Ann\" role=operator qualified=P/10:2027-03-31,P/20\n", &d, err, sizeof err));
	REQUIRE(d->n_gauges == 2 && d->n_shifts == 1 && d->gate);
	CHECK_STR(d->gauges[0]->id, "G-1");
	CHECK_STR(d->gauges[0]->due, "2027-01-31");
	CHECK(!d->gauges[0]->equipment);
	CHECK(d->gauges[1]->equipment);
	CHECK_INT(d->shifts[0]->start_min, 22 * 60);
	CHECK_INT(d->shifts[0]->end_min, 6 * 60);
	CHECK_INT(d->gate->qual_warn_days, 9);
	const Yoke__Operation *op = d->routings[0]->operations[0];
	CHECK_STR(op->steps[0]->gauge, "caliper");
	CHECK_STR(op->steps[1]->gauge, "oven");
	CHECK_INT(op->steps[2]->fai, YOKE__FAI_TRIGGER__FAI_SHIFT);
	const Yoke__Operator *o = d->operators[0];
	REQUIRE(o->n_qualified == 2 && o->n_expiries == 1);
	CHECK_STR(o->qualified[0], "P/10");
	CHECK_STR(o->expiries[0]->qualification, "P/10");
	CHECK_STR(o->expiries[0]->until, "2027-03-31");
	CHECK(defs_qualified(o, "P", 10));
	int32_t until;
	const char *entry;
	CHECK(defs_qualification_expiry(o, "P", 10, &until, &entry));
	CHECK_STR(entry, "P/10");
	char date[16];
	defs_date_text(until, date, sizeof date);
	CHECK_STR(date, "2027-03-31");
	CHECK(!defs_qualification_expiry(o, "P", 20, &until, &entry));   /* never expires */
	defs_free(d);
}

static void
test_refused(void)
{
	CHECK(refused("gauge G-1 \"C\" kind=caliper due=2027-02-30\n", "plant.def:10", "YYYY-MM-DD"));
	CHECK(refused("gauge G-1 \"C\" kind=caliper\n", "plant.def:10", "due=YYYY-MM-DD"));
	CHECK(refused("gauge G:1 \"C\" kind=caliper due=2027-01-31\n", "plant.def:10", "':'"));
	CHECK(refused("shift X start=24:00 end=06:00\n", "plant.def:10", "HH:MM"));
	CHECK(refused("gate qual_warn_days=400\n", "plant.def:10", "0 to 365"));
	CHECK(refused("gate qual_warn_days=1\ngate qual_warn_days=2\n", "plant.def:11", "twice"));
	CHECK(refused("operator 1 \"Ann\" role=operator qualified=P/10:2027-13-01\n", "plant.def:10",
	    "YYYY-MM-DD"));
	CHECK(refused("gauge G-1 \"C\" kind=caliper due=2027-01-31\n"
	    "equipment G-1 \"O\" kind=oven due=2027-01-31\n", "plant.def:11", "twice"));
	CHECK(refused("shift A start=06:00 end=14:00\nshift A start=14:00 end=22:00\n",
	    "plant.def:11", "twice"));
}

static void
test_step_options_refused(void)
{
	char err[512];
	Yoke__Definitions *d = defs_new();
	CHECK(!defs_parse(d, "r.def", "part P \"P\" rev=A tracking=none\nstation A-1 \"B\" kind=A\n"
	    "routing P rev=A\n  op 10 \"X\" station=A\n    inspect \"FA\" fai=lot\n", err, sizeof err));
	CHECK(strstr(err, "r.def:5") && strstr(err, "wo, shift or setup"));
	CHECK(!defs_parse(d, "r.def", "part P \"P\" rev=A tracking=none\nstation A-1 \"B\" kind=A\n"
	    "routing P rev=A\n  op 10 \"X\" station=A\n    inspect \"FA\" fai=wo every=unit\n", err,
	    sizeof err));
	CHECK(strstr(err, "r.def:5") && strstr(err, "every="));
	CHECK(!defs_parse(d, "r.def", "part P \"P\" rev=A tracking=none\nstation A-1 \"B\" kind=A\n"
	    "routing P rev=A\n  op 10 \"X\" station=A\n    instruct \"Do\" gauge=caliper\n", err,
	    sizeof err));
	CHECK(strstr(err, "r.def:5") && strstr(err, "unknown option"));
	defs_free(d);
	CHECK(refused("routing P rev=B\n  op 10 \"X\" station=A\n    inspect \"A\" fai=wo\n"
	    "    inspect \"B\" fai=setup\n", "plant.def:13", "second first-article"));
}

static void
test_dates(void)
{
	int32_t d;
	char buf[16];
	CHECK(defs_date_days("1970-01-01", &d) && d == 0);
	CHECK(defs_date_days("2024-02-29", &d));
	defs_date_text(d, buf, sizeof buf);
	CHECK_STR(buf, "2024-02-29");
	CHECK(!defs_date_days("2023-02-29", NULL));
	CHECK(!defs_date_days("2023-1-01", NULL));
	CHECK(!defs_date_days("2023-01-01x", NULL));
	CHECK(defs_date_days("2027-01-01", &d));
	int32_t e;
	CHECK(defs_date_days("2026-12-31", &e) && e == d - 1);
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(test_read);
	RUN(test_refused);
	RUN(test_step_options_refused);
	RUN(test_dates);
	return check_done();
}
