/*
 * test_label.c — unit labels: QR code PNG round trips through zbar, the
 * PNG's geometry, ZPL text and its escaping, and every refusal.
 *
 * Files go to a mkdtemp directory that is removed at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

#include "shared/label/label.h"
#include "tests/lib/check.h"

static char tmpdir[] = "/tmp/yoke-label.XXXXXX";
static char pathbuf[4][512];
static int pathnext;

/* A file name in the temporary directory (a few live at once). */
static const char *
tpath(const char *name)
{
	char *p = pathbuf[pathnext++ % 4];
	snprintf(p, sizeof pathbuf[0], "%s/%s", tmpdir, name);
	return p;
}

/* Encodes, decodes and compares; reports which serial and scale failed. */
static void
round_trip(const char *serial, int scale)
{
	char err[256] = "", out[4096] = "";
	const char *png = tpath("rt.png");
	int n;

	if (label_qr_png(serial, scale, png, err, sizeof err) != 0) {
		check_fail(__FILE__, __LINE__, "encode \"%s\" at scale %d: %s", serial, scale, err);
		return;
	}
	n = label_decode_png(png, out, sizeof out, err, sizeof err);
	if (n != 1)
		check_fail(__FILE__, __LINE__, "decode \"%s\" at scale %d: %d symbols (%s)", serial,
		    scale, n, err);
	else if (strcmp(out, serial) != 0)
		check_fail(__FILE__, __LINE__, "scale %d: read back \"%s\", wrote \"%s\"", scale, out,
		    serial);
	unlink(png);
}

static const char *const serials[] = {
	"SN-000123",
	"sn-Mixed-Case-42",                          /* casesensitive=0 would upper-case it */
	"0123456789",
	"a-b-c--d---e",
	"WO2024-0042/07",
	"UNIT-2024-LINE3-STATION12-SHIFT-B-LONG-SERIAL-NUMBER-0000000000000000000001-abcdefghijklmnopqrstuvwxyz",
	"序列号-电机-0001",                           /* Chinese, UTF-8 */
	"Ünïcödé-5",                                 /* zbar alone would guess Shift JIS */
	"100%_sure^~",
};
#define NSERIALS (sizeof serials / sizeof serials[0])

static void
test_round_trip_scale8(void)
{
	for (size_t i = 0; i < NSERIALS; i++)
		round_trip(serials[i], 8);
}

static void
test_round_trip_scale1(void)
{
	for (size_t i = 0; i < NSERIALS; i++)
		round_trip(serials[i], 1);
}

static void
test_round_trip_scale3(void)
{
	for (size_t i = 0; i < NSERIALS; i++)
		round_trip(serials[i], 3);
}

/* Reads a PNG as 8-bit grey; returns a malloc'd buffer or NULL. */
static unsigned char *
read_grey(const char *path, unsigned *w, unsigned *h)
{
	png_image img;
	unsigned char *buf;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path))
		return NULL;
	img.format = PNG_FORMAT_GRAY;
	*w = img.width;
	*h = img.height;
	buf = malloc((size_t)*w * *h);
	if (buf == NULL || !png_image_finish_read(&img, NULL, buf, 0, NULL)) {
		png_image_free(&img);
		free(buf);
		return NULL;
	}
	return buf;
}

/* The quiet zone is white, the finder pattern's corner module is black,
 * and the side is (modules + 8) * scale. */
static void
test_png_geometry(void)
{
	char err[256];
	const char *png = tpath("geo.png");
	unsigned w = 0, h = 0;
	unsigned char *g;
	int modules = label_qr_modules("SN-000123", err, sizeof err);

	CHECK_INT(modules, 21);
	REQUIRE(label_qr_png("SN-000123", 8, png, err, sizeof err) == 0);
	g = read_grey(png, &w, &h);
	REQUIRE(g != NULL);
	CHECK_INT(w, (21 + 8) * 8);
	CHECK_INT(h, w);
	/* Every pixel of the 4-module border is white. */
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++)
			if ((x < 32 || y < 32 || x >= w - 32 || y >= h - 32) && g[y * w + x] != 255) {
				check_fail(__FILE__, __LINE__, "quiet zone pixel %u,%u is %u", x, y,
				    g[y * w + x]);
				y = h;
				break;
			}
	/* The top-left finder pattern starts right after the quiet zone. */
	CHECK_INT(g[32 * w + 32], 0);
	CHECK_INT(g[39 * w + 39], 0);
	/* Its second ring is light. */
	CHECK_INT(g[(32 + 8) * w + 32 + 8], 255);
	free(g);
	unlink(png);

	REQUIRE(label_qr_png("SN-000123", 1, png, err, sizeof err) == 0);
	g = read_grey(png, &w, &h);
	REQUIRE(g != NULL);
	CHECK_INT(w, 29);
	free(g);
	unlink(png);
}

