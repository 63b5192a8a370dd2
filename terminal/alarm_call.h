/*
 * alarm_call.h — alarms at the station terminal (server/alarm/alarm.h):
 * the operator's call for help (the andon key), the banner that says an
 * alarm is raised at this station, and the stopped screen. Logic only,
 * driven by the station model (station.h); alarm_draw.c draws it.
 *
 *   F8, or the scan @ANDON  -> ANDON_TEXT: what is wrong (Enter: no words)
 *                           -> ANDON_STOP: @STOP (or Y) stops the station
 *                              until a lead acknowledges; Enter (or N) calls
 *                              without stopping -> AndonCall
 *   the scan @STOP          -> ANDON_TEXT -> AndonCall that stops
 *   @BACK drops the question; nothing was sent.
 *
 * The call names the unit open here (when it is in work), so the unit's
 * history shows the alarm. The words @ANDON and @STOP are read here, not
 * in the command table (shared/station_commands.h), whose printed sheet
 * holds one page of codes.
 *
 * The station's open alarms (AlarmQuery station, open) are read on every
 * notice "alarm/<station>" (the terminal subscribes to it), after a call,
 * and when the server refuses STATION_STOPPED (so a terminal badged in at
 * a station stopped before shows the stopped screen at its first scan,
 * with the refusal naming the alarm; badge-in asks nothing more). While
 * a raised alarm stops the station, the queue and the unit give way to the
 * stopped screen: which alarm, who called and why, that a lead must come
 * and acknowledge it. It stays until the acknowledgement's notice; then
 * the screen says who acknowledged it and the work goes on.
 */
#ifndef YOKE_TERMINAL_ALARM_CALL_H
#define YOKE_TERMINAL_ALARM_CALL_H

#include "proto/yoke.pb-c.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ALARM_CALL_TEXT 301    /* bytes of the operator's words, NUL included (the server's limit) */

struct station_view;
struct station_request;
struct station_hint;

struct alarm_station {
	char topic[96];            /* "alarm/<station>" */
	Yoke__AlarmReply *open;    /* owned copy of the station's open alarms, or NULL */
	bool want;                 /* read them when the client is free */
	bool calling;              /* the request in flight is a call (else a query) */
	bool stop;                 /* the call being asked stops the station */
	char text[ALARM_CALL_TEXT];
	uint64_t stopped_by;       /* the alarm that stops the station, as last read; 0 none */
};

/* Sets the alarm requests of r to their empty values (station_request_init). */
void alarm_request_init(struct station_request *r);
/* Starts after badge-in: forgets what another person's session read, and
 * reads the alarms at once when badge-in said the station is stopped. */
void alarm_station_start(struct station_view *sv, uint64_t stopped_by);
/* Forgets them (badge-out, session over). */
void alarm_station_stop(struct station_view *sv);
/* "alarm/<station>", for the loop to subscribe to. */
const char *alarm_station_topic(struct station_view *sv);
/* A notice: true when it was this station's alarm topic (taken). */
bool alarm_station_notice(struct station_view *sv, const Yoke__Notice *n);
/* A reply of any request: STATION_STOPPED makes the alarms read again. */
void alarm_station_seen(struct station_view *sv, const Yoke__Reply *rp);
/* @ANDON, @STOP: starts the question and returns true; false for other lines. */
bool alarm_call_command(struct station_view *sv, const char *line);
/* F8 at the queue or a unit: starts the call. */
bool alarm_call_key(struct station_view *sv);
/* A line while ANDON_TEXT or ANDON_STOP is asked: true when r holds the call. */
bool alarm_call_answer(struct station_view *sv, const char *line, struct station_request *r);
/* The query owed, when the client is free: true when r holds it. */
bool alarm_station_next_request(struct station_view *sv, struct station_request *r);
/* The answer to a call or a query (STATION_PENDING_ALARM). */
void alarm_station_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* The "→" line while the station is stopped. */
void alarm_stopped_prompt(const struct station_view *sv, char *buf, size_t size);
/* The prompt of the question. */
void alarm_call_prompt(const struct station_view *sv, char *buf, size_t size);
/* The alarm that stops the station (as last read), or NULL. */
const Yoke__Alarm *alarm_station_stopper(const struct station_view *sv);
/* The newest raised alarm at the station, or NULL. */
const Yoke__Alarm *alarm_station_raised(const struct station_view *sv);
/* Draws the stopped screen in rows [top, bottom) (alarm_draw.c). */
void alarm_draw_stopped(const struct station_view *sv, int top, int bottom, int cols);
/* Draws the banner of a raised alarm on row y; false (nothing drawn) when none. */
bool alarm_draw_banner(const struct station_view *sv, int y, int cols);

#endif
