/*
 * part_gtin.h — the part a supplier's GTIN names, in one lookup.
 *
 * A load writes, for every GTIN a part lists (Part.gtins, gtin= in the
 * definitions), an entry GTIN -> part number in the gtin table. The scan
 * of a GS1 label then finds its part with one key lookup, as the part
 * itself is found, never by reading every part.
 *
 * Why a table and not an index in memory: it is written in the load's
 * own transaction, so it is never out of step with the parts (a load that
 * is refused or not committed leaves nothing to undo), it is there when
 * yoked starts without reading the part master, and a scan of yoke's own
 * PART/LOT label does not touch it at all.
 *
 * A load does not delete entries: when a later load moves a GTIN to
 * another part, that part's entry replaces it; when a part stops listing
 * one, the entry stays but names a part that does not list it, and
 * part_by_gtin does not believe it (defs_validate has made sure that no
 * two parts list one GTIN).
 */
#ifndef YOKE_PART_GTIN_H
#define YOKE_PART_GTIN_H

#include "server/server.h"

/* Writes the gtin entries of a part being loaded. */
int part_gtin_put(struct ctx *c, const Yoke__Part *p);
/*
 * The part that lists gtin (14 digits): STORE_OK and *out, STORE_NOTFOUND,
 * or a store error. When the table names `known` (a part the caller has
 * already read, or NULL), that record is used rather than read again.
 */
int part_by_gtin(struct ctx *c, const char *gtin, const Yoke__Part *known, const Yoke__Part **out);

#endif
