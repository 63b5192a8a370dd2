/*
 * it_ctl_sheet.c — `yokectl label commands`, the printable sheet of the
 * station terminal's scan commands, checked from outside: the real yokectl
 * writes the files, and this test reads every code back with zbar itself
 * (not with yokectl's --verify): each PNG holds exactly one QR code, and it
 * gives exactly its command's text, byte for byte. The page to print
 * (scan-commands.svg) embeds those very PNGs, names every command and
 * carries the captions in the language asked for.
 */
#include "tests/lib/check.h"
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
static const char *const words[] = { "@OK", "@PASS", "@FAIL", "@BACK", "@LOGOUT", "@HELP", "@PIN" };
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
 * to out (a file). Returns the exit status, or -1. */
static int
run(const char *lang, const char *out, const char *const *args)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		const char *argv[16];
		int n = 0;
		argv[n++] = yokectl();
		for (; *args && n < 15; args++)
			argv[n++] = *args;
		argv[n] = NULL;
		unsetenv("LANGUAGE");
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		setenv("LANG", lang, 1);
		if (freopen(out, "w", stdout) == NULL)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
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
	/* Every symbology zbar knows, so a wrong kind of code would be seen. */
	zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 1);
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
	char *svg, *json;

	snprintf(sub, sizeof sub, "%s/zh", dir);
	snprintf(out, sizeof out, "%s/zh.out", dir);
	/* The person reads English; the sheet is for a Chinese line. */
	REQUIRE(run("C", out, args) == 0);
	snprintf(svgpath, sizeof svgpath, "%s/scan-commands.svg", sub);
	REQUIRE((svg = slurp(svgpath, NULL)) != NULL);
	CHECK(strncmp(svg, "<?xml", 5) == 0);
	CHECK(strstr(svg, "width=\"210mm\" height=\"297mm\"") != NULL);
	CHECK(strstr(svg, "</svg>") != NULL);
	for (size_t i = 0; i < NWORDS; i++) {
		size_t len;
		char *bytes, *b64, word[32];
		snprintf(png, sizeof png, "%s/scan-%s.png", sub, words[i] + 1);
		REQUIRE((bytes = slurp(png, &len)) != NULL);
		b64 = base64((const unsigned char *)bytes, len);
		/* The printed page holds the very image that was read back. */
		CHECK(strstr(svg, b64) != NULL);
		snprintf(word, sizeof word, ">%s<", words[i]);
		CHECK(strstr(svg, word) != NULL);
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
	CHECK(strstr(json, "Read back: 7 codes") != NULL);
	free(json);
	free(svg);
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
	rc = check_done();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "it_ctl_sheet: could not remove %s\n", dir);
	return rc;
}
