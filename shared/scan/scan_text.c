/* scan_text.c — see scan_text.h. */
#include "shared/scan/scan_text.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool
scan_text_has_aim(const char *s, size_t len)
{
	return len >= 3 && s[0] == ']' && is_letter(s[1]) && (is_digit(s[2]) || is_letter(s[2]));
}

static size_t
without_suffix(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == '\n' || s[len - 1] == '\t'))
		len--;
	return len;
}

size_t
scan_text_plain(const char *in, size_t len, const char **start)
{
	len = without_suffix(in, len);
	if (scan_text_has_aim(in, len)) {
		*start = in + 3;
		return len - 3;
	}
	*start = in;
	return len;
}

/* The identifier's two characters are one of the pairs in list. */
static bool
aim_in(const char *aim, const char *list)
{
	for (const char *p = list; *p; p += 2)
		if (aim[1] == p[0] && aim[2] == p[1])
			return true;
	return false;
}

/* Data that is GS1 whatever identifier carried it (or none): a Digital
 * Link URI, or the "(AI)value" form. */
static bool
gs1_shaped(const char *s, size_t len)
{
	if (len == 0 || (s[0] != 'h' && s[0] != 'H' && s[0] != '('))
		return false;
	if ((len >= 8 && strncasecmp(s, "https://", 8) == 0) ||
	    (len >= 7 && strncasecmp(s, "http://", 7) == 0))
		return true;
	return len >= 4 && s[0] == '(' && is_digit(s[1]) && is_digit(s[2]);
}

/* An element string from a scanner that sends no identifier and ended
 * with no GS: (01) or (02), then 14 digits whose last is their check digit. */
static bool
bare_gtin_first(const char *s, size_t len)
{
	if (len < 16 || s[0] != '0' || (s[1] != '1' && s[1] != '2'))
		return false;
	for (size_t i = 2; i < 16; i++)
		if (!is_digit(s[i]))
			return false;
	return gs1_check_digit_valid(s + 2, 14);
}

static bool
is_gs1(const char *aim, const char *s, size_t len)
{
	if (aim[0]) {
		if (aim_in(aim, "C1e0d2Q3J1E0E4I1"))
			return true;
		/* Plain symbologies: a Digital Link in QR or Data Matrix, or
		 * the human-readable form printed into one. */
		return aim_in(aim, "C0d1Q1Q0J0") && gs1_shaped(s, len);
	}
	return memchr(s, GS1_GS, len) != NULL || gs1_shaped(s, len) || bare_gtin_first(s, len);
}

/* Picks out the fields a component scan uses. */
static void
pick_fields(struct scan_text *out)
{
	const struct gs1_result *r = &out->fields;
	const struct gs1_field *f;

	if ((f = gs1_find(r, "01")) != NULL || (f = gs1_find(r, "02")) != NULL) {
		out->gtin = f->value;
		out->gtin_ai = f->ai;
	}
	if ((f = gs1_find(r, "10")) != NULL)
		out->lot = f->value;
	if ((f = gs1_find(r, "21")) != NULL)
		out->serial = f->value;
	if ((f = gs1_find(r, "17")) != NULL && f->has_date) {
		out->has_expiry = true;
		snprintf(out->expiry, sizeof out->expiry, "%04u-%02u-%02u",
		    (unsigned)f->date.year % 10000u, (unsigned)f->date.month % 100u,
		    (unsigned)f->date.day % 100u);
	}
	if ((f = gs1_find(r, "30")) != NULL || (f = gs1_find(r, "37")) != NULL) {
		uint32_t q = 0;
		/* N..8: at most 99 999 999, well inside 32 bits. */
		for (const char *c = f->value; is_digit(*c); c++)
			q = q * 10 + (uint32_t)(*c - '0');
		out->has_qty = true;
		out->qty = q;
		out->qty_ai = f->ai;
	}
}

bool
scan_text_read(const char *in, size_t len, struct scan_text *out, struct gs1_error *err)
{
	const char *s;
	size_t n;

	/* Not the whole struct: its fields (6 KB) are gs1_parse's to fill, and
	 * a plain scan, the one on every station's every step, never needs them. */
	memset(out->aim, 0, sizeof out->aim);
	out->gs1 = out->has_expiry = out->has_qty = false;
	out->gtin = out->gtin_ai = out->lot = out->serial = out->qty_ai = NULL;
	out->expiry[0] = '\0';
	out->qty = 0;
	out->fields.nfields = 0;
	if (err) {
		err->offset = 0;
		err->message[0] = '\0';
	}
	len = without_suffix(in, len);
	n = scan_text_plain(in, len, &s);
	if (s != in)
		memcpy(out->aim, in, 3);
	out->text = s;
	out->len = n;
	if (!is_gs1(out->aim, s, n))
		return true;
	out->gs1 = true;
	if (!gs1_parse(in, len, NULL, &out->fields, err))
		return false;
	pick_fields(out);
	return true;
}
