/*
 * test_gs1_dict.c — the AI table generated from the GS1 syntax dictionary
 * (assets/gs1/gs1-syntax-dictionary.txt) and yoke's linters, with known
 * answers. Valid values are worked by hand from the rule each linter
 * states (check digits computed as in standards.md §1.4); the GMN is the
 * GS1 General Specifications' example; the IBAN is ISO 13616's example.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shared/gs1/gs1.h"
#include "tests/lib/check.h"

static const struct gs1_options strict = { .current_year = 2025 };
static const struct gs1_options loose = { .current_year = 2025, .no_pairing = true };

static void
accepted(const struct gs1_options *o, const char *s, int line)
{
	struct gs1_result r;
	struct gs1_error e;

	if (!gs1_parse(s, strlen(s), o, &r, &e))
		check_fail(__FILE__, line, "refused \"%s\": %s (byte %zu)", s, e.message, e.offset);
}

static void
refused(const struct gs1_options *o, const char *s, const char *what, long at, int line)
{
	struct gs1_result r;
	struct gs1_error e;

	if (gs1_parse(s, strlen(s), o, &r, &e)) {
		check_fail(__FILE__, line, "accepted \"%s\"", s);
		return;
	}
	if (strstr(e.message, what) == NULL)
		check_fail(__FILE__, line, "\"%s\": message \"%s\" lacks \"%s\"", s, e.message, what);
	if (at >= 0 && e.offset != (size_t)at)
		check_fail(__FILE__, line, "\"%s\": offset %zu, expected %ld (%s)", s, e.offset, at,
		    e.message);
}
#define OK(s) accepted(&strict, s, __LINE__)
#define OK_LOOSE(s) accepted(&loose, s, __LINE__)
#define NO(s, what, at) refused(&strict, s, what, at, __LINE__)
#define NO_LOOSE(s, what, at) refused(&loose, s, what, at, __LINE__)

/* The table is the dictionary's: its release, every entry line found, the
 * "*" flag equal to the predefined-length rule, the AIs in order. */
static void
test_table_is_the_dictionary(void)
{
	FILE *f = fopen("assets/gs1/gs1-syntax-dictionary.txt", "r");
	char line[512], release[64] = "";
	int entries = 0, rows = 0;
	const struct gs1_ai *a, *prev = NULL;

	REQUIRE(f != NULL);
	while (fgets(line, sizeof line, f)) {
		char ai[8];
		int n;
		if (sscanf(line, "# Release: %63s", release) == 1)
			continue;
		if (line[0] == '#' || line[0] == '\n' || sscanf(line, "%7[0-9]%n", ai, &n) != 1)
			continue;
		entries++;
		if (gs1_ai_find(ai, strlen(ai)) == NULL)
			check_fail(__FILE__, __LINE__, "AI %s of the dictionary is not in the table", ai);
	}
	fclose(f);
	CHECK_STR(gs1_dict_release(), release);
	CHECK(entries > 200);
	for (size_t i = 0; (a = gs1_ai_at(i)) != NULL; i++, prev = a) {
		int pre = gs1_ai_predefined_length(a->code);
		rows++;
		if (prev != NULL && strcmp(prev->code, a->code) >= 0)
			check_fail(__FILE__, __LINE__, "AI %s after %s", a->code, prev->code);
		if ((a->flags & GS1_AI_PREDEFINED) && pre != a->max)
			check_fail(__FILE__, __LINE__, "AI %s: '*' but predefined length %d", a->code, pre);
		if (!(a->flags & GS1_AI_PREDEFINED) && pre != 0)
			check_fail(__FILE__, __LINE__, "AI %s: no '*' but predefined length %d", a->code, pre);
	}
	CHECK(rows > entries);          /* ranges written out: 3100-3105 is six rows */
	CHECK(gs1_ai_find("3105", 4) != NULL);
	CHECK(gs1_ai_find("3106", 4) == NULL);
	CHECK(gs1_ai_find("23", 2) == NULL);
}

