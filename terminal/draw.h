/*
 * draw.h — what the screens of the yoke terminal share when they draw
 * (station_draw.c, inspector_draw.c, lead_draw.c, ncr_draw.c): text
 * centred, wrapped, an age as the shop reads a clock, a list's page line.
 * Everything goes through screen.h, placed by display width.
 */
#ifndef YOKE_DRAW_H
#define YOKE_DRAW_H

#include "terminal/screen.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Text centred on row y (its start at column 0 when it is too wide). */
void draw_centred(int y, int cols, enum screen_role role, bool bold, const char *text);
/* Wrapped text in rows [y, y+maxrows); the last row ends with "…" when the
 * text needs more. Returns the rows used. */
int draw_wrapped(int y, int x, int w, int maxrows, enum screen_role role, bool bold, const char *text);
/* How long ago since_us was: "<1m", "5m", "2h05", "3d", "-" (unknown). */
void draw_age(int64_t since_us, char *buf, size_t size);
/* "page 2 of 3 · 31 items" on row y, when the list has more than one page. */
void draw_page_line(int y, int cols, size_t first, size_t page_rows, size_t count);
/* A label and its text on row y: the label dim in labelw columns, the text
 * after it, wrapped in at most maxrows rows. Returns the rows used. */
int draw_field(int y, int cols, int labelw, const char *label, enum screen_role role,
    const char *text, int maxrows);

#endif
