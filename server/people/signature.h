/*
 * signature.h — electronic signatures: badge + PIN, checked by the server.
 *
 * A decision that needs a signature (an inspection today; dispositions,
 * releases and approvals later) carries the signer's badge and PIN. The
 * handler calls sign_check() before it writes anything:
 *
 *   - unknown badge, no PIN set yet, badge locked: SIGNATURE_REFUSED,
 *     nothing written (OUTCOME_REFUSED);
 *   - the PIN not yet checked: the check is asked of the offload thread
 *     (OUTCOME_PREPARE; the request runs again with the result), unless the
 *     same PIN was verified against the same stored hash lately (pin.h);
 *   - a wrong PIN: SIGNATURE_REFUSED, and the count of wrong PINs is
 *     written; after --pin-tries in a row the badge locks for
 *     --pin-lock-minutes (an EVENT_BADGE_LOCKED is logged). That write
 *     stands although the request is refused (OUTCOME_REFUSED_COMMIT);
 *   - right: the count is reset and OUTCOME_COMMIT is returned with the
 *     signer, for the handler to go on.
 *
 * The record of a signature (sign_record) holds the signer's badge, printed
 * name and role, the meaning and the server's UTC time, and is stored in
 * the event it belongs to (21 CFR Part 11 §11.50, §11.70).
 */
#ifndef YOKE_SIGNATURE_H
#define YOKE_SIGNATURE_H

#include "server/server.h"

enum outcome sign_check(struct ctx *c, const char *badge, const char *pin,
    Yoke__Operator **signer);
/* A new PIN's hash, made off the loop: OUTCOME_COMMIT with *hash set, or
 * OUTCOME_PREPARE (asked for; the request runs again). */
enum outcome sign_new_hash(struct ctx *c, const char *badge, const char *pin, const char **hash);
/* Whether any admin has a PIN (the first admin may sign in without one). */
int sign_admin_has_pin(struct ctx *c, bool *yes);
/*
 * A decision's signature by a person of one of `roles` (ROLE_BIT()s):
 * sign_check, then the signer's role; SIGNATURE_REFUSED names who may sign.
 * On OUTCOME_COMMIT *rec is the record with `meaning`.
 */
enum outcome sign_as(struct ctx *c, const Yoke__Signature *sig, unsigned roles,
    const char *meaning, Yoke__SignatureRecord **rec);
/*
 * Several signatures on one decision (a Material Review Board): every
 * PIN is asked for at once, so one round off the loop checks them all.
 * Each signer must be of `roles`; no badge may sign twice. *recs gets n
 * records on OUTCOME_COMMIT.
 */
enum outcome sign_all(struct ctx *c, Yoke__Signature *const *sigs, size_t n, unsigned roles,
    const char *meaning, Yoke__SignatureRecord ***recs);
Yoke__SignatureRecord *sign_record(struct ctx *c, const Yoke__Operator *signer, const char *meaning);
/* Forgets what was verified for the badge (PIN changed, set, locked). */
void sign_forget(struct ctx *c, const char *badge);

#endif
