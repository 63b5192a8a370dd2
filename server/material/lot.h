/*
 * lot.h — received lots: the record every part of material control reads
 * (receiving, the component scan, incoming inspection, recall, suppliers).
 *
 * A lot is named by yoke's own id, L-000001, 2, ... (the counter in the
 * meta table), which the internal lot label carries. The lot table holds
 * the Lot; the lot_key table finds the lots of one supplier lot text of a
 * part, so a supplier label received again is recognised, not duplicated.
 *
 * Lot statuses and what moves them (only RELEASED may be built in):
 *
 *   received --(part needs incoming inspection)--> PENDING_INSPECTION
 *   received --(no inspection)-------------------> RELEASED
 *   PENDING_INSPECTION --accept--> RELEASED,  --reject--> REJECTED
 *   any --block / quarantine (signed, a reason)--> BLOCKED / QUARANTINED
 *   BLOCKED / QUARANTINED --release (signed)----> RELEASED (or back to
 *                                                  PENDING_INSPECTION)
 *   past its expiry date: refused as EXPIRED whatever its stored status
 *
 * Every change of status is lot_set_status: the record and a LOT_STATUS
 * event in the caller's transaction.
 */
#ifndef YOKE_LOT_H
#define YOKE_LOT_H

#include "server/server.h"

#define LOT_ID_MAX 16
/* The station kind where lots are received (stations.def kind=RECEIVING). */
#define STATION_KIND_RECEIVING "RECEIVING"

/* The lot named id (L-000001): STORE_OK and *out, or STORE_NOTFOUND. */
int lot_get(struct ctx *c, const char *id, Yoke__Lot **out);
/* The lot of part received under the supplier's lot text (supplier "" or
 * NULL: any supplier). STORE_OK and *out; STORE_NOTFOUND; STORE_EXISTS when
 * two suppliers' lots of the part carry that text (*out is one of them:
 * the caller asks for yoke's own lot label). */
int lot_find(struct ctx *c, const char *part, const char *supplier_lot, const char *supplier,
    Yoke__Lot **out);
/* The next lot id, L-000001 ..., into id (LOT_ID_MAX bytes). */
int lot_new_id(struct ctx *c, char *id);
/* Writes the lot and, for a new one, its lot_key entry. */
int lot_put(struct ctx *c, const Yoke__Lot *l, bool is_new);
/* Sets the status with its reason and who (badge, "" the server), writes
 * the lot and a LOT_STATUS event. */
int lot_set_status(struct ctx *c, Yoke__Lot *l, Yoke__LotStatus st, const char *reason,
    const char *by);
/* The same, with the signature that decided it stored in the event. */
int lot_set_status_signed(struct ctx *c, Yoke__Lot *l, Yoke__LotStatus st, const char *reason,
    const char *by, Yoke__SignatureRecord *sig);
/* The status in the person's words ("quarantined"). */
const char *lot_status_text(Yoke__LotStatus st);
/* True when the lot may be built in now: RELEASED and not past its expiry
 * (c->now). Else false and, in why, what is wrong and what to do, in the
 * person's words ("Lot L-000007 (LOT-2411-07) of MCU-F407 is quarantined:
 * <reason> (2026-11-20); take another lot"). */
bool lot_usable(struct ctx *c, const Yoke__Lot *l, char *why, size_t whysize);
/* A real calendar date written YYYY-MM-DD (years 2000-2199). */
bool lot_date_ok(const char *date);
/* The expiry (YYYY-MM-DD) has passed at time now_us (UTC microseconds):
 * the lot may be used up to and including its expiry day, the plant's day
 * by the server's local time zone (as gauges' due dates and shifts). */
bool lot_expired(const char *expiry, int64_t now_us);

#endif
