/*
 * image.c — a picture file to grey pixels, both readers over them, and the
 * list of symbols they found (image.h).
 *
 * The file is read whole and its first bytes are looked at before libpng
 * is: a photo saved as JPEG or HEIC is the likely mistake, and "it is a
 * JPEG file" tells the person what to do where libpng's "Not a PNG file"
 * would not. libpng's simplified API then turns any PNG into 8-bit grey:
 * palette and colour to grey, 16-bit to 8-bit, and transparency composited
 * onto white (a transparent background is paper, not ink).
 *
 * A photo is not a printout: a camera adds noise to every pixel, and
 * zbar's edge detector reads that noise as bars (with ink and paper 150
 * grey levels apart, noise of +-8 already stops it). Both readers
 * therefore also look at a copy smoothed over 3x3 pixels, which averages
 * the noise out and keeps every module of 3 pixels or more. zbar reads
 * the picture and the copy (thin modules survive only in the first, noisy
 * ones only in the second), and what it found twice is kept once.
 *
 * libdmtx is slow where there are many edges: it follows every edge that
 * could be the L of a finder pattern. Bars and QR codes are mostly such
 * edges, so the areas where zbar read a symbol are painted over with the
 * paper around them before libdmtx looks; a Data Matrix cannot be where
 * another code is.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "shared/i18n.h"
#include "shared/scan/image_priv.h"
#include "shared/util.h"

/* A PNG of SCAN_MAX_PIXELS grey pixels compresses far below this; a file
 * larger than it is not a label's picture. */
#define SCAN_MAX_FILE (256u * 1024u * 1024u)

void
scan_seterr(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

bool
scan_add(struct scan_result *r, enum scan_symbology sym, bool gs1, const char *aim,
    const char *text, size_t len, const struct scan_point *pts, size_t n, bool corners)
{
	struct scan_symbol *s;
	int x0, y0, x1, y1;

	if (r->n >= SCAN_MAX_SYMBOLS || n == 0)
		return false;
	x0 = x1 = pts[0].x;
	y0 = y1 = pts[0].y;
	for (size_t i = 1; i < n; i++) {
		x0 = pts[i].x < x0 ? pts[i].x : x0;
		x1 = pts[i].x > x1 ? pts[i].x : x1;
		y0 = pts[i].y < y0 ? pts[i].y : y0;
		y1 = pts[i].y > y1 ? pts[i].y : y1;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct scan_symbol *o = &r->symbols[i];
		if (o->symbology == sym && o->len == len && memcmp(o->text, text, len) == 0 &&
		    x0 < o->x + o->width && o->x <= x1 && y0 < o->y + o->height && o->y <= y1)
			return false;
	}
	if (r->n == 0)
		r->symbols = xcalloc(SCAN_MAX_SYMBOLS, sizeof *r->symbols);
	s = &r->symbols[r->n++];
	memset(s, 0, sizeof *s);
	s->symbology = sym;
	s->gs1 = gs1;
	strlcpy_yk(s->aim, aim, sizeof s->aim);
	s->text = xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	s->x = x0;
	s->y = y0;
	s->width = x1 - x0 + 1;
	s->height = y1 - y0 + 1;
	if (corners && n == 4) {
		s->ncorners = 4;
		memcpy(s->corner, pts, sizeof s->corner);
	}
	return true;
}

void
scan_result_free(struct scan_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->symbols[i].text);
	free(r->symbols);
	memset(r, 0, sizeof *r);
}

unsigned char *
scan_smooth(const unsigned char *grey, unsigned w, unsigned h)
{
	unsigned char *out = xmalloc((size_t)w * h);
	unsigned *col = xmalloc(sizeof *col * w);

	/* Sums of 3 rows per column, then 3 columns; the border repeats itself. */
	for (unsigned y = 0; y < h; y++) {
		const unsigned char *up = grey + (size_t)(y ? y - 1 : y) * w;
		const unsigned char *mid = grey + (size_t)y * w;
		const unsigned char *down = grey + (size_t)(y + 1 < h ? y + 1 : y) * w;
		for (unsigned x = 0; x < w; x++)
			col[x] = (unsigned)up[x] + mid[x] + down[x];
		for (unsigned x = 0; x < w; x++) {
			unsigned sum = col[x ? x - 1 : x] + col[x] + col[x + 1 < w ? x + 1 : x];
			out[(size_t)y * w + x] = (unsigned char)((sum + 4) / 9);
		}
	}
	free(col);
	return out;
}

