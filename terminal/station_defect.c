/*
 * station_defect.c — what went wrong, asked when a unit fails at this
 * terminal (see station.h): the plant's defect codes (DefectsQuery, asked
 * once after badge-in), the three questions (code, location, note) and the
 * failing entry they go out with. No curses here either; station_draw.c
 * shows the list while the code is asked.
 */
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
station_drop_defects(struct station_view *sv)
{
	if (sv->defects)
		yoke__defects_reply__free_unpacked(sv->defects, NULL);
	sv->defects = NULL;
	sv->defects_known = false;
	sv->want_defects = false;
}

/* The answer to DefectsQuery: the list, or (refused, an older server) none
 * known, and the server asks for a code when a failure needs one. */
void
station_on_defects(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_DEFECTS ||
	    !rp->defects) {
		if (sv->defects)
			yoke__defects_reply__free_unpacked(sv->defects, NULL);
		sv->defects = NULL;
		sv->defects_known = false;
		return;
	}
	if (sv->defects)
		yoke__defects_reply__free_unpacked(sv->defects, NULL);
	sv->defects = pb_copy(&rp->defects->base);
	sv->defects_known = sv->defects != NULL;
	if (sv->defect_pick >= 0 && (!sv->defects || (size_t)sv->defect_pick >= sv->defects->n_defects))
		sv->defect_pick = -1;
	sv->dirty = true;
}

size_t
station_defect_count(const struct station_view *sv)
{
	return sv->defects_known && sv->defects ? sv->defects->n_defects : 0;
}

bool
station_asking_defect(const struct station_view *sv)
{
	return sv->ask == STATION_ASK_DEFECT_CODE || sv->ask == STATION_ASK_DEFECT_LOCATION ||
	    sv->ask == STATION_ASK_DEFECT_NOTE;
}

/* Starts the questions about a failure. */
static void
ask_code(struct station_view *sv, enum station_failing what)
{
	drop_ask(sv);
	sv->failing = what;
	sv->ask = STATION_ASK_DEFECT_CODE;
	sv->dirty = true;
}

/* The failure, described or not, goes out. */
static bool
send_failure(struct station_view *sv, struct station_request *r)
{
	const Yoke__StepView *st = current_step(sv);

	sv->have_defect = sv->defect_code[0] != '\0';
	switch (sv->failing) {
	case STATION_FAILING_CHECK:
	case STATION_FAILING_INSPECTION:
		sv->sign_pass = false;
		if (sv->have_defect)
			say(sv, STATION_TONE_WAIT, _("Failing with defect %s\u2026"), sv->defect_code);
		else
			sv->message[0] = '\0';
		return station_verdict_ready(sv, r);
	case STATION_FAILING_VALUE:
		if (!st || st->kind != YOKE__STEP_KIND__STEP_MEASURE)
			break;
		station_req_step(sv, r, STATION_FAILING_VALUE);
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
		r->step.value = sv->fail_value;
		say(sv, STATION_TONE_WAIT, _("Sending %s = %s with defect %s\u2026"), str(st->name),
		    sv->entry, sv->defect_code);
		drop_ask(sv);
		return true;
	case STATION_FAILING_NONE:
		break;
	}
	drop_ask(sv);
	return false;
}

bool
station_fail(struct station_view *sv, enum station_failing what, struct station_request *r)
{
	const Yoke__StepView *st = current_step(sv);

	/* No codes in the plant, or a list this terminal could not read: the
	 * failure goes as it is, and the server asks for a code if it needs one. */
	if (station_defect_count(sv) == 0) {
		drop_ask(sv);
		sv->failing = what;
		return send_failure(sv, r);
	}
	ask_code(sv, what);
	if (st && what == STATION_FAILING_CHECK)
		say(sv, STATION_TONE_INFO, _("Failing the check \u201c%s\u201d: what is wrong?"), str(st->text));
	else if (st && what == STATION_FAILING_INSPECTION)
		say(sv, STATION_TONE_INFO, _("Failing the inspection \u201c%s\u201d: what is wrong?"),
		    str(st->text));
	return false;
}

void
station_defect_required(struct station_view *sv, enum station_failing what, const Yoke__Reply *rp)
{
	ask_code(sv, what);
	if (!str_empty(rp->message))
		say(sv, STATION_TONE_ERROR, "%s", rp->message);
	else
		say(sv, STATION_TONE_ERROR, "%s", _("This failure needs a defect code: scan it from the "
		    "defect code sheet"));
	if (!sv->defects_known)
		sv->want_defects = true;     /* perhaps it can be read now */
}

const Yoke__DefectCode *
station_defect_find(const Yoke__DefectsReply *d, const char *line)
{
	size_t n = d ? d->n_defects : 0;
	const char *p = line;
	const Yoke__DefectCode *loose = NULL;

	/* A code as it is defined wins (a sheet's scan, a code of digits);
	 * then a code typed in other case, when only one code matches so;
	 * then a number in the list. */
	for (size_t i = 0; i < n; i++)
		if (strcmp(str(d->defects[i]->code), line) == 0)
			return d->defects[i];
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(str(d->defects[i]->code), line) == 0) {
			if (loose)
				return NULL;
			loose = d->defects[i];
		}
	if (loose)
		return loose;
	if (*p >= '0' && *p <= '9' && strlen(line) <= 4) {
		unsigned long k = 0;
		for (; *p >= '0' && *p <= '9'; p++)
			k = k * 10 + (unsigned long)(*p - '0');
		if (*p == '\0')
			return k >= 1 && k <= n ? d->defects[k - 1] : NULL;
	}
	return NULL;
}

