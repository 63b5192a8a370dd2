/* lot.c — see lot.h. */
#include "server/material/lot.h"
#include "server/quality/counter.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int
lot_get(struct ctx *c, const char *id, Yoke__Lot **out)
{
	if (!ident_ok(id, LOT_ID_MAX))
		return STORE_NOTFOUND;
	return REC_GET(c->txn, c->a, T_LOT, id, yoke__lot, out);
}

/* part \0 supplier lot */
static size_t
key_of(char *key, size_t size, const char *part, const char *supplier_lot)
{
	size_t pl = strlen(part), sl = strlen(supplier_lot);
	if (pl == 0 || sl == 0 || pl + 1 + sl > size || pl + 1 + sl > 500)
		return 0;
	memcpy(key, part, pl);
	key[pl] = '\0';
	memcpy(key + pl + 1, supplier_lot, sl);
	return pl + 1 + sl;
}

struct find {
	struct ctx *c;
	const char *supplier;
	Yoke__Lot *found;
	int n, rc;
};

static int
find_one(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct find *f = ud;
	char id[LOT_ID_MAX + 1];
	Yoke__Lot *l;
	(void)k;
	(void)kl;
	if (vl == 0 || vl > LOT_ID_MAX)
		return 0;
	memcpy(id, v, vl);
	id[vl] = '\0';
	if ((f->rc = lot_get(f->c, id, &l)) != STORE_OK) {
		if (f->rc != STORE_NOTFOUND)
			return 1;
		f->rc = STORE_OK;
		return 0;
	}
	if (!str_empty(f->supplier) && strcmp(l->supplier, f->supplier) != 0)
		return 0;
	if (f->found == NULL || strcmp(f->found->supplier, l->supplier) != 0)
		f->n++;
	if (f->found == NULL)
		f->found = l;
	return 0;
}

int
lot_find(struct ctx *c, const char *part, const char *supplier_lot, const char *supplier,
    Yoke__Lot **out)
{
	char key[512];
	size_t kl = key_of(key, sizeof key, part, supplier_lot);
	struct find f = { c, supplier, NULL, 0, STORE_OK };
	int rc;

	if (kl == 0)
		return STORE_NOTFOUND;
	if ((rc = store_walk_dups(c->txn, T_LOT_KEY, key, kl, find_one, &f)) != STORE_OK)
		return rc;
	if (f.rc != STORE_OK)
		return f.rc;
	if (f.found == NULL)
		return STORE_NOTFOUND;
	*out = f.found;
	return f.n > 1 ? STORE_EXISTS : STORE_OK;
}

int
lot_new_id(struct ctx *c, char *id)
{
	uint64_t n;
	int rc = counter_next(c, COUNTER_LOT, &n);
	if (rc == STORE_OK)
		snprintf(id, LOT_ID_MAX, "L-%06llu", (unsigned long long)n);
	return rc;
}

int
lot_put(struct ctx *c, const Yoke__Lot *l, bool is_new)
{
	char key[512];
	size_t kl;
	int rc = REC_PUT(c->txn, c->a, T_LOT, l->id, l);
	if (rc != STORE_OK || !is_new || str_empty(l->supplier_lot))
		return rc;
	if ((kl = key_of(key, sizeof key, l->part, l->supplier_lot)) == 0)
		return STORE_OK;   /* a text too long to index: found by its id only */
	return store_put(c->txn, T_LOT_KEY, key, kl, l->id, strlen(l->id), 0);
}

const char *
lot_status_text(Yoke__LotStatus st)
{
	switch (st) {
	case YOKE__LOT_STATUS__LOT_PENDING_INSPECTION: return _("waiting for incoming inspection");
	case YOKE__LOT_STATUS__LOT_RELEASED: return _("released for use");
	case YOKE__LOT_STATUS__LOT_REJECTED: return _("rejected by incoming inspection");
	case YOKE__LOT_STATUS__LOT_QUARANTINED: return _("quarantined");
	case YOKE__LOT_STATUS__LOT_EXPIRED: return _("expired");
	case YOKE__LOT_STATUS__LOT_BLOCKED: return _("blocked");
	default: return _("without a status");
	}
}

int
lot_set_status(struct ctx *c, Yoke__Lot *l, Yoke__LotStatus st, const char *reason,
    const char *by)
{
	return lot_set_status_signed(c, l, st, reason, by, NULL);
}

int
lot_set_status_signed(struct ctx *c, Yoke__Lot *l, Yoke__LotStatus st, const char *reason,
    const char *by, Yoke__SignatureRecord *sig)
{
	Yoke__Event *ev = arena_alloc(c->a, sizeof *ev);
	int rc;

	l->status = st;
	l->status_reason = arena_strdup(c->a, reason ? reason : "");
	l->status_us = c->now;
	l->status_by = arena_strdup(c->a, by ? by : "");
	if ((rc = lot_put(c, l, false)) != STORE_OK)
		return rc;
	yoke__event__init(ev);
	ev->time_us = c->now;
	ev->kind = YOKE__EVENT_KIND__EVENT_LOT_STATUS;
	ev->terminal = (char *)c->terminal;
	ev->part = l->part;
	ev->lot = l->id;
	ev->detail = l->supplier_lot;
	ev->badge = l->status_by;
	if (c->op)
		ev->operator_name = c->op->name;
	if (c->session)
		ev->station = c->session->station;
	ev->text = arena_printf(c->a, "%s: %s", lot_status_text(st), l->status_reason);
	if (sig) {
		ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
		ev->signatures[0] = sig;
		ev->n_signatures = 1;
	}
	return rec_event_append(c->txn, c->a, ev);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool
lot_date_ok(const char *date)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	char tail;
	if (date == NULL || strlen(date) != 10 || date[4] != '-' || date[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
			return false;
	if (sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 2000 || y > 2199 ||
	    m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

bool
lot_expired(const char *expiry, int64_t now_us)
{
	int y, m, d;
	char tail;
	if (expiry == NULL || sscanf(expiry, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	/* Usable through the whole expiry day of the plant: the server's local
	 * date, as the pre-start gate's due dates and the shifts count days. */
	time_t t = (time_t)(now_us / 1000000);
	struct tm tm;
	localtime_r(&t, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) >
	    days_from_civil(y, m, d);
}

bool
lot_usable(struct ctx *c, const Yoke__Lot *l, char *why, size_t whysize)
{
	char when[32];
	if (lot_expired(l->expiry, c->now)) {
		snprintf(why, whysize, _("Lot %s (%s) of %s expired on %s; take another lot"), l->id,
		    l->supplier_lot, l->part, l->expiry);
		return false;
	}
	if (l->status == YOKE__LOT_STATUS__LOT_RELEASED)
		return true;
	format_time_us(l->status_us, when, sizeof when);
	when[10] = '\0';    /* the date is enough */
	if (l->status == YOKE__LOT_STATUS__LOT_PENDING_INSPECTION)
		snprintf(why, whysize, _("Lot %s (%s) of %s is waiting for incoming inspection "
		    "(received %s); take a released lot or ask quality"), l->id, l->supplier_lot,
		    l->part, when);
	else
		snprintf(why, whysize, _("Lot %s (%s) of %s is %s: %s (%s); take another lot"), l->id,
		    l->supplier_lot, l->part, lot_status_text(l->status), l->status_reason, when);
	return false;
}
