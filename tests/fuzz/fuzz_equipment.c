/*
 * fuzz_equipment.c — libFuzzer target for what equipment publishes over
 * MQTT (shared/equipment/payload.h): any bytes as a JSON payload, as a
 * topic of either layout and as a Sparkplug B payload must be read or
 * refused with a reason, never crash; what is read must hold: a finite
 * value, names within their sizes, readings no more than asked for.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shared/equipment/payload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct reading r[8];
	char err[300], topic[512], dev[121];
	int skipped, n;

	memset(&r[0], 0, sizeof r[0]);
	err[0] = '\0';
	if (payload_json((const char *)data, size, &r[0], err, sizeof err)) {
		if (!isfinite(r[0].value) || strlen(r[0].serial) >= sizeof r[0].serial ||
		    strlen(r[0].unit) >= sizeof r[0].unit)
			abort();
	} else if (err[0] == '\0') {
		abort();                      /* refused without a reason */
	}
	if (size < sizeof topic) {
		memcpy(topic, data, size);
		topic[size] = '\0';
		if (payload_topic("yoke", topic, &r[0], err, sizeof err) &&
		    (strlen(r[0].station) == 0 || strlen(r[0].parameter) == 0 ||
		    strchr(r[0].station, '/') || strchr(r[0].parameter, '/')))
			abort();
		if (sparkplug_topic(topic, dev, sizeof dev, err, sizeof err) && strlen(dev) < 5)
			abort();
	}
	/* A birth teaches a small table (full soon), then data is read by it. */
	static struct spb_aliases *al;
	bool full;
	if (al == NULL && (al = spb_aliases_new(64)) == NULL)
		abort();
	if (sparkplug_birth(al, data, size, "G/N/D", &full, err, sizeof err) < -1)
		abort();
	if (size < sizeof topic && sparkplug_birth_topic(topic, dev, sizeof dev) && strlen(dev) < 5)
		abort();
	n = sparkplug_payload_named(data, size, "G/N/D", al, r, 8, &skipped, err, sizeof err);
	if (n > 8 || n < -1)
		abort();
	for (int i = 0; i < n; i++)
		if (!isfinite(r[i].value) || r[i].metric[0] == '\0')
			abort();
	return 0;
}
