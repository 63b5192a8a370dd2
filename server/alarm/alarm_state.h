/*
 * alarm_state.h — what the acknowledging and resolving handlers share:
 * the check of the cause and the action, and the refusal of an alarm in
 * a state that does not take the request, saying the state (who, when).
 */
#ifndef YOKE_ALARM_STATE_H
#define YOKE_ALARM_STATE_H

#include "server/server.h"

/* Both required, 1-500 bytes of text each: else BAD_REQUEST. */
enum outcome alarm_ack_fields(struct ctx *c, const char *cause, const char *action);
/* ALARM_ACKNOWLEDGED or ALARM_RESOLVED, naming the signer and the time. */
enum outcome alarm_state_refused(struct ctx *c, const Yoke__Alarm *a);

#endif
