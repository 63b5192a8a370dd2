/* session.c — see session.h. */
#include "server/people/session.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/log.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

static bool
has_session(const Yoke__TerminalRecord *t)
{
	return t->session && !str_empty(t->session->token);
}

/* An event about a session that ended at terminal `terminal`. */
static int
ended_event(struct ctx *c, const char *terminal, const Yoke__SessionRecord *s, const char *why)
{
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_SESSION_ENDED, NULL, NULL);
	ev->terminal = (char *)terminal;
	ev->station = s->station;
	ev->badge = s->badge;
	ev->operator_name = (char *)"";
	ev->text = arena_printf(c->a, _("Session of badge %s at %s ended: %s"), s->badge,
	    str_empty(s->station) ? terminal : s->station, why);
	return rec_event_append(c->txn, c->a, ev);
}

int
session_take_badge(struct ctx *c, const Yoke__Operator *op, const char *station)
{
	const void *v;
	size_t vl;
	int rc;
	char when[32];

	format_time_us(c->now, when, sizeof when);
	/* Another badge's session here ends (the terminal changes hands). */
	if (has_session(c->term) && strcmp(c->term->session->badge, op->badge) != 0) {
		Yoke__SessionRecord *old = c->term->session;
		if (!str_empty(old->station)) {
			rc = store_get(c->txn, T_PRESENCE, old->badge, strlen(old->badge), &v, &vl);
			if (rc == STORE_OK && vl == strlen(c->terminal) && memcmp(v, c->terminal, vl) == 0)
				rc = store_del(c->txn, T_PRESENCE, old->badge, strlen(old->badge), NULL, 0);
			if (rc != STORE_OK && rc != STORE_NOTFOUND)
				return rc;
		}
		if ((rc = ended_event(c, c->terminal, old, arena_printf(c->a, _("badge %s badged in here"),
		    op->badge))) != STORE_OK)
			return rc;
	}
	if (str_empty(station))
		return STORE_OK;    /* a desk session is no place */
	/* This badge's session elsewhere ends: one place at a time. */
	rc = store_get(c->txn, T_PRESENCE, op->badge, strlen(op->badge), &v, &vl);
	if (rc == STORE_OK && !(vl == strlen(c->terminal) && memcmp(v, c->terminal, vl) == 0)) {
		char *other = arena_alloc(c->a, vl + 1);
		Yoke__TerminalRecord *t = NULL;
		memcpy(other, v, vl);
		rc = REC_GET(c->txn, c->a, T_TERMINAL, other, yoke__terminal_record, &t);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return rc;
		if (t && has_session(t) && strcmp(t->session->badge, op->badge) == 0) {
			/* In the words of this badge-in, which at a station are the
			 * person's: the same person reads them at the other terminal
			 * (the notice, and the refusal of its next request). */
			char *why = arena_printf(c->a, _("%s (badge %s) badged in at station %s (terminal %s) "
			    "at %s UTC"), op->name, op->badge, station, c->terminal, when);
			if ((rc = ended_event(c, other, t->session, why)) != STORE_OK)
				return rc;
			t->session = NULL;
			t->ended = why;
			if ((rc = REC_PUT(c->txn, c->a, T_TERMINAL, other, t)) != STORE_OK)
				return rc;
			notify(c, arena_printf(c->a, "terminal/%s", other), "", YOKE__UNIT_STATUS__UNIT_NONE,
			    why);
		}
	} else if (rc != STORE_OK && rc != STORE_NOTFOUND) {
		return rc;
	}
	return store_put(c->txn, T_PRESENCE, op->badge, strlen(op->badge), c->terminal,
	    strlen(c->terminal), 0);
}

int
session_leave(struct ctx *c)
{
	const void *v;
	size_t vl;
	const char *badge = c->session->badge;
	int rc = store_get(c->txn, T_PRESENCE, badge, strlen(badge), &v, &vl);
	if (rc == STORE_OK && vl == strlen(c->terminal) && memcmp(v, c->terminal, vl) == 0)
		rc = store_del(c->txn, T_PRESENCE, badge, strlen(badge), NULL, 0);
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

void
session_idle_text(const struct server *srv, char *buf, size_t size)
{
	int s = srv->cfg.session_idle_s;
	if (s % 3600 == 0)
		snprintf(buf, size, P_("%d hour", "%d hours", s / 3600), s / 3600);
	else if (s % 60 == 0)
		snprintf(buf, size, P_("%d minute", "%d minutes", s / 60), s / 60);
	else
		snprintf(buf, size, P_("%d second", "%d seconds", s), s);
}

/* What the sweep writes as the reason a session ended, in the current
 * language. */
static void
expired_text(const struct server *srv, char *buf, size_t size)
{
	char span[32];
	session_idle_text(srv, span, sizeof span);
	snprintf(buf, size, _("it expired after %s without work"), span);
}

const char *
session_ended_text(struct ctx *c, const char *ended)
{
	const char *lang = i18n_current();
	char english[96], here[160];
	i18n_use("en");
	expired_text(c->srv, english, sizeof english);
	i18n_use(lang);
	if (strcmp(ended, english) != 0)
		return ended;
	expired_text(c->srv, here, sizeof here);
	return arena_strdup(c->a, here);
}

/* ---- the sweep ---------------------------------------------------------- */

struct keylist {
	struct arena *a;
	char **keys;
	size_t n, cap;
};

static int
collect(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct keylist *l = ud;
	(void)v;
	(void)vl;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **keys = ARENA_NEW(l->a, char *, cap);
		if (l->n)
			memcpy(keys, l->keys, l->n * sizeof *keys);
		l->keys = keys;
		l->cap = cap;
	}
	char *key = arena_alloc(l->a, kl + 1);
	memcpy(key, k, kl);
	l->keys[l->n++] = key;
	return 0;
}

