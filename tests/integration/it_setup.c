/*
 * it_setup.c — the material setup of a station against a real yoked
 * (server/material/setup.h): lots received at the dock and loaded at
 * ASSY-1 once are taken by every unit's from=setup steps without a scan,
 * and the genealogy names them exactly (where-used of the lot, the unit's
 * trace, the lot's count); a reel change mid-run gives the units before
 * and after their own lots; a part not taken from the setup where it is
 * loaded, a lot of another part, an expired, blocked or (where lots must
 * be received) unknown lot are refused at the load; a from=setup step
 * with nothing loaded, or whose loaded lot was blocked after it was
 * loaded, is refused. Plant: tests/data/plant-setup.
 *
 * A lot is blocked here by writing its record's status as lot.c's
 * lot_set_status does, with yoked stopped (the signed block request is
 * the receiving work's); the part's lots=received likewise.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "server/store/records.h"
#include "server/store/store.h"
#include "shared/arena.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-setup"

struct fixture {
	struct yoked *y;
	struct plant *p;
	struct client *dock;     /* DOCK-1, badge 110 */
	struct client *assy;     /* ASSY-1, badge 100 */
	struct client *test;     /* TEST-1, badge 300 (a lead) */
};

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

/* The status, or -2 when the message does not name `word`. */
static int
refused_naming(Yoke__Reply *rp, const char *word)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && strstr(rp->message, word) == NULL) {
		fprintf(stderr, "    \"%s\" does not name \"%s\"\n", rp->message, word);
		st = -2;
	}
	return status_of(rp) == -1 ? -1 : st;
}

static bool
setup(struct fixture *f, uint32_t units)
{
	struct client *eng;
	Yoke__Reply *rp;
	bool ok;
	memset(f, 0, sizeof *f);
	if ((f->y = harness_start_loaded(PLANT, &f->p)) == NULL)
		return false;
	if ((eng = harness_engineer(f->y, f->p, "setup")) == NULL)
		return false;
	rp = harness_release(eng, "WO1", "GADGET", units, "2030-01-31", 0, NULL);
	ok = rp && rp->status == OK;
	client_reply_free(rp);
	client_free(eng);
	f->dock = harness_client(f->y, "DOCK-1@it");
	f->assy = harness_client(f->y, "ASSY-1@it");
	f->test = harness_client(f->y, "TEST-1@it");
	ok = ok && status_of(harness_badge_in(f->dock, "DOCK-1", "110")) == OK;
	ok = ok && status_of(harness_badge_in(f->assy, "ASSY-1", "100")) == OK;
	return ok && status_of(harness_badge_in(f->test, "TEST-1", "300")) == OK;
}

static void
teardown(struct fixture *f)
{
	client_free(f->dock);
	client_free(f->assy);
	client_free(f->test);
	CHECK_INT(harness_yoked_stop(f->y), 0);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
}

/* Receives a lot at the dock: its id (L-00000n), malloc'd, or NULL. */
static char *
receive(struct fixture *f, const char *part, const char *lot, double qty, const char *expiry)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	char *id = NULL;
	r.part = (char *)part;
	r.supplier = (char *)"ACME";
	r.supplier_lot = (char *)lot;
	r.qty = qty;
	r.expiry = (char *)expiry;
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	Yoke__Reply *rp = harness_call(f->dock, &rq, HARNESS_TRIES);
	if (rp && rp->status == OK && rp->lots && rp->lots->n_lots == 1)
		id = xstrdup(rp->lots->lots[0]->id);
	status_of(rp);
	return id;
}

static Yoke__Reply *
load(struct client *c, const char *scan)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetupLoad l = YOKE__SETUP_LOAD__INIT;
	l.scan = (char *)scan;
	rq.body_case = YOKE__REQUEST__BODY_SETUP_LOAD;
	rq.setup_load = &l;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
unload(struct client *c, const char *part)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetupUnload u = YOKE__SETUP_UNLOAD__INIT;
	u.part = (char *)part;
	rq.body_case = YOKE__REQUEST__BODY_SETUP_UNLOAD;
	rq.setup_unload = &u;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
query(struct client *c, const char *station)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetupQuery q = YOKE__SETUP_QUERY__INIT;
	q.station = (char *)station;
	rq.body_case = YOKE__REQUEST__BODY_SETUP;
	rq.setup = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
