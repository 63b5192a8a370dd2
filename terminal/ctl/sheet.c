/*
 * sheet.c — yokectl label commands: a printable sheet of the station
 * terminal's scan commands (@OK, @PASS, @FAIL, @BACK, @LOGOUT, @HELP,
 * @PIN), each as a QR code with its meaning written under it in the
 * person's language, so an operator with a scanner and no keyboard can
 * still confirm, pass, fail, go back, ask for help and badge out.
 *
 *   yokectl label commands [--out DIR] [--lang LANG] [--scale N] [--verify] [--json]
 *
 * Files, in DIR:
 *   scan-OK.png, scan-PASS.png, ...  one QR code per command, made by
 *                                    shared/label (the same QR rules as a
 *                                    unit label: level Q, byte mode, the
 *                                    exact text, a 4-module quiet zone)
 *   scan-commands.svg                the A4 page to print: those very PNGs,
 *                                    embedded (data: URIs), two to a row,
 *                                    each with the command in large type
 *                                    and its meaning under it
 *
 * The page is SVG because its captions are text: any browser prints it,
 * with the fonts the computer has for Chinese, at true size (210 x 297
 * mm). --verify reads every PNG back with zbar and fails unless it gives
 * exactly its command.
 *
 * The list of commands below is the terminal's (terminal/station.c): a
 * command added there must be added here. A shared table of the scan
 * commands, read by both, would remove this copy (see the README).
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
	    "@FAIL, @BACK, @LOGOUT, @HELP, @PIN) as QR codes, each with its meaning under it, so "
	    "an operator can work with the scanner alone. DIR/scan-commands.svg is the A4 page to "
	    "print (from any browser, at actual size); DIR/scan-OK.png and the others are the "
	    "codes on it. Works without the server."),
	.options = options,
	.examples = examples,
	.exec = commands_exec,
};

/* The page, in millimetres (SVG user units = mm). */
#define PAGE_W 210
#define PAGE_H 297
#define CELL_W 95
#define CELL_H 62
#define CELL_X0 10
#define CELL_Y0 30
#define CODE_MM 38
#define CAPTION_COLS 40          /* caption lines, in display columns */
#define CAPTION_LINES 3

static void
xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
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

/* One command's cell: its code, the command, and its meaning (wrapped). */
static bool
cell(FILE *f, int i, const char *png, const char *meaning)
{
	struct utf8_line lines[CAPTION_LINES];
	double cx = CELL_X0 + (i % 2) * CELL_W + CELL_W / 2.0;
	double y = CELL_Y0 + (i / 2) * CELL_H;
	unsigned char *bytes;
	size_t len, n;

	if ((bytes = slurp(png, &len)) == NULL)
		return false;
	fprintf(f, "<image x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
	    "style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,",
	    cx - CODE_MM / 2.0, y, CODE_MM, CODE_MM);
	base64(f, bytes, len);
	fprintf(f, "\"/>\n");
	free(bytes);
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"monospace\" font-size=\"6\" "
	    "font-weight=\"bold\" text-anchor=\"middle\">", cx, y + CODE_MM + 6);
	xml_text(f, command_table[i].word);
	fprintf(f, "</text>\n");
	n = layout_wrap(meaning, CAPTION_COLS, lines, CAPTION_LINES);
	if (n > CAPTION_LINES)
		n = CAPTION_LINES;
	for (size_t k = 0; k < n; k++) {
		char *line = xmalloc(lines[k].len + 1);
		memcpy(line, meaning + lines[k].off, lines[k].len);
		line[lines[k].len] = '\0';
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"3.6\" "
		    "text-anchor=\"middle\">", cx, y + CODE_MM + 11.5 + 4.6 * (double)k);
		xml_text(f, line);
		fprintf(f, "</text>\n");
		free(line);
	}
	return true;
}

/* Writes the SVG page from the PNGs already written. CTL_OK or reported. */
static int
write_page(const char *path, char *const *pngs)
{
	FILE *f = fopen(path, "w");
	char date[16];
	time_t now = time(NULL);
	struct tm tm;

	if (f == NULL)
		return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), path, strerror(errno));
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	    "width=\"%dmm\" height=\"%dmm\" viewBox=\"0 0 %d %d\">\n<title>", PAGE_W, PAGE_H, PAGE_W,
	    PAGE_H);
	xml_text(f, _("Scan commands of the station terminal"));
	fprintf(f, "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", PAGE_W, PAGE_H);
	fprintf(f, "<text x=\"%d\" y=\"16\" font-family=\"sans-serif\" font-size=\"7\" "
	    "font-weight=\"bold\" text-anchor=\"middle\">", PAGE_W / 2);
	xml_text(f, _("Scan commands of the station terminal"));
	fprintf(f, "</text>\n<text x=\"%d\" y=\"23\" font-family=\"sans-serif\" font-size=\"3.6\" "
	    "text-anchor=\"middle\">", PAGE_W / 2);
	xml_text(f, _("Scan a code instead of typing its command."));
	fprintf(f, "</text>\n");
	for (size_t i = 0; i < command_count; i++) {
		if (!cell(f, (int)i, pngs[i], _(command_table[i].what))) {
			int e = errno;
			fclose(f);
			remove(path);
			return ctl_fail(CTL_ST_IO, _("cannot read %s: %s"), pngs[i], strerror(e));
		}
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"2.8\" "
	    "fill=\"#555555\" text-anchor=\"middle\">yokectl label commands · %s · %s</text>\n"
	    "</svg>\n", PAGE_W / 2, PAGE_H - 8, i18n_current(), date);
	if (ferror(f) || fclose(f) != 0) {
		remove(path);
		return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), path, strerror(errno));
	}
	return CTL_OK;
}

