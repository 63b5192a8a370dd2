/*
 * help_draw.h — the help screen (F1 or @HELP) of the view shown: the
 * station's every scan command with its short forms and every key, from
 * the tables of shared/station_commands.h; the inspector's and the lead's
 * keys from view_help.h. In the language the screen speaks; draws through
 * screen.h.
 */
#ifndef YOKE_HELP_DRAW_H
#define YOKE_HELP_DRAW_H

enum help_view {
	HELP_STATION = 0,
	HELP_INSPECTOR,
	HELP_LEAD,
};

/* How many pages the help of `view` takes in `rows` rows. */
int help_pages(enum help_view view, int rows);
/* Draws page `page` (from 0) of the help of `view` into rows [top,
 * bottom) of a window cols wide. A help of more than one page repeats its
 * title on each and says on its last row how to turn it. */
void help_draw(enum help_view view, int page, int top, int bottom, int cols);

#endif
