/* receiving.c — see receiving.h. */
#include "terminal/receiving.h"
#include "terminal/station_priv.h"

#include "shared/label/label.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#define QTY_MAX 1e9

static void
drop_last(struct receiving_state *rc)
{
	if (rc->last)
		yoke__lot__free_unpacked(rc->last, NULL);
	rc->last = NULL;
	rc->last_again = false;
	rc->label_file[0] = '\0';
}

/* A new lot: every answer forgotten, the label asked. */
static void
next_lot(struct receiving_state *rc)
{
	rc->ask = RECEIVING_ASK_LABEL;
	rc->want_send = false;
	rc->label[0] = rc->po[0] = rc->lot[0] = rc->expiry[0] = rc->supplier[0] = '\0';
	rc->qty = 0;
	memset(&rc->read, 0, sizeof rc->read);
}

void
receiving_start(struct station_view *sv)
{
	drop_last(&sv->recv);
	next_lot(&sv->recv);
	sv->recv.pending = false;
}

void
receiving_stop(struct station_view *sv)
{
	receiving_start(sv);
}

/* The question after `from` that the label leaves open, or the send. */
static void
ask_after(struct receiving_state *rc, enum receiving_ask from)
{
	for (int a = (int)from + 1; a <= RECEIVING_ASK_SUPPLIER; a++) {
		switch ((enum receiving_ask)a) {
		case RECEIVING_ASK_PO:
			if (rc->read.po[0])
				continue;
			break;
		case RECEIVING_ASK_LOT:
			if (rc->read.lot[0])
				continue;
			break;
		case RECEIVING_ASK_QTY:
			if (rc->read.has_qty)
				continue;
			break;
		case RECEIVING_ASK_EXPIRY:
			if (rc->read.expiry[0])
				continue;
			break;
		default:
			break;
		}
		rc->ask = (enum receiving_ask)a;
		return;
	}
	rc->want_send = true;
}

static bool
answer(struct station_view *sv, const char *line)
{
	struct receiving_state *rc = &sv->recv;
	char msg[600], *end;

	switch (rc->ask) {
	case RECEIVING_ASK_LABEL:
		if (line[0] == '\0')
			return false;
		if (!supplier_label_read(line, &rc->read, msg, sizeof msg)) {
			say(sv, STATION_TONE_ERROR, "%s", msg);
			return false;
		}
		copy(rc->label, sizeof rc->label, line);
		drop_last(rc);
		sv->message[0] = '\0';
		break;
	case RECEIVING_ASK_PO:
		copy(rc->po, sizeof rc->po, line);
		break;
	case RECEIVING_ASK_LOT:
		if (line[0] == '\0') {
			say(sv, STATION_TONE_ERROR, "%s", _("The supplier's lot is needed: type it as the "
			    "label or the papers say it"));
			return false;
		}
		copy(rc->lot, sizeof rc->lot, line);
		break;
	case RECEIVING_ASK_QTY:
		errno = 0;
		rc->qty = strtod(line, &end);
		if (line[0] == '\0' || *end != '\0' || errno != 0 || !(rc->qty > 0) || rc->qty > QTY_MAX) {
			say(sv, STATION_TONE_ERROR, _("Quantity: expected a number above 0, got \"%s\""),
			    line);
			rc->qty = 0;
			return false;
		}
		break;
	case RECEIVING_ASK_EXPIRY:
		if (line[0] && !date_valid(line)) {
			say(sv, STATION_TONE_ERROR, _("Expiry: expected a date YYYY-MM-DD, got \"%s\" "
			    "(Enter: none)"), line);
			return false;
		}
		copy(rc->expiry, sizeof rc->expiry, line);
		break;
	case RECEIVING_ASK_SUPPLIER:
		copy(rc->supplier, sizeof rc->supplier, line);
		break;
	}
	sv->message[0] = '\0';
	ask_after(rc, rc->ask);
	return true;
}

bool
receiving_on_line(struct station_view *sv, const char *line, struct station_request *r)
{
	struct receiving_state *rc = &sv->recv;
	if (command_of(line, false) == COMMAND_BACK) {
		if (rc->ask != RECEIVING_ASK_LABEL)
			say(sv, STATION_TONE_INFO, "%s", _("Dropped: nothing was received. Scan the next "
			    "label"));
		next_lot(rc);
		return false;
	}
	if (line[0] == '@') {
		say(sv, STATION_TONE_ERROR, _("Expected a label or an answer, got the command \"%s\""),
		    line);
		return false;
	}
	if (rc->pending)
		return false;
	if (!answer(sv, line))
		return false;
	return receiving_next_request(sv, r);
}

