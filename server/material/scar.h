/*
 * scar.h — supplier corrective action requests. A SCAR names a supplier as
 * the source of a nonconformance on one of its parts: opened from a lot NCR
 * (the lot's supplier and part; the NCR's number is kept) or by hand for a
 * supplier and part. The supplier answers in 8D form (D1 team ... D8
 * congratulate, kept as text) by a response due date. It closes on
 * evidence, not on words.
 *
 * SCAR states and the handler that moves each, every step signed by a
 * lead, an inspector or an engineer and written to the log (EVENT_SCAR,
 * Event.detail its number):
 *
 *   (lot NCR, or by hand) --req_scar_open--> OPEN
 *   OPEN --req_scar_update (8D fields, due date)--> OPEN
 *   OPEN --req_scar_update (close)--> CLOSED    only with the evidence below,
 *                                               and D4 and D5 answered
 *
 * The evidence (scar_evidence): the lots of the part from the supplier
 * received since the SCAR opened, oldest first. A lot released counts
 * (accepted); a lot rejected, quarantined or blocked starts the count
 * again; a lot still waiting for incoming inspection neither counts nor
 * breaks it. The SCAR may close once lots_required lots in a row are
 * accepted (default SCAR_LOTS_DEFAULT); before that closing is refused
 * NOT_PROVEN, naming the lots so far. The lots closing it are kept in
 * Scar.evidence.
 *
 * Invariants: at most one OPEN SCAR per supplier and part (req_scar_open
 * refuses a second); signatures[0] opened it, the last one of a CLOSED
 * SCAR closed it; the SCAR table's numbers only grow (MDB_APPEND).
 *
 * Cost: the lot table is walked newest first down to the SCAR's opening
 * (lot ids grow with time while they have six digits, up to L-999999), at
 * most SCAR_WALK_MAX lots; only for one SCAR (show, close), never for a list.
 */
#ifndef YOKE_SCAR_H
#define YOKE_SCAR_H

#include "server/server.h"

#define SCAR_LOTS_DEFAULT 3
#define SCAR_LOTS_MAX 50
#define SCAR_WALK_MAX 200000
#define SCAR_TEXT_MAX 2000
/* Who signs a SCAR's steps. */
#define ROLES_SCAR (ROLE_BIT(YOKE__ROLE__ROLE_LEAD) | ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | \
    ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER))

/* "SCAR-000001" */
const char *scar_name(struct ctx *c, uint64_t number);
/* STORE_OK and *s; STORE_NOTFOUND (also for a name that is not one). */
int scar_get(struct ctx *c, const char *name, Yoke__Scar **s);
/* Gives s the next number and writes it. */
int scar_add(struct ctx *c, Yoke__Scar *s);
int scar_put(struct ctx *c, const Yoke__Scar *s);
/* Calls fn for each SCAR, newest first, until fn returns non-zero. */
int scar_walk(struct ctx *c, int (*fn)(void *ud, Yoke__Scar *s), void *ud);
/* Fills the reply-only fields: overdue; with evidence (run not NULL) also
 * lots_accepted and lots_after (the walk above), and *run the ids of the
 * accepted lots in a row (lots_accepted of them). */
int scar_fill(struct ctx *c, Yoke__Scar *s, char ***run);
/* Appends the EVENT_SCAR of a step. */
int scar_event(struct ctx *c, const Yoke__Scar *s, const char *text, Yoke__SignatureRecord *by);
/* Sets the reply to these SCARs. */
void scar_reply(struct ctx *c, Yoke__Scar **s, size_t n);

#endif
