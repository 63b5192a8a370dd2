/*
 * gs1.c — one scan in, GS1 fields out: the symbology identifier decides
 * the form, then the element-string, human-readable or Digital Link
 * reader splits the data into (AI, value) pairs and gs1_field.c checks each.
 *
 * Element strings (standards.md §1.3): read the AI with the AI table; an AI
 * of predefined length takes exactly that many characters and needs no GS
 * (a GS after it is tolerated); any other AI takes characters up to the
 * next GS or the end. A fixed-length AI that is not predefined (422, 7003,
 * 8005) must be followed by GS: if more data follows without one, that is
 * reported as a missing separator. A variable field running past its
 * maximum is reported as too long, with the hint that a separator may be
 * missing. A missing GS between two variable fields that stay within the
 * maximum cannot be seen by syntax (§1.3); the pairing rules, checked last
 * (gs1_ai_check_pairing), catch it when the swallowed AI was needed by
 * another one, and business rules at the station catch the rest.
 */
#include <string.h>
#include <strings.h>

#include "shared/gs1/gs1.h"
#include "shared/i18n.h"

struct reader {
	const char *s;
	size_t len;
	size_t base;            /* offset of s[0] in the caller's input */
	char sub;               /* substitute for GS, or 0 */
	int year;
	struct gs1_result *out;
	struct gs1_error *err;
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_sep(const struct reader *r, char c)
{
	return c == GS1_GS || (r->sub != 0 && c == r->sub);
}

static bool
unknown_ai(const struct reader *r, size_t i)
{
	size_t n = 0;

	if (!is_digit(r->s[i])) {
		unsigned char c = (unsigned char)r->s[i];
		if (c > 0x20 && c < 0x7f)
			gs1_error_set(r->err, r->base + i,
			    _("expected an Application Identifier (digits), found '%c'"), c);
		else
			gs1_error_set(r->err, r->base + i,
			    _("expected an Application Identifier (digits), found byte 0x%02X"), c);
		return false;
	}
	while (n < 4 && i + n < r->len && is_digit(r->s[i + n]))
		n++;
	gs1_error_set(r->err, r->base + i, _("unknown Application Identifier: no AI starts with %.*s"),
	    (int)n, r->s + i);
	return false;
}

/* One element string at r->s[*pos]; advances *pos past it and its GS. */
static bool
read_element(struct reader *r, size_t *pos, bool *predefined)
{
	size_t i = *pos, ai_len, at = i, vlen = 0;
	const struct gs1_ai *a = gs1_ai_lookup(r->s + i, r->len - i, &ai_len);
	int pre;

	if (a == NULL)
		return unknown_ai(r, i);
	i += ai_len;
	pre = gs1_ai_predefined_length(a->code);
	if (pre > 0) {
		while (vlen < (size_t)pre && i + vlen < r->len && !is_sep(r, r->s[i + vlen]))
			vlen++;
	} else {
		while (i + vlen < r->len && !is_sep(r, r->s[i + vlen]))
			vlen++;
		if (a->min == a->max && vlen > a->max) {
			gs1_error_set(r->err, r->base + i + a->max,
			    _("AI (%.*s): missing separator: the value has a fixed length of %u and "
			    "must be followed by GS, but data goes on"), (int)ai_len, r->s + at, a->max);
			return false;
		}
	}
	if (!gs1_add_field(r->out, r->s + at, ai_len, r->s + i, vlen, r->base + at, r->base + i,
	    NULL, r->year, r->err))
		return false;
	i += vlen;
	if (pre == 0 && i < r->len)
		i++;            /* the GS that ended the field */
	*predefined = pre > 0;
	*pos = i;
	return true;
}

static bool
read_elements(struct reader *r)
{
	size_t i = 0;
	bool predefined = false;

	if (r->len == 0) {
		gs1_error_set(r->err, r->base, _("no data: expected element strings"));
		return false;
	}
	while (i < r->len) {
		if (is_sep(r, r->s[i])) {
			/* A leading FNC1 sent as GS, or a GS after a field of
			 * predefined length, is redundant and tolerated. */
			if (i == 0 || predefined) {
				predefined = false;
				i++;
				continue;
			}
			gs1_error_set(r->err, r->base + i,
			    _("unexpected separator (GS): an Application Identifier was expected"));
			return false;
		}
		if (!read_element(r, &i, &predefined))
			return false;
	}
	if (r->out->nfields == 0) {
		gs1_error_set(r->err, r->base, _("no element strings in the data"));
		return false;
	}
	return true;
}

/* True if s[i..] is "(" + 2 to 4 digits + ")": the start of an AI. */
static bool
hri_ai_at(const struct reader *r, size_t i)
{
	size_t n = 0;

	if (r->s[i] != '(')
		return false;
	while (i + 1 + n < r->len && is_digit(r->s[i + 1 + n]) && n < 5)
		n++;
	return n >= 2 && n <= 4 && i + 1 + n < r->len && r->s[i + 1 + n] == ')';
}

/*
 * "(01)09521234543213(10)LOT42": an AI in parentheses, then its value up
 * to the next '(' or the end. A '(' inside a value is written "\(", the
 * convention of the GS1 bracketed-AI syntax (GS1 Syntax Engine: "Any '('
 * characters in AI element values must be escaped as '\('"). CSET 82 has
 * no backslash, so "\(" cannot be data. A bare '(' that does not open an
 * AI is refused with that advice; one that looks like an AI is one.
 */
static bool
read_hri(struct reader *r)
{
	size_t i = 0;

	while (i < r->len) {
		size_t at = i + 1, ai_len = 0, v, n = 0;
		char val[GS1_MAX_VALUE + 2];
		size_t map[GS1_MAX_VALUE + 2];

		if (r->s[i] != '(') {
			gs1_error_set(r->err, r->base + i, _("expected '(' to open an Application Identifier"));
			return false;
		}
		while (at + ai_len < r->len && is_digit(r->s[at + ai_len]) && ai_len < 5)
			ai_len++;
		if (at + ai_len >= r->len || r->s[at + ai_len] != ')' || ai_len < 2 || ai_len > 4) {
			if (i > 0)
				gs1_error_set(r->err, r->base + i, "%s", _("expected an Application "
				    "Identifier of 2 to 4 digits closed by ')' (a '(' inside a value must "
				    "be written \\()"));
			else
				gs1_error_set(r->err, r->base + i, "%s", _("expected an Application "
				    "Identifier of 2 to 4 digits closed by ')'"));
			return false;
		}
		v = at + ai_len + 1;
		i = v;
		while (i < r->len && r->s[i] != '(') {
			if (n > GS1_MAX_VALUE) {
				gs1_error_set(r->err, r->base + at,
				    _("AI (%.*s): value too long: more than %d characters"), (int)ai_len,
				    r->s + at, GS1_MAX_VALUE);
				return false;
			}
			if (r->s[i] == '\\' && i + 1 < r->len && r->s[i + 1] == '(')
				i++;
			map[n] = r->base + i;
			val[n++] = r->s[i++];
		}
		if (i < r->len && !hri_ai_at(r, i)) {
			gs1_error_set(r->err, r->base + i, _("'(' does not open an Application Identifier "
			    "(2 to 4 digits and ')'); a '(' inside a value must be written \\("));
			return false;
		}
		if (!gs1_add_field(r->out, r->s + at, ai_len, val, n, r->base + at, r->base + v, map,
		    r->year, r->err))
			return false;
	}
	if (r->out->nfields == 0) {
		gs1_error_set(r->err, r->base, _("no element strings in the data"));
		return false;
	}
	return true;
}

/* EAN-8, UPC-A, EAN-13 and ITF-14 carry a bare GTIN: read it as (01),
 * padded with zeros to 14 digits. */
static bool
read_gtin(struct reader *r)
{
	char gtin[15];
	size_t map[14], n = r->len;

	if (n != 8 && n != 12 && n != 13 && n != 14) {
		gs1_error_set(r->err, r->base,
		    _("expected a GTIN of 8, 12, 13 or 14 digits, found %zu characters"), n);
		return false;
	}
	memset(gtin, '0', 14);
	memcpy(gtin + 14 - n, r->s, n);
	for (size_t i = 0; i < 14; i++)
		map[i] = r->base + (i < 14 - n ? 0 : i - (14 - n));
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(r->s[i])) {
			gs1_error_set(r->err, r->base + i, _("GTIN: only digits are allowed"));
			return false;
		}
	}
	return gs1_add_field(r->out, "01", 2, gtin, 14, r->base, r->base, map, r->year, r->err);
}