/* The AIs issue 9 found missing from the hand-typed table. */
static void
test_ais_once_missing(void)
{
	OK("(01)09521234543213(3302)001250");                      /* 33nn */
	OK("(00)009521401000000013(3401)000120");                  /* 34nn */
	OK("(01)09521234543213(3511)001000");                      /* 35nn */
	OK("(01)09521234543213(3612)000500");                      /* 36nn */
	OK("(255)0952123456786(3902)1000");                        /* 390n */
	OK("(415)0952123456786(8020)REF1(3912)9781000");           /* 391n, EUR */
	OK("(01)09521234543213(30)5(3922)1999");                   /* 392n */
	OK("(01)09521234543213(30)5(3932)9781999");                /* 393n */
	OK("(255)0952123456786(3941)0500");                        /* 394n */
	OK("(01)09521234543213(30)5(3955)001234");                 /* 395n */
	OK("(253)0952123456786DOC-7");
	OK("(01)09521234543213(423)276208");
	OK("(01)09521234543213(425)276");
	OK("(01)09521234543213(426)156");
	OK("(00)009521401000000013(4300)ACME(4307)CN(4309)03100000001121000000");
	OK("(01)09521234543213(7001)1234567890123");
	OK("(01)09521234543213(7038)276LINE-2");
	for (int k = 710; k <= 717; k++) {
		char s[64];
		snprintf(s, sizeof s, "(01)09521234543213(%d)NHRN-1", k);
		accepted(&strict, s, __LINE__);
	}
	OK("(01)09521234543213(7230)EMCERT-77");
	OK("(01)09521234543213(7239)EMCERT-77");
	OK("(8002)CMT-0001");
	OK("(01)09521234543213(8009)SENSOR");
	OK("(01)09521234543213(21)SN1(8040)490154203237518");
}

/* (422), (426) and the lists of ISO 3166 and ISO 4217. */
static void
test_iso_codes(void)
{
	NO("(01)09521234543213(422)999", "999 is not an ISO 3166 country code", 23);
	NO("(01)09521234543213(426)000", "000 is not an ISO 3166 country code", 23);
	NO("(01)09521234543213(426)277", "not an ISO 3166", 23);
	OK("(01)09521234543213(422)276");
	NO("(01)09521234543213(423)276999", "999 is not an ISO 3166", 26);
	OK("(01)09521234543213(7030)999PLANT-1");                  /* iso3166999 */
	NO("(01)09521234543213(7030)998PLANT-1", "(or 999)", 24);
	NO("(00)009521401000000013(4307)XX", "XX is not an ISO 3166 alpha-2", 28);
	/* 191 (HRK) was withdrawn: the dictionary's list, not iso-codes 4.15. */
	NO_LOOSE("(3912)1911000", "191 is not an ISO 4217 currency code", 6);
	OK_LOOSE("(3912)9241000");                                  /* ZWG, new in 2024 */
}

/* A GS1 Company Prefix starts a GINC (401) and a GIAI (8004). */
static void
test_company_prefix(void)
{
	OK("(401)0952123ABC");
	OK("(8004)0952123ASSET-0042");
	NO("(401)ABC123456", "must start with a GS1 Company Prefix: 'A' at position 1", 5);
	NO("(8004)095X123", "'X' at position 4 is not a digit", 9);
	NO("(8004)095", "too short to start with a GS1 Company Prefix", 6);
	/* gcppos2: an SSCC's prefix starts after its extension digit. */
	OK("(00)009521401000000013");
}

/* Digital Link: keys and qualifiers from the dictionary; the query string
 * holds data attributes, never a qualifier. */
