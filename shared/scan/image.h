/*
 * image.h — the barcodes in a picture of a label: every symbol found, as a
 * hand scanner would have read it.
 *
 * Two readers look at the same grey image: zbar for the linear codes
 * (Code 128 and GS1-128, EAN-13, EAN-8, UPC-A, UPC-E, Code 39) and QR
 * codes, libdmtx for Data Matrix (GS1 DataMatrix is the usual code on
 * electronic component reels). The result is a list of symbols, each with
 * its symbology, whether it is a GS1 element string, its data and where it
 * is in the picture.
 *
 * GS1: a symbol whose first character is FNC1 holds a GS1 element string
 * (ISO/IEC 15417 for Code 128, 18004 for QR, 16022 for Data Matrix). That
 * leading FNC1 is not data: it sets `gs1` and picks the AIM symbology
 * identifier (]C1, ]Q3, ]d2). Every later FNC1 separates a variable-length
 * field and comes back as GS (0x1D), as a scanner sends it. The symbol's
 * scanner form (scan_symbol_wire: identifier + data) is what
 * gs1_parse() takes, so a picture and a scan go through the same parser.
 *
 * Data are the bytes the symbol holds: zbar's character set guessing is off
 * (ZBAR_CFG_BINARY), so a QR code with Latin-1 or Shift-JIS bytes comes
 * back as those bytes, not as UTF-8. Text may hold NUL (Code 128 set A);
 * use len, not strlen.
 *
 * Images come as PNG files (any PNG: colour, palette, 16-bit, transparency
 * on white) or as 8-bit grey pixels. Nothing here keeps state between
 * calls; the readers are created and destroyed per call, so calls from
 * several threads are safe.
 */
#ifndef YOKE_SCAN_IMAGE_H
#define YOKE_SCAN_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/* More symbols than this in one picture are not looked for. */
#define SCAN_MAX_SYMBOLS 64
/* Larger pictures are refused rather than allocated: 64 megapixels. */
#define SCAN_MAX_PIXELS (64u * 1024u * 1024u)
/* libdmtx looks for Data Matrix symbols for at most this long per picture
 * (a 12-megapixel photo without one takes it all; a label a few hundred ms). */
#define SCAN_DMTX_MS 6000

enum scan_symbology {
	SCAN_CODE128,
	SCAN_EAN13,              /* also UPC-A, as EAN-13 with a leading 0 */
	SCAN_EAN8,
	SCAN_UPCE,
	SCAN_CODE39,
	SCAN_QR,
	SCAN_DATAMATRIX,
};

struct scan_point {
	int x, y;                /* pixels, origin at the top left */
};

struct scan_symbol {
	enum scan_symbology symbology;
	bool gs1;                /* FNC1 first: a GS1 element string */
	char aim[4];             /* AIM symbology identifier: "]C1", "]d2", "]Q1" ... */
	char *text;              /* the data, NUL added; FNC1 separators as GS */
	size_t len;              /* bytes of text */
	/* Where: the smallest upright box around every point the reader
	 * located (a linear code's scan lines, a 2-D code's corners). */
	int x, y, width, height;
	/* A 2-D code's corners in symbol order (the finder's corner first, then
	 * along the symbol), 0 for a linear code. */
	int ncorners;
	struct scan_point corner[4];
};

struct scan_result {
	struct scan_symbol *symbols;   /* in reading order: rows from the top, each from the left */
	size_t n;
	unsigned width, height;        /* of the picture, pixels */
	/* The Data Matrix search stopped at SCAN_DMTX_MS before it had looked
	 * at the whole picture: a symbol may have been missed. */
	bool dmtx_timed_out;
};

enum scan_status {
	SCAN_OK = 0,             /* read; n may still be 0 (no code in the picture) */
	SCAN_NO_FILE,            /* the file cannot be opened or read */
	SCAN_NOT_PNG,            /* the file is not a PNG (or a broken one) */
	SCAN_TOO_LARGE,          /* more than SCAN_MAX_PIXELS, or 0 pixels */
	SCAN_READER_FAILED,      /* zbar or libdmtx gave up (out of memory) */
};

/*
 * Reads the PNG at path and looks for every symbol in it. SCAN_OK with out
 * filled (free it with scan_result_free), or another status with a message
 * in err saying what was expected and where (and out empty): "cannot read
 * FILE: reason", "FILE is not a PNG image (it looks like a JPEG photo):
 * ...", "FILE: image too large (WxH pixels)".
 */
enum scan_status scan_image_png(const char *path, struct scan_result *out, char *err,
    size_t errsz);

/* The same for w x h grey pixels, one byte each, rows top to bottom. */
enum scan_status scan_image_grey(const unsigned char *grey, unsigned w, unsigned h,
    struct scan_result *out, char *err, size_t errsz);

void scan_result_free(struct scan_result *r);

/* "Code 128", "GS1-128", "QR Code", "GS1 QR Code", "Data Matrix", "GS1
 * DataMatrix", "EAN-13" ...: the symbology's name as printed on a label
 * specification (a proper name: never translated). */
const char *scan_symbol_name(const struct scan_symbol *s);
/* "code128", "qr", "datamatrix", "ean13" ...: for JSON. */
const char *scan_symbology_key(enum scan_symbology sym);

/*
 * The symbol as a scanner with AIM identifiers on sends it: identifier,
 * then the data ("]d2" "0109521234543213" "10LOT" GS "21S1"). For
 * gs1_parse and for every place a scan is accepted. Writes at most size
 * bytes with a NUL and returns the full length (as snprintf: a result >=
 * size was cut).
 */
size_t scan_symbol_wire(const struct scan_symbol *s, char *buf, size_t size);

/*
 * text (len bytes) for a person to read: printable ASCII and valid UTF-8
 * as they are, GS as "<GS>", RS "<RS>", EOT "<EOT>", other control bytes
 * and bytes that are not UTF-8 as "<0xNN>". Returns the full length (as
 * snprintf).
 */
size_t scan_text_visible(const char *text, size_t len, char *buf, size_t size);

#endif
