/*
 * req-work-report.c — good and scrapped quantities and time on task of a
 * window, per shift, work order, station, operation and operator, counted
 * from the event log one bounded page at a time (report.h).
 *
 * What is counted (docs/reports.md):
 *   good        an OP_COMPLETED: the operation done, at its station, by
 *               who completed it, in the shift it was completed in
 *   failed      a FAILED: the step that failed, by who worked it
 *   reworked,   a DISPOSITIONED whose NCR says rework or scrap: counted
 *   scrapped    against the failure (the NCR's operation, station and
 *               originator, the shift of its opening), in the page where
 *               the disposition falls in the window
 *   time on     from the unit's OP_STARTED of that operation (the last one
 *   task        before the completion, found through the unit's history)
 *               to its OP_COMPLETED; `timed` counts the completions whose
 *               opening was found
 */
#include "server/quality/ncr.h"
#include "server/report/report.h"
#include "server/requests.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

#define SLOTS 4096                 /* > 2 * REPORT_ROWS_MAX: a sparse hash */
#define HISTORY_BACK 256           /* events walked back to a completion's opening */

struct tally {
	struct ctx *c;
	const Yoke__WorkReportQuery *q;
	struct report_shifts shifts;
	Yoke__WorkReportRow *slot[SLOTS];
	Yoke__WorkReportRow **rows;
	size_t nrows;
	uint64_t scanned, last;
	bool full, done;
	int rc;
};

/* The key's parts, as one row of the report names them. */
struct who {
	const char *shift;
	char date[11];
	const char *wo, *station, *op_name, *badge, *name;
	uint32_t op;
};

static uint64_t
mix(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (h ^ 0xff) * 1099511628211ull;
}

static bool
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The row of a key, made when new; NULL when the page has no room left
 * (the page ends before this event: t->full). */
static Yoke__WorkReportRow *
row_of(struct tally *t, const struct who *w)
{
	uint64_t h = 14695981039346656037ull;
	h = mix(h, w->shift);
	h = mix(h, w->date);
	h = mix(h, w->wo);
	h = mix(h, w->station);
	h = (h ^ w->op) * 1099511628211ull;
	h = mix(h, w->badge);
	for (size_t i = (size_t)(h % SLOTS);; i = (i + 1) % SLOTS) {
		Yoke__WorkReportRow *r = t->slot[i];
		if (r == NULL)
			break;
		if (r->operation == w->op && same(r->shift, w->shift) &&
		    same(r->shift_date, w->date) && same(r->work_order, w->wo) &&
		    same(r->station, w->station) && same(r->badge, w->badge))
			return r;
		continue;
	}
	if (t->nrows >= REPORT_ROWS_MAX) {
		t->full = true;
		return NULL;
	}
	Yoke__WorkReportRow *r = arena_alloc(t->c->a, sizeof *r);
	yoke__work_report_row__init(r);
	r->shift = arena_strdup(t->c->a, w->shift ? w->shift : "");
	r->shift_date = arena_strdup(t->c->a, w->date);
	r->work_order = arena_strdup(t->c->a, w->wo ? w->wo : "");
	r->station = arena_strdup(t->c->a, w->station ? w->station : "");
	r->operation = w->op;
	r->operation_name = arena_strdup(t->c->a, w->op_name ? w->op_name : "");
	r->badge = arena_strdup(t->c->a, w->badge ? w->badge : "");
	r->operator_name = arena_strdup(t->c->a, w->name ? w->name : "");
	for (size_t i = (size_t)(h % SLOTS);; i = (i + 1) % SLOTS)
		if (t->slot[i] == NULL) {
			t->slot[i] = r;
			break;
		}
	t->rows[t->nrows++] = r;
	return r;
}

/* The query's filters. */
static bool
wanted(const struct tally *t, const struct who *w)
{
	const Yoke__WorkReportQuery *q = t->q;
	return (str_empty(q->shift) || same(q->shift, w->shift)) &&
	    (str_empty(q->work_order) || same(q->work_order, w->wo)) &&
	    (str_empty(q->station) || same(q->station, w->station));
}

static void
who_of_event(struct tally *t, const Yoke__Event *ev, struct who *w)
{
	w->shift = report_shift_of(&t->shifts, ev->time_us, w->date);
	w->wo = ev->work_order;
	w->station = ev->station;
	w->op = ev->operation;
	w->op_name = ev->operation_name;
	w->badge = ev->badge;
	w->name = ev->operator_name;
}

/* The time from the unit's opening of the operation to this completion.
 * The records read here are freed at once (not kept in the request's
 * arena): a page may time hundreds of completions. */
static int
time_on_task(struct tally *t, const Yoke__Event *done, uint64_t seq, int64_t *us, bool *found)
{
	Yoke__UnitRecord *u;
	unsigned char k[8];
	int rc;
	*found = false;
	rc = REC_GET(t->c->txn, NULL, T_UNIT, done->serial, yoke__unit_record, &u);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	size_t i = u->n_events;
	while (i > 0 && u->events[i - 1] != seq)
		i--;
	for (size_t back = 0; i > 1 && back < HISTORY_BACK; back++) {
		Yoke__Event *ev;
		i--;
		put_be64(k, u->events[i - 1]);
		rc = rec_get(t->c->txn, NULL, T_EVENT, k, 8, &yoke__event__descriptor, (void **)&ev);
		if (rc != STORE_OK) {
			rc = rc == STORE_NOTFOUND ? STORE_OK : rc;
			break;
		}
		bool other_op = ev->kind == YOKE__EVENT_KIND__EVENT_OP_COMPLETED;
		bool opened = ev->kind == YOKE__EVENT_KIND__EVENT_OP_STARTED &&
		    ev->operation == done->operation;
		if (opened) {
			*us = done->time_us - ev->time_us;
			*found = *us >= 0;
		}
		protobuf_c_message_free_unpacked(&ev->base, NULL);
		if (opened || other_op)    /* found, or an earlier operation: none of this one */
			break;
	}
	protobuf_c_message_free_unpacked(&u->base, NULL);
	return rc;
}