static void
test_digital_link_rules(void)
{
	const char *gtin = "https://id.gs1.org/01/09521234543213";
	char s[160];

	snprintf(s, sizeof s, "%s?17=261231&3103=000189", gtin);
	OK(s);
	snprintf(s, sizeof s, "%s?10=LOT42", gtin);
	NO(s, "AI (10) BATCH/LOT qualifies the key (01) and belongs in the path", 37);
	snprintf(s, sizeof s, "%s/10/LOT42?21=SN1", gtin);
	NO(s, "AI (21) SERIAL qualifies the key (01)", 46);
	snprintf(s, sizeof s, "%s?22=V1", gtin);
	NO(s, "AI (22) CPV qualifies the key (01)", 37);
	snprintf(s, sizeof s, "%s?235=TPX1", gtin);
	NO(s, "AI (235) TPX qualifies the key (01)", 37);
	/* 21 after 235 is no sequence of 01, and 21 is no data attribute. */
	snprintf(s, sizeof s, "%s/235/TPX1?21=SN1", gtin);
	NO(s, "AI (21) SERIAL is not a data attribute", 46);
	/* Keys the hand-typed list lacked, with their own qualifiers. */
	OK("https://id.gs1.org/8018/095212345678901235/8019/12");
	OK("https://id.gs1.org/8004/0952123ASSET-0042/7040/1AB-");
	OK("https://id.gs1.org/253/0952123456786DOC-7");
	NO("https://id.gs1.org/00/009521401000000013/10/L1", "00 takes no qualifiers", 19);
	NO("https://id.gs1.org/414/0952123456786/21/X", "after 414 may come, in this order: 254|7040",
	    19);
}

/* One known answer or more for each linter family. */
static void
test_check_characters(void)
{
	/* csumalpha: the GMN of the GS1 General Specifications. */
	OK("(8013)1987654Ad4X4bL5ttr2310c2K");
	NO("(8013)1987654Ad4X4bL5ttr2310c2L", "bad check characters 2L, expected 2K", 29);
	/* iban, with the country from ISO 3166. */
	OK("(415)0952123456786(8020)R1(8007)GB82WEST12345698765432");
	NO("(415)0952123456786(8020)R1(8007)GB83WEST12345698765432", "IBAN: bad check digits 83", 34);
	NO("(415)0952123456786(8020)R1(8007)QQ82WEST12345698765432", "not an ISO 3166", 32);
	/* csum on a part of a value: (8006) is a GTIN then piece of total. */
	NO_LOOSE("(8006)095212345432140102", "bad check digit 4, expected 3", 19);
}

static void
test_dates_and_times(void)
{
	NO_LOOSE("(7006)250229", "day 29 is impossible", 10);         /* yymmdd */
	OK_LOOSE("(7006)240229");
	NO_LOOSE("(4326)250200", "day 00 is impossible", 10);         /* yymmdd: no day 00 */
	OK_LOOSE("(4324)2502002359");                                 /* yymmd0 + hhmi */
	NO_LOOSE("(4324)2502002360", "time 2360 is impossible", 12);
	OK_LOOSE("(7250)20240229");                                   /* yyyymmdd */
	NO_LOOSE("(7250)20230229", "day 29", 12);
	NO_LOOSE("(7250)20231301", "month 13", 10);
	OK_LOOSE("(8008)25010123");                                   /* yymmdd hh [mi] [ss] */
	OK_LOOSE("(8008)250101235959");
	NO_LOOSE("(8008)25010124", "hour 24 is impossible", 12);
	NO_LOOSE("(8008)2501012360", "minute 60 is impossible", 14);
	NO_LOOSE("(8008)250101235960", "second 60 is impossible", 16);
	NO_LOOSE("(8008)250101234", "the value ends inside part 3", 1);
}

