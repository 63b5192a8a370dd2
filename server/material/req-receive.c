/*
 * req-receive.c — receives a lot at the dock (lot.h): the part, the
 * supplier, the supplier's lot, quantity, expiry and purchase order, as the
 * label and the papers say. One scan of the supplier's GS1 label gives
 * most of it (receive_fields.h); what the label lacks is typed. A
 * RECEIVING station's operator does it, or a lead, inspector or engineer
 * at a desk. Once the plant defines suppliers, only a defined one is
 * received from; the supplier may be left out when the part has exactly
 * one (supplier=CODE:PARTNO). The same part, supplier and
 * supplier lot received again is that lot (already_received), never a
 * second one. A new lot of a part with incoming inspection waits for it;
 * any other is released at once.
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/material/receive_fields.h"
#include "server/store/records.h"
#include "shared/label/supplier_label.h"
#include "shared/utf8.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <math.h>
#include <string.h>

#define RECEIVING_KIND STATION_KIND_RECEIVING
#define QTY_MAX 1e9

static enum outcome
check_fields(struct ctx *c, const Yoke__LotReceive *r, const struct receipt *x)
{
	if (!text_ok(r->purchase_order, 64) || !text_ok(r->po_line, 16) || !text_ok(r->gtin, 14) ||
	    !text_ok(x->purchase_order, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Purchase order (64), its line (16) and GTIN (14): text of at most that many "
		    "bytes"));
	if (!ident_ok(x->part, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the part number (1-64 printable characters without spaces)"));
	if (!ident_ok(x->supplier, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the supplier's code from the definitions"));
	if (str_empty(x->supplier_lot) || !text_ok(x->supplier_lot, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the supplier's lot as the label says it (1-64 bytes of text)"));
	if (!(x->qty > 0) || !isfinite(x->qty) || x->qty > QTY_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Receiving needs the quantity delivered: a number above 0"));
	if (!str_empty(x->expiry) && !lot_date_ok(x->expiry))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expiry: expected a date YYYY-MM-DD, found \"%.20s\""), x->expiry);
	return OUTCOME_COMMIT;
}

/* Who may receive where: an operator at a RECEIVING station, the others
 * there or at a desk. */
static enum outcome
check_place(struct ctx *c, const Yoke__LotReceive *r)
{
	size_t n = r->label ? strlen(r->label) : 0;
	if (n > SUPPLIER_LABEL_MAX + 2 || !utf8_valid(r->label ? r->label : "", n))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The supplier label: at most %d bytes of UTF-8 as the scanner sent it"),
		    SUPPLIER_LABEL_MAX);
	if (c->station && strcmp(c->station->kind, RECEIVING_KIND) != 0)
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("Lots are received at a station of kind %s; %s is of kind %s"), RECEIVING_KIND,
		    c->station->id, c->station->kind);
	if (c->station == NULL && c->op->role == YOKE__ROLE__ROLE_OPERATOR)
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("An operator receives lots at a %s station"), RECEIVING_KIND);
	return OUTCOME_COMMIT;
}

/*
 * The supplier: as typed, else the part's only supplier=CODE:PARTNO. Once
 * the plant defines any supplier, only a defined one is received from.
 */
static enum outcome
check_supplier(struct ctx *c, struct receipt *x, const Yoke__Part *part)
{
	Yoke__Supplier *s;
	int rc;
	if (str_empty(x->supplier) && part->n_supplier_parts == 1)
		x->supplier = part->supplier_parts[0]->supplier;
	if (str_empty(x->supplier) || store_count(c->txn, T_SUPPLIER) == 0)
		return OUTCOME_COMMIT;
	rc = REC_GET(c->txn, c->a, T_SUPPLIER, x->supplier, yoke__supplier, &s);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("Supplier %s is not in the definitions: receive from a defined supplier, or have "
		    "an engineer add it (supplier %s \"name\")"), x->supplier, x->supplier);
	return rc == STORE_OK ? OUTCOME_COMMIT : store_failed(c, rc);
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
	struct receipt x;
	Yoke__Lot *l;
	Yoke__Part *part;
	Yoke__Event *ev;
	enum outcome o;
	char id[LOT_ID_MAX];
	int rc;

	if ((o = check_place(c, r)) != OUTCOME_COMMIT || (o = receive_fields(c, r, &x)) != OUTCOME_COMMIT)
		return o;
	if ((part = x.part_rec) == NULL && ident_ok(x.part, 64)) {
		rc = REC_GET(c->txn, c->a, T_PART, x.part, yoke__part, &part);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
			    _("Part %s is not in the definitions"), x.part);
		if (rc != STORE_OK)
			return store_failed(c, rc);
	}
	if (part && (o = check_supplier(c, &x, part)) != OUTCOME_COMMIT)
		return o;
	if ((o = check_fields(c, r, &x)) != OUTCOME_COMMIT)
		return o;
	rc = lot_find(c, x.part, x.supplier_lot, x.supplier, &l);
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
	l->part = (char *)x.part;
	l->supplier = (char *)x.supplier;
	l->supplier_lot = (char *)x.supplier_lot;
	l->purchase_order = (char *)x.purchase_order;
	l->po_line = r->po_line;
	l->qty_received = l->qty_left = x.qty;
	l->expiry = (char *)x.expiry;
	l->received_us = c->now;
	l->received_by = c->op->badge;
	l->gtin = (char *)x.gtin;
	l->label = (char *)x.label;
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
