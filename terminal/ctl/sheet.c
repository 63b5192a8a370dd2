/*
 * sheet.c — the printable sheets of QR codes (sheet.h: the page, its
 * cells, reading every code back), and `yokectl label commands`, the sheet
 * of the station terminal's scan commands (@OK, @PASS, @FAIL, @BACK,
 * @LOGOUT, @HELP, @PIN, @SETUP) and its calls for help (@ANDON, @STOP),
 * each with its meaning written under it in the person's language, so an
 * operator with a scanner and no keyboard can still confirm, pass, fail,
 * go back, call the lead, stop the station and badge out.
 * `yokectl label defects` (defect_sheet.c) writes its sheet here too.
 *
 *   yokectl label commands [--out DIR] [--lang LANG] [--scale N] [--verify] [--json]
 *
 * Files, in DIR:
 *   scan-OK.png, scan-PASS.png, ...  one QR code per command
 *   scan-commands.svg                the A4 page to print: those very PNGs,
 *                                    each with the command in large type
 *                                    and its meaning under it
 *   scan-commands-2.svg              the second page (8 codes a page)
 *
 * --verify reads every PNG back with zbar and fails unless it gives
 * exactly its command.
 *
 * The list of commands is the terminal's own (shared/station_commands.h),
 * the captions its descriptions from the same table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shared/label/label.h"
#include "shared/station_commands.h"
#include "shared/layout.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/sheet.h"
#include "terminal/ctl/table.h"

extern const struct ctl_cmd ctl_cmd_label;
static int commands_exec(struct ctl *ctl, int argc, char **argv);


static const struct ctl_option options[] = {
	{ N_("--out DIR"), N_("the folder for the files (default labels; made when missing)") },
	{ N_("--lang LANG"), N_("the language of the captions: en or zh_CN (default: yokectl's own, "
	    "from LANG)") },
	{ "--scale N", N_("pixels per QR module in the PNGs, 1 to 64 (default 8)") },
	{ "--verify", N_("read every code back with a barcode reader and fail unless it gives its "
	    "command") },
	{ "--json", N_("print JSON for scripts: the page and every code's file and caption") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl label commands --out sheets --verify", N_("sheets/scan-commands.svg: open it in "
	    "a browser and print it at actual size") },
	{ "yokectl label commands --lang zh_CN --out sheets-zh", N_("the same sheet with Chinese "
	    "captions") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_label_commands = {
	.name = "commands",
	.parent = &ctl_cmd_label,
	.group = CTL_GROUP_LABELS,
	.usage = N_("[--out DIR] [--lang LANG] [--scale N] [--verify] [--json]"),
	.summary = N_("a printable sheet of the terminal's scan commands as QR codes"),
	.description = N_("Writes a sheet of the station terminal's scan commands (@OK, @PASS, "
	    "@FAIL, @BACK, @LOGOUT, @HELP, @PIN, @SETUP) and calls for help (@ANDON, @STOP) as QR "
	    "codes, each with its meaning under it, so an operator can work with the scanner "
	    "alone. DIR/scan-commands.svg and DIR/scan-commands-2.svg are the A4 pages to print "
	    "(from any browser, at actual size); DIR/scan-OK.png and the others are the codes on "
	    "them. Works without the server."),
	.options = options,
	.examples = examples,
	.exec = commands_exec,
};

/* ---- the sheet ---- */

/* The page, in millimetres (SVG user units = mm). */
#define PAGE_W 210
#define PAGE_H 297
#define CELL_W 95
#define CELL_H 62
#define CELL_X0 10
#define CELL_Y0 30
#define CODE_MM 38
/* The code under its QR code: 6 mm type, smaller for a long code so it
 * stays within its cell (a monospace character is about 0.6 em wide). */
#define WORD_MM 6.0
#define WORD_ROOM_MM (CELL_W - 5)

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */

/* The code point at s (n bytes left), its length in *len; UTF8_REPLACEMENT
 * for what an XML document cannot hold: bad UTF-8, C0 and C1 controls
 * (save tab and new line, which the callers deal with), DEL, U+FFFE and
 * U+FFFF. */