bool
receiving_next_request(struct station_view *sv, struct station_request *r)
{
	struct receiving_state *rc = &sv->recv;
	if (!rc->want_send || rc->pending)
		return false;
	rc->want_send = false;
	station_request_init(r);
	r->receive.label = rc->label;
	r->receive.purchase_order = rc->po;
	r->receive.supplier_lot = rc->lot;
	r->receive.qty = rc->qty;
	r->receive.expiry = rc->expiry;
	r->receive.supplier = rc->supplier;
	r->rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	r->rq.receive = &r->receive;
	rc->pending = true;
	sv->pending = STATION_PENDING_VIEW;
	say(sv, STATION_TONE_WAIT, "%s", _("Receiving\u2026"));
	return true;
}

/* The internal lot label's ZPL (and QR PNG) in $YOKE_LABEL_DIR, for the
 * label printer; the file's name into rc->label_file, or "" on failure
 * (said in err). */
static void
write_label(struct receiving_state *rc, const Yoke__Lot *l, char *err, size_t errsz)
{
	const char *dir = getenv("YOKE_LABEL_DIR");
	char qty[32], png[300];
	struct lot_label ll = { l->id, l->part, l->supplier, l->supplier_lot, qty, l->expiry };
	char *zpl, *code;
	FILE *f;

	rc->label_file[0] = '\0';
	err[0] = '\0';
	if (dir == NULL || dir[0] == '\0')
		dir = "lot-labels";
	if (strncmp(l->id, "L-", 2) != 0 || strspn(l->id + 2, "0123456789") != strlen(l->id) - 2)
		return;
	snprintf(qty, sizeof qty, "%g", l->qty_received);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		snprintf(err, errsz, _("cannot make the folder %s: %s"), dir, strerror(errno));
		return;
	}
	if ((zpl = label_lot_zpl(&ll, LABEL_2X1, err, errsz)) == NULL)
		return;
	snprintf(rc->label_file, sizeof rc->label_file, "%s/%s.zpl", dir, l->id);
	if ((f = fopen(rc->label_file, "w")) == NULL || fputs(zpl, f) < 0 || fclose(f) != 0) {
		snprintf(err, errsz, _("cannot write %s: %s"), rc->label_file, strerror(errno));
		rc->label_file[0] = '\0';
	}
	free(zpl);
	snprintf(png, sizeof png, "%s/%s.png", dir, l->id);
	code = label_lot_code(&ll);
	if (rc->label_file[0] && label_qr_png(code, 8, png, err, errsz) != 0)
		rc->label_file[0] = '\0';
	free(code);
}

void
receiving_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	struct receiving_state *rc = &sv->recv;
	char err[400];

	rc->pending = false;
	next_lot(rc);
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_LOTS || !rp->lots || rp->lots->n_lots != 1) {
		station_unexpected(sv, rp, _("no lot in the answer to receiving"));
		return;
	}
	drop_last(rc);
	rc->last = pb_copy(&rp->lots->lots[0]->base);
	rc->last_again = rp->lots->already_received;
	write_label(rc, rc->last, err, sizeof err);
	if (err[0])
		say(sv, STATION_TONE_ERROR, _("%s; the lot label was not written: %s"), rp->message, err);
	else
		say(sv, rc->last_again ? STATION_TONE_INFO : STATION_TONE_OK, "%s", rp->message);
}

void
receiving_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const struct receiving_state *rc = &sv->recv;
	switch (rc->ask) {
	case RECEIVING_ASK_LABEL:
		snprintf(buf, size, "%s", _("Scan the supplier's label"));
		break;
	case RECEIVING_ASK_PO:
		snprintf(buf, size, "%s", _("Scan or type the purchase order (Enter: none)"));
		break;
	case RECEIVING_ASK_LOT:
		snprintf(buf, size, "%s", _("The label has no lot: type the supplier's lot"));
		break;
	case RECEIVING_ASK_QTY:
		snprintf(buf, size, "%s", _("The label has no quantity: type how many came"));
		break;
	case RECEIVING_ASK_EXPIRY:
		snprintf(buf, size, "%s", _("Expiry date YYYY-MM-DD (Enter: none)"));
		break;
	case RECEIVING_ASK_SUPPLIER:
		snprintf(buf, size, "%s", _("Supplier code (Enter: the part's only supplier)"));
		break;
	}
}

size_t
receiving_hints(const struct station_view *sv, struct station_hint *h, size_t max)
{
	size_t n = 0;
	if (sv->recv.ask != RECEIVING_ASK_LABEL)
		n = add_hint(h, n, max, "@BACK", _("drop this lot"));
	n = add_hint(h, n, max, "@LOGOUT", _("badge out"));
	return n;
}
