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
#include <string.h>

#include "shared/gs1.h"

#define KEY(c, t, len)      { c, t, 'N', len, len, GS1_KEY, NULL }
#define NUM(c, t, lo, hi)   { c, t, 'N', lo, hi, GS1_TEXT, NULL }
#define TXT(c, t, hi)       { c, t, 'X', 1, hi, GS1_TEXT, NULL }
#define DATE0(c, t)         { c, t, 'N', 6, 6, GS1_DATE_D0, NULL }
#define MEAS(c, t, u)       { c, t, 'N', 6, 6, GS1_MEASURE, u }

static const struct gs1_ai table[] = {
	KEY("00", "SSCC", 18),
	KEY("01", "GTIN", 14),
	KEY("02", "CONTENT", 14),
	KEY("03", "MTO GTIN", 14),
	TXT("10", "BATCH/LOT", 20),
	DATE0("11", "PROD DATE"),
	DATE0("12", "DUE DATE"),
	DATE0("13", "PACK DATE"),
	DATE0("15", "BEST BEFORE"),
	DATE0("16", "SELL BY"),
	DATE0("17", "USE BY OR EXPIRY"),
	NUM("20", "VARIANT", 2, 2),
	TXT("21", "SERIAL", 20),
	TXT("22", "CPV", 20),
	TXT("235", "TPX", 28),
	TXT("240", "ADDITIONAL ID", 30),
	TXT("241", "CUST. PART No.", 30),
	NUM("242", "MTO VARIANT", 1, 6),
	TXT("250", "SECONDARY SERIAL", 30),
	TXT("251", "REF. TO SOURCE", 30),
	TXT("254", "GLN EXTENSION COMPONENT", 20),
	NUM("30", "VAR. COUNT", 1, 8),
	MEAS("310n", "NET WEIGHT (kg)", "kg"),
	MEAS("311n", "LENGTH (m)", "m"),
	MEAS("312n", "WIDTH (m)", "m"),
	MEAS("313n", "HEIGHT (m)", "m"),
	MEAS("314n", "AREA (m2)", "m2"),
	MEAS("315n", "NET VOLUME (l)", "l"),
	MEAS("316n", "NET VOLUME (m3)", "m3"),
	MEAS("320n", "NET WEIGHT (lb)", "lb"),
	MEAS("330n", "GROSS WEIGHT (kg)", "kg"),
	NUM("37", "COUNT", 1, 8),
	TXT("400", "ORDER NUMBER", 30),
	TXT("401", "GINC", 30),
	KEY("402", "GSIN", 17),
	TXT("403", "ROUTE", 30),
	KEY("410", "SHIP TO LOC", 13),
	KEY("411", "BILL TO", 13),
	KEY("412", "PURCHASE FROM", 13),
	KEY("413", "SHIP FOR LOC", 13),
	KEY("414", "LOC No.", 13),
	KEY("415", "PAY TO", 13),
	KEY("416", "PROD/SERV LOC", 13),
	KEY("417", "PARTY", 13),
	TXT("420", "SHIP TO POST", 20),
	NUM("422", "ORIGIN", 3, 3),
	{ "7003", "EXPIRY TIME", 'N', 10, 10, GS1_DATETIME, NULL },
	TXT("7240", "PROTOCOL", 20),
	TXT("8004", "GIAI", 30),
	NUM("8005", "PRICE PER UNIT", 6, 6),
	TXT("8020", "REF No.", 25),
	TXT("90", "INTERNAL", 30),
	TXT("91", "INTERNAL", 90),
	TXT("92", "INTERNAL", 90),
	TXT("93", "INTERNAL", 90),
	TXT("94", "INTERNAL", 90),
	TXT("95", "INTERNAL", 90),
	TXT("96", "INTERNAL", 90),
	TXT("97", "INTERNAL", 90),
	TXT("98", "INTERNAL", 90),
	TXT("99", "INTERNAL", 90),
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
