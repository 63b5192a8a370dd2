/*
 * loop.c — yoked's one loop: wait for requests, take every request that is
 * waiting (a batch), answer the read-only ones from a read transaction, run
 * the mutating ones in one write transaction (one child transaction each),
 * commit once (group commit), then reply to each and publish notices.
 *
 * Idempotency: for each terminal the last mutating request number and the
 * packed reply are written in the same write transaction as the change.
 * Same number -> the stored reply again; lower -> stale, dropped; higher ->
 * run. A full map aborts the whole batch, grows the map and runs the batch
 * again from the start, which is safe because nothing has been sent yet.
 * A map that cannot grow (its cap, or no address space) fails the batch and
 * the loop goes on; a map LMDB lost while growing it stops the loop.
 */
#include "server/requests.h"
#include "server/unit.h"
#include "server/transport.h"
#include "shared/log.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_MAX 1024

struct work {
	struct inbound in;
	Yoke__Request *rq;
	const struct request_type *type;
	Yoke__Reply *rp;
	const uint8_t *bytes;       /* packed reply to send */
	size_t len;
	bool send, committed;
	struct notice notices[NOTICES_MAX];
	int nnotices;
};

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
	char buf[512];
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
	char buf[512];
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

static struct topic_seq *
topic_find(struct server *srv, const char *topic)
{
	for (int i = 0; i < srv->ntopics; i++)
		if (strcmp(srv->topics[i].name, topic) == 0)
			return &srv->topics[i];
	if (srv->ntopics == srv->topics_cap) {
		srv->topics_cap = srv->topics_cap ? srv->topics_cap * 2 : 16;
		srv->topics = xrealloc(srv->topics, (size_t)srv->topics_cap * sizeof *srv->topics);
	}
	struct topic_seq *t = &srv->topics[srv->ntopics++];
	strlcpy_yk(t->name, topic, sizeof t->name);
	t->seq = 0;
	return t;
}

uint64_t
topic_next(struct server *srv, const char *topic)
{
	return ++topic_find(srv, topic)->seq;
}

uint64_t
topic_peek(struct server *srv, const char *topic)
{
	return topic_find(srv, topic)->seq;
}

static void
pack_reply(struct arena *a, struct work *w)
{
	w->len = yoke__reply__get_packed_size(w->rp);
	uint8_t *buf = arena_alloc(a, w->len + 1);
	yoke__reply__pack(w->rp, buf);
	w->bytes = buf;
	w->send = true;
}

static Yoke__Reply *
new_reply(struct arena *a, uint64_t request_no)
{
	Yoke__Reply *rp = arena_alloc(a, sizeof *rp);
	yoke__reply__init(rp);
	rp->version = 1;
	rp->request_no = request_no;
	rp->message = (char *)"";
	return rp;
}

static void
fail_reply(struct arena *a, struct work *w, Yoke__Status st, const char *msg)
{
	w->rp = new_reply(a, w->rq ? w->rq->request_no : 0);
	w->rp->status = st;
	w->rp->message = arena_strdup(a, msg);
	pack_reply(a, w);
}

/* Fills ctx->session, op and station, or refuses. */
static enum outcome
check_session(struct ctx *c)
{
	int rc;
	if (str_empty(c->rq->session))
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN, "Badge in first: scan your badge");
	rc = REC_GET(c->txn, c->a, T_SESSION, c->rq->session, yoke__session_record, &c->session);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
		    "Your session has ended: scan your badge again");
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = REC_GET(c->txn, c->a, T_OPERATOR, c->session->badge, yoke__operator, &c->op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
		    "Badge %s is no longer known: ask your lead", c->session->badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	rc = REC_GET(c->txn, c->a, T_STATION, c->session->station, yoke__station, &c->station);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    "Station %s is no longer defined", c->session->station);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}

/* Runs one request's handler. Returns its outcome; *store_rc tells why for OUTCOME_STORE. */
static enum outcome
run(struct server *srv, struct txn *txn, struct arena *a, int64_t now, struct work *w, int *store_rc)
{
	struct ctx c = { .srv = srv, .txn = txn, .a = a, .now = now, .rq = w->rq };
	enum outcome o;

	c.rp = new_reply(a, w->rq->request_no);
	w->rp = c.rp;
	o = (w->type->flags & REQ_SESSION) ? check_session(&c) : OUTCOME_COMMIT;
	if (o == OUTCOME_COMMIT)
		o = w->type->handle(&c);
	*store_rc = c.store_rc;
	memcpy(w->notices, c.notices, sizeof c.notices);
	w->nnotices = o == OUTCOME_COMMIT ? c.nnotices : 0;
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
		int rc;
		if (w->send || w->type == NULL || (w->type->flags & REQ_MUTATING))
			continue;
		if (!open) {
			if ((rc = store_begin_read(srv->store, &txn)) != STORE_OK) {
				fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL, "The store cannot be read now");
				continue;
			}
			open = true;
		}
		if (run(srv, &txn, a, now, w, &rc) == OUTCOME_STORE) {
			fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL, "The store cannot be read now");
			continue;
		}
		pack_reply(a, w);
	}
	if (open)
		store_abort(&txn);
}

