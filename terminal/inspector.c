/*
 * inspector.c — the inspector's view (inspector.h): the lines and keys of
 * the worklist and of an NCR, the decision's questions, the requests they
 * make and the answers to them. No curses: tests drive it through the
 * station model (station_on_line, station_on_reply, ...).
 */
#include "terminal/inspector.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static size_t
items(const struct station_view *sv)
{
	return sv->insp.worklist ? sv->insp.worklist->n_items : 0;
}

static const Yoke__WorkItem *
item(const struct station_view *sv, int i)
{
	if (i < 0 || (size_t)i >= items(sv))
		return NULL;
	return sv->insp.worklist->items[i];
}

static void
set_pick(struct station_view *sv, int pick)
{
	const Yoke__WorkItem *it = item(sv, pick);

	sv->insp.pick = it ? pick : -1;
	copy(sv->insp.pick_ref, sizeof sv->insp.pick_ref, it ? it->ref : "");
	sv->dirty = true;
}

/* Drops the decision being made, secrets wiped. */
static void
drop_decision(struct station_view *sv)
{
	struct inspector_state *in = &sv->insp;

	in->ask = INSPECTOR_ASK_NONE;
	in->closing = false;
	in->kind = YOKE__DISPOSITION_KIND__DISPOSITION_NONE;
	in->rework_op = 0;
	in->rework_pick = -1;
	in->remove[0] = in->fit[0] = '\0';
	explicit_bzero(in->note, sizeof in->note);
	signing_drop(&in->sign);
	ncr_raise_drop(&in->raise);
}

void
inspector_stop(struct station_view *sv)
{
	struct inspector_state *in = &sv->insp;

	drop_decision(sv);
	if (in->worklist)
		yoke__worklist_reply__free_unpacked(in->worklist, NULL);
	ncr_detail_drop(&in->detail);
	iqc_view_drop(&in->iqc);
	memset(in, 0, sizeof *in);
	in->pick = -1;
	in->rework_pick = -1;
	in->raise.pick = -1;
}

void
inspector_start(struct station_view *sv)
{
	inspector_stop(sv);
	sv->insp.want_worklist = true;
	sv->insp.refresh_at = sv->clock + INSPECTOR_REFRESH_US;
}

static void
to_list(struct station_view *sv)
{
	drop_decision(sv);
	ncr_detail_drop(&sv->insp.detail);
	iqc_view_drop(&sv->insp.iqc);
	sv->insp.screen = INSPECTOR_LIST;
	sv->insp.want_worklist = true;
	sv->dirty = true;
}

void
inspector_home(struct station_view *sv)
{
	to_list(sv);
}

void
inspector_refresh(struct station_view *sv)
{
	struct inspector_state *in = &sv->insp;

	in->want_worklist = true;
	if (in->screen == INSPECTOR_IQC)
		in->iqc.want_read = true;
	if (in->screen == INSPECTOR_NCR && in->detail.number[0]) {
		in->detail.want_ncr = true;
		in->detail.want_trace = false;
	}
}

bool
inspector_asking(const struct station_view *sv)
{
	return sv->insp.ask != INSPECTOR_ASK_NONE || iqc_view_asking(&sv->insp.iqc);
}

bool
inspector_masked(const struct station_view *sv)
{
	if (sv->insp.ask == INSPECTOR_ASK_RAISE)
		return ncr_raise_masked(&sv->insp.raise);
	if (sv->insp.screen == INSPECTOR_IQC)
		return iqc_view_masked(&sv->insp.iqc);
	return sv->insp.ask == INSPECTOR_ASK_SIGN && signing_masked(&sv->insp.sign);
}

/* ---- requests ------------------------------------------------------------ */

static bool
pending(struct station_view *sv, struct station_request *r, Yoke__Request__BodyCase body,
    enum inspector_pending what)
{
	r->rq.body_case = body;
	sv->pending = STATION_PENDING_VIEW;
	sv->insp.pending = what;
	return true;
}

