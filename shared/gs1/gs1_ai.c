/*
 * gs1_ai.c — the Application Identifiers of the GS1 syntax dictionary, the
 * predefined-length rule, and the dictionary's pairing rules.
 *
 * The table is generated at build time from assets/gs1/gs1-syntax-dictionary.txt
 * by shared/gs1/gen/gs1_dict.awk (build/gen/shared/gs1/gs1_dict.inc): one row
 * per AI, ranges such as 3100-3105 written out, with its components and their
 * linters, its pairing rules and its Digital Link key qualifiers. A new GS1
 * release is a new copy of that file. The generator checks that the AIs come
 * in lexical order and that no AI is the start of another, so an AI at the
 * start of a scan is found by trying its 2, 3 and 4 digit prefixes with a
 * binary search, and at most one of them can match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/gs1/gs1.h"
#include "shared/i18n.h"
#include "shared/list_text.h"

#include "shared/gs1/gs1_dict.inc"

#define GROUP_ALTS_MAX 12    /* alternatives in one group of a req= rule */
#define NAI (sizeof dict_table / sizeof dict_table[0])

/*
 * Pairing rules are kept as the dictionary writes them ("req=" and "ex="):
 * req holds groups separated by spaces (a repeated req= key), every group
 * must be met; a group lists alternatives separated by commas, one must be
 * present; an alternative may join AIs with '+', all of which must be
 * present. ex lists AIs that must not be in the same barcode. A token
 * ending in 'n' ("310n", "31nn") matches any digit there.
 */

const char *
gs1_dict_release(void)
{
	return GS1_DICT_RELEASE;
}

struct key {
	const char *s;
	size_t n;
};

static int
compare_code(const void *k, const void *e)
{
	const struct key *key = k;
	const char *code = ((const struct gs1_ai *)e)->code;
	int c = strncmp(key->s, code, key->n);

	return c != 0 ? c : (code[key->n] == '\0' ? 0 : -1);
}

const struct gs1_ai *
gs1_ai_find(const char *s, size_t n)
{
	struct key k = { s, n };

	if (n < 2 || n > 4)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return NULL;
	return bsearch(&k, dict_table, NAI, sizeof dict_table[0], compare_code);
}

const struct gs1_ai *
gs1_ai_lookup(const char *s, size_t avail, size_t *ai_len)
{
	for (size_t n = 2; n <= 4 && n <= avail; n++) {
		const struct gs1_ai *a = gs1_ai_find(s, n);
		if (a != NULL) {
			*ai_len = n;
			return a;
		}
	}
	return NULL;
}

const struct gs1_ai *
gs1_ai_at(size_t i)
{
	return i < NAI ? &dict_table[i] : NULL;
}

/*
 * The predefined-length rule goes by the first two digits and covers AIs
 * not yet assigned too (gs1-syntax-engine ai.c, fixedAIprefixLengths;
 * standards.md §1.3). 23 is retired and no longer predefined.
 */
int
gs1_ai_predefined_length(const char *ai)
{
	int p;

	if (ai[0] < '0' || ai[0] > '9' || ai[1] < '0' || ai[1] > '9')
		return 0;
	p = (ai[0] - '0') * 10 + (ai[1] - '0');
	if (p == 0)
		return 18;
	if (p >= 1 && p <= 3)
		return 14;
	if (p == 4)
		return 16;
	if (p >= 11 && p <= 19)
		return 6;
	if (p == 20)
		return 2;
	if (p >= 31 && p <= 36)
		return 6;
	if (p == 41)
		return 13;
	return 0;
}

/* True if the AI ai matches the rule token tok[0..n): equal, with 'n' in
 * the token matching any digit ("310n" matches 3102). */
static bool
token_matches(const char *tok, size_t n, const char *ai)
{
	if (strlen(ai) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tok[i] != ai[i] && !(tok[i] == 'n' && ai[i] >= '0' && ai[i] <= '9'))
			return false;
	return true;
}

/* The first field matching tok[0..n) other than the field `self`, or NULL. */
static const struct gs1_field *
present(const struct gs1_result *r, const char *tok, size_t n, const struct gs1_field *self)
{
	for (int i = 0; i < r->nfields; i++)
		if (&r->fields[i] != self && token_matches(tok, n, r->fields[i].ai))
			return &r->fields[i];
	return NULL;
}