/*
 * Paints each symbol's box, grown by a margin, with the mean grey of the
 * ring just outside it: the paper around the code (a photo's paper is not
 * white, and a white patch would give libdmtx four new corners to try).
 */
static void
mask_symbols(unsigned char *px, unsigned w, unsigned h, const struct scan_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct scan_symbol *s = &r->symbols[i];
		int m = 4 + (s->width > s->height ? s->width : s->height) / 10;
		long x0 = (long)s->x - m, y0 = (long)s->y - m;
		long x1 = (long)s->x + s->width + m, y1 = (long)s->y + s->height + m;
		unsigned long sum = 0, cnt = 0;

		x0 = x0 < 0 ? 0 : x0;
		y0 = y0 < 0 ? 0 : y0;
		x1 = x1 > (long)w - 1 ? (long)w - 1 : x1;
		y1 = y1 > (long)h - 1 ? (long)h - 1 : y1;
		if (x0 > x1 || y0 > y1)
			continue;
		for (long x = x0; x <= x1; x++) {
			sum += px[(size_t)y0 * w + (size_t)x] + px[(size_t)y1 * w + (size_t)x];
			cnt += 2;
		}
		for (long y = y0; y <= y1; y++) {
			sum += px[(size_t)y * w + (size_t)x0] + px[(size_t)y * w + (size_t)x1];
			cnt += 2;
		}
		for (long y = y0; y <= y1; y++)
			memset(px + (size_t)y * w + (size_t)x0, (int)(sum / cnt), (size_t)(x1 - x0 + 1));
	}
}

static int
by_top(const void *a, const void *b)
{
	const struct scan_symbol *p = a, *q = b;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return p->x < q->x ? -1 : p->x > q->x;
}

static int
by_left(const void *a, const void *b)
{
	const struct scan_symbol *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->y < q->y ? -1 : p->y > q->y;
}

/* True when b sits beside a on a row: their vertical extents overlap by at
 * least half of the shorter one. */
static bool
same_row(const struct scan_symbol *a, const struct scan_symbol *b)
{
	long top = a->y > b->y ? a->y : b->y;
	long bottom = (long)a->y + a->height < (long)b->y + b->height ? (long)a->y + a->height :
	    (long)b->y + b->height;
	long shorter = a->height < b->height ? a->height : b->height;
	return 2 * (bottom - top) >= shorter;
}

/*
 * Reading order: rows from the top, each row from the left. A row starts
 * at the topmost symbol not yet placed and takes the symbols that sit
 * beside it (codes side by side on a label are rarely aligned to the
 * pixel, and the picture may be turned a little).
 */
static void
reading_order(struct scan_result *r)
{
	qsort(r->symbols, r->n, sizeof *r->symbols, by_top);
	for (size_t i = 0; i < r->n;) {
		size_t j = i + 1;
		/* Sorted by top: the row ends at the first symbol not beside the row's first. */
		while (j < r->n && same_row(&r->symbols[i], &r->symbols[j]))
			j++;
		qsort(r->symbols + i, j - i, sizeof *r->symbols, by_left);
		i = j;
	}
}

enum scan_status
scan_image_grey(const unsigned char *grey, unsigned w, unsigned h, struct scan_result *out,
    char *err, size_t errsz)
{
	enum scan_status st;
	unsigned char *smooth;

	memset(out, 0, sizeof *out);
	if (w == 0 || h == 0 || (uint64_t)w * h > SCAN_MAX_PIXELS) {
		scan_seterr(err, errsz, _("image of %ux%u pixels: expected 1 to %u megapixels"), w, h,
		    SCAN_MAX_PIXELS / (1024u * 1024u));
		return SCAN_TOO_LARGE;
	}
	out->width = w;
	out->height = h;
	smooth = scan_smooth(grey, w, h);
	st = scan_zbar(grey, smooth, w, h, out, err, errsz);
	if (st == SCAN_OK) {
		mask_symbols(smooth, w, h, out);
		st = scan_dmtx(smooth, w, h, out, err, errsz);
	}
	free(smooth);
	if (st != SCAN_OK) {
		scan_result_free(out);
		return st;
	}
	if (out->n > 1)
		reading_order(out);
	return SCAN_OK;
}