bool
inspector_next_request(struct station_view *sv, struct station_request *r)
{
	struct inspector_state *in = &sv->insp;

	if (in->ask != INSPECTOR_ASK_NONE)
		return false;             /* the questions first: nothing moves under them */
	if (in->screen == INSPECTOR_IQC && iqc_view_next_request(sv, &in->iqc, r)) {
		in->pending = INSPECTOR_PENDING_IQC;
		return true;
	}
	if (in->screen == INSPECTOR_NCR && in->detail.want_ncr) {
		in->detail.want_ncr = false;
		station_request_init(r);
		copy(r->number, sizeof r->number, in->detail.number);
		r->ncrs.number = r->number;
		r->rq.ncrs = &r->ncrs;
		return pending(sv, r, YOKE__REQUEST__BODY_NCRS, INSPECTOR_PENDING_NCR);
	}
	if (in->screen == INSPECTOR_NCR && in->detail.want_trace && in->detail.ncr) {
		in->detail.want_trace = false;
		station_request_init(r);
		copy(r->serial, sizeof r->serial, in->detail.ncr->serial);
		r->trace.serial = r->serial;
		r->rq.trace = &r->trace;
		return pending(sv, r, YOKE__REQUEST__BODY_TRACE, INSPECTOR_PENDING_TRACE);
	}
	if (in->want_worklist) {
		in->want_worklist = false;
		station_request_init(r);
		r->worklist.station_kind = (char *)"";   /* the whole line */
		r->rq.worklist = &r->worklist;
		return pending(sv, r, YOKE__REQUEST__BODY_WORKLIST, INSPECTOR_PENDING_WORKLIST);
	}
	return false;
}

/* The decision is signed: the request goes. */
static bool
req_decision(struct station_view *sv, struct station_request *r)
{
	struct inspector_state *in = &sv->insp;
	const char *number = in->detail.number;

	station_request_init(r);
	copy(r->number, sizeof r->number, number);
	copy(r->note, sizeof r->note, in->note);
	if (in->closing) {
		r->close_ncr.number = r->number;
		r->close_ncr.note = r->note;
		/* One signer: the first signature. */
		Yoke__Signature **list;
		size_t n;
		station_req_signatures(r, &in->sign, &list, &n);
		r->close_ncr.signature = n ? list[0] : NULL;
		r->rq.close_ncr = &r->close_ncr;
		say(sv, STATION_TONE_WAIT, _("Closing %s\u2026"), number);
		drop_decision(sv);
		return pending(sv, r, YOKE__REQUEST__BODY_CLOSE_NCR, INSPECTOR_PENDING_DECISION);
	}
	r->disposition.number = r->number;
	r->disposition.kind = in->kind;
	r->disposition.rework_operation = in->rework_op;
	r->disposition.note = r->note;
	copy(r->remove, sizeof r->remove, in->remove);
	copy(r->fit, sizeof r->fit, in->fit);
	r->disposition.remove = r->remove;
	r->disposition.fit = r->fit;
	station_req_signatures(r, &in->sign, &r->disposition.signatures, &r->disposition.n_signatures);
	r->rq.disposition = &r->disposition;
	say(sv, STATION_TONE_WAIT, _("Sending the disposition of %s: %s\u2026"), number,
	    ncr_disposition_name(in->kind));
	drop_decision(sv);
	return pending(sv, r, YOKE__REQUEST__BODY_DISPOSITION, INSPECTOR_PENDING_DECISION);
}

/* ---- the decision's questions ------------------------------------------- */

static void
cancelled(struct station_view *sv)
{
	drop_decision(sv);
	say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
}

/* What is signed, as the signature's prompt says it. */
static void
meaning(const struct station_view *sv, char *buf, size_t size)
{
	const struct inspector_state *in = &sv->insp;
	const char *n = in->detail.number;

	if (in->closing) {
		snprintf(buf, size, _("closing %s"), n);
		return;
	}
	switch (in->kind) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK:
		snprintf(buf, size, _("rework of %s"), n);
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR:
		snprintf(buf, size, _("repair of %s"), n);
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP:
		snprintf(buf, size, _("scrap of %s"), n);
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER:
		snprintf(buf, size, _("return to supplier of %s"), n);
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_SORT:
		snprintf(buf, size, _("full sort of %s"), n);
		break;
	default:
		snprintf(buf, size, _("use as is of %s"), n);
		break;
	}
}