/*
 * Mutating requests, all in one write transaction. Returns STORE_OK when
 * committed, STORE_FULL when the batch must run again after growing the
 * map, STORE_ERROR when it failed (nothing was changed).
 */
static int
run_writes(struct server *srv, struct arena *a, struct work *ws, int n, int64_t now)
{
	struct txn top;
	int rc;

	if ((rc = store_begin_write(srv->store, &top)) != STORE_OK)
		return rc;
	for (int i = 0; i < n; i++) {
		struct work *w = &ws[i];
		Yoke__TerminalRecord *term = NULL, rec = YOKE__TERMINAL_RECORD__INIT;
		struct txn child;
		enum outcome o;
		int src = 0;

		w->committed = false;
		if (w->type == NULL || !(w->type->flags & REQ_MUTATING))
			continue;
		w->send = false;
		rc = REC_GET(&top, a, T_TERMINAL, w->rq->terminal, yoke__terminal_record, &term);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			goto fail;
		if (term && w->rq->request_no == term->last_request_no) {
			w->bytes = term->last_reply.data;   /* the answer we gave before */
			w->len = term->last_reply.len;
			w->send = true;
			continue;
		}
		if (term && w->rq->request_no < term->last_request_no) {
			log_debug("stale request %llu from %s dropped",
			    (unsigned long long)w->rq->request_no, w->rq->terminal);
			continue;
		}
		if ((rc = store_begin_child(&top, &child)) != STORE_OK)
			goto fail;
		o = run(srv, &child, a, now, w, &src);
		if (o == OUTCOME_COMMIT) {
			if ((rc = store_commit(&child)) != STORE_OK)
				goto fail;
			w->committed = true;
		} else {
			store_abort(&child);
			if (o == OUTCOME_STORE) {
				if (src == STORE_FULL) {
					rc = STORE_FULL;
					goto fail;
				}
				w->rp->status = YOKE__STATUS__STATUS_INTERNAL;
				w->rp->message = (char *)"The server could not store this; nothing was changed";
				w->rp->body_case = YOKE__REPLY__BODY__NOT_SET;
				pack_reply(a, w);
				continue;   /* not remembered: a retry runs again */
			}
		}
		pack_reply(a, w);
		rec.last_request_no = w->rq->request_no;
		rec.last_reply.data = (uint8_t *)w->bytes;
		rec.last_reply.len = w->len;
		if ((rc = REC_PUT(&top, a, T_TERMINAL, w->rq->terminal, &rec)) != STORE_OK)
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
 *   - the terminal's last number: a retry of a request an earlier batch
 *     committed -> its stored reply, byte for byte ("nothing was changed"
 *     would deny a change that stands);
 *   - lower: stale -> no reply, as run_writes drops it;
 *   - higher, or no record: new -> INTERNAL `why`, which is true; it is not
 *     remembered, so a retry runs again.
 * The records are read again because the batch may have failed before
 * run_writes looked at every request. rec_get unpacks into the batch arena
 * (protobuf-c copies bytes fields), so a stored reply does not point into
 * the map. A request whose record cannot be read gets no answer: its
 * client retries the same number.
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
		if (w->type == NULL || !(w->type->flags & REQ_MUTATING))
			continue;
		w->nnotices = 0;
		w->committed = false;
		w->send = false;
		rc = open ? REC_GET(&txn, a, T_TERMINAL, w->rq->terminal, yoke__terminal_record, &term)
		    : STORE_ERROR;
		if (rc == STORE_OK && w->rq->request_no == term->last_request_no) {
			w->bytes = term->last_reply.data;
			w->len = term->last_reply.len;
			w->send = true;
		} else if (rc == STORE_NOTFOUND ||
		    (rc == STORE_OK && w->rq->request_no > term->last_request_no)) {
			fail_reply(a, w, YOKE__STATUS__STATUS_INTERNAL, why);
		}
	}
	if (open)
		store_abort(&txn);
}

