/*
 * scan_text.h — what a scanner sent, as yoke means it.
 *
 * A scanner set up the way suppliers' labels need sends more than the
 * label's text: an AIM symbology identifier in front ("]C1", "]Q1", "]d2";
 * ISO/IEC 15424), GS (0x1D) between the variable-length fields of a GS1
 * element string, and a suffix (CR, LF or TAB). This turns those bytes
 * into one of two things:
 *
 *   plain  yoke's own labels (PART/LOT, PART/SERIAL, unit serials,
 *          badges, scan commands): the text with the identifier and the
 *          suffix taken off, otherwise as it came;
 *   GS1    a supplier's label, read by the GS1 parser (shared/gs1/gs1.h):
 *          its fields, and the ones a component scan uses picked out —
 *          the GTIN (01) or (02), lot (10), serial (21), expiry (17) and
 *          quantity (30) or (37).
 *
 * A scan is GS1 when its identifier says FNC1 in first position (]C1 ]e0
 * ]d2 ]Q3 ]J1) or an EAN/UPC/ITF-14 number (]E0 ]E4 ]I1); when, under a
 * plain identifier or none, it is a Digital Link URI ("https://.../01/...")
 * or the human-readable form "(01)..."; when it holds a GS; and, from a
 * scanner that sends no identifier, when it starts with (01) or (02) and
 * a GTIN whose check digit is right ("0109521234543213..."). Anything else
 * is plain: yoke's own labels never take one of those shapes (a part
 * number has no GS, no "://", does not start with "(NN" and is not 16
 * digits with a GS1 check digit).
 *
 * Pure: no I/O, no allocation; the result points into the caller's text.
 */
#ifndef YOKE_SCAN_TEXT_H
#define YOKE_SCAN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shared/gs1/gs1.h"

struct scan_text {
	char aim[4];                /* "]C1" ..., "" when the scan carried none */
	bool gs1;
	/* Plain: the text without identifier and suffix (not NUL-terminated
	 * inside the input: use len). For GS1, the same bytes. */
	const char *text;
	size_t len;
	/* GS1 only (for a plain scan only fields.nfields is set, to 0). */
	struct gs1_result fields;
	const char *gtin;           /* 14 digits from (01) or (02), or NULL */
	const char *gtin_ai;        /* "01" or "02" */
	const char *lot;            /* (10), or NULL */
	const char *serial;         /* (21), or NULL */
	bool has_expiry;            /* (17) */
	char expiry[11];            /* "YYYY-MM-DD" (day 00 read as the month's last day) */
	bool has_qty;               /* (30), else (37) */
	uint32_t qty;
	const char *qty_ai;
};

/*
 * Reads len bytes of one scan (CR, LF and TAB at the end are the
 * scanner's suffix). Plain text is always read (whatever its characters:
 * the caller checks them); a GS1 scan is read with gs1_parse and may be
 * refused: false, with err saying what is wrong and where (its offset
 * counts from the first byte of the scan, identifier included).
 */
bool scan_text_read(const char *in, size_t len, struct scan_text *out, struct gs1_error *err);

/*
 * The text of a scan of a unit serial, a badge or a command, fields that
 * are never GS1: *start gets the first byte after the AIM identifier, if
 * one is there (any, ]C1 too: a badge printed as GS1-128 scans as
 * "]C11001"), and the length without the scanner's suffix is returned.
 */
size_t scan_text_plain(const char *in, size_t len, const char **start);

/* True when s (at least 3 bytes available) begins with an AIM symbology
 * identifier: ']', a letter, then a digit or a letter. */
bool scan_text_has_aim(const char *s, size_t len);

#endif
