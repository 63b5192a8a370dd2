/*
 * line_day.c — a station's day in three counts (LineDay, key station \0
 * YYYY-MM-DD in the line_day table): completions, first passes and first
 * failures, written in the transaction of the complete or the failure they
 * count. First-pass yield = first passes / (first passes + first failures):
 * a unit counts once per operation, when its first try ends, passed or
 * failed; its completion after rework or repair is a completion, not a
 * pass. "First" means the unit has no NCR at this operation yet: a clean
 * unit (no NCR at all, nearly every one) costs no read; one with NCRs
 * costs a read of each of its newest few.
 */
#include "server/line/line.h"
#include "server/quality/ncr.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define NCRS_LOOKED_AT 8

/* The local date changes only at a whole UTC minute (every time zone is
 * a whole number of minutes off UTC), so the text of the last minute asked
 * for is kept: localtime_r is not cheap, and every complete asks. */
void
line_day_text(int64_t us, char *buf, size_t size)
{
	static int64_t minute = -1;
	static char day[16];
	int64_t m = us / 60000000;

	if (m != minute) {
		time_t t = (time_t)(m * 60);
		struct tm tm;
		localtime_r(&t, &tm);
		if (strftime(day, sizeof day, "%Y-%m-%d", &tm) != 10)
			strlcpy_yk(day, "0000-00-00", sizeof day);
		minute = m;
	}
	strlcpy_yk(buf, day, size);
}

static size_t
day_key(char *buf, const char *station, int64_t us)
{
	char day[16];
	size_t n = strlen(station);
	if (n + 1 + 10 > KEY_MAX)
		return 0;
	line_day_text(us, day, sizeof day);
	memcpy(buf, station, n);
	buf[n] = '\0';
	memcpy(buf + n + 1, day, 10);
	return n + 11;
}

/* 1 when the unit has an NCR at operation `opno`, 0 when not, or a
 * negative store status. */
static int
had_ncr_at(struct ctx *c, const Yoke__UnitRecord *u, uint32_t opno)
{
	size_t looked = 0;
	for (size_t i = u->n_ncrs; i-- > 0 && looked < NCRS_LOOKED_AT; looked++) {
		Yoke__Ncr *n;
		int rc = ncr_get(c, u->ncrs[i], &n);
		if (rc == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return -rc;
		if (n->operation == opno)
			return 1;
	}
	return 0;
}

static int
count(struct ctx *c, const char *station, int completed, int first_pass, int first_fail)
{
	char key[KEY_MAX];
	size_t kl = day_key(key, station, c->now);
	Yoke__LineDay *d = NULL;
	int rc;

	if (kl == 0)
		return STORE_OK;
	rc = rec_get(c->txn, c->a, T_LINE_DAY, key, kl, &yoke__line_day__descriptor, (void **)&d);
	if (rc == STORE_NOTFOUND) {
		d = arena_alloc(c->a, sizeof *d);
		yoke__line_day__init(d);
	} else if (rc != STORE_OK) {
		return rc;
	}
	d->completed += (uint32_t)completed;
	d->first_pass += (uint32_t)first_pass;
	d->first_fail += (uint32_t)first_fail;
	return rec_put(c->txn, c->a, T_LINE_DAY, key, kl, &d->base, 0);
}

int
line_day_complete(struct ctx *c, const Yoke__UnitRecord *u, uint32_t opno, bool rework)
{
	int had = 0;
	if (rework || c->station == NULL)
		return STORE_OK;
	if (u->n_ncrs > 0 && (had = had_ncr_at(c, u, opno)) < 0)
		return -had;
	return count(c, c->station->id, 1, had ? 0 : 1, 0);
}

int
line_day_failed(struct ctx *c, const Yoke__UnitRecord *u, uint32_t opno)
{
	int had = 0;
	if (c->station == NULL || u->return_op != 0)
		return STORE_OK;     /* at a rework operation: not a try at a routing operation */
	if (u->n_ncrs > 0 && (had = had_ncr_at(c, u, opno)) < 0)
		return -had;
	return had ? STORE_OK : count(c, c->station->id, 0, 0, 1);
}
