/*
 * capa.h — corrective and preventive actions: fix the cause of a defect
 * and prove from the records that it no longer recurs.
 *
 * CAPA states and the function that moves each, one step at a time; every
 * step but the proposal is signed (badge + PIN) and every step appends an
 * EVENT_CAPA to the log (not to a unit's history; Event.detail is the
 * CAPA's number):
 *
 *   (an NCR opens, a capa_trigger is reached) --capa_consider--> PROPOSED
 *   (one or more NCRs) --req_capa_open--> OPEN          lead, inspector, engineer
 *   PROPOSED --req_capa_open--> OPEN                    lead, inspector, engineer
 *   OPEN --req_capa_update--> CONTAINED                 containment; the same
 *   CONTAINED --req_capa_update--> ROOT_CAUSE           a 6M category and 1-5 whys; the same
 *   ROOT_CAUSE --req_capa_update--> ACTION              action, owner (a badge), due date; the same
 *   ACTION --req_capa_update--> IMPLEMENTED             the owner, whatever their role
 *   IMPLEMENTED --req_capa_update--> VERIFIED           an inspector or an engineer who is
 *                                                       not the implementer
 *   VERIFIED --req_capa_update--> EFFECTIVE             the data show it (below); lead,
 *                                                       inspector, engineer
 *   EFFECTIVE --req_capa_update--> CLOSED               lead, inspector, engineer
 *
 * Scope: a CAPA is about one defect code, either at one station (Capa.station)
 * or on one product (Capa.product) at the operations of its NCRs, never
 * both. A CAPA opened from NCRs takes their code (they must share one) and
 * their station when they share one, else their product (they must share
 * one of the two).
 *
 * Effectiveness (capa_effectiveness): over the before window (default the
 * 30 days up to the opening) and the after window (default from the
 * implementation to now), units = completions and failures of an operation
 * in scope (EVENT_OP_COMPLETED and EVENT_FAILED at the station, or of the
 * product at one of the NCRs' operations; a unit reworked and done again
 * counts again), defects = NCRs with the code in scope opened in the
 * window. Effective when the rate after is lower than before and at least
 * 30 units were made after (shared/quality/capa_rule.h); otherwise
 * NOT_EFFECTIVE with the numbers, and the CAPA stays VERIFIED. The units
 * are counted by walking the event log: the window's first event is found
 * by binary search on time (the log is in time order as it is in seq
 * order, as long as the server's clock does not step back), the walk stops
 * at the window's end and at CAPA_WALK_MAX events, beyond which the check
 * is refused (shorter windows). Defects walk the NCR table newest first to
 * the window's start (NCR numbers grow with time too).
 *
 * Overdue (capa_overdue_now): a due date whose whole day has passed while
 * the CAPA is not yet IMPLEMENTED (filled in Capa.overdue in replies, never
 * stored).
 *
 * Invariants: signatures[k] is the signature that moved the CAPA to state
 * OPEN + k (a proposal is unsigned), so the implementation's time is
 * signatures[IMPLEMENTED - OPEN]. implemented_by is the owner's badge. The
 * proposer makes no CAPA for a code and scope while another one for them is
 * PROPOSED to EFFECTIVE: a defect that keeps recurring while its CAPA is
 * worked on proposes nothing more. (People may open a second one by hand.)
 *
 * The proposal (capa_consider), called at the end of ncr_open: for the
 * NCR's code and for "*", per=station and per=part, the trigger is looked
 * up by key (four gets; an NCR without a code or without a trigger costs
 * nothing more). For a trigger, the log is walked back from the NCR's own
 * event, counting the units in scope and the NCRs with the code in scope
 * (EVENT_NCR_OPENED); it proposes when it has counted `count` NCRs before
 * it has counted `within` units: the count-th NCR back failed among the
 * last `within` units of the scope. The walk stops at whichever comes
 * first, and at CAPA_PROPOSE_WALK_MAX events (logged; nothing proposed).
 * Only when the count is reached is the CAPA table read, to find one
 * already active. So an NCR with a trigger costs a backward walk over the
 * events since the count-th NCR back or since `within` units back in
 * scope, whichever is nearer: about 60 ns an event at a station (an event
 * elsewhere is ruled out by its bytes) and 100-130 ns for a part (each
 * event's fields are read; capa_scope.h), so at most about 30 ms (station)
 * or 65 ms (part) at the cap. In a plant of 200 stations with some 5 events
 * a unit an operation, within=50 at one station walks about 50 000 events,
 * some 3 ms. An NCR without a code or without a trigger costs the four
 * gets. The effectiveness check walks its two windows the same way, up to
 * CAPA_WALK_MAX events each (about 0.1-0.25 s at the cap).
 */
#ifndef YOKE_CAPA_H
#define YOKE_CAPA_H

#include "server/server.h"

#define CAPA_NCRS_MAX 50             /* NCRs named by one CAPA */
#define CAPA_WHYS_MAX 5
#define CAPA_TEXT_MAX 1000           /* containment, action, each why: bytes */
#define CAPA_TITLE_MAX 200
#define CAPA_WALK_MAX 2000000        /* events one effectiveness window may walk */
#define CAPA_PROPOSE_WALK_MAX 500000 /* events one proposal walks back at most */

/* "CAPA-000042" */
const char *capa_name(struct ctx *c, uint64_t number);
/* Loads a CAPA by its name: STORE_OK, STORE_NOTFOUND (also for a name that
 * is not one). */
int capa_get(struct ctx *c, const char *name, Yoke__Capa **out);
int capa_put(struct ctx *c, const Yoke__Capa *k);
/* "proposed", "contained", ...: the state in the person's words. */
const char *capa_state_text(Yoke__CapaState s);
/* Capa.overdue for a reply: the due date passed before the owner signed
 * the action done (CAPA_IMPLEMENTED). */
bool capa_overdue_now(const Yoke__Capa *k, int64_t now_us);
/* Appends the EVENT_CAPA of a step: text in the writer's words, the
 * signature (NULL for a proposal), a note (may be empty). */
int capa_event(struct ctx *c, const Yoke__Capa *k, const char *text, Yoke__SignatureRecord *by,
    const char *note);
/* Sets the reply to this one CAPA (overdue filled). */
void capa_reply_one(struct ctx *c, Yoke__Capa *k);

/*
 * Called once at the end of ncr_open, in its transaction: proposes a CAPA
 * when a trigger is reached (see above). Refuses nothing: a store error is
 * the only other outcome.
 */
enum outcome capa_consider(struct ctx *c, const Yoke__Ncr *n);

/*
 * Computes the effectiveness of k over the windows given (0: the default
 * of each bound) into *e. OUTCOME_COMMIT when computed (e->effective says
 * the verdict); a refusal for windows that are wrong or too long to walk.
 */
enum outcome capa_effectiveness(struct ctx *c, const Yoke__Capa *k, const int64_t given[4],
    Yoke__CapaEffectiveness *e);

#endif
