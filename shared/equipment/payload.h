/*
 * payload.h — what equipment publishes over MQTT, read: the topic names and
 * the payloads of the two layouts yoke-bridge subscribes to
 * (docs/equipment.md). Pure code: no sockets, no MQTT library; every input
 * is hostile, so every reader checks sizes and types and says what was
 * expected in err (English: the bridge logs it).
 *
 * Plain JSON layout:
 *   topic    <root>/<station>/<parameter>          (root "yoke" by default)
 *   payload  {"value":245.3,"unit":"C","serial":"WO-1-0001","ts":"2026-11-26T10:00:00Z"}
 *            value required (a JSON number); unit, serial, ts optional; ts
 *            an RFC 3339 time (Z or an offset; fractions of a second kept to
 *            the microsecond) or a number of seconds since the epoch; other
 *            keys ignored. A bare JSON number is a value alone.
 *
 * Sparkplug B:
 *   topic    spBv1.0/<group>/DDATA/<edge node>/<device>
 *   payload  a Sparkplug B Payload (proto/sparkplug_b.proto): each metric
 *            with a name and a numeric or boolean value is a reading of
 *            device "group/node/device" and that metric; a String metric
 *            named "serial" gives the serial of the others.
 */
#ifndef YOKE_EQUIPMENT_PAYLOAD_H
#define YOKE_EQUIPMENT_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAYLOAD_JSON_MAX 4096         /* bytes of one JSON payload */
#define PAYLOAD_SPARKPLUG_MAX 262144  /* bytes of one Sparkplug payload */
#define PAYLOAD_METRICS_MAX 1000      /* readings taken from one Sparkplug payload */

struct reading {
	char station[41], parameter[41];     /* the JSON layout */
	char device[121], metric[121];       /* Sparkplug B */
	char unit[17], serial[65];
	char program[65];                    /* parameter "program": what the equipment runs */
	double value;
	int64_t time_us;                     /* 0: not given (the bridge stamps its own) */
};

/* <root>/<station>/<parameter>: fills r's station and parameter. */
bool payload_topic(const char *root, const char *topic, struct reading *r, char *err, size_t errsz);
/* A JSON payload of that topic: fills value, unit, serial, time_us. */
bool payload_json(const char *buf, size_t len, struct reading *r, char *err, size_t errsz);
/* An RFC 3339 UTC time or offset time to microseconds since the epoch. */
bool payload_time(const char *s, int64_t *us);

/* spBv1.0/<group>/DDATA/<node>/<device>: device "group/node/device". False
 * for another message type (NBIRTH, DBIRTH, NDATA, ...: not an error, *err
 * stays "") or a wrong topic (err says what). */
bool sparkplug_topic(const char *topic, char *device, size_t dsize, char *err, size_t errsz);
/* The readings of a DDATA payload into out (at most max): their number, or
 * -1 with err. Metrics without a name, null or of other types are skipped
 * and counted in *skipped. */
int sparkplug_payload(const void *buf, size_t len, const char *device, struct reading *out,
    int max, int *skipped, char *err, size_t errsz);

/*
 * Aliases. An edge node may send a metric by alias only, once its birth
 * certificate (DBIRTH) named it: the DBIRTH's metrics carry name and
 * alias, a DDATA's the alias alone. The bridge learns the names of each
 * device's aliases from its DBIRTH (a rebirth replaces them) in a table of
 * bounded size: when it is full, further aliases are not learnt and their
 * values are skipped, as before a birth. One thread uses a table.
 */
struct spb_aliases;
struct spb_aliases *spb_aliases_new(size_t capacity);
void spb_aliases_free(struct spb_aliases *al);
/* The name of the device's alias, or NULL. */
const char *spb_alias_name(const struct spb_aliases *al, const char *device, uint64_t alias);
/* A DBIRTH topic: its device as sparkplug_topic names it. */
bool sparkplug_birth_topic(const char *topic, char *device, size_t dsize);
/* Learns the named, aliased metrics of a DBIRTH payload: how many, or -1
 * with err set when it is not a Sparkplug payload. *full: some were not
 * learnt for want of room. */
int sparkplug_birth(struct spb_aliases *al, const void *buf, size_t len, const char *device,
    bool *full, char *err, size_t errsz);
/* sparkplug_payload, a metric sent by alias named from al (NULL: none). */
int sparkplug_payload_named(const void *buf, size_t len, const char *device,
    const struct spb_aliases *al, struct reading *out, int max, int *skipped, char *err,
    size_t errsz);

#endif
