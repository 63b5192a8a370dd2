/*
 * label.c — QR code of a serial as a greyscale PNG, and a whole unit label
 * as ZPL II text for Zebra printers.
 *
 * The PNG is drawn from libqrencode's module matrix: each module becomes a
 * scale x scale square, dark = 0 (black), light = 255 (white), inside a
 * white quiet zone of LABEL_QUIET_MODULES modules. It is written with
 * libpng's simplified API, which needs no setjmp.
 *
 * The ZPL has the printer draw the QR code itself (^BQ) so it is sharp at
 * the printer's resolution. Every text goes through ^FH so the bytes that
 * mean something to ZPL (^ starts a command, ~ a control command, _ is the
 * ^FH escape itself) and control characters travel as _XX hex escapes.
 * The layout, in dots at 203 dpi:
 *
 *   +-------------------------------------------+
 *   | quiet  +------+  SERIAL (large)            |
 *   | zone   |  QR  |  product                   |
 *   |        |      |  description (cut to fit)  |
 *   |        +------+  WO work order             |
 *   |                  due date                  |
 *   +-------------------------------------------+
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <png.h>
#include <qrencode.h>

#include "shared/label/label.h"
#include "shared/log.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "shared/i18n.h"

/* Level Q keeps a label readable with about a quarter of it dirty or torn. */
#define LABEL_ECLEVEL QR_ECLEVEL_Q