static bool
starts_with_scheme(const char *s, size_t len)
{
	return (len >= 7 && strncasecmp(s, "http://", 7) == 0) ||
	    (len >= 8 && strncasecmp(s, "https://", 8) == 0);
}

/* Plain data without FNC1: only a Digital Link URI or the HRI form can
 * be GS1 data. */
static bool
read_plain(struct reader *r, bool bare)
{
	if (starts_with_scheme(r->s, r->len)) {
		r->out->form = GS1_FORM_DL;
		return gs1_dl_parse(r->s, r->len, r->base, r->year, r->out, r->err);
	}
	if (r->len > 0 && r->s[0] == '(') {
		r->out->form = GS1_FORM_HRI;
		return read_hri(r);
	}
	if (bare && r->len > 0 && (is_digit(r->s[0]) || is_sep(r, r->s[0]))) {
		r->out->form = GS1_FORM_SCAN;
		return read_elements(r);
	}
	if (bare)
		gs1_error_set(r->err, r->base, _("not GS1 data: expected element strings, "
		    "\"(AI)value\" or a Digital Link URI"));
	else
		gs1_error_set(r->err, 0, _("symbology %s carries plain data without FNC1: not an "
		    "element string, and not a Digital Link URI or \"(AI)value\" text"),
		    r->out->symbology);
	return false;
}

