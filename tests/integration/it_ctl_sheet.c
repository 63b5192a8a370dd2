/*
 * it_ctl_sheet.c — the printable code sheets, checked from outside: the
 * real yokectl writes the files, and this test reads every code back with
 * zbar itself (not with yokectl's --verify): each PNG holds exactly one QR
 * code, and it gives exactly its text, byte for byte.
 *
 * `yokectl label commands`: the page to print (scan-commands.svg) embeds
 * those very PNGs, names every command and carries the captions in the
 * language asked for.
 *
 * `yokectl label defects`, against a real yoked with the demo plant and
 * its 15 defect codes: a PNG per code that reads as exactly that code, A4
 * pages of at most eight codes that together name every code once, embed
 * its PNG and show its category in the sheet's language and its text; a
 * page of an earlier, longer sheet is removed. A plant of odd codes (a '*'
 * a shell would expand, digits only) and a text too long for its cell: the
 * file names, the warning, the text cut with "…" within the cell's columns.
 * With the server silent, or without defect codes, nothing is written.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <png.h>
#include <zbar.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The station terminal's scan commands, as an operator scans them. */
static const char *const words[] = { "@OK", "@PASS", "@FAIL", "@BACK", "@LOGOUT", "@HELP", "@PIN",
	"@SETUP", "@ANDON", "@STOP" };
#define NWORDS (sizeof words / sizeof words[0])

static char dir[256];

static const char *
yokectl(void)
{
	static char path[512];
	const char *bin = getenv("YOKE_BIN");
	snprintf(path, sizeof path, "%s/yokectl", str_empty(bin) ? "bin" : bin);
	return path;
}

/* Runs yokectl with args (NULL-terminated) and lang as LANG; stdout goes
 * to out (a file), stderr to err (a file; NULL: this test's). Returns the
 * exit status, or -1. */
static int
run_err(const char *lang, const char *out, const char *err, const char *const *args)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		const char *argv[32];
		int n = 0;
		argv[n++] = yokectl();
		for (; *args && n < 31; args++)
			argv[n++] = *args;
		argv[n] = NULL;
		unsetenv("LANGUAGE");
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		setenv("LANG", lang, 1);
		if (freopen(out, "w", stdout) == NULL || (err && freopen(err, "w", stderr) == NULL))
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int
run(const char *lang, const char *out, const char *const *args)
{
	return run_err(lang, out, NULL, args);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	if (f == NULL)
		return NULL;
	do {
		if (n + 1 >= cap)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 65536);
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Every symbol zbar finds in the PNG: their count, the first one's data in
 * data and its type in *type. -1 when the PNG cannot be read. */
static int
decode(const char *path, char *data, size_t size, zbar_symbol_type_t *type)
{
	static const png_color white = { 255, 255, 255 };
	png_image img;
	unsigned char *grey;
	zbar_image_scanner_t *sc;
	zbar_image_t *zi;
	const zbar_symbol_t *sym;
	int n;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path))
		return -1;
	img.format = PNG_FORMAT_GRAY;
	grey = xmalloc(PNG_IMAGE_SIZE(img));
	if (!png_image_finish_read(&img, &white, grey, 0, NULL)) {
		free(grey);
		return -1;
	}
	sc = zbar_image_scanner_create();
	zi = zbar_image_create();
	/* Every symbology zbar knows, so a wrong kind of code would be seen;
	 * but SQ code, whose reader in zbar 0.23.92 leaks memory on some QR
	 * images (the code of TOMBSTONE is one), which LeakSanitizer reports. */
	zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(sc, ZBAR_SQCODE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
	zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(zi, img.width, img.height);
	zbar_image_set_data(zi, grey, (unsigned long)img.width * img.height, NULL);
	n = zbar_scan_image(sc, zi);
	data[0] = '\0';
	if (n > 0 && (sym = zbar_image_first_symbol(zi)) != NULL) {
		unsigned len = zbar_symbol_get_data_length(sym);
		if (len < size) {
			memcpy(data, zbar_symbol_get_data(sym), len);
			data[len] = '\0';
		}
		*type = zbar_symbol_get_type(sym);
	}
	zbar_image_destroy(zi);
	zbar_image_scanner_destroy(sc);
	free(grey);
	return n;
}

