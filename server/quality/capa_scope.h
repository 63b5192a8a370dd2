/*
 * capa_scope.h — what is "in scope" of a CAPA or a trigger (capa.h): a
 * defect code at one station, or on one product at some operations. Used
 * by the proposal's walk back and by the effectiveness check's walks; only
 * server/quality/capa*.c include it.
 *
 * Those walks may pass hundreds of thousands of events, so an event is not
 * unpacked: capa_event_read takes the six fields a walk looks at straight
 * from the stored bytes, without allocating. A station scope first looks
 * for the station's field, as stored, in the bytes, which rules out an
 * event elsewhere without reading its fields. Measured over 2 000 000
 * events of 200 stations (-O2, warm pages, two cores shared): unpacking
 * each costs about 370-400 ns an event, reading its fields 100-130 ns,
 * ruling it out by the station's bytes 55-60 ns.
 *
 * An event names no product, only its work order, so the product of a work
 * order is looked up and kept for the walk (the last CAPA_SCOPE_CACHE work
 * orders). A WorkOrderRecord holds all its serials; only its product field
 * is read from the stored bytes, so a work order of 100 000 units costs as
 * little as one of ten.
 */
#ifndef YOKE_CAPA_SCOPE_H
#define YOKE_CAPA_SCOPE_H

#include "server/quality/capa.h"

#define CAPA_SCOPE_CACHE 32

/* Bytes inside a stored record: not NUL-terminated. */
struct span {
	const char *p;
	size_t n;
};

/* The fields of a stored Event that a walk needs. */
struct capa_event {
	uint32_t kind;               /* Yoke__EventKind */
	uint32_t operation;
	struct span work_order, station, ncr, defect;
};

struct capa_scope {
	const char *defect;
	const char *station;         /* station scope, else NULL */
	const char *product;         /* product scope, else NULL */
	uint32_t ops[CAPA_NCRS_MAX]; /* product scope: the operations */
	size_t nops;
	char needle[2 + 64];         /* the station's field as a stored event holds it */
	size_t needle_len;           /* 0: not made yet */
	struct {
		char work_order[64];
		bool match;              /* of the scope's product */
	} cache[CAPA_SCOPE_CACHE];
	size_t ncache, next;
};

/* The scope of a CAPA; the operations of a product scope are its NCRs'. */
int capa_scope_of(struct ctx *c, const Yoke__Capa *k, struct capa_scope *s);
/* Whether a stored event may be in scope: false only when it cannot be
 * (a station scope's Event.station, its tag, length and bytes, is not in
 * the stored bytes). Cheap, before reading it. */
bool capa_scope_maybe(struct capa_scope *s, const void *v, size_t vl);
/* Reads a stored event's fields (records.h: a version byte, then the
 * packed Event); false when the bytes are not one. */
bool capa_event_read(const void *v, size_t vl, struct capa_event *e);
/* A unit in scope: EVENT_OP_COMPLETED or EVENT_FAILED there. */
int capa_scope_unit(struct ctx *c, struct capa_scope *s, const struct capa_event *e, bool *yes);
/* An EVENT_NCR_OPENED with the scope's code, in scope. */
int capa_scope_ncr_event(struct ctx *c, struct capa_scope *s, const struct capa_event *e,
    bool *yes);
/* An NCR with the scope's code, in scope. */
bool capa_scope_ncr(const struct capa_scope *s, const Yoke__Ncr *n);

#endif