where_used(struct client *c, const char *label)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WhereUsedQuery q = YOKE__WHERE_USED_QUERY__INIT;
	q.component = (char *)label;
	rq.body_case = YOKE__REQUEST__BODY_WHERE_USED;
	rq.where_used = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* The units where-used lists for label, "A B" in its order. */
static void
used_in(struct client *c, const char *label, char *out, size_t size)
{
	Yoke__Reply *rp = where_used(c, label);
	out[0] = '\0';
	for (size_t i = 0; rp && rp->status == OK && i < rp->where_used->n_units; i++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "",
		    rp->where_used->units[i]->serial);
	status_of(rp);
}

static double
qty_left(struct client *c, const char *id)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotQuery q = YOKE__LOT_QUERY__INIT;
	double left = -1;
	q.id = (char *)id;
	rq.body_case = YOKE__REQUEST__BODY_LOTS;
	rq.lots = &q;
	Yoke__Reply *rp = harness_call(c, &rq, HARNESS_TRIES);
	if (rp && rp->status == OK && rp->lots->n_lots == 1)
		left = rp->lots->lots[0]->qty_left;
	status_of(rp);
	return left;
}

/* Unit WO1-000n at op 10 up to its check: the board scanned, both reels
 * taken from the setup by a confirmation each. */
static bool
build(struct fixture *f, int n)
{
	char serial[32], board[32];
	bool ok = true;
	snprintf(serial, sizeof serial, "WO1-%04d", n);
	snprintf(board, sizeof board, "BOARD-1/B%d", n);
	ok &= status_of(harness_open_unit(f->assy, serial)) == OK;
	ok &= status_of(harness_step_scan(f->assy, serial, 0, board)) == OK;
	ok &= status_of(harness_step_confirm(f->assy, serial, 1)) == OK;
	ok &= status_of(harness_step_confirm(f->assy, serial, 2)) == OK;
	ok &= status_of(harness_step_pass(f->assy, serial, 3, true)) == OK;
	return ok;
}

/* The COMPONENT_SCANNED event of part in the unit's trace (a copy of its
 * lot and qty), or false. */
static bool
traced_lot(struct fixture *f, const char *serial, const char *part, char *lot, size_t size,
    uint32_t *qty)
{
	Yoke__Reply *rp = harness_trace(f->assy, serial);
	bool found = false;
	for (size_t i = 0; rp && rp->status == OK && i < rp->trace->n_events && !found; i++) {
		const Yoke__Event *e = rp->trace->events[i];
		if (e->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED && strcmp(e->part, part) == 0) {
			/* the lot id, and the supplier's lot: the genealogy key */
			snprintf(lot, size, "%s %s", e->lot_id, e->lot);
			*qty = e->qty;
			found = true;
		}
	}
	status_of(rp);
	return found;
}

/* With yoked stopped: the lot's status (as lot_set_status writes it), or
 * the part's lots=received; then yoked again on the same store. */
static bool
offline_edit(struct fixture *f, const char *lot_id, Yoke__LotStatus st, const char *part_received)
{
	struct store *s;
	struct txn t;
	struct arena a;
	char err[256];
	bool ok = false;
	if (harness_yoked_stop(f->y) != 0)
		return false;
	if (store_open(&s, f->y->data, err, sizeof err) != 0) {
		fprintf(stderr, "    %s\n", err);
		return false;
	}
	arena_init(&a);
	if (store_begin_write(s, &t) == STORE_OK) {
		int rc = STORE_OK;
		if (lot_id) {
			Yoke__Lot *l;
			if ((rc = REC_GET(&t, &a, T_LOT, lot_id, yoke__lot, &l)) == STORE_OK) {
				l->status = st;
				l->status_reason = (char *)"blocked by the test: solder balls on the reel";
				l->status_by = (char *)"300";
				rc = REC_PUT(&t, &a, T_LOT, lot_id, l);
			}
		}
		if (rc == STORE_OK && part_received) {
			Yoke__Part *p;
			if ((rc = REC_GET(&t, &a, T_PART, part_received, yoke__part, &p)) == STORE_OK) {
				p->lots_received = true;
				rc = REC_PUT(&t, &a, T_PART, part_received, p);
			}
		}
		if (rc == STORE_OK)
			ok = store_commit(&t) == STORE_OK;
		else
			store_abort(&t);
	}
	arena_free(&a);
	store_close(s);
	return ok && harness_yoked_restart(f->y);
}