static void
ask_signature(struct station_view *sv)
{
	struct inspector_state *in = &sv->insp;
	char what[SIGNING_MEANING];
	bool mrb = !in->closing && in->kind == YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS;

	meaning(sv, what, sizeof what);
	signing_start(&in->sign, mrb ? 2 : 1, mrb ? SIGNING_MAX : 1, sv->badge, what);
	in->ask = INSPECTOR_ASK_SIGN;
	if (mrb)
		say(sv, STATION_TONE_INFO, "%s", _("Use as is: the Material Review Board signs, two to "
		    "four people, one of them an inspector, not who opened the NCR"));
	else
		sv->message[0] = '\0';
}

/* The decision an open NCR offers at list number 1-4: a unit's (rework,
 * repair, scrap, use as is) or a component lot's (return to supplier, full
 * sort, scrap, use as is: inspector_lot_ncr). */
static Yoke__DispositionKind
choice_kind(const Yoke__Ncr *n, size_t choice)
{
	bool lot = inspector_lot_ncr(n);
	switch (choice) {
	case 1: return lot ? YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER :
	    YOKE__DISPOSITION_KIND__DISPOSITION_REWORK;
	case 2: return lot ? YOKE__DISPOSITION_KIND__DISPOSITION_SORT :
	    YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR;
	case 3: return YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP;
	default: return YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS;
	}
}

bool
inspector_lot_ncr(const Yoke__Ncr *n)
{
	return n && !str_empty(n->lot);
}

/* 1-4 (or 1 to close) at the NCR. */
static void
decide(struct station_view *sv, size_t choice)
{
	struct inspector_state *in = &sv->insp;

	drop_decision(sv);
	if (in->detail.ncr->state == YOKE__NCR_STATE__NCR_DISPOSITIONED) {
		in->closing = true;
		in->ask = INSPECTOR_ASK_NOTE;
		sv->message[0] = '\0';
		return;
	}
	in->kind = choice_kind(in->detail.ncr, choice);
	switch (in->kind) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK:
		in->ask = INSPECTOR_ASK_REWORK_OP;
		in->rework_pick = -1;
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR:
		in->ask = INSPECTOR_ASK_REMOVE;
		break;
	default:
		in->ask = INSPECTOR_ASK_NOTE;
		break;
	}
	sv->message[0] = '\0';
	sv->dirty = true;
}

bool
inspector_rework_choice(const Yoke__Ncr *n, const char *line, int pick, uint32_t *op)
{
	size_t count = n ? n->n_rework_options : 0, k;
	unsigned long typed = 0;
	const char *p = line;

	*op = 0;
	if (line[0] == '\0') {
		/* The one chosen; else the first (0 to a server that sent none). */
		if (pick >= 0 && (size_t)pick < count)
			*op = n->rework_options[pick]->operation;
		else if (count > 0)
			*op = n->rework_options[0]->operation;
		return true;
	}
	if ((k = station_list_number(line, count)) > 0) {
		*op = n->rework_options[k - 1]->operation;
		return true;
	}
	for (; *p >= '0' && *p <= '9' && typed < 1000000; p++)
		typed = typed * 10 + (unsigned long)(*p - '0');
	if (*p != '\0' || typed == 0 || typed >= 1000000)
		return false;
	if (count == 0) {
		*op = (uint32_t)typed;         /* no list: the server judges it */
		return true;
	}
	for (k = 0; k < count; k++)
		if (n->rework_options[k]->operation == typed) {
			*op = (uint32_t)typed;
			return true;
		}
	return false;
}

/* A component label as a scan gives it: PART/ID, no spaces. */
static bool
label_ok(const char *s)
{
	const char *slash = strchr(s, '/');

	if (!slash || slash == s || slash[1] == '\0' || strlen(s) >= INSPECTOR_LABEL)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7F)
			return false;
	return true;
}

/* A line for the NCR raised by hand; the request once it is signed. */
static bool
raise_answer(struct station_view *sv, const char *line, struct station_request *r)
{
	struct inspector_state *in = &sv->insp;

	switch (ncr_raise_line(sv, &in->raise, line, r)) {
	case NCR_RAISE_DONE:
		in->ask = INSPECTOR_ASK_NONE;
		return pending(sv, r, YOKE__REQUEST__BODY_RAISE_NCR, INSPECTOR_PENDING_RAISE);
	case NCR_RAISE_CANCELLED:
		cancelled(sv);
		return false;
	default:
		return false;
	}
}