struct sheet_opts {
	const char *out, *lang;
	int scale;
	bool verify, json;
};

static int
parse(int argc, char **argv, struct sheet_opts *o)
{
	const struct ctl_cmd *cmd = &ctl_cmd_label_commands;

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

/* Reads png back: CTL_OK when it gives exactly word, else reported. */
static int
verify(const char *png, const char *word)
{
	char read[64], err[512];
	int n = label_decode_png(png, read, sizeof read, err, sizeof err);
	if (n < 0)
		return ctl_fail(CTL_ST_INVALID, _("verify %s: %s"), png, err);
	if (n == 0)
		return ctl_fail(CTL_ST_INVALID, _("verify %s: no QR code could be read"), png);
	if (strcmp(read, word) != 0)
		return ctl_fail(CTL_ST_INVALID, _("verify %s: reads as \"%s\", expected \"%s\""), png,
		    read, word);
	return CTL_OK;
}

static void
print_result(const struct sheet_opts *o, const char *page, char *const *pngs,
    const char *const *captions, const char *lang)
{
	struct table *t;

	if (o->json) {
		printf("{\"sheet\":");
		json_string(stdout, page);
		json_field(stdout, "language", lang);
		printf(",\"commands\":[");
		for (size_t i = 0; i < command_count; i++) {
			printf("%s{\"command\":", i ? "," : "");
			json_string(stdout, command_table[i].word);
			json_field(stdout, "png", pngs[i]);
			json_field(stdout, "caption", captions[i]);
			printf(",\"verified\":%s}", o->verify ? "true" : "false");
		}
		printf("]}\n");
		return;
	}
	printf(_("The sheet to print: %s (open it in a browser, print at actual size).\n"), page);
	t = table_new(3);
	table_column(t, 0, _("CODE"), 0);
	table_column(t, 1, _("COMMAND"), 0);
	table_column(t, 2, _("MEANING"), 0);
	for (size_t i = 0; i < command_count; i++)
		table_row(t, (const char *const[]){ pngs[i], command_table[i].word, captions[i] });
	table_print(t, stdout);
	table_free(t);
	if (o->verify)
		printf(P_("Read back: %zu code, each gives its command.\n",
		    "Read back: %zu codes, each gives its command.\n", command_count), command_count);
}

static int
commands_exec(struct ctl *ctl, int argc, char **argv)
{
	struct sheet_opts o;
	char *pngs[COMMAND_TABLE_SIZE] = { 0 }, *page = NULL, err[512];
	const char *captions[COMMAND_TABLE_SIZE];
	char saved[16], lang[16];
	int rc;

	(void)ctl;
	if ((rc = parse(argc, argv, &o)) != CTL_OK)
		return rc;
	/* The captions in --lang; yokectl's own messages stay in the person's. */
	strlcpy_yk(saved, i18n_current(), sizeof saved);
	if (ctl_make_dirs(o.out) != 0)
		return ctl_fail(CTL_ST_IO, _("cannot create the folder %s: %s"), o.out, strerror(errno));
	for (size_t i = 0; i < command_count; i++) {
		pngs[i] = xasprintf("%s/scan-%s.png", o.out, command_table[i].word + 1);
		if (label_qr_png(command_table[i].word, o.scale, pngs[i], err, sizeof err) != 0) {
			rc = ctl_fail(CTL_ST_IO, "%s", err);
			goto out;
		}
		if (o.verify && (rc = verify(pngs[i], command_table[i].word)) != CTL_OK)
			goto out;
	}
	page = xasprintf("%s/scan-commands.svg", o.out);
	if (o.lang && !i18n_use(o.lang)) {
		rc = ctl_fail(CTL_ST_LOCAL, _("the %s language needs its system locale (%s.UTF-8), which "
		    "this machine lacks"), o.lang, o.lang);
		goto out;
	}
	strlcpy_yk(lang, i18n_current(), sizeof lang);
	for (size_t i = 0; i < command_count; i++)
		captions[i] = _(command_table[i].what);   /* the catalogue's, not a copy */
	rc = write_page(page, pngs);
	i18n_use(saved);
	if (rc == CTL_OK)
		print_result(&o, page, pngs, captions, lang);
out:
	for (size_t i = 0; i < command_count; i++)
		free(pngs[i]);
	free(page);
	return rc;
}
