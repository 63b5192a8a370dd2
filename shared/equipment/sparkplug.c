/*
 * sparkplug.c — Sparkplug B DDATA messages (payload.h): the topic, and the
 * payload decoded by protobuf-c with proto/sparkplug_b.proto, metric by
 * metric into readings.
 */
#include "shared/equipment/payload.h"
#include "proto/sparkplug_b.pb-c.h"

#include <math.h>
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
		double v;
		if (m->name && strcmp(m->name, "serial") == 0)
			continue;
		if (m->name == NULL || m->name[0] == '\0' || strlen(m->name) >= sizeof r->metric ||
		    strlen(device) >= sizeof r->device || !metric_number(m, &v) ||
		    ms > 4000000000000ULL) {
			(*skipped)++;
			continue;
		}
		memset(r, 0, sizeof *r);
		strcpy(r->device, device);
		strcpy(r->metric, m->name);
		strcpy(r->serial, serial);
		r->value = v;
		r->time_us = (int64_t)ms * 1000;
		n++;
	}
	spb__payload__free_unpacked(pl, NULL);
	return n;
}
