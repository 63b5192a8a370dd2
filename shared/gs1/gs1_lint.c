/*
 * gs1_lint.c — runs the linter a dictionary component names, and holds the
 * character sets and the small rules on one value: zero, non-zero, no
 * leading zero, has a non-digit, yes/no, winding direction, hyphen, piece
 * of total, position in sequence, importer index, percent-encoding,
 * latitude and longitude, media type and biological sex codes.
 *
 * The rules are those the dictionary's documentation gives for each linter
 * name (assets/gs1/gs1-syntax-dictionary.txt and the GS1 General
 * Specifications it cites); the code is yoke's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shared/gs1/gs1_lint.h"
#include "shared/i18n.h"

static const char *const names[] = {
	[GS1_LINT_NONE] = "", [GS1_LINT_CSUM] = "csum", [GS1_LINT_CSUMALPHA] = "csumalpha",
	[GS1_LINT_GCPPOS1] = "gcppos1", [GS1_LINT_GCPPOS2] = "gcppos2", [GS1_LINT_IBAN] = "iban",
	[GS1_LINT_YYMMD0] = "yymmd0", [GS1_LINT_YYMMDD] = "yymmdd", [GS1_LINT_YYYYMMD0] = "yyyymmd0",
	[GS1_LINT_YYYYMMDD] = "yyyymmdd", [GS1_LINT_HHMI] = "hhmi", [GS1_LINT_HH] = "hh",
	[GS1_LINT_MI] = "mi", [GS1_LINT_SS] = "ss", [GS1_LINT_ISO3166] = "iso3166",
	[GS1_LINT_ISO3166999] = "iso3166999", [GS1_LINT_ISO3166ALPHA2] = "iso3166alpha2",
	[GS1_LINT_ISO4217] = "iso4217", [GS1_LINT_PACKAGETYPE] = "packagetype",
	[GS1_LINT_MEDIATYPE] = "mediatype", [GS1_LINT_ISO5218] = "iso5218",
	[GS1_LINT_COUPONCODE] = "couponcode", [GS1_LINT_COUPONPOSOFFER] = "couponposoffer",
	[GS1_LINT_LATITUDE] = "latitude", [GS1_LINT_LONGITUDE] = "longitude", [GS1_LINT_ZERO] = "zero",
	[GS1_LINT_NONZERO] = "nonzero", [GS1_LINT_NOZEROPREFIX] = "nozeroprefix",
	[GS1_LINT_HASNONDIGIT] = "hasnondigit", [GS1_LINT_YESNO] = "yesno",
	[GS1_LINT_WINDING] = "winding", [GS1_LINT_HYPHEN] = "hyphen",
	[GS1_LINT_PIECEOFTOTAL] = "pieceoftotal", [GS1_LINT_POSINSEQSLASH] = "posinseqslash",
	[GS1_LINT_IMPORTERIDX] = "importeridx", [GS1_LINT_PCENC] = "pcenc", [GS1_LINT_CSET39] = "cset39",
	[GS1_LINT_CSET64] = "cset64", [GS1_LINT_CSET82] = "cset82", [GS1_LINT_CSETNUMERIC] = "csetnumeric",
};

const char *
gs1_lint_name(enum gs1_lint l)
{
	return (size_t)l < sizeof names / sizeof names[0] && names[l] ? names[l] : "?";
}

size_t
gs1_lint_offset(const struct gs1_lint_arg *a, size_t i)
{
	return a->map != NULL ? a->map[a->pos + i] : a->val_at + a->pos + i;
}

bool
gs1_lint_fail(const struct gs1_lint_arg *a, size_t i, const char *fmt, ...)
{
	char what[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	/* TRANSLATORS: "AI (01): bad check digit ..." */
	gs1_error_set(a->err, gs1_lint_offset(a, i < a->n ? i : (a->n ? a->n - 1 : 0)), _("AI (%s): %s"),
	    a->ai, what);
	return false;
}

long
gs1_lint_number(const char *s, size_t n)
{
	long x = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	return x;
}

/* GS1 CSET 82 (standards.md §1.1): no space, # $ @ [ \ ] ^ ` { | } ~. */
static bool
cset82(unsigned char c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!\"%&'()*+,-./:;<=>?_", c) != NULL;
}

bool
gs1_cset_has(char cset, unsigned char c)
{
	switch (cset) {
	case 'N':
		return c >= '0' && c <= '9';
	case 'X':
		return cset82(c);
	case 'Y':       /* CSET 39: upper-case letters, digits, # - / */
		return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#' || c == '-' ||
		    c == '/';
	case 'Z':       /* CSET 64: base64url, with '=' padding */
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '=';
	}
	return false;
}

