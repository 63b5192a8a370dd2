/*
 * defs_gate.h — the pre-start gate's part of the definitions (issue 10):
 * gauges and equipment with a calibration due date, plant shifts, the
 * gate's settings, the gauge= and fai= options of steps and the expiry of
 * an operator's qualifications (qualified=PRODUCT/OPNO:YYYY-MM-DD).
 * The statements are described for engineers in docs/definitions.md
 * ("The pre-start gate"); the server's side is server/gate/gate.h.
 *
 * Dates are calendar dates YYYY-MM-DD, a real day; a date "runs through"
 * its whole day: a gauge due 2027-01-31 may be used on the 31st, not on
 * the 1st of February.
 */
#ifndef YOKE_DEFS_GATE_H
#define YOKE_DEFS_GATE_H

#include <stdbool.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"

#define DEFS_QUAL_WARN_DAYS_DEFAULT 14   /* gate qual_warn_days= when absent */
#define DEFS_QUAL_WARN_DAYS_MAX 365

/* Whether s is a real date YYYY-MM-DD; *days (may be NULL) the days since
 * 1970-01-01. */
bool defs_date_days(const char *s, int32_t *days);
/* The date of day number `days` as YYYY-MM-DD (buf of at least 11 bytes). */
void defs_date_text(int32_t days, char *buf, size_t size);

/* "wo", "shift", "setup" as written in fai=; "" for FAI_NONE. */
const char *defs_fai_name(Yoke__FaiTrigger t);

/*
 * The expiry of the qualification entries of op that allow product/opno
 * (defs_qualified's rules): *until the latest expiry among them as a day
 * number, and the entry it belongs to in *entry. Returns false when one of
 * the matching entries has no expiry (nothing expires) or none matches.
 */
bool defs_qualification_expiry(const Yoke__Operator *op, const char *product, uint32_t opno,
    int32_t *until, const char **entry);

/* The set's checks (defs_validate calls it last): a gauge or equipment id
 * and a shift name defined once, at most one fai= step per operation. */
bool defs_gate_validate(const Yoke__Definitions *d, char *err, size_t errsz);
/* Moves the gate's records of from into to (defs_parse's last move). */
void defs_gate_move(Yoke__Definitions *to, Yoke__Definitions *from);

#endif
