/* ncr.c — see ncr.h. */
#include "server/quality/ncr.h"
#include "server/quality/capa.h"
#include "server/quality/counter.h"
#include "server/quality/hold.h"
#include "server/unit/unit.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCR_PREFIX "NCR-"

const char *
ncr_name(struct ctx *c, uint64_t number)
{
	return arena_printf(c->a, NCR_PREFIX "%06" PRIu64, number);
}

static bool
ncr_number(const char *name, uint64_t *n)
{
	const char *p = name;
	char *end;
	if (strncmp(p, NCR_PREFIX, strlen(NCR_PREFIX)) == 0)
		p += strlen(NCR_PREFIX);
	if (*p < '0' || *p > '9' || strlen(p) > 18)
		return false;
	*n = strtoull(p, &end, 10);
	return *end == '\0' && *n > 0;
}

int
ncr_get(struct ctx *c, const char *name, Yoke__Ncr **n)
{
	unsigned char k[8];
	uint64_t no;
	if (!ncr_number(name, &no))
		return STORE_NOTFOUND;
	put_be64(k, no);
	return rec_get(c->txn, c->a, T_NCR, k, 8, &yoke__ncr__descriptor, (void **)n);
}

int
ncr_put(struct ctx *c, const Yoke__Ncr *n)
{
	unsigned char k[8];
	uint64_t no;
	if (!ncr_number(n->number, &no))
		return STORE_ERROR;
	put_be64(k, no);
	return rec_put(c->txn, c->a, T_NCR, k, 8, (const ProtobufCMessage *)n, 0);
}

const char *
ncr_state_text(Yoke__NcrState s)
{
	switch (s) {
	case YOKE__NCR_STATE__NCR_OPEN: return _("open");
	case YOKE__NCR_STATE__NCR_DISPOSITIONED: return _("dispositioned");
	case YOKE__NCR_STATE__NCR_CLOSED: return _("closed");
	default: return "?";
	}
}

const char *
ncr_disposition_text(Yoke__DispositionKind k)
{
	switch (k) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK: return _("rework");
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR: return _("repair");
	case YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP: return _("scrap");
	case YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS: return _("use as is");
	case YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER: return _("return to supplier");
	case YOKE__DISPOSITION_KIND__DISPOSITION_SORT: return _("sort 100 %");
	default: return "";
	}
}

Yoke__Ncr *
ncr_for_unit(struct ctx *c, const Yoke__UnitRecord *u, const Yoke__Routing *r)
{
	Yoke__Ncr *n = arena_alloc(c->a, sizeof *n);
	const Yoke__Operation *op = unit_op(u, r);
	yoke__ncr__init(n);
	n->state = YOKE__NCR_STATE__NCR_OPEN;
	n->serial = u->serial;
	n->work_order = u->work_order;
	n->product = u->product;
	if (op) {
		n->operation = op->number;
		n->operation_name = op->name;
	}
	if (c->session) {
		n->badge = c->session->badge;
		n->station = c->session->station;
	}
	if (c->op)
		n->operator_name = c->op->name;
	n->opened_us = c->now;
	return n;
}

int
ncr_rework_options(struct ctx *c, Yoke__Ncr *n)
{
	Yoke__UnitRecord *u;
	Yoke__Routing *r;
	int rc;

	if (n->state != YOKE__NCR_STATE__NCR_OPEN || str_empty(n->serial))
		return STORE_OK;
	rc = REC_GET(c->txn, c->a, T_UNIT, n->serial, yoke__unit_record, &u);
	if (rc == STORE_OK)
		rc = routing_get(c, u->product, u->routing_rev, &r);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	n->rework_options = ARENA_NEW(c->a, Yoke__ReworkOption *, r->n_rework_operations + 1);
	for (size_t i = 0; i < r->n_rework_operations; i++) {
		const Yoke__Operation *op = r->rework_operations[i];
		Yoke__ReworkOption *o = arena_alloc(c->a, sizeof *o);
		yoke__rework_option__init(o);
		o->operation = op->number;
		o->name = op->name;
		o->station_kind = op->station_kind;
		n->rework_options[n->n_rework_options++] = o;
	}
	return STORE_OK;
}

