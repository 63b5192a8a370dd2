/* test_decimal.c — a measured value is a plain decimal and nothing else:
 * every form strtod would read as a number the operator did not mean is
 * refused (decimal.h). */
#include "shared/decimal.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

static void
plain_decimals_are_read(void)
{
	static const struct { const char *text; double v; const char *shown; } ok[] = {
		{ "3.30", 3.3, "3.30" },
		{ "3,30", 3.3, "3,30" },
		{ "-0.5", -0.5, "-0.5" },
		{ "12", 12, "12" },
		{ "0", 0, "0" },
		{ "+1.5", 1.5, "+1.5" },
		{ ".5", 0.5, ".5" },
		{ "-,25", -0.25, "-,25" },
		{ "  245,5  ", 245.5, "245,5" },
		{ "007", 7, "007" },
		{ "0.000001", 1e-6, "0.000001" },
		{ "12345678901234567890123456789012", 12345678901234567890123456789012.0,
		  "12345678901234567890123456789012" },
	};
	char shown[DECIMAL_MAX + 1];
	double v;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		v = -999;
		shown[0] = '\0';
		if (!decimal_read(ok[i].text, &v, shown, sizeof shown)) {
			check_fail(__FILE__, __LINE__, "\"%s\" refused", ok[i].text);
			continue;
		}
		CHECK_NEAR(v, ok[i].v, 1e-9 * (ok[i].v < 0 ? -ok[i].v : ok[i].v) + 1e-12);
		CHECK_STR(shown, ok[i].shown);
	}
	/* shown may be left out, or be small (cut, never overrun). */
	CHECK(decimal_read("3,30", &v, NULL, 0));
	char tiny[3];
	CHECK(decimal_read("3,30", &v, tiny, sizeof tiny));
	CHECK_STR(tiny, "3,");
}

static void
everything_else_is_refused(void)
{
	static const char *const bad[] = {
		"2.45e1", "2,45E1", "1e3", "1e999", "0x10", "0X1A", "0x1p3", "inf", "INF", "-inf",
		"infinity", "nan", "NaN", "-nan", "1.2.3", "1,2,3", "1,234.5", "", " ", "   ", "1 2",
		"- 1", "--1", "+-1", "-+1", "++1", "+", "-", ".", ",", "-.", "5.", "5,", "245C", "C245",
		"12 V", "1_000", "１２", "3\xef\xbc\x8e""3", "\t3", "3\t", "3\n", "1'000", "0b101",
		"123456789012345678901234567890123",
		"1" "00000000000000000000000000000000",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = 42;
		char shown[DECIMAL_MAX + 1] = "untouched";
		if (decimal_read(bad[i], &v, shown, sizeof shown))
			check_fail(__FILE__, __LINE__, "\"%s\" read as %g", bad[i], v);
		CHECK_NEAR(v, 42, 0);
		CHECK_STR(shown, "untouched");
	}
	double v = 1;
	CHECK(!decimal_read(NULL, &v, NULL, 0));
}

int
main(void)
{
	RUN(plain_decimals_are_read);
	RUN(everything_else_is_refused);
	return check_done();
}