/* One terminal record: 1 when changed, 0 when not, -1 to delete, or a
 * negative store status below -1. */
static int
sweep_terminal(struct ctx *c, const char *id, Yoke__TerminalRecord *t)
{
	struct server *srv = c->srv;
	int64_t idle = (int64_t)srv->cfg.session_idle_s * 1000000;
	int64_t keep = (int64_t)srv->cfg.terminal_retention_days * 86400 * 1000000;
	int rc;

	/* Retired: revoked (CURVE), or long silent without a session (plain
	 * mode, where any id may appear). */
	if (auth_plain(srv->auth) ? !has_session(t) && c->now - t->last_seen_us > keep
	    : !auth_enrolled(srv->auth, id))
		return -1;
	if (has_session(t) && idle > 0 && c->now - t->session->last_used_us > idle) {
		char span[32], expired[96];
		session_idle_text(srv, span, sizeof span);
		char *why = arena_printf(c->a, _("no work for %s"), span);
		if ((rc = ended_event(c, id, t->session, why)) != STORE_OK)
			return -2 - rc;
		t->session = NULL;
		expired_text(srv, expired, sizeof expired);
		t->ended = arena_strdup(c->a, expired);
		return 1;
	}
	return 0;
}

int
session_sweep_ms(const struct server *srv)
{
	int64_t half = (int64_t)srv->cfg.session_idle_s * 500;
	return half < 500 ? 500 : half > 60000 ? 60000 : (int)half;
}

void
session_sweep(struct server *srv, struct arena *a)
{
	struct txn txn;
	struct keylist terms = { a, NULL, 0, 0 }, badges = { a, NULL, 0, 0 };
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Reply rp = YOKE__REPLY__INIT;
	struct ctx c = { .srv = srv, .a = a, .now = now_us(), .rq = &rq, .rp = &rp, .terminal = "" };
	unsigned ended = 0, dropped = 0, repaired = 0;
	int rc;

	rq.terminal = (char *)"";
	rq.session = (char *)"";
	i18n_use("en");     /* nobody asked: what the sweep writes is in English */
	if ((rc = store_begin_write(srv->store, &txn)) != STORE_OK)
		goto fail_begin;
	c.txn = &txn;
	if ((rc = store_walk_prefix(&txn, T_TERMINAL, NULL, 0, collect, &terms)) != STORE_OK ||
	    (rc = store_walk_prefix(&txn, T_PRESENCE, NULL, 0, collect, &badges)) != STORE_OK)
		goto fail;
	for (size_t i = 0; i < terms.n; i++) {
		Yoke__TerminalRecord *t;
		int r;
		rc = REC_GET(&txn, a, T_TERMINAL, terms.keys[i], yoke__terminal_record, &t);
		if (rc != STORE_OK)
			goto fail;
		r = sweep_terminal(&c, terms.keys[i], t);
		if (r < -1) {
			rc = -2 - r;
			goto fail;
		}
		if (r == -1) {
			rc = store_del(&txn, T_TERMINAL, terms.keys[i], strlen(terms.keys[i]), NULL, 0);
			dropped++;
		} else if (r == 1) {
			rc = REC_PUT(&txn, a, T_TERMINAL, terms.keys[i], t);
			ended++;
		}
		if (rc != STORE_OK)
			goto fail;
	}
	for (size_t i = 0; i < badges.n; i++) {
		const void *v;
		size_t vl;
		Yoke__TerminalRecord *t = NULL;
		char *term;
		if ((rc = store_get(&txn, T_PRESENCE, badges.keys[i], strlen(badges.keys[i]), &v, &vl)))
			goto fail;
		term = arena_alloc(a, vl + 1);
		memcpy(term, v, vl);
		rc = REC_GET(&txn, a, T_TERMINAL, term, yoke__terminal_record, &t);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			goto fail;
		if (t && has_session(t) && strcmp(t->session->badge, badges.keys[i]) == 0)
			continue;
		if ((rc = store_del(&txn, T_PRESENCE, badges.keys[i], strlen(badges.keys[i]), NULL, 0)))
			goto fail;
		repaired++;
	}
	if (ended == 0 && dropped == 0 && repaired == 0) {
		store_abort(&txn);
		return;
	}
	if ((rc = store_commit(&txn)) != STORE_OK)
		goto fail_begin;
	log_info("sweep: %u sessions expired, %u terminal records dropped, %u presences repaired",
	    ended, dropped, repaired);
	return;
fail:
	store_abort(&txn);
fail_begin:
	log_warn("sweep not done: %s; tried again in a minute", store_status_text(rc));
}
