/*
 * gs1_ai.c — the Application Identifiers a plant meets, and the table of
 * predefined lengths.
 *
 * Formats and titles follow the GS1 syntax dictionary as digested in
 * standards.md §1.2. The system of AIs is prefix-free (no AI is the start
 * of another), so the first table entry whose code starts the input is
 * the only one. A code ending in 'n' stands for a family whose last digit
 * is the number of implied decimals (3100–3105 and so on).
 */
#include <stdio.h>
#include <string.h>

#include "shared/gs1/gs1.h"
#include "shared/i18n.h"
#include "shared/list_text.h"

#define GROUP_ALTS_MAX 8     /* alternatives in one group of a req= rule */

#define KEY(c, t, len, rq, ex)      { c, t, 'N', len, len, GS1_KEY, NULL, rq, ex }
#define NUM(c, t, lo, hi, rq, ex)   { c, t, 'N', lo, hi, GS1_TEXT, NULL, rq, ex }
#define TXT(c, t, hi, rq, ex)       { c, t, 'X', 1, hi, GS1_TEXT, NULL, rq, ex }
#define DATE0(c, t, rq, ex)         { c, t, 'N', 6, 6, GS1_DATE_D0, NULL, rq, ex }
#define MEAS(c, t, u, rq, ex)       { c, t, 'N', 6, 6, GS1_MEASURE, u, rq, ex }

/*
 * The last two columns are the dictionary's pairing attributes, written as
 * it writes them (gs1-syntax-dictionary.txt, "req=" and "ex="): req holds
 * groups separated by spaces, every group must be met; a group lists
 * alternatives separated by commas, one must be present; an alternative may
 * join AIs with '+', all of which must be present. ex lists AIs that must
 * not be in the same barcode. A code ending in 'n' matches any last digit.
 * Rules may name AIs this table does not parse (255, 8006, 8026): they are
 * listed so that the message names every way the rule can be met.
 *
 * Source: standards.md §1.2 and the dictionary revision that still carries
 * AI (03) (gs1/gs1-syntax-dictionary, 03 listed in 10/11/13/15–17/21). Two
 * rows follow the digest where the dictionary has dropped (03): 250 and 251
 * accept (03) as their key, as §1.2 says. 415 requiring 8020 is taken from
 * the dictionary; the digest's table does not state it.
 */
static const struct gs1_ai table[] = {
	KEY("00", "SSCC", 18, NULL, NULL),
	KEY("01", "GTIN", 14, NULL, "255,37"),
	KEY("02", "CONTENT", 14, "37", "01,03"),
	KEY("03", "MTO GTIN", 14, NULL, "01,02,37"),
	TXT("10", "BATCH/LOT", 20, "01,02,03,8006,8026", NULL),
	DATE0("11", "PROD DATE", "01,02,03,8006,8026", NULL),
	DATE0("12", "DUE DATE", "8020", NULL),
	DATE0("13", "PACK DATE", "01,02,03,8006,8026", NULL),
	DATE0("15", "BEST BEFORE", "01,02,03,8006,8026", NULL),
	DATE0("16", "SELL BY", "01,02,03,8006,8026", NULL),
	DATE0("17", "USE BY OR EXPIRY", "01,02,03,255,8006,8026", NULL),
	NUM("20", "VARIANT", 2, 2, "01,02,8006,8026", NULL),
	TXT("21", "SERIAL", 20, "01,03,8006", "235"),
	TXT("22", "CPV", 20, "01", NULL),
	TXT("235", "TPX", 28, "01", NULL),
	TXT("240", "ADDITIONAL ID", 30, "01,02,8006,8026", NULL),
	TXT("241", "CUST. PART No.", 30, "01,02,8006,8026", NULL),
	NUM("242", "MTO VARIANT", 1, 6, "01,02,8006,8026", NULL),
	TXT("250", "SECONDARY SERIAL", 30, "01,03,8006 21", NULL),
	TXT("251", "REF. TO SOURCE", 30, "01,03,8006", NULL),
	TXT("254", "GLN EXTENSION COMPONENT", 20, "414", NULL),
	NUM("30", "VAR. COUNT", 1, 8, "01,02", NULL),
	MEAS("310n", "NET WEIGHT (kg)", "kg", "01,02", "310n"),
	MEAS("311n", "LENGTH (m)", "m", "01,02", "311n"),
	MEAS("312n", "WIDTH (m)", "m", "01,02", "312n"),
	MEAS("313n", "HEIGHT (m)", "m", "01,02", "313n"),
	MEAS("314n", "AREA (m2)", "m2", "01,02", "314n"),
	MEAS("315n", "NET VOLUME (l)", "l", "01,02", "315n"),
	MEAS("316n", "NET VOLUME (m3)", "m3", "01,02", "316n"),
	MEAS("320n", "NET WEIGHT (lb)", "lb", "01,02", "320n"),
	MEAS("330n", "GROSS WEIGHT (kg)", "kg", "00,01", "330n"),
	NUM("37", "COUNT", 1, 8, "00 02,8026", NULL),
	TXT("400", "ORDER NUMBER", 30, NULL, NULL),
	TXT("401", "GINC", 30, NULL, NULL),
	KEY("402", "GSIN", 17, NULL, NULL),
	TXT("403", "ROUTE", 30, "00", NULL),
	KEY("410", "SHIP TO LOC", 13, NULL, NULL),
	KEY("411", "BILL TO", 13, NULL, NULL),
	KEY("412", "PURCHASE FROM", 13, NULL, NULL),
	KEY("413", "SHIP FOR LOC", 13, NULL, NULL),
	KEY("414", "LOC No.", 13, NULL, NULL),
	KEY("415", "PAY TO", 13, "8020", NULL),
	KEY("416", "PROD/SERV LOC", 13, NULL, NULL),
	KEY("417", "PARTY", 13, NULL, NULL),
	TXT("420", "SHIP TO POST", 20, NULL, NULL),
	NUM("422", "ORIGIN", 3, 3, "01,02,8006,8026", "426"),
	{ "7003", "EXPIRY TIME", 'N', 10, 10, GS1_DATETIME, NULL, "01,02", NULL },
	TXT("7240", "PROTOCOL", 20, "01,8006", NULL),
	TXT("8004", "GIAI", 30, NULL, NULL),
	NUM("8005", "PRICE PER UNIT", 6, 6, "01,02", NULL),
	TXT("8020", "REF No.", 25, "415", NULL),
	TXT("90", "INTERNAL", 30, NULL, NULL),
	TXT("91", "INTERNAL", 90, NULL, NULL),
	TXT("92", "INTERNAL", 90, NULL, NULL),
	TXT("93", "INTERNAL", 90, NULL, NULL),
	TXT("94", "INTERNAL", 90, NULL, NULL),
	TXT("95", "INTERNAL", 90, NULL, NULL),
	TXT("96", "INTERNAL", 90, NULL, NULL),
	TXT("97", "INTERNAL", 90, NULL, NULL),
	TXT("98", "INTERNAL", 90, NULL, NULL),
	TXT("99", "INTERNAL", 90, NULL, NULL),
};

static bool
code_matches(const char *code, const char *s, size_t avail, size_t *len)
{
	size_t n = strlen(code);

	if (avail < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (code[i] == 'n') {
			if (s[i] < '0' || s[i] > '5')
				return false;
		} else if (code[i] != s[i]) {
			return false;
		}
	}
	*len = n;
	return true;
}

const struct gs1_ai *
gs1_ai_lookup(const char *s, size_t avail, size_t *ai_len)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (code_matches(table[i].code, s, avail, ai_len))
			return &table[i];
	return NULL;
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
