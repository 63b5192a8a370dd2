/*
 * it_many_routings.c — one answer that needs more released routings than
 * the routing cache keeps (ROUTING_CACHE_MAX, 64), against a real yoked.
 *
 * 70 products share one lot-tracked component COMP; each has its own
 * released routing: op 10 at ASSY scans COMP, op 20 at TEST is named after
 * the product. One unit of each is built through op 10 with lot LOT-1, so
 * all 70 wait at TEST. Then `queue TEST-1` and `where_used COMP/LOT-1`
 * each walk 70 units with 70 different routings in one request, and every
 * entry must name its own product's operation. (The cache used to empty
 * itself when full while the entries already made pointed into it: ASan
 * stopped the server, and the release build answered with freed bytes.)
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define PRODUCTS 70

static struct yoked *y;
static struct client *c;

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	if (rp && st != OK)
		fprintf(stderr, "  %s\n", rp->message);
	client_reply_free(rp);
	return st;
}

/* The plant: COMP, 70 products with their BOM and routing, two stations. */
static char *
plant_text(void)
{
	size_t cap = 64 * 1024, off = 0;
	char *s = xmalloc(cap);
	off += (size_t)snprintf(s + off, cap - off,
	    "part COMP \"Shared component\" rev=A tracking=lot\n"
	    "station ASSY-1 \"Assembly\" kind=ASSY\n"
	    "station TEST-1 \"Test\" kind=TEST\n"
	    "operator 100 \"Al Anyone\" role=operator qualified=*\n"
	    "operator 901 \"Ada Admin\" role=admin\n");
	for (int i = 1; i <= PRODUCTS; i++)
		off += (size_t)snprintf(s + off, cap - off,
		    "part P-%02d \"Product %d\" rev=A tracking=serial\n"
		    "bom P-%02d\n  line COMP qty=1 scan\n"
		    "routing P-%02d rev=A released\n"
		    "  op 10 \"Assembly of P-%02d\" station=ASSY\n    scan COMP\n"
		    "  op 20 \"Test of P-%02d\" station=TEST\n    instruct \"Connect P-%02d\"\n",
		    i, i, i, i, i, i, i);
	return s;
}

/* Whether every entry names the op 20 of its own product. */
static bool
entries_right(Yoke__QueueEntry **e, size_t n)
{
	bool ok = n == PRODUCTS;
	for (size_t i = 0; i < n; i++) {
		char want[64];
		snprintf(want, sizeof want, "Test of %s", e[i]->product);
		if (strcmp(e[i]->operation_name, want) != 0 || e[i]->operation != 20 ||
		    strcmp(e[i]->station_kind, "TEST") != 0) {
			fprintf(stderr, "  %s: operation %u \"%s\" at \"%s\", expected 20 \"%s\" at TEST\n",
			    e[i]->serial, e[i]->operation, e[i]->operation_name, e[i]->station_kind, want);
			ok = false;
		}
	}
	return ok;
}

static void
test_queue_of_70_routings(void)
{
	Yoke__Reply *rp = harness_queue(c, "TEST-1");
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	REQUIRE(rp->body_case == YOKE__REPLY__BODY_QUEUE);
	CHECK_INT(rp->queue->n_entries, PRODUCTS);
	CHECK(entries_right(rp->queue->entries, rp->queue->n_entries));
	client_reply_free(rp);
}

static void
test_where_used_of_70_routings(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__WhereUsedQuery q = YOKE__WHERE_USED_QUERY__INIT;
	q.component = (char *)"COMP/LOT-1";
	rq.body_case = YOKE__REQUEST__BODY_WHERE_USED;
	rq.where_used = &q;
	Yoke__Reply *rp = harness_call(c, &rq, HARNESS_TRIES);
	REQUIRE(rp != NULL);
	CHECK_INT(rp->status, OK);
	REQUIRE(rp->body_case == YOKE__REPLY__BODY_WHERE_USED);
	CHECK_INT(rp->where_used->n_units, PRODUCTS);
	CHECK(entries_right(rp->where_used->units, rp->where_used->n_units));
	client_reply_free(rp);
}

/* The same again (now from a full cache), and the server is still up. */
static void
test_again_and_alive(void)
{
	test_queue_of_70_routings();
	test_where_used_of_70_routings();
	CHECK(harness_yoked_alive(y));
	CHECK_INT(harness_yoked_stop(y), 0);
}

int
main(void)
{
	const char *names[] = { "plant.def" };
	char *text = plant_text();
	const char *texts[] = { text };
	bool built = true;
	int rc;

	y = harness_yoked_start();
	if (y == NULL) {
		printf("FAIL it_many_routings: yoked did not start\n");
		return 1;
	}
	c = harness_client(y, "ASSY-1@many");
	/* The first load needs nobody; the first admin then signs in without a
	 * PIN (no admin has one yet) and releases. */
	struct client *adm = harness_client(y, "engineer@many");
	built = status_of(harness_load_files(adm, names, texts, 1, false)) == OK &&
	    status_of(harness_badge_in(adm, "", "901")) == OK &&
	    status_of(harness_badge_in(c, "ASSY-1", "100")) == OK;
	for (int i = 1; built && i <= PRODUCTS; i++) {
		char wo[16], product[16], serial[32];
		snprintf(wo, sizeof wo, "WO-%02d", i);
		snprintf(product, sizeof product, "P-%02d", i);
		snprintf(serial, sizeof serial, "%s-0001", wo);
		built = status_of(harness_release(adm, wo, product, 1, "2030-01-31", 0, NULL)) == OK &&
		    status_of(harness_open_unit(c, serial)) == OK &&
		    status_of(harness_step_scan(c, serial, 0, "COMP/LOT-1")) == OK &&
		    status_of(harness_complete(c, serial)) == OK;
	}
	free(text);
	client_free(adm);
	if (!built) {
		printf("FAIL it_many_routings: could not build one unit of each of %d products\n",
		    PRODUCTS);
		client_free(c);
		harness_yoked_free(y);
		return 1;
	}
	RUN(test_queue_of_70_routings);
	RUN(test_where_used_of_70_routings);
	RUN(test_again_and_alive);
	rc = check_done();
	client_free(c);
	harness_yoked_free(y);
	return rc;
}
