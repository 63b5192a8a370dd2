/*
 * capa_scope.h — what is "in scope" of a CAPA or a trigger (capa.h): a
 * defect code at one station, or on one product at some operations. Used
 * by the proposal's walk back and by the effectiveness check's walks; only
 * server/quality/capa*.c include it.
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

struct capa_scope {
	const char *defect;
	const char *station;         /* station scope, else NULL */
	const char *product;         /* product scope, else NULL */
	uint32_t ops[CAPA_NCRS_MAX]; /* product scope: the operations */
	size_t nops;
	struct {
		char work_order[64];
		bool match;              /* of the scope's product */
	} cache[CAPA_SCOPE_CACHE];
	size_t ncache, next;
};

/* The scope of a CAPA; the operations of a product scope are its NCRs'. */
int capa_scope_of(struct ctx *c, const Yoke__Capa *k, struct capa_scope *s);
/* Whether a stored event may be in scope: false only when it cannot be
 * (a station scope's id is not in its bytes). Cheap, before decoding. */
bool capa_scope_maybe(const struct capa_scope *s, const void *v, size_t vl);
/* A unit in scope: EVENT_OP_COMPLETED or EVENT_FAILED there. */
int capa_scope_unit(struct ctx *c, struct capa_scope *s, const Yoke__Event *ev, bool *yes);
/* An EVENT_NCR_OPENED with the scope's code, in scope. */
int capa_scope_ncr_event(struct ctx *c, struct capa_scope *s, const Yoke__Event *ev, bool *yes);
/* An NCR with the scope's code, in scope. */
bool capa_scope_ncr(const struct capa_scope *s, const Yoke__Ncr *n);

#endif
