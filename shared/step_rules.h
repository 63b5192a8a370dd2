/*
 * step_rules.h — the rules that decide a step, as pure functions: what a
 * component scan must match, whether a measurement is in spec, which
 * inspections are due for a unit, which step comes next, and whether an
 * operation may be completed. No sockets, no curses, no LMDB: yoked calls
 * them inside its transactions, the unit tests call them directly, and a
 * station could apply them while the network is down.
 */
#ifndef YOKE_STEP_RULES_H
#define YOKE_STEP_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "shared/scan/scan_text.h"

#define STEP_MAX 64            /* steps per operation: the due mask is 64 bits */
#define SCAN_FIELD_MAX 64

/* A component label as scanned: "PART" or "PART/ID" (ID: lot or serial). */
struct component_scan {
	char part[SCAN_FIELD_MAX];
	char id[SCAN_FIELD_MAX];
};

/*
 * Parses yoke's own component label. An AIM symbology identifier in front
 * ("]C0", "]Q1"; scan_text.h) and trailing CR, LF and TAB (scanner
 * suffixes) are ignored; any other control character, an empty part or
 * ID, a second '/', or a field longer than SCAN_FIELD_MAX-1 is refused with
 * a message. A supplier's GS1 label is read with scan_text_read and
 * step_check_gs1 instead.
 */
bool step_parse_component(const char *text, struct component_scan *out, char *msg, size_t msgsz);

/*
 * A supplier's GS1 label (scan_text_read, gs1 set) against a scan step:
 * `part` is the part whose gtin= lists the label's GTIN (NULL: none does).
 * Fills out with the part and its ID for the step's tracking: the lot
 * (10) of a lot-tracked part, the serial (21) of a serial-tracked one,
 * none for an untracked one. Returns STATUS_OK, STATUS_WRONG_PART with the
 * AI that did not match ("GTIN 09521234543213 is MCU-F407, this step needs
 * PCB-100"; "GTIN ... is not a part of this plant (no part has gtin=...)")
 * or STATUS_BAD_SCAN (no GTIN on the label; a lot-tracked part's label
 * without (10), a serial-tracked one's without (21)). The expiry (17) is
 * the caller's to check against its clock.
 */
Yoke__Status step_check_gs1(const Yoke__Step *step, Yoke__Tracking tracking,
    const struct scan_text *label, const char *part, struct component_scan *out, char *msg,
    size_t msgsz);

/*
 * Checks a parsed scan against a scan step and the scanned part's tracking.
 * Returns STATUS_OK, STATUS_WRONG_PART ("Wrong part: scanned IC-556, this
 * step needs IC-555") or STATUS_BAD_SCAN (a lot- or serial-tracked part
 * scanned without its ID, or an untracked one with an ID).
 */
Yoke__Status step_check_scan(const Yoke__Step *step, Yoke__Tracking tracking,
    const struct component_scan *scan, char *msg, size_t msgsz);

/* True when v is within the step's limits (a value on a limit is in spec).
 * msg says "solder_temp 252 C is above USL 250" or "... in spec". */
bool step_in_spec(const Yoke__Step *step, double v, char *msg, size_t msgsz);

/*
 * Which steps of the operation must be done by this unit: bit i set for
 * every non-inspection step and for each inspection that is due. `started`
 * is how many units of the work order started this operation before this
 * one; `fa_passed` has bit i set when step i's first-article inspection
 * has already passed for the work order.
 */
uint64_t step_due_mask(const Yoke__Operation *op, uint32_t started, uint64_t fa_passed);

/* The first step at or after `from` whose bit is set in due; n_steps when none. */
uint32_t step_next(const Yoke__Operation *op, uint32_t from, uint64_t due);

/*
 * Whether the operation can be completed with the unit at `step_index`:
 * STATUS_OK, STATUS_INSPECTION_REQUIRED (a due inspection remains; the
 * message names it) or STATUS_STEPS_INCOMPLETE.
 */
Yoke__Status step_can_complete(const Yoke__Operation *op, uint32_t step_index, uint64_t due,
    char *msg, size_t msgsz);

/* Whether a StepRecord entry fits the step's kind. */
bool step_entry_fits(Yoke__StepKind kind, Yoke__StepRecord__EntryCase entry);
/* "an instruction to confirm", "a component scan", ...; "a confirmation",
 * "a scan", ...: what a step needs and what an entry is, in the current
 * language (i18n.h), as every text these functions write. */
const char *step_kind_name(Yoke__StepKind kind);
const char *step_entry_name(Yoke__StepRecord__EntryCase entry);
/* A one-line description: "Scan IC-555", "Measure solder_temp", the text. */
void step_describe(const Yoke__Step *step, char *buf, size_t size);
/* "every", "first-article", "1-in-5" (in the current language). */
void step_frequency_text(const Yoke__Step *step, char *buf, size_t size);

#endif
