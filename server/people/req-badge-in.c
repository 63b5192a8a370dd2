/*
 * req-badge-in.c — a person badges in: at a station (a station terminal),
 * or at a desk (yokectl, whose certificate names no station).
 *
 * Checked, in order:
 *   - the station is one this terminal's certificate may act as (a yokectl
 *     certificate names none and signs in with station "");
 *   - the badge is known; a desk sign-in, an engineer and an admin give
 *     their PIN (signature.h: wrong PINs count and lock); operators,
 *     inspectors and leads badge in at a station with the badge alone, and
 *     sign each decision that needs it. The first admin may sign in without
 *     a PIN while no admin has one yet, to set it;
 *   - an operator is qualified for some operation done at this station's
 *     kind in a released routing.
 * Then the session opens in this terminal's record (session.h): the badge's
 * session at another station ends, and the screen there is told where it
 * went.
 */
#include "server/requests.h"
#include "server/alarm/alarm.h"
#include "server/gate/gate.h"
#include "server/material/lot.h"
#include "server/people/session.h"
#include "server/people/signature.h"
#include "server/unit/unit.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>

struct qual_walk {
	struct arena *a;
	const Yoke__Operator *op;
	const char *kind;
	bool found;
};

static int
qual_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct qual_walk *q = ud;
	Yoke__Routing *r = rec_decode(q->a, &yoke__routing__descriptor, v, vl);
	(void)k;
	(void)kl;
	if (r == NULL || !r->released)
		return 0;
	/* Rework operations count: a repair bench has nothing else. */
	for (size_t i = 0; i < r->n_operations + r->n_rework_operations; i++) {
		const Yoke__Operation *op = i < r->n_operations ? r->operations[i] :
		    r->rework_operations[i - r->n_operations];
		if (strcmp(op->station_kind, q->kind) == 0 && defs_qualified(q->op, r->product, op->number))
			q->found = true;
	}
	return q->found;
}

static void
new_token(char *out /* 33 */)
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n > 0)
			got += (size_t)n;
	}
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* The station must be one the terminal's certificate names. */
static enum outcome
check_device(struct ctx *c, const char *station)
{
	char list[CERT_STATIONS_MAX * (CERT_ID_MAX + 1) + 1];
	if (c->device == NULL)
		return OUTCOME_COMMIT;      /* plain mode: loopback only */
	if (c->device->nstations == 0 && station[0] != '\0')
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("Terminal %s is enrolled for no station (a yokectl installation); it cannot "
		    "badge in at station %s"), c->terminal, station);
	if (c->device->nstations > 0 && station[0] == '\0')
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("Terminal %s is a station terminal: badge in at one of its stations"), c->terminal);
	if (station[0] != '\0' && !cert_has_station(c->device, station)) {
		cert_stations_text(c->device, list, sizeof list);
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("Terminal %s may act as station %s only, not as %s"), c->terminal, list, station);
	}
	return OUTCOME_COMMIT;
}

/* Who must give a PIN, and checks it. *checked tells whether it was. */
static enum outcome
check_pin(struct ctx *c, const Yoke__BadgeIn *b, const Yoke__Operator *op, bool *checked)
{
	bool desk = b->station[0] == '\0';
	bool needs = desk || op->role == YOKE__ROLE__ROLE_ENGINEER || op->role == YOKE__ROLE__ROLE_ADMIN;
	Yoke__Operator *signer;
	Yoke__CredentialRecord *cr;
	enum outcome o;
	int rc;

	*checked = false;
	if (!needs && str_empty(b->pin))
		return OUTCOME_COMMIT;
	if (str_empty(b->pin)) {
		bool any;
		rc = REC_GET(c->txn, c->a, T_CREDENTIAL, op->badge, yoke__credential_record, &cr);
		if (rc == STORE_NOTFOUND && op->role == YOKE__ROLE__ROLE_ADMIN) {
			if ((rc = sign_admin_has_pin(c, &any)) != STORE_OK)
				return store_failed(c, rc);
			if (!any)
				return OUTCOME_COMMIT;   /* the first admin, to set the first PIN */
		} else if (rc != STORE_OK && rc != STORE_NOTFOUND) {
			return store_failed(c, rc);
		}
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_SIGNATURE_REFUSED, _("%s (badge %s) has no "
			    "PIN yet: an admin sets one (yokectl pin set %s)"), op->name, op->badge,
			    op->badge);
		/* TRANSLATORS: the third %s is a role: "engineer", "admin" */
		return refuse(c, YOKE__STATUS__STATUS_PIN_REQUIRED, _("%s (badge %s, %s) signs in with "
		    "a PIN: type it"), op->name, op->badge, request_role_name(op->role));
	}
	if ((o = sign_check(c, op->badge, b->pin, &signer)) != OUTCOME_COMMIT)
		return o;
	*checked = true;
	return OUTCOME_COMMIT;
}

