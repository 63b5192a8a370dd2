/*
 * coq.h — the cost of quality (issue 11; docs/cost-of-quality.md).
 *
 * Rates: each load that carries rates different from the ones in force
 * stores a new rates version (coq table, 'r' number), stamped with the
 * first event seq it costs. A cost is always taken at the rates in force
 * at its event, so a later load never changes a past amount.
 *
 * The ledger: every event that costs money outside the hot path posts a
 * CoqEntry in its own transaction (coq table, 'l' day seq n), citing the
 * event's seq: re-inspections and rework/repair labour and parts, scrap
 * at the unit's accumulated value, MRB time, IQC time, CAPA and training
 * hours, returns, warranty and claims. An ordinary inspection (in-process,
 * final, first article) posts nothing: its INSPECTED event is the
 * appraisal record, costed by the report from the event and the rates
 * version in force at its seq (no extra B-tree page per step).
 *
 * Each hook below is the one call its handler makes; for a unit or step
 * that costs nothing it reads and writes nothing.
 */
#ifndef YOKE_COQ_H
#define YOKE_COQ_H

#include "server/server.h"

/* A load's rates (Definitions.coq_rates): a new version when they differ
 * from the one in force. STORE_OK or a store status. */
int coq_load(struct ctx *c, const Yoke__Definitions *f);

/* After a step's event is appended: an inspection of a unit in rework, or
 * at the operation it went back to, is a re-inspection (internal failure). */
enum outcome coq_step(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Event *ev);
/* At an operation's completion (before the unit moves on): the end of the
 * re-inspections of a reworked or repaired operation. */
void coq_completed(Yoke__UnitRecord *u);
/* After a unit NCR's disposition event is appended: rework labour,
 * repair labour and parts, scrap at the accumulated value, MRB time. */
enum outcome coq_disposition(struct ctx *c, Yoke__UnitRecord *u, const Yoke__Routing *r,
    const Yoke__Ncr *n, const Yoke__Event *ev, size_t signers);
/* After an incoming inspection's results are recorded (its event last). */
enum outcome coq_iqc(struct ctx *c, const Yoke__InspectionLot *il);
/* A CAPA step with hours= (prevention), its event last. */
enum outcome coq_capa(struct ctx *c, const Yoke__Capa *capa, const char *hours);

/* ---- for the handlers of server/coq/ ---- */

/* The rates version in force now (NULL: none loaded), or at an event. */
int coq_rates_now(struct ctx *c, Yoke__CoqRates **r);
/* Posts e (time, rates and key filled here) citing event seq. */
int coq_post(struct ctx *c, Yoke__CoqEntry *e, uint64_t seq, const Yoke__CoqRates *r);
/* A new entry of category and element, in the arena. */
Yoke__CoqEntry *coq_entry(struct ctx *c, Yoke__CoqCategory cat, const char *element);

#endif
