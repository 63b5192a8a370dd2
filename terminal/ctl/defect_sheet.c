/*
 * defect_sheet.c — yokectl label defects: the printable sheet of the
 * plant's defect codes. When a unit fails a check, an inspection or a
 * measurement, the station terminal asks what is wrong, and the operator
 * scans the defect's code from this sheet (terminal/station_defect.c takes
 * the scan as the bare code, e.g. BRIDGE).
 *
 *   yokectl label defects [--out DIR] [--lang LANG] [--scale N] [--verify] [--json]
 *
 * The codes are the server's (DefectsQuery: read-only, no sign-in), in code
 * order; it sends at most DEFECTS_REPLY_MAX, and when it sends that many the
 * sheet says it may lack some. Files, in DIR:
 *   defect-BRIDGE.png, ...        one QR code per defect code, holding the
 *                                 code and nothing else (sheet_defect_file
 *                                 names it; any byte that could leave DIR
 *                                 or upset a shell is written %XX)
 *   defect-codes-1.svg, -2.svg    the A4 pages to print (sheet.h: eight
 *                                 codes a page, SVG has no page breaks),
 *                                 each code in large type with its
 *                                 category (in the sheet's language) and
 *                                 its text (as the definitions have it,
 *                                 bilingual already) under it
 *
 * Pages of an earlier, longer sheet (defect-codes-N.svg after the last
 * page written) are removed, so printing every defect-codes-*.svg of DIR
 * never prints a code that is gone; PNGs of codes that are gone stay, as
 * no page shows them.
 *
 * The server is an outside input: a code that the definitions could not
 * hold, a code listed twice or an empty list is refused before any file is
 * written; a text with characters an SVG cannot hold shows U+FFFD there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shared/defs/defs.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/sheet.h"
#include "terminal/ctl/table.h"

/* The most defect codes one answer lists (server/quality/req-defects.c,
 * DEFECTS_MAX). */
#define DEFECTS_REPLY_MAX 2000