static bool
answer(struct station_view *sv, const char *line, struct station_request *r)
{
	struct inspector_state *in = &sv->insp;
	enum command cmd = command_of(line, false);
	char why[STATION_MSG];

	if (in->ask == INSPECTOR_ASK_RAISE)
		return raise_answer(sv, line, r);
	if (in->ask != INSPECTOR_ASK_SIGN && cmd == COMMAND_BACK) {
		cancelled(sv);
		return false;
	}
	if (in->ask != INSPECTOR_ASK_SIGN && cmd != COMMAND_NONE) {
		say(sv, STATION_TONE_ERROR, _("This question takes an answer, not the command \"%s\" "
		    "(@BACK: cancel)"), line);
		return false;
	}
	switch (in->ask) {
	case INSPECTOR_ASK_REWORK_OP: {
		const Yoke__Ncr *n = in->detail.ncr;
		uint32_t op;
		if (!inspector_rework_choice(n, line, in->rework_pick, &op)) {
			if (n && n->n_rework_options > 0)
				say(sv, STATION_TONE_ERROR, _("Expected a rework operation: its number in the "
				    "list (1 to %zu), \u2191 \u2193 and Enter, or the operation's own number, "
				    "such as %u; got \"%s\""), n->n_rework_options,
				    n->rework_options[0]->operation, line);
			else
				say(sv, STATION_TONE_ERROR, _("Expected the number of a rework operation, such "
				    "as 900, or Enter for the routing's first; got \"%s\""), line);
			return false;
		}
		in->rework_op = op;
		in->ask = INSPECTOR_ASK_NOTE;
		if (op)
			say(sv, STATION_TONE_INFO, _("Rework at op %u"), op);
		else
			sv->message[0] = '\0';
		return false;
	}
	case INSPECTOR_ASK_REMOVE: {
		const Yoke__Ncr *n = in->detail.ncr;
		size_t k = station_list_number(line, n ? n->n_components : 0);
		const char *label = k ? n->components[k - 1] : line;
		if (!label_ok(label)) {
			say(sv, STATION_TONE_ERROR, _("Expected the component taken out as PART/SERIAL, or "
			    "its number in the list; got \"%s\""), line);
			return false;
		}
		copy(in->remove, sizeof in->remove, label);
		in->ask = INSPECTOR_ASK_FIT;
		say(sv, STATION_TONE_INFO, _("Taken out: %s"), in->remove);
		return false;
	}
	case INSPECTOR_ASK_FIT:
		if (!label_ok(line)) {
			say(sv, STATION_TONE_ERROR, _("Expected the new component's label as PART/SERIAL, "
			    "got \"%s\""), line);
			return false;
		}
		copy(in->fit, sizeof in->fit, line);
		in->ask = INSPECTOR_ASK_NOTE;
		say(sv, STATION_TONE_INFO, _("%s replaces %s"), in->fit, in->remove);
		return false;
	case INSPECTOR_ASK_NOTE:
		copy(in->note, sizeof in->note, line);
		ask_signature(sv);
		return false;
	case INSPECTOR_ASK_SIGN:
		switch (signing_answer(&in->sign, line, why, sizeof why)) {
		case SIGNING_DONE:
			return req_decision(sv, r);
		case SIGNING_CANCELLED:
			cancelled(sv);
			return false;
		case SIGNING_WRONG:
			say(sv, STATION_TONE_ERROR, "%s", why);
			return false;
		case SIGNING_ASKING:
			sv->dirty = true;
			return false;
		}
		return false;
	case INSPECTOR_ASK_RAISE:
	case INSPECTOR_ASK_NONE:
		break;
	}
	return false;
}

/* ---- lines --------------------------------------------------------------- */

static bool
open_ncr(struct station_view *sv, const char *number, struct station_request *r)
{
	drop_decision(sv);
	ncr_detail_open(&sv->insp.detail, number);
	sv->insp.screen = INSPECTOR_NCR;
	say(sv, STATION_TONE_WAIT, _("Reading %s\u2026"), number);
	return inspector_next_request(sv, r);
}

static bool
open_iqc(struct station_view *sv, const char *number, struct station_request *r)
{
	drop_decision(sv);
	iqc_view_open(&sv->insp.iqc, number);
	sv->insp.screen = INSPECTOR_IQC;
	say(sv, STATION_TONE_WAIT, _("Reading %s\u2026"), number);
	return inspector_next_request(sv, r);
}

