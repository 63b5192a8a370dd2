/*
 * label.h — unit labels: a QR code of the serial as a PNG for any printer,
 * ZPL II text for Zebra label printers, and decoding a PNG back with zbar
 * so a label can be checked before it is stuck on a unit.
 *
 * The QR code holds the serial and nothing else, byte for byte: serials are
 * case-sensitive (libqrencode is always asked with casesensitive=1) and
 * may be UTF-8. Symbols are error-correction level Q (about 25 % of the
 * code may be lost to dirt or scratches and it still reads), 8-bit byte
 * mode, with the 4-module quiet zone ISO/IEC 18004 asks for.
 *
 * A lot label (label_lot_zpl) is laid out the same, with yoke's lot id as
 * its title and PART/L-000001 in its QR code.
 *
 * label_qr_png, label_zpl and label_lot_zpl are in label.c; label_decode_png, which needs
 * zbar, is in label_decode.c.
 */
#ifndef YOKE_LABEL_H
#define YOKE_LABEL_H

#include <stddef.h>

/* What one unit label shows. Every text is UTF-8; only serial is required. */
struct label {
	const char *serial;      /* encoded in the QR code, exactly */
	const char *product;     /* part number */
	const char *description; /* may be Chinese */
	const char *work_order;
	const char *due;         /* optional, YYYY-MM-DD */
};

/* Label stock, at 203 dpi (8 dots/mm). */
enum label_media {
	LABEL_2X1,               /* 2 x 1 in, 406 x 203 dots */
	LABEL_4X2,               /* 4 x 2 in, 812 x 406 dots */
};

#define LABEL_QUIET_MODULES 4    /* quiet zone on every side, in modules */
#define LABEL_MAX_SCALE 64       /* pixels per module */

/*
 * Writes a QR code of `text` to `path` as an 8-bit greyscale PNG with
 * `scale` pixels per module (1..LABEL_MAX_SCALE) and a 4-module white quiet
 * zone on every side, so the image is (modules + 8) * scale pixels square.
 * Returns 0, or -1 with a message in err: "empty text", "text too long for a
 * QR code (N bytes; at most 1663 fit)", "scale must be 1..64",
 * "cannot write PATH: reason". A file that could not be written whole is
 * removed.
 */
int label_qr_png(const char *text, int scale, const char *path, char *err, size_t errsz);

/*
 * Side length in modules (21..177, without quiet zone) of the QR code that
 * label_qr_png would draw for text, or -1 with a message in err.
 */
int label_qr_modules(const char *text, char *err, size_t errsz);

/*
 * ZPL II for one unit label on `media` at 203 dpi: ^XA, ^CI28 (UTF-8),
 * print width and length, the QR code of the serial (^BQN,2,mag) with its
 * quiet zone, then the serial in plain text, product, description, work
 * order and due date, ^XZ. Every text field goes through ^FH, and the bytes
 * ^ ~ _ and control characters are written as _XX hex escapes, so no field
 * can end the format early or start a command. Texts too wide for the label
 * are cut at a character boundary.
 * Returns a malloc'd string (free it), or NULL with a message in err when
 * the serial is missing, does not fit in a QR code, or the QR code does not
 * fit on the label.
 */
char *label_zpl(const struct label *l, enum label_media media, char *err, size_t errsz);

/* What one internal lot label shows (yoke's lot id: L-000001). The QR
 * code holds PART/L-000001, which a component scan accepts as that lot. */
struct lot_label {
	const char *lot_id;
	const char *part;
	const char *supplier;
	const char *supplier_lot;
	const char *qty;         /* as text, "3000" */
	const char *expiry;      /* YYYY-MM-DD, or empty */
};
/* "PART/L-000001", malloc'd: the lot label's QR code data. */
char *label_lot_code(const struct lot_label *l);
/* ZPL II for a lot label, laid out as a unit label: the QR code, the lot
 * id large, then part, supplier, supplier lot, quantity and expiry. NULL
 * with a message in err as label_zpl. */
char *label_lot_zpl(const struct lot_label *l, enum label_media media, char *err, size_t errsz);

/*
 * Decodes every QR code and Code 128 symbol in a PNG with zbar. Any PNG
 * (colour, palette, 16-bit, alpha over white) is converted to 8-bit grey
 * first. The first symbol's data, exactly as encoded (zbar's character set
 * conversion is off), goes to out as a C string.
 * Returns the number of symbols found (0 for none), or -1 with a message in
 * err: "cannot read PATH: reason", "PATH is not a PNG image: ...",
 * "PATH: image too large", "symbol text longer than N bytes".
 */
int label_decode_png(const char *path, char *out, size_t outsz, char *err, size_t errsz);

#endif
