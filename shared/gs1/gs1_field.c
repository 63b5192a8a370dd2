/*
 * gs1_field.c — checks one AI value against its definition and decodes it:
 * length, character set, check digit, date, implied decimals.
 *
 * Each check names the AI and, where it can, the byte of the input at
 * fault. Values rewritten on the way in (Digital Link percent-decoding,
 * "\(" in the (AI) form, a padded GTIN) carry a map from value byte to
 * input byte, so an error points at the byte in the original input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "shared/gs1/gs1.h"
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

/* GS1 CSET 82 (standards.md §1.1): no space, # $ @ [ \ ] ^ ` { | } ~. */
static bool
cset82(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return true;
	if (c >= 'a' && c <= 'z')
		return true;
	if (c >= '0' && c <= '9')
		return true;
	return c != '\0' && strchr("!\"%&'()*+,-./:;<=>?_", c) != NULL;
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

static bool
check_chars(const struct gs1_field *f, const char *v, size_t n, size_t val_at,
    const size_t *map, struct gs1_error *err)
{
	char what[24];

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		bool ok = f->def->type == 'N' ? (c >= '0' && c <= '9') : cset82(c);
		if (!ok) {
			describe_char(c, what, sizeof what);
			gs1_error_set(err, byte_at(map, val_at, i), f->def->type == 'N'
			    ? _("AI (%s): %s is not allowed at position %zu of the value (digits only)")
			    : _("AI (%s): %s is not allowed at position %zu of the value (GS1 character "
			    "set 82)"), f->ai, what, i + 1);
			return false;
		}
	}
	return true;
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int
current_year_now(void)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

/* GS1 General Specifications §7.12 via biip: a two-digit year lies within
 * 49 years ahead of and 50 years behind the current one. */
static int
full_year(int yy, int current_year)
{
	int cur = current_year > 0 ? current_year : current_year_now();
	int century = cur / 100 * 100, diff = yy - cur % 100;

	if (diff >= 51)
		century -= 100;
	else if (diff <= -50)
		century += 100;
	return century + yy;
}

static int
days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : mdays[m - 1];
}

static bool
decode_date(struct gs1_field *f, const char *v, size_t val_at, const size_t *map,
    int current_year, struct gs1_error *err)
{
	enum gs1_meaning m = f->def->meaning;
	struct gs1_date *d = &f->date;

	d->year = full_year(two(v), current_year);
	d->month = two(v + 2);
	d->day = two(v + 4);
	d->hour = d->minute = -1;
	d->day_given = d->day != 0;
	if (d->month < 1 || d->month > 12) {
		gs1_error_set(err, byte_at(map, val_at, 2),
		    _("AI (%s): month %02d is impossible in date %.6s (YYMMDD)"), f->ai, d->month, v);
		return false;
	}
	if (d->day == 0 && m == GS1_DATE_D0) {
		d->day = days_in_month(d->year, d->month);
	} else if (d->day < 1 || d->day > days_in_month(d->year, d->month)) {
		gs1_error_set(err, byte_at(map, val_at, 4), m == GS1_DATE_D0
		    ? _("AI (%s): day %02d is impossible in date %.6s (%04d-%02d has %d days; 00 means "
		    "the month's last day)") : _("AI (%s): day %02d is impossible in date %.6s "
		    "(%04d-%02d has %d days)"), f->ai, d->day, v, d->year, d->month,
		    days_in_month(d->year, d->month));
		return false;
	}
	if (m == GS1_DATETIME) {
		d->hour = two(v + 6);
		d->minute = two(v + 8);
		if (d->hour > 23 || d->minute > 59) {
			gs1_error_set(err, byte_at(map, val_at, 6),
			    _("AI (%s): time %.4s is impossible (HHMM, 0000-2359)"), f->ai, v + 6);
			return false;
		}
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
	if (!check_length(f, val_len, ai_at, err) || !check_chars(f, val, val_len, val_at, map, err))
		return false;
	memcpy(f->value, val, val_len);
	switch (f->def->meaning) {
	case GS1_KEY:
		if (!gs1_check_digit_valid(val, val_len)) {
			gs1_error_set(err, byte_at(map, val_at, val_len - 1),
			    _("AI (%s): bad check digit %c, expected %d"), f->ai, val[val_len - 1],
			    gs1_check_digit(val, val_len - 1));
			return false;
		}
		return true;
	case GS1_DATE:
	case GS1_DATE_D0:
	case GS1_DATETIME:
		return decode_date(f, val, val_at, map, current_year, err);
	case GS1_MEASURE:
		decode_measure(f, val, val_len);
		return true;
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
