/*
 * nc_show.h — how yokectl shows what happens after a defect is found:
 * holds and nonconformance reports (NCRs), in the words of a person (the
 * current language) and as JSON for a program (never translated). Shared by
 * `holds`, `hold`, `release`, `ncr`, `defects` and `trace unit`.
 */
#ifndef YOKE_CTL_NC_SHOW_H
#define YOKE_CTL_NC_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "proto/yoke.pb-c.h"

/* The words as JSON and the command line carry them ("work-order",
 * "dispositioned", "use-as-is", "measurement"); "" for none. */
const char *nc_scope_name(Yoke__HoldScope s);
const char *nc_source_name(Yoke__HoldSource s);
const char *nc_state_name(Yoke__NcrState s);
const char *nc_disposition_name(Yoke__DispositionKind k);
const char *nc_category_name(Yoke__DefectCategory c);

/* The same for a person, in the current language. */
const char *nc_scope_text(Yoke__HoldScope s);
const char *nc_state_text(Yoke__NcrState s);
const char *nc_disposition_text(Yoke__DispositionKind k);
const char *nc_category_text(Yoke__DefectCategory c);
/* "manual", "NCR NCR-000001", "SPC": where a hold comes from (malloc'd). */
char *nc_source_text(const Yoke__Hold *h);
/* "a, b, c": a hold's targets (malloc'd). */
char *nc_targets(const Yoke__Hold *h);
/* "Zhang Min 张敏 (badge 3001, inspector) at 2026-11-26 13:22:05 UTC: meaning",
 * §11.50's printed name, time and meaning (malloc'd). */
char *nc_signature_text(const Yoke__SignatureRecord *sg);
/* "[235 .. 250]": an NCR's or event's limits, "-" for a missing one. */
void nc_limits(char *buf, size_t size, bool has_lsl, double lsl, bool has_usl, double usl);

/* Holds as an aligned table: id, state, scope, targets, reason, and under
 * each its source, who placed it and, once released, who released it
 * and why. Nothing when n is 0. */
void nc_holds_table(FILE *f, Yoke__Hold *const *holds, size_t n);
/* What a placed hold covers: its number and scope, the units in work,
 * done and scrapped, and, when some are done, that yoke records no
 * shipments so those may have left the plant. */
void nc_containment_text(FILE *f, const Yoke__HoldReply *hr);
/* NCRs as an aligned table: number, state, opened, serial, operation,
 * station, defect, disposition. Nothing when n is 0. */
void nc_ncrs_table(FILE *f, Yoke__Ncr *const *ncrs, size_t n);
/* One NCR in full, a "label  value" listing: everything the Ncr has. */
void nc_ncr_text(FILE *f, const Yoke__Ncr *n);

/* JSON objects. */
void nc_signature_json(FILE *f, const Yoke__SignatureRecord *sg);
void nc_hold_json(FILE *f, const Yoke__Hold *h);
void nc_ncr_json(FILE *f, const Yoke__Ncr *n);

#endif