static uint32_t
xml_char(const char *s, size_t n, int *len)
{
	uint32_t cp;
	int k = utf8_decode(s, n, &cp);

	*len = k > 0 ? k : 1;
	if (k <= 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp < 0xa0) ||
	    cp == 0xfffe || cp == 0xffff)
		return UTF8_REPLACEMENT;
	return cp;
}

/* s as XML character data or attribute value: markup escaped, and every
 * character XML forbids shown as U+FFFD. */
static void
xml_text(FILE *f, const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		int len;
		uint32_t cp = xml_char(s, n, &len);
		switch (cp) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\t': case '\n': fputc(' ', f); break;
		case UTF8_REPLACEMENT: fputs(REPLACEMENT, f); break;
		default: fwrite(s, 1, (size_t)len, f);
		}
		s += len;
		n -= (size_t)len;
	}
}

static void
base64(FILE *f, const unsigned char *p, size_t n)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);
		fputc(digits[v >> 18 & 63], f);
		fputc(digits[v >> 12 & 63], f);
		fputc(i + 1 < n ? digits[v >> 6 & 63] : '=', f);
		fputc(i + 2 < n ? digits[v & 63] : '=', f);
	}
}

/* The whole file, or NULL (errno set). A QR PNG is a few KiB. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 16384);
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0 && n < (1u << 24));
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		free(buf);
		errno = e;
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

unsigned
sheet_pages(size_t n)
{
	return n <= SHEET_PER_PAGE ? 1 : (unsigned)((n + SHEET_PER_PAGE - 1) / SHEET_PER_PAGE);
}

/* Ends a line of at most cols columns with "…" within cols: the line loses
 * its last characters when the ellipsis would not fit after it. The line
 * has room for the ellipsis's bytes (sheet_fit keeps it). */
static void
end_cut(char out[SHEET_LINE_MAX], int cols)
{
	size_t keep = strlen(out);

	if (utf8_width(out) + 1 > cols)
		keep = utf8_fit(out, cols - 1, NULL);
	while (keep > 0 && out[keep - 1] == ' ')
		keep--;
	memcpy(out + keep, LAYOUT_ELLIPSIS, sizeof LAYOUT_ELLIPSIS);
}

size_t
sheet_fit(const char *text, int cols, char lines[][SHEET_LINE_MAX], size_t max)
{
	struct utf8_line at[SHEET_CAPTION_LINES];
	size_t n = strlen(text), need, k = 0;
	char *clean = xmalloc(3 * n + 1), *q = clean;

	if (max > SHEET_CAPTION_LINES)
		max = SHEET_CAPTION_LINES;
	if (max == 0)
		max = 1;
	/* What the page can show: a tab as a space, every character XML
	 * forbids (and bad UTF-8) as U+FFFD, one column each. */
	for (const char *s = text; n > 0;) {
		int len;
		uint32_t cp = xml_char(s, n, &len);
		if (cp == UTF8_REPLACEMENT) {
			memcpy(q, REPLACEMENT, 3);
			q += 3;
		} else if (cp == '\t') {
			*q++ = ' ';
		} else {
			memcpy(q, s, (size_t)len);
			q += len;
		}
		s += len;
		n -= (size_t)len;
	}
	*q = '\0';
	need = layout_wrap(clean, cols, at, max);
	for (; k < need && k < max; k++) {
		char *line = xmalloc(at[k].len + 1);
		memcpy(line, clean + at[k].off, at[k].len);
		line[at[k].len] = '\0';
		/* A line longer in bytes than a stored one is cut (with "…"),
		 * leaving room for the bytes of an ellipsis after it. */
		layout_clip(line, cols, lines[k], SHEET_LINE_MAX - (sizeof LAYOUT_ELLIPSIS - 1));
		free(line);
	}
	if (need > max)
		end_cut(lines[max - 1], cols < 2 ? 2 : cols);
	free(clean);
	return k;
}

