/*
 * sampling.c — ISO 2859-1 / Z1.4 code letters and single sampling plans.
 *
 * The master tables are not stored cell by cell: they follow a diagonal
 * rule (standards.md §2.3, "how the tables were built"). With r the row
 * (A = 0 … R = 15, tightened S = 16) and c the AQL column (0.010 = 0 …
 * 1000 = 25), every cell on the diagonal d = r + c holds the same entry:
 *
 *   d:          ≤13  14   15  16  17  18  19  20  21  22  23  24  25  26  ≥27
 *   normal       ↓   0/1  ↑   ↓   1   2   3   5   7   10  14  21  30* 44*  ↑
 *   tightened    ↓   ↓   0/1  ↓   ↓   1   2   3   5   8   12  18  27* 41*  ↑
 *   reduced ISO  ↓   0/1  ↑   ↓   ↓   1   1   2   3   5   7   10  ?   ?    ↑
 *   reduced Z1.4 ↓   0/1  ↑   ↓  0/2 1/3 1/4 2/5 3/6 5/8 7/10 10/13 ? ?   ↑
 *
 * Re = Ac + 1 except in the Z1.4 reduced table. The cells marked * exist
 * only in rows A–E (for the per-hundred-units AQLs above 10) and are ↑
 * below; they, and the '?' cells, are recalled rather than checked against
 * the standard (docs/quality-math.md). The rule reproduces every cell of
 * the digest's tables for AQL 0.065–6.5 and the confirmed reduced cell
 * (lot 125, level III, AQL 1.0: ISO J 32 1/2, Z1.4 H 20 0/2).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "shared/quality/sampling.h"
#include "shared/i18n.h"

static const char letters[] = "ABCDEFGHJKLMNPQRS";
static const long n_normal[] = { 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800,
	1250, 2000, 3150 };
static const long n_reduced[] = { 2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500,
	800 };

const double sampling_aqls[] = { 0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40,
	0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000 };
const size_t sampling_naqls = sizeof sampling_aqls / sizeof sampling_aqls[0];

/* Table 1 (standards.md §2.1): upper lot-size bounds and, per row, the
 * letters for S-1 S-2 S-3 S-4 I II III. */
static const long lot_upper[] = { 8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10000, 35000,
	150000, 500000, -1 };
static const char *const table1[] = {
	"AAAAAAB", "AAAAABC", "AABBBCD", "ABBCCDE", "BBCCCEF", "BBCDDFG", "BCDEEGH",
	"BCDEFHJ", "CCEFGJK", "CDEGHKL", "CDFGJLM", "CDFHKMN", "DEGJLNP", "DEGJMPQ",
	"DEHKNQR",
};

enum { DOWN = -1, UP = -2, UNTABULATED = -3 };

char
sampling_code_letter(long lot_size, enum sampling_level level)
{
	if (lot_size < 2 || (int)level < 0 || level > SAMPLING_III)
		return 0;
	for (size_t i = 0; i < sizeof table1 / sizeof table1[0]; i++)
		if (lot_upper[i] < 0 || lot_size <= lot_upper[i])
			return table1[i][level];
	return 0;
}

static int
row_of(char letter)
{
	const char *p = letter ? strchr(letters, letter) : NULL;
	return p ? (int)(p - letters) : -1;
}

long
sampling_sample_size(char letter, enum sampling_severity severity)
{
	int r = row_of(letter);

	if (r < 0 || (r == 16 && severity != SAMPLING_TIGHTENED))
		return 0;
	return severity == SAMPLING_REDUCED ? n_reduced[r] : n_normal[r];
}

/*
 * The entry at row r, column c: Ac (with *re set), or DOWN, UP,
 * UNTABULATED. An up-arrow that would leave the table at row A (normal and
 * reduced, AQL 10) is read as down; the digest does not show that cell.
 */
static int
cell(enum sampling_severity sev, enum sampling_scheme scheme, int r, int c, int *re)
{
	static const int normal[] = { 1, 2, 3, 5, 7, 10, 14, 21 };        /* d = 17..24 */
	static const int tightened[] = { 1, 2, 3, 5, 8, 12, 18 };         /* d = 18..24 */
	static const int reduced[] = { 1, 1, 2, 3, 5, 7, 10 };            /* d = 18..24 */
	static const int z14_ac[] = { 0, 1, 1, 2, 3, 5, 7, 10 };          /* d = 17..24 */
	static const int z14_re[] = { 2, 3, 4, 5, 6, 8, 10, 13 };
	int d = r + c, ac;

	if (sev == SAMPLING_TIGHTENED) {
		if (d == 15)
			ac = 0;
		else if (d >= 18 && d <= 24)
			ac = tightened[d - 18];
		else if ((d == 25 || d == 26) && r <= 4)
			ac = d == 25 ? 27 : 41;
		else
			return d < 25 ? DOWN : UP;
		*re = ac + 1;
		return ac;
	}
	if (d == 14) {
		*re = 1;
		return 0;
	}
	if (d == 15)
		return r == 0 ? DOWN : UP;
	if (d < 17 || (sev == SAMPLING_REDUCED && scheme == SAMPLING_ISO2859 && d == 17))
		return DOWN;
	if (d >= 25 && r <= 4 && sev == SAMPLING_REDUCED)
		return UNTABULATED;
	if (d >= 25 && (r > 4 || d > 26))
		return UP;
	if (sev == SAMPLING_NORMAL)
		ac = d <= 24 ? normal[d - 17] : (d == 25 ? 30 : 44);
	else if (scheme == SAMPLING_Z14) {
		*re = z14_re[d - 17];
		return z14_ac[d - 17];
	} else
		ac = reduced[d - 18];
	*re = ac + 1;
	return ac;
}

