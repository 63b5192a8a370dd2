/*
 * req-receive.c — receives a lot at the dock (lot.h): the part, the
 * supplier, the supplier's lot, quantity, expiry and purchase order, as the
 * label and the papers say. A RECEIVING station's operator does it, or a
 * lead, inspector or engineer at a desk. The same part, supplier and
 * supplier lot received again is that lot (already_received), never a
 * second one. A new lot of a part with incoming inspection waits for it;
 * any other is released at once.
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <math.h>
#include <string.h>

#define RECEIVING_KIND STATION_KIND_RECEIVING
#define QTY_MAX 1e9

static enum outcome
check_fields(struct ctx *c, const Yoke__LotReceive *r)
{
	if (!ident_ok(r->part, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the part number (1-64 printable characters without spaces)"));
	if (!ident_ok(r->supplier, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the supplier's code from the definitions"));
	if (str_empty(r->supplier_lot) || !text_ok(r->supplier_lot, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the supplier's lot as the label says it (1-64 bytes of text)"));
	if (!(r->qty > 0) || !isfinite(r->qty) || r->qty > QTY_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the quantity delivered: a number above 0"));
	if (!str_empty(r->expiry) && !lot_date_ok(r->expiry))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expiry: expected a date YYYY-MM-DD, found \"%.20s\""), r->expiry);
	if (!text_ok(r->purchase_order, 64) || !text_ok(r->po_line, 16) ||
	    !text_ok(r->label, 400) || !text_ok(r->gtin, 14))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Purchase order (64), its line (16), GTIN (14) and label (400): text of at most "
		    "that many bytes"));
	if (c->station && strcmp(c->station->kind, RECEIVING_KIND) != 0)
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("Lots are received at a station of kind %s; %s is of kind %s"), RECEIVING_KIND,
		    c->station->id, c->station->kind);
	if (c->station == NULL && c->op->role == YOKE__ROLE__ROLE_OPERATOR)
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("An operator receives lots at a %s station"), RECEIVING_KIND);
	return OUTCOME_COMMIT;
}

static void
reply_lot(struct ctx *c, Yoke__Lot *l, bool again)
{
	Yoke__LotReply *lr = arena_alloc(c->a, sizeof *lr);
	yoke__lot_reply__init(lr);
	lr->lots = ARENA_NEW(c->a, Yoke__Lot *, 1);
	lr->lots[0] = l;
	lr->n_lots = 1;
	lr->matched = 1;
	lr->already_received = again;
	c->rp->body_case = YOKE__REPLY__BODY_LOTS;
	c->rp->lots = lr;
}

enum outcome
req_receive(struct ctx *c)
{
	const Yoke__LotReceive *r = c->rq->receive;
	Yoke__Lot *l;
	Yoke__Part *part;
	Yoke__Event *ev;
	enum outcome o;
	char id[LOT_ID_MAX];
	int rc;

	if ((o = check_fields(c, r)) != OUTCOME_COMMIT)
		return o;
	rc = REC_GET(c->txn, c->a, T_PART, r->part, yoke__part, &part);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("Part %s is not in the definitions"), r->part);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = lot_find(c, r->part, r->supplier_lot, r->supplier, &l);
	if (rc == STORE_OK) {
		reply_lot(c, l, true);
		reply_message(c, _("Already received: lot %s (%s of %s from %s), %s"), l->id,
		    l->supplier_lot, l->part, l->supplier, lot_status_text(l->status));
		return OUTCOME_COMMIT;
	}
	if (rc != STORE_NOTFOUND)
		return store_failed(c, rc);

	if ((rc = lot_new_id(c, id)) != STORE_OK)
		return store_failed(c, rc);
	l = arena_alloc(c->a, sizeof *l);
	yoke__lot__init(l);
	l->id = arena_strdup(c->a, id);
	l->part = r->part;
	l->supplier = r->supplier;
	l->supplier_lot = r->supplier_lot;
	l->purchase_order = r->purchase_order;
	l->po_line = r->po_line;
	l->qty_received = l->qty_left = r->qty;
	l->expiry = r->expiry;
	l->received_us = c->now;
	l->received_by = c->op->badge;
	l->gtin = r->gtin;
	l->label = r->label;
	l->po_due_us = r->po_due_us;
	l->status = part->iqc ? YOKE__LOT_STATUS__LOT_PENDING_INSPECTION :
	    YOKE__LOT_STATUS__LOT_RELEASED;
	l->status_us = c->now;
	l->status_by = (char *)"";
	l->status_reason = part->iqc ? (char *)_("received; incoming inspection to do") :
	    (char *)_("received; no incoming inspection for this part");

	ev = arena_alloc(c->a, sizeof *ev);
	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_LOT_RECEIVED;
	ev->terminal = (char *)c->terminal;
	ev->station = c->session->station;
	ev->badge = c->op->badge;
	ev->operator_name = c->op->name;
	ev->part = l->part;
	ev->lot = l->id;
	ev->detail = l->supplier_lot;
	ev->text = arena_printf(c->a, _("Received %s of %s from %s, supplier lot %s: %s"),
	    l->id, l->part, l->supplier, l->supplier_lot, lot_status_text(l->status));
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	l->received_seq = ev->seq;
	if ((rc = lot_put(c, l, true)) != STORE_OK)
		return store_failed(c, rc);
	reply_lot(c, l, false);
	reply_message(c, "%s", ev->text);
	return OUTCOME_COMMIT;
}