/* The item picked: what it is decides where it leads. */
static bool
open_item(struct station_view *sv, const Yoke__WorkItem *it, struct station_request *r)
{
	switch (it->kind) {
	case YOKE__WORK_KIND__WORK_NCR:
	case YOKE__WORK_KIND__WORK_NCR_CLOSE:
		return open_ncr(sv, str(it->ref), r);
	case YOKE__WORK_KIND__WORK_INSPECTION:
		if (strcmp(str(it->station), sv->station) == 0) {
			say(sv, STATION_TONE_WAIT, _("Opening %s\u2026"), str(it->serial));
			return station_req_open(sv, r, str(it->serial));
		}
		say(sv, STATION_TONE_INFO, _("Unit %s waits at station %s for an inspector to sign "
		    "\u201c%s\u201d: sign it at that station's terminal"), str(it->serial), str(it->station),
		    str(it->text));
		return false;
	case YOKE__WORK_KIND__WORK_CAPA:
		say(sv, STATION_TONE_INFO, _("%s waits for its next step: yokectl capa show %s"),
		    str(it->ref), str(it->ref));
		return false;
	case YOKE__WORK_KIND__WORK_HOLD:
		say(sv, STATION_TONE_INFO, _("Hold %s is in force: %s"), str(it->ref), str(it->text));
		return false;
	case YOKE__WORK_KIND__WORK_IQC:
		return open_iqc(sv, str(it->ref), r);
	default:
		return false;
	}
}

