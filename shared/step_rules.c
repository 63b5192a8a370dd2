/* step_rules.c — see step_rules.h. */
#include "shared/step_rules.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool
step_parse_component(const char *text, struct component_scan *out, char *msg, size_t msgsz)
{
	size_t len = strlen(text);
	const char *slash;
	size_t pl, il;

	memset(out, 0, sizeof *out);
	len = scan_text_plain(text, len, &text);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch < 0x20 || ch == 0x7f || ch == ' ') {
			snprintf(msg, msgsz, ch == ' ' ? _("Not a component label: character %zu is a "
			    "space (expected PART or PART/LOT-OR-SERIAL)") : _("Not a component label: "
			    "character %zu is a control character (expected PART or PART/LOT-OR-SERIAL)"),
			    i + 1);
			return false;
		}
	}
	if (len == 0) {
		snprintf(msg, msgsz, "%s",
		    _("Empty scan: expected a component label PART or PART/LOT-OR-SERIAL"));
		return false;
	}
	/* Bytes that are not UTF-8 would end up in events and replies, whose
	 * strings every protobuf decoder but ours rejects. */
	if (!utf8_valid(text, len)) {
		snprintf(msg, msgsz, "%s", _("Not a component label: the scan is not valid UTF-8 "
		    "(expected PART or PART/LOT-OR-SERIAL); check the scanner's keyboard layout"));
		return false;
	}
	slash = memchr(text, '/', len);
	pl = slash ? (size_t)(slash - text) : len;
	il = slash ? len - pl - 1 : 0;
	if (slash && memchr(slash + 1, '/', il)) {
		snprintf(msg, msgsz, _("Not a component label: \"%.*s\" has more than one '/' "
		    "(expected PART/LOT-OR-SERIAL)"), (int)(len > 80 ? 80 : len), text);
		return false;
	}
	if (pl == 0 || (slash && il == 0)) {
		snprintf(msg, msgsz, pl == 0 ? _("Not a component label: \"%.*s\" has an empty part "
		    "number (expected PART/LOT-OR-SERIAL)") : _("Not a component label: \"%.*s\" has "
		    "an empty lot or serial (expected PART/LOT-OR-SERIAL)"), (int)(len > 80 ? 80 : len),
		    text);
		return false;
	}
	if (pl >= SCAN_FIELD_MAX || il >= SCAN_FIELD_MAX) {
		snprintf(msg, msgsz, _("Not a component label: a field is longer than %d characters"),
		    SCAN_FIELD_MAX - 1);
		return false;
	}
	memcpy(out->part, text, pl);
	if (slash)
		memcpy(out->id, slash + 1, il);
	return true;
}

Yoke__Status
step_check_scan(const Yoke__Step *step, Yoke__Tracking tracking, const struct component_scan *scan,
    char *msg, size_t msgsz)
{
	if (strcmp(scan->part, step->part) != 0) {
		snprintf(msg, msgsz, _("Wrong part: scanned %s, this step needs %s"), scan->part,
		    step->part);
		return YOKE__STATUS__STATUS_WRONG_PART;
	}
	if (tracking == YOKE__TRACKING__TRACKING_LOT && scan->id[0] == '\0') {
		snprintf(msg, msgsz, _("%s is lot-tracked: scan its label with the lot (%s/LOT), "
		    "got %s without a lot"), step->part, step->part, scan->part);
		return YOKE__STATUS__STATUS_BAD_SCAN;
	}
	if (tracking == YOKE__TRACKING__TRACKING_SERIAL && scan->id[0] == '\0') {
		snprintf(msg, msgsz, _("%s is serial-tracked: scan its label with the serial "
		    "(%s/SERIAL), got %s without a serial"), step->part, step->part, scan->part);
		return YOKE__STATUS__STATUS_BAD_SCAN;
	}
	if (tracking == YOKE__TRACKING__TRACKING_NONE && scan->id[0] != '\0') {
		snprintf(msg, msgsz, _("%s is not lot- or serial-tracked: expected %s, got %s/%s"),
		    step->part, step->part, scan->part, scan->id);
		return YOKE__STATUS__STATUS_BAD_SCAN;
	}
	if (scan->id[0])
		snprintf(msg, msgsz, _("%s/%s accepted"), scan->part, scan->id);
	else
		snprintf(msg, msgsz, _("%s accepted"), scan->part);
	return YOKE__STATUS__STATUS_OK;
}

