/*
 * mqtt.h — what the equipment tests and the benchmark need around MQTT: a
 * real mosquitto broker on a free loopback port (its own directory and
 * configuration, bound to 127.0.0.1 only, killed with the test), a
 * yoke-bridge process enrolled with yoked like any device, and a
 * publisher (libmosquitto) for JSON and Sparkplug B payloads.
 */
#ifndef YOKE_TEST_MQTT_H
#define YOKE_TEST_MQTT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "tests/lib/harness.h"

struct broker {
	char dir[256];
	int port;
	pid_t pid;
};

/* Starts mosquitto on a free loopback port; false (why on stderr) when it
 * would not start. */
bool mqtt_broker_start(struct broker *b);
void mqtt_broker_stop(struct broker *b);

struct bridge {
	char log[300];
	pid_t pid;
};
/*
 * Enrols `terminal` with y for `stations` ("*", "REFLOW-1 REFLOW-2") and
 * starts $YOKE_BIN/yoke-bridge with its certificate, the broker and more
 * arguments (NULL-terminated, may be NULL); waits until its subscriptions
 * are acknowledged. Its log goes to y's directory.
 */
bool mqtt_bridge_start(struct bridge *br, const struct yoked *y, const struct broker *b,
    const char *terminal, const char *stations, const char *const *extra);
/* SIGTERM and wait: its exit status (-1 when it had to be killed). */
int mqtt_bridge_stop(struct bridge *br);
/* The bridge's log so far (malloc'd). */
char *mqtt_bridge_log(const struct bridge *br);

struct mqtt_pub;
/* A publisher connected to the broker (NULL when it cannot connect). */
struct mqtt_pub *mqtt_pub_new(const struct broker *b);
/* Publishes at QoS 1 and waits until the broker acknowledged it (false
 * after 5 s). */
bool mqtt_pub(struct mqtt_pub *p, const char *topic, const void *payload, size_t len);
/* Publishes without waiting (QoS 0): for a flood. */
bool mqtt_pub_fast(struct mqtt_pub *p, const char *topic, const void *payload, size_t len);
void mqtt_pub_free(struct mqtt_pub *p);

#endif
