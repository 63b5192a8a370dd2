/*
 * test_load_plan.c — the pure part of a load (server/load_plan.c), with no
 * store: a "stored" set parsed from text stands for what yoked holds. A
 * loaded record replaces the stored one of its key, references reach the
 * stored records, duplicates among the loaded files are refused with
 * file:line, a stored released routing is written again only when
 * changed, which is refused, and the tracking and kind changes that work
 * in progress may depend on are listed for req-load to check.
 */
#include "server/admin/load_plan.h"
#include "shared/defs/defs.h"
#include "shared/util.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char stored_text[] =
    "part W \"Widget\" rev=A tracking=serial\n"
    "part IC \"Timer\" rev=A tracking=lot\n"
    "bom W\n  line IC qty=1 scan\n"
    "station S-1 \"Bench\" kind=ASSY\n"
    "routing W rev=A released\n"
    "  op 10 \"Assembly\" station=ASSY\n"
    "    scan IC\n";

static Yoke__Definitions *
stored_set(void)
{
	Yoke__Definitions *d = defs_new();
	char err[300];
	if (!defs_parse(d, "stored.def", stored_text, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		defs_free(d);
		return NULL;
	}
	return d;
}

/* Plans one file named name over stored. */
static bool
plan1(struct load_plan *p, const char *name, const char *text, const Yoke__Definitions *stored)
{
	Yoke__DefinitionFile f = YOKE__DEFINITION_FILE__INIT, *files[1] = { &f };
	f.name = (char *)name;
	f.text = (char *)text;
	return load_plan(p, files, 1, stored);
}

static void
merge_reaches_stored_records(void)
{
	Yoke__Definitions *stored = stored_set();
	struct load_plan p;
	REQUIRE(stored != NULL);
	/* A new part and a BOM that uses a stored one; IC is replaced. */
	CHECK(plan1(&p, "new.def", "part B \"Board\" rev=A tracking=serial\n"
	    "part IC \"Timer, new text\" rev=B tracking=lot\n"
	    "bom B\n  line IC qty=2\n", stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_OK);
	CHECK_INT(p.fresh->n_parts, 2);
	CHECK_INT(p.fresh->n_boms, 1);
	load_plan_free(&p);
	/* A reference to nothing is refused where it stands. */
	CHECK(!plan1(&p, "bad.def", "bom W\n  line NOPE qty=1\n", stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	CHECK(strncmp(p.message, "bad.def:1:", 10) == 0);
	CHECK(strstr(p.message, "NOPE") != NULL);
	load_plan_free(&p);
	/* Twice in the files: refused at the second. */
	CHECK(!plan1(&p, "dup.def", "part Q \"Q\" rev=A tracking=none\n"
	    "part Q \"Q again\" rev=A tracking=none\n", stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	CHECK(strstr(p.message, "dup.def:2: part Q is defined twice (first at dup.def:1)") != NULL);
	load_plan_free(&p);
	/* A file that does not parse. */
	CHECK(!plan1(&p, "syntax.def", "part X rev=A\n", stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	CHECK(strncmp(p.message, "syntax.def:1:", 13) == 0);
	load_plan_free(&p);
	defs_free(stored);
}

static void
released_routing_same_or_refused(void)
{
	Yoke__Definitions *stored = stored_set();
	struct load_plan p;
	REQUIRE(stored != NULL);
	/* The same content from another file and line: not written again. */
	CHECK(plan1(&p, "again.def", "\n\nrouting W rev=A released\n"
	    "  op 10 \"Assembly\" station=ASSY\n    scan IC\n"
	    "routing W rev=B\n  op 10 \"Draft\" station=ASSY\n    instruct \"x\"\n", stored));
	CHECK_INT(p.unchanged, 1);
	REQUIRE(p.fresh->n_routings == 2);
	CHECK(!p.write_routing[0]);
	CHECK(p.write_routing[1]);
	load_plan_free(&p);
	/* Changed: refused, naming where. */
	CHECK(!plan1(&p, "changed.def", "routing W rev=A released\n"
	    "  op 10 \"Assembly, changed\" station=ASSY\n    scan IC\n", stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_CONFLICT);
	CHECK(strstr(p.message, "changed.def:1: routing W rev A is released") != NULL);
	load_plan_free(&p);
	defs_free(stored);
}

/* A released routing's rework operations are content like its operations:
 * the same from another line is not a change, another step is. */
static void
released_rework_same_or_refused(void)
{
	static const char rework[] =
	    "routing W rev=C released rework_limit=3\n"
	    "  op 10 \"Assembly\" station=ASSY\n    scan IC\n"
	    "  rework 900 \"Rework\" station=ASSY\n    inspect \"Look again\" every=unit\n";
	Yoke__Definitions *stored = stored_set();
	struct load_plan p;
	char err[300], *moved;
	REQUIRE(stored != NULL);
	REQUIRE(defs_parse(stored, "stored.def", rework, err, sizeof err));
	moved = xasprintf("\n\n%s", rework);
	CHECK(plan1(&p, "again.def", moved, stored));
	CHECK_INT(p.unchanged, 1);
	load_plan_free(&p);
	free(moved);
	CHECK(!plan1(&p, "changed.def", "routing W rev=C released rework_limit=3\n"
	    "  op 10 \"Assembly\" station=ASSY\n    scan IC\n"
	    "  rework 900 \"Rework\" station=ASSY\n    inspect \"Look again\" every=unit by=inspector\n",
	    stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_CONFLICT);
	CHECK(strstr(p.message, "changed.def:1: routing W rev C is released") != NULL);
	load_plan_free(&p);
	defs_free(stored);
}

static void
tracking_and_kind_changes_listed(void)
{
	Yoke__Definitions *stored = stored_set();
	struct load_plan p;
	REQUIRE(stored != NULL);
	/* IC lot -> serial, W unchanged, S-1 ASSY -> PACK with S-2 taking ASSY. */
	CHECK(plan1(&p, "ch.def", "part W \"Widget\" rev=A tracking=serial\n"
	    "part IC \"Timer\" rev=A tracking=serial\n"
	    "part NEW \"New\" rev=A tracking=lot\n"
	    "station S-1 \"Bench\" kind=PACK\n"
	    "station S-2 \"Bench 2\" kind=ASSY\n", stored));
	REQUIRE(p.nretracked == 1);
	CHECK_STR(p.retracked[0].part->number, "IC");
	CHECK_INT(p.retracked[0].was, YOKE__TRACKING__TRACKING_LOT);
	CHECK_INT(p.retracked[0].part->tracking, YOKE__TRACKING__TRACKING_SERIAL);
	REQUIRE(p.nrekinded == 1);
	CHECK_STR(p.rekinded[0].station->id, "S-1");
	CHECK_STR(p.rekinded[0].was, "ASSY");
	load_plan_free(&p);
	/* Nothing changes: nothing listed. */
	CHECK(plan1(&p, "same.def", stored_text, stored));
	CHECK_INT(p.nretracked, 0);
	CHECK_INT(p.nrekinded, 0);
	load_plan_free(&p);
	defs_free(stored);
}

/* A CAPA trigger is keyed by its code and per=: loaded again, it replaces
 * the stored one; its code may be a stored defect code. */
static void
capa_triggers_merge(void)
{
	Yoke__Definitions *stored = stored_set();
	struct load_plan p;
	char err[300];
	REQUIRE(stored != NULL);
	REQUIRE(defs_parse(stored, "q.def", "defect BRIDGE category=method \"Bridge\"\n"
	    "capa_trigger BRIDGE count=3 within=50 per=station\n", err, sizeof err));
	/* The same key with other counts, and a new per=: both fine, as the
	 * first replaces the stored one rather than doubling it. */
	CHECK(plan1(&p, "t.def", "capa_trigger BRIDGE count=4 within=40 per=station\n"
	    "capa_trigger BRIDGE count=2 within=20 per=part\n", stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_OK);
	CHECK_INT(p.fresh->n_capa_triggers, 2);
	load_plan_free(&p);
	/* Twice in the files is refused; so is a code nobody defines. */
	CHECK(!plan1(&p, "t.def", "capa_trigger * count=2 within=20 per=part\n"
	    "capa_trigger * count=3 within=20 per=part\n", stored));
	CHECK(strstr(p.message, "t.def:2: capa_trigger * per=part is defined twice (first at "
	    "t.def:1)") != NULL);
	load_plan_free(&p);
	CHECK(!plan1(&p, "t.def", "capa_trigger NOPE count=2 within=20 per=part\n", stored));
	CHECK_INT(p.status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	CHECK(strstr(p.message, "no defect NOPE is defined") != NULL);
	load_plan_free(&p);
	defs_free(stored);
}

int
main(void)
{
	RUN(merge_reaches_stored_records);
	RUN(released_routing_same_or_refused);
	RUN(released_rework_same_or_refused);
	RUN(tracking_and_kind_changes_listed);
	RUN(capa_triggers_merge);
	return check_done();
}
