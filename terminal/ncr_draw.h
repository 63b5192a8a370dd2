/*
 * ncr_draw.h — one NCR and its unit's trace on the screen (the inspector's
 * and the lead's views): the sentences of ncr_detail.h under dim labels,
 * then the unit's last events, as many as the rows hold.
 */
#ifndef YOKE_NCR_DRAW_H
#define YOKE_NCR_DRAW_H

#include "terminal/ncr_detail.h"
#include "terminal/ncr_raise.h"

#include <stdbool.h>

/* Row 1 names the NCR; rows [top, bottom) show it. With `numbered` the
 * components are numbered (a repair picks the one taken out by number). */
void ncr_draw(const struct ncr_detail *d, int top, int bottom, int cols, bool numbered);
/* The NCR's rework operations to pick one from (Ncr.rework_options):
 * number in the list, operation, name, station kind; `pick` (or -1)
 * marked. Row 1 names the NCR. */
void ncr_draw_rework(const Yoke__Ncr *n, int pick, int top, int bottom, int cols);
/* An NCR being raised by hand (ncr_raise.h): while the code is asked the
 * plant's codes (codes, NULL: none to show), else what was answered so far. */
void ncr_draw_raise(const struct ncr_raise *x, const Yoke__DefectsReply *codes, int top, int bottom,
    int cols);
/* The last events of a trace in rows [y, bottom), under a dim heading. */
void ncr_draw_events(const Yoke__TraceReply *t, int y, int bottom, int cols);

#endif
