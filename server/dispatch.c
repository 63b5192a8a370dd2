/*
 * dispatch.c — see dispatch.h. No sockets here: what arrives is a work item,
 * what leaves is a packed reply (or nothing, or a job to park).
 */
#include "server/dispatch.h"
#include "server/line/line.h"
#include "server/requests.h"
#include "server/people/session.h"
#include "server/scan_fields.h"
#include "server/unit/unit.h"
#include "server/unit/unit_wire.h"
#include "proto/wire_check.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/log.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROTOCOL_BLOCK_SECONDS 60
/* A reply's words, in bytes: a Chinese character takes three. */
#define REPLY_WORDS_MAX 1024
#define PREPARE_ROUNDS_MAX 3

/*
 * Reply words are proto3 strings, which every decoder but protobuf-c
 * rejects unless they are UTF-8, and they end up on a station's screen.
 * A message may echo what a peer sent (a badge, a serial), and a long one
 * may be cut inside a character, so invalid bytes and control characters
 * become '?'.
 */
static void
words_clean(char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp < 0x20 || cp == 0x7f) {
			s[i++] = '?';
			continue;
		}
		i += (size_t)n;
	}
}

enum outcome
refuse(struct ctx *c, Yoke__Status st, const char *fmt, ...)
{
	va_list ap;
	char buf[REPLY_WORDS_MAX];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	words_clean(buf);
	c->rp->status = st;
	c->rp->message = arena_strdup(c->a, buf);
	c->rp->body_case = YOKE__REPLY__BODY__NOT_SET;
	return OUTCOME_REFUSED;
}

void
reply_message(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	char buf[REPLY_WORDS_MAX];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	words_clean(buf);
	c->rp->message = arena_strdup(c->a, buf);
}

enum outcome
store_failed(struct ctx *c, int rc)
{
	c->store_rc = rc;
	return OUTCOME_STORE;
}

void
notify(struct ctx *c, const char *topic, const char *serial, Yoke__UnitStatus st, const char *text)
{
	if (c->nnotices == NOTICES_MAX)
		return;
	c->notices[c->nnotices++] = (struct notice){ arena_strdup(c->a, topic),
		arena_strdup(c->a, serial ? serial : ""), st, arena_strdup(c->a, text ? text : "") };
}

static void
pack_reply(struct arena *a, struct work *w)
{
	uint8_t *buf;
	if (w->rp->body_case == YOKE__REPLY__BODY_UNIT && w->rp->unit != NULL && unit_wire_ready()) {
		w->len = unit_wire_pack_reply(a, w->rp, &buf);
	} else {
		w->len = yoke__reply__get_packed_size(w->rp);
		buf = arena_alloc(a, w->len + 1);
		yoke__reply__pack(w->rp, buf);
	}
	w->bytes = buf;
	w->send = true;
}

static Yoke__Reply *
new_reply(struct arena *a, uint64_t request_no)
{
	Yoke__Reply *rp = arena_alloc(a, sizeof *rp);
	yoke__reply__init(rp);
	rp->version = YOKE_PROTOCOL;
	rp->request_no = request_no;
	rp->message = (char *)"";
	return rp;
}