/* What a file that is not a PNG is, by its first bytes: the formats a
 * camera, a phone or a scanner program saves. NULL when none of them. */
static const char *
other_format(const unsigned char *b, size_t n)
{
	if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return "JPEG";
	if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0 &&
	    (memcmp(b + 8, "heic", 4) == 0 || memcmp(b + 8, "heix", 4) == 0 ||
	     memcmp(b + 8, "mif1", 4) == 0 || memcmp(b + 8, "avif", 4) == 0))
		return memcmp(b + 8, "avif", 4) == 0 ? "AVIF" : "HEIC";
	if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
		return "WebP";
	if (n >= 4 && memcmp(b, "GIF8", 4) == 0)
		return "GIF";
	if (n >= 4 && (memcmp(b, "II*\0", 4) == 0 || memcmp(b, "MM\0*", 4) == 0))
		return "TIFF";
	if (n >= 2 && memcmp(b, "BM", 2) == 0)
		return "BMP";
	if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
		return "PDF";
	return NULL;
}

/* The whole file, or NULL with err set. */
static unsigned char *
read_file(const char *path, size_t *len, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL) {
		scan_seterr(err, errsz, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			if (cap >= SCAN_MAX_FILE) {
				scan_seterr(err, errsz, _("%s is larger than %u MiB: not a label's "
				    "picture"), path, SCAN_MAX_FILE / (1024u * 1024u));
				free(buf);
				fclose(f);
				return NULL;
			}
			cap = cap ? cap * 2 : 64 * 1024;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		scan_seterr(err, errsz, _("cannot read %s: %s"), path, strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

enum scan_status
scan_image_png(const char *path, struct scan_result *out, char *err, size_t errsz)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	static const png_color white = { 255, 255, 255 };
	png_image img;
	unsigned char *file, *grey;
	size_t len;
	const char *other;
	enum scan_status st;

	memset(out, 0, sizeof *out);
	if (path == NULL || (file = read_file(path, &len, err, errsz)) == NULL) {
		if (path == NULL)
			scan_seterr(err, errsz, _("cannot read %s: %s"), "-", strerror(EINVAL));
		return SCAN_NO_FILE;
	}
	if (len == 0) {
		scan_seterr(err, errsz, _("%s is empty: expected a PNG image"), path);
		free(file);
		return SCAN_NOT_PNG;
	}
	if (len < sizeof signature || memcmp(file, signature, sizeof signature) != 0) {
		if ((other = other_format(file, len)) != NULL)
			scan_seterr(err, errsz, _("%s is not a PNG image: it is a %s file; save or "
			    "export the picture as PNG"), path, other);
		else
			scan_seterr(err, errsz, _("%s is not a PNG image (it does not start with the "
			    "PNG signature)"), path);
		free(file);
		return SCAN_NOT_PNG;
	}
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, file, len)) {
		scan_seterr(err, errsz, _("%s is not a readable PNG image: %s"), path, img.message);
		png_image_free(&img);
		free(file);
		return SCAN_NOT_PNG;
	}
	if (img.width == 0 || img.height == 0 || (uint64_t)img.width * img.height > SCAN_MAX_PIXELS) {
		scan_seterr(err, errsz, _("%s: image too large (%ux%u pixels)"), path, img.width,
		    img.height);
		png_image_free(&img);
		free(file);
		return SCAN_TOO_LARGE;
	}
	img.format = PNG_FORMAT_GRAY;
	grey = xmalloc((size_t)img.width * img.height);
	memset(grey, 255, (size_t)img.width * img.height);
	if (!png_image_finish_read(&img, &white, grey, (png_int_32)img.width, NULL)) {
		scan_seterr(err, errsz, _("%s is not a readable PNG image: %s"), path, img.message);
		png_image_free(&img);
		free(file);
		free(grey);
		return SCAN_NOT_PNG;
	}
	free(file);
	st = scan_image_grey(grey, img.width, img.height, out, err, errsz);
	free(grey);
	return st;
}
