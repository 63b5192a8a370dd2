/*
 * gs1_field.c — checks one AI value against its definition and decodes it.
 *
 * The definition comes from the GS1 syntax dictionary (gs1_ai.c): the
 * value is cut into its components, each of a fixed length except the
 * last, optional ones only while data remains; each component must be of
 * its character set and pass its linters (gs1_lint*.c). Then dates and
 * implied decimals are decoded.
 *
 * Each check names the AI and, where it can, the byte of the input at
 * fault. Values rewritten on the way in (Digital Link percent-decoding,
 * "\(" in the (AI) form, a padded GTIN) carry a map from value byte to
 * input byte, so an error points at the byte in the original input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shared/gs1/gs1.h"
#include "shared/gs1/gs1_lint.h"
#include "shared/i18n.h"

void
gs1_error_set(struct gs1_error *err, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

int
gs1_check_digit(const char *body, size_t n)
{
	int sum = 0, w = 3;

	for (size_t i = n; i-- > 0; w = 4 - w) {
		if (body[i] < '0' || body[i] > '9')
			return -1;
		sum += (body[i] - '0') * w;
	}
	return (10 - sum % 10) % 10;
}

bool
gs1_check_digit_valid(const char *digits, size_t n)
{
	return n >= 2 && gs1_check_digit(digits, n - 1) == digits[n - 1] - '0';
}

static void
describe_char(unsigned char c, char *buf, size_t size)
{
	if (c == GS1_GS)
		snprintf(buf, size, "GS (0x1D)");
	else if (c > 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, _("byte 0x%02X"), c);
}

/* The input offset of value byte i. */
static size_t
byte_at(const size_t *map, size_t val_at, size_t i)
{
	return map != NULL ? map[i] : val_at + i;
}

static const char *
cset_hint(char cset)
{
	switch (cset) {
	case 'N': return _("digits only");
	case 'Y': return _("GS1 character set 39");
	case 'Z': return _("GS1 character set 64");
	}
	return _("GS1 character set 82");
}

static bool
check_chars(const struct gs1_field *f, char cset, const char *v, size_t from, size_t n,
    size_t val_at, const size_t *map, struct gs1_error *err)
{
	char what[24];

	for (size_t i = from; i < from + n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (!gs1_cset_has(cset, c)) {
			describe_char(c, what, sizeof what);
			gs1_error_set(err, byte_at(map, val_at, i),
			    _("AI (%s): %s is not allowed at position %zu of the value (%s)"), f->ai, what,
			    i + 1, cset_hint(cset));
			return false;
		}
	}
	return true;
}

/* Cuts the value into the AI's components and checks each: its character
 * set, then its linters in the dictionary's order. */
