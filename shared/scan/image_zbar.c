/*
 * image_zbar.c — the linear codes and QR codes of a picture, with zbar.
 *
 * Only the symbologies a supplier or yoke prints are turned on (Code 128,
 * EAN-13/UPC-A, EAN-8, UPC-E, Code 39, QR): every other one is a chance
 * to read noise as a code. Interleaved 2 of 5 in particular finds "codes"
 * in a textured background.
 *
 * zbar reports FNC1 the way a scanner does (its code128.c and qrdectxt.c):
 * FNC1 as the first character sets the GS1 modifier and is dropped, FNC1
 * as the second sets the AIM modifier (an industry's application
 * indicator), every later FNC1 is GS. ZBAR_CFG_BINARY keeps QR data as its
 * bytes instead of guessing a character set and converting to UTF-8.
 *
 * zbar looks at the picture as it is and at its smoothed copy (image.c
 * says why). Its QR finder wants a few pixels per module: a small picture
 * of a small code (a screenshot, a thumbnail) is enlarged and read again
 * when neither look found anything.
 */
#include <stdlib.h>
#include <string.h>

#include <zbar.h>

#include "shared/i18n.h"
#include "shared/scan/image_priv.h"
#include "shared/util.h"

#define SMALL_SIDE 600u
#define ENLARGE 3u
/* Points a linear symbol's position is taken from (zbar gives one per
 * scan line that crossed it). */
#define MAX_POINTS 4096

static const zbar_symbol_type_t wanted[] = { ZBAR_CODE128, ZBAR_EAN13, ZBAR_EAN8, ZBAR_UPCE,
	ZBAR_CODE39, ZBAR_QRCODE };

/* The symbology and the AIM identifier a scanner sends for it
 * (ISO/IEC 15424), from zbar's type and modifiers. False for a type this
 * module does not report. */
static bool
identify(zbar_symbol_type_t type, unsigned mods, enum scan_symbology *sym, bool *gs1,
    const char **aim)
{
	bool is_gs1 = (mods & (1u << ZBAR_MOD_GS1)) != 0;
	bool is_aim = (mods & (1u << ZBAR_MOD_AIM)) != 0;

	*gs1 = false;
	switch (type) {
	case ZBAR_CODE128:
		*sym = SCAN_CODE128;
		*gs1 = is_gs1;
		*aim = is_gs1 ? "]C1" : is_aim ? "]C2" : "]C0";
		return true;
	case ZBAR_EAN13:
	case ZBAR_UPCA:
		*sym = SCAN_EAN13;
		*aim = "]E0";
		return true;
	case ZBAR_EAN8:
		*sym = SCAN_EAN8;
		*aim = "]E4";
		return true;
	case ZBAR_UPCE:
		*sym = SCAN_UPCE;
		*aim = "]E0";
		return true;
	case ZBAR_CODE39:
		*sym = SCAN_CODE39;
		*aim = "]A0";
		return true;
	case ZBAR_QRCODE:
		*sym = SCAN_QR;
		*gs1 = is_gs1;
		*aim = is_gs1 ? "]Q3" : is_aim ? "]Q5" : "]Q1";
		return true;
	default:
		return false;
	}
}

/* One look at a grey picture; points are divided by scale (an enlarged
 * copy's positions in the original). Returns the symbols found, or -1. */
static int
look(const unsigned char *grey, unsigned w, unsigned h, unsigned scale, struct scan_result *r)
{
	zbar_image_scanner_t *sc = zbar_image_scanner_create();
	zbar_image_t *img = zbar_image_create();
	static const struct scan_point none[1];
	struct scan_point *pts;
	int n, found = 0;

	if (sc == NULL || img == NULL) {
		if (img)
			zbar_image_destroy(img);
		if (sc)
			zbar_image_scanner_destroy(sc);
		return -1;
	}
	zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
		zbar_image_scanner_set_config(sc, wanted[i], ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
	zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_POSITION, 1);
	zbar_image_scanner_set_config(sc, ZBAR_NONE, ZBAR_CFG_TEST_INVERTED, 1);
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, w, h);
	zbar_image_set_data(img, grey, (unsigned long)w * h, NULL);

	n = zbar_scan_image(sc, img);
	pts = xmalloc(MAX_POINTS * sizeof *pts);
	for (const zbar_symbol_t *s = n > 0 ? zbar_image_first_symbol(img) : NULL; s;
	    s = zbar_symbol_next(s)) {
		enum scan_symbology sym;
		const char *aim;
		bool gs1;
		unsigned np = zbar_symbol_get_loc_size(s);

		if (!identify(zbar_symbol_get_type(s), zbar_symbol_get_modifiers(s), &sym, &gs1, &aim))
			continue;
		np = np < MAX_POINTS ? np : MAX_POINTS;
		for (unsigned i = 0; i < np; i++) {
			pts[i].x = zbar_symbol_get_loc_x(s, i) / (int)scale;
			pts[i].y = zbar_symbol_get_loc_y(s, i) / (int)scale;
		}
		/* A symbol without a position (never seen from zbar) is placed at 0,0. */
		if (scan_add(r, sym, gs1, aim, zbar_symbol_get_data(s), zbar_symbol_get_data_length(s),
		    np ? pts : none, np ? np : 1, sym == SCAN_QR))
			found++;
	}
	free(pts);
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	return n < 0 ? -1 : found;
}

enum scan_status
scan_zbar(const unsigned char *grey, const unsigned char *smooth, unsigned w, unsigned h,
    struct scan_result *r, char *err, size_t errsz)
{
	int n = look(grey, w, h, 1, r), n2;

	if (n >= 0) {
		n2 = look(smooth, w, h, 1, r);
		n = n2 < 0 ? n2 : n + n2;
	}
	if (n == 0 && w < SMALL_SIDE && h < SMALL_SIDE) {
		unsigned bw = w * ENLARGE, bh = h * ENLARGE;
		unsigned char *big = xmalloc((size_t)bw * bh);
		for (unsigned y = 0; y < bh; y++)
			for (unsigned x = 0; x < bw; x++)
				big[(size_t)y * bw + x] = grey[(size_t)(y / ENLARGE) * w + x / ENLARGE];
		n = look(big, bw, bh, ENLARGE, r);
		free(big);
	}
	if (n < 0) {
		scan_seterr(err, errsz, _("the barcode reader failed on the image"));
		return SCAN_READER_FAILED;
	}
	return SCAN_OK;
}
