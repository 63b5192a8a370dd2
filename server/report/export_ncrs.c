/*
 * export_ncrs.c — a page of the NCRs opened in the window (EXPORT_NCRS),
 * oldest first. NCR numbers grow with their opening, so the walk starts at
 * the window's first and ends at the first opened after it. Cursor: the
 * last NCR number read ("NCR-000042").
 */
#include "server/quality/ncr.h"
#include "server/report/export.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

/* "NCR-000042" (as ncr_name writes it) or its digits. */
static bool
ncr_cursor(const char *s, uint64_t *n)
{
	char *end;
	if (strncmp(s, "NCR-", 4) == 0)
		s += 4;
	if (*s < '0' || *s > '9' || strlen(s) > 18)
		return false;
	*n = strtoull(s, &end, 10);
	return *end == '\0' && *n > 0;
}

struct ncrs {
	struct export_page *x;
	uint64_t last;
	bool done, full;
};

static int
walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct ncrs *w = ud;
	struct export_page *x = w->x;
	Yoke__ExportReply *r = x->r;
	Yoke__Ncr *n;
	if (kl != 8)
		return 0;
	if (x->scanned >= REPORT_SCAN_MAX || r->n_ncrs >= EXPORT_NCRS_MAX) {
		w->full = true;
		return 1;
	}
	w->last = get_be64(k);
	x->scanned++;
	if ((n = rec_decode(x->c->a, &yoke__ncr__descriptor, v, vl)) == NULL)
		return 0;
	if (n->opened_us >= x->q->to_us) {
		w->done = true;
		return 1;
	}
	if (n->opened_us < x->q->from_us)
		return 0;
	if (!str_empty(x->q->work_order) && strcmp(n->work_order, x->q->work_order) != 0)
		return 0;
	r->ncrs[r->n_ncrs++] = n;
	return 0;
}

enum outcome
export_ncrs(struct export_page *x)
{
	struct ctx *c = x->c;
	struct ncrs w = { .x = x };
	unsigned char k[8];
	uint64_t start;
	int rc;

	if (!str_empty(x->q->after)) {
		if (!ncr_cursor(x->q->after, &start))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Expected the cursor of the page before (an NCR number), got \"%.40s\""),
			    x->q->after);
		start++;
	} else {
		if ((rc = report_first_ncr(c, x->q->from_us, &start)) != STORE_OK)
			return store_failed(c, rc);
		if (start == 0)
			return OUTCOME_COMMIT;
	}
	x->r->ncrs = ARENA_NEW(c->a, Yoke__Ncr *, EXPORT_NCRS_MAX);
	put_be64(k, start);
	if ((rc = store_walk_from(c->txn, T_NCR, k, 8, walk, &w)) != STORE_OK)
		return store_failed(c, rc);
	if (w.full && !w.done && w.last)
		x->r->next = (char *)ncr_name(c, w.last);
	return OUTCOME_COMMIT;
}
