/*
 * gate.h — the pre-start gate at the yoke terminal (server/gate/gate.h):
 *
 *   a measure or check step with a gauge kind -> the prompt asks for the
 *       gauge's id first; the scan is checked by the server at once
 *       (GaugeCheck): refused, its words are shown and the id asked again;
 *       accepted, the value or verdict is asked and sent with the gauge id.
 *       The gauge stays taken for that unit's step (a reading again uses
 *       it); a step refused for the gauge asks for it again.
 *   a first-article step -> the prompt says why it is asked (per work
 *       order, per shift, after a setup change).
 *   badge-in -> a qualification that expires soon is told after the welcome.
 */
#ifndef YOKE_TERMINAL_GATE_H
#define YOKE_TERMINAL_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/yoke.pb-c.h"

struct station_view;
struct station_request;

struct gate_state {
	char gauge[64];            /* accepted for serial's step `step` */
	char serial[128];
	uint32_t step;
	char scanned[64];          /* in flight: the id being checked */
};

/* The current step needs a gauge and none was accepted for it yet. */
bool gate_wants_gauge(const struct station_view *sv, const Yoke__StepView *st);
/* The line is the gauge's id: the GaugeCheck to send (true), or why not. */
bool gate_gauge_line(struct station_view *sv, const Yoke__StepView *st, const char *line,
    struct station_request *r);
/* The answer to the GaugeCheck. */
void gate_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* Puts the accepted gauge into a StepRecord for the current step. */
void gate_step_gauge(struct station_view *sv, struct station_request *r);
/* A refusal: one about the gauge forgets it, so it is asked again. */
void gate_on_refused(struct station_view *sv, const Yoke__Reply *rp);
/* The prompt for a gauge scan or a first-article step; false: none of these. */
bool gate_prompt(const struct station_view *sv, const Yoke__StepView *st, char *buf, size_t size);
/* After the welcome at badge-in: the qualification warning, when there is one. */
void gate_badge_in(struct station_view *sv, const Yoke__BadgeInReply *b);

#endif