static bool
line_in_list(struct station_view *sv, const char *line, struct station_request *r)
{
	struct inspector_state *in = &sv->insp;
	enum command cmd = command_of(line, false);
	size_t k, n = items(sv);

	if (line[0] == '\0') {
		if (item(sv, in->pick))
			return open_item(sv, item(sv, in->pick), r);
		in->want_worklist = true;
		return inspector_next_request(sv, r);
	}
	if (cmd == COMMAND_BACK) {
		set_pick(sv, -1);
		sv->message[0] = '\0';
		return false;
	}
	if (cmd != COMMAND_NONE) {
		say(sv, STATION_TONE_ERROR, _("Expected an item's number, an NCR number or a unit serial, "
		    "got the command \"%s\""), line);
		return false;
	}
	if ((k = station_list_number(line, n)) > 0) {
		set_pick(sv, (int)k - 1);
		return open_item(sv, item(sv, (int)k - 1), r);
	}
	/* An NCR by its number, or by its unit's serial. */
	for (size_t i = 0; i < n; i++) {
		const Yoke__WorkItem *it = item(sv, (int)i);
		bool ncr = it->kind == YOKE__WORK_KIND__WORK_NCR || it->kind == YOKE__WORK_KIND__WORK_NCR_CLOSE;
		if (ncr && (strcasecmp(str(it->ref), line) == 0 || strcmp(str(it->serial), line) == 0)) {
			set_pick(sv, (int)i);
			return open_item(sv, it, r);
		}
	}
	if (strncasecmp(line, "IQC-", 4) == 0 && strlen(line) < IQC_VIEW_NUMBER) {
		char number[IQC_VIEW_NUMBER];
		copy(number, sizeof number, line);
		for (char *p = number; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		return open_iqc(sv, number, r);
	}
	if (strncasecmp(line, "NCR-", 4) == 0 && strlen(line) < NCR_NUMBER) {
		char number[NCR_NUMBER];
		copy(number, sizeof number, line);
		for (char *p = number; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		return open_ncr(sv, number, r);
	}
	/* Any other scan is a unit, opened here as at the station's queue. */
	say(sv, STATION_TONE_WAIT, _("Opening %s\u2026"), line);
	return station_req_open(sv, r, line);
}

static bool
line_in_ncr(struct station_view *sv, const char *line, struct station_request *r)
{
	struct inspector_state *in = &sv->insp;
	const Yoke__Ncr *n = in->detail.ncr;
	enum command cmd = command_of(line, false);
	size_t choice;

	(void)r;
	if (line[0] == '\0' || cmd == COMMAND_BACK) {
		to_list(sv);
		sv->message[0] = '\0';
		return inspector_next_request(sv, r);
	}
	if (!n) {
		say(sv, STATION_TONE_WAIT, _("Reading %s\u2026"), in->detail.number);
		return false;
	}
	switch (n->state) {
	case YOKE__NCR_STATE__NCR_OPEN:
		if ((choice = station_list_number(line, 4)) > 0) {
			decide(sv, choice);
			return false;
		}
		if (inspector_lot_ncr(n))
			say(sv, STATION_TONE_ERROR, _("Expected 1 return to supplier, 2 full sort, 3 scrap "
			    "or 4 use as is, or Enter for the list; got \"%s\""), line);
		else
			say(sv, STATION_TONE_ERROR, _("Expected 1 rework, 2 repair, 3 scrap or 4 use as is, "
			    "or Enter for the list; got \"%s\""), line);
		return false;
	case YOKE__NCR_STATE__NCR_DISPOSITIONED:
		if (station_list_number(line, 1) == 1) {
			decide(sv, 1);
			return false;
		}
		say(sv, STATION_TONE_ERROR, _("Expected 1 to close %s, or Enter for the list; got \"%s\""),
		    n->number, line);
		return false;
	default:
		say(sv, STATION_TONE_INFO, _("%s is closed: nothing is left to decide. Enter: the list"),
		    n->number);
		return false;
	}
}

bool
inspector_on_line(struct station_view *sv, const char *line, struct station_request *r)
{
	sv->dirty = true;
	if (sv->insp.ask != INSPECTOR_ASK_NONE)
		return answer(sv, line, r);
	if (sv->insp.screen == INSPECTOR_IQC) {
		bool leave, send = iqc_view_on_line(sv, &sv->insp.iqc, line, r, &leave);
		if (send)
			sv->insp.pending = INSPECTOR_PENDING_IQC;
		if (!leave)
			return send;
		to_list(sv);
		sv->message[0] = '\0';
		return inspector_next_request(sv, r);
	}
	if (sv->insp.screen == INSPECTOR_NCR)
		return line_in_ncr(sv, line, r);
	return line_in_list(sv, line, r);
}

/* ---- replies and notices --------------------------------------------------- */

/* The worklist read: the highlight stays on its item when it is still there. */
static void
take_worklist(struct station_view *sv, const Yoke__WorklistReply *w)
{
	struct inspector_state *in = &sv->insp;
	int found = -1;

	if (in->worklist)
		yoke__worklist_reply__free_unpacked(in->worklist, NULL);
	in->worklist = pb_copy(&w->base);
	for (size_t i = 0; in->pick_ref[0] && i < items(sv); i++)
		if (strcmp(str(item(sv, (int)i)->ref), in->pick_ref) == 0) {
			found = (int)i;
			break;
		}
	set_pick(sv, found);
	in->refresh_at = sv->clock + INSPECTOR_REFRESH_US;
}

void
inspector_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	struct inspector_state *in = &sv->insp;
	enum inspector_pending was = in->pending;
	bool ok = rp->status == YOKE__STATUS__STATUS_OK;

	in->pending = INSPECTOR_PENDING_NONE;
	sv->dirty = true;
	switch (was) {
	case INSPECTOR_PENDING_WORKLIST:
		if (ok && rp->body_case == YOKE__REPLY__BODY_WORKLIST && rp->worklist)
			take_worklist(sv, rp->worklist);
		else if (ok)
			station_unexpected(sv, rp, _("no worklist in the answer to a worklist query"));
		else
			station_refused(sv, rp);
		break;
	case INSPECTOR_PENDING_NCR:
		if (station_ncr_answer(sv, &in->detail, rp))
			break;
		if (!in->detail.ncr && in->screen == INSPECTOR_NCR) {
			/* Nothing to show: the list again, with the words said. */
			ncr_detail_drop(&in->detail);
			in->screen = INSPECTOR_LIST;
			in->want_worklist = true;
		}
		break;
	case INSPECTOR_PENDING_TRACE:
		station_trace_answer(sv, &in->detail, rp);
		break;
	case INSPECTOR_PENDING_DECISION:
		if (!ok) {
			/* The server's words; the NCR is as it was. */
			station_refused(sv, rp);
			break;
		}
		if (rp->body_case == YOKE__REPLY__BODY_NCRS)
			ncr_detail_take(&in->detail, rp->ncrs);
		if (!str_empty(rp->message))
			say(sv, STATION_TONE_OK, "%s", rp->message);
		else
			say(sv, STATION_TONE_OK, "%s", _("Done"));
		in->want_worklist = true;
		break;
	case INSPECTOR_PENDING_RAISE:
		if (!ok) {
			station_refused(sv, rp);
			break;
		}
		in->want_worklist = true;
		if (rp->body_case == YOKE__REPLY__BODY_NCRS && rp->ncrs && rp->ncrs->n_ncrs == 1 &&
		    !str_empty(rp->ncrs->ncrs[0]->number)) {
			/* The new NCR, read by its number (with its rework operations). */
			drop_decision(sv);
			ncr_detail_open(&in->detail, rp->ncrs->ncrs[0]->number);
			in->screen = INSPECTOR_NCR;
		}
		if (!str_empty(rp->message))
			say(sv, STATION_TONE_OK, "%s", rp->message);
		else
			say(sv, STATION_TONE_OK, "%s", _("Done"));
		break;
	case INSPECTOR_PENDING_IQC:
		iqc_view_on_reply(sv, &in->iqc, rp);
		if (in->iqc.il && in->iqc.il->state != YOKE__INSPECTION_STATE__INSPECTION_OPEN)
			in->want_worklist = true;
		break;
	case INSPECTOR_PENDING_NONE:
		break;
	}
}

void
inspector_on_notice(struct station_view *sv, const Yoke__Notice *n)
{
	(void)n;
	/* Something new waits (an NCR opened): the list is read again, and
	 * the bell says so. */
	sv->insp.want_worklist = true;
	sv->bell++;
	sv->dirty = true;
}

void
inspector_tick(struct station_view *sv, int64_t now)
{
	struct inspector_state *in = &sv->insp;

	if (in->screen != INSPECTOR_LIST || in->ask != INSPECTOR_ASK_NONE || in->refresh_at == 0 ||
	    now < in->refresh_at)
		return;
	in->want_worklist = true;
	in->refresh_at = now + INSPECTOR_REFRESH_US;
}

/* ---- keys ---------------------------------------------------------------- */

void
inspector_on_arrow(struct station_view *sv, int delta)
{
	struct inspector_state *in = &sv->insp;

	if (in->ask == INSPECTOR_ASK_RAISE) {
		ncr_raise_arrow(&in->raise, station_defect_list(sv), delta);
		sv->dirty = true;
		return;
	}
	if (in->ask == INSPECTOR_ASK_REWORK_OP) {
		in->rework_pick = list_move(in->rework_pick, delta,
		    in->detail.ncr ? in->detail.ncr->n_rework_options : 0);
		sv->dirty = true;
		return;
	}
	if (sv->insp.screen != INSPECTOR_LIST || sv->insp.ask != INSPECTOR_ASK_NONE)
		return;
	set_pick(sv, list_move(sv->insp.pick, delta, items(sv)));
}

void
inspector_on_page(struct station_view *sv, int delta)
{
	int page = (int)inspector_page_rows(sv->rows), pick = sv->insp.pick;

	if (sv->insp.screen != INSPECTOR_LIST || sv->insp.ask != INSPECTOR_ASK_NONE || items(sv) == 0)
		return;
	if (pick < 0)
		pick = 0;
	/* To the first item of the page before or after. */
	pick = (pick / page + (delta > 0 ? 1 : -1)) * page;
	if (pick >= (int)items(sv))
		pick = ((int)items(sv) - 1) / page * page;
	if (pick < 0)
		pick = 0;
	set_pick(sv, pick);
}

bool
inspector_on_function(struct station_view *sv, unsigned fn)
{
	struct inspector_state *in = &sv->insp;

	if (in->ask != INSPECTOR_ASK_NONE)
		return false;
	switch (fn) {
	case 5:
		inspector_refresh(sv);
		say(sv, STATION_TONE_WAIT, "%s", _("Reading again\u2026"));
		return true;
	case 9:
		drop_decision(sv);
		ncr_raise_start(&in->raise, "", sv->badge);
		in->ask = INSPECTOR_ASK_RAISE;
		sv->message[0] = '\0';
		sv->dirty = true;
		return true;
	default:
		return false;
	}
}

void
inspector_on_cancel(struct station_view *sv)
{
	if (sv->insp.ask != INSPECTOR_ASK_NONE)
		cancelled(sv);
	else if (sv->insp.screen == INSPECTOR_IQC)
		iqc_view_cancel(sv, &sv->insp.iqc);
}
