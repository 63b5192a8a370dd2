/* test_utf8.c — decoding and display width of UTF-8 text, and word wrap
 * (shared/layout.h) on the cases utf8.c once wrapped itself. */
#include "shared/layout.h"
#include "shared/utf8.h"
#include "tests/lib/check.h"

#include <stdio.h>

static void
decode_valid_and_invalid(void)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(utf8_decode("\xc3\xa9", 2, &cp), 2);
	CHECK_INT(cp, 0xE9);
	CHECK_INT(utf8_decode("\xe8\xa3\x85", 3, &cp), 3);   /* 装 */
	CHECK_INT(cp, 0x88C5);
	CHECK_INT(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x1F600);
	/* Overlong, surrogate, truncated, stray continuation, above U+10FFFF. */
	CHECK_INT(utf8_decode("\xc0\xaf", 2, &cp), 0);
	CHECK_INT(cp, UTF8_REPLACEMENT);
	CHECK_INT(utf8_decode("\xed\xa0\x80", 3, &cp), 0);
	CHECK_INT(utf8_decode("\xe8\xa3", 2, &cp), 0);
	CHECK_INT(utf8_decode("\x80", 1, &cp), 0);
	CHECK_INT(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);
	CHECK(utf8_valid("Load panel 装板", 18));
	CHECK(!utf8_valid("ab\xff", 3));
}

static void
encode_round_trip(void)
{
	char buf[4];
	uint32_t cp;
	const uint32_t samples[] = { 0x41, 0xE9, 0x88C5, 0xFF0C, 0x1F600, 0x10FFFF };

	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		int n = utf8_encode(samples[i], buf);
		REQUIRE(n > 0);
		CHECK_INT(utf8_decode(buf, (size_t)n, &cp), n);
		CHECK_INT(cp, samples[i]);
	}
	CHECK_INT(utf8_encode(0xD800, buf), 0);
	CHECK_INT(utf8_encode(0x110000, buf), 0);
}

static void
widths(void)
{
	CHECK_INT(utf8_cp_width('a'), 1);
	CHECK_INT(utf8_cp_width(0x88C5), 2);     /* CJK ideograph */
	CHECK_INT(utf8_cp_width(0xFF0C), 2);     /* fullwidth comma */
	CHECK_INT(utf8_cp_width(0x3002), 2);     /* ideographic full stop */
	CHECK_INT(utf8_cp_width(0xAC00), 2);     /* Hangul syllable */
	CHECK_INT(utf8_cp_width(0x0301), 0);     /* combining acute */
	CHECK_INT(utf8_cp_width(0x200B), 0);     /* zero-width space */
	CHECK_INT(utf8_cp_width(0x2713), 1);     /* check mark, narrow */
	CHECK_INT(utf8_cp_width(0x25B6), 1);     /* play triangle, narrow */
	CHECK_INT(utf8_cp_width(0x1B), -1);
	CHECK_INT(utf8_cp_width(0x85), -1);
	CHECK_INT(utf8_width("装板，基准点朝上。"), 18);
	CHECK_INT(utf8_width("Load panel"), 10);
	CHECK_INT(utf8_width("e\xcc\x81t\xc3\xa9"), 3);   /* e+acute, t, é */
	CHECK_INT(utf8_width("a\xff" "b"), 3);            /* a bad byte is one cell */
	CHECK_INT(utf8_width(""), 0);
}

static void
fit_never_splits(void)
{
	int used = -1;

	/* "装板" is 4 columns: 3 columns hold only the first character. */
	CHECK_INT(utf8_fit("装板", 3, &used), 3);
	CHECK_INT(used, 2);
	CHECK_INT(utf8_fit("装板", 4, &used), 6);
	CHECK_INT(used, 4);
	CHECK_INT(utf8_fit("abc", 0, &used), 0);
	/* A combining mark stays with its base. */
	CHECK_INT(utf8_fit("e\xcc\x81x", 1, &used), 3);
	CHECK_INT(used, 1);
}

static char wrapped[16][128];

static size_t
wrap(const char *s, int width)
{
	struct utf8_line lines[16];
	size_t n = layout_wrap(s, width, lines, 16);

	for (size_t i = 0; i < n && i < 16; i++)
		snprintf(wrapped[i], sizeof wrapped[i], "%.*s", (int)lines[i].len, s + lines[i].off);
	return n;
}

static void
wrap_latin_at_spaces(void)
{
	REQUIRE(wrap("Load panel, fiducials up and check the stencil", 20) == 3);
	CHECK_STR(wrapped[0], "Load panel,");
	CHECK_STR(wrapped[1], "fiducials up and");
	CHECK_STR(wrapped[2], "check the stencil");
	/* Exactly fitting. */
	REQUIRE(wrap("abcd efgh", 9) == 1);
	CHECK_STR(wrapped[0], "abcd efgh");
	/* A long word is cut. */
	REQUIRE(wrap("abcdefghij", 4) == 3);
	CHECK_STR(wrapped[0], "abcd");
	CHECK_STR(wrapped[1], "efgh");
	CHECK_STR(wrapped[2], "ij");
}

static void
wrap_cjk_between_characters(void)
{
	/* 装板基准点朝上 is 14 columns; at 6 columns three per line. */
	REQUIRE(wrap("装板基准点朝上", 6) == 3);
	CHECK_STR(wrapped[0], "装板基");
	CHECK_STR(wrapped[1], "准点朝");
	CHECK_STR(wrapped[2], "上");
	/* Width 5 holds two wide characters, never a split one. */
	REQUIRE(wrap("装板基", 5) == 2);
	CHECK_STR(wrapped[0], "装板");
	CHECK_STR(wrapped[1], "基");
	/* Closing punctuation does not start a line. */
	REQUIRE(wrap("装板，基准", 4) == 3);
	CHECK_STR(wrapped[0], "装");
	CHECK_STR(wrapped[1], "板，");
	CHECK_STR(wrapped[2], "基准");
}

static void
wrap_mixed_and_newlines(void)
{
	/* "板，" travels together, so the first line stops after 装. */
	REQUIRE(wrap("Load panel. 装板，基准点朝上。", 16) == 2);
	CHECK_STR(wrapped[0], "Load panel. 装");
	CHECK_STR(wrapped[1], "板，基准点朝上。");
	CHECK_INT(utf8_width(wrapped[1]), 16);
	REQUIRE(wrap("one\ntwo three", 40) == 2);
	CHECK_STR(wrapped[0], "one");
	CHECK_STR(wrapped[1], "two three");
	CHECK_INT(wrap("", 10), 1);
	/* Every line fits its width. */
	const char *text = "Visual: no solder bridges 目视检查：无焊桥，无锡珠。 then sign";
	size_t n = wrap(text, 11);
	REQUIRE(n > 3);
	for (size_t i = 0; i < n; i++)
		CHECK(utf8_width(wrapped[i]) <= 11);
}

int
main(void)
{
	RUN(decode_valid_and_invalid);
	RUN(encode_round_trip);
	RUN(widths);
	RUN(fit_never_splits);
	RUN(wrap_latin_at_spaces);
	RUN(wrap_cjk_between_characters);
	RUN(wrap_mixed_and_newlines);
	return check_done();
}
