/*
 * it_scan_gs1.c — a supplier's GS1 label scanned at a station, in every
 * form a scanner sends it, against a real yoked: the AIM identifier, GS
 * separators, the "(AI)" form and a Digital Link all map to the part
 * through gtin= in the definitions, give its lot (10) or serial (21) and
 * quantity (30); an expired (17), a GTIN of another part, a GTIN of no
 * part and a lot-tracked part's label without (10) are refused, each
 * naming the AI; and with AIM identifiers on, the unit's own label and a
 * badge still work ("]Q1WO1-0001", "]C1100").
 *
 * Plant: tests/data/plant-small (WIDGET op 10 at ASSY: instruct, scan
 * BOARD-1 (serial, gtin=09521234000013), scan CELL x2, scan IC-555 (lot,
 * gtin=09521234543213), ...; IC-556 has gtin=09521234000020).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define GS "\x1d"

enum { S_INSTRUCT, S_BOARD, S_CELL, S_IC };

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *c;        /* badged in at ASSY-1 as 100 */
	struct client *eng;
};

static bool
setup(struct fixture *f, uint32_t units)
{
	Yoke__Reply *rp;
	bool ok;
	memset(f, 0, sizeof *f);
	f->y = harness_start_loaded(HARNESS_SMALL_PLANT, &f->p);
	if (f->y == NULL)
		return false;
	f->c = harness_client(f->y, "ASSY-1@it");
	f->eng = harness_engineer(f->y, f->p, "it");
	if (f->eng == NULL)
		return false;
	rp = harness_release(f->eng, "WO1", "WIDGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	rp = harness_badge_in(f->c, "ASSY-1", "100");
	ok = ok && rp && rp->status == OK;
	client_reply_free(rp);
	return ok;
}

static void
teardown(struct fixture *f)
{
	client_free(f->c);
	client_free(f->eng);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

/* Opens the unit and does its steps right up to (not including) `upto`. */
static bool
work_until(struct fixture *f, const char *serial, uint32_t upto, const char *id)
{
	Yoke__Reply *rp = harness_open_unit(f->c, serial);
	unsigned n = 0;
	while (rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->current_step < upto) {
		char sid[64];
		snprintf(sid, sizeof sid, "%s%u", id, n++);
		Yoke__Reply *next = harness_step_right(f->c, f->p, rp->unit, "200", sid);
		client_reply_free(rp);
		rp = next;
	}
	bool ok = rp && rp->status == OK && rp->unit && rp->unit->current_step == upto;
	if (!ok)
		fprintf(stderr, "  work_until %s step %u: %s %s\n", serial, upto,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
	client_reply_free(rp);
	return ok;
}

/* The unit's last COMPONENT_SCANNED event (in *keep's trace), or NULL. */
static const Yoke__Event *
last_scan(struct client *c, const char *serial, Yoke__Reply **keep)
{
	const Yoke__Event *e = NULL;
	*keep = harness_trace(c, serial);
	if (*keep == NULL || (*keep)->status != OK || (*keep)->body_case != YOKE__REPLY__BODY_TRACE)
		return NULL;
	for (size_t i = 0; i < (*keep)->trace->n_events; i++)
		if ((*keep)->trace->events[i]->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED)
			e = (*keep)->trace->events[i];
	return e;
}

/* The supplier label of IC-555 (lot-tracked) in every form a scanner may
 * send it: each is taken, with its lot, at the IC-555 step. */
static void
test_every_form(void)
{
	static const struct { const char *scan; uint32_t qty; } forms[] = {
		{ "]C1010952123454321310LOT-2411-07", 1 },
		{ "]C10109521234543213" "17351231" "10LOT-2411-07" GS "3025\r\n", 25 },
		{ "10LOT-2411-07" GS "0109521234543213", 1 },        /* no identifier, a GS */
		{ "(01)09521234543213(10)LOT-2411-07", 1 },
		{ "https://id.example.com/01/09521234543213/10/LOT-2411-07", 1 },
		{ "]Q1https://id.example.com/01/09521234543213/10/LOT-2411-07?30=12", 12 },
		{ "]d2010952123454321310LOT-2411-07", 1 },
	};
	const size_t n = sizeof forms / sizeof forms[0];
	struct fixture f;
	REQUIRE(setup(&f, (uint32_t)n));
	for (size_t i = 0; i < n; i++) {
		char serial[32], id[16];
		Yoke__Reply *rp, *tr;
		snprintf(serial, sizeof serial, "WO1-%04zu", i + 1);
		snprintf(id, sizeof id, "F%zu-", i);
		if (!work_until(&f, serial, S_IC, id)) {
			check_fail(__FILE__, __LINE__, "form %zu: could not reach the IC-555 step", i);
			continue;
		}
		rp = harness_step_scan(f.c, serial, S_IC, forms[i].scan);
		if (rp == NULL || rp->status != OK) {
			check_fail(__FILE__, __LINE__, "form %zu refused: %s %s", i,
			    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
			client_reply_free(rp);
			continue;
		}
		CHECK(strstr(rp->message, "IC-555/LOT-2411-07") != NULL);
		CHECK_INT(rp->unit->current_step, S_IC + 1);
		client_reply_free(rp);
		const Yoke__Event *e = last_scan(f.c, serial, &tr);
		CHECK(e != NULL);
		if (e) {
			CHECK_STR(e->part, "IC-555");
			CHECK_STR(e->lot, "LOT-2411-07");
			CHECK_INT(e->qty, forms[i].qty);
		}
		client_reply_free(tr);
	}
	/* Every form wrote the same genealogy: the lot of IC-555 in every unit. */
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WhereUsedQuery wu = YOKE__WHERE_USED_QUERY__INIT;
	wu.component = (char *)"IC-555/LOT-2411-07";
	rq.body_case = YOKE__REQUEST__BODY_WHERE_USED;
	rq.where_used = &wu;
	Yoke__Reply *rp = harness_call(f.eng, &rq, HARNESS_TRIES);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->status == OK)
		CHECK_INT(rp->where_used->n_units, n);
	client_reply_free(rp);
	/* The supplier's label itself finds them too. */
	wu.component = (char *)"]C1010952123454321310LOT-2411-07";
	rp = harness_call(f.eng, &rq, HARNESS_TRIES);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->status == OK)
		CHECK_INT(rp->where_used->n_units, n);
	client_reply_free(rp);
	wu.component = (char *)"(01)09521234000037(10)LOT-2411-07";
	rp = harness_call(f.eng, &rq, HARNESS_TRIES);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK(strstr(rp->message, "no part has gtin=09521234000037") != NULL);
	client_reply_free(rp);
	teardown(&f);
}

/* Each refusal names the AI that did not match, and the step stays. */
static void
test_refusals(void)
{
	static const struct { const char *scan; Yoke__Status st; const char *says; } bad[] = {
		{ "(01)09521234543213(17)201231(10)LOT-OLD", YOKE__STATUS__STATUS_BAD_SCAN,
		  "IC-555 lot LOT-OLD expired on 2020-12-31 (the label's expiry date, AI 17)" },
		{ "]C1010952123400002010LOT-1", YOKE__STATUS__STATUS_WRONG_PART,
		  "GTIN 09521234000020 is IC-556, this step needs IC-555" },
		{ "(01)09521234000037(10)L1", YOKE__STATUS__STATUS_WRONG_PART,
		  "GTIN 09521234000037 is not a part of this plant (no part has gtin=09521234000037)" },
		{ "]C10109521234543213", YOKE__STATUS__STATUS_BAD_SCAN,
		  "IC-555 is lot-tracked: this GS1 label (GTIN 09521234543213) has no lot (10)" },
		{ "]C100009521401000000013", YOKE__STATUS__STATUS_BAD_SCAN,   /* a pallet's SSCC */
		  "This GS1 label carries no GTIN (01) or (02), so it names no part" },
		{ "]C1010952123454321410LOT-1", YOKE__STATUS__STATUS_BAD_SCAN,
		  "This GS1 label cannot be read: " },
		{ "https://id.example.com/10/LOT-1", YOKE__STATUS__STATUS_BAD_SCAN,
		  "This GS1 label cannot be read: " },
		{ "IC-556/LOT-1", YOKE__STATUS__STATUS_WRONG_PART,
		  "Wrong part: scanned IC-556, this step needs IC-555" },
	};
	struct fixture f;
	REQUIRE(setup(&f, 1));
	REQUIRE(work_until(&f, "WO1-0001", S_IC, "R"));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		Yoke__Reply *rp = harness_step_scan(f.c, "WO1-0001", S_IC, bad[i].scan);
		if (rp == NULL) {
			check_fail(__FILE__, __LINE__, "%zu: no answer", i);
			continue;
		}
		if (rp->status != bad[i].st || strstr(rp->message, bad[i].says) == NULL)
			check_fail(__FILE__, __LINE__, "%zu: %s \"%s\", expected %s \"%s\"", i,
			    status_name(rp->status), rp->message, status_name(bad[i].st), bad[i].says);
		client_reply_free(rp);
	}
	/* Nothing was recorded: the right label is still taken at the same step. */
	Yoke__Reply *rp = harness_step_scan(f.c, "WO1-0001", S_IC,
	    "]C1010952123454321317" "351231" "10LOT-NEW");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	teardown(&f);
}

/* A serial-tracked part's GS1 label gives its serial (21), consumed once. */
static void
test_serial_label(void)
{
	struct fixture f;
	Yoke__Reply *rp, *tr;
	REQUIRE(setup(&f, 2));
	REQUIRE(work_until(&f, "WO1-0001", S_BOARD, "A"));
	rp = harness_step_scan(f.c, "WO1-0001", S_BOARD, "]d2010952123400001321SN-0001" GS "10B7");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	const Yoke__Event *e = last_scan(f.c, "WO1-0001", &tr);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->part, "BOARD-1");
		CHECK_STR(e->component_serial, "SN-0001");
		CHECK_STR(e->lot, "B7");
	}
	client_reply_free(tr);
	/* Without (21): said so. */
	REQUIRE(work_until(&f, "WO1-0002", S_BOARD, "B"));
	rp = harness_step_scan(f.c, "WO1-0002", S_BOARD, "]C10109521234000013");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_SCAN);
	CHECK(strstr(rp->message, "has no serial (21)") != NULL);
	client_reply_free(rp);
	/* The same serial in another unit, scanned as yoke's own label. */
	rp = harness_step_scan(f.c, "WO1-0002", S_BOARD, "BOARD-1/SN-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_SERIAL_ALREADY_USED);
	client_reply_free(rp);
	teardown(&f);
}