/* One code's cell, slot 0..7 of the page: its QR code, the code in large
 * type, its short line and caption. False (errno set) when its PNG cannot
 * be read. */
static bool
cell(FILE *f, size_t slot, const struct sheet_cell *c)
{
	char lines[SHEET_CAPTION_LINES][SHEET_LINE_MAX];
	double cx = CELL_X0 + (double)(slot % 2) * CELL_W + CELL_W / 2.0;
	double y = CELL_Y0 + (double)(slot / 2) * CELL_H;
	double size = WORD_MM;
	int cols = utf8_width(c->code);
	unsigned char *bytes;
	size_t len, n, line = 0;

	if ((bytes = slurp(c->png, &len)) == NULL)
		return false;
	fprintf(f, "<image x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
	    "style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,",
	    cx - CODE_MM / 2.0, y, CODE_MM, CODE_MM);
	base64(f, bytes, len);
	fprintf(f, "\"/>\n");
	free(bytes);
	if (cols > 0 && 0.6 * size * cols > WORD_ROOM_MM)
		size = (int)(10 * WORD_ROOM_MM / (0.6 * cols)) / 10.0;
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"monospace\" font-size=\"%g\" "
	    "font-weight=\"bold\" text-anchor=\"middle\">", cx, y + CODE_MM + 6, size);
	xml_text(f, c->code);
	fprintf(f, "</text>\n");
	if (c->kind != NULL && c->kind[0] != '\0') {
		sheet_fit(c->kind, SHEET_CAPTION_COLS, lines, 1);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"3.6\" "
		    "font-weight=\"bold\" fill=\"#333333\" text-anchor=\"middle\">", cx, y + CODE_MM + 11.5);
		xml_text(f, lines[0]);
		fprintf(f, "</text>\n");
		line = 1;
	}
	n = sheet_fit(c->caption ? c->caption : "", SHEET_CAPTION_COLS, lines,
	    SHEET_CAPTION_LINES - line);
	for (size_t k = 0; k < n; k++, line++) {
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"3.6\" "
		    "text-anchor=\"middle\">", cx, y + CODE_MM + 11.5 + 4.6 * (double)line);
		xml_text(f, lines[k]);
		fprintf(f, "</text>\n");
	}
	return true;
}

int
sheet_write_page(const char *path, const struct sheet_page *pg, const struct sheet_cell *cells,
    size_t n)
{
	FILE *f = fopen(path, "w");
	char date[16];
	time_t now = time(NULL);
	struct tm tm;

	if (f == NULL)
		return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), path, strerror(errno));
	if (n > SHEET_PER_PAGE)
		n = SHEET_PER_PAGE;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	    "width=\"%dmm\" height=\"%dmm\" viewBox=\"0 0 %d %d\">\n<title>", PAGE_W, PAGE_H, PAGE_W,
	    PAGE_H);
	xml_text(f, pg->title);
	fprintf(f, "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", PAGE_W, PAGE_H);
	fprintf(f, "<text x=\"%d\" y=\"16\" font-family=\"sans-serif\" font-size=\"7\" "
	    "font-weight=\"bold\" text-anchor=\"middle\">", PAGE_W / 2);
	xml_text(f, pg->title);
	fprintf(f, "</text>\n<text x=\"%d\" y=\"23\" font-family=\"sans-serif\" font-size=\"3.6\" "
	    "text-anchor=\"middle\">", PAGE_W / 2);
	xml_text(f, pg->subtitle);
	fprintf(f, "</text>\n");
	for (size_t i = 0; i < n; i++) {
		if (!cell(f, i, &cells[i])) {
			int e = errno;
			fclose(f);
			remove(path);
			return ctl_fail(CTL_ST_IO, _("cannot read %s: %s"), cells[i].png, strerror(e));
		}
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"2.8\" "
	    "fill=\"#555555\" text-anchor=\"middle\">", PAGE_W / 2, PAGE_H - 8);
	xml_text(f, pg->command);
	fprintf(f, " · %s · %s", pg->lang, date);
	if (pg->count > 1)
		fprintf(f, " · %u/%u", pg->number, pg->count);
	fprintf(f, "</text>\n</svg>\n");
	if (ferror(f) || fclose(f) != 0) {
		remove(path);
		return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), path, strerror(errno));
	}
	return CTL_OK;
}

