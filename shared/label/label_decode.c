/*
 * label_decode.c — reads a label PNG back with zbar, so `yokectl label
 * --verify` and the tests can prove that a printed serial scans as itself.
 *
 * zbar takes only 8-bit grey (Y800). libpng's simplified read API converts
 * any PNG to that: palette and colour to grey, 16-bit to 8-bit, and alpha
 * composited onto white (a transparent background is paper, not ink).
 *
 * zbar converts QR text to UTF-8 with iconv after guessing its character
 * set; ZBAR_CFG_BINARY turns that off so the data comes back as the exact
 * bytes the symbol holds, which is what a serial must be compared by.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <zbar.h>

#include "shared/label/label.h"
#include "shared/util.h"
#include "shared/i18n.h"

/* Larger images are refused rather than allocated: a label is small. */
#define DECODE_MAX_PIXELS (64u * 1024u * 1024u)
/* A symbol drawn with 1-2 pixels per module is enlarged before a second
 * try: zbar's QR finder wants a few pixels per module. */
#define DECODE_SMALL_SIDE 600u
#define DECODE_ENLARGE 4u

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
 * Scans one grey image. Returns the symbol count, or -1 (err set) when the
 * first symbol's data does not fit in out.
 */
static int
scan(const unsigned char *grey, unsigned w, unsigned h, char *out, size_t outsz,
    char *err, size_t errsz)
{
	zbar_image_scanner_t *sc = zbar_image_scanner_create();
	zbar_image_t *img = zbar_image_create();
	const zbar_symbol_t *sym;
	int n;

	zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
	zbar_image_scanner_set_config(sc, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, w, h);
	zbar_image_set_data(img, grey, (unsigned long)w * h, NULL);

	n = zbar_scan_image(sc, img);
	if (n < 0) {
		seterr(err, errsz, _("the barcode reader failed on the image"));
	} else if (n > 0 && (sym = zbar_image_first_symbol(img)) != NULL) {
		const char *data = zbar_symbol_get_data(sym);
		unsigned len = zbar_symbol_get_data_length(sym);
		if (outsz == 0 || len >= outsz) {
			seterr(err, errsz, _("symbol text longer than %zu bytes"),
			    outsz ? outsz - 1 : 0);
			n = -1;
		} else {
			memcpy(out, data, len);
			out[len] = '\0';
		}
	}
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	return n;
}

int
label_decode_png(const char *path, char *out, size_t outsz, char *err, size_t errsz)
{
	static const png_color white = { 255, 255, 255 };
	png_image img;
	FILE *f;
	unsigned char *grey, *big;
	unsigned w, h;
	int n;

	if (out && outsz)
		out[0] = '\0';
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (path == NULL || (f = fopen(path, "rb")) == NULL) {
		seterr(err, errsz, _("cannot read %s: %s"), path ? path : _("(no file)"),
		    strerror(path ? errno : EINVAL));
		return -1;
	}
	if (!png_image_begin_read_from_stdio(&img, f)) {
		seterr(err, errsz, _("%s is not a PNG image: %s"), path, img.message);
		png_image_free(&img);
		fclose(f);
		return -1;
	}
	w = img.width;
	h = img.height;
	if (w == 0 || h == 0 || (uint64_t)w * h > DECODE_MAX_PIXELS) {
		seterr(err, errsz, _("%s: image too large (%ux%u pixels)"), path, w, h);
		png_image_free(&img);
		fclose(f);
		return -1;
	}
	img.format = PNG_FORMAT_GRAY;
	grey = xmalloc((size_t)w * h);
	memset(grey, 255, (size_t)w * h);
	if (!png_image_finish_read(&img, &white, grey, (png_int_32)w, NULL)) {
		seterr(err, errsz, _("%s is not a readable PNG image: %s"), path, img.message);
		png_image_free(&img);
		fclose(f);
		free(grey);
		return -1;
	}
	fclose(f);

	n = scan(grey, w, h, out, outsz, err, errsz);
	if (n == 0 && w < DECODE_SMALL_SIDE && h < DECODE_SMALL_SIDE) {
		unsigned bw = w * DECODE_ENLARGE, bh = h * DECODE_ENLARGE;
		big = xmalloc((size_t)bw * bh);
		for (unsigned y = 0; y < bh; y++)
			for (unsigned x = 0; x < bw; x++)
				big[(size_t)y * bw + x] =
				    grey[(size_t)(y / DECODE_ENLARGE) * w + x / DECODE_ENLARGE];
		n = scan(big, bw, bh, out, outsz, err, errsz);
		free(big);
	}
	free(grey);
	return n;
}
