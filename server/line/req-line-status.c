/*
 * req-line-status.c — the line at a glance (line.h says where each column
 * comes from). Read-only, so it runs in the batch's read transaction and
 * has no TerminalRecord of its own: the session and role (a lead, an
 * engineer or an admin) are checked here against the terminal's stored
 * session, as dispatch checks them for a write.
 */
#include "server/line/line.h"
#include "server/alarm/alarm.h"
#include "server/notify/notifier.h"
#include "server/requests.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LINE_ROLES (ROLE_BIT(YOKE__ROLE__ROLE_LEAD) | ROLES_ENGINEERING)

/*
 * A line whose answer is slow to make (a long queue to walk: the bench
 * plant's 200 stations and 10 000 units take some 6 ms) is made at most
 * once every LINE_CACHE_US for everyone who asks for the same page: when
 * making it took longer than LINE_CACHE_SLOW_US, the answer is kept
 * (packed, with the record version byte rec_decode expects; the time is
 * the loop thread's CPU time, so a busy machine does not count) and given
 * again until it is LINE_CACHE_US old. A small line is made afresh every
 * time. Rows hold data only, no words, so one answer serves every
 * language; its now_us says when it was made.
 */
#define LINE_CACHE_US 1000000
#define LINE_CACHE_SLOW_US 2000

static struct {
	char station[CERT_ID_MAX + 1];
	uint32_t offset, limit;
	int64_t made_us;
	uint8_t *packed;
	size_t len;
} cache;

/* The loop thread's CPU time: what making an answer cost, whatever else
 * the machine was doing (a test on a busy machine must not be cached). */
static int64_t
cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static Yoke__LineStatusReply *
cached(struct ctx *c, const Yoke__LineStatusQuery *q)
{
	if (cache.packed == NULL || c->now - cache.made_us >= LINE_CACHE_US || c->now < cache.made_us ||
	    strcmp(cache.station, q->station ? q->station : "") != 0 || cache.offset != q->offset ||
	    cache.limit != q->limit)
		return NULL;
	return rec_decode(c->a, &yoke__line_status_reply__descriptor, cache.packed, cache.len);
}

static void
keep(struct ctx *c, const Yoke__LineStatusQuery *q, const Yoke__LineStatusReply *r, int64_t took)
{
	free(cache.packed);
	cache.packed = NULL;
	if (took <= LINE_CACHE_SLOW_US)
		return;
	cache.len = 1 + yoke__line_status_reply__get_packed_size(r);
	cache.packed = xmalloc(cache.len);
	cache.packed[0] = RECORD_VERSION;
	yoke__line_status_reply__pack(r, cache.packed + 1);
	strlcpy_yk(cache.station, q->station ? q->station : "", sizeof cache.station);
	cache.offset = q->offset;
	cache.limit = q->limit;
	cache.made_us = c->now;
}

struct line {
	struct ctx *c;
	Yoke__LineStation **rows;   /* the page, in station id order */
	size_t n;
	int64_t now;                /* the monitor's clock */
	uint64_t units;             /* unit keys read */
	size_t alarms;              /* alarms read */
	bool partial;
	int rc;
	/* The kind walked now: its waiting units. */
	const char *kind;
	uint32_t looked;            /* units of this kind read (at most LINE_KIND_UNITS) */
	uint32_t queue;
	int64_t oldest;
	const char *top_wo;
	uint32_t top_priority;
};

static int
row_cmp(const void *key, const void *elem)
{
	const Yoke__LineStation *const *r = elem;
	return strcmp(key, (*r)->station);
}

static Yoke__LineStation *
row_of(struct line *l, const char *station, size_t len)
{
	char id[CERT_ID_MAX + 1];
	Yoke__LineStation **r;
	if (len == 0 || len > CERT_ID_MAX)
		return NULL;
	memcpy(id, station, len);
	id[len] = '\0';
	r = bsearch(id, l->rows, l->n, sizeof *l->rows, row_cmp);
	return r ? *r : NULL;
}

/* ---- who may ask ---- */

