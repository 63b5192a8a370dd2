/*
 * test_scan_image.c — shared/scan/: photos of labels read back exactly.
 *
 * Each label is drawn by real encoders (tests/lib/label_photo.h: libdmtx
 * for GS1 DataMatrix, libqrencode for QR, Code 128/GS1-128 and EAN-13 by
 * its own encoders), then made to look like a photo: scaled by a factor
 * that is not a whole number, rotated a few degrees, blurred, its contrast
 * lowered, shaded and given sensor noise. Every symbol on it must come
 * back with exactly its data, its symbology, its GS1 flag and AIM
 * identifier, its position (the box holds where its centre was drawn, as
 * transformed) and, for GS1, exactly its Application Identifiers through
 * the project's parser (gs1_parse of the scanner form). A picture without
 * a code gives no symbol; files that are not PNG pictures are refused with
 * a message that says what they are.
 *
 * `test_scan_image --write DIR` writes the same photos to DIR and exits:
 * tests/e2e/e2e_ctl_scan.sh reads them with `yokectl scan --image`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "shared/gs1/gs1.h"
#include "shared/scan/image.h"
#include "shared/util.h"
#include "tests/lib/check.h"
#include "tests/lib/label_photo.h"

enum art { ART_QR, ART_DM, ART_C128, ART_EAN13 };

struct placed {
	enum art art;
	const char *data;          /* GS as "\x1d" */
	bool gs1;
	unsigned scale, x, y;      /* pixels per module and top left, on the label */
	/* What the reader must say. */
	enum scan_symbology sym;
	const char *aim;
	const char *text;          /* the data as read (no leading FNC1) */
	const char *fields;        /* "01=...|17=..." from gs1_parse, NULL: not GS1 data,
	                            * "error:": GS1 data the parser refuses */
};

struct label_case {
	const char *name;
	unsigned w, h;
	struct placed sym[4];
	int nsym;
	double factor, degrees;
	unsigned blur;
	unsigned char ink, paper;
	double shade;
	unsigned noise;
	uint32_t seed;
};

#define REEL_DM "01095212345432131727123110LOT-2411-07\x1d" "21RL-000815"
#define REEL_FIELDS "01=09521234543213|17=271231|10=LOT-2411-07|21=RL-000815"
#define DL_URI "https://id.gs1.org/01/09521234543213/10/LOT-2411-07?17=271231"