static bool
sym_in(const char *sym, const char *list)
{
	for (const char *p = list; *p; p += 2)
		if (sym[1] == p[0] && sym[2] == p[1])
			return true;
	return false;
}

static bool
dispatch(struct reader *r)
{
	const char *sym = r->out->symbology;

	if (sym[0] == '\0')
		return read_plain(r, true);
	if (sym_in(sym, "C1e0d2Q3J1")) {
		r->out->form = GS1_FORM_SCAN;
		return read_elements(r);
	}
	if (sym_in(sym, "E0E4I1")) {
		r->out->form = GS1_FORM_GTIN;
		return read_gtin(r);
	}
	if (sym_in(sym, "C0d1Q1Q0J0"))
		return read_plain(r, false);
	gs1_error_set(r->err, 0, _("symbology identifier %s is not one that can carry GS1 data"), sym);
	return false;
}

bool
gs1_parse(const char *input, size_t len, const struct gs1_options *opt,
    struct gs1_result *out, struct gs1_error *err)
{
	struct reader r = { .s = input, .len = len, .out = out, .err = err };
	bool pairing = true;

	memset(out, 0, sizeof *out);
	if (err != NULL)
		memset(err, 0, sizeof *err);
	if (opt != NULL) {
		r.sub = opt->gs_substitute;
		r.year = opt->current_year;
		pairing = !opt->no_pairing;
	}
	if (len > GS1_MAX_INPUT) {
		gs1_error_set(err, GS1_MAX_INPUT, _("input too long: %zu bytes, at most %d"), len,
		    GS1_MAX_INPUT);
		return false;
	}
	while (r.len > 0 && (r.s[r.len - 1] == '\r' || r.s[r.len - 1] == '\n'))
		r.len--;
	if (r.len > 0 && r.s[0] == ']') {
		if (r.len < 3) {
			gs1_error_set(err, 0, _("incomplete symbology identifier: expected ']' and two "
			    "characters such as ]C1"));
			return false;
		}
		memcpy(out->symbology, r.s, 3);
		r.s += 3;
		r.len -= 3;
		r.base = 3;
	}
	if (r.len == 0) {
		gs1_error_set(err, r.base, _("no data"));
		return false;
	}
	if (!dispatch(&r))
		return false;
	return !pairing || gs1_ai_check_pairing(out, err);
}
