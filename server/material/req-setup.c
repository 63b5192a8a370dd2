/*
 * req-setup.c — the material setup of a station (setup.h): load a lot
 * (SetupLoad: the reel's label as the operator scans it, PART/LOT), take a
 * part's lot off (SetupUnload), and what is loaded (SetupQuery, read-only).
 *
 * Loading and unloading are done by whoever is badged in at the station,
 * with no signature: the scan is the record, as at a component scan. A
 * lot is loaded only for a part that a from=setup step of an operation
 * done at this station's kind takes, and only when it may be built in
 * (setup_lot_check) and no hold stops its label. Loading over a part's
 * loaded lot is a reel change: the SETUP_LOADED event names the lot it
 * replaced. The same lot again changes nothing.
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/material/setup.h"
#include "server/quality/hold.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/step_rules.h"
#include "shared/util.h"

#include <string.h>

static bool
in_list(char **list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* The reply: the station's entries (each with whether its lot may be taken
 * now) and the parts its steps take from the setup. */
static enum outcome
reply_setup(struct ctx *c, const Yoke__Station *st)
{
	Yoke__SetupReply *sr = arena_alloc(c->a, sizeof *sr);
	int rc;

	yoke__setup_reply__init(sr);
	sr->station = st->id;
	sr->station_kind = st->kind;
	if ((rc = setup_entries(c, st->id, &sr->entries, &sr->n_entries)) != STORE_OK ||
	    (rc = setup_parts(c, st->kind, &sr->parts, &sr->n_parts)) != STORE_OK)
		return store_failed(c, rc);
	for (size_t i = 0; i < sr->n_entries; i++) {
		Yoke__SetupEntry *e = sr->entries[i];
		Yoke__Lot *l;
		char why[600];
		e->usable = true;
		e->why = (char *)"";
		rc = lot_get(c, e->lot, &l);
		if (rc == STORE_OK && !lot_usable(c, l, why, sizeof why)) {
			e->usable = false;
			e->why = arena_strdup(c->a, why);
		} else if (rc != STORE_OK && rc != STORE_NOTFOUND) {
			return store_failed(c, rc);
		}
	}
	c->rp->body_case = YOKE__REPLY__BODY_SETUP;
	c->rp->setup = sr;
	return OUTCOME_COMMIT;
}

static Yoke__Event *
setup_event(struct ctx *c, Yoke__EventKind kind, const char *part, const char *lot)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);
	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = kind;
	ev->terminal = (char *)c->terminal;
	ev->station = c->station->id;
	ev->badge = c->op->badge;
	ev->operator_name = c->op->name;
	ev->part = (char *)part;
	ev->lot = (char *)lot;
	return ev;
}

/* The part named by a scan, taken from the setup at this station. */
static enum outcome
setup_part(struct ctx *c, const char *number, Yoke__Part **part)
{
	char **parts;
	size_t n;
	int rc = REC_GET(c->txn, c->a, T_PART, number, yoke__part, part);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("Part %s is not in the definitions"), number);
	if (rc != STORE_OK || (rc = setup_parts(c, c->station->kind, &parts, &n)) != STORE_OK)
		return store_failed(c, rc);
	if (!in_list(parts, n, number))
		return refuse(c, YOKE__STATUS__STATUS_NOT_IN_SETUP,
		    _("%s is not consumed from the setup at %s: no step of an operation done there "
		    "takes it from the setup"), number, c->station->id);
	return OUTCOME_COMMIT;
}