static enum outcome
check_asker(struct ctx *c)
{
	int64_t idle = (int64_t)c->srv->cfg.session_idle_s * 1000000;
	Yoke__TerminalRecord *t = NULL;
	Yoke__Operator *op = NULL;
	char roles[120];
	int rc;

	if (str_empty(c->rq->session))
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN, _("Badge in first: scan your badge"));
	if (ident_ok(c->terminal, CERT_ID_MAX) &&
	    (rc = REC_GET(c->txn, c->a, T_TERMINAL, c->terminal, yoke__terminal_record, &t)) !=
	    STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	if (t == NULL || t->session == NULL || str_empty(t->session->token) ||
	    strcmp(t->session->token, c->rq->session) != 0 ||
	    (idle > 0 && c->now - t->session->last_used_us > idle))
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
		    _("Your session has ended: scan your badge again"));
	rc = rec_get_cached(c->txn, &c->srv->operators, T_OPERATOR, t->session->badge,
	    &yoke__operator__descriptor, (void **)&op);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_BADGED_IN,
		    _("Badge %s is no longer known: ask your lead"), t->session->badge);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (str_empty(c->rq->language) || !str_empty(t->session->station))
		i18n_use(op->language);
	if (!(LINE_ROLES & ROLE_BIT(op->role))) {
		request_roles_text(LINE_ROLES, roles, sizeof roles);
		return refuse(c, YOKE__STATUS__STATUS_NOT_AUTHORIZED, _("%s needs %s; %s (%s) is %s"),
		    _("The line monitor"), roles, op->name, op->badge, request_role_text(op->role));
	}
	return OUTCOME_COMMIT;
}

/* ---- the stations ---- */

static int
collect_station(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct line *l = ud;
	Yoke__Station *st;
	Yoke__LineStation *r;
	(void)k;
	(void)kl;
	if ((st = rec_decode(l->c->a, &yoke__station__descriptor, v, vl)) == NULL) {
		l->rc = STORE_ERROR;
		return 1;
	}
	r = arena_alloc(l->c->a, sizeof *r);
	yoke__line_station__init(r);
	r->station = st->id;
	r->kind = st->kind;
	r->name = st->name;
	l->rows[l->n++] = r;
	return 0;
}

/* ---- online and who ---- */

static void
heard_one(void *ud, const char *terminal, const char *station, int64_t at)
{
	struct line *l = ud;
	Yoke__LineStation *r = row_of(l, station, strlen(station));
	if (r && at > r->heard_us) {
		r->heard_us = at;
		r->terminal = arena_strdup(l->c->a, terminal);
	}
}

static int
session_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct line *l = ud;
	struct ctx *c = l->c;
	int64_t idle = (int64_t)c->srv->cfg.session_idle_s * 1000000;
	Yoke__TerminalRecord *t;
	const Yoke__SessionRecord *s;
	Yoke__LineStation *r;
	Yoke__Operator *op = NULL;
	char *id;
	int64_t heard;

	if ((t = rec_decode(c->a, &yoke__terminal_record__descriptor, v, vl)) == NULL)
		return 0;       /* one unreadable record does not blank the line */
	s = t->session;
	if (s == NULL || str_empty(s->token) || str_empty(s->station) ||
	    (idle > 0 && c->now - s->last_used_us > idle) ||
	    (r = row_of(l, s->station, strlen(s->station))) == NULL)
		return 0;
	id = arena_alloc(c->a, kl + 1);
	memcpy(id, k, kl);
	id[kl] = '\0';
	heard = line_heard_at(id, NULL);
	if (heard == 0)
		heard = t->last_seen_us;     /* not heard since the server started */
	if (heard > r->heard_us) {
		r->heard_us = heard;
		r->terminal = id;
	}
	r->badge = s->badge;
	r->badged_us = s->started_us;
	if (rec_get_cached(c->txn, &c->srv->operators, T_OPERATOR, s->badge,
	    &yoke__operator__descriptor, (void **)&op) == STORE_OK)
		r->person = op->name;
	return 0;
}

/* ---- the units: one walk per kind ---- */

