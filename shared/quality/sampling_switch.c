/*
 * sampling_switch.c — the switching rules of ISO 2859-1 / Z1.4 as a state
 * machine fed lot by lot (the diagram is in sampling.h).
 *
 * Invariants: `recent`, `lots` and `accepted_run` count only lots of the
 * current mode; entering a mode clears them, and entering normal clears the
 * switching score (ISO 2859-1 says the score is set to 0 when normal
 * inspection starts). Only original inspection is fed here: resubmitted
 * lots do not count.
 *
 * ISO switching score increments are recalled, not confirmed (standards.md
 * §8 item 1): with Ac ≥ 2, +3 when the lot would also have been accepted at
 * the AQL one step tighter, else 0; with Ac ≤ 1, +2 when accepted; any lot
 * not accepted sets it to 0.
 */
#include <stdio.h>
#include <string.h>

#include "shared/quality/sampling.h"
#include "shared/i18n.h"

#define Z14_LOTS 10

const char *
sampling_mode_name(enum sampling_mode m)
{
	switch (m) {
	case SAMPLING_MODE_NORMAL: return N_("normal");
	case SAMPLING_MODE_TIGHTENED: return N_("tightened");
	case SAMPLING_MODE_REDUCED: return N_("reduced");
	case SAMPLING_MODE_DISCONTINUED: return N_("discontinued");
	}
	return "?";
}

void
sampling_switch_why(enum sampling_reason reason, long a, long b, char *buf, size_t size)
{
	switch (reason) {
	case SAMPLING_WHY_START:
		snprintf(buf, size, "%s", _("inspection starts at normal"));
		break;
	case SAMPLING_WHY_REJECTED:
		snprintf(buf, size, _("%ld of the last %ld lots on normal were not accepted: "
		    "tightened"), a, b);
		break;
	case SAMPLING_WHY_DISCONTINUE:
		snprintf(buf, size, _("%ld lots not accepted on tightened: discontinued until "
		    "corrective action"), a);
		break;
	case SAMPLING_WHY_TIGHTENED_OK:
		snprintf(buf, size, "%s", _("5 consecutive lots accepted on tightened: normal"));
		break;
	case SAMPLING_WHY_SCORE:
		snprintf(buf, size, _("switching score %ld ≥ 30, production steady, approved: "
		    "reduced"), a);
		break;
	case SAMPLING_WHY_Z14_RUN:
		snprintf(buf, size, _("%ld consecutive lots accepted on normal, %ld nonconforming, "
		    "steady, approved: reduced"), a, b);
		break;
	case SAMPLING_WHY_REDUCED_REJECTED:
		snprintf(buf, size, "%s", _("a lot was not accepted on reduced: normal"));
		break;
	case SAMPLING_WHY_REDUCED_BETWEEN:
		snprintf(buf, size, "%s", _("lot accepted with Ac < d < Re on reduced: normal"));
		break;
	case SAMPLING_WHY_NOT_STEADY:
		snprintf(buf, size, "%s", _("production irregular or delayed: normal"));
		break;
	case SAMPLING_WHY_RESUMED:
		snprintf(buf, size, "%s", _("resumed after corrective action: tightened"));
		break;
	default:
		snprintf(buf, size, "?");
		break;
	}
}

static void
enter(struct sampling_switch *sw, enum sampling_mode m, enum sampling_reason reason, long a,
    long b)
{
	sw->mode = m;
	sw->recent = 0;
	sw->lots = 0;
	sw->accepted_run = 0;
	sw->z14_nonconforming = 0;
	if (m == SAMPLING_MODE_NORMAL)
		sw->score = 0;
	if (m == SAMPLING_MODE_TIGHTENED)
		sw->tightened_rejected = 0;
	sw->reason = reason;
	sw->why_a = a;
	sw->why_b = b;
	sampling_switch_why(reason, a, b, sw->why, sizeof sw->why);
}

void
sampling_switch_init(struct sampling_switch *sw, enum sampling_scheme scheme)
{
	memset(sw, 0, sizeof *sw);
	sw->scheme = scheme;
	sw->z14_limit = -1;
	enter(sw, SAMPLING_MODE_NORMAL, SAMPLING_WHY_START, 0, 0);
}

enum sampling_severity
sampling_switch_severity(const struct sampling_switch *sw)
{
	switch (sw->mode) {
	case SAMPLING_MODE_TIGHTENED: return SAMPLING_TIGHTENED;
	case SAMPLING_MODE_REDUCED: return SAMPLING_REDUCED;
	default: return SAMPLING_NORMAL;
	}
}