enum outcome
req_setup_load(struct ctx *c)
{
	const Yoke__SetupLoad *r = c->rq->setup_load;
	struct component_scan scan;
	Yoke__SetupEntry *old = NULL, *e;
	Yoke__Part *part;
	Yoke__Lot *l;
	Yoke__Event *ev;
	enum outcome o;
	char msg[400];
	int rc;

	if (!step_parse_component(r->scan, &scan, msg, sizeof msg))
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN, "%s", msg);
	if (scan.id[0] == '\0')
		return refuse(c, YOKE__STATUS__STATUS_BAD_SCAN,
		    _("Expected the label of a lot, PART/LOT; found %s without its lot"), scan.part);
	if ((o = setup_part(c, scan.part, &part)) != OUTCOME_COMMIT)
		return o;
	if ((o = setup_lot_check(c, part, scan.id, &l)) != OUTCOME_COMMIT)
		return o;
	const char *lot = l ? l->id : scan.id;
	if ((o = hold_component_check(c, arena_printf(c->a, "%s/%s", part->number, lot))) !=
	    OUTCOME_COMMIT)
		return o;
	if (l && strcmp(l->supplier_lot, lot) != 0 && !str_empty(l->supplier_lot) &&
	    (o = hold_component_check(c, arena_printf(c->a, "%s/%s", part->number,
	    l->supplier_lot))) != OUTCOME_COMMIT)
		return o;
	rc = setup_get(c, c->station->id, part->number, &old);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if (rc == STORE_OK && strcmp(old->lot, lot) == 0) {
		if ((o = reply_setup(c, c->station)) != OUTCOME_COMMIT)
			return o;
		reply_message(c, _("%s lot %s is already loaded at %s"), part->number, lot,
		    c->station->id);
		return OUTCOME_COMMIT;
	}
	if (rc != STORE_OK)
		old = NULL;

	ev = setup_event(c, YOKE__EVENT_KIND__EVENT_SETUP_LOADED, part->number, lot);
	if (old) {
		ev->detail = old->lot;
		ev->text = arena_printf(c->a, _("Reel change at %s: %s lot %s replaces lot %s"),
		    c->station->id, part->number, lot, old->lot);
	} else {
		ev->text = arena_printf(c->a, _("Loaded at %s: %s lot %s"), c->station->id,
		    part->number, lot);
	}
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	e = arena_alloc(c->a, sizeof *e);
	yoke__setup_entry__init(e);
	e->station = c->station->id;
	e->part = part->number;
	e->lot = (char *)lot;
	e->supplier_lot = l ? l->supplier_lot : (char *)"";
	e->loaded_us = c->now;
	e->loaded_by = c->op->badge;
	e->loaded_by_name = c->op->name;
	e->previous_lot = old ? old->lot : (char *)"";
	e->loaded_seq = ev->seq;
	if ((rc = setup_put(c, e)) != STORE_OK)
		return store_failed(c, rc);
	if ((o = reply_setup(c, c->station)) != OUTCOME_COMMIT)
		return o;
	reply_message(c, "%s", ev->text);
	return OUTCOME_COMMIT;
}

enum outcome
req_setup_unload(struct ctx *c)
{
	const Yoke__SetupUnload *r = c->rq->setup_unload;
	Yoke__SetupEntry *e;
	Yoke__Event *ev;
	int rc;

	if (!ident_ok(r->part, SCAN_FIELD_MAX - 1))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the part number whose lot comes off the setup"));
	rc = setup_get(c, c->station->id, r->part, &e);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("No lot of %s is loaded at %s"), r->part, c->station->id);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	ev = setup_event(c, YOKE__EVENT_KIND__EVENT_SETUP_UNLOADED, e->part, e->lot);
	ev->text = arena_printf(c->a, _("Unloaded at %s: %s lot %s"), c->station->id, e->part,
	    e->lot);
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK ||
	    (rc = setup_del(c, c->station->id, e->part)) != STORE_OK)
		return store_failed(c, rc);
	enum outcome o = reply_setup(c, c->station);
	if (o != OUTCOME_COMMIT)
		return o;
	reply_message(c, "%s", ev->text);
	return OUTCOME_COMMIT;
}

enum outcome
req_setup(struct ctx *c)
{
	const Yoke__SetupQuery *q = c->rq->setup;
	Yoke__Station *st;
	int rc;

	if (str_empty(q->station))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the station whose setup to show"));
	if (!ident_ok(q->station, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a station id, got \"%.40s\""), q->station);
	rc = REC_GET(c->txn, c->a, T_STATION, q->station, yoke__station, &st);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("Unknown station %s"), q->station);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	enum outcome o = reply_setup(c, st);
	if (o != OUTCOME_COMMIT)
		return o;
	reply_message(c, P_("%zu lot loaded at %s", "%zu lots loaded at %s",
	    c->rp->setup->n_entries), c->rp->setup->n_entries, st->id);
	return OUTCOME_COMMIT;
}