/* The components in the unit now: each scanned label, less those a repair
 * took out, from the unit's history. */
static int
components_of(struct ctx *c, const Yoke__UnitRecord *u, Yoke__Ncr *n)
{
	char **list = ARENA_NEW(c->a, char *, u->n_events + 1);
	size_t k = 0;
	for (size_t i = 0; i < u->n_events; i++) {
		unsigned char key[8];
		Yoke__Event *ev;
		int rc;
		put_be64(key, u->events[i]);
		rc = rec_get(c->txn, c->a, T_EVENT, key, 8, &yoke__event__descriptor, (void **)&ev);
		if (rc != STORE_OK)
			return rc == STORE_NOTFOUND ? STORE_ERROR : rc;
		const char *id = !str_empty(ev->component_serial) ? ev->component_serial : ev->lot;
		if (str_empty(id))
			continue;
		char *label = arena_printf(c->a, "%s/%s", ev->part, id);
		if (ev->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED) {
			list[k++] = label;
		} else if (ev->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED) {
			for (size_t j = 0; j < k; j++)
				if (strcmp(list[j], label) == 0) {
					list[j] = list[--k];
					break;
				}
		}
	}
	/* A lot scanned at several steps is one line. */
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		bool dup = false;
		for (size_t j = 0; j < m && !dup; j++)
			dup = strcmp(list[j], list[i]) == 0;
		if (!dup)
			list[m++] = list[i];
	}
	n->components = list;
	n->n_components = m;
	return STORE_OK;
}

enum outcome
ncr_open(struct ctx *c, Yoke__UnitRecord *u, Yoke__Ncr *n, Yoke__SignatureRecord *by)
{
	Yoke__HoldReply counts = YOKE__HOLD_REPLY__INIT;
	Yoke__Hold *h = arena_alloc(c->a, sizeof *h);
	Yoke__Routing *r;
	uint64_t no;
	enum outcome o;
	int rc;

	if ((rc = counter_next(c, COUNTER_NCR, &no)) != STORE_OK)
		return store_failed(c, rc);
	n->number = (char *)ncr_name(c, no);
	n->state = YOKE__NCR_STATE__NCR_OPEN;
	if ((rc = components_of(c, u, n)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = routing_get(c, u->product, u->routing_rev, &r)) != STORE_OK)
		return store_failed(c, rc == STORE_NOTFOUND ? STORE_ERROR : rc);
	/* The NCR's event first: its hold's event follows it in the history. */
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_NCR_OPENED, u, r);
	ev->ncr = n->number;
	ev->defect = n->defect;
	ev->text = arena_printf(c->a, _("%s opened: %s"), n->number, n->text);
	if (!str_empty(n->defect))
		ev->detail = arena_printf(c->a, "%s%s%s", n->defect, str_empty(n->location) ? "" : " @ ",
		    n->location);
	if (by) {
		ev->n_signatures = 1;
		ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
		ev->signatures[0] = by;
	}
	if ((rc = unit_event_append(c, u, ev)) != STORE_OK)
		return store_failed(c, rc);
	n->opened_seq = ev->seq;

	yoke__hold__init(h);
	h->scope = YOKE__HOLD_SCOPE__HOLD_UNIT;
	h->n_targets = 1;
	h->targets = ARENA_NEW(c->a, char *, 1);
	h->targets[0] = u->serial;
	h->reason = arena_printf(c->a, "%s: %s", n->number, n->text);
	h->source = YOKE__HOLD_SOURCE__HOLD_NCR;
	h->ncr = n->number;
	h->placed = by;
	if ((o = hold_place(c, h, u, &counts)) != OUTCOME_COMMIT)
		return o;
	n->hold = h->id;

	char **ncrs = ARENA_NEW(c->a, char *, u->n_ncrs + 1);
	if (u->n_ncrs)
		memcpy(ncrs, u->ncrs, u->n_ncrs * sizeof *ncrs);
	ncrs[u->n_ncrs++] = n->number;
	u->ncrs = ncrs;
	u->open_ncr = n->number;
	if ((rc = ncr_put(c, n)) != STORE_OK)
		return store_failed(c, rc);
	notify(c, "role/inspector", u->serial, u->status, N_("NCR opened"));
	return capa_consider(c, n);
}