bool
gs1_lint_cset64(const struct gs1_lint_arg *a)
{
	size_t pads = 0;

	while (pads < a->n && a->v[a->n - 1 - pads] == '=')
		pads++;
	for (size_t i = 0; i < a->n - pads; i++)
		if (a->v[i] == '=' || !gs1_cset_has('Z', (unsigned char)a->v[i]))
			return gs1_lint_fail(a, i, _("'%c' is not allowed at position %zu (GS1 character "
			    "set 64, '=' only as padding at the end)"), a->v[i], i + 1);
	if (pads > 2 || (pads > 0 && a->n % 3 != 0))
		return gs1_lint_fail(a, a->n - pads, _("bad base64 padding: at most two '=' at the end, "
		    "and then a length divisible by 3"));
	return true;
}

static bool
cset(const struct gs1_lint_arg *a, char which, const char *name)
{
	for (size_t i = 0; i < a->n; i++)
		if (!gs1_cset_has(which, (unsigned char)a->v[i]))
			return gs1_lint_fail(a, i, _("character %zu is not in %s"), i + 1, name);
	return true;
}

/* How many of the first n characters of s are in set (s need not be
 * terminated: a component is a slice of the value). */
static size_t
span(const char *s, size_t n, const char *set)
{
	size_t i = 0;

	while (i < n && s[i] != '\0' && strchr(set, s[i]) != NULL)
		i++;
	return i;
}

static bool
all_zero(const struct gs1_lint_arg *a)
{
	return span(a->v, a->n, "0") == a->n;
}

/* One character from a list of allowed ones. */
static bool
one_of(const struct gs1_lint_arg *a, const char *allowed, const char *what)
{
	if (a->n == 1 && a->v[0] != '\0' && strchr(allowed, a->v[0]) != NULL)
		return true;
	return gs1_lint_fail(a, 0, _("%.*s is not %s"), (int)a->n, a->v, what);
}

/* A number in the first half, a total of the same width in the second:
 * neither zero, the piece not beyond the total (8006, 8026). */
static bool
piece_of_total(const struct gs1_lint_arg *a)
{
	size_t h = a->n / 2;

	if (a->n == 0 || a->n % 2 != 0)
		return gs1_lint_fail(a, 0, _("piece and total must have the same number of digits"));
	if (span(a->v, h, "0") == h)
		return gs1_lint_fail(a, 0, _("piece number %.*s: pieces count from 1"), (int)h, a->v);
	if (span(a->v + h, h, "0") == h)
		return gs1_lint_fail(a, h, _("total %.*s: an item has at least one piece"), (int)h,
		    a->v + h);
	if (memcmp(a->v, a->v + h, h) > 0)
		return gs1_lint_fail(a, 0, _("piece %.*s of %.*s: the piece is beyond the total"),
		    (int)h, a->v, (int)h, a->v + h);
	return true;
}

/* "<pos>/<end>", both without a leading zero, pos not beyond end (7258). */
static bool
position_in_sequence(const struct gs1_lint_arg *a)
{
	size_t p = 0, e;
	long pos, end;

	while (p < a->n && a->v[p] >= '0' && a->v[p] <= '9')
		p++;
	e = p + 1;
	while (e < a->n && a->v[e] >= '0' && a->v[e] <= '9')
		e++;
	if (p == 0 || p >= a->n || a->v[p] != '/' || e != a->n || e == p + 1)
		return gs1_lint_fail(a, 0, _("%.*s: expected a position and a total such as 1/2"),
		    (int)a->n, a->v);
	if (a->v[0] == '0' || a->v[p + 1] == '0')
		return gs1_lint_fail(a, a->v[0] == '0' ? 0 : p + 1,
		    _("%.*s: numbers in a sequence start at 1, with no leading zero"), (int)a->n, a->v);
	pos = gs1_lint_number(a->v, p);
	end = gs1_lint_number(a->v + p + 1, a->n - p - 1);
	if (pos > end)
		return gs1_lint_fail(a, 0, _("%.*s: the position is beyond the total"), (int)a->n, a->v);
	return true;
}

/* Every '%' starts "%XX" with two hex digits (AIs 4300–4320, 7253–7259). */
static bool
percent_encoding(const struct gs1_lint_arg *a)
{
	for (size_t i = 0; i < a->n; i++) {
		if (a->v[i] != '%')
			continue;
		if (i + 2 >= a->n || span(a->v + i + 1, 2, "0123456789ABCDEFabcdef") != 2)
			return gs1_lint_fail(a, i, _("bad percent-encoding at position %zu: '%%' must be "
			    "followed by two hex digits"), i + 1);
		i += 2;
	}
	return true;
}

/* Ten digits of a WGS84 coordinate offset to be positive: latitude
 * 0–1800000000 (−90° to 90°), longitude 0–3600000000 (−180° to 180°). */
static bool
coordinate(const struct gs1_lint_arg *a, long max, const char *what)
{
	long x = a->n == 10 ? gs1_lint_number(a->v, 10) : -1;

	if (x < 0 || x > max)
		return gs1_lint_fail(a, 0, _("%.*s is not a %s (10 digits, at most %ld)"), (int)a->n, a->v,
		    what, max);
	return true;
}