static int
unit_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct line *l = ud;
	size_t kind = strnlen(k, kl);
	const void *uv;
	size_t ul;
	struct unit_peek p;
	Yoke__LineStation *r;
	int rc;
	(void)v;
	(void)vl;

	if (++l->units > LINE_UNITS_SCAN) {
		l->partial = true;
		return 1;
	}
	if (kind + 13 > kl)       /* kind \0 prio(1) due(10) \0 serial */
		return 0;
	if (++l->looked > LINE_KIND_UNITS) {
		l->queue++;           /* counted by its key alone: taken as waiting */
		l->partial = true;
		return 0;
	}
	rc = store_get(l->c->txn, T_UNIT, (const char *)k + kind + 13, kl - kind - 13, &uv, &ul);
	if (rc == STORE_NOTFOUND)
		return 0;
	if (rc != STORE_OK) {
		l->rc = rc;
		return 1;
	}
	if (!line_unit_peek(uv, ul, &p))
		return 0;
	r = row_of(l, p.station, p.station_len);
	if (p.holds > 0 || p.status == YOKE__UNIT_STATUS__UNIT_FAILED) {
		if (r)
			r->holds++;
		return 0;
	}
	if (p.status == YOKE__UNIT_STATUS__UNIT_IN_WORK) {
		if (r && str_empty(r->serial)) {
			r->serial = arena_printf(l->c->a, "%.*s", (int)p.serial_len, p.serial);
			r->work_order = arena_printf(l->c->a, "%.*s", (int)p.work_order_len, p.work_order);
			r->operation = p.op_index;     /* an index here; made the number below */
			r->unit_since_us = p.since_us;
		}
		return 0;
	}
	if (p.status != YOKE__UNIT_STATUS__UNIT_QUEUED)
		return 0;
	if (l->queue++ == 0) {
		l->top_wo = arena_printf(l->c->a, "%.*s", (int)p.work_order_len, p.work_order);
		l->top_priority = p.priority;
	}
	if (l->oldest == 0 || p.since_us < l->oldest)
		l->oldest = p.since_us;
	return 0;
}

static int
walk_kind(struct line *l, const char *kind)
{
	char prefix[KEY_MAX];
	size_t pl = strlen(kind);
	int rc;
	if (pl + 1 > sizeof prefix)
		return STORE_OK;
	memcpy(prefix, kind, pl);
	prefix[pl++] = '\0';
	l->kind = kind;
	l->queue = 0;
	l->looked = 0;
	l->oldest = 0;
	l->top_wo = "";
	l->top_priority = 0;
	if ((rc = store_walk_prefix(l->c->txn, T_QUEUE, prefix, pl, unit_walk, l)) != STORE_OK)
		return rc;
	if (l->rc != STORE_OK)
		return l->rc;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->rows[i]->kind, kind) == 0) {
			l->rows[i]->queue = l->queue;
			l->rows[i]->oldest_us = l->oldest;
			l->rows[i]->priority_wo = (char *)l->top_wo;
			l->rows[i]->priority = l->top_priority;
		}
	return STORE_OK;
}

/* The operation number of the unit open at r (r->operation holds its index). */
static void
operation_number(struct line *l, Yoke__LineStation *r)
{
	Yoke__UnitRecord *u;
	Yoke__Routing *rt;
	uint32_t index = r->operation;
	r->operation = 0;
	if (REC_GET(l->c->txn, l->c->a, T_UNIT, r->serial, yoke__unit_record, &u) != STORE_OK ||
	    routing_get(l->c, u->product, u->routing_rev, &rt) != STORE_OK)
		return;
	if (u->return_op && u->rework_op < rt->n_rework_operations)
		r->operation = rt->rework_operations[u->rework_op]->number;
	else if (index < rt->n_operations)
		r->operation = rt->operations[index]->number;
}

/* ---- alarms, holds, stops, the day ---- */

static int
alarm_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct line *l = ud;
	Yoke__Alarm *a;
	Yoke__LineStation *r;
	(void)k;
	(void)kl;
	if (++l->alarms > LINE_ALARMS_SCAN) {
		l->partial = true;
		return 1;
	}
	if ((a = rec_decode(l->c->a, &yoke__alarm__descriptor, v, vl)) == NULL)
		return 0;
	if (a->state != YOKE__ALARM_STATE__ALARM_RESOLVED && a->station &&
	    (r = row_of(l, a->station, strlen(a->station))) != NULL)
		r->alarms++;
	return 0;
}

static int
count_dup(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	(void)k;
	(void)kl;
	(void)v;
	(void)vl;
	++*(uint32_t *)ud;
	return 0;
}