static void
test_refusals(void)
{
	char err[256], big[4000];
	const char *png = tpath("refused.png");
	struct stat st;

	err[0] = '\0';
	CHECK_INT(label_qr_png("", 4, png, err, sizeof err), -1);
	CHECK(strstr(err, "empty") != NULL);
	err[0] = '\0';
	CHECK_INT(label_qr_png(NULL, 4, png, err, sizeof err), -1);
	CHECK(strstr(err, "empty") != NULL);

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	err[0] = '\0';
	CHECK_INT(label_qr_png(big, 4, png, err, sizeof err), -1);
	CHECK(strstr(err, "too long for a QR code") != NULL);
	CHECK(strstr(err, "3999 bytes") != NULL);
	CHECK_INT(label_qr_modules(big, err, sizeof err), -1);

	err[0] = '\0';
	CHECK_INT(label_qr_png("SN-1", 0, png, err, sizeof err), -1);
	CHECK(strstr(err, "scale") != NULL);
	CHECK_INT(label_qr_png("SN-1", LABEL_MAX_SCALE + 1, png, err, sizeof err), -1);
	CHECK(stat(png, &st) != 0);

	/* A NULL err is allowed: the call still fails cleanly. */
	CHECK_INT(label_qr_png("", 4, png, NULL, 0), -1);
}

static void
test_unwritable(void)
{
	char err[256] = "";
	const char *png = tpath("no/such/dir/x.png");
	CHECK_INT(label_qr_png("SN-1", 4, png, err, sizeof err), -1);
	CHECK(strstr(err, "cannot write") != NULL);
	CHECK(strstr(err, png) != NULL);
	CHECK(strstr(err, "No such file") != NULL);

	/* A directory is not a file. */
	err[0] = '\0';
	CHECK_INT(label_qr_png("SN-1", 4, tmpdir, err, sizeof err), -1);
	CHECK(strstr(err, "cannot write") != NULL);

	/* A full device: the PNG must not be left half written. */
	if (access("/dev/full", W_OK) == 0) {
		err[0] = '\0';
		CHECK_INT(label_qr_png("SN-1", 4, "/dev/full", err, sizeof err), -1);
		CHECK(strstr(err, "cannot write /dev/full") != NULL);
	}
}

static void
write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return;
	fwrite(data, 1, n, f);
	fclose(f);
}

static void
test_decode_bad_files(void)
{
	char err[256] = "", out[64] = "x";
	const char *txt = tpath("not.png"), *cut = tpath("cut.png"), *good = tpath("good.png");
	unsigned char buf[200];
	FILE *f;
	size_t n;

	write_file(txt, "this is not a PNG\n", 18);
	CHECK_INT(label_decode_png(txt, out, sizeof out, err, sizeof err), -1);
	CHECK(strstr(err, "not a PNG") != NULL);
	CHECK_STR(out, "");
	unlink(txt);

	err[0] = '\0';
	CHECK_INT(label_decode_png(tpath("missing.png"), out, sizeof out, err, sizeof err), -1);
	CHECK(strstr(err, "cannot read") != NULL);
	CHECK(strstr(err, "No such file") != NULL);

	err[0] = '\0';
	CHECK_INT(label_decode_png("", out, sizeof out, err, sizeof err), -1);
	CHECK(err[0] != '\0');

	/* A PNG cut short after its header. */
	REQUIRE(label_qr_png("SN-CUT", 4, good, err, sizeof err) == 0);
	f = fopen(good, "rb");
	REQUIRE(f != NULL);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	REQUIRE(n == sizeof buf);
	write_file(cut, buf, 60);
	err[0] = '\0';
	CHECK_INT(label_decode_png(cut, out, sizeof out, err, sizeof err), -1);
	CHECK(err[0] != '\0');

	/* An output buffer too small for the symbol's text. */
	err[0] = '\0';
	CHECK_INT(label_decode_png(good, out, 4, err, sizeof err), -1);
	CHECK(strstr(err, "longer than 3 bytes") != NULL);
	unlink(cut);
	unlink(good);
}

/* Writes a w x h image in the given libpng format from a grey template. */
static int
write_png(const char *path, const void *pix, unsigned w, unsigned h, png_uint_32 format)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = w;
	img.height = h;
	img.format = format;
	return png_image_write_to_file(&img, path, 0, pix, 0, NULL);
}

