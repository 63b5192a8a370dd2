/*
 * help_draw.c — see help_draw.h. At 80×24 each whole help fits: the
 * station's title, seven scan commands, eight keys and the rule for short
 * forms; a view's title and its sections of keys. Descriptions are cut
 * with an ellipsis if a translation runs long.
 */
#include "terminal/help_draw.h"

#include "shared/i18n.h"
#include "shared/station_commands.h"
#include "terminal/screen.h"
#include "terminal/view_help.h"

#define WORD_X 2               /* @PASS */
#define SHORT_X 12             /* PASS P Y YES */
#define WHAT_X 27              /* what a command does */
#define KEY_X 2                /* F10, Esc 0, Esc q */
#define KEY_WHAT_X 21          /* what a key does */

/* A view's help: its title, then each section's keys. */
static void
view_help_draw(const struct view_help_section *sec, size_t nsec, const char *title, int top,
    int bottom, int cols)
{
	int y = top;

	if (y < bottom)
		screen_put_fit(y++, 1, cols - 2, SCREEN_ALERT, true, title);
	for (size_t s = 0; s < nsec; s++) {
		y++;
		if (y < bottom)
			screen_put_fit(y++, 1, cols - 2, SCREEN_NORMAL, true, _(sec[s].title));
		for (size_t i = 0; i < sec[s].count && y < bottom; i++, y++) {
			const struct view_key *k = &sec[s].keys[i];
			screen_put_fit(y, KEY_X, KEY_WHAT_X - KEY_X - 1, SCREEN_ALERT, true, view_key_text(k));
			screen_put_fit(y, KEY_WHAT_X, cols - KEY_WHAT_X - 1, SCREEN_NORMAL, false, _(k->what));
		}
	}
}

void
help_draw(enum help_view view, int top, int bottom, int cols)
{
	int y = top;
	char forms[64];

	if (view == HELP_INSPECTOR) {
		view_help_draw(inspector_help, inspector_help_count, _("Help: the inspector's view "
		    "\u2014 scan or type, then Enter"), top, bottom, cols);
		return;
	}
	if (view == HELP_LEAD) {
		view_help_draw(lead_help, lead_help_count, _("Help: the lead's view \u2014 scan or type, "
		    "then Enter"), top, bottom, cols);
		return;
	}
	if (y < bottom)
		screen_put_fit(y++, 1, cols - 2, SCREEN_ALERT, true,
		    _("Help: scan a command's barcode, or type the command and press Enter"));
	y++;
	if (y < bottom)
		screen_put_fit(y++, 1, cols - 2, SCREEN_NORMAL, true, _("Scan commands"));
	for (size_t i = 0; i < command_count && y < bottom; i++, y++) {
		const struct command_info *c = &command_table[i];
		screen_put_fit(y, WORD_X, SHORT_X - WORD_X - 1, SCREEN_ALERT, true, c->word);
		command_short_forms(c, forms, sizeof forms);
		screen_put_fit(y, SHORT_X, WHAT_X - SHORT_X - 1, SCREEN_NORMAL, false, forms);
		screen_put_fit(y, WHAT_X, cols - WHAT_X - 1, SCREEN_NORMAL, false, _(c->what));
	}
	if (y < bottom)
		screen_put_fit(y++, WORD_X, cols - WORD_X - 1, SCREEN_DIM, false,
		    _("Short forms count only at a check or an inspection."));
	y++;
	if (y < bottom)
		screen_put_fit(y++, 1, cols - 2, SCREEN_NORMAL, true, _("Keys"));
	for (size_t i = 0; i < key_count && y < bottom; i++, y++) {
		screen_put_fit(y, KEY_X, KEY_WHAT_X - KEY_X - 1, SCREEN_ALERT, true, key_table[i].keys);
		screen_put_fit(y, KEY_WHAT_X, cols - KEY_WHAT_X - 1, SCREEN_NORMAL, false, _(key_table[i].what));
	}
}