static char *
base64(const unsigned char *p, size_t n)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = xmalloc(4 * ((n + 2) / 3) + 1), *q = out;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);
		*q++ = digits[v >> 18 & 63];
		*q++ = digits[v >> 12 & 63];
		*q++ = i + 1 < n ? digits[v >> 6 & 63] : '=';
		*q++ = i + 2 < n ? digits[v & 63] : '=';
	}
	*q = '\0';
	return out;
}

static void
every_code_reads_as_its_command(void)
{
	char out[300], sub[300], png[400], data[128];
	const char *args[] = { "label", "commands", "--out", sub, "--json", NULL };

	snprintf(sub, sizeof sub, "%s/en", dir);
	snprintf(out, sizeof out, "%s/en.json", dir);
	REQUIRE(run("C", out, args) == 0);
	for (size_t i = 0; i < NWORDS; i++) {
		zbar_symbol_type_t type = ZBAR_NONE;
		snprintf(png, sizeof png, "%s/scan-%s.png", sub, words[i] + 1);
		int n = decode(png, data, sizeof data, &type);
		if (n != 1)
			check_fail(__FILE__, __LINE__, "%s: %d symbols, expected 1", png, n);
		CHECK_STR(data, words[i]);
		CHECK(type == ZBAR_QRCODE);
	}
}

static void
the_page_embeds_the_codes_with_captions(void)
{
	char out[300], sub[300], png[400], svgpath[400];
	const char *args[] = { "label", "commands", "--out", sub, "--lang", "zh_CN", "--verify", NULL };
	char *svg, *svg2, *json;

	snprintf(sub, sizeof sub, "%s/zh", dir);
	snprintf(out, sizeof out, "%s/zh.out", dir);
	/* The person reads English; the sheet is for a Chinese line. */
	REQUIRE(run("C", out, args) == 0);
	snprintf(svgpath, sizeof svgpath, "%s/scan-commands.svg", sub);
	REQUIRE((svg = slurp(svgpath, NULL)) != NULL);
	CHECK(strncmp(svg, "<?xml", 5) == 0);
	CHECK(strstr(svg, "width=\"210mm\" height=\"297mm\"") != NULL);
	CHECK(strstr(svg, "</svg>") != NULL);
	/* Eight codes a page: the calls for help are on the second. */
	snprintf(svgpath, sizeof svgpath, "%s/scan-commands-2.svg", sub);
	REQUIRE((svg2 = slurp(svgpath, NULL)) != NULL);
	CHECK(strstr(svg2, "</svg>") != NULL);
	for (size_t i = 0; i < NWORDS; i++) {
		size_t len;
		char *bytes, *b64, word[32];
		const char *page = i < 8 ? svg : svg2;
		snprintf(png, sizeof png, "%s/scan-%s.png", sub, words[i] + 1);
		REQUIRE((bytes = slurp(png, &len)) != NULL);
		b64 = base64((const unsigned char *)bytes, len);
		/* The printed page holds the very image that was read back. */
		CHECK(strstr(page, b64) != NULL);
		snprintf(word, sizeof word, ">%s<", words[i]);
		CHECK(strstr(page, word) != NULL);
		free(b64);
		free(bytes);
	}
	/* Chinese captions (po/zh_CN/ctl.po), no English ones. */
	CHECK(strstr(svg, "工位终端扫描命令") != NULL);
	CHECK(strstr(svg, "检查或检验合格") != NULL);
	CHECK(strstr(svg, "刷卡离岗") != NULL);
	CHECK(strstr(svg, "badge out") == NULL);
	/* yokectl's own words stayed the person's (English). */
	REQUIRE((json = slurp(out, NULL)) != NULL);
	CHECK(strstr(json, "The sheet to print") != NULL);
	CHECK(strstr(json, "Read back: 10 codes") != NULL);
	free(json);
	free(svg);
	free(svg2);
}