static const struct label_case cases[] = {
	{ "reel-datamatrix", 300, 300, {
		{ ART_DM, REEL_DM, true, 6, 70, 70, SCAN_DATAMATRIX, "]d2", REEL_DM, REEL_FIELDS },
	  }, 1, 1.37, 4.5, 1, 70, 205, 0.85, 14, 11 },
	{ "gs1-128", 800, 200, {
		{ ART_C128, "0109521234543213" "10LOT-2411-07\x1d" "304000", true, 2, 40, 40,
		  SCAN_CODE128, "]C1", "0109521234543213" "10LOT-2411-07\x1d" "304000",
		  "01=09521234543213|10=LOT-2411-07|30=4000" },
	  }, 1, 1.62, -2.5, 1, 60, 210, 0.8, 12, 12 },
	{ "unit-qr", 260, 260, {
		{ ART_QR, "WO-DEMO-1-0007", false, 6, 50, 50, SCAN_QR, "]Q1", "WO-DEMO-1-0007", NULL },
	  }, 1, 2.3, 7.0, 2, 50, 215, 0.8, 16, 13 },
	{ "digital-link-qr", 380, 380, {
		{ ART_QR, DL_URI, false, 5, 60, 60, SCAN_QR, "]Q1", DL_URI,
		  "01=09521234543213|10=LOT-2411-07|17=271231" },
	  }, 1, 1.45, -5.0, 1, 60, 210, 0.85, 12, 14 },
	{ "ean13", 300, 200, {
		{ ART_EAN13, "952123454321", false, 2, 40, 40, SCAN_EAN13, "]E0", "9521234543213",
		  "01=09521234543213" },
	  }, 1, 1.73, 3.0, 1, 55, 205, 0.85, 12, 15 },
	/* A reel label: the GS1 DataMatrix, the supplier's part number as a
	 * plain Code 128, the quantity as a GS1-128 of its own (one AI per
	 * code, as older labels have) and yoke's unit QR. */
	{ "reel-label", 900, 420, {
		{ ART_DM, REEL_DM, true, 5, 40, 40, SCAN_DATAMATRIX, "]d2", REEL_DM, REEL_FIELDS },
		{ ART_C128, "MCU-F407", false, 3, 300, 50, SCAN_CODE128, "]C0", "MCU-F407", NULL },
		{ ART_C128, "304000", true, 3, 300, 250, SCAN_CODE128, "]C1", "304000", "30=4000" },
		{ ART_QR, "WO-DEMO-1-0007", false, 5, 700, 230, SCAN_QR, "]Q1", "WO-DEMO-1-0007", NULL },
	  }, 4, 1.28, 3.5, 1, 65, 205, 0.82, 12, 16 },
	/* A quantity alone: (30) needs (01) or (02) on the same label, which
	 * yokectl scan reports; the symbol itself reads. */
	{ "quantity-only", 400, 160, {
		{ ART_C128, "304000", true, 3, 40, 30, SCAN_CODE128, "]C1", "304000", "30=4000" },
	  }, 1, 1.41, -2.0, 1, 60, 210, 0.85, 10, 17 },
	/* A GS1 DataMatrix whose GTIN has a wrong check digit: read exactly,
	 * refused by the GS1 parser. */
	{ "bad-check-digit", 260, 260, {
		{ ART_DM, "0109521234543214" "10LOT-2411-07", true, 6, 50, 50, SCAN_DATAMATRIX, "]d2",
		  "0109521234543214" "10LOT-2411-07", "error:" },
	  }, 1, 1.33, 6.0, 1, 60, 210, 0.85, 10, 18 },
	/* Latin-1 bytes in a QR code come back as those bytes, not as UTF-8. */
	{ "latin1-qr", 240, 240, {
		{ ART_QR, "Caf\xe9 L\xf6t 7", false, 6, 40, 40, SCAN_QR, "]Q1", "Caf\xe9 L\xf6t 7", NULL },
	  }, 1, 1.52, -4.0, 1, 60, 210, 0.85, 10, 19 },
};
#define NCASES (sizeof cases / sizeof cases[0])

static bool
encode(const struct placed *p, struct modules *m)
{
	switch (p->art) {
	case ART_QR: return art_qr(p->data, m);
	case ART_DM: return art_datamatrix(p->data, strlen(p->data), p->gs1, m);
	case ART_C128: return art_code128(p->data, strlen(p->data), p->gs1, 30, m);
	case ART_EAN13: return art_ean13(p->data, 40, m);
	}
	return false;
}

/* The label of c as a photo; cx, cy get each symbol's centre in it. */
static bool
make_photo(const struct label_case *c, struct photo *out, double cx[], double cy[])
{
	struct photo label = photo_new(c->w, c->h, 255);

	for (int i = 0; i < c->nsym; i++) {
		const struct placed *p = &c->sym[i];
		struct modules m;
		if (!encode(p, &m)) {
			check_fail(__FILE__, __LINE__, "%s: cannot encode \"%s\"", c->name, p->data);
			photo_free(&label);
			return false;
		}
		if (p->x + m.w * p->scale > c->w || p->y + m.h * p->scale > c->h)
			check_fail(__FILE__, __LINE__, "%s: symbol %d (%ux%u modules) does not fit",
			    c->name, i, m.w, m.h);
		photo_draw(&label, &m, p->x, p->y, p->scale);
		photo_transform_point(&label, c->factor, c->degrees, p->x + m.w * p->scale / 2.0,
		    p->y + m.h * p->scale / 2.0, &cx[i], &cy[i]);
		modules_free(&m);
	}
	*out = photo_transform(&label, c->factor, c->degrees, 255);
	photo_free(&label);
	photo_blur(out, c->blur);
	photo_contrast(out, c->ink, c->paper);
	photo_shade(out, c->shade);
	photo_noise(out, c->noise, c->seed);
	return true;
}

/* "01=...|17=..." of the scanner form of s, through the GS1 parser; "" if
 * it is not GS1 data, "error: ..." when the parser refuses it. */
