/*
 * export_events.c — a page of the window's events (EXPORT_EVENTS), oldest
 * first, with the work orders and parts they name. Cursor: the seq of the
 * last event read, in decimal.
 */
#include "server/report/export.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct events {
	struct export_page *x;
	uint64_t last;
	bool done, full;
};

static int
walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct events *e = ud;
	struct export_page *x = e->x;
	Yoke__ExportReply *r = x->r;
	Yoke__Event *ev;
	uint64_t seq;
	if (kl != 8)
		return 0;
	if (x->scanned >= REPORT_SCAN_MAX || r->n_events >= EXPORT_EVENTS_MAX) {
		e->full = true;
		return 1;
	}
	seq = get_be64(k);
	if ((ev = rec_decode(x->c->a, &yoke__event__descriptor, v, vl)) == NULL) {
		e->last = seq;
		x->scanned++;
		return 0;
	}
	if (ev->time_us >= x->q->to_us) {
		e->done = true;
		return 1;
	}
	e->last = seq;
	x->scanned++;
	if (!str_empty(x->q->work_order) && strcmp(ev->work_order, x->q->work_order) != 0)
		return 0;
	ev->seq = seq;
	r->events[r->n_events++] = ev;
	if ((x->rc = export_work_order(x, ev->work_order)) != STORE_OK ||
	    (x->rc = export_part(x, ev->part)) != STORE_OK)
		return 1;
	return 0;
}

/* "" or the decimal seq a page ended at. */
static bool
cursor(const char *s, uint64_t *v)
{
	char *end;
	if (str_empty(s)) {
		*v = 0;
		return true;
	}
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' && *v > 0;
}

enum outcome
export_events(struct export_page *x)
{
	struct ctx *c = x->c;
	struct events e = { .x = x };
	unsigned char k[8];
	uint64_t after, start;
	int rc;

	if (!cursor(x->q->after, &after))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected the cursor of the page before (an event number), got \"%.40s\""),
		    x->q->after);
	if (after) {
		start = after + 1;
	} else {
		if ((rc = report_first_seq(c, x->q->from_us, &start)) != STORE_OK)
			return store_failed(c, rc);
		if (start == 0)
			return OUTCOME_COMMIT;
	}
	x->r->events = ARENA_NEW(c->a, Yoke__Event *, EXPORT_EVENTS_MAX);
	x->r->parts = ARENA_NEW(c->a, Yoke__ExportPart *, EXPORT_NAMES_MAX);
	x->r->work_orders = ARENA_NEW(c->a, Yoke__ExportWorkOrder *, EXPORT_NAMES_MAX);
	put_be64(k, start);
	if ((rc = store_walk_from(c->txn, T_EVENT, k, 8, walk, &e)) != STORE_OK)
		return store_failed(c, rc);
	if (x->rc != STORE_OK)
		return store_failed(c, x->rc);
	if (e.full && !e.done && e.last)
		x->r->next = arena_printf(c->a, "%" PRIu64, e.last);
	return OUTCOME_COMMIT;
}