static bool
check_components(const struct gs1_field *f, const char *v, size_t n, size_t ai_at, size_t val_at,
    const size_t *map, int current_year, struct gs1_error *err)
{
	const struct gs1_ai *a = f->def;
	size_t pos = 0;

	for (int k = 0; k < a->ncomp; k++) {
		const struct gs1_component *c = &a->comp[k];
		size_t take = c->min == c->max ? c->min : n - pos;
		struct gs1_lint_arg la = { .ai = f->ai, .v = v + pos, .n = take, .pos = pos, .map = map,
			.val_at = val_at, .current_year = current_year, .err = err };

		if (pos == n && c->optional)
			break;
		if (pos + take > n) {
			gs1_error_set(err, ai_at, _("AI (%s): the value ends inside part %d, which has %u "
			    "characters: %zu of them are missing"), f->ai, k + 1, c->min, pos + take - n);
			return false;
		}
		if (!check_chars(f, c->cset, v, pos, take, val_at, map, err))
			return false;
		if (c->cset == 'Z' && !gs1_lint_cset64(&la))
			return false;
		for (int l = 0; l < 3 && c->lint[l] != GS1_LINT_NONE; l++)
			if (!gs1_lint_run((enum gs1_lint)c->lint[l], &la))
				return false;
		pos += take;
	}
	if (pos < n) {
		gs1_error_set(err, ai_at, _("AI (%s): value too long: %zu characters, at most %zu"),
		    f->ai, n, pos);
		return false;
	}
	return true;
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* The linters have checked the date (yymmdd, yymmd0, hhmi): this only
 * decodes it. Day 00 becomes the month's last day. */
static bool
decode_date(struct gs1_field *f, const char *v, int current_year)
{
	struct gs1_date *d = &f->date;

	d->year = gs1_full_year(two(v), current_year);
	d->month = two(v + 2);
	d->day = two(v + 4);
	d->hour = d->minute = -1;
	d->day_given = d->day != 0;
	if (d->day == 0)
		d->day = gs1_days_in_month(d->year, d->month);
	if (f->def->meaning == GS1_DATETIME) {
		d->hour = two(v + 6);
		d->minute = two(v + 8);
	}
	f->has_date = true;
	return true;
}

/* 31nn–36nn: the AI's fourth digit is the number of implied decimals. The
 * text form is built from the digits so that it is exact. */
static void
decode_measure(struct gs1_field *f, const char *v, size_t n)
{
	int dec = f->ai[3] - '0', ip = (int)n - dec, k = 0;
	double x = 0;

	for (size_t i = 0; i < n; i++)
		x = x * 10 + (v[i] - '0');
	for (int i = 0; i < dec; i++)
		x /= 10;
	while (ip > 1 && *v == '0') {
		v++;
		ip--;
		n--;
	}
	for (int i = 0; i < (int)n; i++) {
		if (i == ip)
			f->measure_text[k++] = '.';
		f->measure_text[k++] = v[i];
	}
	f->measure_text[k] = '\0';
	f->decimals = dec;
	f->measure = x;
	f->has_measure = true;
}

static bool
check_length(const struct gs1_field *f, size_t n, size_t ai_at, struct gs1_error *err)
{
	const struct gs1_ai *a = f->def;

	if (n < a->min) {
		if (a->min == a->max)
			gs1_error_set(err, ai_at, _("AI (%s): value too short: %zu characters, expected %u"),
			    f->ai, n, a->min);
		else
			gs1_error_set(err, ai_at, _("AI (%s): value too short: %zu characters, at least %u"),
			    f->ai, n, a->min);
		return false;
	}
	if (n > a->max) {
		if (a->min == a->max)
			gs1_error_set(err, ai_at, _("AI (%s): value too long: %zu characters, expected %u"),
			    f->ai, n, a->max);
		else
			gs1_error_set(err, ai_at,
			    _("AI (%s): value too long: %zu characters, at most %u (missing separator?)"),
			    f->ai, n, a->max);
		return false;
	}
	return true;
}

bool
gs1_field_set(struct gs1_field *f, const char *ai, size_t ai_len, const char *val,
    size_t val_len, size_t ai_at, size_t val_at, const size_t *map, int current_year,
    struct gs1_error *err)
{
	size_t alen;

	memset(f, 0, sizeof *f);
	f->def = ai_len >= 2 && ai_len <= 4 ? gs1_ai_lookup(ai, ai_len, &alen) : NULL;
	if (f->def == NULL || alen != ai_len) {
		gs1_error_set(err, ai_at, _("unknown Application Identifier (%.*s)"),
		    (int)(ai_len > 4 ? 4 : ai_len), ai);
		return false;
	}
	memcpy(f->ai, ai, ai_len);
	f->title = f->def->title;
	f->offset = ai_at;
	if (!check_length(f, val_len, ai_at, err) ||
	    !check_components(f, val, val_len, ai_at, val_at, map, current_year, err))
		return false;
	memcpy(f->value, val, val_len);
	switch (f->def->meaning) {
	case GS1_DATE:
	case GS1_DATE_D0:
	case GS1_DATETIME:
		return decode_date(f, val, current_year);
	case GS1_MEASURE:
		decode_measure(f, val, val_len);
		return true;
	case GS1_KEY:           /* the check digit is the csum linter's */
	case GS1_TEXT:
		break;
	}
	return true;
}

/* Adds a checked field; the same AI twice must carry the same value. */
bool
gs1_add_field(struct gs1_result *out, const char *ai, size_t ai_len, const char *val,
    size_t val_len, size_t ai_at, size_t val_at, const size_t *map, int current_year,
    struct gs1_error *err)
{
	struct gs1_field *f;
	const struct gs1_field *prev;

	if (out->nfields >= GS1_MAX_FIELDS) {
		gs1_error_set(err, ai_at, _("more than %d element strings"), GS1_MAX_FIELDS);
		return false;
	}
	f = &out->fields[out->nfields];
	if (!gs1_field_set(f, ai, ai_len, val, val_len, ai_at, val_at, map, current_year, err))
		return false;
	prev = gs1_find(out, f->ai);
	if (prev != NULL && strcmp(prev->value, f->value) != 0) {
		gs1_error_set(err, ai_at, _("AI (%s) appears twice with different values (%s, %s)"),
		    f->ai, prev->value, f->value);
		return false;
	}
	if (prev == NULL)
		out->nfields++;
	return true;
}

const struct gs1_field *
gs1_find(const struct gs1_result *r, const char *ai)
{
	for (int i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].ai, ai) == 0)
			return &r->fields[i];
	return NULL;
}

void
gs1_format_hri(const struct gs1_result *r, char *buf, size_t size)
{
	size_t used = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < r->nfields && used + 1 < size; i++) {
		int k = snprintf(buf + used, size - used, "(%s)", r->fields[i].ai);
		if (k < 0)
			break;
		used += (size_t)k;
		for (const char *v = r->fields[i].value; *v != '\0' && used + 1 < size; v++) {
			if (*v == '(' && used + 2 < size)
				buf[used++] = '\\';
			else if (*v == '(')
				break;
			buf[used++] = *v;
		}
		if (used < size)
			buf[used] = '\0';
	}
}
