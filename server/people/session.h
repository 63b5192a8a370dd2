/*
 * session.h — who is badged in where.
 *
 * A session lives in its terminal's record (TerminalRecord.session), so it
 * belongs to the terminal that created it, is rewritten (with its idle
 * clock) by every request that terminal sends, and survives a restart. A
 * badge has at most one station session: the presence table maps it to the
 * terminal where it is. A yokectl sign-in (no station) is a desk session
 * and does not count as a place.
 *
 * Session states and the function that moves them:
 *
 *   none --req_badge_in--> open (token handed to the client)
 *   open --req_badge_out--> none
 *   open --req_badge_in of another badge at this terminal--> none (replaced)
 *   open --req_badge_in of this badge at another terminal (session_take_badge)
 *        --> none, ended = "badged in at <station> (<terminal>) at <time>",
 *        and a notice on topic "terminal/<id>" so its screen says so at once
 *   open --idle longer than --session-idle (checked by dispatch.c at each
 *        request, cleared by session_sweep)--> none, ended = "it expired
 *        after <span> without work" (English: the sweep speaks for nobody)
 *
 * The texts stored (ended, the SESSION_ENDED events) are in the words of
 * the request that wrote them (i18n.h), like a note on paper; the sweep
 * writes English.
 *
 * Invariant: presence[badge] = T exactly when T's record holds a station
 * session of that badge (the sweep repairs a presence entry left behind).
 */
#ifndef YOKE_SESSION_H
#define YOKE_SESSION_H

#include "server/server.h"

/*
 * Before `badge` opens a station session at ctx's terminal: ends its session
 * at any other terminal (telling that terminal where it went) and ends the
 * session of another badge at this terminal. Then records the presence.
 */
int session_take_badge(struct ctx *c, const Yoke__Operator *op, const char *station);
/* At badge-out: drops the presence of the session's badge at this terminal. */
int session_leave(struct ctx *c);

/* "60 minutes", for messages, in the current language. */
void session_idle_text(const struct server *srv, char *buf, size_t size);
/*
 * Why this terminal's session ended (TerminalRecord.ended), for the person
 * who reads it now: the reason the sweep writes (in English, as nobody
 * asked) is said again in the current language; any other reason is the
 * words of the badge-in that ended it, as written.
 */
const char *session_ended_text(struct ctx *c, const char *ended);
/* How often the loop sweeps: once a minute, or every half idle time when
 * that is shorter. */
int session_sweep_ms(const struct server *srv);

/* Once a minute, in a write transaction of its own: ends idle sessions,
 * drops the records of terminals no longer enrolled (plain mode: silent for
 * longer than the retention) and repairs presence entries. */
void session_sweep(struct server *srv, struct arena *a);

#endif