const Yoke__DefectsReply *
station_defect_list(const struct station_view *sv)
{
	return station_defect_count(sv) > 0 ? sv->defects : NULL;
}

static bool
answer_code(struct station_view *sv, const char *line, struct station_request *r)
{
	size_t n = station_defect_count(sv);
	const Yoke__DefectCode *d = NULL;

	(void)r;
	if (line[0] == '\0') {
		if (sv->defect_pick >= 0 && (size_t)sv->defect_pick < n) {
			d = sv->defects->defects[sv->defect_pick];
		} else {
			say(sv, STATION_TONE_ERROR, n ? _("Expected a defect code: scan it, type its number "
			    "in the list, or pick it with \u2191 \u2193 and Enter (@BACK: cancel)") :
			    _("Expected a defect code: scan it from the defect code sheet (@BACK: cancel)"));
			return false;
		}
	} else if (line[0] == '@') {
		say(sv, STATION_TONE_ERROR, _("Expected a defect code, got the command \"%s\""), line);
		return false;
	} else if (n > 0 && (d = station_defect_find(sv->defects, line)) == NULL) {
		say(sv, STATION_TONE_ERROR, _("Unknown defect code \"%s\": scan one from the defect code "
		    "sheet, or type its number in the list"), line);
		return false;
	} else if (strlen(line) >= sizeof sv->defect_code) {
		say(sv, STATION_TONE_ERROR, _("Expected a defect code of at most %d characters"),
		    (int)sizeof sv->defect_code - 1);
		return false;
	}
	copy(sv->defect_code, sizeof sv->defect_code, d ? d->code : line);
	sv->ask = STATION_ASK_DEFECT_LOCATION;
	if (d && !str_empty(d->text))
		say(sv, STATION_TONE_INFO, _("Defect %s: %s"), sv->defect_code, d->text);
	else
		say(sv, STATION_TONE_INFO, _("Defect %s"), sv->defect_code);
	return false;
}

bool
station_defect_answer(struct station_view *sv, const char *line, struct station_request *r)
{
	switch (sv->ask) {
	case STATION_ASK_DEFECT_CODE:
		return answer_code(sv, line, r);
	case STATION_ASK_DEFECT_LOCATION:
		if (command_of(line, false) != COMMAND_NONE) {
			say(sv, STATION_TONE_ERROR, _("Expected where the defect is, such as U3, or Enter for "
			    "none; got the command \"%s\""), line);
			return false;
		}
		if (strlen(line) >= sizeof sv->defect_location) {
			say(sv, STATION_TONE_ERROR, _("Expected a location of at most %d characters"),
			    (int)sizeof sv->defect_location - 1);
			return false;
		}
		copy(sv->defect_location, sizeof sv->defect_location, line);
		sv->ask = STATION_ASK_DEFECT_NOTE;
		sv->dirty = true;
		return false;
	case STATION_ASK_DEFECT_NOTE:
		if (command_of(line, false) != COMMAND_NONE) {
			say(sv, STATION_TONE_ERROR, _("Expected a note, or Enter for none; got the command "
			    "\"%s\""), line);
			return false;
		}
		copy(sv->defect_note, sizeof sv->defect_note, line);
		return send_failure(sv, r);
	default:
		return false;
	}
}

void
station_on_arrow(struct station_view *sv, int delta)
{
	int n = (int)station_defect_count(sv);

	if (sv->ask == STATION_ASK_NONE && sv->mode == STATION_INSPECTOR) {
		inspector_on_arrow(sv, delta);
		return;
	}
	if (sv->ask == STATION_ASK_NONE && sv->mode == STATION_LEAD) {
		lead_on_arrow(sv, delta);
		return;
	}
	if (sv->ask != STATION_ASK_DEFECT_CODE || n == 0 || delta == 0)
		return;
	if (sv->defect_pick < 0)
		sv->defect_pick = delta > 0 ? 0 : n - 1;
	else
		sv->defect_pick += delta > 0 ? 1 : -1;
	if (sv->defect_pick < 0)
		sv->defect_pick = 0;
	if (sv->defect_pick >= n)
		sv->defect_pick = n - 1;
	sv->dirty = true;
}

void
station_on_cancel(struct station_view *sv)
{
	bool failing = sv->failing != STATION_FAILING_NONE;

	if (sv->ask == STATION_ASK_NONE && sv->mode == STATION_INSPECTOR) {
		inspector_on_cancel(sv);
		return;
	}
	if (sv->ask == STATION_ASK_NONE && sv->mode == STATION_LEAD) {
		lead_on_cancel(sv);
		return;
	}
	if (sv->ask == STATION_ASK_NONE)
		return;
	drop_ask(sv);
	if (failing)
		say(sv, STATION_TONE_INFO, "%s", _("Cancelled: nothing was sent, the unit stays at this "
		    "step"));
	else
		say(sv, STATION_TONE_INFO, "%s", _("Cancelled"));
}