static void
fail_reply(struct arena *a, struct work *w, Yoke__Status st, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail_reply(struct arena *a, struct work *w, Yoke__Status st, const char *fmt, ...)
{
	va_list ap;
	char buf[REPLY_WORDS_MAX];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	words_clean(buf);
	w->rp = new_reply(a, w->rq ? w->rq->request_no : 0);
	w->rp->status = st;
	w->rp->message = arena_strdup(a, buf);
	pack_reply(a, w);
}

/* The language of the words in the reply (i18n.h): the one the request
 * asks for, else English; check_session (and badge-in) switch to the
 * person's at a station, and when the request names none. Whatever a
 * request ends up speaking is kept in w->lang, so that an answer formed
 * later for several requests at once (answer_uncommitted, the loop's busy
 * answer) is still in each one's own language. */
static void
speak_to(const Yoke__Request *rq)
{
	i18n_use(rq && i18n_known(rq->language) ? rq->language : "en");
}

/* Switches to the language the request w was answered in so far. */
static void
speak_as(const struct work *w)
{
	if (w->lang)
		i18n_use(w->lang);
	else
		speak_to(w->rq);
}

static bool
mutating(const struct work *w)
{
	return w->write;
}

/* Steps 1-4 of the funnel (dispatch.h). Leaves w->type NULL when the
 * request goes no further (answered, or dropped). */
static void
classify(struct server *srv, struct arena *a, struct work *w)
{
	bool plain = auth_plain(srv->auth);
	char err[300];

	w->type = NULL;
	w->rq = NULL;
	w->lang = NULL;
	w->write = w->replay = false;
	if (w->in.frames > 1) {
		log_warn("%s sent a request of %d frames; dropped (one frame per request)",
		    w->in.peer.terminal[0] ? w->in.peer.terminal : "a peer", w->in.frames);
		if (!plain && w->in.peer.terminal[0])
			auth_block(srv->auth, w->in.peer.terminal, PROTOCOL_BLOCK_SECONDS,
			    "sent a message of several frames");
		return;
	}
	if (!plain) {
		if (w->in.peer.terminal[0] == '\0') {
			log_warn("a request without an authenticated terminal dropped");
			return;
		}
		strlcpy_yk(w->terminal, w->in.peer.terminal, sizeof w->terminal);
	}
	w->rq = yoke__request__unpack(arena_protobuf_budget(a, DECODE_BUDGET_BASE +
	    DECODE_BUDGET_FACTOR * w->in.len), w->in.len, w->in.data);
	speak_to(w->rq);
	w->lang = i18n_current();
	if (!plain) {
		if (!auth_device(srv->auth, w->terminal, &w->device)) {
			fail_reply(a, w, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
			    _("Terminal %s is not enrolled (its certificate was revoked or it is blocked): "
			    "ask an admin"), w->terminal);
			return;
		}
		w->has_device = true;
		if (w->in.peer.generation < auth_generation(srv->auth, w->terminal)) {
			fail_reply(a, w, YOKE__STATUS__STATUS_REPLACED,
			    _("Terminal %s connected again from another place with the same certificate; "
			    "this connection was replaced and stops here"), w->terminal);
			return;
		}
	}
	if (w->rq == NULL) {
		log_warn("malformed request (%zu bytes) from %s: not a yoke Request, or over its decoding "
		    "budget; answered BAD_REQUEST", w->in.len, w->terminal[0] ? w->terminal : "a peer");
		fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Malformed request: not a yoke Request message"));
		return;
	}
	if (w->rq->version != YOKE_PROTOCOL) {
		fail_reply(a, w, YOKE__STATUS__STATUS_UNSUPPORTED_VERSION,
		    _("Unsupported protocol version %u: this server speaks version %d"), w->rq->version,
		    YOKE_PROTOCOL);
		return;
	}
	if (!wire_check_strings(&yoke__request__descriptor, w->in.data, w->in.len, err, sizeof err)) {
		fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Every text field must be UTF-8 without NUL bytes: %s"), err);
		return;
	}
	if (!str_empty(w->rq->language) && !i18n_known(w->rq->language)) {
		fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("language: expected one of %s or empty, found \"%.32s\""), i18n_languages(),
		    w->rq->language);
		return;
	}
	w->type = request_lookup(w->rq->body_case);
	if (w->type == NULL) {
		fail_reply(a, w, YOKE__STATUS__STATUS_UNKNOWN_REQUEST,
		    _("Unknown request: no body, or a body this server does not know"));
		return;
	}
	/* What a scanner put around a serial or a badge ("]Q1", CR LF) is
	 * not part of it (scan_fields.h). */
	scan_fields_clean(w->rq);
	if (plain && (w->type->flags & REQ_MUTATING) && !ident_ok(w->rq->terminal, CERT_ID_MAX)) {
		fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A request that changes something needs a terminal id (1-%d printable characters "
		    "without spaces, '/' or '\"')"), CERT_ID_MAX);
		return;
	}
	if (plain) {
		strlcpy_yk(w->terminal, w->rq->terminal, sizeof w->terminal);
	} else if (!str_empty(w->rq->terminal) && strcmp(w->rq->terminal, w->terminal) != 0) {
		log_warn("terminal %s sent a request naming terminal \"%.64s\"; refused", w->terminal,
		    w->rq->terminal);
		fail_reply(a, w, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("This connection is terminal %s (by its key); the request names terminal \"%.64s\""),
		    w->terminal, w->rq->terminal);
		return;
	}
	if ((w->type->flags & REQ_MUTATING) && w->rq->request_no == 0) {
		fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A request that changes something needs a request number above 0"));
		return;
	}
	if (w->type->flags & REQ_MUTATING) {
		w->write = true;
		crypto_generichash(w->digest, sizeof w->digest, w->in.data, w->in.len, NULL, 0);
	}
}

