/*
 * station_text.c — what the station screen says: role and unit status
 * names, one-line step summaries and the prompt for the current step
 * (see station.h). Reads the model, never changes it.
 */
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/util.h"

#include <stdio.h>
#include <string.h>

const char *
station_role_name(Yoke__Role role)
{
	switch (role) {
	case YOKE__ROLE__ROLE_OPERATOR: return "operator";
	case YOKE__ROLE__ROLE_LEAD: return "lead";
	case YOKE__ROLE__ROLE_INSPECTOR: return "inspector";
	case YOKE__ROLE__ROLE_ENGINEER: return "engineer";
	case YOKE__ROLE__ROLE_ADMIN: return "admin";
	default: return "no role";
	}
}

const char *
station_unit_status_name(Yoke__UnitStatus s)
{
	switch (s) {
	case YOKE__UNIT_STATUS__UNIT_QUEUED: return "queued";
	case YOKE__UNIT_STATUS__UNIT_IN_WORK: return "in work";
	case YOKE__UNIT_STATUS__UNIT_DONE: return "done";
	case YOKE__UNIT_STATUS__UNIT_ON_HOLD: return "on hold";
	case YOKE__UNIT_STATUS__UNIT_FAILED: return "FAILED";
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED: return "scrapped";
	default: return "?";
	}
}

bool
station_unit_held(const struct station_view *sv)
{
	return sv->unit && (sv->unit->status == YOKE__UNIT_STATUS__UNIT_FAILED ||
	    sv->unit->status == YOKE__UNIT_STATUS__UNIT_ON_HOLD ||
	    sv->unit->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED);
}

static void
fmt_num(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%g", v);
}

void
station_step_summary(const Yoke__StepView *st, char *buf, size_t size)
{
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		snprintf(buf, size, "%s", str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		if (st->qty > 1)
			snprintf(buf, size, "Scan %s \u00d7%u", str(st->part), st->qty);
		else
			snprintf(buf, size, "Scan %s", str(st->part));
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		if (!str_empty(st->unit))
			snprintf(buf, size, "Measure %s (%s)", str(st->name), st->unit);
		else
			snprintf(buf, size, "Measure %s", str(st->name));
		break;
	case YOKE__STEP_KIND__STEP_CHECK:
		snprintf(buf, size, "Check: %s", str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_INSPECT:
		snprintf(buf, size, "Inspection: %s%s", str(st->text),
		    st->needs_inspector ? " (inspector)" : "");
		break;
	default:
		snprintf(buf, size, "Step of unknown kind %d: %s", (int)st->kind, str(st->text));
		break;
	}
	/* Instruction text may hold line breaks; a list line shows none. */
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

bool
station_masked(const struct station_view *sv)
{
	switch (sv->ask) {
	case STATION_ASK_BADGE_PIN:
	case STATION_ASK_SIGN_PIN:
	case STATION_ASK_PIN_OLD:
	case STATION_ASK_PIN_NEW:
	case STATION_ASK_PIN_AGAIN:
		return true;
	default:
		return false;
	}
}

bool
station_ask_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const char *verdict = sv->sign_pass ? "inspection passed" : "inspection failed";
	switch (sv->ask) {
	case STATION_ASK_BADGE_PIN:
		snprintf(buf, size, "PIN of badge %s, then Enter (empty line: cancel)", sv->ask_badge);
		return true;
	case STATION_ASK_SIGN_BADGE:
		snprintf(buf, size, "Sign \u201c%s\u201d: the inspector scans their badge (@BACK: cancel)",
		    verdict);
		return true;
	case STATION_ASK_SIGN_PIN:
		snprintf(buf, size, "Sign \u201c%s\u201d: PIN of badge %s, then Enter (empty: cancel)",
		    verdict, sv->ask_badge);
		return true;
	case STATION_ASK_PIN_BADGE:
		snprintf(buf, size, "Change a PIN: scan the badge (@BACK: cancel)");
		return true;
	case STATION_ASK_PIN_OLD:
		snprintf(buf, size, "Change the PIN of badge %s: the current PIN", sv->ask_badge);
		return true;
	case STATION_ASK_PIN_NEW:
		snprintf(buf, size, "The new PIN (%d to %d characters)", 4, 16);
		return true;
	case STATION_ASK_PIN_AGAIN:
		snprintf(buf, size, "The new PIN again");
		return true;
	case STATION_ASK_NONE:
		break;
	}
	return false;
}

void
station_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const Yoke__StepView *st = current_step(sv);
	char lo[32], hi[32], tg[32], range[128];

	buf[0] = '\0';
	if (station_ask_prompt(sv, buf, size))
		return;
	if (!sv->unit)
		return;
	if (station_unit_held(sv)) {
		snprintf(buf, size, "Unit is held \u2014 press Enter or scan @BACK to return to the queue");
		return;
	}
	if (!st) {
		snprintf(buf, size, "All steps done \u2014 completing the operation");
		return;
	}
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		snprintf(buf, size, "Press Enter or scan @OK when done");
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		snprintf(buf, size, "Scan %s (%u of %u)", str(st->part), st->scanned + 1,
		    st->qty ? st->qty : 1);
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		fmt_num(lo, sizeof lo, st->lsl);
		fmt_num(hi, sizeof hi, st->usl);
		fmt_num(tg, sizeof tg, st->target);
		range[0] = '\0';
		if (st->has_lsl && st->has_usl)
			snprintf(range, sizeof range, "%s \u2013 %s", lo, hi);
		else if (st->has_lsl)
			snprintf(range, sizeof range, "at least %s", lo);
		else if (st->has_usl)
			snprintf(range, sizeof range, "at most %s", hi);
		if (st->has_target) {
			size_t n = strlen(range);
			snprintf(range + n, sizeof range - n, "%starget %s", n ? ", " : "", tg);
		}
		snprintf(buf, size, "Enter %s%s%s%s%s%s", str(st->name),
		    str_empty(st->unit) ? "" : " in ", str(st->unit),
		    range[0] ? "  (" : "", range, range[0] ? ")" : "");
		break;
	case YOKE__STEP_KIND__STEP_CHECK:
		snprintf(buf, size, "Check: scan @PASS or @FAIL \u2014 %s", str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_INSPECT:
		if (st->needs_inspector)
			snprintf(buf, size, "Inspection: scan @PASS or @FAIL, then an inspector signs "
			    "\u2014 %s", str(st->text));
		else
			snprintf(buf, size, "Inspection: scan @PASS or @FAIL \u2014 %s", str(st->text));
		break;
	default:
		snprintf(buf, size, "This step is of a kind this terminal does not know (%d)",
		    (int)st->kind);
		break;
	}
}
