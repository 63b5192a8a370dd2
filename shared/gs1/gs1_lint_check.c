/*
 * gs1_lint_check.c — check characters and key structure: the mod-10 check
 * digit (csum), the check character pair of alphanumeric keys (csumalpha),
 * the GS1 Company Prefix at the start of a key (gcppos1, gcppos2) and the
 * IBAN (iban).
 */
#include <string.h>

#include "shared/gs1/gs1_lint.h"
#include "shared/i18n.h"

/* GS1 General Specifications, "Standard check digit calculations": the
 * digits before the check digit weighted 3, 1, 3, … from the right. */
bool
gs1_lint_csum(const struct gs1_lint_arg *a)
{
	int want;

	if (a->n < 2)
		return gs1_lint_fail(a, 0, _("too short for a check digit"));
	want = gs1_check_digit(a->v, a->n - 1);
	if (want < 0 || a->v[a->n - 1] - '0' != want)
		return gs1_lint_fail(a, a->n - 1, _("bad check digit %c, expected %d"), a->v[a->n - 1],
		    want);
	return true;
}

/*
 * GS1 General Specifications, "Check character calculation (for
 * alphanumeric keys)" (GMN, AI 8013): each character before the pair has
 * the value of its rank in CSET 82 (ASCII order: '!' = 0 … 'z' = 81) and is
 * weighted by the primes 2, 3, 5, 7, … from the right; the sum modulo 1021,
 * written in base 32 with the 32 characters below, is the pair.
 */
static const char cset82_order[] = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
    "abcdefghijklmnopqrstuvwxyz";
static const char cset32[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
static const int primes[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
    61, 67, 71, 73, 79, 83 };

bool
gs1_lint_csumalpha(const struct gs1_lint_arg *a)
{
	size_t body;
	int sum = 0;
	char c1, c2;

	if (a->n < 3)
		return gs1_lint_fail(a, 0, _("too short for a check character pair"));
	body = a->n - 2;
	if (body > sizeof primes / sizeof primes[0])
		return gs1_lint_fail(a, 0, _("too long for a check character pair (at most %zu "
		    "characters before it)"), sizeof primes / sizeof primes[0]);
	for (size_t i = 0; i < body; i++) {
		const char *p = a->v[i] ? strchr(cset82_order, a->v[i]) : NULL;
		if (p == NULL)
			return gs1_lint_fail(a, i, _("character %zu is not in GS1 character set 82"), i + 1);
		sum += (int)(p - cset82_order) * primes[body - 1 - i];
	}
	sum %= 1021;
	c1 = cset32[sum >> 5];
	c2 = cset32[sum & 31];
	if (a->v[body] != c1 || a->v[body + 1] != c2)
		return gs1_lint_fail(a, body, _("bad check characters %.2s, expected %c%c"), a->v + body,
		    c1, c2);
	return true;
}

/*
 * A key starts with a GS1 Company Prefix (from its second character for
 * the keys whose first is an indicator or extension digit: gcppos2). yoke
 * has no register of assigned prefixes; like the dictionary's reference
 * without one, it checks what every prefix has: at least 4 digits.
 */
#define GCP_MIN_DIGITS 4

bool
gs1_lint_gcp(const struct gs1_lint_arg *a, size_t from)
{
	if (a->n < from + GCP_MIN_DIGITS)
		return gs1_lint_fail(a, 0, _("too short to start with a GS1 Company Prefix (%d digits "
		    "from position %zu)"), GCP_MIN_DIGITS, from + 1);
	for (size_t i = from; i < from + GCP_MIN_DIGITS; i++)
		if (a->v[i] < '0' || a->v[i] > '9')
			return gs1_lint_fail(a, i, _("must start with a GS1 Company Prefix: '%c' at "
			    "position %zu is not a digit"), a->v[i], i + 1);
	return true;
}

/*
 * ISO 13616 IBAN: country (ISO 3166 alpha-2), two check digits, then up to
 * 30 letters and digits; moved so that the first four come last, letters
 * as 10–35, the number modulo 97 is 1.
 */
bool
gs1_lint_iban(const struct gs1_lint_arg *a)
{
	unsigned rem = 0;

	if (a->n < 5 || a->n > 34)
		return gs1_lint_fail(a, 0, _("an IBAN has 5 to 34 characters, not %zu"), a->n);
	if (!gs1_iso3166_alpha2_known(a->v[0], a->v[1]))
		return gs1_lint_fail(a, 0, _("IBAN %.2s...: not an ISO 3166 country code"), a->v);
	for (size_t k = 0; k < a->n; k++) {
		size_t i = (k + 4) % a->n;
		char c = a->v[i];
		if (c >= '0' && c <= '9')
			rem = (rem * 10 + (unsigned)(c - '0')) % 97;
		else if (c >= 'A' && c <= 'Z')
			rem = (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
		else
			return gs1_lint_fail(a, i, _("IBAN: '%c' at position %zu is not a capital letter "
			    "or digit"), c, i + 1);
	}
	if (rem != 1)
		return gs1_lint_fail(a, 2, _("IBAN: bad check digits %.2s"), a->v + 2);
	return true;
}
