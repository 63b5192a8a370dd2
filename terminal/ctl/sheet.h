/*
 * sheet.h — printable sheets of QR codes for the line: what `yokectl label
 * commands` (the terminal's scan commands, sheet.c) and `yokectl label
 * defects` (the plant's defect codes, defect_sheet.c) both write, with one
 * writer.
 *
 * A sheet is a list of codes. Each code is a PNG of its own, made by
 * shared/label (the QR rules of a unit label: level Q, byte mode, the exact
 * text, a 4-module quiet zone), and the sheet is one or more A4 pages of
 * SVG that embed those very PNGs (data: URIs), eight to a page, two to a
 * row. Under each code its text in large type, then a short line (a
 * defect's category) and a caption, wrapped at display width by
 * shared/layout.h and cut with "…" when it needs more lines than the cell
 * has. A page is SVG because its captions are text: any browser prints it
 * at true size (210 x 297 mm) with the fonts the computer has for Chinese.
 *
 * A page of SVG is one page of paper: SVG has no page breaks (SVG 1.2's
 * pageSet was never implemented by a browser), so a sheet of more codes
 * than a page holds is several files, each page numbered "1/2" in its foot.
 *
 * Use: sheet_parse the options; sheet_write_codes the PNGs (and read each
 * back with --verify); sheet_lang_begin, take the titles and captions in
 * the sheet's language (_() returns the catalogue's own strings, which stay
 * valid), sheet_lang_end; then sheet_write_page for each page. Every
 * failure is reported with ctl_fail in the person's language, which is why
 * the language is switched only while the sheet's words are taken.
 */
#ifndef YOKE_CTL_SHEET_H
#define YOKE_CTL_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "terminal/ctl/ctl.h"

/* Codes on one A4 page: two columns of four. */
#define SHEET_PER_PAGE 8
/* A caption line, in display columns, and the lines of text under a code
 * (the short line counts as one). */
#define SHEET_CAPTION_COLS 40
#define SHEET_CAPTION_LINES 3
/* The longest caption line in bytes: 40 columns of 4-byte characters with
 * their combining marks would be more, and is cut short (layout_clip). */
#define SHEET_LINE_MAX 256

/* The options both sheets take. */
struct sheet_opts {
	const char *out;         /* --out DIR (default "labels") */
	const char *lang;        /* --lang, or NULL: yokectl's own */
	int scale;               /* --scale, pixels per module (default 8) */
	bool verify, json;
};

/* One code on a sheet. */
struct sheet_cell {
	const char *code;        /* the QR code's text, exactly; shown in large type */
	char *png;               /* its PNG's path (malloc'd by the caller) */
	const char *kind;        /* a short line under the code, or NULL */
	const char *caption;     /* the caption, wrapped (in the sheet's language) */
};

/* The page's words, in the sheet's language, and its foot. */
struct sheet_page {
	const char *title;       /* at the top, in large type, and the SVG's <title> */
	const char *subtitle;    /* one line under it */
	const char *command;     /* "yokectl label commands", in the foot */
	const char *lang;        /* the sheet's language, in the foot */
	unsigned number, count;  /* this page and how many there are; count 1: no number */
};

/* Parses [--out DIR] [--lang LANG] [--scale N] [--verify] [--json] for
 * cmd. CTL_OK, or a usage error of cmd that says what was wrong. */
int sheet_parse(const struct ctl_cmd *cmd, int argc, char **argv, struct sheet_opts *o);

/*
 * Makes the folder o->out and writes the PNG of every cell (cells[i].png,
 * a QR code of cells[i].code at o->scale); with o->verify reads each back
 * and fails unless it gives exactly its code. CTL_OK, or the first
 * failure, reported.
 */
int sheet_write_codes(const struct sheet_opts *o, const struct sheet_cell *cells, size_t n);

/* Switches to the sheet's language (o->lang, when given), keeping the
 * person's in saved (16 bytes). CTL_OK, or reported (the language's
 * system locale is missing), the person's language kept. */
int sheet_lang_begin(const struct sheet_opts *o, char saved[16]);
/* Back to the person's language. */
void sheet_lang_end(const char saved[16]);

/* Writes one A4 page with these cells (at most SHEET_PER_PAGE) from their
 * PNGs, already written. A page that could not be written whole is
 * removed. CTL_OK, or reported. */
int sheet_write_page(const char *path, const struct sheet_page *pg, const struct sheet_cell *cells,
    size_t n);

/* The pages n codes take (at least 1). */
unsigned sheet_pages(size_t n);

/*
 * Lays a caption out in at most max lines (max <= SHEET_CAPTION_LINES) of
 * at most cols columns (shared/layout.h: never within a character or a
 * cluster, by the rules of Chinese and Latin line breaking). When the text
 * needs more lines the last one ends with "…", so a reader sees it was cut.
 * Control characters and bad UTF-8 are each shown as one U+FFFD (an SVG
 * cannot hold them). Returns the lines stored (at least 1: an empty text is
 * one empty line).
 */
size_t sheet_fit(const char *text, int cols, char lines[][SHEET_LINE_MAX], size_t max);

/* ---- the defect code sheet (defect_sheet.c) ---- */

/* True when code is a defect code as the definitions allow one (defs.c):
 * 1 to DEFS_ID_MAX bytes of printable ASCII without spaces, '/' or '"'. */
bool sheet_defect_code_ok(const char *code);
/*
 * The name of a defect code's PNG in its folder: "defect-", the code with
 * every byte but A-Z a-z 0-9 . _ + - written as %XX (so '%' too, and no
 * two codes share a name), ".png". Whatever the bytes, the name has no '/'
 * and is not "." or "..", so it stays in the folder, and a shell takes it
 * as it is. False when it does not fit in size bytes.
 */
bool sheet_defect_file(const char *code, char *out, size_t size);

#endif
