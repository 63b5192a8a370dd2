/* supplier_scorecard.c — the scorecard's walk (supplier.h). */
#include "server/material/supplier.h"
#include "server/material/text_map.h"
#include "server/quality/ncr.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_US ((int64_t)86400 * 1000000)

struct row {
	Yoke__ScorecardRow *row;
	const char **serials;          /* units built with the row's lots (repeats dropped at the end) */
	size_t n_serials, cap;
};

struct card {
	struct ctx *c;
	const Yoke__ScorecardQuery *q;
	int64_t from_us, to_us;
	struct row *rows;
	size_t n_rows, cap_rows;
	struct text_map row_of;        /* "supplier\nperiod" -> row */
	struct text_map label_row;     /* PART/LOT (both names of each lot) -> row */
	struct text_map part_iqc;      /* part -> 1 when it has an incoming inspection plan */
	size_t serials;                /* in all rows */
	struct row *at;                /* the row whose units are being collected */
	Yoke__ScorecardReply *sr;
	int rc;
};

static uint32_t
row_for(struct card *k, const char *supplier, const char *period)
{
	struct ctx *c = k->c;
	const char *key = arena_printf(c->a, "%s\n%s", supplier, period);
	uint32_t i;
	if (text_map_get(&k->row_of, key, &i))
		return i;
	if (k->n_rows == k->cap_rows) {
		size_t cap = k->cap_rows ? 2 * k->cap_rows : 32;
		struct row *rows = ARENA_NEW(c->a, struct row, cap);
		if (k->n_rows)
			memcpy(rows, k->rows, k->n_rows * sizeof *rows);
		k->rows = rows;
		k->cap_rows = cap;
	}
	struct row *r = &k->rows[k->n_rows];
	memset(r, 0, sizeof *r);
	r->row = arena_alloc(c->a, sizeof *r->row);
	yoke__scorecard_row__init(r->row);
	r->row->supplier = arena_strdup(c->a, supplier);
	r->row->period = arena_strdup(c->a, period);
	text_map_add(c->a, &k->row_of, key, (uint32_t)k->n_rows);
	return (uint32_t)k->n_rows++;
}

static int
unit_built(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct card *w = ud;
	struct row *r = w->at;
	(void)k;
	(void)kl;
	if (w->serials >= SCORECARD_UNITS_MAX) {
		w->sr->cut = true;
		return 1;
	}
	if (r->n_serials == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		const char **s = ARENA_NEW(w->c->a, const char *, cap);
		if (r->n_serials)
			memcpy(s, r->serials, r->n_serials * sizeof *s);
		r->serials = s;
		r->cap = cap;
	}
	r->serials[r->n_serials++] = arena_printf(w->c->a, "%.*s", (int)vl, (const char *)v);
	w->serials++;
	return 0;
}

/* Whether incoming inspection decided the lot, and how. */
static int
iqc_decision(struct card *k, const Yoke__Lot *l, bool *accepted, bool *rejected)
{
	*accepted = *rejected = false;
	if (l->status == YOKE__LOT_STATUS__LOT_PENDING_INSPECTION)
		return STORE_OK;
	if (str_empty(l->inspection)) {
		uint32_t iqc;
		if (!text_map_get(&k->part_iqc, l->part, &iqc)) {
			Yoke__Part *p;
			int rc = REC_GET(k->c->txn, k->c->a, T_PART, l->part, yoke__part, &p);
			if (rc != STORE_OK && rc != STORE_NOTFOUND)
				return rc;
			iqc = rc == STORE_OK && p->iqc != NULL;
			text_map_add(k->c->a, &k->part_iqc, arena_strdup(k->c->a, l->part), iqc);
		}
		if (!iqc)
			return STORE_OK;
	}
	*accepted = l->status == YOKE__LOT_STATUS__LOT_RELEASED;
	*rejected = l->status == YOKE__LOT_STATUS__LOT_REJECTED ||
	    l->status == YOKE__LOT_STATUS__LOT_QUARANTINED;
	return STORE_OK;
}

static int
one_lot(struct card *k, const Yoke__Lot *l)
{
	struct ctx *c = k->c;
	char period[16];
	bool acc, rej;
	int rc;

	if (l->received_us < k->from_us || l->received_us >= k->to_us)
		return STORE_OK;
	if (!str_empty(k->q->supplier) && strcmp(l->supplier, k->q->supplier) != 0)
		return STORE_OK;
	supplier_period(l->received_us, k->q->period, period, sizeof period);
	uint32_t i = row_for(k, l->supplier, period);
	struct row *r = &k->rows[i];
	r->row->lots++;
	if ((rc = iqc_decision(k, l, &acc, &rej)) != STORE_OK)
		return rc;
	r->row->iqc_accepted += acc;
	r->row->iqc_rejected += rej;
	if (l->po_due_us > 0) {
		r->row->with_due_date++;
		/* On time: received on the due day (UTC) or before. */
		int64_t due_day_end = (l->po_due_us / DAY_US + 1) * DAY_US;
		r->row->on_time += l->received_us < due_day_end;
	}
	/* Both names a scan may have recorded: the supplier's lot and yoke's id. */
	const char *names[2] = { l->supplier_lot, l->id };
	for (int n = 0; n < 2; n++) {
		if (str_empty(names[n]) || (n == 1 && strcmp(names[0], names[1]) == 0))
			continue;
		const char *label = arena_printf(c->a, "%s/%s", l->part, names[n]);
		/* The same label under two suppliers: the first one read keeps it. */
		if (!text_map_add(c->a, &k->label_row, label, i))
			continue;
		k->at = r;
		rc = store_walk_dups(c->txn, T_COMPONENT, label, strlen(label), unit_built, k);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return rc;
	}
	return STORE_OK;
}