static void
fields_of(const struct scan_symbol *s, char *buf, size_t size)
{
	char wire[4200];
	/* Pairing is a rule for the label (yokectl scan checks it there). */
	struct gs1_options opt = { .current_year = 2025, .no_pairing = true };
	struct gs1_result r;
	struct gs1_error e;
	size_t n = scan_symbol_wire(s, wire, sizeof wire), at = 0;

	buf[0] = '\0';
	if (!gs1_parse(wire, n, &opt, &r, &e)) {
		if (s->gs1)
			snprintf(buf, size, "error: %s", e.message);
		return;
	}
	for (int i = 0; i < r.nfields && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s=%s", i ? "|" : "", r.fields[i].ai,
		    r.fields[i].value);
}

static void
check_case(const struct label_case *c)
{
	struct photo ph;
	struct scan_result r;
	char err[512] = "", got[1024];
	double cx[4], cy[4];
	bool used[SCAN_MAX_SYMBOLS] = { false };

	if (!make_photo(c, &ph, cx, cy))
		return;
	if (scan_image_grey(ph.px, ph.w, ph.h, &r, err, sizeof err) != SCAN_OK) {
		check_fail(__FILE__, __LINE__, "%s: %s", c->name, err);
		photo_free(&ph);
		return;
	}
	if (r.n != (size_t)c->nsym)
		check_fail(__FILE__, __LINE__, "%s: %zu symbols read, %d drawn", c->name, r.n, c->nsym);
	CHECK(!r.dmtx_timed_out);
	CHECK_INT(r.width, ph.w);
	for (int i = 0; i < c->nsym; i++) {
		const struct placed *p = &c->sym[i];
		const struct scan_symbol *s = NULL;
		/* The symbol whose box holds this one's centre. */
		for (size_t k = 0; k < r.n && s == NULL; k++)
			if (!used[k] && r.symbols[k].x <= cx[i] && cx[i] <= r.symbols[k].x +
			    r.symbols[k].width && r.symbols[k].y <= cy[i] &&
			    cy[i] <= r.symbols[k].y + r.symbols[k].height) {
				s = &r.symbols[k];
				used[k] = true;
			}
		if (s == NULL) {
			check_fail(__FILE__, __LINE__, "%s: nothing read at %.0f,%.0f where \"%s\" is",
			    c->name, cx[i], cy[i], p->text);
			continue;
		}
		if (s->len != strlen(p->text) || memcmp(s->text, p->text, s->len) != 0) {
			scan_text_visible(s->text, s->len, got, sizeof got);
			check_fail(__FILE__, __LINE__, "%s: read \"%s\", drawn \"%s\"", c->name, got,
			    p->data);
		}
		CHECK_INT(s->symbology, p->sym);
		CHECK(s->gs1 == p->gs1);
		CHECK_STR(s->aim, p->aim);
		fields_of(s, got, sizeof got);
		if (p->fields && strcmp(p->fields, "error:") == 0)
			CHECK(strncmp(got, "error: ", 7) == 0);
		else
			CHECK_STR(got, p->fields ? p->fields : "");
	}
	scan_result_free(&r);
	photo_free(&ph);
}

static void test_reel_datamatrix(void) { check_case(&cases[0]); }
static void test_gs1_128(void) { check_case(&cases[1]); }
static void test_unit_qr(void) { check_case(&cases[2]); }
static void test_digital_link_qr(void) { check_case(&cases[3]); }
static void test_ean13(void) { check_case(&cases[4]); }
static void test_reel_label(void) { check_case(&cases[5]); }
static void test_quantity_only(void) { check_case(&cases[6]); }
static void test_bad_check_digit(void) { check_case(&cases[7]); }
static void test_latin1_qr(void) { check_case(&cases[8]); }

/* The reel label as a phone takes it: about 3800x2000 pixels, the codes
 * 4 times larger and out of focus. libdmtx finds the Data Matrix on the
 * picture shrunk, well within its time. */
static void
test_phone_photo(void)
{
	struct label_case c = cases[5];
	c.name = "phone-photo";
	c.factor = 4.1;
	c.degrees = 5.0;
	c.blur = 3;
	c.noise = 10;
	check_case(&c);
}

/* The reel label's symbols come in reading order, rows from the top and
 * each row from the left, though no two are drawn on the same pixel row
 * and the label is turned. */
