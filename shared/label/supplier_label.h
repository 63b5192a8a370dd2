/*
 * supplier_label.h — what a supplier's GS1 label says for receiving: the
 * GTIN ((01), or (02) of the contained items), the supplier's lot (10),
 * the expiry (17), the quantity ((30) or (37)) and the purchase order
 * (400), read with the project's GS1 parser (shared/gs1/gs1.h).
 *
 * Every form a scanner sends is read: an AIM symbology identifier (]C1,
 * ]d2, ]Q3, ]e0) before an element string with GS separators, the
 * human-readable "(01)...(10)..." form, a GS1 Digital Link URI. Scanner
 * suffixes (CR, LF, TAB) at the end are ignored. The reading is one
 * function, so that the scanner-text normaliser (shared/scan/scan_text.h)
 * can take its place once every scan field goes through it.
 *
 * Pure: no I/O, no allocation; the receiving handler (yoked), yokectl
 * receive and the RECEIVING station's view all read labels with it, so the
 * terminal can ask for what the label lacks before it sends.
 */
#ifndef YOKE_SUPPLIER_LABEL_H
#define YOKE_SUPPLIER_LABEL_H

#include <stdbool.h>
#include <stddef.h>

#include "shared/gs1/gs1.h"

#define SUPPLIER_LABEL_MAX 400       /* bytes of one scanned label */

struct supplier_label {
	char gtin[15];                   /* 14 digits, "" none */
	char lot[GS1_MAX_VALUE + 1];     /* (10), "" none */
	char expiry[16];                 /* YYYY-MM-DD from (17) (day 00: the month's last), "" none */
	bool has_qty;
	double qty;                      /* (30) or (37) */
	char po[GS1_MAX_VALUE + 1];      /* (400), "" none */
	char hri[512];                   /* the label as "(01)...(10)...", for the record */
};

/*
 * Reads one scanned label. Returns true and fills out, or false with the
 * parser's message (what is wrong and at which byte) in msg. A label
 * without a GTIN is refused: receiving maps the label to the part by it.
 */
bool supplier_label_read(const char *text, struct supplier_label *out, char *msg, size_t msgsz);

#endif