static void
test_units_take_the_loaded_lot(void)
{
	struct fixture f;
	char lot[64], units[200];
	uint32_t qty;
	REQUIRE(setup(&f, 2));
	char *ic = receive(&f, "IC-555", "LOT-2411-07", 3000, "2030-06-30");
	char *res = receive(&f, "RES-10K", "R-88", 10000, "");
	REQUIRE(ic && res);

	/* yoke's own lot id, and the supplier's lot text of one received lot. */
	Yoke__Reply *rp = load(f.assy, "IC-555/L-000001");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_SETUP);
	CHECK(strstr(rp->message, "L-000001") != NULL);
	client_reply_free(rp);
	rp = load(f.assy, "RES-10K/R-88");
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);

	rp = query(f.test, "ASSY-1");
	REQUIRE(rp && rp->status == OK && rp->setup);
	CHECK_STR(rp->setup->station_kind, "ASSY");
	REQUIRE(rp->setup->n_entries == 2);
	CHECK_STR(rp->setup->entries[0]->part, "IC-555");
	CHECK_STR(rp->setup->entries[0]->lot, "L-000001");
	CHECK_STR(rp->setup->entries[0]->supplier_lot, "LOT-2411-07");
	CHECK_STR(rp->setup->entries[0]->loaded_by, "100");
	CHECK(rp->setup->entries[0]->usable);
	CHECK_STR(rp->setup->entries[1]->part, "RES-10K");
	CHECK_STR(rp->setup->entries[1]->lot, "L-000002");   /* the id, not R-88 */
	REQUIRE(rp->setup->n_parts == 2);
	CHECK_STR(rp->setup->parts[0], "IC-555");
	CHECK_STR(rp->setup->parts[1], "RES-10K");
	client_reply_free(rp);

	/* The unit view marks the steps; two units take the lots unscanned. */
	rp = harness_open_unit(f.assy, "WO1-0001");
	REQUIRE(rp && rp->status == OK && rp->unit->n_steps == 4);
	CHECK(!rp->unit->steps[0]->from_setup);
	CHECK(rp->unit->steps[1]->from_setup && rp->unit->steps[2]->from_setup);
	client_reply_free(rp);
	CHECK(build(&f, 1));
	CHECK(build(&f, 2));

	used_in(f.test, "IC-555/L-000001", units, sizeof units);
	CHECK_STR(units, "WO1-0001 WO1-0002");
	used_in(f.test, "RES-10K/L-000002", units, sizeof units);
	CHECK_STR(units, "WO1-0001 WO1-0002");
	CHECK(traced_lot(&f, "WO1-0002", "IC-555", lot, sizeof lot, &qty));
	CHECK_STR(lot, "L-000001 LOT-2411-07");
	CHECK_INT(qty, 1);
	CHECK(traced_lot(&f, "WO1-0002", "RES-10K", lot, sizeof lot, &qty));
	CHECK_STR(lot, "L-000002 R-88");
	CHECK_INT(qty, 4);     /* one confirmation takes the step's four */
	CHECK_NEAR(qty_left(f.test, "L-000001"), 2998, 1e-9);
	CHECK_NEAR(qty_left(f.test, "L-000002"), 9992, 1e-9);

	free(ic);
	free(res);
	teardown(&f);
}

