/*
 * setup.h — the station's material setup at the yoke terminal (feeder
 * verification, server/material/setup.h): which lot is loaded for each
 * part that this station's steps take from the setup, loading a reel, and
 * the steps that take it. Logic only, driven by the station model
 * (station.h); setup_draw.c draws its line.
 *
 *   the first unit opened since badge-in that has from=setup steps,
 *   @SETUP the first time since badge-in, a from-setup step refused
 *                      -> SetupQuery for this station (a load's answer
 *                         carries the setup too), so its line stays true;
 *                         a station whose units take nothing from a setup
 *                         sends no request more than before
 *   @SETUP             -> the question SETUP: each scanned reel label
 *                         (PART/LOT) is a SetupLoad; the answer says what
 *                         was loaded (or the reel change), or the server's
 *                         refusal in its words; the question stays for the
 *                         next reel. Enter or @BACK ends it.
 *   a from=setup step  -> "From the setup: IC-555 lot L-000001 — Enter to
 *                         take it"; Enter (or @OK) sends StepRecord.confirm:
 *                         the operator confirms it, it is never taken
 *                         without a key, so a unit never leaves the step on
 *                         a lot nobody saw. A scan there is refused here
 *                         (the lot comes from the setup).
 *
 * The setup line (row 2 of the queue and unit screens) lists each part
 * with its lot, a part with nothing loaded or a lot not usable now marked.
 */
#ifndef YOKE_TERMINAL_SETUP_H
#define YOKE_TERMINAL_SETUP_H

#include "proto/yoke.pb-c.h"

#include <stdbool.h>
#include <stddef.h>

struct station_view;
struct station_request;

struct setup_state {
	Yoke__SetupReply *now;     /* owned copy of the last answer, or NULL */
	bool asked;                /* the server answered once since badge-in */
	bool want;                 /* read it when the client is free */
	bool loaded_sent;          /* the request in flight is a load (else a query) */
};

/* Forgets the setup (badge-out, session over). */
void setup_stop(struct station_view *sv);
/* Reads the setup soon when the open unit takes from it and it was not
 * read since badge-in. */
void setup_refresh(struct station_view *sv);
/* Reads it again soon: the server refused a from-setup step (the lot may
 * have been blocked since, or another terminal unloaded it). */
void setup_stale(struct station_view *sv);
/* Whether steps at this station take parts from a setup (as last read). */
bool setup_used(const struct station_view *sv);
/* @SETUP: starts the question (returns false: nothing to send yet). */
bool setup_command(struct station_view *sv);
/* A line while the question SETUP is asked: true when r holds a SetupLoad. */
bool setup_answer(struct station_view *sv, const char *line, struct station_request *r);
/* The query owed, when the client is free: true when r holds it. */
bool setup_next_request(struct station_view *sv, struct station_request *r);
/* The answer to a SetupLoad or SetupQuery. */
void setup_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* The lot loaded here for part, or NULL. */
const Yoke__SetupEntry *setup_loaded(const struct station_view *sv, const char *part);
/* The prompt of the question SETUP. */
void setup_ask_prompt(const struct station_view *sv, char *buf, size_t size);
/* The prompt of a from=setup step: the lot it takes, or that none is loaded. */
void setup_step_prompt(const struct station_view *sv, const Yoke__StepView *st, char *buf,
    size_t size);
/* "IC-555 from the setup" for the step list. */
void setup_step_summary(const Yoke__StepView *st, char *buf, size_t size);
/* Draws the setup line on row y (setup_draw.c); nothing when unused. */
void setup_draw(const struct station_view *sv, int y, int cols);

#endif