/* The session the request names must be this terminal's, and alive. Fills
 * ctx->session, op and station; then the role the table asks for. */
static enum outcome
check_session(struct ctx *c, const struct request_type *type)
{
	Yoke__SessionRecord *s = c->term ? c->term->session : NULL;
	int64_t idle = (int64_t)c->srv->cfg.session_idle_s * 1000000;
	char roles[120];
	int rc;

	if (str_empty(c->rq->session))
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN, _("Badge in first: scan your badge"));
	if (s == NULL || str_empty(s->token) || strcmp(s->token, c->rq->session) != 0) {
		if (c->term && !str_empty(c->term->ended))
			return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
			    _("Your session ended: %s. Scan your badge again"),
			    session_ended_text(c, c->term->ended));
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
		    _("Your session has ended: scan your badge again"));
	}
	if (idle > 0 && c->now - s->last_used_us > idle) {
		char span[32];
		session_idle_text(c->srv, span, sizeof span);
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
		    _("Your session ended after %s without work: scan your badge again"), span);
	}
	c->session = s;
	rc = rec_get_cached(c->txn, &c->srv->operators, T_OPERATOR, s->badge,
	    &yoke__operator__descriptor, (void **)&c->op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
		    _("Badge %s is no longer known: ask your lead"), s->badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	/* At a station the words follow the person badged in; at a desk
	 * (yokectl) the language the request asks for. */
	if (str_empty(c->rq->language) || !str_empty(s->station))
		i18n_use(c->op->language);
	c->station = NULL;
	if (!str_empty(s->station)) {
		rc = rec_get_cached(c->txn, &c->srv->stations, T_STATION, s->station,
		    &yoke__station__descriptor, (void **)&c->station);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
			    _("Station %s is no longer defined"), s->station);
		if (rc != STORE_OK)
			return store_failed(c, rc);
	}
	if (!(type->roles & ROLE_BIT(c->op->role))) {
		request_roles_text(type->roles, roles, sizeof roles);
		/* TRANSLATORS: "Releasing a work order needs an engineer or an admin;
		 * Li Wei (1001) is an operator" */
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED, _("%s needs %s; %s (%s) is %s"),
		    _(type->what), roles, c->op->name, c->op->badge, request_role_text(c->op->role));
	}
	if ((type->flags & REQ_STATION) && c->station == NULL)
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED,
		    _("%s is done at a station: badge in at a station terminal"), _(type->what));
	s->last_used_us = c->now;
	return OUTCOME_COMMIT;
}

/* Runs one request's session check and handler. */
static enum outcome
run(struct server *srv, struct txn *txn, struct arena *a, int64_t now, struct work *w,
    Yoke__TerminalRecord *term, struct ctx *c)
{
	enum outcome o;

	*c = (struct ctx){ .srv = srv, .txn = txn, .a = a, .now = now, .rq = w->rq,
		.terminal = w->terminal, .device = w->has_device ? &w->device : NULL, .term = term,
		.prep = w->prep };
	c->rp = new_reply(a, w->rq->request_no);
	w->rp = c->rp;
	speak_to(w->rq);
	if ((w->type->flags & REQ_FIRST) && str_empty(w->rq->session) &&
	    store_count(txn, T_OPERATOR) == 0) {
		log_info("%s from terminal %s into a plant with nobody defined yet: no session needed",
		    w->type->what, w->terminal);
		o = OUTCOME_COMMIT;
	} else {
		o = (w->type->flags & REQ_SESSION) ? check_session(c, w->type) : OUTCOME_COMMIT;
	}
	if (o == OUTCOME_COMMIT)
		o = w->type->handle(c);
	w->lang = i18n_current();
	memcpy(w->notices, c->notices, sizeof c->notices);
	w->nnotices = o == OUTCOME_COMMIT ? c->nnotices : 0;
	return o;
}