static int
aql_column(double aql)
{
	for (size_t i = 0; i < sampling_naqls; i++)
		if (fabs(aql - sampling_aqls[i]) <= sampling_aqls[i] * 1e-6)
			return (int)i;
	return -1;
}

static void
full(struct sampling_plan *p, long lot_size, const char *why)
{
	p->full_inspection = true;
	p->n = lot_size;
	snprintf(p->note, sizeof p->note, _("%s: inspect every unit (100 %%)"), why);
}

/* Follows the arrows from row r; returns the final row or -1 when an arrow
 * leaves the table, -2 when the cell is not tabulated here. */
static int
follow(enum sampling_severity sev, enum sampling_scheme scheme, int r, int c, int *ac, int *re)
{
	int last = sev == SAMPLING_TIGHTENED ? 16 : 15;

	for (int steps = 0; steps < 40; steps++) {
		int v = cell(sev, scheme, r, c, re);
		if (v >= 0) {
			*ac = v;
			return r;
		}
		if (v == UNTABULATED)
			return -2;
		r += v == DOWN ? 1 : -1;
		if (r > last || r < 0)
			return -1;
	}
	return -1;
}

bool
sampling_plan_find(long lot_size, enum sampling_level level, double aql,
    enum sampling_severity sev, enum sampling_scheme scheme, struct sampling_plan *p,
    char *err, size_t errsize)
{
	int c = aql_column(aql), r, re = 0, dummy;

	memset(p, 0, sizeof *p);
	p->letter = sampling_code_letter(lot_size, level);
	if (p->letter == 0) {
		snprintf(err, errsize, _("lot size %ld: a lot must have at least 2 units"), lot_size);
		return false;
	}
	if (c < 0) {
		snprintf(err, errsize, _("AQL %g is not one of the preferred values 0.010 … 1000 "
		    "(0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5 …)"), aql);
		return false;
	}
	p->aql = sampling_aqls[c];
	p->severity = sev;
	p->scheme = scheme;
	r = follow(sev, scheme, row_of(p->letter), c, &p->ac, &re);
	if (r == -2) {
		snprintf(err, errsize, _("the reduced plan for code letter %c at AQL %g is not "
		    "tabulated here"), p->letter, p->aql);
		return false;
	}
	if (r < 0) {
		p->used_letter = p->letter;
		p->ac = 0;
		p->re = 1;
		p->ac_tighter = -1;
		full(p, lot_size, _("the table's arrow leads beyond its last row"));
		return true;
	}
	p->re = re;
	p->used_letter = letters[r];
	p->n = sampling_sample_size(p->used_letter, sev);
	p->ac_tighter = c > 0 ? cell(sev, scheme, r, c - 1, &dummy) : -1;
	if (p->ac_tighter < 0)
		p->ac_tighter = -1;
	if (p->n >= lot_size) {
		char why[160];
		snprintf(why, sizeof why, _("sample size %ld is not less than the lot size"), p->n);
		full(p, lot_size, why);
	}
	return true;
}

bool
sampling_accepts(const struct sampling_plan *p, long d)
{
	if (d <= p->ac)
		return true;
	return p->severity == SAMPLING_REDUCED && p->scheme == SAMPLING_Z14 && d < p->re;
}

bool
sampling_parse_level(const char *s, enum sampling_level *out)
{
	static const char *const names[] = { "S-1", "S-2", "S-3", "S-4", "I", "II", "III" };
	static const char *const alt[] = { "S1", "S2", "S3", "S4", "1", "2", "3" };

	for (int i = 0; i <= SAMPLING_III; i++) {
		if (strcasecmp(s, names[i]) == 0 || strcasecmp(s, alt[i]) == 0) {
			*out = (enum sampling_level)i;
			return true;
		}
	}
	return false;
}

const char *
sampling_level_name(enum sampling_level level)
{
	static const char *const names[] = { "S-1", "S-2", "S-3", "S-4", "I", "II", "III" };
	return (int)level >= 0 && level <= SAMPLING_III ? names[level] : "?";
}

bool
sampling_parse_severity(const char *s, enum sampling_severity *out)
{
	for (int i = SAMPLING_NORMAL; i <= SAMPLING_REDUCED; i++) {
		if (strcasecmp(s, sampling_severity_name((enum sampling_severity)i)) == 0) {
			*out = (enum sampling_severity)i;
			return true;
		}
	}
	return false;
}

const char *
sampling_severity_name(enum sampling_severity s)
{
	switch (s) {
	case SAMPLING_NORMAL: return N_("normal");
	case SAMPLING_TIGHTENED: return N_("tightened");
	case SAMPLING_REDUCED: return N_("reduced");
	}
	return "?";
}