static void
english_sheet_for_an_english_line(void)
{
	char out[300], sub[300], svgpath[400];
	const char *args[] = { "label", "commands", "--out", sub, "--lang", "en", NULL };
	char *svg, *text;

	snprintf(sub, sizeof sub, "%s/en2", dir);
	snprintf(out, sizeof out, "%s/en2.out", dir);
	/* A Chinese engineer prints an English sheet: the sheet is English,
	 * yokectl's own lines Chinese. */
	REQUIRE(run("zh_CN.UTF-8", out, args) == 0);
	snprintf(svgpath, sizeof svgpath, "%s/scan-commands.svg", sub);
	REQUIRE((svg = slurp(svgpath, NULL)) != NULL);
	CHECK(strstr(svg, "badge out") != NULL);
	CHECK(strstr(svg, "Scan commands of the station terminal") != NULL);
	CHECK(strstr(svg, "刷卡离岗") == NULL);
	REQUIRE((text = slurp(out, NULL)) != NULL);
	CHECK(strstr(text, "要打印的命令表") != NULL);
	free(text);
	free(svg);
}

static void
an_unknown_language_is_a_usage_error(void)
{
	char out[300], sub[300], path[400];
	const char *args[] = { "label", "commands", "--out", sub, "--lang", "fr", "--json", NULL };
	char *text;
	struct stat st;

	snprintf(sub, sizeof sub, "%s/fr", dir);
	snprintf(out, sizeof out, "%s/fr.json", dir);
	CHECK_INT(run("C", out, args), 2);
	REQUIRE((text = slurp(out, NULL)) != NULL);
	CHECK(strstr(text, "\"status\":\"usage\"") != NULL);
	CHECK(strstr(text, "\"error\":") != NULL);
	free(text);
	snprintf(path, sizeof path, "%s/scan-OK.png", sub);
	CHECK(stat(path, &st) != 0);
}

/* ---- yokectl label defects ---- */

/* A yoked with a plant, and a certificate for yokectl (an engineer's PC,
 * enrolled without stations): the defect codes need no sign-in. */
struct server {
	struct yoked *y;
	struct plant *p;
	char cert[600];
};

static bool
server_start(struct server *sv, const char *plant_dir)
{
	struct cert c;

	memset(sv, 0, sizeof *sv);
	if ((sv->y = harness_start_loaded(plant_dir, &sv->p)) == NULL)
		return false;
	if (!harness_enrol(sv->y, "engineer@sheet", "", &c))
		return false;
	snprintf(sv->cert, sizeof sv->cert, "%s/devices/engineer@sheet.cert", sv->y->keys);
	return true;
}

static void
server_stop(struct server *sv)
{
	harness_yoked_free(sv->y);
	harness_plant_free(sv->p);
}

static size_t
occurrences(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *at = s; (at = strstr(at, what)) != NULL; at += strlen(what))
		n++;
	return n;
}

/* The PNG decodes to exactly one QR code that gives exactly text. */
static void
reads_as(const char *png, const char *text)
{
	char data[128];
	zbar_symbol_type_t type = ZBAR_NONE;
	int n = decode(png, data, sizeof data, &type);
	if (n != 1)
		check_fail(__FILE__, __LINE__, "%s: %d symbols, expected 1", png, n);
	CHECK_STR(data, text);
	CHECK(type == ZBAR_QRCODE);
}

/* Every caption line under a code (sans-serif 3.6 mm text, not the
 * subtitle in the middle of the page) fits the cell's 40 columns. */
static void
captions_fit(const char *svg, const char *path)
{
	const char *at = svg;
	static const char mark[] = "font-family=\"sans-serif\" font-size=\"3.6\"";

	while ((at = strstr(at, "<text x=\"")) != NULL) {
		const char *gt = strchr(at, '>'), *end = gt ? strstr(gt, "</text>") : NULL;
		char line[512];
		REQUIRE(gt && end && (size_t)(end - gt) < sizeof line);
		memcpy(line, gt + 1, (size_t)(end - gt - 1));
		line[end - gt - 1] = '\0';
		if (strncmp(at, "<text x=\"105\"", 13) != 0 && strstr(at, mark) != NULL &&
		    strstr(at, mark) < gt && utf8_width(line) > 40)
			check_fail(__FILE__, __LINE__, "%s: a caption of %d columns: %s", path,
			    utf8_width(line), line);
		at = end;
	}
}