/* Read-only requests: one read transaction, answered at once. */
static void
run_reads(struct server *srv, struct arena *a, struct work *ws, int n, int64_t now)
{
	struct txn txn;
	bool open = false;

	for (int i = 0; i < n; i++) {
		struct work *w = &ws[i];
		struct ctx c;
		int rc;
		if (w->send || w->type == NULL || mutating(w))
			continue;
		if (!open) {
			if ((rc = store_begin_read(srv->store, &txn)) != STORE_OK) {
				fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL, _("The store cannot be read now"));
				continue;
			}
			open = true;
		}
		/* A read that needs a session (a report: who may read it) sees
		 * the terminal's record as it stands; a read writes nothing, so
		 * it does not move the session's idle clock. */
		Yoke__TerminalRecord *term = NULL;
		if ((w->type->flags & REQ_SESSION) &&
		    (rc = REC_GET(&txn, a, T_TERMINAL, w->terminal, yoke__terminal_record, &term)) !=
		    STORE_OK && rc != STORE_NOTFOUND) {
			fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL, _("The store cannot be read now"));
			continue;
		}
		if (run(srv, &txn, a, now, w, term, &c) == OUTCOME_STORE) {
			fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL, _("The store cannot be read now"));
			continue;
		}
		pack_reply(a, w);
	}
	if (open)
		store_abort(&txn);
}

/* The same request as the terminal's last (number and digest): the answer
 * given before, copied into the arena (the map may move). */
static bool
replay(struct arena *a, struct work *w, const Yoke__TerminalRecord *term)
{
	uint8_t *copy;
	if (term->last_digest.len != sizeof w->digest ||
	    memcmp(term->last_digest.data, w->digest, sizeof w->digest) != 0)
		return false;
	copy = arena_alloc(a, term->last_reply.len + 1);
	memcpy(copy, term->last_reply.data, term->last_reply.len);
	w->bytes = copy;
	w->len = term->last_reply.len;
	w->send = w->replay = true;
	return true;
}

/* A job for the offload thread: the request as it came, and what the
 * handler asked for. */
static struct offload_job *
park_job(const struct work *w, const struct ctx *c)
{
	struct offload_job *j = xcalloc(1, sizeof *j);
	strlcpy_yk(j->terminal, w->terminal, sizeof j->terminal);
	j->request_no = w->rq->request_no;
	j->peer = w->in.peer;
	j->bytes = xmalloc(w->in.len + 1);
	memcpy(j->bytes, w->in.data, w->in.len);
	j->len = w->in.len;
	j->rounds = w->prep ? w->prep->rounds + 1 : 1;
	memcpy(j->tasks, c->want, sizeof c->want);
	j->ntasks = c->nwant;
	return j;
}

/* run_writes' answer when the batch must run again with a savepoint per
 * request (not a store status). */
#define RUN_WITH_SAVEPOINTS (-1)

/*
 * Mutating requests, all in one write transaction. Returns STORE_OK when
 * committed, STORE_FULL when the batch must run again after growing the
 * map, STORE_ERROR when it failed (nothing was changed), and, when it ran
 * without savepoints, RUN_WITH_SAVEPOINTS when it must run again with them
 * (nothing was changed).
 *
 * With savepoints each request runs in a nested child transaction, so a
 * refused request leaves nothing behind. Without them (the first try) each
 * runs straight in the batch's transaction, which spares LMDB a copy of
 * every page the batch already changed (a child gets its own copy of each
 * page it touches) — a third of the work of a station's request. That is
 * only right while every request either commits or changed nothing: the
 * first request that tried a put or delete and was then refused, parked or
 * failed (txn.wrote) throws the whole try away, and the batch runs again,
 * from its first request, with savepoints. The second run sees the same
 * store and the same requests at the same time `now`, so it decides the
 * same way; what the first try left in the work items (replies, parked
 * jobs, notices) is rebuilt, and the routing cache, which may hold what the
 * thrown-away try loaded, is cleared by the caller.
 */