int
sheet_parse(const struct ctl_cmd *cmd, int argc, char **argv, struct sheet_opts *o)
{
	*o = (struct sheet_opts){ .out = "labels", .scale = 8 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end;
		if (strcmp(a, "--verify") == 0) {
			o->verify = true;
			continue;
		}
		if (strcmp(a, "--json") == 0) {
			o->json = true;
			continue;
		}
		if (strcmp(a, "--out") != 0 && strcmp(a, "--lang") != 0 && strcmp(a, "--scale") != 0)
			return ctl_usage_why(cmd, a[0] == '-' ? _("unknown option %s") :
			    _("unexpected argument %s"), a);
		if (v == NULL || v[0] == '\0')
			return ctl_usage_why(cmd, _("%s needs a value"), a);
		i++;
		if (strcmp(a, "--out") == 0) {
			o->out = v;
		} else if (strcmp(a, "--lang") == 0) {
			if (!i18n_known(v))
				return ctl_usage_why(cmd, _("--lang expects one of %s, got \"%s\""),
				    i18n_languages(), v);
			o->lang = v;
		} else {
			long s = strtol(v, &end, 10);
			if (*end != '\0' || s < 1 || s > LABEL_MAX_SCALE)
				return ctl_usage_why(cmd, _("--scale expects pixels per module, 1 to %d, not "
				    "\"%s\""), LABEL_MAX_SCALE, v);
			o->scale = (int)s;
		}
	}
	return CTL_OK;
}

/* Reads png back: CTL_OK when it gives exactly text, else reported. */
static int
verify(const char *png, const char *text)
{
	char read[256], err[512];
	int n = label_decode_png(png, read, sizeof read, err, sizeof err);
	if (n < 0)
		return ctl_fail(CTL_ST_INVALID, _("verify %s: %s"), png, err);
	if (n == 0)
		return ctl_fail(CTL_ST_INVALID, _("verify %s: no QR code could be read"), png);
	if (strcmp(read, text) != 0)
		return ctl_fail(CTL_ST_INVALID, _("verify %s: reads as \"%s\", expected \"%s\""), png,
		    read, text);
	return CTL_OK;
}

int
sheet_write_codes(const struct sheet_opts *o, const struct sheet_cell *cells, size_t n)
{
	char err[512];
	int rc;

	if (ctl_make_dirs(o->out) != 0)
		return ctl_fail(CTL_ST_IO, _("cannot create the folder %s: %s"), o->out, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		if (label_qr_png(cells[i].code, o->scale, cells[i].png, err, sizeof err) != 0)
			return ctl_fail(CTL_ST_IO, "%s", err);
		if (o->verify && (rc = verify(cells[i].png, cells[i].code)) != CTL_OK)
			return rc;
	}
	return CTL_OK;
}

int
sheet_lang_begin(const struct sheet_opts *o, char saved[16])
{
	strlcpy_yk(saved, i18n_current(), 16);
	if (o->lang == NULL || i18n_use(o->lang))
		return CTL_OK;
	i18n_use(saved);
	return ctl_fail(CTL_ST_LOCAL, _("the %s language needs its system locale (%s.UTF-8), which "
	    "this machine lacks"), o->lang, o->lang);
}

void
sheet_lang_end(const char saved[16])
{
	i18n_use(saved);
}

/* ---- yokectl label commands ---- */