static void
the_defect_sheet_names_every_code_of_the_plant(void)
{
	struct server sv;
	char sub[300], out[300], path[400], *pages[3] = { 0 }, *json;
	const char *args[] = { "--server", NULL, "--cert", NULL, "label", "defects", "--out", sub,
		"--lang", "zh_CN", "--json", NULL };
	FILE *f;

	REQUIRE(server_start(&sv, harness_demo_plant_dir()));
	const Yoke__Definitions *d = sv.p->defs;
	/* The demo plant's defect codes (assets/plant/defects.def). */
	CHECK_INT(d->n_defects, 15);
	args[1] = sv.y->endpoint;
	args[3] = sv.cert;
	snprintf(sub, sizeof sub, "%s/defects", dir);
	snprintf(out, sizeof out, "%s/defects.json", dir);
	/* A third page left from an earlier, longer sheet. */
	REQUIRE(mkdir(sub, 0777) == 0);
	snprintf(path, sizeof path, "%s/defect-codes-3.svg", sub);
	REQUIRE((f = fopen(path, "w")) != NULL);
	fputs("<svg>RETIRED</svg>\n", f);
	fclose(f);
	/* The person reads English; the sheet is for a Chinese line. */
	CHECK_INT(run("C", out, args), 0);
	CHECK(access(path, F_OK) != 0);
	for (int k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/defect-codes-%d.svg", sub, k + 1);
		REQUIRE((pages[k] = slurp(path, NULL)) != NULL);
		CHECK(strncmp(pages[k], "<?xml", 5) == 0);
		CHECK(strstr(pages[k], "width=\"210mm\" height=\"297mm\"") != NULL);
		CHECK(strstr(pages[k], "</svg>") != NULL);
		CHECK(utf8_valid(pages[k], strlen(pages[k])));
		/* The title the terminal names ("scan it from the defect code
		 * sheet"), the page's number in its foot. */
		CHECK(strstr(pages[k], "缺陷代码表") != NULL);
		CHECK(strstr(pages[k], k ? " · 2/2<" : " · 1/2<") != NULL);
		CHECK(strstr(pages[k], "category:") == NULL);
		CHECK(occurrences(pages[k], "<image ") <= 8);
		captions_fit(pages[k], path);
	}
	CHECK_INT(occurrences(pages[0], "<image ") + occurrences(pages[1], "<image "), 15);
	for (size_t i = 0; i < d->n_defects; i++) {
		const Yoke__DefectCode *x = d->defects[i];
		char png[400], word[64];
		size_t len, on = 0;
		char *bytes, *b64;
		snprintf(png, sizeof png, "%s/defect-%s.png", sub, x->code);
		reads_as(png, x->code);
		REQUIRE((bytes = slurp(png, &len)) != NULL);
		b64 = base64((const unsigned char *)bytes, len);
		snprintf(word, sizeof word, ">%s<", x->code);
		for (int k = 0; k < 2; k++) {
			size_t here = occurrences(pages[k], word);
			on += here;
			/* The page that names the code embeds the very image read back. */
			if (here)
				CHECK(strstr(pages[k], b64) != NULL);
		}
		if (on != 1)
			check_fail(__FILE__, __LINE__, "%s is named %zu times on the pages", x->code, on);
		free(b64);
		free(bytes);
	}
	/* Categories in Chinese, texts as the definitions have them. */
#define ON_A_PAGE(s) (strstr(pages[0], s) != NULL || strstr(pages[1], s) != NULL)
	CHECK(ON_A_PAGE(">类别：方法<"));
	CHECK(ON_A_PAGE(">类别：环境<"));
	CHECK(ON_A_PAGE(">Solder bridge between pins 引脚间连锡<"));
	CHECK(ON_A_PAGE(">ESD damage 静电损伤<"));
#undef ON_A_PAGE
	REQUIRE((json = slurp(out, NULL)) != NULL);
	CHECK(strncmp(json, "{\"pages\":[", 10) == 0);
	CHECK(strstr(json, "defect-codes-2.svg\"],\"language\":\"zh_CN\"") != NULL);
	CHECK_INT(occurrences(json, "{\"code\":"), 15);
	CHECK(strstr(json, "{\"code\":\"BRIDGE\",\"category\":\"method\",\"text\":\"Solder bridge between "
	    "pins 引脚间连锡\",\"png\":") != NULL);
	free(json);
	free(pages[0]);
	free(pages[1]);
	server_stop(&sv);
}

