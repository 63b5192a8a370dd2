/* view_help.c — see view_help.h. */
#include "terminal/view_help.h"

#include "shared/i18n.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const struct view_key everywhere[] = {
	{ "@LOGOUT, @PIN", NULL, N_("badge out; change a PIN") },
	{ "F1, Esc 1, @HELP", NULL, N_("this help; any key or scan returns") },
	{ "Esc Enter", NULL, N_("cancel a question (as @BACK)") },
	{ "F10, Esc 0, Esc q", NULL, N_("quit (asks first)") },
};

static const struct view_key worklist[] = {
	{ "\u2191 \u2193, PgUp PgDn", NULL, N_("choose an item, a page at a time") },
	{ "Enter, 1 2 3 \u2026", NULL, N_("open the item chosen, or the one of that number") },
	{ NULL, N_("NCR number, serial"), N_("open that NCR; a unit's serial opens the unit here") },
	{ "F5", NULL, N_("read again (each new NCR rings and reads it at once)") },
	{ "F9, Esc 9", NULL, N_("raise an NCR by hand: unit, defect code, where, note, signed") },
};

static const struct view_key ncr[] = {
	{ "1 2 3 4", NULL, N_("rework, repair, scrap, use as is (the MRB: 2 to 4 sign)") },
	{ "\u2191 \u2193, 1 2 \u2026", NULL, N_("rework: the routing's rework operation, from its list (or "
	    "its own number)") },
	{ "1", NULL, N_("close it, once dispositioned and carried out") },
	{ NULL, N_("badge, PIN"), N_("sign each decision; Enter at the badge is your own") },
	{ "Enter, @BACK", NULL, N_("back to the worklist; @BACK also cancels a question") },
};

static const struct view_key iqc[] = {
	{ "1, 2", NULL, N_("record the sample (each characteristic's defectives); sign the decision "
	    "it makes") },
};

const struct view_help_section inspector_help[] = {
	{ N_("The worklist"), worklist, COUNT(worklist) },
	{ N_("An NCR"), ncr, COUNT(ncr) },
	{ N_("An incoming inspection"), iqc, COUNT(iqc) },
	{ N_("Everywhere"), everywhere, COUNT(everywhere) },
};
const size_t inspector_help_count = COUNT(inspector_help);

static const struct view_key lists[] = {
	{ "F2, Esc 2", NULL, N_("the line monitor: every station; Enter on one to act there") },
	{ "\u2191 \u2193, PgUp PgDn", NULL, N_("choose a hold or an NCR, a page at a time") },
	{ "Enter, 1 2 3 \u2026", NULL, N_("open the one chosen, or the one of that number") },
	{ "F3", NULL, N_("place a hold: unit, work order, component lot, station") },
	{ "F4", NULL, N_("the line's open NCRs, or the holds again") },
	{ "F5", NULL, N_("read again (each notice reads them too)") },
	{ NULL, N_("unit serial"), N_("where the unit is, and how to move it off a station") },
	{ "F6", NULL, N_("take the unit shown off its station: a reason, signed") },
	{ "F7", NULL, N_("the CAPAs in work (overdue ones in red), or the holds again") },
	{ "F8, Esc 8", NULL, N_("the alarms, raised ones first: open one, type the cause and the "
	    "action to acknowledge it (signed), or what was done to resolve it") },
	{ "F9, Esc 9", NULL, N_("raise an NCR by hand (on the unit shown): defect code, where, note, "
	    "signed") },
};

static const struct view_key a_capa[] = {
	{ "\u2191 \u2193, PgUp PgDn", NULL, N_("scroll its record: containment, root cause and whys, "
	    "action, owner, due, implemented, verified, effectiveness") },
	{ "Enter, @BACK", NULL, N_("back to the CAPAs; a CAPA moves on with yokectl capa") },
};

static const struct view_key a_hold[] = {
	{ NULL, N_("reason, Enter"), N_("release the hold shown, for this reason") },
	{ NULL, N_("badge, PIN"), N_("sign a hold or a release; Enter at the badge is your own") },
	{ "Enter, @BACK", NULL, N_("back to the list; @BACK also cancels a question") },
};

const struct view_help_section lead_help[] = {
	{ N_("Holds and NCRs"), lists, COUNT(lists) },
	{ N_("A hold"), a_hold, COUNT(a_hold) },
	{ N_("A CAPA"), a_capa, COUNT(a_capa) },
	{ N_("Everywhere"), everywhere, COUNT(everywhere) },
};
const size_t lead_help_count = COUNT(lead_help);

const char *
view_key_text(const struct view_key *k)
{
	return k->keys ? k->keys : _(k->words);
}
