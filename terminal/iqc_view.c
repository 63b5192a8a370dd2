/*
 * iqc_view.c — an inspection lot at the inspector's terminal (iqc_view.h):
 * its lines, questions, requests and answers. No curses: tests drive it
 * through the station model.
 */
#include "terminal/iqc_view.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
iqc_view_mode_name(Yoke__IqcMode m)
{
	switch (m) {
	case YOKE__IQC_MODE__IQC_TIGHTENED: return _("tightened");
	case YOKE__IQC_MODE__IQC_REDUCED: return _("reduced");
	case YOKE__IQC_MODE__IQC_DISCONTINUED: return _("discontinued");
	default: return _("normal");
	}
}

static void
drop_question(struct iqc_view *v)
{
	v->ask = IQC_VIEW_ASK_NONE;
	v->field = 0;
	signing_drop(&v->sign);
	explicit_bzero(v->sign_pin, sizeof v->sign_pin);
}

void
iqc_view_drop(struct iqc_view *v)
{
	drop_question(v);
	if (v->il)
		yoke__inspection_lot__free_unpacked(v->il, NULL);
	memset(v, 0, sizeof *v);
}

void
iqc_view_open(struct iqc_view *v, const char *number)
{
	iqc_view_drop(v);
	copy(v->number, sizeof v->number, number);
	v->want_read = true;
}

bool
iqc_view_asking(const struct iqc_view *v)
{
	return v->ask != IQC_VIEW_ASK_NONE;
}

bool
iqc_view_masked(const struct iqc_view *v)
{
	return v->ask == IQC_VIEW_ASK_SIGN && signing_masked(&v->sign);
}

static bool
pending(struct station_view *sv, struct iqc_view *v, struct station_request *r,
    Yoke__Request__BodyCase body, enum iqc_view_pending what)
{
	r->rq.body_case = body;
	sv->pending = STATION_PENDING_VIEW;
	v->pending = what;
	return true;
}

bool
iqc_view_next_request(struct station_view *sv, struct iqc_view *v, struct station_request *r)
{
	Yoke__IqcQuery q = YOKE__IQC_QUERY__INIT;

	if (v->ask != IQC_VIEW_ASK_NONE || !v->want_read || !v->number[0])
		return false;
	v->want_read = false;
	station_request_init(r);
	v->query = q;
	v->query.number = v->number;
	r->rq.iqc = &v->query;
	return pending(sv, v, r, YOKE__REQUEST__BODY_IQC, IQC_VIEW_PENDING_READ);
}

static size_t
checks(const struct iqc_view *v)
{
	size_t n = v->il ? v->il->n_results : 0;
	return n < IQC_VIEW_CHECKS ? n : IQC_VIEW_CHECKS;
}

/* Every count is in: the recording goes. */
static bool
req_record(struct station_view *sv, struct iqc_view *v, struct station_request *r)
{
	Yoke__IqcRecord rec = YOKE__IQC_RECORD__INIT;

	station_request_init(r);
	v->record = rec;
	v->record.number = v->number;
	for (size_t i = 0; i < checks(v); i++) {
		Yoke__IqcResult one = YOKE__IQC_RESULT__INIT;
		v->results[i] = one;
		v->results[i].characteristic = v->il->results[i]->characteristic;
		v->results[i].defectives = v->counts[i];
		v->result_list[i] = &v->results[i];
	}
	v->record.results = v->result_list;
	v->record.n_results = checks(v);
	r->rq.iqc_record = &v->record;
	v->ask = IQC_VIEW_ASK_NONE;
	say(sv, STATION_TONE_WAIT, _("Recording the sample of %s\u2026"), v->number);
	return pending(sv, v, r, YOKE__REQUEST__BODY_IQC_RECORD, IQC_VIEW_PENDING_RECORD);
}

