/* label_photo.c — see label_photo.h. */
#include "tests/lib/label_photo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <dmtx.h>
#include <png.h>
#include <qrencode.h>

#include "shared/util.h"

#define GS 0x1d

struct photo
photo_new(unsigned w, unsigned h, unsigned char paper)
{
	struct photo p = { w, h, xmalloc((size_t)w * h) };
	memset(p.px, paper, (size_t)w * h);
	return p;
}

void
photo_free(struct photo *p)
{
	free(p->px);
	memset(p, 0, sizeof *p);
}

void
modules_free(struct modules *m)
{
	free(m->m);
	memset(m, 0, sizeof *m);
}

static void
modules_new(struct modules *m, unsigned w, unsigned h)
{
	m->w = w;
	m->h = h;
	m->m = xcalloc((size_t)w * h, 1);
}

bool
art_qr(const char *text, struct modules *out)
{
	QRcode *qr = QRcode_encodeData((int)strlen(text), (const unsigned char *)text, 0,
	    QR_ECLEVEL_M);
	if (qr == NULL)
		return false;
	modules_new(out, (unsigned)qr->width, (unsigned)qr->width);
	for (int i = 0; i < qr->width * qr->width; i++)
		out->m[i] = qr->data[i] & 1;
	QRcode_free(qr);
	return true;
}

bool
art_datamatrix(const char *data, size_t len, bool gs1, struct modules *out)
{
	DmtxEncode *enc = dmtxEncodeCreate();
	unsigned char *in = xmalloc(len + 1);
	size_t n = 0;
	bool ok;

	/* libdmtx writes the character named by DmtxPropFnc1 as the FNC1
	 * codeword; GS1 asks for one first, and one for every separator. */
	if (gs1)
		in[n++] = GS;
	memcpy(in + n, data, len);
	n += len;
	dmtxEncodeSetProp(enc, DmtxPropScheme, DmtxSchemeAscii);
	dmtxEncodeSetProp(enc, DmtxPropSizeRequest, DmtxSymbolSquareAuto);
	if (gs1)
		dmtxEncodeSetProp(enc, DmtxPropFnc1, GS);
	ok = dmtxEncodeDataMatrix(enc, (int)n, in) == DmtxPass;
	if (ok) {
		int rows = enc->region.symbolRows, cols = enc->region.symbolCols;
		modules_new(out, (unsigned)cols, (unsigned)rows);
		/* libdmtx counts symbol rows from the bottom. */
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < cols; c++)
				out->m[(size_t)(rows - 1 - r) * (unsigned)cols + (unsigned)c] =
				    (dmtxSymbolModuleStatus(enc->message, enc->region.sizeIdx, r, c) &
				    DmtxModuleOnRGB) != 0;
	}
	free(in);
	dmtxEncodeDestroy(&enc);
	return ok;
}

/* Code 128 bar and space widths of values 0..106 (106 is the stop, with
 * its final bar), ISO/IEC 15417 table 1. */
