/*
 * alarm_text.h — an alarm's words, the same on the server, the station
 * terminal and yokectl: its number ("ALM-000012") read back from what a
 * person typed, and the names of its state, source and severity.
 *
 * The names are English message ids (N_()); the caller translates them
 * with _() where they are shown, in the reader's language.
 */
#ifndef YOKE_ALARM_TEXT_H
#define YOKE_ALARM_TEXT_H

#include "proto/yoke.pb-c.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ALARM_NUMBER_MAX 24     /* longest number text accepted: "ALM-" and up to 12 digits, with room */

/*
 * Reads an alarm number: "ALM-000012", "alm-12" or plain "12" (1 to 12
 * digits, not 0). False for anything else (empty, a sign, a space, other
 * letters, a number too long).
 */
bool alarm_number_parse(const char *s, uint64_t *id);
/* "ALM-000012" into buf. */
void alarm_number_text(char *buf, size_t size, uint64_t id);
/* "raised", "acknowledged", "resolved" (N_(); "?" for an unknown value). */
const char *alarm_state_name(Yoke__AlarmState s);
/* "SPC rule", "drift", "equipment", "call for help", "pre-start gate". */
const char *alarm_source_name(Yoke__AlarmSource s);
/* "warning", "violation". */
const char *alarm_severity_name(Yoke__AlarmSeverity s);
/* A state word as typed on a command line ("raised", "acknowledged",
 * "ack", "resolved", "open" gives 0 with *open set): false when unknown. */
bool alarm_state_parse(const char *s, Yoke__AlarmState *st, bool *open);
/* Whether the alarm still needs someone: raised or acknowledged. */
bool alarm_is_open(const Yoke__Alarm *a);

#endif