static void
test_value_rules(void)
{
	OK_LOOSE("(7041)BX");                                          /* packagetype */
	NO_LOOSE("(7041)QQQ", "QQQ is not a package type code", 6);
	OK_LOOSE("(7241)01");                                          /* mediatype */
	OK_LOOSE("(7241)99");
	NO_LOOSE("(7241)50", "50 is not an AIDC media type", 6);
	NO_LOOSE("(7252)3", "ISO/IEC 5218", 6);                        /* iso5218 */
	OK_LOOSE("(4309)18000000003600000000");                        /* latitude, longitude */
	NO_LOOSE("(4309)18000000013600000000", "is not a latitude", 6);
	NO_LOOSE("(4309)18000000003600000001", "is not a longitude", 16);
	OK_LOOSE("(8003)00952123456786SPARE");                         /* zero */
	NO_LOOSE("(8003)10952123456786", "1 must be zero", 6);
	OK_LOOSE("(8001)00100010001001");                              /* nonzero, winding */
	NO_LOOSE("(8001)00000010001001", "0000 must not be zero", 6);
	NO_LOOSE("(8001)00100010001051", "not a winding direction", 18);
	OK_LOOSE("(8010)0952ABC(8011)123");                            /* nozeroprefix, cset39 */
	NO_LOOSE("(8010)0952ABC(8011)0123", "0123 must not start with a zero", 19);
	NO_LOOSE("(8010)0952abc", "GS1 character set 39", 10);
	NO_LOOSE("(4321)2", "0 (no) or 1 (yes)", 6);                   /* yesno */
	OK_LOOSE("(4330)001234-");                                     /* hyphen */
	NO_LOOSE("(4330)001234+", "only '-' is allowed", 12);
	OK_LOOSE("(8006)095212345432130102");                          /* pieceoftotal */
	NO_LOOSE("(8006)095212345432130302", "beyond the total", 20);
	NO_LOOSE("(8006)095212345432130002", "pieces count from 1", 20);
	NO_LOOSE("(8006)095212345432130100", "at least one piece", 22);
	OK_LOOSE("(7258)1/2");                                         /* posinseqslash */
	NO_LOOSE("(7258)3/2", "beyond the total", 6);
	NO_LOOSE("(7258)0/2", "no leading zero", 6);
	NO_LOOSE("(7258)12/", "expected a position and a total", 6);
	NO_LOOSE("(7040)1AB!", "not an importer index", 9);          /* importeridx */
	OK_LOOSE("(4300)A%20B");                                       /* pcenc */
	NO_LOOSE("(4300)ABC%2", "bad percent-encoding at position 4", 9);
	OK_LOOSE("(8030)AbC-_d");                                      /* CSET 64 */
	OK_LOOSE("(8030)Ab=");
	NO_LOOSE("(8030)AbC-_d==", "bad base64 padding", 12);
	NO_LOOSE("(8030)Ab=C", "'=' only as padding", 8);
}

/* (8110) and (8112), built field by field from the coupon rules. */
static void
test_coupons(void)
{
	/* GCP VLI 1 (7 digits) 0952123, offer 123456, save value VLI 3 "500",
	 * requirement VLI 1 "1", code 0, family 123; then field 3 (expiry
	 * 261231) and field 5 (serial VLI 0: 6 digits). */
	OK_LOOSE("(8110)10952123123456350011012332612315" "0123456");
	OK_LOOSE("(8110)109521231234563500110123");
	/* Field 1, a second purchase: rules 0, requirement VLI 1 "2", code 0,
	 * family 456, company prefix 9 = the primary one (no digits). */
	OK_LOOSE("(8110)109521231234563500110123" "10120456" "9");
	NO_LOOSE("(8110)109521231234563500110123" "10120456" "7", "is not one of 0123456", 38);
	/* Fields out of order: 5 before 3. */
	NO_LOOSE("(8110)109521231234563500110123" "50123456" "3261231", "out of order", 38);
	/* Requirement code 5 is not one of 0-4, 9. */
	NO_LOOSE("(8110)109521231234563500115123", "is not one of 012349", 26);
	/* Expiry 261331: month 13. */
	NO_LOOSE("(8110)1095212312345635001101233261331", "month 13", 33);
	/* Ends inside the offer code. */
	NO_LOOSE("(8110)10952123123", "coupon ends early: offer code expected", 14);
	/* (8112): format 0, funder VLI 1 + 7 digits, offer 123456, serial VLI 0 + 6 digits. */
	OK_LOOSE("(8112)010952123123456" "0654321");
	NO_LOOSE("(8112)210952123123456" "0654321", "coupon format 2", 6);
	NO_LOOSE("(8112)010952123123456" "06543219", "data after the serial number", 28);
}