enum outcome
req_badge_in(struct ctx *c)
{
	const Yoke__BadgeIn *b = c->rq->badge_in;
	Yoke__Station *st = NULL;
	Yoke__Operator *op;
	Yoke__SessionRecord *s;
	Yoke__CredentialRecord *cr = NULL;
	Yoke__BadgeInReply *r;
	char token[33];
	bool checked;
	enum outcome o;
	int rc;

	if (b->station[0] != '\0' && !ident_ok(b->station, CERT_ID_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a station id, got \"%.40s\""), b->station);
	if (!ident_ok(b->badge, 64))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a badge (1-64 printable characters), got \"%.40s\""), b->badge);
	if ((o = check_device(c, b->station)) != OUTCOME_COMMIT)
		return o;
	if (b->station[0] != '\0') {
		rc = REC_GET(c->txn, c->a, T_STATION, b->station, yoke__station, &st);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("Unknown station %s"), b->station);
		if (rc != STORE_OK)
			return store_failed(c, rc);
	}
	rc = REC_GET(c->txn, c->a, T_OPERATOR, b->badge, yoke__operator, &op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("Unknown badge %s: scan your own badge, or ask your lead to register it"), b->badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (str_empty(c->rq->language) || st)
		i18n_use(op->language);     /* at a station the words follow whoever badges in */
	/* A material station (receiving) works lots, not routings: any
	 * operator may badge in there. */
	if (st && op->role == YOKE__ROLE__ROLE_OPERATOR && strcmp(st->kind, STATION_KIND_RECEIVING) != 0) {
		struct qual_walk q = { c->a, op, st->kind, false };
		if ((rc = store_walk_prefix(c->txn, T_ROUTING, NULL, 0, qual_walk, &q)) != STORE_OK)
			return store_failed(c, rc);
		if (!q.found)
			return refuse(c, YOKE__STATUS__STATUS_NOT_QUALIFIED,
			    _("%s (badge %s) is not qualified for any operation at %s (%s)"), op->name,
			    op->badge, st->id, st->kind);
	}
	/* The pre-start gate: qualifications that expire (gate.h). */
	const char *qual_warning = NULL;
	if (st && op->n_expiries > 0 && (o = gate_badge_in(c, op, st, &qual_warning)) != OUTCOME_COMMIT)
		return o;
	if ((o = check_pin(c, b, op, &checked)) != OUTCOME_COMMIT)
		return o;
	/* Whether the person should choose their own PIN (set by an admin). */
	rc = REC_GET(c->txn, c->a, T_CREDENTIAL, op->badge, yoke__credential_record, &cr);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);

	if ((rc = session_take_badge(c, op, b->station)) != STORE_OK)
		return store_failed(c, rc);
	new_token(token);
	s = arena_alloc(c->a, sizeof *s);
	yoke__session_record__init(s);
	s->token = arena_strdup(c->a, token);
	s->badge = op->badge;
	s->station = st ? st->id : (char *)"";
	s->terminal = (char *)c->terminal;
	s->started_us = c->now;
	s->last_used_us = c->now;
	s->pin_checked = checked;
	c->term->session = s;
	c->term->ended = (char *)"";
	c->session = s;
	c->op = op;
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_BADGE_IN, NULL, NULL);
	ev->text = st ? arena_printf(c->a, _("%s badged in at %s"), op->name, st->id)
	    : arena_printf(c->a, _("%s signed in at %s (badge and PIN)"), op->name, c->terminal);
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);

	r = arena_alloc(c->a, sizeof *r);
	yoke__badge_in_reply__init(r);
	r->session = s->token;
	r->badge = op->badge;
	r->operator_name = op->name;
	r->role = op->role;
	r->station = st ? st->id : (char *)"";
	r->station_kind = st ? st->kind : (char *)"";
	r->station_name = st ? st->name : (char *)"";
	r->pin_set_by_admin = cr && cr->set_by_admin;
	r->session_idle_minutes = (uint32_t)((c->srv->cfg.session_idle_s + 59) / 60);
	r->language = str_empty(op->language) ? (char *)"en" : op->language;
	r->qualification_warning = (char *)(qual_warning ? qual_warning : "");
	if (st && (rc = alarm_station_stopper(c, st->id, &r->stopped_by)) != STORE_OK)
		return store_failed(c, rc);
	c->rp->body_case = YOKE__REPLY__BODY_BADGE_IN;
	c->rp->badge_in = r;
	if (r->pin_set_by_admin)
		reply_message(c, _("Welcome, %s. Your PIN was set by an admin: choose your own (@PIN)"),
		    op->name);
	else
		reply_message(c, _("Welcome, %s"), op->name);
	return OUTCOME_COMMIT;
}
