/*
 * help_draw.h — the help screen (F1 or @HELP): every scan command with its
 * short forms and every key, from the tables of shared/station_commands.h, in the
 * language the screen speaks. Draws through screen.h.
 */
#ifndef YOKE_HELP_DRAW_H
#define YOKE_HELP_DRAW_H

/* Draws the help into rows [top, bottom) of a window cols wide. */
void help_draw(int top, int bottom, int cols);

#endif