/* The signature is in: the decision goes. */
static bool
req_decide(struct station_view *sv, struct iqc_view *v, struct station_request *r)
{
	Yoke__IqcDecide d = YOKE__IQC_DECIDE__INIT;
	Yoke__Signature s = YOKE__SIGNATURE__INIT;

	station_request_init(r);
	signing_signer(&v->sign, 0, v->sign_badge, sizeof v->sign_badge, v->sign_pin,
	    sizeof v->sign_pin);
	signing_drop(&v->sign);
	v->signature = s;
	v->signature.badge = v->sign_badge;
	v->signature.pin = v->sign_pin;
	v->decide = d;
	v->decide.number = v->number;
	v->decide.accept = v->accept;
	v->decide.signature = &v->signature;
	r->rq.iqc_decide = &v->decide;
	v->ask = IQC_VIEW_ASK_NONE;
	say(sv, STATION_TONE_WAIT, v->accept ? _("Accepting %s\u2026") : _("Rejecting %s\u2026"),
	    v->number);
	return pending(sv, v, r, YOKE__REQUEST__BODY_IQC_DECIDE, IQC_VIEW_PENDING_DECIDE);
}

/* A count of defective units: digits only, at most the sample; Enter is 0. */
static bool
count_of(const struct iqc_view *v, const char *line, uint32_t *out)
{
	unsigned long k = 0;

	if (line[0] == '\0') {
		*out = 0;
		return true;
	}
	if (strlen(line) > 9)
		return false;
	for (const char *p = line; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		k = k * 10 + (unsigned long)(*p - '0');
	}
	if (k > v->il->sample_size)
		return false;
	*out = (uint32_t)k;
	return true;
}

static bool
answer(struct station_view *sv, struct iqc_view *v, const char *line, struct station_request *r)
{
	enum command cmd = command_of(line, false);
	char why[STATION_MSG];

	if (cmd == COMMAND_BACK) {
		drop_question(v);
		say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
		return false;
	}
	if (v->ask == IQC_VIEW_ASK_COUNT) {
		uint32_t k;
		if (cmd != COMMAND_NONE || !count_of(v, line, &k)) {
			say(sv, STATION_TONE_ERROR, _("Expected how many of the %u sample units are "
			    "defective (0 to %u, Enter: 0); got \"%s\""), v->il->sample_size,
			    v->il->sample_size, line);
			return false;
		}
		v->counts[v->field++] = k;
		sv->message[0] = '\0';
		return v->field >= checks(v) ? req_record(sv, v, r) : false;
	}
	switch (signing_answer(&v->sign, line, why, sizeof why)) {
	case SIGNING_DONE:
		return req_decide(sv, v, r);
	case SIGNING_CANCELLED:
		drop_question(v);
		say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
		return false;
	case SIGNING_WRONG:
		say(sv, STATION_TONE_ERROR, "%s", why);
		return false;
	case SIGNING_ASKING:
		sv->dirty = true;
		return false;
	}
	return false;
}

bool
iqc_view_on_line(struct station_view *sv, struct iqc_view *v, const char *line,
    struct station_request *r, bool *leave)
{
	const Yoke__InspectionLot *il = v->il;
	enum command cmd = command_of(line, false);
	size_t choice;
	char what[SIGNING_MEANING];

	*leave = false;
	sv->dirty = true;
	if (v->ask != IQC_VIEW_ASK_NONE)
		return answer(sv, v, line, r);
	if (line[0] == '\0' || cmd == COMMAND_BACK) {
		*leave = true;
		return false;
	}
	if (il == NULL) {
		say(sv, STATION_TONE_WAIT, _("Reading %s\u2026"), v->number);
		return false;
	}
	if (il->state != YOKE__INSPECTION_STATE__INSPECTION_OPEN) {
		say(sv, STATION_TONE_INFO, _("%s is decided: nothing is left to do. Enter: the "
		    "worklist"), il->number);
		return false;
	}
	choice = station_list_number(line, 2);
	if (choice == 1) {
		v->ask = IQC_VIEW_ASK_COUNT;
		v->field = 0;
		memset(v->counts, 0, sizeof v->counts);
		sv->message[0] = '\0';
		return false;
	}
	if (choice == 2 && il->recorded) {
		v->accept = il->accept;
		snprintf(what, sizeof what, il->accept ? _("accepting %s") : _("rejecting %s"),
		    il->number);
		signing_start(&v->sign, 1, 1, sv->badge, what);
		v->ask = IQC_VIEW_ASK_SIGN;
		sv->message[0] = '\0';
		return false;
	}
	if (choice == 2)
		say(sv, STATION_TONE_ERROR, "%s", _("Record the sample first (1): the decision follows "
		    "from it"));
	else
		say(sv, STATION_TONE_ERROR, _("Expected 1 record the sample or 2 sign the decision, or "
		    "Enter for the worklist; got \"%s\""), line);
	return false;
}