static void
print_result(const struct sheet_opts *o, char *const *pages, unsigned npages,
    const struct sheet_cell *cells, size_t n, const char *lang)
{
	struct table *t;

	if (o->json) {
		printf("{\"sheet\":");
		json_string(stdout, pages[0]);
		printf(",\"pages\":[");
		for (unsigned p = 0; p < npages; p++) {
			printf("%s", p ? "," : "");
			json_string(stdout, pages[p]);
		}
		printf("]");
		json_field(stdout, "language", lang);
		printf(",\"commands\":[");
		for (size_t i = 0; i < n; i++) {
			printf("%s{\"command\":", i ? "," : "");
			json_string(stdout, cells[i].code);
			json_field(stdout, "png", cells[i].png);
			json_field(stdout, "caption", cells[i].caption);
			printf(",\"page\":%zu,\"verified\":%s}", i / SHEET_PER_PAGE + 1,
			    o->verify ? "true" : "false");
		}
		printf("]}\n");
		return;
	}
	for (unsigned p = 0; p < npages; p++)
		printf(_("The sheet to print: %s (open it in a browser, print at actual size).\n"),
		    pages[p]);
	t = table_new(3);
	table_column(t, 0, _("CODE"), 0);
	table_column(t, 1, _("COMMAND"), 0);
	table_column(t, 2, _("MEANING"), 0);
	for (size_t i = 0; i < n; i++)
		table_row(t, (const char *const[]){ cells[i].png, cells[i].code, cells[i].caption });
	table_print(t, stdout);
	table_free(t);
	if (o->verify)
		printf(P_("Read back: %zu code, each gives its command.\n",
		    "Read back: %zu codes, each gives its command.\n", n), n);
}

/* The terminal's commands, then its calls for help. */
static const struct command_info *
sheet_command(size_t i)
{
	return i < command_count ? &command_table[i] : &alarm_command_table[i - command_count];
}

static int
commands_exec(struct ctl *ctl, int argc, char **argv)
{
	struct sheet_opts o;
	size_t n = command_count + alarm_command_count;
	struct sheet_cell cells[COMMAND_TABLE_SIZE + 4] = { 0 };
	struct sheet_page pg = { .command = "yokectl label commands" };
	char *pages[4] = { NULL }, saved[16], lang[16];
	unsigned npages = sheet_pages(n);
	int rc;

	(void)ctl;
	if (n > sizeof cells / sizeof cells[0] || npages > sizeof pages / sizeof pages[0])
		return ctl_fail(CTL_ST_LOCAL, "the command sheet holds at most %zu codes",
		    sizeof cells / sizeof cells[0]);
	if ((rc = sheet_parse(&ctl_cmd_label_commands, argc, argv, &o)) != CTL_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		cells[i].code = sheet_command(i)->word;
		cells[i].png = xasprintf("%s/scan-%s.png", o.out, sheet_command(i)->word + 1);
	}
	if ((rc = sheet_write_codes(&o, cells, n)) != CTL_OK)
		goto out;
	/* The captions in --lang; yokectl's own messages stay in the person's. */
	if ((rc = sheet_lang_begin(&o, saved)) != CTL_OK)
		goto out;
	strlcpy_yk(lang, i18n_current(), sizeof lang);
	pg.lang = lang;
	pg.title = _("Scan commands of the station terminal");
	pg.subtitle = _("Scan a code instead of typing its command.");
	for (size_t i = 0; i < n; i++)
		cells[i].caption = _(sheet_command(i)->what);   /* the catalogue's, not a copy */
	sheet_lang_end(saved);
	/* The first page keeps its name: scan-commands.svg, then -2, -3. */
	pg.count = npages;
	for (unsigned p = 0; p < npages; p++) {
		size_t first = (size_t)p * SHEET_PER_PAGE;
		pages[p] = p == 0 ? xasprintf("%s/scan-commands.svg", o.out) :
		    xasprintf("%s/scan-commands-%u.svg", o.out, p + 1);
		pg.number = p + 1;
		if ((rc = sheet_write_page(pages[p], &pg, cells + first,
		    n - first < SHEET_PER_PAGE ? n - first : SHEET_PER_PAGE)) != CTL_OK)
			goto out;
	}
	print_result(&o, pages, npages, cells, n, lang);
out:
	for (size_t i = 0; i < n; i++)
		free(cells[i].png);
	for (unsigned p = 0; p < npages; p++)
		free(pages[p]);
	return rc;
}