static void
test_reading_order(void)
{
	struct photo ph;
	struct scan_result r;
	double cx[4], cy[4];
	char err[256];

	if (!make_photo(&cases[5], &ph, cx, cy))
		return;
	REQUIRE(scan_image_grey(ph.px, ph.w, ph.h, &r, err, sizeof err) == SCAN_OK);
	REQUIRE(r.n == 4);
	CHECK_STR(r.symbols[0].text, REEL_DM);
	CHECK_STR(r.symbols[1].text, "MCU-F407");
	CHECK_STR(r.symbols[2].text, "304000");
	CHECK_STR(r.symbols[3].text, "WO-DEMO-1-0007");
	/* A 2-D code has its four corners inside its box. */
	for (size_t i = 0; i < r.n; i++) {
		const struct scan_symbol *s = &r.symbols[i];
		if (s->symbology != SCAN_QR && s->symbology != SCAN_DATAMATRIX)
			continue;
		CHECK_INT(s->ncorners, 4);
		for (int k = 0; k < s->ncorners; k++)
			CHECK(s->corner[k].x >= s->x && s->corner[k].x < s->x + s->width &&
			    s->corner[k].y >= s->y && s->corner[k].y < s->y + s->height);
	}
	scan_result_free(&r);
	photo_free(&ph);
}

/* Paper, shading and noise, and a printed block that is no code: nothing. */
static struct photo
blank_photo(void)
{
	struct photo ph = photo_new(640, 480, 235);
	for (unsigned y = 100; y < 140; y++)
		for (unsigned x = 80; x < 400; x++)
			ph.px[(size_t)y * ph.w + x] = (x / 9) % 3 ? 40 : 235;
	photo_blur(&ph, 1);
	photo_shade(&ph, 0.8);
	photo_noise(&ph, 14, 99);
	return ph;
}

static void
test_blank(void)
{
	struct photo ph = blank_photo();
	struct scan_result r;
	char err[256] = "";

	CHECK(scan_image_grey(ph.px, ph.w, ph.h, &r, err, sizeof err) == SCAN_OK);
	CHECK_INT(r.n, 0);
	CHECK(r.symbols == NULL);
	scan_result_free(&r);
	photo_free(&ph);
}

static char tmpdir[] = "/tmp/yoke-scan.XXXXXX";

static const char *
tpath(const char *name)
{
	static char buf[4][512];
	static int next;
	char *p = buf[next++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name);
	return p;
}

static void
write_bytes(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, n, f) != n)
		check_fail(__FILE__, __LINE__, "cannot write %s", path);
	if (f)
		fclose(f);
}

/* The PNG file path round trip, and each file that is not a PNG picture. */
static void
test_files(void)
{
	struct photo ph;
	struct scan_result r;
	char err[512];
	double cx[4], cy[4];
	const char *png = tpath("label.png");
	static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F' };
	static const unsigned char heic[] = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c' };

	REQUIRE(make_photo(&cases[2], &ph, cx, cy));
	REQUIRE(photo_write_png(&ph, png));
	CHECK(scan_image_png(png, &r, err, sizeof err) == SCAN_OK);
	CHECK_INT(r.n, 1);
	if (r.n == 1)
		CHECK_STR(r.symbols[0].text, "WO-DEMO-1-0007");
	scan_result_free(&r);

	/* A PNG cut short: libpng's reason, the file named. */
	{
		FILE *f = fopen(png, "rb");
		char buf[200];
		size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
		if (f)
			fclose(f);
		write_bytes(tpath("cut.png"), buf, n);
		CHECK(scan_image_png(tpath("cut.png"), &r, err, sizeof err) == SCAN_NOT_PNG);
		CHECK(strstr(err, "cut.png is not a readable PNG image") != NULL);
	}
	unlink(tpath("cut.png"));
	unlink(png);
	photo_free(&ph);

	write_bytes(tpath("photo.jpg"), jpeg, sizeof jpeg);
	CHECK(scan_image_png(tpath("photo.jpg"), &r, err, sizeof err) == SCAN_NOT_PNG);
	CHECK(strstr(err, "photo.jpg is not a PNG image: it is a JPEG file") != NULL);
	CHECK_INT(r.n, 0);
	unlink(tpath("photo.jpg"));

	write_bytes(tpath("IMG_0001.HEIC"), heic, sizeof heic);
	CHECK(scan_image_png(tpath("IMG_0001.HEIC"), &r, err, sizeof err) == SCAN_NOT_PNG);
	CHECK(strstr(err, "it is a HEIC file") != NULL);
	unlink(tpath("IMG_0001.HEIC"));

	write_bytes(tpath("notes.txt"), "LOT-2411-07\n", 12);
	CHECK(scan_image_png(tpath("notes.txt"), &r, err, sizeof err) == SCAN_NOT_PNG);
	CHECK(strstr(err, "notes.txt is not a PNG image (it does not start with the PNG signature)")
	    != NULL);
	unlink(tpath("notes.txt"));

	write_bytes(tpath("empty.png"), "", 0);
	CHECK(scan_image_png(tpath("empty.png"), &r, err, sizeof err) == SCAN_NOT_PNG);
	CHECK(strstr(err, "empty.png is empty: expected a PNG image") != NULL);
	unlink(tpath("empty.png"));

	CHECK(scan_image_png(tpath("missing.png"), &r, err, sizeof err) == SCAN_NO_FILE);
	CHECK(strstr(err, "cannot read ") != NULL && strstr(err, strerror(ENOENT)) != NULL);
	/* A folder opens but does not read. */
	CHECK(scan_image_png(tmpdir, &r, err, sizeof err) == SCAN_NO_FILE);
	CHECK(strstr(err, strerror(EISDIR)) != NULL);
	CHECK(scan_image_png(NULL, &r, err, sizeof err) == SCAN_NO_FILE);

	CHECK(scan_image_grey((const unsigned char *)"", 0, 0, &r, err, sizeof err) ==
	    SCAN_TOO_LARGE);
	CHECK(scan_image_grey((const unsigned char *)"", 70000, 70000, &r, err, sizeof err) ==
	    SCAN_TOO_LARGE);
}