static void
publish(struct server *srv, struct arena *a, const struct notice *nt)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;
	size_t len;
	uint8_t *buf;

	n.topic = (char *)nt->topic;
	n.seq = topic_next(srv, nt->topic);
	n.epoch = srv->epoch;
	n.serial = (char *)nt->serial;
	n.status = nt->status;
	n.text = (char *)nt->text;
	len = yoke__notice__get_packed_size(&n);
	buf = arena_alloc(a, len);
	yoke__notice__pack(&n, buf);
	transport_publish(srv->tp, nt->topic, buf, len);
}

/* Decodes and classifies one inbound message. */
static void
classify(struct arena *a, struct work *w)
{
	w->rq = yoke__request__unpack(arena_protobuf(a), w->in.len, w->in.data);
	if (w->rq == NULL) {
		log_warn("malformed request (%zu bytes) is not a yoke Request; answered BAD_REQUEST",
		    w->in.len);
		fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
		    "Malformed request: not a yoke Request message");
		return;
	}
	if (w->rq->version != 1) {
		fail_reply(a, w, YOKE__STATUS__STATUS_UNSUPPORTED_VERSION,
		    "Unsupported protocol version: this server speaks version 1");
		return;
	}
	w->type = request_lookup(w->rq->body_case);
	if (w->type == NULL) {
		fail_reply(a, w, YOKE__STATUS__STATUS_UNKNOWN_REQUEST,
		    "Unknown request: no body, or a body this server does not know");
		return;
	}
	if ((w->type->flags & REQ_MUTATING) &&
	    (str_empty(w->rq->terminal) || !text_ok(w->rq->terminal, 200) || w->rq->request_no == 0)) {
		w->type = NULL;
		fail_reply(a, w, YOKE__STATUS__STATUS_BAD_REQUEST,
		    "A request that changes something needs a terminal id (1-200 bytes of text "
		    "without control characters) and a request number above 0");
	}
}

static void
server_batch(struct server *srv, struct arena *a, struct work *ws, int n)
{
	int64_t now = now_us();
	bool writes = false;
	int rc;

	for (int i = 0; i < n; i++) {
		classify(a, &ws[i]);
		if (ws[i].type && (ws[i].type->flags & REQ_MUTATING))
			writes = true;
	}
	run_reads(srv, a, ws, n, now);
	/* Reads are answered before the writes wait for the disk. */
	for (int i = 0; i < n; i++)
		if (ws[i].send && !(ws[i].type && (ws[i].type->flags & REQ_MUTATING))) {
			transport_send(srv->tp, &ws[i].in.peer, ws[i].bytes, ws[i].len);
			ws[i].send = false;
		}
	if (!writes)
		return;
	while ((rc = run_writes(srv, a, ws, n, now)) == STORE_FULL) {
		routing_cache_clear(&srv->routings);
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
		*srv->stop = 1;
		return;
	}
	if (rc != STORE_OK) {
		log_error("batch of %d not committed: %s", n, store_status_text(rc));
		routing_cache_clear(&srv->routings);
		answer_uncommitted(srv, a, ws, n, rc == STORE_FULL
		    ? "The server's store is full; nothing was changed. Tell an admin"
		    : "The server could not store this; nothing was changed");
	} else {
		srv->commits++;
	}
	/* Only now, durable: answer and publish. */
	for (int i = 0; i < n; i++) {
		if (ws[i].send)
			transport_send(srv->tp, &ws[i].in.peer, ws[i].bytes, ws[i].len);
		if (ws[i].committed)
			for (int k = 0; k < ws[i].nnotices; k++)
				publish(srv, a, &ws[i].notices[k]);
	}
}

void
server_run(struct server *srv)
{
	struct arena a;
	struct work *ws = xcalloc(BATCH_MAX, sizeof *ws);

	arena_init(&a);
	while (!*srv->stop) {
		int n = 0;
		if (transport_wait(srv->tp, 500) <= 0)
			continue;
		arena_reset(&a);
		while (n < BATCH_MAX) {
			memset(&ws[n], 0, sizeof ws[n]);
			if (!transport_recv(srv->tp, &a, &ws[n].in))
				break;
			n++;
		}
		if (n == 0)
			continue;
		srv->requests += (uint64_t)n;
		srv->batches++;
		server_batch(srv, &a, ws, n);
	}
	arena_free(&a);
	free(ws);
	routing_cache_clear(&srv->routings);
	free(srv->topics);
	log_info("stopping: %llu requests in %llu batches, %llu commits",
	    (unsigned long long)srv->requests, (unsigned long long)srv->batches,
	    (unsigned long long)srv->commits);
}