/* With AIM identifiers on, the unit's own label and a badge work. */
static void
test_identifiers_on_serials_and_badges(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	struct client *c2 = harness_client(f.y, "ASSY-2@it");
	rp = harness_badge_in(c2, "ASSY-2", "]C1102\r\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->status == OK)
		CHECK_STR(rp->badge_in->badge, "102");
	client_reply_free(rp);
	rp = harness_open_unit(c2, "]Q1WO1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	if (rp->status == OK)
		CHECK_STR(rp->unit->serial, "WO1-0001");
	client_reply_free(rp);
	rp = harness_step_confirm(c2, "]Q1WO1-0001", S_INSTRUCT);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	/* A component label of yoke's own with a plain identifier. */
	rp = harness_step_scan(c2, "WO1-0001", S_BOARD, "]C0BOARD-1/B-77");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	CHECK(strstr(rp->message, "BOARD-1/B-77") != NULL);
	client_reply_free(rp);
	rp = harness_trace(f.eng, "]A0WO1-0001");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	client_free(c2);
	teardown(&f);
}

static Yoke__Reply *
load_one(struct client *c, const char *text)
{
	const char *names[] = { "gtin.def" };
	const char *texts[] = { text };
	return harness_load_files(c, names, texts, 1, false);
}

/* One GTIN, one part, across loads; moving a GTIN moves the scan. */
static void
test_gtin_in_loads(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	REQUIRE(setup(&f, 1));
	rp = load_one(f.eng, "part X-9 \"Another\" rev=A tracking=lot gtin=09521234543213\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_INVALID_DEFINITION);
	/* Both places are named (the stored part comes after the loaded ones). */
	if (strstr(rp->message, "plant.def:9: part IC-555: gtin 09521234543213 is also part "
	    "X-9's (at gtin.def:1)") == NULL)
		check_fail(__FILE__, __LINE__, "load: \"%s\"", rp->message);
	client_reply_free(rp);
	/* IC-556 takes the GTIN IC-555 gives up, in one load. */
	rp = load_one(f.eng, "part IC-555 \"Timer IC\" rev=A tracking=lot\n"
	    "part IC-556 \"Dual timer IC\" rev=A tracking=lot gtin=09521234543213\n");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	client_reply_free(rp);
	REQUIRE(work_until(&f, "WO1-0001", S_IC, "G"));
	rp = harness_step_scan(f.c, "WO1-0001", S_IC, "]C1010952123454321310LOT-1");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_WRONG_PART);
	CHECK(strstr(rp->message, "GTIN 09521234543213 is IC-556, this step needs IC-555") != NULL);
	client_reply_free(rp);
	/* IC-556's old GTIN names no part now. */
	rp = harness_step_scan(f.c, "WO1-0001", S_IC, "]C1010952123400002010LOT-1");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_WRONG_PART);
	CHECK(strstr(rp->message, "no part has gtin=09521234000020") != NULL);
	client_reply_free(rp);
	teardown(&f);
}

int
main(void)
{
	RUN(test_every_form);
	RUN(test_refusals);
	RUN(test_serial_label);
	RUN(test_identifiers_on_serials_and_badges);
	RUN(test_gtin_in_loads);
	return check_done();
}
