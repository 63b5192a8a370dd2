/* report_window.c — the window of a report over the event log; see report.h. */
#include "server/report/report.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>
#include <time.h>

enum outcome
report_window_check(struct ctx *c, int64_t from_us, int64_t to_us)
{
	if (from_us <= 0 || to_us <= from_us)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a window whose end is after its start, got %lld to %lld (microseconds)"),
		    (long long)from_us, (long long)to_us);
	if (to_us - from_us > REPORT_SPAN_MAX_US)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A window may span at most %d days: ask for a shorter one"),
		    (int)(REPORT_SPAN_MAX_US / 86400 / 1000000));
	return OUTCOME_COMMIT;
}

struct first {
	struct ctx *c;
	int64_t (*time_of)(const void *v, size_t vl, bool *ok);
	uint64_t seq;
	int64_t time_us;
	bool found;
};

static int
first_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct first *f = ud;
	bool ok = false;
	int64_t t;
	if (kl != 8)
		return 0;
	t = f->time_of(v, vl, &ok);
	if (!ok)
		return 0;      /* unreadable: look at the next one */
	f->seq = get_be64(k);
	f->time_us = t;
	f->found = true;
	return 1;
}

/* The first readable record at or above seq. */
static int
at_or_above(struct first *f, enum store_table tb, uint64_t seq)
{
	unsigned char k[8];
	put_be64(k, seq);
	f->found = false;
	return store_walk_from(f->c->txn, tb, k, 8, first_walk, f);
}

/* Smallest key whose next record (at or above it) is at or after from. */
static int
first_key(struct ctx *c, enum store_table tb, uint64_t last,
    int64_t (*time_of)(const void *, size_t, bool *), int64_t from_us, uint64_t *seq)
{
	uint64_t lo = 1, hi = last, best = 0;
	struct first f = { .c = c, .time_of = time_of };
	int rc;

	while (lo <= hi && hi != 0) {
		uint64_t mid = lo + (hi - lo) / 2;
		if ((rc = at_or_above(&f, tb, mid)) != STORE_OK)
			return rc;
		if (!f.found) {
			hi = mid - 1;
		} else if (f.time_us >= from_us) {
			best = f.seq;
			hi = mid - 1;
		} else {
			lo = f.seq + 1;
		}
	}
	*seq = best;
	return STORE_OK;
}

static int64_t
event_time(const void *v, size_t vl, bool *ok)
{
	Yoke__Event *ev = rec_decode(NULL, &yoke__event__descriptor, v, vl);
	int64_t t = ev ? ev->time_us : 0;
	*ok = ev != NULL;
	if (ev)
		protobuf_c_message_free_unpacked(&ev->base, NULL);
	return t;
}

static int64_t
ncr_time(const void *v, size_t vl, bool *ok)
{
	Yoke__Ncr *n = rec_decode(NULL, &yoke__ncr__descriptor, v, vl);
	int64_t t = n ? n->opened_us : 0;
	*ok = n != NULL;
	if (n)
		protobuf_c_message_free_unpacked(&n->base, NULL);
	return t;
}

int
report_first_seq(struct ctx *c, int64_t from_us, uint64_t *seq)
{
	return first_key(c, T_EVENT, store_last_seq(c->txn), event_time, from_us, seq);
}

/* The last key of a table keyed by BE64 numbers (0: empty). */
static int
last_key(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	(void)v;
	(void)vl;
	if (kl == 8)
		*(uint64_t *)ud = get_be64(k);
	return 1;
}

int
report_first_ncr(struct ctx *c, int64_t from_us, uint64_t *number)
{
	uint64_t last = 0;
	int rc = store_walk_back(c->txn, T_NCR, NULL, 0, last_key, &last);
	if (rc != STORE_OK)
		return rc;
	return first_key(c, T_NCR, last, ncr_time, from_us, number);
}

int
report_event(struct ctx *c, uint64_t seq, Yoke__Event **ev)
{
	unsigned char k[8];
	int rc;
	put_be64(k, seq);
	if ((rc = rec_get(c->txn, c->a, T_EVENT, k, 8, &yoke__event__descriptor, (void **)ev)) ==
	    STORE_OK)
		(*ev)->seq = seq;
	return rc;
}

struct shift_list {
	struct ctx *c;
	struct report_shifts *sh;
	size_t cap;
};

static int
shift_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct shift_list *l = ud;
	Yoke__Shift *s = rec_decode(l->c->a, &yoke__shift__descriptor, v, vl);
	(void)k;
	(void)kl;
	if (s == NULL)
		return 0;
	if (l->sh->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		Yoke__Shift **n = ARENA_NEW(l->c->a, Yoke__Shift *, cap);
		if (l->sh->n)
			memcpy(n, l->sh->s, l->sh->n * sizeof *n);
		l->sh->s = n;
		l->cap = cap;
	}
	l->sh->s[l->sh->n++] = s;
	return 0;
}

int
report_shifts_load(struct ctx *c, struct report_shifts *sh)
{
	struct shift_list l = { .c = c, .sh = sh };
	*sh = (struct report_shifts){ 0 };
	/* The gate's table keeps shifts under "s" \0 name (store.h). */
	return store_walk_prefix(c->txn, T_GATE, "s", 2, shift_walk, &l);
}

const char *
report_shift_of(const struct report_shifts *sh, int64_t us, char *date)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	uint32_t minute;
	localtime_r(&t, &tm);
	minute = (uint32_t)(tm.tm_hour * 60 + tm.tm_min);
	strftime(date, 11, "%Y-%m-%d", &tm);
	for (size_t i = 0; i < sh->n; i++) {
		const Yoke__Shift *s = sh->s[i];
		bool in;
		if (s->start_min < s->end_min)
			in = minute >= s->start_min && minute < s->end_min;
		else     /* past midnight, or a whole day when start == end */
			in = minute >= s->start_min || minute < s->end_min;
		if (!in)
			continue;
		if (s->start_min >= s->end_min && minute < s->end_min) {
			/* The shift began yesterday. */
			time_t y = t - 86400;
			struct tm ty;
			localtime_r(&y, &ty);
			strftime(date, 11, "%Y-%m-%d", &ty);
		}
		return s->name;
	}
	return "";
}