static void
test_reel_change_mid_run(void)
{
	struct fixture f;
	char units[200], lot[64];
	uint32_t qty;
	REQUIRE(setup(&f, 3));
	char *a = receive(&f, "IC-555", "REEL-A", 3000, "");
	char *r = receive(&f, "RES-10K", "R-1", 10000, "");
	char *b = receive(&f, "IC-555", "REEL-B", 3000, "");
	REQUIRE(a && r && b);
	CHECK_INT(status_of(load(f.assy, "IC-555/REEL-A")), OK);
	CHECK_INT(status_of(load(f.assy, "RES-10K/R-1")), OK);
	CHECK(build(&f, 1));
	CHECK(build(&f, 2));

	/* Reel B replaces reel A: the reply says which it replaced. */
	Yoke__Reply *rp = load(f.assy, "IC-555/L-000003");
	REQUIRE(rp && rp->status == OK);
	CHECK(strstr(rp->message, "L-000001") != NULL && strstr(rp->message, "L-000003") != NULL);
	REQUIRE(rp->setup->n_entries == 2);
	CHECK_STR(rp->setup->entries[0]->lot, "L-000003");
	CHECK_STR(rp->setup->entries[0]->previous_lot, "L-000001");
	client_reply_free(rp);
	/* The same lot again changes nothing. */
	rp = load(f.assy, "IC-555/REEL-B");
	REQUIRE(rp && rp->status == OK);
	CHECK(strstr(rp->message, "already loaded") != NULL);
	CHECK_STR(rp->setup->entries[0]->previous_lot, "L-000001");
	client_reply_free(rp);
	CHECK(build(&f, 3));

	used_in(f.test, "IC-555/L-000001", units, sizeof units);
	CHECK_STR(units, "WO1-0001 WO1-0002");
	used_in(f.test, "IC-555/L-000003", units, sizeof units);
	CHECK_STR(units, "WO1-0003");
	used_in(f.test, "RES-10K/L-000002", units, sizeof units);
	CHECK_STR(units, "WO1-0001 WO1-0002 WO1-0003");
	CHECK(traced_lot(&f, "WO1-0003", "IC-555", lot, sizeof lot, &qty));
	CHECK_STR(lot, "L-000003 REEL-B");

	/* Unloaded, the step has nothing to take. */
	CHECK_INT(status_of(unload(f.assy, "IC-555")), OK);
	CHECK_INT(status_of(unload(f.assy, "IC-555")), YOKE__STATUS__STATUS_NOT_FOUND);
	free(a);
	free(r);
	free(b);
	teardown(&f);
}

static void
test_load_refusals(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 1));
	char *ic = receive(&f, "IC-555", "LOT-OK", 3000, "");
	char *res = receive(&f, "RES-10K", "R-1", 10000, "");
	char *old = receive(&f, "IC-555", "LOT-OLD", 3000, "2020-01-31");
	REQUIRE(ic && res && old);

	/* A part the station's steps scan, not take from the setup. */
	CHECK_INT(refused_naming(load(f.assy, "BOARD-1/B9"), "BOARD-1"),
	    YOKE__STATUS__STATUS_NOT_IN_SETUP);
	/* A station whose operations take nothing from a setup. */
	CHECK_INT(refused_naming(load(f.test, "IC-555/L-000001"), "TEST-1"),
	    YOKE__STATUS__STATUS_NOT_IN_SETUP);
	CHECK_INT(status_of(load(f.assy, "NO-SUCH/L1")), YOKE__STATUS__STATUS_NOT_FOUND);
	CHECK_INT(status_of(load(f.assy, "IC-555")), YOKE__STATUS__STATUS_BAD_SCAN);
	CHECK_INT(status_of(load(f.assy, "IC-555/A/B")), YOKE__STATUS__STATUS_BAD_SCAN);
	/* A lot of another part. */
	CHECK_INT(refused_naming(load(f.assy, "IC-555/L-000002"), "RES-10K"),
	    YOKE__STATUS__STATUS_SETUP_LOT_REFUSED);
	/* Expired by its date. */
	CHECK_INT(refused_naming(load(f.assy, "IC-555/LOT-OLD"), "expired"),
	    YOKE__STATUS__STATUS_SETUP_LOT_REFUSED);
	/* A lot never received, of a part that need not be: its text is the lot. */
	Yoke__Reply *rp = load(f.assy, "IC-555/AD-HOC-7");
	REQUIRE(rp && rp->status == OK);
	CHECK_STR(rp->setup->entries[0]->lot, "AD-HOC-7");
	CHECK(rp->setup->entries[0]->usable);
	client_reply_free(rp);
	/* Nothing refused was loaded, nothing else was stored. */
	rp = query(f.assy, "ASSY-1");
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->setup->n_entries, 1);
	client_reply_free(rp);

	/* Blocked; and unknown where the part's lots must be received. */
	REQUIRE(offline_edit(&f, "L-000001", YOKE__LOT_STATUS__LOT_BLOCKED, "IC-555"));
	CHECK_INT(refused_naming(load(f.assy, "IC-555/LOT-OK"), "blocked"),
	    YOKE__STATUS__STATUS_SETUP_LOT_REFUSED);
	CHECK_INT(refused_naming(load(f.assy, "IC-555/NEVER-SEEN"), "never received"),
	    YOKE__STATUS__STATUS_SETUP_LOT_REFUSED);
	/* The text loaded before is no lot now that lots must be received:
	 * the step refuses it. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")), OK);
	CHECK_INT(refused_naming(harness_step_confirm(f.assy, "WO1-0001", 1), "AD-HOC-7"),
	    YOKE__STATUS__STATUS_SETUP_LOT_REFUSED);
	/* A setup query shows the blocked lot as not usable, with why. */
	CHECK_INT(status_of(unload(f.assy, "IC-555")), OK);
	free(ic);
	free(res);
	free(old);
	teardown(&f);
}

