/*
 * station_text.c — what the station screen says: role and unit status
 * names, one-line step summaries and the prompt for the current step
 * (see station.h). Reads the model, never changes it.
 */
#include "terminal/station.h"
#include "terminal/station_priv.h"
#include "terminal/equipment_step.h"

#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

const char *
station_role_name(Yoke__Role role)
{
	switch (role) {
	case YOKE__ROLE__ROLE_OPERATOR: return _("operator");
	case YOKE__ROLE__ROLE_LEAD: return _("lead");
	case YOKE__ROLE__ROLE_INSPECTOR: return _("inspector");
	case YOKE__ROLE__ROLE_ENGINEER: return _("engineer");
	case YOKE__ROLE__ROLE_ADMIN: return _("admin");
	default: return _("no role");
	}
}

const char *
station_unit_status_name(Yoke__UnitStatus s)
{
	switch (s) {
	case YOKE__UNIT_STATUS__UNIT_QUEUED: return _("queued");
	case YOKE__UNIT_STATUS__UNIT_IN_WORK: return _("in work");
	case YOKE__UNIT_STATUS__UNIT_DONE: return _("done");
	case YOKE__UNIT_STATUS__UNIT_ON_HOLD: return _("on hold");
	case YOKE__UNIT_STATUS__UNIT_FAILED: return _("FAILED");
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED: return _("scrapped");
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

/* A limit as the definitions wrote it: "%g" in the C locale's numbers
 * (i18n_init leaves LC_NUMERIC alone, so the point stays a point). */
static void
fmt_num(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%g", v);
}

const char *
station_offline_text(void)
{
	return _("Server unreachable \u2014 nothing is recorded until it answers; still trying\u2026");
}

void
station_step_summary(const Yoke__StepView *st, char *buf, size_t size)
{
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		snprintf(buf, size, "%s", str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		if (st->from_setup)
			setup_step_summary(st, buf, size);
		else if (st->qty > 1)
			snprintf(buf, size, _("Scan %s \u00d7%u"), str(st->part), st->qty);
		else
			snprintf(buf, size, _("Scan %s"), str(st->part));
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		if (!str_empty(st->unit))
			snprintf(buf, size, _("Measure %s (%s)"), str(st->name), st->unit);
		else
			snprintf(buf, size, _("Measure %s"), str(st->name));
		break;
	case YOKE__STEP_KIND__STEP_CHECK:
		snprintf(buf, size, _("Check: %s"), str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_INSPECT:
		if (st->needs_inspector)
			snprintf(buf, size, _("Inspection: %s (inspector)"), str(st->text));
		else
			snprintf(buf, size, _("Inspection: %s"), str(st->text));
		break;
	default:
		snprintf(buf, size, _("Step of unknown kind %d: %s"), (int)st->kind, str(st->text));
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
	if (sv->ask == STATION_ASK_NONE && sv->mode == STATION_INSPECTOR)
		return inspector_masked(sv);
	if (sv->ask == STATION_ASK_NONE && sv->mode == STATION_LEAD)
		return lead_masked(sv);
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
	const char *verdict = sv->sign_pass ? _("inspection passed") : _("inspection failed");
	switch (sv->ask) {
	case STATION_ASK_BADGE_PIN:
		snprintf(buf, size, _("PIN of badge %s, then Enter (empty line: cancel)"), sv->ask_badge);
		return true;
	case STATION_ASK_SIGN_BADGE:
		snprintf(buf, size, _("Sign \u201c%s\u201d: the inspector scans their badge (@BACK: cancel)"),
		    verdict);
		return true;
	case STATION_ASK_SIGN_PIN:
		snprintf(buf, size, _("Sign \u201c%s\u201d: PIN of badge %s, then Enter (empty: cancel)"),
		    verdict, sv->ask_badge);
		return true;
	case STATION_ASK_PIN_BADGE:
		snprintf(buf, size, "%s", _("Change a PIN: scan the badge (@BACK: cancel)"));
		return true;
	case STATION_ASK_PIN_OLD:
		snprintf(buf, size, _("Change the PIN of badge %s: the current PIN"), sv->ask_badge);
		return true;
	case STATION_ASK_PIN_NEW:
		snprintf(buf, size, _("The new PIN (%d to %d characters)"), 4, 16);
		return true;
	case STATION_ASK_PIN_AGAIN:
		snprintf(buf, size, "%s", _("The new PIN again"));
		return true;
	case STATION_ASK_DEFECT_CODE:
		if (station_defect_count(sv) > 0)
			snprintf(buf, size, "%s", _("Defect: scan its code, type its number, or \u2191 \u2193 "
			    "and Enter"));
		else
			snprintf(buf, size, "%s", _("Defect: scan its code from the defect code sheet"));
		return true;
	case STATION_ASK_DEFECT_LOCATION:
		snprintf(buf, size, _("Defect %s: where, such as U3? Enter: no location"), sv->defect_code);
		return true;
	case STATION_ASK_DEFECT_NOTE:
		snprintf(buf, size, _("Defect %s: a note? Enter: no note"), sv->defect_code);
		return true;
	case STATION_ASK_SETUP:
		setup_ask_prompt(sv, buf, size);
		return true;
	case STATION_ASK_ANDON_TEXT:
	case STATION_ASK_ANDON_STOP:
		alarm_call_prompt(sv, buf, size);
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
		snprintf(buf, size, "%s", _("Unit is held \u2014 press Enter or scan @BACK to return to "
		    "the queue"));
		return;
	}
	if (!st) {
		snprintf(buf, size, "%s", _("All steps done \u2014 completing the operation"));
		return;
	}
	if (gate_prompt(sv, st, buf, size))     /* gauge scan, first article */
		return;
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		snprintf(buf, size, "%s", _("Press Enter or scan @OK when done"));
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		if (st->from_setup)
			setup_step_prompt(sv, st, buf, size);
		else
			snprintf(buf, size, _("Scan %s (%u of %u)"), str(st->part), st->scanned + 1,
			    st->qty ? st->qty : 1);
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		fmt_num(lo, sizeof lo, st->lsl);
		fmt_num(hi, sizeof hi, st->usl);
		fmt_num(tg, sizeof tg, st->target);
		range[0] = '\0';
		if (st->has_lsl && st->has_usl && st->has_target)
			snprintf(range, sizeof range, _("%s \u2013 %s, target %s"), lo, hi, tg);
		else if (st->has_lsl && st->has_usl)
			snprintf(range, sizeof range, "%s \u2013 %s", lo, hi);
		else if (st->has_lsl && st->has_target)
			snprintf(range, sizeof range, _("at least %s, target %s"), lo, tg);
		else if (st->has_lsl)
			snprintf(range, sizeof range, _("at least %s"), lo);
		else if (st->has_usl && st->has_target)
			snprintf(range, sizeof range, _("at most %s, target %s"), hi, tg);
		else if (st->has_usl)
			snprintf(range, sizeof range, _("at most %s"), hi);
		else if (st->has_target)
			snprintf(range, sizeof range, _("target %s"), tg);
		if (st->from_equipment)    /* nothing typed (equipment_step.h) */
			equipment_step_prompt(st, range, buf, size);
		else if (!str_empty(st->unit) && range[0])
			snprintf(buf, size, _("Enter %s in %s  (%s)"), str(st->name), st->unit, range);
		else if (!str_empty(st->unit))
			snprintf(buf, size, _("Enter %s in %s"), str(st->name), st->unit);
		else if (range[0])
			snprintf(buf, size, _("Enter %s  (%s)"), str(st->name), range);
		else
			snprintf(buf, size, _("Enter %s"), str(st->name));
		break;
	case YOKE__STEP_KIND__STEP_CHECK:
		snprintf(buf, size, _("Check: scan @PASS or @FAIL \u2014 %s"), str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_INSPECT:
		if (st->needs_inspector)
			snprintf(buf, size, _("Inspection: scan @PASS or @FAIL, then an inspector signs "
			    "\u2014 %s"), str(st->text));
		else
			snprintf(buf, size, _("Inspection: scan @PASS or @FAIL \u2014 %s"), str(st->text));
		break;
	default:
		snprintf(buf, size, _("This step is of a kind this terminal does not know (%d)"),
		    (int)st->kind);
		break;
	}
}

static size_t
hint(struct station_hint *h, size_t n, size_t max, const char *key, const char *what)
{
	if (n >= max)
		return n;
	h[n] = (struct station_hint){ key, what };
	return n + 1;
}

size_t
station_hints(const struct station_view *sv, struct station_hint *h, size_t max)
{
	const Yoke__StepView *st = current_step(sv);
	/* Where @BACK and Enter lead from a unit: the person's own view. */
	const char *home = sv->role == YOKE__ROLE__ROLE_INSPECTOR ? _("worklist") : _("queue");
	size_t n = 0;

	if (sv->small)
		return 0;
	if (sv->help) {
		if (station_help_pages(sv) > 1)
			n = hint(h, n, max, "PgDn PgUp", _("pages"));
		return hint(h, n, max, "", _("any key or scan: back"));
	}
	if (sv->esc) {
		/* Esc waits for its digit (keys.h). */
		n = hint(h, n, max, "Esc 1", _("help"));
		n = hint(h, n, max, "Esc 0", _("quit"));
		n = hint(h, n, max, "Esc q", _("quit"));
		if (sv->ask != STATION_ASK_NONE || (sv->mode == STATION_INSPECTOR && inspector_asking(sv)) ||
		    (sv->mode == STATION_LEAD && lead_asking(sv)))
			n = hint(h, n, max, "Esc Enter", _("cancel"));
		return hint(h, n, max, "Esc 2-9", _("F2-F9"));
	}
	if (sv->replaced)
		return hint(h, n, max, "F10", _("quit"));
	if (sv->ask == STATION_ASK_DEFECT_CODE && station_defect_count(sv) > 0) {
		n = hint(h, n, max, "\u2191 \u2193", _("choose"));
		n = hint(h, n, max, "Enter", _("pick"));
		n = hint(h, n, max, "@BACK", _("cancel"));
	} else if (sv->ask == STATION_ASK_DEFECT_LOCATION || sv->ask == STATION_ASK_DEFECT_NOTE) {
		n = hint(h, n, max, "Enter", _("skip"));
		n = hint(h, n, max, "@BACK", _("cancel"));
	} else if (sv->ask != STATION_ASK_NONE) {
		n = hint(h, n, max, "@BACK", _("cancel"));
	} else {
		switch (sv->mode) {
		case STATION_BADGE:
			n = hint(h, n, max, "@PIN", _("change a PIN"));
			break;
		case STATION_INSPECTOR:
			n = inspector_hints(sv, h, max > 2 ? max - 2 : 0);
			break;
		case STATION_LEAD:
			n = lead_hints(sv, h, max > 2 ? max - 2 : 0);
			break;
		case STATION_RECEIVING:
			n = receiving_hints(sv, h, max > 2 ? max - 2 : 0);
			break;
		case STATION_QUEUE:
			n = hint(h, n, max, "Enter", _("refresh"));
			if (setup_used(sv))
				n = hint(h, n, max, "@SETUP", _("load a reel"));
			n = hint(h, n, max, "F8", _("call for help"));
			n = hint(h, n, max, "@LOGOUT", _("badge out"));
			n = hint(h, n, max, "@PIN", _("change a PIN"));
			break;
		case STATION_UNIT:
			if (station_unit_held(sv)) {
				n = hint(h, n, max, "Enter", home);
			} else if (st && (st->kind == YOKE__STEP_KIND__STEP_INSTRUCT ||
			    st->from_equipment)) {
				n = hint(h, n, max, "Enter", _("confirm"));
			} else if (st && st->kind == YOKE__STEP_KIND__STEP_SCAN && st->from_setup) {
				n = hint(h, n, max, "Enter", _("take from the setup"));
				n = hint(h, n, max, "@SETUP", _("load a reel"));
			} else if (st && (st->kind == YOKE__STEP_KIND__STEP_CHECK ||
			    st->kind == YOKE__STEP_KIND__STEP_INSPECT)) {
				n = hint(h, n, max, "@PASS", _("passed"));
				n = hint(h, n, max, "@FAIL", _("failed"));
			}
			n = hint(h, n, max, "@BACK", home);
			n = hint(h, n, max, "F8", _("call for help"));
			n = hint(h, n, max, "@LOGOUT", _("badge out"));
			break;
		case STATION_COMPLETE:
			n = hint(h, n, max, "Enter", home);
			n = hint(h, n, max, "@LOGOUT", _("badge out"));
			break;
		}
	}
	n = hint(h, n, max, "F1", _("help"));
	return hint(h, n, max, "F10", _("quit"));
}
