/*
 * table.h — yokectl's aligned listings (units, queue, trace, keys list),
 * aligned by display width.
 *
 * A terminal shows a CJK character in two columns and a combining mark in
 * none, so printf's "%-20s" (which counts bytes) pushes every cell after a
 * Chinese name out of line, and "%.20s" may cut a character in half. Here
 * a cell's width is its display width, from the same built-in table the
 * station terminal uses (shared/utf8.h, East Asian Wide and Fullwidth = 2),
 * so the result does not depend on the machine's locale; a text that does
 * not fit its column is cut at a character boundary and ends with "…".
 *
 * A table is collected first and printed at the end, so each column is as
 * wide as its widest cell (or heading), up to the column's limit. Cells
 * are copied; the caller's strings may go away after table_row.
 */
#ifndef YOKE_CTL_TABLE_H
#define YOKE_CTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TABLE_COLS_MAX 12
#define TABLE_GAP 2              /* spaces between two columns */

/*
 * Fits s into `width` display columns and writes it to out (size bytes,
 * always NUL-terminated), cut with "…" as layout_clip does (shared/layout.h:
 * never splitting a character, combining marks kept with their base), and
 * with pad, spaces fill
 * the cell up to width. Returns the display columns written (padding
 * included). width < 1 gives "". When out is too small for the result the
 * text is cut further (still at a character boundary).
 */
int table_fit(char *out, size_t size, const char *s, int width, bool pad);

/* Prints s fitted and padded to width columns (table_fit), for the
 * label column of a "label  value" listing. */
void table_put(FILE *f, const char *s, int width);

struct table;

/* A table of ncols columns (1..TABLE_COLS_MAX). Never NULL. */
struct table *table_new(int ncols);
/* Column col's heading (translated by the caller) and its widest allowed
 * width in display columns (0: as wide as its widest cell). */
void table_column(struct table *t, int col, const char *heading, int max_width);
/* Adds a row of ncols cells; a NULL cell is empty. */
void table_row(struct table *t, const char *const *cells);
/* The heading line, then every row. The last column is not padded, so no
 * line ends with spaces. */
void table_print(const struct table *t, FILE *f);
void table_free(struct table *t);

#endif