/* One alternative "a+b+c" of length n: all of its AIs present. */
static bool
alternative_met(const struct gs1_result *r, const char *alt, size_t n)
{
	for (size_t i = 0; i < n; ) {
		size_t w = 0;
		while (i + w < n && alt[i + w] != '+')
			w++;
		if (present(r, alt + i, w, NULL) == NULL)
			return false;
		i += w + 1;
	}
	return true;
}

/* One group "a,b+c,d" of length n: at least one alternative met. */
static bool
group_met(const struct gs1_result *r, const char *grp, size_t n)
{
	for (size_t i = 0; i < n; ) {
		size_t w = 0;
		while (i + w < n && grp[i + w] != ',')
			w++;
		if (alternative_met(r, grp + i, w))
			return true;
		i += w + 1;
	}
	return false;
}

/* "(01), (03) or (8006)"; "(01) with (21)" for an alternative of several
 * AIs. In the current language; always terminated, cut short if buf is too
 * small. */
static void
describe_group(const char *grp, size_t n, char *buf, size_t size)
{
	char alts[GROUP_ALTS_MAX][64];
	const char *items[GROUP_ALTS_MAX];
	size_t nalt = 0;

	for (size_t i = 0; i < n && nalt < GROUP_ALTS_MAX; nalt++) {
		size_t w = 0;
		char *a = alts[nalt];
		a[0] = '\0';
		while (i + w < n && grp[i + w] != ',')
			w++;
		/* One alternative: AIs joined by '+', all needed together. */
		for (size_t k = 0; k < w; ) {
			size_t m = 0;
			char ai[16], joined[sizeof alts[0]];
			while (k + m < w && grp[i + k + m] != '+')
				m++;
			snprintf(ai, sizeof ai, "(%.*s)", (int)(m < 8 ? m : 8), grp + i + k);
			if (a[0] == '\0')
				snprintf(a, sizeof alts[0], "%s", ai);
			else {
				/* TRANSLATORS: two AIs both needed: "(01) with (21)" */
				snprintf(joined, sizeof joined, _("%s with %s"), a, ai);
				snprintf(a, sizeof alts[0], "%s", joined);
			}
			k += m + 1;
		}
		items[nalt] = a;
		i += w + 1;
	}
	list_text(buf, size, items, nalt);
}

static bool
requirements_met(const struct gs1_result *r, const struct gs1_field *f, struct gs1_error *err)
{
	const char *req = f->def->req;
	char what[120];

	for (size_t i = 0; req != NULL && req[i] != '\0'; ) {
		size_t w = strcspn(req + i, " ");
		if (!group_met(r, req + i, w)) {
			describe_group(req + i, w, what, sizeof what);
			gs1_error_set(err, f->offset, _("AI (%s) %s needs AI %s in the same barcode"),
			    f->ai, f->title, what);
			return false;
		}
		i += w;
		i += req[i] == ' ';
	}
	return true;
}

static bool
exclusions_met(const struct gs1_result *r, const struct gs1_field *f, struct gs1_error *err)
{
	const char *ex = f->def->ex;

	for (size_t i = 0; ex != NULL && ex[i] != '\0'; ) {
		size_t w = strcspn(ex + i, ",");
		const struct gs1_field *g = present(r, ex + i, w, f);
		if (g != NULL) {
			const struct gs1_field *later = g->offset > f->offset ? g : f;
			const struct gs1_field *other = later == g ? f : g;
			gs1_error_set(err, later->offset, _("AI (%s) %s cannot be in the same barcode "
			    "as AI (%s) %s"), later->ai, later->title, other->ai, other->title);
			return false;
		}
		i += w;
		i += ex[i] == ',';
	}
	return true;
}

bool
gs1_ai_check_pairing(const struct gs1_result *r, struct gs1_error *err)
{
	/* Exclusions first: two AIs that contradict each other are wrong
	 * whatever else is added, while a missing AI may be on another label. */
	for (int i = 0; i < r->nfields; i++)
		if (r->fields[i].def != NULL && !exclusions_met(r, &r->fields[i], err))
			return false;
	for (int i = 0; i < r->nfields; i++)
		if (r->fields[i].def != NULL && !requirements_met(r, &r->fields[i], err))
			return false;
	return true;
}