static int
run_writes(struct server *srv, struct arena *a, struct work *ws, int n, int64_t now,
    bool savepoints)
{
	bool plain = auth_plain(srv->auth);
	struct txn top;
	int rc;

	if ((rc = store_begin_write(srv->store, &top)) != STORE_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		struct work *w = &ws[i];
		Yoke__TerminalRecord *term = NULL, fresh = YOKE__TERMINAL_RECORD__INIT;
		struct txn child, *t;
		struct ctx c;
		enum outcome o;
		bool known;

		w->committed = false;
		if (!mutating(w))
			continue;
		speak_to(w->rq);
		w->send = w->replay = false;
		offload_job_free(w->park);
		w->park = NULL;
		rc = REC_GET(&top, a, T_TERMINAL, w->terminal, yoke__terminal_record, &term);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			goto fail;
		known = term != NULL;
		if (!known)
			term = &fresh;
		if (known && w->rq->request_no == term->last_request_no) {
			if (replay(a, w, term))
				continue;
			log_warn("terminal %s reused request number %llu for another request; refused",
			    w->terminal, (unsigned long long)w->rq->request_no);
			fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Request number %llu was already used for another request; a retry must "
			    "resend the same request, a new request takes the next number"),
			    (unsigned long long)w->rq->request_no);
			continue;
		}
		if (known && w->rq->request_no < term->last_request_no) {
			log_debug("stale request %llu from %s dropped",
			    (unsigned long long)w->rq->request_no, w->terminal);
			continue;
		}
		if (w->rq->request_no - term->last_request_no > REQUEST_NO_JUMP_MAX) {
			log_warn("terminal %s jumped from request number %llu to %llu; refused", w->terminal,
			    (unsigned long long)term->last_request_no, (unsigned long long)w->rq->request_no);
			fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Request number %llu jumps too far ahead of the last one (%llu): number "
			    "requests one after another, starting above hello's last_request_no"),
			    (unsigned long long)w->rq->request_no, (unsigned long long)term->last_request_no);
			continue;
		}
		if (savepoints) {
			if ((rc = store_begin_child(&top, &child)) != STORE_OK)
				goto fail;
			t = &child;
		} else {
			top.wrote = false;
			t = &top;
		}
		o = run(srv, t, a, now, w, term, &c);
		if (o == OUTCOME_STORE && c.store_rc == STORE_FULL) {
			rc = STORE_FULL;
			goto fail;
		}
		if (!savepoints && top.wrote && o != OUTCOME_COMMIT && o != OUTCOME_REFUSED_COMMIT) {
			pin_wipe(c.want, sizeof c.want);
			log_debug("%s from %s changed the store and then was %s: the batch of %d runs "
			    "again with a savepoint per request", w->type->what, w->terminal,
			    o == OUTCOME_PREPARE ? "parked" : o == OUTCOME_STORE ? "failed" : "refused", n);
			rc = RUN_WITH_SAVEPOINTS;
			goto fail;
		}
		switch (o) {
		case OUTCOME_COMMIT:
		case OUTCOME_REFUSED_COMMIT:
			if (savepoints && (rc = store_commit(&child)) != STORE_OK)
				goto fail;
			w->committed = o == OUTCOME_COMMIT;
			break;
		case OUTCOME_REFUSED:
			if (savepoints)
				store_abort(&child);
			break;
		case OUTCOME_PREPARE:
			if (savepoints)
				store_abort(&child);
			if (w->prep && w->prep->rounds >= PREPARE_ROUNDS_MAX) {
				fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL,
				    _("The PIN changed while it was being checked; try again"));
				continue;
			}
			if (w->in.len > OFFLOAD_REQUEST_MAX) {
				fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
				    _("A request with a PIN is at most %u KiB"), OFFLOAD_REQUEST_MAX >> 10);
				continue;
			}
			w->park = park_job(w, &c);
			pin_wipe(c.want, sizeof c.want);
			continue;   /* no answer yet, nothing stored */
		case OUTCOME_STORE:
			if (!savepoints) {
				/* A failed read may leave the transaction unusable;
				 * only a child can be thrown away alone. */
				rc = RUN_WITH_SAVEPOINTS;
				goto fail;
			}
			store_abort(&child);
			fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL,
			    _("The server could not store this; nothing was changed"));
			continue;   /* not remembered: a retry runs again */
		}
		pin_wipe(c.want, sizeof c.want);
		pack_reply(a, w);
		/* Remember the answer: always after a change, and for a refusal
		 * when the terminal is known (a retry then cannot have another
		 * effect); a refused stranger stores nothing. */
		if (o == OUTCOME_REFUSED && !known && plain)
			continue;
		term->last_request_no = w->rq->request_no;
		term->last_reply.data = (uint8_t *)w->bytes;
		term->last_reply.len = w->len;
		term->last_digest.data = w->digest;
		term->last_digest.len = sizeof w->digest;
		term->last_seen_us = now;
		if ((rc = REC_PUT(&top, a, T_TERMINAL, w->terminal, term)) != STORE_OK)
			goto fail;
	}
	return store_commit(&top);
fail:
	store_abort(&top);
	return rc;
}

