/*
 * req-scar-update.c — records the supplier's 8D answer on an open SCAR
 * (the fields given replace those stored), moves its due date, or closes
 * it: only once the lots required are accepted in a row (scar.h: the
 * evidence) and the root cause (D4) and corrective action (D5) are
 * recorded. Signed.
 */
#include "server/requests.h"
#include "server/material/lot.h"
#include "server/material/scar.h"
#include "server/people/signature.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

/* The 8D fields of the request and of the record, in order D1..D8. */
static void
fields(const Yoke__ScarUpdate *q, Yoke__Scar *s, const char *in[8], char **out[8])
{
	const char *i[8] = { q->d1_team, q->d2_problem, q->d3_containment, q->d4_root_cause,
		q->d5_corrective_action, q->d6_implemented, q->d7_prevent_recurrence,
		q->d8_congratulate };
	char **o[8] = { &s->d1_team, &s->d2_problem, &s->d3_containment, &s->d4_root_cause,
		&s->d5_corrective_action, &s->d6_implemented, &s->d7_prevent_recurrence,
		&s->d8_congratulate };
	memcpy(in, i, sizeof i);
	memcpy(out, o, sizeof o);
}

static enum outcome
close_scar(struct ctx *c, Yoke__Scar *s)
{
	char **run;
	int rc;
	if (str_empty(s->d4_root_cause) || str_empty(s->d5_corrective_action))
		return refuse(c, YOKE__STATUS__STATUS_NOT_PROVEN,
		    _("%s cannot close before the supplier's root cause (D4) and corrective action "
		    "(D5) are recorded"), s->number);
	if ((rc = scar_fill(c, s, &run)) != STORE_OK)
		return store_failed(c, rc);
	if (s->lots_accepted < s->lots_required)
		return refuse(c, YOKE__STATUS__STATUS_NOT_PROVEN,
		    P_("%s closes once %u lot of %s from %s received after it opened is accepted; "
		    "accepted in a row so far: %u",
		    "%s closes once %u lots of %s from %s received after it opened are accepted in a "
		    "row; accepted in a row so far: %u", s->lots_required), s->number,
		    s->lots_required, s->part, s->supplier, s->lots_accepted);
	s->evidence = run;
	s->n_evidence = s->lots_accepted;
	s->state = YOKE__SCAR_STATE__SCAR_CLOSED;
	s->closed_us = c->now;
	return OUTCOME_COMMIT;
}

enum outcome
req_scar_update(struct ctx *c)
{
	const Yoke__ScarUpdate *q = c->rq->scar_update;
	Yoke__SignatureRecord *by;
	Yoke__Scar *s;
	const char *in[8];
	char **out[8];
	char changed[64] = "";
	enum outcome o;
	int rc;

	rc = scar_get(c, q->number, &s);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No SCAR %.40s"), q->number);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (s->state != YOKE__SCAR_STATE__SCAR_OPEN)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT, _("%s is closed"), s->number);
	fields(q, s, in, out);
	for (int i = 0; i < 8; i++)
		if (!text_ok(in[i], SCAR_TEXT_MAX))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("D%d: text of at most %d bytes"), i + 1, SCAR_TEXT_MAX);
	if (!text_ok(q->note, SCAR_TEXT_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The note: text of at most %d bytes"), SCAR_TEXT_MAX);
	if (!str_empty(q->response_due) && !lot_date_ok(q->response_due))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("The answer's due date: expected YYYY-MM-DD, found \"%.20s\""), q->response_due);
	for (int i = 0; i < 8; i++)
		if (!str_empty(in[i])) {
			*out[i] = (char *)in[i];
			size_t l = strlen(changed);
			snprintf(changed + l, sizeof changed - l, "%sD%d", l ? ", " : "", i + 1);
		}
	if (!str_empty(q->response_due))
		s->response_due = q->response_due;
	if (!q->close && changed[0] == '\0' && str_empty(q->response_due))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Nothing to record: give one of the 8D fields, a due date, or close"));
	if (q->close && (o = close_scar(c, s)) != OUTCOME_COMMIT)
		return o;
	if ((o = sign_as(c, q->signature, ROLES_SCAR, q->close ? _("closed the SCAR") :
	    _("recorded the supplier's answer"), &by)) != OUTCOME_COMMIT)
		return o;

	Yoke__SignatureRecord **sigs = ARENA_NEW(c->a, Yoke__SignatureRecord *, s->n_signatures + 1);
	if (s->n_signatures)
		memcpy(sigs, s->signatures, s->n_signatures * sizeof *sigs);
	sigs[s->n_signatures++] = by;
	s->signatures = sigs;
	if ((rc = scar_put(c, s)) != STORE_OK)
		return store_failed(c, rc);
	const char *text;
	if (q->close)
		text = arena_printf(c->a, P_("%s closed: %u lot accepted since it opened",
		    "%s closed: %u lots accepted in a row since it opened", s->n_evidence),
		    s->number, (unsigned)s->n_evidence);
	else if (changed[0])
		text = arena_printf(c->a, _("%s: the supplier's answer recorded (%s); due %s"),
		    s->number, changed, s->response_due);
	else
		text = arena_printf(c->a, _("%s: the answer is now due %s"), s->number,
		    s->response_due);
	if (!str_empty(q->note))
		text = arena_printf(c->a, _("%s. Note: %s"), text, q->note);
	if ((rc = scar_event(c, s, text, by)) != STORE_OK)
		return store_failed(c, rc);
	if (!q->close && (rc = scar_fill(c, s, NULL)) != STORE_OK)
		return store_failed(c, rc);
	Yoke__Scar **one = ARENA_NEW(c->a, Yoke__Scar *, 1);
	one[0] = s;
	scar_reply(c, one, 1);
	reply_message(c, "%s", text);
	return OUTCOME_COMMIT;
}