static const char *const c128[107] = {
	"212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
	"221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
	"223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
	"312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
	"112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
	"113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
	"311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
	"111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
	"122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
	"121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
	"214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
	"113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};
enum { C128_CODE_C = 99, C128_CODE_B = 100, C128_FNC1 = 102, C128_START_B = 104,
	C128_START_C = 105, C128_STOP = 106 };

static size_t
digit_run(const char *s, size_t len, size_t i)
{
	size_t n = 0;
	while (i + n < len && s[i + n] >= '0' && s[i + n] <= '9')
		n++;
	return n;
}

/* Modules (1 bar, 0 space) of a linear code from element widths. */
static void
bars_to_modules(const unsigned char *bars, size_t nbars, unsigned quiet, unsigned height,
    struct modules *out)
{
	unsigned w = quiet * 2;
	for (size_t i = 0; i < nbars; i++)
		w += bars[i];
	modules_new(out, w, height);
	unsigned x = quiet;
	for (size_t i = 0; i < nbars; i++) {
		for (unsigned k = 0; k < bars[i]; k++, x++)
			if (i % 2 == 0)
				for (unsigned y = 0; y < height; y++)
					out->m[(size_t)y * w + x] = 1;
	}
}

/* Switches to set `to` (starting the symbol if it has not started;
 * GS1-128 has FNC1 right after the start character). */
static void
c128_set(int *v, size_t *nv, int *set, int to, bool gs1)
{
	if (*set == 0) {
		v[(*nv)++] = to == 'C' ? C128_START_C : C128_START_B;
		if (gs1)
			v[(*nv)++] = C128_FNC1;
	} else {
		v[(*nv)++] = to == 'C' ? C128_CODE_C : C128_CODE_B;
	}
	*set = to;
}

bool
art_code128(const char *data, size_t len, bool gs1, unsigned height, struct modules *out)
{
	int *v = xmalloc((len * 2 + 8) * sizeof *v);
	size_t nv = 0, i = 0;
	int set = 0;   /* 'B', 'C' */
	unsigned char *bars;
	size_t nbars = 0;
	long sum;

	/* Set C for a run of four digits or more (an odd run leaves its first
	 * digit to set B) or for data of digits only, set B for the rest. FNC1
	 * is a character of both sets. */
	while (i < len) {
		size_t d = digit_run(data, len, i);
		unsigned char c = (unsigned char)data[i];
		if (set != 'C' && (d >= 4 || (set == 0 && d >= 2 && d == len - i))) {
			if (d % 2 == 1) {
				if (set != 'B')
					c128_set(v, &nv, &set, 'B', gs1);
				v[nv++] = c - 32;
				i++;
			}
			c128_set(v, &nv, &set, 'C', gs1);
			continue;
		}
		if (set == 'C' && d >= 2) {
			v[nv++] = (data[i] - '0') * 10 + (data[i + 1] - '0');
			i += 2;
			continue;
		}
		if (c == GS) {
			if (set == 0)
				c128_set(v, &nv, &set, 'B', gs1);
			v[nv++] = C128_FNC1;
			i++;
			continue;
		}
		if (c < 32 || c > 126) {
			free(v);
			return false;
		}
		if (set != 'B')
			c128_set(v, &nv, &set, 'B', gs1);
		v[nv++] = c - 32;
		i++;
	}
	if (set == 0) {
		free(v);
		return false;
	}
	sum = v[0];
	for (size_t k = 1; k < nv; k++)
		sum += (long)k * v[k];
	v[nv++] = (int)(sum % 103);
	v[nv++] = C128_STOP;

	bars = xmalloc(nv * 7);
	for (size_t k = 0; k < nv; k++)
		for (const char *p = c128[v[k]]; *p; p++)
			bars[nbars++] = (unsigned char)(*p - '0');
	bars_to_modules(bars, nbars, 10, height, out);
	free(bars);
	free(v);
	return true;
}

bool
art_ean13(const char *digits, unsigned height, struct modules *out)
{
	/* Set A (odd parity) element widths of 0..9; set B is set C reversed,
	 * set C is set A with bars and spaces swapped (same widths). */
	static const char *const setA[10] = { "3211", "2221", "2122", "1411", "1132", "1231",
		"1114", "1312", "1213", "3112" };
	/* Which of the left six digits use set B, by the first digit. */
	static const char *const parity[10] = { "AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB",
		"ABBAAB", "ABBBAA", "ABABAB", "ABABBA", "ABBABA" };
	char d[14];
	unsigned char bars[64];
	size_t n = strlen(digits), nb = 0;
	int sum = 0;

	if (n != 12 && n != 13)
		return false;
	for (size_t i = 0; i < n; i++)
		if (digits[i] < '0' || digits[i] > '9')
			return false;
	memcpy(d, digits, 12);
	for (int i = 0; i < 12; i++)
		sum += (d[i] - '0') * (i % 2 ? 3 : 1);
	d[12] = (char)('0' + (10 - sum % 10) % 10);
	d[13] = '\0';
	if (n == 13 && digits[12] != d[12])
		return false;
	bars[nb++] = 1, bars[nb++] = 1, bars[nb++] = 1;
	for (int i = 1; i <= 6; i++) {
		const char *w = setA[d[i] - '0'];
		bool b = parity[d[0] - '0'][i - 1] == 'B';
		for (int k = 0; k < 4; k++)
			bars[nb++] = (unsigned char)(w[b ? 3 - k : k] - '0');
	}
	for (int k = 0; k < 5; k++)
		bars[nb++] = 1;
	for (int i = 7; i <= 12; i++) {
		const char *w = setA[d[i] - '0'];
		for (int k = 0; k < 4; k++)
			bars[nb++] = (unsigned char)(w[k] - '0');
	}
	bars[nb++] = 1, bars[nb++] = 1, bars[nb++] = 1;
	/* Elements alternate bar, space from the start guard's first bar: the
	 * left digits (set A or B) start with a space, the right ones (set C)
	 * with a bar, as the guards between them leave it. */
	bars_to_modules(bars, nb, 11, height, out);
	return true;
}

void
photo_draw(struct photo *p, const struct modules *m, unsigned x, unsigned y, unsigned scale)
{
	for (unsigned r = 0; r < m->h; r++)
		for (unsigned c = 0; c < m->w; c++) {
			if (!m->m[(size_t)r * m->w + c])
				continue;
			for (unsigned dy = 0; dy < scale; dy++)
				for (unsigned dx = 0; dx < scale; dx++) {
					unsigned px = x + c * scale + dx, py = y + r * scale + dy;
					if (px < p->w && py < p->h)
						p->px[(size_t)py * p->w + px] = 0;
				}
		}
}

static void
rotated_size(const struct photo *p, double factor, double degrees, unsigned *w, unsigned *h)
{
	double a = degrees * M_PI / 180.0, c = fabs(cos(a)), s = fabs(sin(a));
	*w = (unsigned)ceil((p->w * c + p->h * s) * factor);
	*h = (unsigned)ceil((p->w * s + p->h * c) * factor);
}

void
photo_transform_point(const struct photo *p, double factor, double degrees, double x, double y,
    double *ox, double *oy)
{
	unsigned w, h;
	double a = degrees * M_PI / 180.0;
	double dx = (x - p->w / 2.0) * factor, dy = (y - p->h / 2.0) * factor;

	rotated_size(p, factor, degrees, &w, &h);
	/* y points down: a counter-clockwise turn on screen is -a in these axes. */
	*ox = w / 2.0 + dx * cos(a) + dy * sin(a);
	*oy = h / 2.0 - dx * sin(a) + dy * cos(a);
}

struct photo
photo_transform(const struct photo *p, double factor, double degrees, unsigned char paper)
{
	unsigned w, h;
	double a = degrees * M_PI / 180.0, ca = cos(a), sa = sin(a);
	struct photo o;

	rotated_size(p, factor, degrees, &w, &h);
	o = photo_new(w, h, paper);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			/* The inverse of photo_transform_point. */
			double ex = x + 0.5 - w / 2.0, ey = y + 0.5 - h / 2.0;
			double sx = (ex * ca - ey * sa) / factor + p->w / 2.0 - 0.5;
			double sy = (ex * sa + ey * ca) / factor + p->h / 2.0 - 0.5;
			int x0 = (int)floor(sx), y0 = (int)floor(sy);
			double fx = sx - x0, fy = sy - y0, v = 0;
			for (int k = 0; k < 4; k++) {
				int xx = x0 + (k & 1), yy = y0 + (k >> 1);
				double wgt = ((k & 1) ? fx : 1 - fx) * ((k >> 1) ? fy : 1 - fy);
				unsigned char s = (xx >= 0 && yy >= 0 && (unsigned)xx < p->w &&
				    (unsigned)yy < p->h) ? p->px[(size_t)yy * p->w + (unsigned)xx] : paper;
				v += wgt * s;
			}
			o.px[(size_t)y * w + x] = (unsigned char)lround(v);
		}
	return o;
}