static void
test_step_refusals(void)
{
	struct fixture f;
	char units[200];
	REQUIRE(setup(&f, 2));
	char *ic = receive(&f, "IC-555", "LOT-1", 3000, "");
	char *res = receive(&f, "RES-10K", "R-1", 10000, "");
	REQUIRE(ic && res);

	/* Nothing loaded. */
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 0, "BOARD-1/B1")), OK);
	CHECK_INT(refused_naming(harness_step_confirm(f.assy, "WO1-0001", 1), "IC-555"),
	    YOKE__STATUS__STATUS_SETUP_EMPTY);
	/* A from=setup step is confirmed, not scanned. */
	CHECK_INT(status_of(load(f.assy, "IC-555/LOT-1")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0001", 1, "IC-555/L-000001")),
	    YOKE__STATUS__STATUS_WRONG_STEP);
	CHECK_INT(status_of(harness_step_confirm(f.assy, "WO1-0001", 1)), OK);
	CHECK_INT(status_of(load(f.assy, "RES-10K/R-1")), OK);
	CHECK_INT(status_of(harness_step_confirm(f.assy, "WO1-0001", 2)), OK);

	/* The loaded lot blocked after it was loaded: the next unit is refused. */
	REQUIRE(offline_edit(&f, "L-000001", YOKE__LOT_STATUS__LOT_BLOCKED, NULL));
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 0, "BOARD-1/B2")), OK);
	CHECK_INT(refused_naming(harness_step_confirm(f.assy, "WO1-0002", 1), "blocked"),
	    YOKE__STATUS__STATUS_SETUP_LOT_REFUSED);
	Yoke__Reply *rp = query(f.assy, "ASSY-1");
	REQUIRE(rp && rp->status == OK && rp->setup->n_entries == 2);
	CHECK(!rp->setup->entries[0]->usable);
	CHECK(strstr(rp->setup->entries[0]->why, "blocked") != NULL);
	CHECK(rp->setup->entries[1]->usable);
	client_reply_free(rp);
	used_in(f.test, "IC-555/L-000001", units, sizeof units);
	CHECK_STR(units, "WO1-0001");
	free(ic);
	free(res);
	teardown(&f);
}

/* A lot taken from the setup runs out by its count as a scanned one does:
 * the step that takes it to nothing says so, and the trace has the lot's
 * LOT_RAN_OUT event. */
static void
test_setup_lot_runs_out(void)
{
	struct fixture f;
	REQUIRE(setup(&f, 2));
	char *ic = receive(&f, "IC-555", "LOT-1", 3000, "2030-06-30");
	char *res = receive(&f, "RES-10K", "R-6", 6, "");
	REQUIRE(ic && res);
	client_reply_free(load(f.assy, "IC-555/LOT-1"));
	client_reply_free(load(f.assy, "RES-10K/R-6"));
	CHECK(build(&f, 1));      /* 4 of 6 */
	CHECK_NEAR(qty_left(f.test, res), 2, 1e-9);
	CHECK_INT(status_of(harness_open_unit(f.assy, "WO1-0002")), OK);
	CHECK_INT(status_of(harness_step_scan(f.assy, "WO1-0002", 0, "BOARD-1/B2")), OK);
	CHECK_INT(status_of(harness_step_confirm(f.assy, "WO1-0002", 1)), OK);
	Yoke__Reply *rp = harness_step_confirm(f.assy, "WO1-0002", 2);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	CHECK(strstr(rp->message, "Taken from the setup") != NULL);
	CHECK(strstr(rp->message, "ran out") != NULL && strstr(rp->message, res) != NULL);
	if (rp->status == OK && strstr(rp->message, "ran out") == NULL)
		fprintf(stderr, "    said: %s\n", rp->message);
	client_reply_free(rp);
	CHECK_NEAR(qty_left(f.test, res), -2, 1e-9);
	free(ic);
	free(res);
	teardown(&f);
}

int
main(void)
{
	RUN(test_units_take_the_loaded_lot);
	RUN(test_reel_change_mid_run);
	RUN(test_load_refusals);
	RUN(test_step_refusals);
	RUN(test_setup_lot_runs_out);
	return check_done();
}