void
iqc_view_on_reply(struct station_view *sv, struct iqc_view *v, const Yoke__Reply *rp)
{
	enum iqc_view_pending was = v->pending;
	bool ok = rp->status == YOKE__STATUS__STATUS_OK;

	v->pending = IQC_VIEW_PENDING_NONE;
	explicit_bzero(v->sign_pin, sizeof v->sign_pin);
	sv->dirty = true;
	if (was == IQC_VIEW_PENDING_NONE)
		return;
	if (!ok) {
		station_refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_IQC || rp->iqc == NULL || rp->iqc->n_inspections != 1) {
		station_unexpected(sv, rp, _("no inspection lot in the answer"));
		return;
	}
	if (v->il)
		yoke__inspection_lot__free_unpacked(v->il, NULL);
	v->il = pb_copy(&rp->iqc->inspections[0]->base);
	if (was != IQC_VIEW_PENDING_READ && !str_empty(rp->message))
		say(sv, v->il->state == YOKE__INSPECTION_STATE__INSPECTION_REJECTED ||
		    (v->il->recorded && !v->il->accept) ? STATION_TONE_ERROR : STATION_TONE_OK, "%s",
		    rp->message);
	else if (was == IQC_VIEW_PENDING_READ)
		sv->message[0] = '\0';
}

void
iqc_view_cancel(struct station_view *sv, struct iqc_view *v)
{
	if (v->ask == IQC_VIEW_ASK_NONE)
		return;
	drop_question(v);
	say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent"));
}

void
iqc_view_prompt(const struct iqc_view *v, char *buf, size_t size)
{
	const Yoke__InspectionLot *il = v->il;

	if (v->ask == IQC_VIEW_ASK_COUNT && il && v->field < checks(v)) {
		const char *name = il->results[v->field]->characteristic;
		if (str_empty(name))
			snprintf(buf, size, _("Defective units in the sample of %u? (Enter: 0)"),
			    il->sample_size);
		else
			snprintf(buf, size, _("%s: defective units in the sample of %u? (Enter: 0)"), name,
			    il->sample_size);
		return;
	}
	if (v->ask == IQC_VIEW_ASK_SIGN) {
		signing_prompt(&v->sign, buf, size);
		return;
	}
	if (il == NULL)
		snprintf(buf, size, _("Reading %s\u2026"), v->number);
	else if (il->state != YOKE__INSPECTION_STATE__INSPECTION_OPEN)
		snprintf(buf, size, "%s", _("Decided \u2014 Enter: the worklist"));
	else if (il->recorded)
		snprintf(buf, size, il->accept ? _("2 sign: accept the lot \u00b7 1 record again \u2014 "
		    "Enter: the worklist") : _("2 sign: reject the lot \u00b7 1 record again \u2014 "
		    "Enter: the worklist"));
	else
		snprintf(buf, size, "%s", _("1 record the sample \u2014 Enter: the worklist"));
}

size_t
iqc_view_hints(const struct iqc_view *v, struct station_hint *h, size_t n, size_t max)
{
	if (v->ask == IQC_VIEW_ASK_COUNT) {
		n = add_hint(h, n, max, "Enter", "0");
		return add_hint(h, n, max, "@BACK", _("cancel"));
	}
	if (v->ask == IQC_VIEW_ASK_SIGN) {
		if (signing_enter_takes(&v->sign))
			n = add_hint(h, n, max, "Enter", v->sign.n == 0 ? v->sign.own : _("send"));
		return add_hint(h, n, max, "@BACK", _("cancel"));
	}
	if (v->il && v->il->state == YOKE__INSPECTION_STATE__INSPECTION_OPEN) {
		n = add_hint(h, n, max, "1", _("record"));
		if (v->il->recorded)
			n = add_hint(h, n, max, "2", _("sign"));
	}
	n = add_hint(h, n, max, "Enter", _("worklist"));
	return add_hint(h, n, max, "F5", _("refresh"));
}