Yoke__Status
step_check_gs1(const Yoke__Step *step, Yoke__Tracking tracking, const struct scan_text *label,
    const char *part, struct component_scan *out, char *msg, size_t msgsz)
{
	memset(out, 0, sizeof *out);
	if (label->gtin == NULL) {
		snprintf(msg, msgsz, _("This GS1 label carries no GTIN (01) or (02), so it names no "
		    "part: scan the label of %s that carries its GTIN"), step->part);
		return YOKE__STATUS__STATUS_BAD_SCAN;
	}
	if (part == NULL) {
		snprintf(msg, msgsz, _("GTIN %s is not a part of this plant (no part has gtin=%s): this "
		    "step needs %s"), label->gtin, label->gtin, step->part);
		return YOKE__STATUS__STATUS_WRONG_PART;
	}
	if (strcmp(part, step->part) != 0) {
		snprintf(msg, msgsz, _("GTIN %s is %s, this step needs %s"), label->gtin, part,
		    step->part);
		return YOKE__STATUS__STATUS_WRONG_PART;
	}
	snprintf(out->part, sizeof out->part, "%s", part);
	if (tracking == YOKE__TRACKING__TRACKING_LOT) {
		if (label->lot == NULL) {
			snprintf(msg, msgsz, _("%s is lot-tracked: this GS1 label (GTIN %s) has no lot "
			    "(10); scan a label with the lot, or %s/LOT"), part, label->gtin, part);
			return YOKE__STATUS__STATUS_BAD_SCAN;
		}
		snprintf(out->id, sizeof out->id, "%s", label->lot);
	} else if (tracking == YOKE__TRACKING__TRACKING_SERIAL) {
		if (label->serial == NULL) {
			snprintf(msg, msgsz, _("%s is serial-tracked: this GS1 label (GTIN %s) has no "
			    "serial (21); scan a label with the serial, or %s/SERIAL"), part, label->gtin,
			    part);
			return YOKE__STATUS__STATUS_BAD_SCAN;
		}
		snprintf(out->id, sizeof out->id, "%s", label->serial);
	}
	if (out->id[0])
		snprintf(msg, msgsz, _("%s/%s accepted"), out->part, out->id);
	else
		snprintf(msg, msgsz, _("%s accepted"), out->part);
	return YOKE__STATUS__STATUS_OK;
}

bool
step_in_spec(const Yoke__Step *step, double v, char *msg, size_t msgsz)
{
	const char *unit = step->unit ? step->unit : "";
	if (step->has_lsl && v < step->lsl) {
		snprintf(msg, msgsz, _("%s %g %s is below LSL %g"), step->name, v, unit, step->lsl);
		return false;
	}
	if (step->has_usl && v > step->usl) {
		snprintf(msg, msgsz, _("%s %g %s is above USL %g"), step->name, v, unit, step->usl);
		return false;
	}
	snprintf(msg, msgsz, _("%s %g %s in spec"), step->name, v, unit);
	return true;
}

uint64_t
step_due_mask(const Yoke__Operation *op, uint32_t started, uint64_t fa_passed)
{
	uint64_t due = 0;
	for (size_t i = 0; i < op->n_steps && i < STEP_MAX; i++) {
		const Yoke__Step *s = op->steps[i];
		bool is_due = true;
		if (s->kind == YOKE__STEP_KIND__STEP_INSPECT) {
			switch (s->frequency) {
			case YOKE__FREQUENCY__FREQ_FIRST_ARTICLE:
				is_due = !(fa_passed & ((uint64_t)1 << i));
				break;
			case YOKE__FREQUENCY__FREQ_ONE_IN_N:
				/* The 1st, N+1st, 2N+1st unit: started counts those before. */
				is_due = s->every_n < 2 || started % s->every_n == 0;
				break;
			default:
				is_due = true;
			}
		}
		if (is_due)
			due |= (uint64_t)1 << i;
	}
	return due;
}