static void
box_pass(unsigned char *dst, const unsigned char *src, unsigned n, size_t stride, unsigned r)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned lo = i >= r ? i - r : 0, hi = i + r < n ? i + r : n - 1, sum = 0;
		for (unsigned k = lo; k <= hi; k++)
			sum += src[k * stride];
		dst[i * stride] = (unsigned char)(sum / (hi - lo + 1));
	}
}

void
photo_blur(struct photo *p, unsigned r)
{
	unsigned char *tmp = xmalloc((size_t)p->w * p->h);
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned y = 0; y < p->h; y++)
			box_pass(tmp + (size_t)y * p->w, p->px + (size_t)y * p->w, p->w, 1, r);
		for (unsigned x = 0; x < p->w; x++)
			box_pass(p->px + x, tmp + x, p->h, p->w, r);
	}
	free(tmp);
}

void
photo_contrast(struct photo *p, unsigned char ink, unsigned char paper)
{
	for (size_t i = 0; i < (size_t)p->w * p->h; i++)
		p->px[i] = (unsigned char)(ink + (p->px[i] * (paper - ink) + 127) / 255);
}

void
photo_shade(struct photo *p, double dim)
{
	for (unsigned y = 0; y < p->h; y++)
		for (unsigned x = 0; x < p->w; x++) {
			double f = 1.0 - (1.0 - dim) * x / (p->w > 1 ? p->w - 1 : 1);
			unsigned char *v = &p->px[(size_t)y * p->w + x];
			*v = (unsigned char)lround(*v * f);
		}
}

static uint32_t
xorshift(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

void
photo_noise(struct photo *p, unsigned amplitude, uint32_t seed)
{
	uint32_t s = seed ? seed : 1;
	for (size_t i = 0; i < (size_t)p->w * p->h; i++) {
		int n = (int)(xorshift(&s) % (amplitude + 1)) + (int)(xorshift(&s) % (amplitude + 1)) -
		    (int)amplitude;
		int v = p->px[i] + n;
		p->px[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
	}
}

bool
photo_write_png(const struct photo *p, const char *path)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = p->w;
	img.height = p->h;
	img.format = PNG_FORMAT_GRAY;
	return png_image_write_to_file(&img, path, 0, p->px, (png_int_32)p->w, NULL) != 0;
}
