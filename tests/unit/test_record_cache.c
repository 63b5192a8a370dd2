/*
 * test_record_cache.c — a record cache on its own (the routings'): within one batch
 * every routing it handed out stays readable however many more are put
 * (ASan would report a read of a freed one), between batches it keeps at
 * most RECORD_CACHE_MAX, a routing got often survives a full cache, and
 * a cleared cache finds nothing but leaves what it handed out readable.
 */
#include "server/store/records.h"
#include "server/store/record_cache.h"
#include "shared/util.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MANY (3 * RECORD_CACHE_MAX + 7)

/* A released routing of product P-<i>, malloc'd as the server unpacks one. */
static Yoke__Routing *
routing_new(int i)
{
	Yoke__Routing r = YOKE__ROUTING__INIT;
	Yoke__Operation op = YOKE__OPERATION__INIT, *ops[1] = { &op };
	char product[32], name[64];
	uint8_t buf[256];
	snprintf(product, sizeof product, "P-%d", i);
	snprintf(name, sizeof name, "Assembly of P-%d", i);
	r.product = product;
	r.revision = (char *)"A";
	r.released = true;
	op.number = 10;
	op.name = name;
	op.station_kind = (char *)"ASSY";
	r.n_operations = 1;
	r.operations = ops;
	size_t n = yoke__routing__pack(&r, buf);
	return yoke__routing__unpack(NULL, n, buf);
}

static size_t
key_of(char *key, int i)
{
	char product[32];
	snprintf(product, sizeof product, "P-%d", i);
	return key_routing(key, product, "A");
}

static bool
names_its_product(const Yoke__Routing *r, int i)
{
	char want[64];
	snprintf(want, sizeof want, "Assembly of P-%d", i);
	return r && r->n_operations == 1 && strcmp(r->operations[0]->name, want) == 0;
}

static void
held_routings_outlive_a_full_cache(void)
{
	static struct record_cache rc;   /* all zero: empty */
	static Yoke__Routing *held[MANY];
	char key[KEY_MAX];
	size_t found = 0;
	bool all = true;

	/* One batch puts far more than the cache keeps, holding each. */
	for (int i = 0; i < MANY; i++) {
		size_t kl = key_of(key, i);
		REQUIRE((Yoke__Routing *)record_cache_get(&rc, key, kl) == NULL);
		held[i] = routing_new(i);
		record_cache_put(&rc, key, kl, &(held[i])->base);
		CHECK((Yoke__Routing *)record_cache_get(&rc, key, kl) == held[i]);
	}
	for (int i = 0; i < MANY; i++)
		all = all && names_its_product(held[i], i);
	CHECK(all);
	CHECK(rc.n <= RECORD_CACHE_MAX);
	record_cache_trim(&rc);
	/* The next batch: what is still cached is whole and under its own key. */
	for (int i = 0; i < MANY; i++) {
		size_t kl = key_of(key, i);
		Yoke__Routing *r = (Yoke__Routing *)record_cache_get(&rc, key, kl);
		if (r) {
			found++;
			CHECK(names_its_product(r, i));
		}
	}
	CHECK_INT(found, RECORD_CACHE_MAX);
	record_cache_clear(&rc);
	record_cache_trim(&rc);
}

static void
a_routing_in_use_stays_cached(void)
{
	static struct record_cache rc;
	char key[KEY_MAX];
	size_t hot = key_of(key, 0);
	char hot_key[KEY_MAX];
	memcpy(hot_key, key, hot);
	record_cache_put(&rc, hot_key, hot, &(routing_new(0))->base);
	/* Every other put finds the hot one got since the hand last passed. */
	for (int i = 1; i < MANY; i++) {
		size_t kl = key_of(key, i);
		record_cache_put(&rc, key, kl, &(routing_new(i))->base);
		CHECK((Yoke__Routing *)record_cache_get(&rc, hot_key, hot) != NULL);
		if (i % 50 == 0)
			record_cache_trim(&rc);
	}
	CHECK(names_its_product((Yoke__Routing *)record_cache_get(&rc, hot_key, hot), 0));
	record_cache_clear(&rc);
	record_cache_trim(&rc);
}

static void
clear_forgets_but_frees_at_trim(void)
{
	static struct record_cache rc;
	char key[KEY_MAX];
	size_t kl = key_of(key, 7);
	Yoke__Routing *r = routing_new(7);
	record_cache_put(&rc, key, kl, &(r)->base);
	record_cache_clear(&rc);
	CHECK((Yoke__Routing *)record_cache_get(&rc, key, kl) == NULL);
	CHECK(names_its_product(r, 7));    /* still readable in this batch */
	record_cache_trim(&rc);
	/* Usable again after a clear. */
	record_cache_put(&rc, key, kl, &(routing_new(7))->base);
	CHECK(names_its_product((Yoke__Routing *)record_cache_get(&rc, key, kl), 7));
	record_cache_clear(&rc);
	record_cache_trim(&rc);
}

int
main(void)
{
	RUN(held_routings_outlive_a_full_cache);
	RUN(a_routing_in_use_stays_cached);
	RUN(clear_forgets_but_frees_at_trim);
	return check_done();
}