uint32_t
step_next(const Yoke__Operation *op, uint32_t from, uint64_t due)
{
	uint32_t i = from;
	while (i < op->n_steps && i < STEP_MAX && !(due & ((uint64_t)1 << i)))
		i++;
	return i < op->n_steps ? i : (uint32_t)op->n_steps;
}

Yoke__Status
step_can_complete(const Yoke__Operation *op, uint32_t step_index, uint64_t due, char *msg, size_t msgsz)
{
	uint32_t next = step_next(op, step_index, due);
	char what[160];

	if (next >= op->n_steps)
		return YOKE__STATUS__STATUS_OK;
	/* A due inspection anywhere ahead makes this a skipped inspection. */
	for (uint32_t i = next; i < op->n_steps && i < STEP_MAX; i++) {
		const Yoke__Step *s = op->steps[i];
		if (s->kind == YOKE__STEP_KIND__STEP_INSPECT && (due & ((uint64_t)1 << i))) {
			snprintf(msg, msgsz, _("Mandatory inspection not done: step %u \"%s\" must pass "
			    "before operation %u can be completed"), i + 1, s->text, op->number);
			return YOKE__STATUS__STATUS_INSPECTION_REQUIRED;
		}
	}
	step_describe(op->steps[next], what, sizeof what);
	snprintf(msg, msgsz, _("Step %u of %zu (%s) is not done: operation %u cannot be completed"),
	    next + 1, op->n_steps, what, op->number);
	return YOKE__STATUS__STATUS_STEPS_INCOMPLETE;
}

bool
step_entry_fits(Yoke__StepKind kind, Yoke__StepRecord__EntryCase entry)
{
	switch (kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT: return entry == YOKE__STEP_RECORD__ENTRY_CONFIRM;
	case YOKE__STEP_KIND__STEP_SCAN: return entry == YOKE__STEP_RECORD__ENTRY_SCAN;
	case YOKE__STEP_KIND__STEP_MEASURE: return entry == YOKE__STEP_RECORD__ENTRY_VALUE;
	case YOKE__STEP_KIND__STEP_CHECK: return entry == YOKE__STEP_RECORD__ENTRY_PASS;
	case YOKE__STEP_KIND__STEP_INSPECT: return entry == YOKE__STEP_RECORD__ENTRY_INSPECTION;
	default: return false;
	}
}

const char *
step_kind_name(Yoke__StepKind kind)
{
	switch (kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT: return _("an instruction to confirm");
	case YOKE__STEP_KIND__STEP_SCAN: return _("a component scan");
	case YOKE__STEP_KIND__STEP_MEASURE: return _("a measurement");
	case YOKE__STEP_KIND__STEP_CHECK: return _("a pass/fail check");
	case YOKE__STEP_KIND__STEP_INSPECT: return _("an inspection");
	default: return _("a step of an unknown kind");
	}
}

const char *
step_entry_name(Yoke__StepRecord__EntryCase entry)
{
	switch (entry) {
	case YOKE__STEP_RECORD__ENTRY_CONFIRM: return _("a confirmation");
	case YOKE__STEP_RECORD__ENTRY_SCAN: return _("a scan");
	case YOKE__STEP_RECORD__ENTRY_VALUE: return _("a measured value");
	case YOKE__STEP_RECORD__ENTRY_PASS: return _("a check result");
	case YOKE__STEP_RECORD__ENTRY_INSPECTION: return _("an inspection result");
	default: return _("nothing");
	}
}

void
step_describe(const Yoke__Step *s, char *buf, size_t size)
{
	switch (s->kind) {
	case YOKE__STEP_KIND__STEP_SCAN:
		snprintf(buf, size, _("Scan %s"), s->part);
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		snprintf(buf, size, _("Measure %s"), s->name);
		break;
	default:
		snprintf(buf, size, "%s", s->text ? s->text : "");
	}
}

void
step_frequency_text(const Yoke__Step *s, char *buf, size_t size)
{
	switch (s->frequency) {
	case YOKE__FREQUENCY__FREQ_FIRST_ARTICLE:
		strlcpy_yk(buf, _("first-article"), size);
		break;
	case YOKE__FREQUENCY__FREQ_ONE_IN_N:
		snprintf(buf, size, _("1-in-%u"), s->every_n);
		break;
	default:
		strlcpy_yk(buf, _("every"), size);
	}
}
