/*
 * iqc.h — incoming inspection (IQC): inspection lots and the switching
 * state of each supplier + part (ISO 2859-1).
 *
 * A lot received of a part whose definition has iqc= gets an inspection
 * lot, IQC-000001, 2, ... (the counter in the meta table), in the
 * transaction that receives it (iqc_on_receive, called by req-receive.c).
 * It records the plan at that moment: the lot size (the quantity received,
 * in whole units), the part's inspection level and AQL, the severity in
 * force for the supplier + part, and what shared/quality/sampling.h makes
 * of them, the arrows followed: the code letter, the sample size n and
 * Ac/Re; a sample as large as the lot is 100 % inspection.
 *
 * Inspection lot states and what moves them:
 *
 *   (received) --iqc_on_receive--> OPEN (the lot PENDING_INSPECTION)
 *   OPEN --IqcRecord (the sample's defectives per characteristic; again
 *          while open)--> OPEN, recorded, the verdict d <= Ac computed
 *   OPEN --IqcDecide accept (signed, d <= Ac)--> ACCEPTED, lot RELEASED
 *   OPEN --IqcDecide reject (signed, d >= Re)--> REJECTED, lot QUARANTINED
 *          and an NCR on the lot (ncr_open_lot: return to supplier, sort,
 *          use as is by the MRB, scrap)
 *
 * The switching state (table iqc_switch, key supplier \0 part) is an
 * IqcSwitch: the mode, the state machine's counters, why the mode was
 * entered (a code and its numbers, said in the reader's language) and by
 * which lot, the last lots decided, and the seqs of its EVENT_IQC_SWITCHED
 * events (its history). A supplier + part never inspected is NORMAL. Every
 * decision feeds the state machine (sampling_switch_feed), in the order
 * the decisions are made:
 *
 *   NORMAL --2 of <= 5 consecutive lots not accepted--> TIGHTENED
 *   TIGHTENED --5 consecutive lots accepted--> NORMAL
 *   TIGHTENED --the 5th lot not accepted on tightened--> DISCONTINUED
 *   NORMAL --switching score >= 30--> REDUCED (the definition of iqc= is
 *          taken as the authority's approval, and deliveries as steady)
 *   REDUCED --a lot not accepted--> NORMAL
 *   DISCONTINUED --IqcLift (an engineer, signed, a reason)--> TIGHTENED
 *
 * While DISCONTINUED the supplier is blocked for the part: receiving a lot
 * of it is refused (SUPPLIER_BLOCKED). Lots received before stay open and
 * may still be decided; their decisions no longer move the state.
 */
#ifndef YOKE_IQC_H
#define YOKE_IQC_H

#include "server/server.h"
#include "shared/quality/sampling.h"

#define IQC_NUMBER_MAX 16
#define IQC_PREFIX "IQC-"
#define IQC_RECENT_MAX 10       /* lots an IqcSwitch remembers */

/* The hook of receiving: a lot of a part with iqc= gets its inspection
 * lot, and l->inspection names it (the lot is written again). A part
 * without iqc=: nothing. Refused (SUPPLIER_BLOCKED) when the supplier is
 * blocked for the part. */
enum outcome iqc_on_receive(struct ctx *c, Yoke__Lot *l, const Yoke__Part *part);

/* "IQC-000042" */
const char *iqc_name(struct ctx *c, uint64_t number);
/* STORE_OK, STORE_NOTFOUND (also for a name that is not one). */
int iqc_get(struct ctx *c, const char *name, Yoke__InspectionLot **out);
int iqc_put(struct ctx *c, const Yoke__InspectionLot *il, bool is_new);
const char *iqc_state_text(Yoke__InspectionState s);
const char *iqc_mode_text(Yoke__IqcMode m);

/* The switching state of a supplier + part: the stored one, or a fresh
 * NORMAL one (never STORE_NOTFOUND). */
int iqc_switch_get(struct ctx *c, const char *supplier, const char *part, Yoke__IqcSwitch **out);
int iqc_switch_put(struct ctx *c, const Yoke__IqcSwitch *sw);
/* Why it is at its mode, in the current language: "TIGHTENED since lot
 * L-000123: 2 of the last 5 lots on normal were not accepted: tightened". */
const char *iqc_switch_why(struct ctx *c, const Yoke__IqcSwitch *sw);
/*
 * A decided inspection lot moves the state: the lot's result is
 * remembered, and a change of mode is recorded (since_lot, an
 * EVENT_IQC_SWITCHED event). *changed says whether the mode changed.
 */
int iqc_switch_decided(struct ctx *c, Yoke__IqcSwitch *sw, const Yoke__InspectionLot *il,
    bool accepted, bool *changed);
/* After corrective action: DISCONTINUED -> TIGHTENED, with the signature. */
int iqc_switch_lift(struct ctx *c, Yoke__IqcSwitch *sw, const char *reason,
    Yoke__SignatureRecord *by);

/* The reply carrying one inspection lot (req-iqc.c). */
Yoke__IqcReply *iqc_reply_one(struct ctx *c, Yoke__InspectionLot *il);

/* Appends the open inspection lots to a worklist (items, *n < max). */
int iqc_worklist(struct ctx *c, Yoke__WorkItem **items, size_t *n, size_t max);

#endif