static void
seterr(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

/*
 * Encodes text as libqrencode would for the PNG. Byte-mode hint with
 * casesensitive=1: 0 would upper-case the serial before encoding.
 */
static QRcode *
encode(const char *text, char *err, size_t errsz)
{
	QRcode *qr;
	if (text == NULL || text[0] == '\0') {
		seterr(err, errsz, _("empty text: nothing to put in a QR code"));
		return NULL;
	}
	errno = 0;
	qr = QRcode_encodeString(text, 0, LABEL_ECLEVEL, QR_MODE_8, 1);
	if (qr == NULL) {
		if (errno == ERANGE)
			seterr(err, errsz, _("text too long for a QR code (%zu bytes)"), strlen(text));
		else
			seterr(err, errsz, _("cannot encode a QR code: %s"),
			    strerror(errno ? errno : EINVAL));
	}
	return qr;
}

int
label_qr_modules(const char *text, char *err, size_t errsz)
{
	QRcode *qr = encode(text, err, errsz);
	int width;
	if (qr == NULL)
		return -1;
	width = qr->width;
	QRcode_free(qr);
	return width;
}

int
label_qr_png(const char *text, int scale, const char *path, char *err, size_t errsz)
{
	QRcode *qr;
	png_image img;
	unsigned char *pix;
	size_t side;
	FILE *f;
	int ok, saved;

	if (scale < 1 || scale > LABEL_MAX_SCALE) {
		seterr(err, errsz, _("scale must be 1..%d pixels per module, not %d"), LABEL_MAX_SCALE,
		    scale);
		return -1;
	}
	if (path == NULL || path[0] == '\0') {
		seterr(err, errsz, _("no file name for the PNG"));
		return -1;
	}
	if ((qr = encode(text, err, errsz)) == NULL)
		return -1;

	side = (size_t)(qr->width + 2 * LABEL_QUIET_MODULES) * (size_t)scale;
	pix = xmalloc(side * side);
	memset(pix, 255, side * side);
	for (int y = 0; y < qr->width; y++) {
		for (int x = 0; x < qr->width; x++) {
			size_t px, py;
			if (!(qr->data[y * qr->width + x] & 1))
				continue;
			px = (size_t)(x + LABEL_QUIET_MODULES) * (size_t)scale;
			py = (size_t)(y + LABEL_QUIET_MODULES) * (size_t)scale;
			for (int r = 0; r < scale; r++)
				memset(pix + (py + (size_t)r) * side + px, 0, (size_t)scale);
		}
	}
	QRcode_free(qr);

	if ((f = fopen(path, "wb")) == NULL) {
		seterr(err, errsz, _("cannot write %s: %s"), path, strerror(errno));
		free(pix);
		return -1;
	}
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)side;
	img.height = (png_uint_32)side;
	img.format = PNG_FORMAT_GRAY;
	ok = png_image_write_to_stdio(&img, f, 0, pix, (png_int_32)side, NULL);
	saved = errno;
	free(pix);
	if (!ok) {
		seterr(err, errsz, _("cannot write %s: %s"), path,
		    img.message[0] ? img.message : strerror(saved));
		png_image_free(&img);
		fclose(f);
		unlink(path);
		return -1;
	}
	if (fflush(f) != 0 || ferror(f)) {
		seterr(err, errsz, _("cannot write %s: %s"), path, strerror(errno));
		fclose(f);
		unlink(path);
		return -1;
	}
	if (fclose(f) != 0) {
		seterr(err, errsz, _("cannot write %s: %s"), path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

/* A growing string for the ZPL text. */
struct zbuf {
	char *s;
	size_t len, cap;
};

static void
zb_add(struct zbuf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void zb_printf(struct zbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
zb_printf(struct zbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	YK_ASSERT(n >= 0 && (size_t)n < sizeof tmp);
	zb_add(b, tmp, (size_t)n);
}

/* A byte that must travel as a ^FH hex escape inside ^FD. */
static bool
zpl_special(unsigned char c)
{
	return c == '^' || c == '~' || c == '_' || c < 0x20 || c == 0x7f;
}

/* Appends n bytes of s as ^FD data, escaping ZPL's special bytes as _XX. */
static void
zpl_data(struct zbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (zpl_special(c)) {
			char e[3] = { '_', hex[c >> 4], hex[c & 15] };
			zb_add(b, e, 3);
		} else {
			zb_add(b, (const char *)&c, 1);
		}
	}
}

/*
 * One line of text at (x, y) in font 0 of height h, cut so it fits in
 * `width` dots. The width of a glyph is estimated: a narrow (Latin)
 * character takes at most 0.55 h, a wide (CJK) one twice that. Returns the
 * height used: 0 for a missing text, so the next line moves up.
 */
static int
zpl_text(struct zbuf *b, int x, int y, int h, int width, const char *prefix, const char *s)
{
	int col = h * 55 / 100, cols = width / (col > 0 ? col : 1), used = 0;
	size_t n;
	char *line;

	if (s == NULL || s[0] == '\0')
		return 0;
	line = xasprintf("%s%s", prefix, s);
	n = utf8_fit(line, cols, &used);
	zb_printf(b, "^FO%d,%d^A0N,%d,%d^FH^FD", x, y, h, h);
	zpl_data(b, line, n);
	zb_add(b, "^FS\n", 4);
	free(line);
	return h;
}

/* Printable ASCII only: the printer's automatic QR input takes it. */
static bool
ascii_printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return false;
	return true;
}

/* One text line under the title: a prefix printed as it is, and the text. */
struct zpl_line {
	const char *prefix;
	const char *text;
};

/*
 * A label: the QR code of `code` on the left, `title` in large type beside
 * it (whole: a smaller font rather than a cut), then the lines. The same
 * layout for a unit's label and a lot's.
 */
static char *
zpl_label(const char *code, const char *title, const struct zpl_line *lines, size_t nlines,
    enum label_media media, char *err, size_t errsz)
{
	struct zbuf b = { 0 };
	int w, h, maxmag, mag, modules, qz, tx, big, small, gap, y;
	size_t slen;

	switch (media) {
	case LABEL_2X1: w = 406; h = 203; maxmag = 5; big = 30; small = 22; gap = 6; break;
	case LABEL_4X2: w = 812; h = 406; maxmag = 10; big = 56; small = 40; gap = 12; break;
	default:
		seterr(err, errsz, _("unknown label size %d"), (int)media);
		return NULL;
	}
	if ((modules = label_qr_modules(code, err, errsz)) < 0)
		return NULL;
	/* The largest magnification whose symbol and quiet zone fit the label
	 * height; below 2 dots (0.25 mm) a module is too small to print well. */
	mag = h / (modules + 2 * LABEL_QUIET_MODULES);
	if (mag > maxmag)
		mag = maxmag;
	if (mag < 2) {
		seterr(err, errsz,
		    _("serial too long for a readable QR code on this label (%d modules)"),
		    modules);
		return NULL;
	}
	qz = LABEL_QUIET_MODULES * mag;
	tx = (modules + 2 * LABEL_QUIET_MODULES) * mag;

	zb_printf(&b, "^XA\n^CI28\n^PW%d\n^LL%d\n^LH0,0\n", w, h);
	/* Field data switches: ECC level Q, then A (automatic input) for plain
	 * ASCII, or M with B and a 4-digit byte count (manual, byte mode) since
	 * automatic input cannot carry bytes 0x80-0x9F and 0xE0-0xFF of UTF-8. */
	zb_printf(&b, "^FO%d,%d^BQN,2,%d^FH", qz, qz, mag);
	slen = strlen(code);
	if (ascii_printable(code))
		zb_add(&b, "^FDQA,", 6);
	else
		zb_printf(&b, "^FDQM,B%04zu", slen);
	zpl_data(&b, code, slen);
	zb_add(&b, "^FS\n", 4);

	/* The title in plain text must be whole: a smaller font before a cut. */
	y = qz / 2;
	while (big > small / 2 && utf8_width(title) * (big * 55 / 100) > w - tx - gap)
		big--;
	y += zpl_text(&b, tx, y, big, w - tx - gap, "", title) + 2 * gap;
	for (size_t i = 0; i < nlines; i++)
		if (zpl_text(&b, tx, y, small, w - tx - gap, lines[i].prefix, lines[i].text))
			y += small + gap;
	zb_add(&b, "^PQ1\n^XZ\n", 9);
	return b.s;
}

char *
label_zpl(const struct label *l, enum label_media media, char *err, size_t errsz)
{
	/* The printed words stay English: the printer's font A0 has no CJK. */
	const struct zpl_line lines[] = { { "", l ? l->product : NULL },
		{ "", l ? l->description : NULL }, { "WO ", l ? l->work_order : NULL },
		{ "Due ", l ? l->due : NULL } };
	if (l == NULL || l->serial == NULL || l->serial[0] == '\0') {
		seterr(err, errsz, _("a label needs a serial"));
		return NULL;
	}
	return zpl_label(l->serial, l->serial, lines, sizeof lines / sizeof lines[0], media, err,
	    errsz);
}

char *
label_lot_code(const struct lot_label *l)
{
	return xasprintf("%s/%s", l->part, l->lot_id);
}

char *
label_lot_zpl(const struct lot_label *l, enum label_media media, char *err, size_t errsz)
{
	const struct zpl_line lines[] = { { "", l ? l->part : NULL },
		{ "Supplier ", l ? l->supplier : NULL }, { "Lot ", l ? l->supplier_lot : NULL },
		{ "Qty ", l ? l->qty : NULL }, { "Exp ", l ? l->expiry : NULL } };
	char *code, *out;
	if (l == NULL || str_empty(l->lot_id) || str_empty(l->part)) {
		seterr(err, errsz, _("a lot label needs the lot id and the part"));
		return NULL;
	}
	code = label_lot_code(l);
	out = zpl_label(code, l->lot_id, lines, sizeof lines / sizeof lines[0], media, err, errsz);
	free(code);
	return out;
}
