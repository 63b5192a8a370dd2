/*
 * receiving.h — the RECEIVING station's view at the yoke terminal: an
 * operator badged in at a station of kind RECEIVING receives lots at the
 * dock. Logic only, without curses (receiving_draw.c draws it), driven by
 * the station model (station.h) as the mode STATION_RECEIVING.
 *
 * One lot, question by question (@BACK drops the lot, nothing sent):
 *
 *   LABEL     scan the supplier's label (GS1: ]C1 with GS, (01)..., a
 *             Digital Link); read here with the server's own reader
 *             (shared/label/supplier_label.h), so only what it lacks is
 *             asked next
 *   PO        the purchase order, scanned or typed (skipped when the
 *             label has (400)); Enter: none
 *   LOT       the supplier's lot, when the label has no (10)
 *   QTY       the quantity delivered, when it has no (30) or (37)
 *   EXPIRY    YYYY-MM-DD, when it has no (17); Enter: none
 *   SUPPLIER  the supplier's code; Enter: the part's only supplier
 *
 * Then LotReceive. The answer shows the lot (yoke's id, part, supplier,
 * lot, quantity, expiry) and whether it was received before ("already
 * received": the same lot, nothing new), and writes its internal lot label
 * as ZPL (and a QR PNG) into $YOKE_LABEL_DIR (default lot-labels), whose
 * code PART/L-000001 a station accepts at a component scan. A refusal is
 * shown in the server's words and the next scan starts a new lot.
 */
#ifndef YOKE_RECEIVING_H
#define YOKE_RECEIVING_H

#include "proto/yoke.pb-c.h"
#include "shared/label/supplier_label.h"
#include "terminal/input.h"

#include <stdbool.h>
#include <stddef.h>

struct station_view;
struct station_request;
struct station_hint;

enum receiving_ask {
	RECEIVING_ASK_LABEL = 0,
	RECEIVING_ASK_PO,
	RECEIVING_ASK_LOT,
	RECEIVING_ASK_QTY,
	RECEIVING_ASK_EXPIRY,
	RECEIVING_ASK_SUPPLIER,
};

struct receiving_state {
	enum receiving_ask ask;
	bool pending;                      /* a LotReceive is in flight */
	bool want_send;                    /* every question answered: send */
	char label[INPUT_MAX + 1];         /* as scanned */
	struct supplier_label read;        /* what it says */
	char po[INPUT_MAX + 1];
	char lot[INPUT_MAX + 1];
	char expiry[16];
	char supplier[INPUT_MAX + 1];
	double qty;
	Yoke__Lot *last;                   /* the lot of the last answer (owned), or NULL */
	bool last_again;                   /* it was received before */
	char label_file[300];              /* the ZPL written for it, "" none */
};

/* The view at badge-in: the first question. */
void receiving_start(struct station_view *sv);
/* Forgets everything (badge-out). */
void receiving_stop(struct station_view *sv);
/* A line typed or scanned; true when a request was built into r. */
bool receiving_on_line(struct station_view *sv, const char *line, struct station_request *r);
/* The request the view wants sent now, if any. */
bool receiving_next_request(struct station_view *sv, struct station_request *r);
/* The answer to the view's request. */
void receiving_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* The prompt of the question asked. */
void receiving_prompt(const struct station_view *sv, char *buf, size_t size);
/* The help line's hints. */
size_t receiving_hints(const struct station_view *sv, struct station_hint *h, size_t max);
/* Draws the view's body, rows top..bottom (receiving_draw.c). */
void receiving_draw(const struct station_view *sv, int top, int bottom, int cols);

#endif