static int
station_facts(struct line *l, Yoke__LineStation *r, const char *day)
{
	struct ctx *c = l->c;
	char key[KEY_MAX];
	size_t n = strlen(r->station);
	const void *v;
	size_t vl;
	uint32_t holds = 0;
	Yoke__LineDay *d;
	int rc;

	rc = store_get(c->txn, T_STATION_STOP, r->station, n, &v, &vl);
	if (rc == STORE_OK && vl == 8)
		r->stopped_by = (char *)alarm_number(c->a, get_be64(v));
	else if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	key[0] = (char)YOKE__HOLD_SCOPE__HOLD_STATION;     /* hold.c's hold_scope key */
	memcpy(key + 1, r->station, n);
	if ((rc = store_walk_dups(c->txn, T_HOLD_SCOPE, key, n + 1, count_dup, &holds)) != STORE_OK)
		return rc;
	r->held = holds > 0;
	r->holds += holds;
	memcpy(key, r->station, n);
	key[n] = '\0';
	memcpy(key + n + 1, day, 10);
	rc = rec_get(c->txn, c->a, T_LINE_DAY, key, n + 11, &yoke__line_day__descriptor, (void **)&d);
	if (rc == STORE_OK) {
		r->first_pass = d->first_pass;
		r->first_fail = d->first_fail;
		r->completed = d->completed;
	} else if (rc != STORE_NOTFOUND) {
		return rc;
	}
	r->online = r->heard_us > 0 &&
	    l->now - r->heard_us <= (int64_t)c->srv->cfg.terminal_silent_s * 1000000;
	return STORE_OK;
}

enum outcome
req_line_status(struct ctx *c)
{
	const Yoke__LineStatusQuery *q = c->rq->line_status;
	struct line l = { .c = c, .now = notifier_now(c->srv, c->now), .rc = STORE_OK };
	Yoke__LineStatusReply *r;
	uint32_t limit = q->limit && q->limit < LINE_ROWS_MAX ? q->limit : LINE_ROWS_MAX;
	char day[16];
	enum outcome o;
	int rc;

	if ((o = check_asker(c)) != OUTCOME_COMMIT)
		return o;
	if (!str_empty(q->station) && !ident_ok(q->station, CERT_ID_MAX))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a station id, got \"%.40s\""), q->station);
	if ((r = cached(c, q)) != NULL) {
		c->rp->body_case = YOKE__REPLY__BODY_LINE_STATUS;
		c->rp->line_status = r;
		return OUTCOME_COMMIT;
	}
	int64_t began = cpu_us();
	r = arena_alloc(c->a, sizeof *r);
	yoke__line_status_reply__init(r);
	/* Every station (a page of them), or the one asked for. */
	uint64_t total = store_count(c->txn, T_STATION);
	l.rows = ARENA_NEW(c->a, Yoke__LineStation *, total + 1);
	if (!str_empty(q->station)) {
		const void *v;
		size_t vl;
		rc = store_get(c->txn, T_STATION, q->station, strlen(q->station), &v, &vl);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("Unknown station %s"), q->station);
		if (rc != STORE_OK || collect_station(&l, NULL, 0, v, vl) != 0)
			return store_failed(c, rc != STORE_OK ? rc : STORE_ERROR);
		total = 1;
	} else if ((rc = store_walk_prefix(c->txn, T_STATION, NULL, 0, collect_station, &l)) !=
	    STORE_OK || l.rc != STORE_OK) {
		return store_failed(c, rc != STORE_OK ? rc : l.rc);
	}
	r->total = (uint32_t)l.n;
	if (q->offset >= l.n) {
		l.n = 0;
	} else {
		l.rows += q->offset;
		l.n -= q->offset;
		if (l.n > limit)
			l.n = limit;
	}
	line_heard_walk(heard_one, &l);
	if ((rc = store_walk_prefix(c->txn, T_TERMINAL, NULL, 0, session_walk, &l)) != STORE_OK)
		return store_failed(c, rc);
	for (size_t i = 0; i < l.n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(l.rows[j]->kind, l.rows[i]->kind) == 0;
		if (!seen && (rc = walk_kind(&l, l.rows[i]->kind)) != STORE_OK)
			return store_failed(c, rc);
	}
	if ((rc = store_walk_back(c->txn, T_ALARM, NULL, 0, alarm_walk, &l)) != STORE_OK)
		return store_failed(c, rc);
	line_day_text(c->now, day, sizeof day);
	for (size_t i = 0; i < l.n; i++) {
		if ((rc = station_facts(&l, l.rows[i], day)) != STORE_OK)
			return store_failed(c, rc);
		if (!str_empty(l.rows[i]->serial))
			operation_number(&l, l.rows[i]);
	}
	r->n_stations = l.n;
	r->stations = l.rows;
	r->now_us = l.now;
	r->day = arena_strdup(c->a, day);
	r->silent_after_s = (uint32_t)c->srv->cfg.terminal_silent_s;
	r->partial = l.partial;
	keep(c, q, r, cpu_us() - began);
	c->rp->body_case = YOKE__REPLY__BODY_LINE_STATUS;
	c->rp->line_status = r;
	return OUTCOME_COMMIT;
}