static void
the_defect_sheet_read_back_in_english(void)
{
	struct server sv;
	char sub[300], out[300], path[400], *text, *svg;
	const char *args[] = { "--server", NULL, "--cert", NULL, "label", "defects", "--out", sub,
		"--verify", NULL };

	REQUIRE(server_start(&sv, harness_demo_plant_dir()));
	args[1] = sv.y->endpoint;
	args[3] = sv.cert;
	snprintf(sub, sizeof sub, "%s/defects-en", dir);
	snprintf(out, sizeof out, "%s/defects-en.out", dir);
	CHECK_INT(run("C", out, args), 0);
	REQUIRE((text = slurp(out, NULL)) != NULL);
	CHECK(strstr(text, "2 pages to print") != NULL);
	CHECK(strstr(text, "Read back: 15 codes, each gives its defect code.") != NULL);
	CHECK(strstr(text, "BRIDGE") != NULL);
	free(text);
	snprintf(path, sizeof path, "%s/defect-codes-1.svg", sub);
	REQUIRE((svg = slurp(path, NULL)) != NULL);
	CHECK(strstr(svg, ">Defect code sheet<") != NULL);
	CHECK(strstr(svg, ">category: method<") != NULL);
	CHECK(strstr(svg, "类别") == NULL);
	free(svg);
	server_stop(&sv);
}

static void
odd_codes_and_a_long_text(void)
{
	struct server sv;
	char plant[300], sub[300], out[300], err[300], path[400], *svg, *text;
	const char *args[] = { "--server", NULL, "--cert", NULL, "label", "defects", "--out", sub,
		"--json", NULL };
	FILE *f;

	snprintf(plant, sizeof plant, "%s/odd-plant", dir);
	REQUIRE(mkdir(plant, 0777) == 0);
	snprintf(path, sizeof path, "%s/defects.def", plant);
	REQUIRE((f = fopen(path, "w")) != NULL);
	fputs("defect A*B category=method \"A code a shell would expand\"\n"
	    "defect 12 category=man \"Digits only\"\n"
	    "defect LONG category=material \"A very long defect text that goes on and on about what "
	    "went wrong with the solder paste printing 一段很长的中文说明，讲述锡膏印刷中出现的各种问题以及"
	    "处理方法\"\n", f);
	fclose(f);
	REQUIRE(server_start(&sv, plant));
	args[1] = sv.y->endpoint;
	args[3] = sv.cert;
	snprintf(sub, sizeof sub, "%s/odd", dir);
	snprintf(out, sizeof out, "%s/odd.json", dir);
	snprintf(err, sizeof err, "%s/odd.err", dir);
	CHECK_INT(run_err("C", out, err, args), 0);
	/* The '*' is written %2A: the name is taken by a shell as it is. */
	snprintf(path, sizeof path, "%s/defect-A%%2AB.png", sub);
	reads_as(path, "A*B");
	snprintf(path, sizeof path, "%s/defect-12.png", sub);
	reads_as(path, "12");
	snprintf(path, sizeof path, "%s/defect-LONG.png", sub);
	reads_as(path, "LONG");
	/* A code of digits scans as itself at the terminal: no warning. */
	REQUIRE((text = slurp(err, NULL)) != NULL);
	CHECK(strstr(text, "digits only") == NULL);
	free(text);
	snprintf(path, sizeof path, "%s/defect-codes-1.svg", sub);
	REQUIRE((svg = slurp(path, NULL)) != NULL);
	CHECK(utf8_valid(svg, strlen(svg)));
	CHECK(strstr(svg, ">A*B<") != NULL);
	/* One page: no page number. */
	CHECK(strstr(svg, " · 1/1") == NULL);
	/* Two lines of text under the category, the second cut with "…". */
	CHECK(strstr(svg, ">A very long defect text that goes on and<") != NULL);
	CHECK(strstr(svg, "\u2026</text>") != NULL);
	CHECK(strstr(svg, "中文说明") == NULL);
	captions_fit(svg, path);
	snprintf(path, sizeof path, "%s/defect-codes-2.svg", sub);
	CHECK(access(path, F_OK) != 0);
	free(svg);
	server_stop(&sv);
}