/*
 * The batch was not committed: nothing of it was written. Each mutating
 * request is answered as a batch that commits would answer it, from its
 * terminal's record as it stands:
 *   - the terminal's last number and digest: a retry of a request an
 *     earlier batch committed -> its stored reply, byte for byte ("nothing
 *     was changed" would deny a change that stands);
 *   - lower: stale -> no reply, as run_writes drops it;
 *   - higher, or no record: new -> INTERNAL `why` (an English message id,
 *     translated here into each request's own language), which is true; it
 *     is not remembered, so a retry runs again.
 * The records are read again because the batch may have failed before
 * run_writes looked at every request. A request whose record cannot be
 * read gets no answer: its client retries the same number.
 */
static void
answer_uncommitted(struct server *srv, struct arena *a, struct work *ws, int n, const char *why)
{
	struct txn txn;
	bool open = store_begin_read(srv->store, &txn) == STORE_OK;

	for (int i = 0; i < n; i++) {
		struct work *w = &ws[i];
		Yoke__TerminalRecord *term = NULL;
		int rc;
		if (!mutating(w))
			continue;
		offload_job_free(w->park);
		w->park = NULL;
		w->nnotices = 0;
		w->committed = false;
		w->send = false;
		rc = open ? REC_GET(&txn, a, T_TERMINAL, w->terminal, yoke__terminal_record, &term)
		    : STORE_ERROR;
		if (rc == STORE_OK && w->rq->request_no == term->last_request_no && replay(a, w, term)) {
			/* answered as before */
		} else if (rc == STORE_NOTFOUND ||
		    (rc == STORE_OK && w->rq->request_no > term->last_request_no)) {
			speak_as(w);
			fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL, "%s", _(why));
		}
	}
	if (open)
		store_abort(&txn);
}

void
dispatch_batch(struct server *srv, struct arena *a, struct work *ws, int n, dispatch_reply_fn reply,
    void *ud)
{
	int64_t now = now_us();
	bool writes = false;
	int rc;

	for (int i = 0; i < n; i++) {
		classify(srv, a, &ws[i]);
		writes |= mutating(&ws[i]);
		if (ws[i].type)     /* the line monitor's online column (server/line/line.h) */
			line_heard(ws[i].terminal, line_station_hint(ws[i].rq, ws[i].has_device ?
			    &ws[i].device : NULL), now);
	}
	run_reads(srv, a, ws, n, now);
	/* Reads (and refusals at the door) are answered before the writes
	 * wait for the disk. */
	for (int i = 0; i < n; i++)
		if (ws[i].send && !mutating(&ws[i])) {
			reply(ud, &ws[i]);
			ws[i].send = false;
		}
	if (!writes)
		return;
	bool savepoints = false;
	for (;;) {
		rc = run_writes(srv, a, ws, n, now, savepoints);
		if (rc != STORE_FULL && rc != RUN_WITH_SAVEPOINTS)
			break;
		server_caches_clear(srv);
		if (rc == RUN_WITH_SAVEPOINTS) {
			savepoints = true;
			srv->batches_again++;
			continue;
		}
		/* STORE_FULL: the map cannot grow and stays as it was; STORE_LOST:
		 * LMDB lost it. Either way this batch was not committed. */
		if ((rc = store_grow(srv->store)) != STORE_OK)
			break;
	}
	if (rc == STORE_LOST) {
		/* Nothing can be read or written any more: stop, and yoked exits
		 * non-zero. The batch's writers get no answer; they retry the same
		 * request, and a restarted yoked answers it. */
		log_error("stopping: the store's map is lost; the batch of %d was not written", n);
		if (srv->stop)
			*srv->stop = 1;
		for (int i = 0; i < n; i++)
			if (mutating(&ws[i])) {
				ws[i].send = false;
				offload_job_free(ws[i].park);
				ws[i].park = NULL;
			}
		return;
	}
	if (rc != STORE_OK) {
		log_error("batch of %d not committed: %s", n, store_status_text(rc));
		server_caches_clear(srv);
		answer_uncommitted(srv, a, ws, n, rc == STORE_FULL
		    ? N_("The server's store is full; nothing was changed. Tell an admin")
		    : N_("The server could not store this; nothing was changed"));
	} else {
		srv->commits++;
	}
	for (int i = 0; i < n; i++)
		if (ws[i].send && mutating(&ws[i]))
			reply(ud, &ws[i]);
}