void
sampling_switch_resume(struct sampling_switch *sw)
{
	if (sw->mode == SAMPLING_MODE_DISCONTINUED)
		enter(sw, SAMPLING_MODE_TIGHTENED, SAMPLING_WHY_RESUMED, 0, 0);
}

static int
rejected_in_last5(unsigned recent, int lots)
{
	int k = 0, span = lots < 5 ? lots : 5;

	for (int i = 0; i < span; i++)
		k += (recent >> i) & 1;
	return k;
}

static void
update_score(struct sampling_switch *sw, const struct sampling_plan *p, long d, bool accepted)
{
	if (!accepted)
		sw->score = 0;
	else if (p->ac >= 2)
		sw->score = p->ac_tighter >= 0 && d <= p->ac_tighter ? sw->score + 3 : 0;
	else
		sw->score += 2;
}

static void
on_normal(struct sampling_switch *sw, const struct sampling_plan *p,
    const struct sampling_lot *lot, bool accepted)
{
	int bad = rejected_in_last5(sw->recent, sw->lots);

	if (bad >= 2) {
		enter(sw, SAMPLING_MODE_TIGHTENED, SAMPLING_WHY_REJECTED, bad, sw->lots < 5 ? sw->lots : 5);
		return;
	}
	update_score(sw, p, lot->nonconforming, accepted);
	sw->z14_nonconforming = accepted ? sw->z14_nonconforming + lot->nonconforming : 0;
	if (!lot->steady || !lot->approved)
		return;
	if (sw->scheme == SAMPLING_ISO2859 && sw->score >= 30)
		enter(sw, SAMPLING_MODE_REDUCED, SAMPLING_WHY_SCORE, sw->score, 0);
	else if (sw->scheme == SAMPLING_Z14 && sw->accepted_run >= Z14_LOTS &&
	    (sw->z14_limit < 0 || sw->z14_nonconforming <= sw->z14_limit))
		enter(sw, SAMPLING_MODE_REDUCED, SAMPLING_WHY_Z14_RUN, sw->accepted_run,
		    sw->z14_nonconforming);
}

static void
on_tightened(struct sampling_switch *sw, bool accepted)
{
	if (!accepted && ++sw->tightened_rejected >= 5)
		enter(sw, SAMPLING_MODE_DISCONTINUED, SAMPLING_WHY_DISCONTINUE, sw->tightened_rejected, 0);
	else if (sw->accepted_run >= 5)
		enter(sw, SAMPLING_MODE_NORMAL, SAMPLING_WHY_TIGHTENED_OK, 5, 0);
}

static void
on_reduced(struct sampling_switch *sw, const struct sampling_plan *p,
    const struct sampling_lot *lot, bool accepted)
{
	if (!accepted)
		enter(sw, SAMPLING_MODE_NORMAL, SAMPLING_WHY_REDUCED_REJECTED, 0, 0);
	else if (lot->nonconforming > p->ac)
		enter(sw, SAMPLING_MODE_NORMAL, SAMPLING_WHY_REDUCED_BETWEEN, lot->nonconforming, 0);
	else if (!lot->steady)
		enter(sw, SAMPLING_MODE_NORMAL, SAMPLING_WHY_NOT_STEADY, 0, 0);
}

bool
sampling_switch_feed(struct sampling_switch *sw, const struct sampling_plan *p,
    const struct sampling_lot *lot)
{
	bool accepted;

	if (sw->mode == SAMPLING_MODE_DISCONTINUED) {
		snprintf(sw->why, sizeof sw->why, "%s", _("inspection is discontinued: corrective "
		    "action and resume first"));
		return false;
	}
	accepted = sampling_accepts(p, lot->nonconforming);
	sw->lots++;
	sw->recent = ((sw->recent << 1) | (accepted ? 0u : 1u)) & 0x1fu;
	sw->accepted_run = accepted ? sw->accepted_run + 1 : 0;
	sw->why[0] = '\0';
	switch (sw->mode) {
	case SAMPLING_MODE_NORMAL:
		on_normal(sw, p, lot, accepted);
		break;
	case SAMPLING_MODE_TIGHTENED:
		on_tightened(sw, accepted);
		break;
	case SAMPLING_MODE_REDUCED:
		on_reduced(sw, p, lot, accepted);
		break;
	case SAMPLING_MODE_DISCONTINUED:
		break;
	}
	return accepted;
}
