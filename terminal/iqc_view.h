/*
 * iqc_view.h — an inspection lot at the inspector's terminal (incoming
 * inspection, server/iqc/iqc.h). Logic only, without curses
 * (iqc_draw.c draws it); a screen of the inspector's view (inspector.h),
 * opened from the worklist (an item "incoming inspection", or its number
 * IQC-000001 scanned):
 *
 *   IQC    the lot, its plan (level, AQL, severity, code letter, n, Ac/Re
 *          or 100 %), why the supplier + part is at that severity, the
 *          characteristics with the defectives recorded, the verdict:
 *            1  record the sample: COUNT asks each characteristic in turn
 *               (Enter: 0), then IqcRecord goes; the server's verdict is
 *               shown
 *            2  decide, once recorded: SIGN (signing.h, one inspector)
 *               confirms the server's verdict, accept or reject; the
 *               answer shows the lot released, or quarantined with its NCR
 *          Enter or @BACK: the worklist.
 *
 * @BACK, or Esc then Enter, drops a question with nothing sent.
 */
#ifndef YOKE_IQC_VIEW_H
#define YOKE_IQC_VIEW_H

#include "proto/yoke.pb-c.h"
#include "terminal/signing.h"

#include <stdbool.h>
#include <stddef.h>

#define IQC_VIEW_NUMBER 24         /* IQC-000001, NUL included */
#define IQC_VIEW_CHECKS 16         /* characteristics (the definitions' limit) */

struct station_view;
struct station_request;
struct station_hint;

enum iqc_view_ask {
	IQC_VIEW_ASK_NONE = 0,
	IQC_VIEW_ASK_COUNT,            /* defectives of characteristic `field` */
	IQC_VIEW_ASK_SIGN,             /* the decision's signature */
};

enum iqc_view_pending {
	IQC_VIEW_PENDING_NONE = 0,
	IQC_VIEW_PENDING_READ,
	IQC_VIEW_PENDING_RECORD,
	IQC_VIEW_PENDING_DECIDE,
};

struct iqc_view {
	char number[IQC_VIEW_NUMBER];  /* "" when none is open */
	Yoke__InspectionLot *il;       /* owned deep copy, NULL until read */
	bool want_read;
	enum iqc_view_ask ask;
	size_t field;                  /* COUNT: which characteristic */
	uint32_t counts[IQC_VIEW_CHECKS];
	bool accept;                   /* SIGN: the verdict signed */
	struct signing sign;
	enum iqc_view_pending pending;
	/* Storage of the request being sent (station_request points here). */
	Yoke__IqcQuery query;
	Yoke__IqcRecord record;
	Yoke__IqcDecide decide;
	Yoke__IqcResult results[IQC_VIEW_CHECKS];
	Yoke__IqcResult *result_list[IQC_VIEW_CHECKS];
	Yoke__Signature signature;
	char sign_badge[SIGNING_BADGE];
	char sign_pin[INPUT_MAX + 1];
};

/* Opens an inspection lot by its number (read when the client is free). */
void iqc_view_open(struct iqc_view *v, const char *number);
/* Forgets it, secrets wiped. */
void iqc_view_drop(struct iqc_view *v);
bool iqc_view_asking(const struct iqc_view *v);
bool iqc_view_masked(const struct iqc_view *v);
/* The next request, when the client is free: true and r filled. */
bool iqc_view_next_request(struct station_view *sv, struct iqc_view *v, struct station_request *r);
/* A line on the screen; *leave set when it asks for the worklist. True
 * when r holds a request to send. */
bool iqc_view_on_line(struct station_view *sv, struct iqc_view *v, const char *line,
    struct station_request *r, bool *leave);
/* The answer to the view's request (IQC_VIEW_PENDING_*). */
void iqc_view_on_reply(struct station_view *sv, struct iqc_view *v, const Yoke__Reply *rp);
/* Esc then Enter: drops the question. */
void iqc_view_cancel(struct station_view *sv, struct iqc_view *v);
void iqc_view_prompt(const struct iqc_view *v, char *buf, size_t size);
size_t iqc_view_hints(const struct iqc_view *v, struct station_hint *h, size_t n, size_t max);
/* The severity in words ("tightened"). */
const char *iqc_view_mode_name(Yoke__IqcMode m);
/* Draws it into rows [top, bottom) and its title on row 1 (iqc_draw.c). */
void iqc_view_draw(const struct iqc_view *v, int top, int bottom, int cols);

#endif
