/*
 * test_capa_scope.c — the fields a CAPA walk reads straight from a stored
 * event (server/quality/capa_scope.h) are the ones protobuf-c packed: for
 * an event with every kind of field around them (doubles, signatures), one
 * without the optional ones, and bytes that are not an event. A station
 * scope rules out an event at another station by its bytes, also one
 * whose id starts the same way, and never one at its own station.
 */
#include "server/quality/capa_scope.h"
#include "server/store/records.h"
#include "shared/util.h"
#include "tests/lib/check.h"

#include <stdlib.h>
#include <string.h>

/* The stored bytes of an event: the record version, then the packed event. */
static unsigned char *
stored(const Yoke__Event *ev, size_t *len)
{
	size_t n = yoke__event__get_packed_size(ev);
	unsigned char *b = xmalloc(n + 1);
	b[0] = RECORD_VERSION;
	yoke__event__pack(ev, b + 1);
	*len = n + 1;
	return b;
}

static bool
span_is(struct span s, const char *text)
{
	return s.n == strlen(text) && memcmp(s.p, text, s.n) == 0;
}

static void
fields_as_packed(void)
{
	Yoke__Event ev = YOKE__EVENT__INIT;
	Yoke__SignatureRecord sr = YOKE__SIGNATURE_RECORD__INIT, *sigs[1] = { &sr };
	struct capa_event e;
	unsigned char *b;
	size_t len;

	ev.time_us = 1795651200000000;
	ev.kind = YOKE__EVENT_KIND__EVENT_NCR_OPENED;
	ev.serial = (char *)"WO1-0001";
	ev.work_order = (char *)"WO1";
	ev.station = (char *)"ASSY-1";
	ev.badge = (char *)"100";
	ev.operation = 100000;
	ev.operation_name = (char *)"Assembly 装配";
	ev.value = 4.75;
	ev.has_lsl = true;
	ev.lsl = -1e300;
	ev.text = (char *)"NCR-000042 opened";
	sr.badge = (char *)"200";
	sr.time_us = 42;
	ev.signatures = sigs;
	ev.n_signatures = 1;
	ev.ncr = (char *)"NCR-000042";
	ev.defect = (char *)"SEATING";
	ev.attempt = 2;
	b = stored(&ev, &len);
	REQUIRE(capa_event_read(b, len, &e));
	CHECK_INT(e.kind, YOKE__EVENT_KIND__EVENT_NCR_OPENED);
	CHECK_INT(e.operation, 100000);
	CHECK(span_is(e.work_order, "WO1"));
	CHECK(span_is(e.station, "ASSY-1"));
	CHECK(span_is(e.ncr, "NCR-000042"));
	CHECK(span_is(e.defect, "SEATING"));
	/* Cut short inside its last field (attempt: a tag, then the value
	 * missing): not an event; nor are bytes that are no fields. */
	CHECK(!capa_event_read(b, len - 1, &e));
	static const unsigned char junk[] = { RECORD_VERSION, 0xff, 0xff, 0xff };
	CHECK(!capa_event_read(junk, sizeof junk, &e));
	/* Another record version: not read as this one. */
	b[0] = RECORD_VERSION + 1;
	CHECK(!capa_event_read(b, len, &e));
	free(b);

	/* Fields left out are empty, and an empty value is no event. */
	Yoke__Event bare = YOKE__EVENT__INIT;
	bare.kind = YOKE__EVENT_KIND__EVENT_OP_COMPLETED;
	b = stored(&bare, &len);
	REQUIRE(capa_event_read(b, len, &e));
	CHECK_INT(e.kind, YOKE__EVENT_KIND__EVENT_OP_COMPLETED);
	CHECK_INT(e.operation, 0);
	CHECK_INT(e.station.n, 0);
	CHECK_INT(e.defect.n, 0);
	free(b);
	CHECK(!capa_event_read("", 0, &e));
}

static void
station_ruled_out_by_bytes(void)
{
	struct capa_scope *s = xcalloc(1, sizeof *s);
	static const char *const at[] = { "SMT-1", "SMT-12", "XSMT-1", "SMT-" };
	bool want[] = { true, false, false, false };
	s->defect = "BRIDGE";
	s->station = "SMT-1";
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		Yoke__Event ev = YOKE__EVENT__INIT;
		size_t len;
		ev.kind = YOKE__EVENT_KIND__EVENT_OP_COMPLETED;
		ev.station = (char *)at[i];
		ev.terminal = (char *)"SMT-1";      /* the same text in another field */
		ev.text = (char *)"completed at SMT-1";
		unsigned char *b = stored(&ev, &len);
		if (capa_scope_maybe(s, b, len) != want[i])
			check_fail(__FILE__, __LINE__, "an event at %s: %s", at[i],
			    want[i] ? "ruled out" : "not ruled out");
		free(b);
	}
	/* A product scope rules out nothing by bytes. */
	s->station = NULL;
	s->product = "GADGET";
	CHECK(capa_scope_maybe(s, "x", 1));
	free(s);
}

int
main(void)
{
	RUN(fields_as_packed);
	RUN(station_ruled_out_by_bytes);
	return check_done();
}
