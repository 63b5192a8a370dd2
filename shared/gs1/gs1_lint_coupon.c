/*
 * gs1_lint_coupon.c — North American coupon codes: AI (8110), the coupon
 * code of the GS1 US "North American Coupon Application Guideline"
 * (couponcode), and AI (8112), the positive offer file coupon
 * (couponposoffer). Both are digits in fields whose lengths are given by a
 * leading "variable length indicator" (VLI) digit.
 *
 * (8110): company prefix VLI 0–6 (length VLI + 6) and prefix, offer code
 * (6), save value VLI 1–5 and value, primary purchase requirement VLI 1–5
 * and value, its code (0–4 or 9), its family code (3); then optional data
 * fields, each once and in ascending order of their identifier digit:
 * 1 second purchase (rules code 0–3, requirement VLI 1–5 and value, code,
 * family code, company prefix VLI 0–6 or 9 = the primary one, and prefix),
 * 2 third purchase (the same without the rules code), 3 expiry date and
 * 4 start date (YYMMDD), 5 serial number (VLI 0–9, length VLI + 6),
 * 6 retailer id (VLI 1–7, length VLI + 6), 9 miscellaneous (save value
 * code 0, 1, 2, 5 or 6; applies to item 0–2; store coupon flag; don't
 * multiply flag 0–1).
 *
 * (8112): format 0–1, funder id VLI 0–6 and id, offer code (6), serial
 * number VLI 0–9 and number; nothing after it.
 */
#include <string.h>

#include "shared/gs1/gs1_lint.h"
#include "shared/i18n.h"

struct reader {
	const struct gs1_lint_arg *a;
	size_t i;
};

static bool
short_of(struct reader *r, size_t n, const char *what)
{
	if (r->i + n <= r->a->n)
		return false;
	gs1_lint_fail(r->a, r->i, _("coupon ends early: %s expected at position %zu"), what, r->i + 1);
	return true;
}

/* n digits into *x; false (err set) if they are missing or not digits. */
static bool
field(struct reader *r, size_t n, const char *what, long *x)
{
	if (short_of(r, n, what))
		return false;
	*x = gs1_lint_number(r->a->v + r->i, n);
	if (*x < 0)
		return gs1_lint_fail(r->a, r->i, _("coupon: %s at position %zu must be digits"), what,
		    r->i + 1);
	r->i += n;
	return true;
}

/* One digit that must be in allowed. */
static bool
code(struct reader *r, const char *allowed, const char *what, long *x)
{
	size_t at = r->i;

	if (!field(r, 1, what, x))
		return false;
	if (strchr(allowed, (char)('0' + *x)) == NULL)
		return gs1_lint_fail(r->a, at, _("coupon: %s %ld at position %zu is not one of %s"), what,
		    *x, at + 1, allowed);
	return true;
}

/* A VLI digit from allowed, then VLI + add digits. */
static bool
vli_field(struct reader *r, const char *allowed, long add, const char *what)
{
	long vli, x;

	if (!code(r, allowed, what, &vli))
		return false;
	return field(r, (size_t)(vli + add), what, &x);
}

/* The company prefix of a second or third purchase: VLI 0–6 and the
 * prefix, or 9 alone when the primary prefix applies. */
static bool
other_prefix(struct reader *r)
{
	if (r->i < r->a->n && r->a->v[r->i] == '9') {
		r->i++;
		return true;
	}
	return vli_field(r, "0123456", 6, _("company prefix"));
}

static bool
date(struct reader *r, const char *what)
{
	struct gs1_lint_arg d = *r->a;
	long x;

	if (short_of(r, 6, what))
		return false;
	d.v = r->a->v + r->i;
	d.n = 6;
	d.pos = r->a->pos + r->i;
	if (!gs1_lint_date(&d, 2, false))
		return false;
	return field(r, 6, what, &x);
}

static bool
purchase(struct reader *r, bool with_prefix)
{
	long x;

	if (!vli_field(r, "12345", 0, _("purchase requirement")) ||
	    !code(r, "012349", _("purchase requirement code"), &x) ||
	    !field(r, 3, _("purchase family code"), &x))
		return false;
	return !with_prefix || other_prefix(r);
}

bool
gs1_lint_couponcode(const struct gs1_lint_arg *a)
{
	struct reader r = { a, 0 };
	long x, last = 0;

	if (!vli_field(&r, "0123456", 6, _("company prefix")) || !field(&r, 6, _("offer code"), &x) ||
	    !vli_field(&r, "12345", 0, _("save value")) || !purchase(&r, false))
		return false;
	while (r.i < a->n) {
		size_t at = r.i;
		long id;
		if (!field(&r, 1, _("data field identifier"), &id))
			return false;
		if (id <= last || !strchr("1234569", (char)('0' + id)))
			return gs1_lint_fail(a, at, _("coupon: data field %ld at position %zu is unknown or "
			    "out of order (1-6 and 9, ascending, each once)"), id, at + 1);
		last = id;
		switch (id) {
		case 1:
			if (!code(&r, "0123", _("additional purchase rules code"), &x) || !purchase(&r, true))
				return false;
			break;
		case 2:
			if (!purchase(&r, true))
				return false;
			break;
		case 3:
			if (!date(&r, _("expiry date")))
				return false;
			break;
		case 4:
			if (!date(&r, _("start date")))
				return false;
			break;
		case 5:
			if (!vli_field(&r, "0123456789", 6, _("serial number")))
				return false;
			break;
		case 6:
			if (!vli_field(&r, "1234567", 6, _("retailer id")))
				return false;
			break;
		default:
			if (!code(&r, "01256", _("save value code"), &x) ||
			    !code(&r, "012", _("save value applies to item"), &x) ||
			    !field(&r, 1, _("store coupon flag"), &x) ||
			    !code(&r, "01", _("don't multiply flag"), &x))
				return false;
			break;
		}
	}
	return true;
}

bool
gs1_lint_couponposoffer(const struct gs1_lint_arg *a)
{
	struct reader r = { a, 0 };
	long x;

	if (!code(&r, "01", _("coupon format"), &x) ||
	    !vli_field(&r, "0123456", 6, _("coupon funder id")) ||
	    !field(&r, 6, _("offer code"), &x) ||
	    !vli_field(&r, "0123456789", 6, _("serial number")))
		return false;
	if (r.i < a->n)
		return gs1_lint_fail(a, r.i, _("coupon: data after the serial number at position %zu"),
		    r.i + 1);
	return true;
}
