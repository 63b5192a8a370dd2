/*
 * setup.h — the material setup of a station (feeder verification).
 *
 * At a station that consumes from reels or bulk, the operator scans the
 * lot loaded for each part once (req-setup.c); a scan step marked
 * from=setup (Step.from_setup) then takes that lot for every unit without
 * a scan per unit (setup_take, called by req-step.c), and the unit's
 * genealogy records it exactly as a scan would: the component index
 * PART/LOT -> unit and a COMPONENT_SCANNED event with the lot.
 *
 * The setup table holds one SetupEntry per station and part (key station
 * \0 part). Its lot is yoke's lot id (L-000001) when the lot was received
 * (a Lot record, lot.h), else the lot text as scanned, for a part whose
 * lots need not be received.
 *
 * What moves an entry:
 *
 *   (none) --load PART/LOT (the part is taken by a from=setup step of an
 *            operation done at this station's kind; the lot usable)--> loaded
 *   loaded --load another lot of the part (a reel change: the event names
 *            the lot it replaced)--> loaded with the new lot
 *   loaded --unload--> (none)
 *
 * Each change writes a SETUP_LOADED or SETUP_UNLOADED event. A lot is
 * checked when it is loaded and again at every unit that takes it, so a
 * lot blocked or expired since it was loaded is refused at the step.
 */
#ifndef YOKE_SETUP_H
#define YOKE_SETUP_H

#include "server/server.h"

/* At most this many parts per station setup, and lots in a reply. */
#define SETUP_PARTS_MAX 500

/* The entry of station and part: STORE_OK and *out, or STORE_NOTFOUND. */
int setup_get(struct ctx *c, const char *station, const char *part, Yoke__SetupEntry **out);
int setup_put(struct ctx *c, const Yoke__SetupEntry *e);
int setup_del(struct ctx *c, const char *station, const char *part);
/* The station's entries, by part, into *out (arena; *n of them). */
int setup_entries(struct ctx *c, const char *station, Yoke__SetupEntry ***out, size_t *n);

/* The parts that scan steps marked from=setup take at stations of kind
 * `kind` (every routing, its operations and rework operations), sorted
 * and distinct, into *parts (arena; *n of them). */
int setup_parts(struct ctx *c, const char *kind, char ***parts, size_t *n);

/*
 * The lot of part named by `text` (as scanned after PART/): yoke's lot id,
 * or the supplier lot of exactly one received lot of the part. OUTCOME_COMMIT
 * with *lot the Lot record, or NULL when no lot record names it and the part
 * does not need one (lots=received, iqc): the text is the lot. Refuses
 * SETUP_LOT_REFUSED when the lot is of another part, is not usable
 * (lot_usable: its status, its expiry), names two suppliers' lots, or was
 * never received while the part needs it.
 */
enum outcome setup_lot_check(struct ctx *c, const Yoke__Part *part, const char *text,
    Yoke__Lot **lot);

/*
 * A from=setup scan step for the unit at this station: the entry's
 * StepRecord must be confirm (no scan is read). Takes the lot loaded here
 * for the step's part, checks it again (usable, not held), records it in
 * the component index for the unit and fills ev as a COMPONENT_SCANNED
 * event with the lot, the quantity (what the step still needs: one
 * confirmation takes all of it) and its text. The caller advances the
 * step with ev->text. Refuses SETUP_EMPTY when nothing is loaded. The
 * lot's count goes down by what the unit took; when that runs it out,
 * *note says so for the reply (else NULL), as a scan's would.
 */
enum outcome setup_take(struct ctx *c, const Yoke__Step *step, Yoke__UnitRecord *u,
    Yoke__Event *ev, const char **note);

#endif