static void
a_silent_server_writes_nothing(void)
{
	struct server sv;
	char sub[300], out[300], ep[64], *text;
	const char *args[] = { "--server", ep, "--cert", NULL, "--timeout", "100", "label", "defects",
		"--out", sub, "--json", NULL };
	struct stat st;

	REQUIRE(server_start(&sv, harness_demo_plant_dir()));
	args[3] = sv.cert;
	/* The server's own port, with nobody listening any more. */
	snprintf(ep, sizeof ep, "%s", sv.y->endpoint);
	CHECK_INT(harness_yoked_stop(sv.y), 0);
	snprintf(sub, sizeof sub, "%s/silent", dir);
	snprintf(out, sizeof out, "%s/silent.json", dir);
	CHECK_INT(run("C", out, args), 3);
	REQUIRE((text = slurp(out, NULL)) != NULL);
	CHECK(strstr(text, "\"status\":\"offline\"") != NULL);
	free(text);
	CHECK(stat(sub, &st) != 0);
	server_stop(&sv);
}

static void
no_defect_codes_no_sheet(void)
{
	struct yoked *y = harness_yoked_start();
	struct cert c;
	char sub[300], out[300], cert[600], *text;
	const char *args[] = { "--server", NULL, "--cert", cert, "label", "defects", "--out", sub,
		"--json", NULL };
	struct stat st;

	/* A server without definitions: nothing to print, nothing written. */
	REQUIRE(y != NULL);
	REQUIRE(harness_enrol(y, "engineer@empty", "", &c));
	snprintf(cert, sizeof cert, "%s/devices/engineer@empty.cert", y->keys);
	args[1] = y->endpoint;
	snprintf(sub, sizeof sub, "%s/empty", dir);
	snprintf(out, sizeof out, "%s/empty.json", dir);
	CHECK_INT(run("C", out, args), 1);
	REQUIRE((text = slurp(out, NULL)) != NULL);
	CHECK(strstr(text, "\"status\":\"refused\"") != NULL);
	CHECK(strstr(text, "no defect codes") != NULL);
	free(text);
	CHECK(stat(sub, &st) != 0);
	harness_yoked_free(y);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[400];
	int rc;

	snprintf(dir, sizeof dir, "%s/yoke-it-sheet.XXXXXX", str_empty(tmp) ? "/tmp" : tmp);
	if (mkdtemp(dir) == NULL) {
		printf("FAIL it_ctl_sheet: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	if (access(yokectl(), X_OK) != 0) {
		printf("FAIL it_ctl_sheet: no yokectl at %s (set YOKE_BIN)\n", yokectl());
		return 1;
	}
	RUN(every_code_reads_as_its_command);
	RUN(the_page_embeds_the_codes_with_captions);
	RUN(english_sheet_for_an_english_line);
	RUN(an_unknown_language_is_a_usage_error);
	RUN(the_defect_sheet_names_every_code_of_the_plant);
	RUN(the_defect_sheet_read_back_in_english);
	RUN(odd_codes_and_a_long_text);
	RUN(a_silent_server_writes_nothing);
	RUN(no_defect_codes_no_sheet);
	rc = check_done();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "it_ctl_sheet: could not remove %s\n", dir);
	return rc;
}
