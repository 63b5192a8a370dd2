/*
 * help_draw.c — see help_draw.h. The help is laid out as a list of lines
 * (a title, section headings, one line per command or key) and shown a
 * page at a time: at 80×24 the station's help fits on one page, the
 * lead's and the inspector's take two. Descriptions are cut with an
 * ellipsis if a translation runs long.
 */
#include "terminal/help_draw.h"

#include "shared/i18n.h"
#include "shared/station_commands.h"
#include "terminal/screen.h"
#include "terminal/view_help.h"

#include <stdio.h>

#define WORD_X 2               /* @PASS */
#define SHORT_X 12             /* PASS P Y YES */
#define WHAT_X 27              /* what a command does */
#define KEY_X 2                /* F10, Esc 0, Esc q */
#define KEY_WHAT_X 21          /* what a key does */

enum line_kind { L_TITLE, L_HEADING, L_BLANK, L_COMMAND, L_NOTE, L_KEY, L_VIEW_KEY };

struct help_line {
	enum line_kind kind;
	const void *item;          /* command_info, key_info or view_key */
	const char *text;          /* title, heading or note (translated) */
};

#define HELP_LINES_MAX 80

static size_t
add(struct help_line *l, size_t n, enum line_kind kind, const void *item, const char *text)
{
	if (n < HELP_LINES_MAX)
		l[n++] = (struct help_line){ kind, item, text };
	return n;
}

static size_t
view_lines(struct help_line *l, const struct view_help_section *sec, size_t nsec, const char *title)
{
	size_t n = add(l, 0, L_TITLE, NULL, title);
	for (size_t s = 0; s < nsec; s++) {
		n = add(l, n, L_BLANK, NULL, NULL);
		n = add(l, n, L_HEADING, NULL, _(sec[s].title));
		for (size_t i = 0; i < sec[s].count; i++)
			n = add(l, n, L_VIEW_KEY, &sec[s].keys[i], NULL);
	}
	return n;
}

static size_t
lines_of(enum help_view view, struct help_line *l)
{
	size_t n;

	if (view == HELP_INSPECTOR)
		return view_lines(l, inspector_help, inspector_help_count, _("Help: the inspector's "
		    "view \u2014 scan or type, then Enter"));
	if (view == HELP_LEAD)
		return view_lines(l, lead_help, lead_help_count, _("Help: the lead's view \u2014 scan or "
		    "type, then Enter"));
	n = add(l, 0, L_TITLE, NULL, _("Help: scan a command's barcode, or type the command and "
	    "press Enter"));
	n = add(l, n, L_BLANK, NULL, NULL);
	n = add(l, n, L_HEADING, NULL, _("Scan commands"));
	for (size_t i = 0; i < command_count; i++)
		n = add(l, n, L_COMMAND, &command_table[i], NULL);
	for (size_t i = 0; i < alarm_command_count; i++)
		n = add(l, n, L_COMMAND, &alarm_command_table[i], NULL);
	n = add(l, n, L_NOTE, NULL, _("Short forms count only at a check or an inspection."));
	n = add(l, n, L_BLANK, NULL, NULL);
	n = add(l, n, L_HEADING, NULL, _("Keys"));
	for (size_t i = 0; i < key_count; i++)
		n = add(l, n, L_KEY, &key_table[i], NULL);
	return n;
}

int
help_pages(enum help_view view, int rows)
{
	struct help_line l[HELP_LINES_MAX];
	int n = (int)lines_of(view, l);
	if (rows < 2)
		return 1;
	/* Each page after the first repeats the title and ends with "1/2". */
	return n <= rows ? 1 : (n - 1 + (rows - 2) - 1) / (rows - 2);
}

static void
draw_line(const struct help_line *l, int y, int cols)
{
	char forms[64];

	switch (l->kind) {
	case L_TITLE:
		screen_put_fit(y, 1, cols - 2, SCREEN_ALERT, true, l->text);
		break;
	case L_HEADING:
		screen_put_fit(y, 1, cols - 2, SCREEN_NORMAL, true, l->text);
		break;
	case L_NOTE:
		screen_put_fit(y, WORD_X, cols - WORD_X - 1, SCREEN_DIM, false, l->text);
		break;
	case L_COMMAND: {
		const struct command_info *c = l->item;
		screen_put_fit(y, WORD_X, SHORT_X - WORD_X - 1, SCREEN_ALERT, true, c->word);
		command_short_forms(c, forms, sizeof forms);
		screen_put_fit(y, SHORT_X, WHAT_X - SHORT_X - 1, SCREEN_NORMAL, false, forms);
		screen_put_fit(y, WHAT_X, cols - WHAT_X - 1, SCREEN_NORMAL, false, _(c->what));
		break;
	}
	case L_KEY: {
		const struct key_info *k = l->item;
		screen_put_fit(y, KEY_X, KEY_WHAT_X - KEY_X - 1, SCREEN_ALERT, true, k->keys);
		screen_put_fit(y, KEY_WHAT_X, cols - KEY_WHAT_X - 1, SCREEN_NORMAL, false, _(k->what));
		break;
	}
	case L_VIEW_KEY: {
		const struct view_key *k = l->item;
		screen_put_fit(y, KEY_X, KEY_WHAT_X - KEY_X - 1, SCREEN_ALERT, true, view_key_text(k));
		screen_put_fit(y, KEY_WHAT_X, cols - KEY_WHAT_X - 1, SCREEN_NORMAL, false, _(k->what));
		break;
	}
	case L_BLANK:
		break;
	}
}

void
help_draw(enum help_view view, int page, int top, int bottom, int cols)
{
	struct help_line l[HELP_LINES_MAX];
	int n = (int)lines_of(view, l), rows = bottom - top;
	int pages = help_pages(view, rows), y = top, first, last;
	char count[32], foot[160];

	if (page < 0 || page >= pages)
		page = 0;
	if (pages == 1) {
		for (int i = 0; i < n && y < bottom; i++)
			draw_line(&l[i], y++, cols);
		return;
	}
	/* A page: the title, rows - 2 lines of the rest, then "page k of n". */
	first = 1 + page * (rows - 2);
	last = first + rows - 2;
	draw_line(&l[0], y++, cols);
	for (int i = first; i < last && i < n; i++)
		draw_line(&l[i], y++, cols);
	snprintf(count, sizeof count, "%d/%d", page + 1, pages);
	/* TRANSLATORS: the last row of a help that takes more than one page;
	 * %s is "1/2" */
	snprintf(foot, sizeof foot, page + 1 < pages ? _("PgDn: more (%s)") : _("PgUp: back (%s)"),
	    count);
	screen_put_fit(bottom - 1, 1, cols - 2, SCREEN_DIM, false, foot);
}
