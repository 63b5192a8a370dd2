/*
 * gs1_lint_codes.c — values from code lists: ISO 3166-1 numeric (iso3166;
 * iso3166999 also takes 999, "unknown"), ISO 3166-1 alpha-2, ISO 4217
 * numeric and the package types of AI (7041).
 *
 * The lists are generated from assets/gs1/iso3166-1.txt, iso4217.txt and
 * packagetype.txt (build/gen/shared/gs1/gs1_codes.inc); their sources and
 * why they are files and not read from the system are in assets/gs1/README.md.
 */
#include <stdlib.h>
#include <string.h>

#include "shared/gs1/gs1_lint.h"
#include "shared/i18n.h"

#include "shared/gs1/gs1_codes.inc"

static long
three_digits(const struct gs1_lint_arg *a)
{
	return a->n == 3 ? gs1_lint_number(a->v, 3) : -1;
}

bool
gs1_lint_iso3166(const struct gs1_lint_arg *a, bool or999)
{
	long x = three_digits(a);

	if (x >= 0 && (iso3166_numeric[x] == '1' || (or999 && x == 999)))
		return true;
	return gs1_lint_fail(a, 0, or999 ? _("%.*s is not an ISO 3166 country code (or 999)")
	    : _("%.*s is not an ISO 3166 country code"), (int)a->n, a->v);
}

bool
gs1_iso3166_alpha2_known(char c1, char c2)
{
	if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z')
		return false;
	return iso3166_alpha2[(c1 - 'A') * 26 + (c2 - 'A')] == '1';
}

bool
gs1_lint_iso3166alpha2(const struct gs1_lint_arg *a)
{
	if (a->n == 2 && gs1_iso3166_alpha2_known(a->v[0], a->v[1]))
		return true;
	return gs1_lint_fail(a, 0, _("%.*s is not an ISO 3166 alpha-2 country code"), (int)a->n, a->v);
}

bool
gs1_lint_iso4217(const struct gs1_lint_arg *a)
{
	long x = three_digits(a);

	if (x >= 0 && iso4217_numeric[x] == '1')
		return true;
	return gs1_lint_fail(a, 0, _("%.*s is not an ISO 4217 currency code"), (int)a->n, a->v);
}

static int
compare_type(const void *k, const void *e)
{
	return strcmp(k, e);
}

bool
gs1_lint_packagetype(const struct gs1_lint_arg *a)
{
	char code[4];

	if (a->n >= 1 && a->n <= 3) {
		memcpy(code, a->v, a->n);
		code[a->n] = '\0';
		if (bsearch(code, package_types, sizeof package_types / sizeof package_types[0],
		    sizeof package_types[0], compare_type) != NULL)
			return true;
	}
	return gs1_lint_fail(a, 0, _("%.*s is not a package type code (UN/ECE Recommendation 21)"),
	    (int)a->n, a->v);
}
