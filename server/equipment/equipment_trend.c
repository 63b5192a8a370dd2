/*
 * equipment_trend.c — the decimation of equipment values (equipment.h):
 * a minute's min, max, sum and count, and the keys of the series. No
 * store, no sockets: tests/unit/test_equipment_trend.c checks it directly.
 */
#include "server/equipment/equipment.h"
#include "server/store/records.h"
#include "shared/util.h"

#include <string.h>

int64_t
equipment_minute(int64_t time_us)
{
	int64_t m = time_us / EQUIPMENT_MINUTE_US;
	if (time_us < 0 && m * EQUIPMENT_MINUTE_US != time_us)
		m--;
	return m;
}

void
equipment_trend_add(Yoke__EquipmentTrend *t, double v)
{
	if (t->count == 0) {
		t->min = v;
		t->max = v;
		t->sum = 0;
	}
	if (v < t->min)
		t->min = v;
	if (v > t->max)
		t->max = v;
	t->sum += v;
	t->count++;
}

double
equipment_trend_mean(const Yoke__EquipmentTrend *t)
{
	return t->count ? t->sum / t->count : 0;
}

bool
equipment_out_of_limits(const Yoke__EquipmentParam *p, double v)
{
	return (p->has_lsl && v < p->lsl) || (p->has_usl && v > p->usl);
}

/* station \0 name \0: the series' common prefix; 0 when too long. */
static size_t
prefix(char *buf, const char *station, const char *name, size_t extra)
{
	size_t sl = strlen(station), nl = strlen(name);
	if (sl + nl + 2 + extra > KEY_MAX)
		return 0;
	memcpy(buf, station, sl + 1);
	memcpy(buf + sl + 1, name, nl + 1);
	return sl + nl + 2;
}

size_t
equipment_key_param(char *buf, const char *station, const char *name)
{
	size_t n = prefix(buf, station, name, 0);
	return n ? n - 1 : 0;   /* station \0 name */
}

size_t
equipment_key_latest(char *buf, char kind, const char *a, const char *name)
{
	size_t n = prefix(buf + 1, a, name, 1);
	if (n == 0)
		return 0;
	buf[0] = kind;
	return n;               /* kind a \0 name */
}

size_t
equipment_key_minute(char *buf, const char *station, const char *name, int64_t minute)
{
	size_t n = prefix(buf, station, name, 9);
	if (n == 0)
		return 0;
	buf[n] = 'm';
	/* Offset so that minutes before the epoch sort before the ones after. */
	put_be64((unsigned char *)buf + n + 1, (uint64_t)minute ^ (1ULL << 63));
	return n + 9;
}

size_t
equipment_key_point(char *buf, const char *station, const char *name, int64_t time_us,
    uint32_t seq)
{
	size_t n = prefix(buf, station, name, 13);
	if (n == 0)
		return 0;
	buf[n] = 'p';
	put_be64((unsigned char *)buf + n + 1, (uint64_t)time_us ^ (1ULL << 63));
	put_be32((unsigned char *)buf + n + 9, seq);
	return n + 13;
}
