/*
 * sparkplug.c — Sparkplug B DDATA messages (payload.h): the topic, and the
 * payload decoded by protobuf-c with proto/sparkplug_b.proto, metric by
 * metric into readings; and the names of aliased metrics, learnt from
 * each device's DBIRTH.
 */
#include "shared/equipment/payload.h"
#include "proto/sparkplug_b.pb-c.h"

#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool say(char *err, size_t errsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool
say(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return false;
}

static bool
level_ok(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '/' || c == '"' || c == '+' || c == '#')
			return false;
	}
	return true;
}

bool
sparkplug_topic(const char *topic, char *device, size_t dsize, char *err, size_t errsz)
{
	const char *lv[6];
	size_t ll[6];
	int n = 0;
	const char *p = topic;

	err[0] = '\0';
	while (n < 6) {
		const char *slash = strchr(p, '/');
		lv[n] = p;
		ll[n++] = slash ? (size_t)(slash - p) : strlen(p);
		if (!slash)
			break;
		p = slash + 1;
	}
	if (n < 3 || ll[0] != 7 || memcmp(lv[0], "spBv1.0", 7) != 0)
		return say(err, errsz, "topic \"%.80s\": expected spBv1.0/GROUP/DDATA/NODE/DEVICE", topic);
	if (ll[2] != 5 || memcmp(lv[2], "DDATA", 5) != 0)
		return false;    /* NBIRTH, DBIRTH, NDATA, STATE...: not values of a device */
	if (n != 5 || !level_ok(lv[1], ll[1]) || !level_ok(lv[3], ll[3]) || !level_ok(lv[4], ll[4]) ||
	    ll[1] + ll[3] + ll[4] + 3 > dsize)
		return say(err, errsz, "topic \"%.80s\": expected spBv1.0/GROUP/DDATA/NODE/DEVICE, "
		    "each a name of printable ASCII", topic);
	snprintf(device, dsize, "%.*s/%.*s/%.*s", (int)ll[1], lv[1], (int)ll[3], lv[3], (int)ll[4],
	    lv[4]);
	return true;
}

/* A metric's value as a number: false for null, strings and other types. */
static bool
metric_number(const Spb__Metric *m, double *v)
{
	if (m->has_is_null && m->is_null)
		return false;
	switch (m->value_case) {
	case SPB__METRIC__VALUE_INT_VALUE:
		/* Int8/16/32 are two's complement in the 32 bits; the unsigned ones not. */
		if (m->datatype == SPB__DATA_TYPE__Int8 || m->datatype == SPB__DATA_TYPE__Int16 ||
		    m->datatype == SPB__DATA_TYPE__Int32)
			*v = (double)(int32_t)m->int_value;
		else
			*v = (double)m->int_value;
		return true;
	case SPB__METRIC__VALUE_LONG_VALUE:
		if (m->datatype == SPB__DATA_TYPE__DateTime)
			return false;
		*v = m->datatype == SPB__DATA_TYPE__Int64 ? (double)(int64_t)m->long_value :
		    (double)m->long_value;
		return true;
	case SPB__METRIC__VALUE_FLOAT_VALUE:
		*v = m->float_value;
		return isfinite(*v);
	case SPB__METRIC__VALUE_DOUBLE_VALUE:
		*v = m->double_value;
		return isfinite(*v);
	case SPB__METRIC__VALUE_BOOLEAN_VALUE:
		*v = m->boolean_value ? 1 : 0;
		return true;
	default:
		return false;
	}
}

int
sparkplug_payload(const void *buf, size_t len, const char *device, struct reading *out, int max,
    int *skipped, char *err, size_t errsz)
{
	return sparkplug_payload_named(buf, len, device, NULL, out, max, skipped, err, errsz);
}

int
sparkplug_payload_named(const void *buf, size_t len, const char *device,
    const struct spb_aliases *al, struct reading *out, int max, int *skipped, char *err,
    size_t errsz)
{
	Spb__Payload *pl;
	const char *serial = "";
	int n = 0;

	*skipped = 0;
	if (len > PAYLOAD_SPARKPLUG_MAX) {
		say(err, errsz, "Sparkplug payload of %zu bytes; at most %d are read", len,
		    PAYLOAD_SPARKPLUG_MAX);
		return -1;
	}
	if ((pl = spb__payload__unpack(NULL, len, buf)) == NULL) {
		say(err, errsz, "not a Sparkplug B payload (protobuf)");
		return -1;
	}
	for (size_t i = 0; i < pl->n_metrics; i++) {
		const Spb__Metric *m = pl->metrics[i];
		if (m->name && strcmp(m->name, "serial") == 0 &&
		    m->value_case == SPB__METRIC__VALUE_STRING_VALUE)
			serial = m->string_value;
	}
	if (strlen(serial) >= sizeof out->serial || strpbrk(serial, " /\"\t") != NULL)
		serial = "";
	for (size_t i = 0; i < pl->n_metrics && n < max; i++) {
		const Spb__Metric *m = pl->metrics[i];
		struct reading *r = &out[n];
		uint64_t ms = m->has_timestamp ? m->timestamp : pl->has_timestamp ? pl->timestamp : 0;
		const char *name = m->name;
		double v;
		if (name && strcmp(name, "serial") == 0)
			continue;
		if ((name == NULL || name[0] == '\0') && m->has_alias && al)
			name = spb_alias_name(al, device, m->alias);
		if (name == NULL || name[0] == '\0' || strlen(name) >= sizeof r->metric ||
		    strlen(device) >= sizeof r->device || !metric_number(m, &v) ||
		    ms > 4000000000000ULL) {
			(*skipped)++;
			continue;
		}
		memset(r, 0, sizeof *r);
		strcpy(r->device, device);
		strcpy(r->metric, name);
		strcpy(r->serial, serial);
		r->value = v;
		r->time_us = (int64_t)ms * 1000;
		n++;
	}
	spb__payload__free_unpacked(pl, NULL);
	return n;
}