static int
lot_walk(void *ud, const void *key, size_t kl, const void *v, size_t vl)
{
	struct card *k = ud;
	Yoke__Lot *l;
	(void)key;
	(void)kl;
	if (k->sr->lots_read == SCORECARD_LOTS_MAX) {
		k->sr->cut = true;
		return 1;
	}
	k->sr->lots_read++;
	if ((l = rec_decode(NULL, &yoke__lot__descriptor, v, vl)) == NULL) {
		k->rc = STORE_ERROR;
		return 1;
	}
	k->rc = one_lot(k, l);
	protobuf_c_message_free_unpacked((ProtobufCMessage *)l, NULL);
	return k->rc != STORE_OK || k->sr->cut;
}

/* The row of a component label, if it is a lot of the window. */
static bool
row_of_label(struct card *k, const char *part, const char *lot, uint32_t *i)
{
	char label[300];
	if ((size_t)snprintf(label, sizeof label, "%s/%s", part, lot) >= sizeof label)
		return false;
	return text_map_get(&k->label_row, label, i);
}

static void
one_ncr(struct card *k, const Yoke__Ncr *n)
{
	uint32_t i;
	if (ncr_on_lot(n)) {
		if (n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER &&
		    row_of_label(k, n->lot_part, n->lot, &i))
			k->rows[i].row->returns++;
		return;
	}
	if (n->category != YOKE__DEFECT_CATEGORY__DEFECT_MATERIAL)
		return;
	/* Once per row, however many of the row's lots the unit holds. */
	uint32_t done[16];
	size_t n_done = 0;
	for (size_t j = 0; j < n->n_components; j++) {
		char *slash = strchr(n->components[j], '/');
		if (slash == NULL)
			continue;
		*slash = '\0';
		bool found = row_of_label(k, n->components[j], slash + 1, &i);
		*slash = '/';
		if (!found)
			continue;
		bool again = false;
		for (size_t d = 0; d < n_done && !again; d++)
			again = done[d] == i;
		if (again)
			continue;
		if (n_done < sizeof done / sizeof done[0])
			done[n_done++] = i;
		k->rows[i].row->material_ncrs++;
	}
}

static int
ncr_walk(void *ud, const void *key, size_t kl, const void *v, size_t vl)
{
	struct card *k = ud;
	Yoke__Ncr *n;
	(void)key;
	(void)kl;
	if ((n = rec_decode(NULL, &yoke__ncr__descriptor, v, vl)) == NULL) {
		k->rc = STORE_ERROR;
		return 1;
	}
	bool before = n->opened_us < k->from_us;
	if (!before) {
		if (k->sr->ncrs_read == SCORECARD_NCRS_MAX)
			k->sr->cut = true;
		else
			one_ncr(k, n);
		k->sr->ncrs_read++;
	}
	protobuf_c_message_free_unpacked((ProtobufCMessage *)n, NULL);
	return before || k->sr->cut;
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
by_supplier_period(const void *a, const void *b)
{
	const Yoke__ScorecardRow *x = *(Yoke__ScorecardRow *const *)a;
	const Yoke__ScorecardRow *y = *(Yoke__ScorecardRow *const *)b;
	int d = strcmp(x->supplier, y->supplier);
	return d ? d : strcmp(x->period, y->period);
}

int
supplier_scorecard(struct ctx *c, const Yoke__ScorecardQuery *q, int64_t from_us, int64_t to_us,
    Yoke__ScorecardReply **out)
{
	struct card k;
	int rc;

	memset(&k, 0, sizeof k);
	k.c = c;
	k.q = q;
	k.from_us = from_us;
	k.to_us = to_us;
	k.rc = STORE_OK;
	k.sr = arena_alloc(c->a, sizeof *k.sr);
	yoke__scorecard_reply__init(k.sr);

	/* Lot ids grow as L-000001 ... but not in key order past L-999999:
	 * every lot is read (up to the bound), not only the newest. */
	rc = store_walk_back(c->txn, T_LOT, NULL, 0, lot_walk, &k);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if (k.rc != STORE_OK)
		return k.rc;
	if (k.n_rows) {
		rc = store_walk_back(c->txn, T_NCR, NULL, 0, ncr_walk, &k);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return rc;
		if (k.rc != STORE_OK)
			return k.rc;
	}
	k.sr->rows = ARENA_NEW(c->a, Yoke__ScorecardRow *, k.n_rows + 1);
	for (size_t i = 0; i < k.n_rows; i++) {
		struct row *r = &k.rows[i];
		size_t units = 0;
		if (r->n_serials)
			qsort(r->serials, r->n_serials, sizeof *r->serials, by_text);
		for (size_t j = 0; j < r->n_serials; j++)
			units += j == 0 || strcmp(r->serials[j], r->serials[j - 1]) != 0;
		r->row->units_built = (uint32_t)units;
		r->row->ppm = units ? r->row->material_ncrs * 1e6 / (double)units : 0;
		k.sr->rows[k.sr->n_rows++] = r->row;
	}
	if (k.sr->n_rows)
		qsort(k.sr->rows, k.sr->n_rows, sizeof *k.sr->rows, by_supplier_period);
	*out = k.sr;
	return STORE_OK;
}
