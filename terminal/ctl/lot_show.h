/*
 * lot_show.h — received lots as yokectl prints them (receive, lots, lot):
 * a table, one lot in full, JSON, and the internal lot label's files.
 */
#ifndef YOKE_CTL_LOT_SHOW_H
#define YOKE_CTL_LOT_SHOW_H

#include <stdbool.h>
#include <stdio.h>

#include "proto/yoke.pb-c.h"
#include "shared/label/label.h"

/* "released", "quarantined" ...: the status word of the command line and JSON. */
const char *lot_status_word(Yoke__LotStatus st);
/* The status word for a person (translated). */
const char *lot_status_words(Yoke__LotStatus st);
/* The status from its word: true and *st, or false. */
bool lot_status_parse(const char *word, Yoke__LotStatus *st);
/* One lot as a JSON object. */
void lot_json(FILE *f, const Yoke__Lot *l);
/* Lots as a table, newest first; a count below 0 is flagged as wrong. */
void lot_table(FILE *f, Yoke__Lot *const *lots, size_t n);
/* One lot in full, a field a line. */
void lot_detail(FILE *f, const Yoke__Lot *l);
/* Writes DIR/<lot id>.png (QR of PART/L-...) and DIR/<lot id>.zpl: 0, or
 * -1 with the reason in err. */
int lot_label_write(const Yoke__Lot *l, const char *dir, enum label_media media, char *err,
    size_t errsz);

#endif
