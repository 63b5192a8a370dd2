/* test_store.c — the LMDB store: records, nested transactions, the event
 * log, index walks, growth of a full map, its cap, a map LMDB lost while
 * growing it, and reopening. */
#include "server/fault.h"
#include "server/store/records.h"
#include "server/store/store.h"
#include "shared/util.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void
rmdir_all(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

static struct store *
fresh(size_t map)
{
	struct store *st = NULL;
	char err[256];
	strcpy(dir, "/tmp/yoke-store-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return NULL;
	if (store_open_sized(&st, dir, map, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return NULL;
	}
	return st;
}

static void
records_round_trip_and_persist(void)
{
	struct store *st = fresh(0);
	struct arena a;
	struct txn t;
	Yoke__UnitRecord u = YOKE__UNIT_RECORD__INIT, *got;
	char err[256];
	REQUIRE(st != NULL);
	arena_init(&a);
	u.serial = (char *)"WO1-0001";
	u.work_order = (char *)"WO1";
	u.hold_reason = (char *)"焊点温度超上限";
	u.op_index = 2;
	REQUIRE(store_begin_write(st, &t) == STORE_OK);
	CHECK_INT(REC_PUT(&t, &a, T_UNIT, u.serial, &u), STORE_OK);
	CHECK_INT(store_commit(&t), STORE_OK);
	store_close(st);
	REQUIRE(store_open(&st, dir, err, sizeof err) == 0);
	REQUIRE(store_begin_read(st, &t) == STORE_OK);
	CHECK_INT(REC_GET(&t, &a, T_UNIT, "WO1-0001", yoke__unit_record, &got), STORE_OK);
	REQUIRE(got != NULL);
	CHECK_STR(got->hold_reason, "焊点温度超上限");
	CHECK_INT(got->op_index, 2);
	CHECK_INT(REC_GET(&t, &a, T_UNIT, "nope", yoke__unit_record, &got), STORE_NOTFOUND);
	store_abort(&t);
	store_close(st);
	arena_free(&a);
	rmdir_all();
}

static void
child_abort_leaves_nothing(void)
{
	struct store *st = fresh(0);
	struct arena a;
	struct txn top, child;
	const void *v;
	size_t vl;
	uint64_t seq;
	REQUIRE(st != NULL);
	arena_init(&a);
	REQUIRE(store_begin_write(st, &top) == STORE_OK);
	CHECK_INT(store_event_append(&top, "a", 1, &seq), STORE_OK);
	CHECK_INT(seq, 1);
	REQUIRE(store_begin_child(&top, &child) == STORE_OK);
	CHECK_INT(store_put(&child, T_META, "k", 1, "v", 1, 0), STORE_OK);
	CHECK_INT(store_event_append(&child, "b", 1, &seq), STORE_OK);
	CHECK_INT(seq, 2);
	store_abort(&child);
	CHECK_INT(store_get(&top, T_META, "k", 1, &v, &vl), STORE_NOTFOUND);
	/* The aborted child's sequence number is reused, so the log has no gap. */
	REQUIRE(store_begin_child(&top, &child) == STORE_OK);
	CHECK_INT(store_event_append(&child, "c", 1, &seq), STORE_OK);
	CHECK_INT(seq, 2);
	CHECK_INT(store_commit(&child), STORE_OK);
	CHECK_INT(store_event_append(&top, "d", 1, &seq), STORE_OK);
	CHECK_INT(seq, 3);
	CHECK_INT(store_commit(&top), STORE_OK);
	REQUIRE(store_begin_write(st, &top) == STORE_OK);
	CHECK_INT(store_last_seq(&top), 3);
	CHECK_INT(top.next_seq, 4);
	CHECK_INT(store_count(&top, T_EVENT), 3);
	store_abort(&top);
	store_close(st);
	arena_free(&a);
	rmdir_all();
}

/* Appends each value, then ';'. */
static int
collect_value(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	(void)k;
	(void)kl;
	strncat(ud, v, vl);
	strcat(ud, ";");
	return 0;
}

/* Appends the serial at the end of a queue key. */
static int
collect_serial(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	const char *key = k;
	size_t i = kl;
	(void)v;
	(void)vl;
	while (i > 0 && key[i - 1] != '\0')
		i--;
	strncat(ud, key + i, kl - i);
	strcat(ud, ";");
	return 0;
}

static void
walks_follow_key_order(void)
{
	struct store *st = fresh(0);
	struct arena a;
	struct txn t;
	char out[256] = "", key[KEY_MAX];
	REQUIRE(st != NULL);
	arena_init(&a);
	REQUIRE(store_begin_write(st, &t) == STORE_OK);
	/* Forward genealogy: one component key, its units as sorted duplicates. */
	CHECK_INT(store_put(&t, T_COMPONENT, "IC-555/L7", 9, "U3", 2, 0), STORE_OK);
	CHECK_INT(store_put(&t, T_COMPONENT, "IC-555/L7", 9, "U1", 2, 0), STORE_OK);
	CHECK_INT(store_put(&t, T_COMPONENT, "IC-555/L8", 9, "U9", 2, 0), STORE_OK);
	CHECK_INT(store_put(&t, T_COMPONENT, "IC-555/L7", 9, "U2", 2, 0), STORE_OK);
	CHECK_INT(store_walk_dups(&t, T_COMPONENT, "IC-555/L7", 9, collect_value, out), STORE_OK);
	CHECK_STR(out, "U1;U2;U3;");
	/* Queue keys sort by priority, then due date. */
	size_t kl = key_queue(key, "SMT", 5, "2026-12-01", "B");
	store_put(&t, T_QUEUE, key, kl, "", 0, 0);
	kl = key_queue(key, "SMT", 1, "2026-12-09", "C");
	store_put(&t, T_QUEUE, key, kl, "", 0, 0);
	kl = key_queue(key, "SMT", 5, "2026-11-30", "A");
	store_put(&t, T_QUEUE, key, kl, "", 0, 0);
	kl = key_queue(key, "SMTX", 1, "2026-11-30", "Z");
	store_put(&t, T_QUEUE, key, kl, "", 0, 0);
	out[0] = '\0';
	CHECK_INT(store_walk_prefix(&t, T_QUEUE, "SMT", 4, collect_serial, out), STORE_OK);
	CHECK_STR(out, "C;A;B;");
	store_abort(&t);
	store_close(st);
	arena_free(&a);
	rmdir_all();
}

static void
full_map_grows(void)
{
	struct store *st = fresh(1 << 20);   /* 1 MiB: fills quickly */
	struct txn t;
	char val[2000];
	int full = 0, rc = STORE_OK;
	uint64_t seq;
	REQUIRE(st != NULL);
	memset(val, 'x', sizeof val);
	for (int attempt = 0; attempt < 10; attempt++) {
		REQUIRE(store_begin_write(st, &t) == STORE_OK);
		for (int i = 0; i < 2000 && rc == STORE_OK; i++)
			rc = store_event_append(&t, val, sizeof val, &seq);
		if (rc == STORE_OK)
			rc = store_commit(&t);
		else
			store_abort(&t);
		if (rc != STORE_FULL)
			break;
		full++;
		CHECK_INT(store_grow(st), STORE_OK);
		rc = STORE_OK;
	}
	CHECK(full > 0);
	CHECK_INT(rc, STORE_OK);
	REQUIRE(store_begin_read(st, &t) == STORE_OK);
	CHECK_INT(store_count(&t, T_EVENT), 2000);
	store_abort(&t);
	store_close(st);
	rmdir_all();
}

/* Writes key -> value in its own committed transaction. */
static int
put_one(struct store *st, const char *key, const char *value)
{
	struct txn t;
	int rc = store_begin_write(st, &t);
	if (rc != STORE_OK)
		return rc;
	rc = store_put(&t, T_META, key, strlen(key), value, strlen(value), 0);
	if (rc != STORE_OK) {
		store_abort(&t);
		return rc;
	}
	return store_commit(&t);
}

static bool
has_one(struct store *st, const char *key, const char *value)
{
	struct txn t;
	const void *v;
	size_t vl;
	bool has;
	if (store_begin_read(st, &t) != STORE_OK)
		return false;
	has = store_get(&t, T_META, key, strlen(key), &v, &vl) == STORE_OK && vl == strlen(value) &&
	    memcmp(v, value, vl) == 0;
	store_abort(&t);
	return has;
}

/* The map grows up to the cap, not past it; at the cap it stays, and the
 * store goes on reading and writing what fits. */
static void
grow_stops_at_cap(void)
{
	struct store *st = fresh(1 << 20);
	REQUIRE(st != NULL);
	store_set_map_max(st, 3 << 20);
	CHECK_INT(store_grow(st), STORE_OK);
	CHECK_INT(store_map_size(st), 2 << 20);
	CHECK_INT(store_grow(st), STORE_OK);
	CHECK_INT(store_map_size(st), 3 << 20);     /* the cap, not 4 MiB */
	CHECK_INT(store_grow(st), STORE_FULL);
	CHECK_INT(store_map_size(st), 3 << 20);
	CHECK(!store_lost(st));
	CHECK_INT(put_one(st, "after", "cap"), STORE_OK);
	CHECK(has_one(st, "after", "cap"));
	store_close(st);
	rmdir_all();
}

/* LMDB fails after it unmapped the map (YOKE_FAULT=grow-fail): STORE_LOST,
 * every later transaction is refused without touching LMDB (which would
 * read unmapped memory), closing is safe, and what was committed before is
 * there when the store is opened again. */
static void
lost_map_refuses_everything(void)
{
	struct store *st = fresh(1 << 20);
	struct txn t;
	char err[256];
	REQUIRE(st != NULL);
	CHECK_INT(put_one(st, "before", "loss"), STORE_OK);
	REQUIRE(fault_init("grow-fail", err, sizeof err) == 0);
	CHECK_INT(store_grow(st), STORE_LOST);
	fault_init(NULL, err, sizeof err);
	CHECK(store_lost(st));
	CHECK_INT(store_begin_read(st, &t), STORE_LOST);
	CHECK_INT(store_begin_write(st, &t), STORE_LOST);
	CHECK_INT(store_grow(st), STORE_LOST);
	store_close(st);
	REQUIRE(store_open(&st, dir, err, sizeof err) == 0);
	CHECK(has_one(st, "before", "loss"));
	store_close(st);
	rmdir_all();
}

static void
fault_names_are_checked(void)
{
	char err[256];
	CHECK_INT(fault_init("grow-fail", err, sizeof err), 0);
	CHECK(fault_grow_fail());
	CHECK_INT(fault_init("grow-fial", err, sizeof err), -1);
	CHECK(strstr(err, "grow-fial") != NULL);
	CHECK(!fault_armed());
	CHECK_INT(fault_init("", err, sizeof err), 0);
	CHECK(!fault_armed());
	CHECK_INT(fault_init("commit-fail-from=0", err, sizeof err), -1);
	CHECK_INT(fault_init("commit-fail-from=2x", err, sizeof err), -1);
	CHECK_INT(fault_init("grow-fail,commit-fail-from=2", err, sizeof err), 0);
	CHECK(fault_grow_fail());
	CHECK(!fault_commit_fails());
	CHECK(fault_commit_fails());
	CHECK(fault_commit_fails());
	fault_init(NULL, err, sizeof err);
	CHECK(!fault_commit_fails());
}

/* YOKE_FAULT=commit-fail-from=2: the first top-level commit stands, the
 * second and later fail and leave nothing; child commits are not counted. */
static void
commit_fault_fails_top_level_commits(void)
{
	struct store *st = fresh(0);
	struct txn t, child;
	char err[256];
	REQUIRE(st != NULL);
	REQUIRE(fault_init("commit-fail-from=2", err, sizeof err) == 0);
	CHECK_INT(put_one(st, "one", "1"), STORE_OK);
	REQUIRE(store_begin_write(st, &t) == STORE_OK);
	REQUIRE(store_begin_child(&t, &child) == STORE_OK);
	CHECK_INT(store_put(&child, T_META, "two", 3, "2", 1, 0), STORE_OK);
	CHECK_INT(store_commit(&child), STORE_OK);
	CHECK_INT(store_commit(&t), STORE_ERROR);
	CHECK_INT(put_one(st, "three", "3"), STORE_ERROR);
	fault_init(NULL, err, sizeof err);
	CHECK(has_one(st, "one", "1"));
	CHECK(!has_one(st, "two", "2"));
	CHECK(!has_one(st, "three", "3"));
	CHECK_INT(put_one(st, "four", "4"), STORE_OK);
	store_close(st);
	rmdir_all();
}

int
main(void)
{
	RUN(records_round_trip_and_persist);
	RUN(child_abort_leaves_nothing);
	RUN(walks_follow_key_order);
	RUN(full_map_grows);
	RUN(grow_stops_at_cap);
	RUN(lost_map_refuses_everything);
	RUN(fault_names_are_checked);
	RUN(commit_fault_fails_top_level_commits);
	return check_done();
}