/* A disposition: counted against its NCR's failure. */
static int
disposition(struct tally *t, const Yoke__Event *ev)
{
	Yoke__Ncr *n;
	struct who w;
	Yoke__WorkReportRow *r;
	int rc = ncr_get(t->c, ev->ncr, &n);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	if (n->disposition != YOKE__DISPOSITION_KIND__DISPOSITION_REWORK &&
	    n->disposition != YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP)
		return STORE_OK;
	w.shift = report_shift_of(&t->shifts, n->opened_us ? n->opened_us : ev->time_us, w.date);
	w.wo = n->work_order;
	w.station = n->station;
	w.op = n->operation;
	w.op_name = n->operation_name;
	w.badge = n->badge;
	w.name = n->operator_name;
	if (!wanted(t, &w))
		return STORE_OK;
	if ((r = row_of(t, &w)) == NULL)
		return STORE_OK;
	if (n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_REWORK)
		r->reworked++;
	else
		r->scrapped++;
	return STORE_OK;
}

/* Counts one event (t->full: the page had no room for it). */
static int
count(struct tally *t, const Yoke__Event *ev, uint64_t seq)
{
	struct who w;
	Yoke__WorkReportRow *r;
	int rc;
	switch (ev->kind) {
	case YOKE__EVENT_KIND__EVENT_OP_COMPLETED:
	case YOKE__EVENT_KIND__EVENT_FAILED:
		who_of_event(t, ev, &w);
		if (!wanted(t, &w) || (r = row_of(t, &w)) == NULL)
			return STORE_OK;
		if (ev->kind == YOKE__EVENT_KIND__EVENT_FAILED) {
			r->failed++;
			return STORE_OK;
		}
		r->good++;
		int64_t us;
		bool found;
		if ((rc = time_on_task(t, ev, seq, &us, &found)) != STORE_OK)
			return rc;
		if (found) {
			r->timed++;
			r->time_on_task_us += us;
		}
		return STORE_OK;
	case YOKE__EVENT_KIND__EVENT_DISPOSITIONED:
		return disposition(t, ev);
	default:
		return STORE_OK;
	}
}

static int
walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct tally *t = ud;
	Yoke__Event *ev;
	uint64_t seq;
	if (kl != 8)
		return 0;
	seq = get_be64(k);
	if (t->scanned >= REPORT_SCAN_MAX)
		return 1;              /* the page is done; the next starts after t->last */
	if ((ev = rec_decode(NULL, &yoke__event__descriptor, v, vl)) == NULL) {
		t->last = seq;         /* unreadable: logged by nobody, skipped */
		t->scanned++;
		return 0;
	}
	if (ev->time_us >= t->q->to_us) {
		t->done = true;
		protobuf_c_message_free_unpacked(&ev->base, NULL);
		return 1;
	}
	t->rc = count(t, ev, seq);
	protobuf_c_message_free_unpacked(&ev->base, NULL);
	if (t->rc != STORE_OK)
		return 1;
	if (t->full)
		return 1;              /* this event is counted again by the next page */
	t->last = seq;
	t->scanned++;
	return 0;
}

enum outcome
req_work_report(struct ctx *c)
{
	const Yoke__WorkReportQuery *q = c->rq->work_report;
	struct tally *t;
	Yoke__WorkReportReply *wr;
	unsigned char k[8];
	uint64_t start;
	enum outcome o;
	int rc;

	if ((o = report_window_check(c, q->from_us, q->to_us)) != OUTCOME_COMMIT)
		return o;
	if ((!str_empty(q->shift) && !ident_ok(q->shift, 40)) ||
	    (!str_empty(q->work_order) && !ident_ok(q->work_order, 40)) ||
	    (!str_empty(q->station) && !ident_ok(q->station, 40)))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a shift, work order and station as names of at most 40 characters"));
	t = arena_alloc(c->a, sizeof *t);
	t->c = c;
	t->q = q;
	t->rows = ARENA_NEW(c->a, Yoke__WorkReportRow *, REPORT_ROWS_MAX);
	if ((rc = report_shifts_load(c, &t->shifts)) != STORE_OK)
		return store_failed(c, rc);
	if (q->after_seq) {
		start = q->after_seq + 1;
	} else {
		if ((rc = report_first_seq(c, q->from_us, &start)) != STORE_OK)
			return store_failed(c, rc);
		if (start == 0)
			t->done = true;
	}
	if (!t->done) {
		put_be64(k, start);
		t->last = start - 1;
		if ((rc = store_walk_from(c->txn, T_EVENT, k, 8, walk, t)) != STORE_OK)
			return store_failed(c, rc);
		if (t->rc != STORE_OK)
			return store_failed(c, t->rc);
	}
	wr = arena_alloc(c->a, sizeof *wr);
	yoke__work_report_reply__init(wr);
	wr->rows = t->rows;
	wr->n_rows = t->nrows;
	wr->scanned = t->scanned;
	/* More to read when the walk stopped on a bound, not at the window's
	 * end or the log's. */
	if (!t->done && (t->full || t->scanned >= REPORT_SCAN_MAX))
		wr->next_seq = t->last;
	c->rp->body_case = YOKE__REPLY__BODY_WORK_REPORT;
	c->rp->work_report = wr;
	return OUTCOME_COMMIT;
}