static void
test_decode_blank(void)
{
	char err[256] = "", out[64] = "x";
	const char *png = tpath("blank.png");
	unsigned char *white = malloc(300 * 200);
	REQUIRE(white != NULL);
	memset(white, 255, 300 * 200);
	REQUIRE(write_png(png, white, 300, 200, PNG_FORMAT_GRAY));
	CHECK_INT(label_decode_png(png, out, sizeof out, err, sizeof err), 0);
	CHECK_STR(out, "");
	free(white);
	unlink(png);
}

/*
 * The same QR code stored as RGBA with a transparent background, as 16-bit
 * grey and as RGB: each must be converted to 8-bit grey and still read.
 */
static void
test_decode_other_formats(void)
{
	char err[256] = "", out[256] = "";
	const char *src = tpath("src.png"), *dst = tpath("fmt.png");
	unsigned w, h;
	unsigned char *g, *rgba, *rgb;
	png_uint_16 *y16;

	REQUIRE(label_qr_png("Fmt-Test-07", 6, src, err, sizeof err) == 0);
	g = read_grey(src, &w, &h);
	REQUIRE(g != NULL);
	rgba = malloc((size_t)w * h * 4);
	rgb = malloc((size_t)w * h * 3);
	y16 = malloc((size_t)w * h * sizeof *y16);
	REQUIRE(rgba && rgb && y16);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		/* Light modules transparent black: only alpha says they are paper. */
		rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = 0;
		rgba[4 * i + 3] = g[i] ? 0 : 255;
		/* Dark blue ink on yellow paper. */
		rgb[3 * i] = g[i] ? 250 : 10;
		rgb[3 * i + 1] = g[i] ? 240 : 20;
		rgb[3 * i + 2] = g[i] ? 60 : 120;
		y16[i] = g[i] ? 65535 : 0;
	}

	REQUIRE(write_png(dst, rgba, w, h, PNG_FORMAT_RGBA));
	CHECK_INT(label_decode_png(dst, out, sizeof out, err, sizeof err), 1);
	CHECK_STR(out, "Fmt-Test-07");

	out[0] = '\0';
	REQUIRE(write_png(dst, rgb, w, h, PNG_FORMAT_RGB));
	CHECK_INT(label_decode_png(dst, out, sizeof out, err, sizeof err), 1);
	CHECK_STR(out, "Fmt-Test-07");

	out[0] = '\0';
	REQUIRE(write_png(dst, y16, w, h, PNG_FORMAT_LINEAR_Y));
	CHECK_INT(label_decode_png(dst, out, sizeof out, err, sizeof err), 1);
	CHECK_STR(out, "Fmt-Test-07");

	free(g);
	free(rgba);
	free(rgb);
	free(y16);
	unlink(src);
	unlink(dst);
}

static int
count(const char *s, const char *sub)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, sub)) != NULL; p += strlen(sub))
		n++;
	return n;
}

static void
test_zpl_fields(void)
{
	char err[256] = "";
	struct label l = { .serial = "SN-000123", .product = "PCB-4711-A",
		.description = "Motor controller", .work_order = "WO-2024-0042", .due = "2024-06-30" };
	char *z = label_zpl(&l, LABEL_2X1, err, sizeof err);
	REQUIRE(z != NULL);
	CHECK(strncmp(z, "^XA\n^CI28\n^PW406\n^LL203\n", 24) == 0);
	/* 21 modules + 8 quiet = 29; 203 / 29 = 7, capped at 5 dots per module;
	 * the symbol starts one quiet zone (4 x 5 dots) in. */
	CHECK(strstr(z, "^FO20,20^BQN,2,5^FH^FDQA,SN-000123^FS\n") != NULL);
	CHECK(strstr(z, "^FH^FDSN-000123^FS") != NULL);
	CHECK(strstr(z, "^FH^FDPCB-4711-A^FS") != NULL);
	CHECK(strstr(z, "^FH^FDMotor controller^FS") != NULL);
	CHECK(strstr(z, "^FH^FDWO WO-2024-0042^FS") != NULL);
	CHECK(strstr(z, "^FH^FDDue 2024-06-30^FS") != NULL);
	/* Text starts right of the QR code and its quiet zones: 29 x 5. */
	CHECK(strstr(z, "^FO145,") != NULL);
	CHECK_INT(count(z, "^XA"), 1);
	CHECK_INT(count(z, "^FS"), 6);
	CHECK_INT(count(z, "^FD"), 6);
	CHECK(strcmp(z + strlen(z) - 4, "^XZ\n") == 0);
	free(z);

	/* Only the serial: no empty fields for what is missing. */
	l = (struct label){ .serial = "SN-1" };
	z = label_zpl(&l, LABEL_4X2, err, sizeof err);
	REQUIRE(z != NULL);
	CHECK(strstr(z, "^PW812\n^LL406\n") != NULL);
	CHECK(strstr(z, "^BQN,2,10^FH^FDQA,SN-1^FS") != NULL);
	CHECK_INT(count(z, "^FD"), 2);
	CHECK(strstr(z, "WO ") == NULL);
	free(z);
}