static void
test_visible_and_wire(void)
{
	struct scan_symbol s = { .symbology = SCAN_DATAMATRIX, .gs1 = true, .aim = "]d2",
		.text = (char *)"10A\x1d" "21B\x1e\x04\x01\xff\xe4\xb8\xad", .len = 14 };
	char buf[128];

	CHECK_INT(scan_text_visible(s.text, s.len, buf, sizeof buf), 34);
	CHECK_STR(buf, "10A<GS>21B<RS><EOT><0x01><0xFF>\xe4\xb8\xad");
	/* Cut, as snprintf: the full length comes back. */
	CHECK_INT(scan_text_visible(s.text, s.len, buf, 6), 34);
	CHECK_STR(buf, "10A<G");
	CHECK_INT(scan_symbol_wire(&s, buf, sizeof buf), 17);
	CHECK(memcmp(buf, "]d210A\x1d" "21B", 10) == 0);
	CHECK_INT(scan_symbol_wire(&s, buf, 3), 17);
	CHECK_STR(buf, "]d");
	CHECK_STR(scan_symbol_name(&s), "GS1 DataMatrix");
	s.gs1 = false;
	CHECK_STR(scan_symbol_name(&s), "Data Matrix");
	CHECK_STR(scan_symbology_key(SCAN_CODE128), "code128");
}

/* --write DIR: the photos for the end-to-end test of yokectl scan. */
static int
write_photos(const char *dir)
{
	char path[1024];
	struct photo ph;
	double cx[4], cy[4];

	for (size_t i = 0; i < NCASES; i++) {
		if (!make_photo(&cases[i], &ph, cx, cy))
			return 1;
		snprintf(path, sizeof path, "%s/%s.png", dir, cases[i].name);
		if (!photo_write_png(&ph, path)) {
			fprintf(stderr, "cannot write %s\n", path);
			return 1;
		}
		photo_free(&ph);
	}
	ph = blank_photo();
	snprintf(path, sizeof path, "%s/blank.png", dir);
	if (!photo_write_png(&ph, path))
		return 1;
	photo_free(&ph);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return write_photos(argv[2]);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_reel_datamatrix);
	RUN(test_gs1_128);
	RUN(test_unit_qr);
	RUN(test_digital_link_qr);
	RUN(test_ean13);
	RUN(test_reel_label);
	RUN(test_quantity_only);
	RUN(test_bad_check_digit);
	RUN(test_latin1_qr);
	RUN(test_phone_photo);
	RUN(test_reading_order);
	RUN(test_blank);
	RUN(test_files);
	RUN(test_visible_and_wire);
	if (rmdir(tmpdir) != 0)
		perror(tmpdir);
	return check_done();
}