/* ---- aliases ------------------------------------------------------------ */

struct spb_alias {
	uint64_t alias;
	bool used;
	char device[121], name[121];
};

struct spb_aliases {
	size_t cap, n;              /* cap a power of two; n used, at most cap / 2 */
	struct spb_alias *e;
};

struct spb_aliases *
spb_aliases_new(size_t capacity)
{
	struct spb_aliases *al = calloc(1, sizeof *al);
	size_t cap = 16;
	while (cap < capacity * 2 && cap < ((size_t)1 << 24))
		cap <<= 1;
	if (al == NULL || (al->e = calloc(cap, sizeof *al->e)) == NULL) {
		free(al);
		return NULL;
	}
	al->cap = cap;
	return al;
}

void
spb_aliases_free(struct spb_aliases *al)
{
	if (al) {
		free(al->e);
		free(al);
	}
}

/* FNV-1a over the device and the alias. */
static size_t
slot_of(const struct spb_aliases *al, const char *device, uint64_t alias)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)device; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	for (int i = 0; i < 8; i++)
		h = (h ^ ((alias >> (8 * i)) & 0xff)) * 1099511628211ULL;
	return (size_t)h & (al->cap - 1);
}

/* The entry of device + alias, or the free slot where it goes (the table
 * is never more than half full, so there is always one). */
static struct spb_alias *
find(const struct spb_aliases *al, const char *device, uint64_t alias)
{
	size_t i = slot_of(al, device, alias);
	for (;;) {
		struct spb_alias *e = &al->e[i];
		if (!e->used || (e->alias == alias && strcmp(e->device, device) == 0))
			return e;
		i = (i + 1) & (al->cap - 1);
	}
}

const char *
spb_alias_name(const struct spb_aliases *al, const char *device, uint64_t alias)
{
	const struct spb_alias *e = find(al, device, alias);
	return e->used ? e->name : NULL;
}

bool
sparkplug_birth_topic(const char *topic, char *device, size_t dsize)
{
	char g[121], node[121], dev[121], type[8];
	int n = 0;
	/* spBv1.0/GROUP/DBIRTH/NODE/DEVICE, each level as sparkplug_topic wants it */
	if (sscanf(topic, "spBv1.0/%120[^/]/%7[^/]/%120[^/]/%120[^/]%n", g, type, node, dev, &n) != 4 ||
	    n == 0 || topic[n] != '\0' || strcmp(type, "DBIRTH") != 0 ||
	    !level_ok(g, strlen(g)) || !level_ok(node, strlen(node)) || !level_ok(dev, strlen(dev)) ||
	    strlen(g) + strlen(node) + strlen(dev) + 3 > dsize)
		return false;
	snprintf(device, dsize, "%s/%s/%s", g, node, dev);
	return true;
}

int
sparkplug_birth(struct spb_aliases *al, const void *buf, size_t len, const char *device,
    bool *full, char *err, size_t errsz)
{
	Spb__Payload *pl;
	int n = 0;

	*full = false;
	if (len > PAYLOAD_SPARKPLUG_MAX) {
		say(err, errsz, "Sparkplug payload of %zu bytes; at most %d are read", len,
		    PAYLOAD_SPARKPLUG_MAX);
		return -1;
	}
	if ((pl = spb__payload__unpack(NULL, len, buf)) == NULL) {
		say(err, errsz, "not a Sparkplug B payload (protobuf)");
		return -1;
	}
	for (size_t i = 0; i < pl->n_metrics; i++) {
		const Spb__Metric *m = pl->metrics[i];
		struct spb_alias *e;
		if (!m->has_alias || m->name == NULL || m->name[0] == '\0' ||
		    strlen(m->name) >= sizeof e->name || strlen(device) >= sizeof e->device)
			continue;
		e = find(al, device, m->alias);
		if (!e->used) {
			if ((al->n + 1) * 2 > al->cap) {
				*full = true;
				continue;
			}
			e->used = true;
			e->alias = m->alias;
			strcpy(e->device, device);
			al->n++;
		}
		strcpy(e->name, m->name);      /* a rebirth may rename */
		n++;
	}
	spb__payload__free_unpacked(pl, NULL);
	return n;
}
