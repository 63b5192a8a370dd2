/*
 * receive_fields.h — what a receipt is of (req-receive.c). The supplier's
 * label (LotReceive.label), read once (shared/label/supplier_label.h),
 * gives the part through its GTIN (Part.gtins: a GTIN no part has is
 * refused, naming it), the supplier's lot (10), expiry (17), quantity
 * (30)/(37) and the purchase order (400). What the request typed fills
 * what the label lacks; a field given both ways that disagrees is refused
 * (LABEL_MISMATCH) naming both values.
 */
#ifndef YOKE_RECEIVE_FIELDS_H
#define YOKE_RECEIVE_FIELDS_H

#include "server/server.h"

struct receipt {
	const char *part, *supplier, *supplier_lot, *purchase_order, *expiry, *gtin;
	const char *label;               /* the label as "(01)...(10)...", "" none */
	double qty;
	Yoke__Part *part_rec;            /* when the GTIN named it */
};

/* OUTCOME_COMMIT and *out, or the refusal. Nothing is written. */
enum outcome receive_fields(struct ctx *c, const Yoke__LotReceive *r, struct receipt *out);

#endif