/* Runs the generator on one dictionary text; returns its exit status and
 * what it printed (stdout and stderr) in out. */
static int
generate(const char *text, char *out, size_t size)
{
	char dir[] = "/tmp/yoke-gs1dict.XXXXXX", file[64], cmd[256];
	FILE *f, *p;
	size_t n;
	int rc;

	out[0] = '\0';
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(file, sizeof file, "%s/d.txt", dir);
	f = fopen(file, "w");
	if (f == NULL)
		return -1;
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "awk -v part=table -f shared/gs1/gen/gs1_dict.awk %s 2>&1", file);
	p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	rc = pclose(p);
	unlink(file);
	rmdir(dir);
	return rc;
}

/* The generator reads both ways of writing "both needed" (a repeated req=
 * key, and '+') and refuses a file it cannot read exactly. */
static void
test_generator(void)
{
	static char out[65536];
	const char *head = "# Release: 2099-01-01\n";
	char text[512];

	snprintf(text, sizeof text, "%s01 *? N14,csum dlpkey=21\n21 X..20 req=01 req=02,03\n"
	    "250 X..30 req=01+21,03+21 # SECONDARY SERIAL\n", head);
	CHECK_INT(generate(text, out, sizeof out), 0);
	CHECK(strstr(out, "GS1_DICT_RELEASE \"2099-01-01\"") != NULL);
	CHECK(strstr(out, ".req = \"01 02,03\"") != NULL);
	CHECK(strstr(out, ".req = \"01+21,03+21\"") != NULL);
	CHECK(strstr(out, ".dlpkey = \"21\"") != NULL);
	snprintf(text, sizeof text, "%s10 X..20\n01 N14\n", head);
	CHECK(generate(text, out, sizeof out) != 0);
	CHECK(strstr(out, ":3: AI 01 comes after 10") != NULL);
	snprintf(text, sizeof text, "%s10 X..20\n101 N3\n", head);
	CHECK(generate(text, out, sizeof out) != 0);
	CHECK(strstr(out, "AI 101 starts with AI 10") != NULL);
	snprintf(text, sizeof text, "%s10 *! X..20\n", head);
	CHECK(generate(text, out, sizeof out) != 0);
	CHECK(strstr(out, "unknown flag '!'") != NULL);
	snprintf(text, sizeof text, "%s10 X..20 fancy=1\n", head);
	CHECK(generate(text, out, sizeof out) != 0);
	CHECK(strstr(out, "unknown attribute or component \"fancy=1\"") != NULL);
	snprintf(text, sizeof text, "%s10 [N2] N3\n", head);
	CHECK(generate(text, out, sizeof out) != 0);
	CHECK(strstr(out, "mandatory component N3 after an optional one") != NULL);
	snprintf(text, sizeof text, "%s10 N..2 N3\n", head);
	CHECK(generate(text, out, sizeof out) != 0);
	CHECK(strstr(out, "only the last component may have a variable length") != NULL);
	CHECK(generate("10 X..20\n", out, sizeof out) != 0);
	CHECK(strstr(out, "no \"# Release:\" line") != NULL);
}

int
main(void)
{
	RUN(test_table_is_the_dictionary);
	RUN(test_ais_once_missing);
	RUN(test_iso_codes);
	RUN(test_company_prefix);
	RUN(test_digital_link_rules);
	RUN(test_check_characters);
	RUN(test_dates_and_times);
	RUN(test_value_rules);
	RUN(test_coupons);
	RUN(test_generator);
	return check_done();
}
