/*
 * lot_scan.h — the lot check of a component scan (req-step.c calls it once
 * the scan is parsed and matched to the step's part).
 *
 * A lot-tracked scan PART/TEXT names a received lot when TEXT is a lot id
 * of that part (L-000001, the internal lot label) or the supplier's lot of
 * exactly one received lot of it. Such a lot must be usable now
 * (lot_usable: RELEASED and not expired), else LOT_NOT_USABLE with the
 * reason and what to do. A part with lots=received (or an incoming
 * inspection) whose TEXT names no received lot is LOT_NOT_RECEIVED; any
 * other part takes the text as written, as before lots were received.
 *
 * For a received lot the scan's id becomes the supplier's lot (the
 * genealogy key PART/LOT that lot NCRs, holds and where-used read), the
 * event records the lot id (Event.lot_id), and the lot's count goes down
 * by what one scan builds in (the BOM line's qty over the step's scans).
 * A count that reaches 0 does not stop the line (the parts are in the
 * operator's hands; the count may be wrong): the scan is taken, the reply
 * says the lot ran out, the leads get a notice and a LOT_RAN_OUT event is
 * written once. A count below 0 means the count was wrong (yokectl lots
 * says so).
 *
 * Cost per lot scan: one lot read (by id, or the lot_key entry and the
 * lot), one BOM read and one lot write.
 */
#ifndef YOKE_LOT_SCAN_H
#define YOKE_LOT_SCAN_H

#include "server/server.h"
#include "shared/step_rules.h"

/* OUTCOME_COMMIT (the scan may go on; *note is NULL or what to add to the
 * reply), or the refusal. */
enum outcome lot_scan_check(struct ctx *c, const Yoke__Part *part, const Yoke__Step *step,
    const char *product, struct component_scan *scan, Yoke__Event *ev, const char **note);
/* Counts `used` off the lot and writes it. When that takes it to nothing
 * or below, the lot has run out by its count: a LOT_RAN_OUT event, a
 * notice to the leads, and *note says so for the reply (else NULL). Scans
 * and the steps that take from the station's setup alike. */
enum outcome lot_consume(struct ctx *c, Yoke__Lot *l, double used, const char **note);

#endif
