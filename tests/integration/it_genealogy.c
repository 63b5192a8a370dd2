/*
 * it_genealogy.c — forward genealogy against a real yoked: after units are
 * built, `where_used` names every unit a lot went into and the one unit a
 * serial went into, with where each stands now; a label without its lot or
 * serial, or not a label at all, is refused; an unknown lot has no units.
 * Plant: tests/data/plant-small (WIDGET op 10 at ASSY: BOARD-1 serial,
 * CELL x2 serial, IC-555 lot, a measurement, a check, an inspection).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"

#include <stdio.h>
#include <string.h>

static struct yoked *y;
static struct client *c;

static Yoke__Reply *
where_used(const char *label)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WhereUsedQuery q = YOKE__WHERE_USED_QUERY__INIT;
	q.component = (char *)label;
	rq.body_case = YOKE__REQUEST__BODY_WHERE_USED;
	rq.where_used = &q;
	return harness_call(c, &rq, 5);
}

/* Every step of op 10 of a WIDGET unit, with the given IC-555 lot. */
static bool
build(const char *serial, int n, const char *lot)
{
	char label[64];
	Yoke__Reply *rp;
	bool ok = true;
	uint32_t s = 0;

#define STEP(call) do { rp = (call); ok = ok && rp && rp->status == YOKE__STATUS__STATUS_OK; \
	client_reply_free(rp); } while (0)
	STEP(harness_open_unit(c, serial));
	STEP(harness_step_confirm(c, serial, s++));
	snprintf(label, sizeof label, "BOARD-1/B-%d", n);
	STEP(harness_step_scan(c, serial, s++, label));
	snprintf(label, sizeof label, "CELL/C-%d-a", n);
	STEP(harness_step_scan(c, serial, s, label));
	snprintf(label, sizeof label, "CELL/C-%d-b", n);
	STEP(harness_step_scan(c, serial, s++, label));
	snprintf(label, sizeof label, "IC-555/%s", lot);
	STEP(harness_step_scan(c, serial, s++, label));
	STEP(harness_step_value(c, serial, s++, 5.0));
	STEP(harness_step_pass(c, serial, s++, true));
	STEP(harness_step_inspection(c, serial, s++, true, "200", ""));
	STEP(harness_complete(c, serial));
#undef STEP
	return ok;
}

static bool
lists(const Yoke__Reply *rp, const char *serial)
{
	for (size_t i = 0; rp && rp->where_used && i < rp->where_used->n_units; i++)
		if (strcmp(rp->where_used->units[i]->serial, serial) == 0)
			return true;
	return false;
}

static void
test_lot_names_every_unit(void)
{
	Yoke__Reply *rp = where_used("IC-555/LOT-A");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_OK);
	REQUIRE(rp->body_case == YOKE__REPLY__BODY_WHERE_USED);
	CHECK_INT(rp->where_used->n_units, 2);
	CHECK(lists(rp, "WO-G-0001"));
	CHECK(lists(rp, "WO-G-0002"));
	CHECK(!lists(rp, "WO-G-0003"));
	/* Where they stand now: op 10 done, queued at op 20 (TEST). */
	if (rp->where_used->n_units == 2) {
		CHECK_INT(rp->where_used->units[0]->status, YOKE__UNIT_STATUS__UNIT_QUEUED);
		CHECK_INT(rp->where_used->units[0]->operation, 20);
		CHECK_STR(rp->where_used->units[0]->station_kind, "TEST");
	}
	client_reply_free(rp);
	rp = where_used("IC-555/LOT-B");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->where_used ? rp->where_used->n_units : 0, 1);
	CHECK(lists(rp, "WO-G-0003"));
	client_reply_free(rp);
}

static void
test_serial_names_one_unit(void)
{
	Yoke__Reply *rp = where_used("BOARD-1/B-2");
	REQUIRE(rp != NULL && rp->status == YOKE__STATUS__STATUS_OK && rp->where_used);
	CHECK_INT(rp->where_used->n_units, 1);
	CHECK(lists(rp, "WO-G-0002"));
	client_reply_free(rp);
	rp = where_used("CELL/C-3-b");
	REQUIRE(rp != NULL && rp->status == YOKE__STATUS__STATUS_OK && rp->where_used);
	CHECK_INT(rp->where_used->n_units, 1);
	CHECK(lists(rp, "WO-G-0003"));
	client_reply_free(rp);
}

static void
test_unknown_and_bad_labels(void)
{
	Yoke__Reply *rp = where_used("IC-555/NEVER-SEEN");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_OK);
	CHECK_INT(rp->where_used ? rp->where_used->n_units : 99, 0);
	client_reply_free(rp);
	rp = where_used("IC-555");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_REQUEST);
	CHECK(strstr(rp->message, "IC-555/LOT-OR-SERIAL") != NULL);
	client_reply_free(rp);
	rp = where_used("IC 555/LOT-A");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, YOKE__STATUS__STATUS_BAD_SCAN);
	client_reply_free(rp);
}

int
main(void)
{
	struct plant *p;
	Yoke__Reply *rp;
	int rc;

	y = harness_start_loaded(HARNESS_SMALL_PLANT, &p);
	if (y == NULL) {
		printf("FAIL it_genealogy: yoked did not start\n");
		return 1;
	}
	c = harness_client(y, "ASSY-1@genealogy");
	rp = harness_release_eng(y, p, "WO-G", "WIDGET", 3, "2030-01-31", 3, NULL);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_OK);
	client_reply_free(rp);
	rp = harness_badge_in(c, "ASSY-1", "102");
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_OK);
	client_reply_free(rp);
	bool built = build("WO-G-0001", 1, "LOT-A") && build("WO-G-0002", 2, "LOT-A") &&
	    build("WO-G-0003", 3, "LOT-B");
	if (!built) {
		printf("FAIL it_genealogy: could not build the three units\n");
		client_free(c);
		harness_yoked_free(y);
		harness_plant_free(p);
		return 1;
	}
	RUN(test_lot_names_every_unit);
	RUN(test_serial_names_one_unit);
	RUN(test_unknown_and_bad_labels);
	rc = check_done();
	client_free(c);
	harness_yoked_free(y);
	harness_plant_free(p);
	return rc;
}