/* Two digits: 01–10 (ICCBBA assignments) or 80–99 (local use). */
static bool
media_type(const struct gs1_lint_arg *a)
{
	long x = a->n == 2 ? gs1_lint_number(a->v, 2) : -1;

	if ((x >= 1 && x <= 10) || (x >= 80 && x <= 99))
		return true;
	return gs1_lint_fail(a, 0, _("%.*s is not an AIDC media type (01-10 or 80-99)"), (int)a->n, a->v);
}

bool
gs1_lint_run(enum gs1_lint l, const struct gs1_lint_arg *a)
{
	switch (l) {
	case GS1_LINT_NONE: return true;
	case GS1_LINT_CSUM: return gs1_lint_csum(a);
	case GS1_LINT_CSUMALPHA: return gs1_lint_csumalpha(a);
	case GS1_LINT_GCPPOS1: return gs1_lint_gcp(a, 0);
	case GS1_LINT_GCPPOS2: return gs1_lint_gcp(a, 1);
	case GS1_LINT_IBAN: return gs1_lint_iban(a);
	case GS1_LINT_YYMMD0: return gs1_lint_date(a, 2, true);
	case GS1_LINT_YYMMDD: return gs1_lint_date(a, 2, false);
	case GS1_LINT_YYYYMMD0: return gs1_lint_date(a, 4, true);
	case GS1_LINT_YYYYMMDD: return gs1_lint_date(a, 4, false);
	case GS1_LINT_HHMI:
	case GS1_LINT_HH:
	case GS1_LINT_MI:
	case GS1_LINT_SS: return gs1_lint_time(a, l);
	case GS1_LINT_ISO3166: return gs1_lint_iso3166(a, false);
	case GS1_LINT_ISO3166999: return gs1_lint_iso3166(a, true);
	case GS1_LINT_ISO3166ALPHA2: return gs1_lint_iso3166alpha2(a);
	case GS1_LINT_ISO4217: return gs1_lint_iso4217(a);
	case GS1_LINT_PACKAGETYPE: return gs1_lint_packagetype(a);
	case GS1_LINT_MEDIATYPE: return media_type(a);
	case GS1_LINT_ISO5218: return one_of(a, "0129", _("an ISO/IEC 5218 sex code (0, 1, 2 or 9)"));
	case GS1_LINT_COUPONCODE: return gs1_lint_couponcode(a);
	case GS1_LINT_COUPONPOSOFFER: return gs1_lint_couponposoffer(a);
	case GS1_LINT_LATITUDE: return coordinate(a, 1800000000L, _("latitude"));
	case GS1_LINT_LONGITUDE: return coordinate(a, 3600000000L, _("longitude"));
	case GS1_LINT_ZERO:
		return all_zero(a) || gs1_lint_fail(a, 0, _("%.*s must be zero"), (int)a->n, a->v);
	case GS1_LINT_NONZERO:
		return !all_zero(a) || gs1_lint_fail(a, 0, _("%.*s must not be zero"), (int)a->n, a->v);
	case GS1_LINT_NOZEROPREFIX:
		return a->n == 0 || a->v[0] != '0' ||
		    gs1_lint_fail(a, 0, _("%.*s must not start with a zero"), (int)a->n, a->v);
	case GS1_LINT_HASNONDIGIT:
		return span(a->v, a->n, "0123456789") < a->n ||
		    gs1_lint_fail(a, 0, _("%.*s must contain a character that is not a digit"),
		    (int)a->n, a->v);
	case GS1_LINT_YESNO: return one_of(a, "01", _("0 (no) or 1 (yes)"));
	case GS1_LINT_WINDING: return one_of(a, "019", _("a winding direction (0, 1 or 9)"));
	case GS1_LINT_HYPHEN:
		return span(a->v, a->n, "-") == a->n ||
		    gs1_lint_fail(a, span(a->v, a->n, "-"), _("only '-' is allowed here (a minus sign)"));
	case GS1_LINT_PIECEOFTOTAL: return piece_of_total(a);
	case GS1_LINT_POSINSEQSLASH: return position_in_sequence(a);
	case GS1_LINT_IMPORTERIDX:
		return (a->n == 1 && (gs1_cset_has('Z', (unsigned char)a->v[0]) && a->v[0] != '=')) ||
		    gs1_lint_fail(a, 0, _("%.*s is not an importer index (one of 0-9, A-Z, a-z, '-', '_')"),
		    (int)a->n, a->v);
	case GS1_LINT_PCENC: return percent_encoding(a);
	case GS1_LINT_CSET39: return cset(a, 'Y', _("GS1 character set 39"));
	case GS1_LINT_CSET64: return gs1_lint_cset64(a);
	case GS1_LINT_CSET82: return cset(a, 'X', _("GS1 character set 82"));
	case GS1_LINT_CSETNUMERIC: return cset(a, 'N', _("digits"));
	}
	return gs1_lint_fail(a, 0, _("unknown check %d in the AI table"), (int)l);
}