static void
test_zpl_escapes(void)
{
	char err[256] = "";
	struct label l = { .serial = "A^B~C_D", .product = "^XZ~JR",
		.description = "line1\nline2", .work_order = "WO_1" };
	char *z = label_zpl(&l, LABEL_2X1, err, sizeof err), *body;
	REQUIRE(z != NULL);
	CHECK(strstr(z, "^FDQA,A_5EB_7EC_5FD^FS") != NULL);
	CHECK(strstr(z, "^FH^FD_5EXZ_7EJR^FS") != NULL);
	CHECK(strstr(z, "^FH^FDline1_0Aline2^FS") != NULL);
	CHECK(strstr(z, "^FH^FDWO WO_5F1^FS") != NULL);
	/* The data never ends the label early: one ^XZ, and it is the last. */
	CHECK_INT(count(z, "^XZ"), 1);
	CHECK_INT(count(z, "~"), 0);
	/* No field carries a raw ^ between ^FD and ^FS. */
	for (body = z; (body = strstr(body, "^FD")) != NULL; body += 3) {
		const char *fs = strstr(body, "^FS");
		REQUIRE(fs != NULL);
		CHECK(memchr(body + 3, '^', (size_t)(fs - body - 3)) == NULL);
	}
	free(z);
}

static void
test_zpl_utf8(void)
{
	char err[256] = "";
	/* 9 Chinese characters are 27 bytes, plus "-0001" = 32 bytes. */
	struct label l = { .serial = "序列号序列号序列号-0001", .product = "电机-01",
		.description = "无刷直流电机控制器" };
	char *z = label_zpl(&l, LABEL_4X2, err, sizeof err);
	REQUIRE(z != NULL);
	/* Automatic QR input cannot carry UTF-8: manual byte mode with the count. */
	CHECK(strstr(z, "^FDQM,B0032序列号序列号序列号-0001^FS") != NULL);
	CHECK(strstr(z, "^FH^FD电机-01^FS") != NULL);
	CHECK(strstr(z, "^FH^FD无刷直流电机控制器^FS") != NULL);
	free(z);
}

static void
test_zpl_cut_and_refused(void)
{
	char err[256] = "", desc[301], big[4000];
	struct label l = { .serial = "SN-1", .description = desc };
	char *z, *p, *fs;

	memset(desc, 'D', 300);
	desc[300] = '\0';
	z = label_zpl(&l, LABEL_2X1, err, sizeof err);
	REQUIRE(z != NULL);
	p = strstr(z, "^FDDDD");
	REQUIRE(p != NULL);
	fs = strstr(p, "^FS");
	REQUIRE(fs != NULL);
	/* 406 - 145 - 6 = 255 dots at 12 dots a column: 21 characters. */
	CHECK_INT(fs - p - 3, 21);
	free(z);

	err[0] = '\0';
	l = (struct label){ .serial = "" };
	CHECK(label_zpl(&l, LABEL_2X1, err, sizeof err) == NULL);
	CHECK(strstr(err, "serial") != NULL);
	CHECK(label_zpl(NULL, LABEL_2X1, err, sizeof err) == NULL);

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	l.serial = big;
	err[0] = '\0';
	CHECK(label_zpl(&l, LABEL_4X2, err, sizeof err) == NULL);
	CHECK(strstr(err, "too long") != NULL);

	/* Fits in a QR code, but not readably on a 2 x 1 in label. */
	big[600] = '\0';
	err[0] = '\0';
	CHECK(label_zpl(&l, LABEL_2X1, err, sizeof err) == NULL);
	CHECK(strstr(err, "too long for a readable QR code") != NULL);
	l.serial = "SN-1";
	CHECK(label_zpl(&l, (enum label_media)7, err, sizeof err) == NULL);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_round_trip_scale8);
	RUN(test_round_trip_scale1);
	RUN(test_round_trip_scale3);
	RUN(test_png_geometry);
	RUN(test_refusals);
	RUN(test_unwritable);
	RUN(test_decode_bad_files);
	RUN(test_decode_blank);
	RUN(test_decode_other_formats);
	RUN(test_zpl_fields);
	RUN(test_zpl_escapes);
	RUN(test_zpl_utf8);
	RUN(test_zpl_cut_and_refused);
	if (rmdir(tmpdir) != 0)
		perror(tmpdir);
	return check_done();
}