extern const struct ctl_cmd ctl_cmd_label;
static int defects_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ N_("--out DIR"), N_("the folder for the files (default labels; made when missing)") },
	{ N_("--lang LANG"), N_("the language of the captions: en or zh_CN (default: yokectl's own, "
	    "from LANG)") },
	{ "--scale N", N_("pixels per QR module in the PNGs, 1 to 64 (default 8)") },
	{ "--verify", N_("read every code back with a barcode reader and fail unless it gives its "
	    "defect code") },
	{ "--json", N_("print JSON for scripts: the pages and every code's file, category, text "
	    "and page") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl label defects --out defects --verify", N_("defects/defect-codes-1.svg and the "
	    "pages after it: print each at actual size and keep them at the stations") },
	{ "yokectl label defects --lang zh_CN --out defects-zh", N_("the same sheet with the "
	    "categories in Chinese") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_label_defects = {
	.name = "defects",
	.parent = &ctl_cmd_label,
	.group = CTL_GROUP_LABELS,
	.usage = N_("[--out DIR] [--lang LANG] [--scale N] [--verify] [--json]"),
	.summary = N_("a printable sheet of the defect codes as QR codes, to scan when a unit fails"),
	.description = N_("Asks the server for the defect codes of the definitions and writes a QR "
	    "code of each, DIR/defect-CODE.png, and the A4 pages to print, DIR/defect-codes-1.svg, "
	    "DIR/defect-codes-2.svg and so on, eight codes a page: each code in large type with its "
	    "category and text under it. When a unit fails, the station terminal asks for a defect "
	    "code, and the operator scans it from this sheet. Pages of an earlier, longer sheet "
	    "in DIR are removed. Needs no sign-in."),
	.options = options,
	.examples = examples,
	.exec = defects_exec,
};

bool
sheet_defect_code_ok(const char *code)
{
	size_t len = strlen(code);

	if (len == 0 || len > DEFS_ID_MAX)
		return false;
	for (const unsigned char *c = (const unsigned char *)code; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '/' || *c == '"')
			return false;
	return true;
}

bool
sheet_defect_file(const char *code, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char prefix[] = "defect-", suffix[] = ".png";
	size_t n = sizeof prefix - 1;

	if (size < sizeof prefix)
		return false;
	memcpy(out, prefix, n);
	for (const unsigned char *c = (const unsigned char *)code; *c; c++) {
		bool plain = (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		    (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == '+' || *c == '-';
		if (n + (plain ? 1 : 3) >= size)
			return false;
		if (plain) {
			out[n++] = (char)*c;
		} else {
			out[n++] = '%';
			out[n++] = hex[*c >> 4];
			out[n++] = hex[*c & 15];
		}
	}
	if (n + sizeof suffix > size)
		return false;
	memcpy(out + n, suffix, sizeof suffix);
	return true;
}

/* A code from the server as it may be shown in a message: at most 48
 * bytes, anything but printable ASCII as '?'. */
static const char *
shown(const char *code, char buf[52])
{
	size_t n = 0;

	for (const unsigned char *c = (const unsigned char *)code; *c && n < 48; c++)
		buf[n++] = *c > 0x20 && *c < 0x7f ? (char)*c : '?';
	if (code[n] != '\0') {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

static int
code_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A code the reply lists twice (two PNGs would be one file), or NULL.
 * Sorted, as a reply from elsewhere may be long. */
static const char *
listed_twice(const Yoke__DefectsReply *dr)
{
	const char **codes = xcalloc(dr->n_defects, sizeof *codes), *twice = NULL;

	for (size_t i = 0; i < dr->n_defects; i++)
		codes[i] = dr->defects[i]->code;
	qsort(codes, dr->n_defects, sizeof *codes, code_cmp);
	for (size_t i = 1; i < dr->n_defects && twice == NULL; i++)
		if (strcmp(codes[i - 1], codes[i]) == 0)
			twice = codes[i];
	free(codes);
	return twice;
}

/* The codes of the reply as a sheet can hold them: CTL_OK, or the first
 * that cannot be, reported. */
static int
check_codes(const Yoke__DefectsReply *dr)
{
	const char *twice;
	char a[52];

	if (dr->n_defects == 0)
		return ctl_fail(CTL_ST_REFUSED, "%s", _("The definitions have no defect codes (defect "
		    "lines; yoke-defs(5)): there is no sheet to make."));
	for (size_t i = 0; i < dr->n_defects; i++) {
		const char *code = dr->defects[i]->code;
		if (!sheet_defect_code_ok(code))
			return ctl_fail(CTL_ST_PROTOCOL, _("the server sent \"%s\" as a defect code: expected "
			    "1 to %d printable ASCII characters without spaces, '/' or '\"'"),
			    shown(code, a), DEFS_ID_MAX);
	}
	if ((twice = listed_twice(dr)) != NULL)
		return ctl_fail(CTL_ST_PROTOCOL, _("the server listed the defect code %s twice"), twice);
	if (dr->n_defects >= DEFECTS_REPLY_MAX)
		ctl_warn(_("the server lists at most %d defect codes and sent that many: the sheet may "
		    "lack some"), DEFECTS_REPLY_MAX);
	/* A code of digits scans fine: the terminal matches a scan against
	 * the codes before it reads it as a position in its list. */
	return CTL_OK;
}

/* Removes defect-codes-N.svg for N after the last page, while there are
 * such files: the pages of an earlier, longer sheet. */
static void
remove_old_pages(const char *dir, unsigned last)
{
	for (unsigned k = last + 1;; k++) {
		char *path = xasprintf("%s/defect-codes-%u.svg", dir, k);
		int gone = unlink(path);
		if (gone != 0 && errno != ENOENT)
			ctl_warn(_("cannot remove %s, a page of an earlier sheet: %s"), path, strerror(errno));
		free(path);
		if (gone != 0)
			break;
	}
}

static void
print_result(const struct sheet_opts *o, char *const *pages, unsigned npages,
    const Yoke__DefectsReply *dr, const struct sheet_cell *cells, const char *lang)
{
	struct table *t;
	size_t n = dr->n_defects;

	if (o->json) {
		printf("{\"pages\":[");
		for (unsigned p = 0; p < npages; p++) {
			printf("%s", p ? "," : "");
			json_string(stdout, pages[p]);
		}
		printf("]");
		json_field(stdout, "language", lang);
		printf(",\"defects\":[");
		for (size_t i = 0; i < n; i++) {
			const Yoke__DefectCode *d = dr->defects[i];
			printf("%s{\"code\":", i ? "," : "");
			json_string(stdout, d->code);
			json_field(stdout, "category", nc_category_name(d->category));
			json_field(stdout, "text", d->text);
			json_field(stdout, "png", cells[i].png);
			printf(",\"page\":%zu,\"verified\":%s}", i / SHEET_PER_PAGE + 1,
			    o->verify ? "true" : "false");
		}
		printf("]}\n");
		return;
	}
	printf(P_("%u page to print (open it in a browser, print at actual size):\n",
	    "%u pages to print (open each in a browser, print at actual size):\n", npages), npages);
	for (unsigned p = 0; p < npages; p++)
		printf("  %s\n", pages[p]);
	t = table_new(4);
	table_column(t, 0, _("PAGE"), 0);
	table_column(t, 1, _("DEFECT CODE"), 0);
	table_column(t, 2, _("CATEGORY"), 0);
	table_column(t, 3, _("CODE"), 0);
	for (size_t i = 0; i < n; i++) {
		char page[24];
		snprintf(page, sizeof page, "%zu", i / SHEET_PER_PAGE + 1);
		table_row(t, (const char *const[]){ page, dr->defects[i]->code,
		    nc_category_text(dr->defects[i]->category), cells[i].png });
	}
	table_print(t, stdout);
	table_free(t);
	if (o->verify)
		printf(P_("Read back: %zu code, each gives its defect code.\n",
		    "Read back: %zu codes, each gives its defect code.\n", n), n);
}

static int
defects_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__DefectsQuery q = YOKE__DEFECTS_QUERY__INIT;
	Yoke__Reply *rp;
	const Yoke__DefectsReply *dr;
	struct sheet_opts o;
	struct sheet_cell *cells = NULL;
	struct sheet_page pg = { .command = "yokectl label defects" };
	char **kinds = NULL, **pages = NULL, saved[16], lang[16];
	unsigned npages = 0;
	size_t n;
	int rc;

	if ((rc = sheet_parse(&ctl_cmd_label_defects, argc, argv, &o)) != CTL_OK)
		return rc;
	rq.body_case = YOKE__REQUEST__BODY_DEFECTS;
	rq.defects = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	dr = rp->defects;
	if ((rc = check_codes(dr)) != CTL_OK)
		goto out;
	n = dr->n_defects;
	cells = xcalloc(n, sizeof *cells);
	kinds = xcalloc(n, sizeof *kinds);
	for (size_t i = 0; i < n; i++) {
		char file[256];
		/* A checked code is at most DEFS_ID_MAX bytes: its name fits. */
		if (!sheet_defect_file(dr->defects[i]->code, file, sizeof file)) {
			rc = ctl_fail(CTL_ST_PROTOCOL, _("the defect code %s is too long for a file name"),
			    dr->defects[i]->code);
			goto out;
		}
		cells[i].code = dr->defects[i]->code;
		cells[i].png = xasprintf("%s/%s", o.out, file);
		cells[i].caption = dr->defects[i]->text;
	}
	if ((rc = sheet_write_codes(&o, cells, n)) != CTL_OK)
		goto out;
	/* The page's words and the categories in --lang; the texts are the
	 * definitions' own; yokectl's messages stay in the person's language. */
	if ((rc = sheet_lang_begin(&o, saved)) != CTL_OK)
		goto out;
	strlcpy_yk(lang, i18n_current(), sizeof lang);
	pg.lang = lang;
	pg.title = _("Defect code sheet");
	pg.subtitle = _("When a unit fails and the terminal asks what is wrong, scan the code of the "
	    "defect found.");
	for (size_t i = 0; i < n; i++) {
		const char *cat = nc_category_text(dr->defects[i]->category);
		if (cat[0] != '\0')
			cells[i].kind = kinds[i] = xasprintf(_("category: %s"), cat);
	}
	sheet_lang_end(saved);
	npages = sheet_pages(n);
	pages = xcalloc(npages, sizeof *pages);
	pg.count = npages;
	for (unsigned p = 0; p < npages; p++) {
		size_t first = (size_t)p * SHEET_PER_PAGE;
		pages[p] = xasprintf("%s/defect-codes-%u.svg", o.out, p + 1);
		pg.number = p + 1;
		if ((rc = sheet_write_page(pages[p], &pg, cells + first,
		    n - first < SHEET_PER_PAGE ? n - first : SHEET_PER_PAGE)) != CTL_OK)
			goto out;
	}
	remove_old_pages(o.out, npages);
	print_result(&o, pages, npages, dr, cells, lang);
out:
	for (size_t i = 0; cells && i < dr->n_defects; i++) {
		free(cells[i].png);
		free(kinds[i]);
	}
	for (unsigned p = 0; pages && p < npages; p++)
		free(pages[p]);
	free(pages);
	free(kinds);
	free(cells);
	client_reply_free(rp);
	return rc;
}
