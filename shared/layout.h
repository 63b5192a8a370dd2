/*
 * layout.h — fitting text into columns: cutting it to a width with an
 * ellipsis, and wrapping it into lines by the rules of Chinese and Latin
 * text. The one place for it: the station screen, yokectl's tables, help
 * and sheets, and yoked --help all lay out text here. Pure code on UTF-8
 * strings, no curses; widths are those of shared/utf8.h (wide CJK
 * characters 2 columns, combining marks 0, a bad byte or a control
 * character 1), which is how terminal/screen.c places every cell.
 *
 * Rules:
 *   - a code point is never split, and a combining mark never leaves its
 *     base ("cluster": a base and the zero-width marks after it);
 *   - text that is cut ends with "…" (U+2026, one column), and the columns
 *     returned are exactly what is drawn: when a wide character does not
 *     fit the last column before the ellipsis, the result is one column
 *     narrower than asked and says so;
 *   - wrapping breaks at spaces (dropped at the break) and between CJK
 *     characters, and obeys kinsoku: closing punctuation (，。、；：？！）」』
 *     ”’》〉】 and ASCII , . ; : ! ? ) ] }) never starts a line, and opening
 *     punctuation (（「『“‘《〈【 and ASCII ( [ {) never ends one. A word wider
 *     than the line is cut between clusters, again never before closing
 *     punctuation unless the line would be left empty (a width of 2 cannot
 *     hold "装，").
 */
#ifndef YOKE_SHARED_LAYOUT_H
#define YOKE_SHARED_LAYOUT_H

#include "shared/utf8.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LAYOUT_ELLIPSIS "\u2026"

/* True for closing punctuation: it must not start a line. */
bool layout_closing(uint32_t cp);
/* True for opening punctuation: it must not end a line. */
bool layout_opening(uint32_t cp);

/*
 * Copies into out (outsize bytes, NUL-terminated) as much of s as fits in
 * cols columns: all of it when it fits, else the longest prefix that fits
 * in cols - 1 columns followed by "…". A prefix is also cut short (with the
 * ellipsis) when out is too small for it. Returns the columns of out.
 */
int layout_clip(const char *s, int cols, char *out, size_t outsize);

/*
 * Wraps s into lines of at most width columns (width >= 2; smaller is taken
 * as 2). A '\n' always ends a line; spaces at a wrapped break are dropped,
 * and so are trailing spaces. Stores at most max lines (byte ranges of s)
 * and returns how many the whole text needs, so a caller can tell it was
 * cut. An empty text is one empty line.
 */
size_t layout_wrap(const char *s, int width, struct utf8_line *lines, size_t max);

#endif
