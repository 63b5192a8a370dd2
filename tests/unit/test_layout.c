/* test_layout.c — cutting text to a width with an ellipsis and wrapping it
 * with the line-break rules of Chinese and Latin text (terminal/layout.c). */
#include "shared/layout.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out[256];

static void
clip_fits_or_ends_with_ellipsis(void)
{
	CHECK_INT(layout_clip("IC-555", 10, out, sizeof out), 6);
	CHECK_STR(out, "IC-555");
	CHECK_INT(layout_clip("IC-555", 6, out, sizeof out), 6);
	CHECK_STR(out, "IC-555");
	CHECK_INT(layout_clip("IC-555/LOT-7", 6, out, sizeof out), 6);
	CHECK_STR(out, "IC-55\u2026");
	CHECK_INT(layout_clip("anything", 1, out, sizeof out), 1);
	CHECK_STR(out, "\u2026");
	CHECK_INT(layout_clip("anything", 0, out, sizeof out), 0);
	CHECK_STR(out, "");
	CHECK_INT(layout_clip("", 5, out, sizeof out), 0);
	CHECK_STR(out, "");
}

static void
clip_never_halves_a_wide_character(void)
{
	/* 装板基准 is 8 columns. */
	CHECK_INT(layout_clip("装板基准", 8, out, sizeof out), 8);
	CHECK_STR(out, "装板基准");
	CHECK_INT(layout_clip("装板基准", 7, out, sizeof out), 7);
	CHECK_STR(out, "装板基\u2026");
	/* 5 columns: 装板 (4) and the ellipsis. */
	CHECK_INT(layout_clip("装板基准", 5, out, sizeof out), 5);
	CHECK_STR(out, "装板\u2026");
	/* 4 columns: 装板 would leave no room for the ellipsis, and half of 板
	 * is no character: 装… is 3 columns, and the result says 3. */
	CHECK_INT(layout_clip("装板基准", 4, out, sizeof out), 3);
	CHECK_STR(out, "装\u2026");
	CHECK_INT(utf8_width(out), 3);
	CHECK_INT(layout_clip("装板基准", 2, out, sizeof out), 1);
	CHECK_STR(out, "\u2026");
	/* Mixed: the cut comes inside the Chinese. */
	CHECK_INT(layout_clip("Scan 物料 IC-555 批次 L7", 12, out, sizeof out), 12);
	CHECK_STR(out, "Scan 物料 I\u2026");
	CHECK_INT(layout_clip("Scan 物料 IC-555", 9, out, sizeof out), 8);
	CHECK_STR(out, "Scan 物\u2026");
	/* A combining mark stays with its base: é (e + U+0301) is one column. */
	CHECK_INT(layout_clip("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, out, sizeof out), 2);
	CHECK_STR(out, "e\xcc\x81\u2026");
}

static void
clip_respects_the_buffer(void)
{
	char small[8];

	/* Fits the columns but not the bytes: cut, with the ellipsis, in bytes. */
	CHECK_INT(layout_clip("装板基准", 20, small, sizeof small), 3);
	CHECK_STR(small, "装\u2026");
	CHECK_INT(layout_clip("abcdefghij", 20, small, sizeof small), 5);
	CHECK_STR(small, "abcd\u2026");
	CHECK_INT(layout_clip("abc", 20, small, 3), 0);
	CHECK_STR(small, "");
}

static char wrapped[64][256];

static size_t
wrap(const char *s, int width)
{
	struct utf8_line lines[64];
	size_t n = layout_wrap(s, width, lines, 64);

	for (size_t i = 0; i < n && i < 64; i++)
		snprintf(wrapped[i], sizeof wrapped[i], "%.*s", (int)lines[i].len, s + lines[i].off);
	return n;
}

static void
wrap_latin(void)
{
	REQUIRE(wrap("Load panel, fiducials up and check the stencil", 20) == 3);
	CHECK_STR(wrapped[0], "Load panel,");
	CHECK_STR(wrapped[1], "fiducials up and");
	CHECK_STR(wrapped[2], "check the stencil");
	REQUIRE(wrap("abcd efgh", 9) == 1);
	CHECK_STR(wrapped[0], "abcd efgh");
	/* Spaces at the break and at the end go. */
	REQUIRE(wrap("abcd    efgh   ", 6) == 2);
	CHECK_STR(wrapped[0], "abcd");
	CHECK_STR(wrapped[1], "efgh");
	/* A long word is cut... */
	REQUIRE(wrap("abcdefghij", 4) == 3);
	CHECK_STR(wrapped[0], "abcd");
	CHECK_STR(wrapped[1], "efgh");
	CHECK_STR(wrapped[2], "ij");
	/* ...but not right before its comma, which would start the line. */
	REQUIRE(wrap("abcdefgh, ok", 4) == 4);
	CHECK_STR(wrapped[0], "abcd");
	CHECK_STR(wrapped[1], "efg");
	CHECK_STR(wrapped[2], "h,");
	CHECK_STR(wrapped[3], "ok");
	/* A closing mark after a space stays with the word before it. */
	REQUIRE(wrap("see the note ) then", 13) == 2);
	CHECK_STR(wrapped[0], "see the");
	CHECK_STR(wrapped[1], "note ) then");
	/* An opening bracket does not end a line. */
	REQUIRE(wrap("value (min 3)", 8) == 2);
	CHECK_STR(wrapped[0], "value");
	CHECK_STR(wrapped[1], "(min 3)");
	/* Newlines always end a line; an empty text is one empty line. */
	REQUIRE(wrap("one\ntwo three", 40) == 2);
	CHECK_STR(wrapped[0], "one");
	CHECK_STR(wrapped[1], "two three");
	REQUIRE(wrap("", 10) == 1);
	CHECK_STR(wrapped[0], "");
}

static void
wrap_chinese_kinsoku(void)
{
	/* Between any two characters... */
	REQUIRE(wrap("装板基准点朝上", 6) == 3);
	CHECK_STR(wrapped[0], "装板基");
	CHECK_STR(wrapped[1], "准点朝");
	CHECK_STR(wrapped[2], "上");
	/* ...a wide character never split by an odd width. */
	REQUIRE(wrap("装板基", 5) == 2);
	CHECK_STR(wrapped[0], "装板");
	CHECK_STR(wrapped[1], "基");
	/* Each closing mark takes the character before it to the next line. */
	static const char *const closing[] = { "，", "。", "、", "；", "：", "？", "！", "）",
		"」", "』", "\u201d", "\u2019", "》", "〉", "】" };
	for (size_t k = 0; k < sizeof closing / sizeof closing[0]; k++) {
		char text[64];
		snprintf(text, sizeof text, "装板%s基准", closing[k]);
		size_t n = wrap(text, 4);
		for (size_t i = 1; i < n; i++)
			if (strncmp(wrapped[i], closing[k], strlen(closing[k])) == 0)
				check_fail(__FILE__, __LINE__, "line %zu of \"%s\" at 4 starts with %s",
				    i + 1, text, closing[k]);
		CHECK_STR(wrapped[0], "装");
	}
	REQUIRE(wrap("装板，基准", 4) == 3);
	CHECK_STR(wrapped[0], "装");
	CHECK_STR(wrapped[1], "板，");
	CHECK_STR(wrapped[2], "基准");
	/* Two closing marks in a row travel together with their character. */
	REQUIRE(wrap("检查焊点。」然后", 8) == 3);
	CHECK_STR(wrapped[0], "检查焊");
	CHECK_STR(wrapped[1], "点。」然");
	CHECK_STR(wrapped[2], "后");
	/* An opening bracket takes the line break before it. */
	REQUIRE(wrap("装板（基准）", 6) == 3);
	CHECK_STR(wrapped[0], "装板");
	CHECK_STR(wrapped[1], "（基");
	CHECK_STR(wrapped[2], "准）");
	/* An opening quote stays with what follows it. */
	REQUIRE(wrap("他说：“好的”", 8) == 2);
	CHECK_STR(wrapped[0], "他说：");
	CHECK_STR(wrapped[1], "“好的”");
	/* Width 2 cannot keep 装， together: the comma may start the line then. */
	REQUIRE(wrap("装，", 2) == 2);
	CHECK_STR(wrapped[0], "装");
	CHECK_STR(wrapped[1], "，");
}

static void
wrap_mixed(void)
{
	REQUIRE(wrap("Load panel. 装板，基准点朝上。", 16) == 2);
	CHECK_STR(wrapped[0], "Load panel. 装");
	CHECK_STR(wrapped[1], "板，基准点朝上。");
	/* Latin words inside Chinese break at the script boundary, not inside. */
	REQUIRE(wrap("扫描物料IC-555的标签", 10) == 3);
	CHECK_STR(wrapped[0], "扫描物料");
	CHECK_STR(wrapped[1], "IC-555的标");
	CHECK_STR(wrapped[2], "签");
	/* A long serial in Chinese text is cut, not spilled. */
	REQUIRE(wrap("序列号ABCDEFGHIJKLMNOP不对", 8) == 4);
	CHECK_STR(wrapped[0], "序列号");
	CHECK_STR(wrapped[1], "ABCDEFGH");
	CHECK_STR(wrapped[2], "IJKLMNOP");
	CHECK_STR(wrapped[3], "不对");
}

/*
 * Every wrap of a varied text: no line wider than the width, none starting
 * with closing punctuation, nothing but spaces lost, and the lines in
 * order. The texts never put two closing marks after one character (with
 * only spaces between), so a character and what must stay with it are at
 * most 6 columns and every width from 7 has room for them.
 */
static void
wrap_properties(void)
{
	static const char *const pieces[] = { "装", "板", "，", "。", "、", "（", "）", "“", "”",
		"a", "b", "IC-555", " ", "  ", ",", ".", "(", ")", "e\xcc\x81", "LOT-2411-07/SN", "：",
		"》", "《", "！", "?" };
	unsigned seed = 12345;
	char text[512];

	for (int round = 0; round < 400; round++) {
		size_t len = 0, np = 1 + (size_t)(round % 40);
		bool last_closing = false, last_space = false;
		text[0] = '\0';
		for (size_t k = 0; k < np; k++) {
			const char *p;
			uint32_t cp;
			bool closing, space;
			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			utf8_decode(p, strlen(p), &cp);
			closing = layout_closing(cp);
			space = p[0] == ' ';
			if ((closing && last_closing) || (space && last_space))
				continue;
			if (!space)
				last_closing = closing;
			last_space = space;
			if (len + strlen(p) + 1 >= sizeof text)
				break;
			memcpy(text + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		for (int width = 7; width <= 22; width += 3) {
			struct utf8_line lines[64];
			size_t n = layout_wrap(text, width, lines, 64), pos = 0;
			char joined[512] = "", nospace[512] = "";
			size_t jl = 0, nl = 0;
			REQUIRE(n <= 64);
			for (size_t i = 0; i < n; i++) {
				int w = utf8_nwidth(text + lines[i].off, lines[i].len);
				uint32_t cp;
				if (w > width)
					check_fail(__FILE__, __LINE__, "\"%s\" at %d: line %zu is %d wide", text,
					    width, i + 1, w);
				if (i > 0 && lines[i].len > 0 && utf8_decode(text + lines[i].off, lines[i].len, &cp) &&
				    layout_closing(cp))
					check_fail(__FILE__, __LINE__, "\"%s\" at %d: line %zu starts with U+%04X",
					    text, width, i + 1, (unsigned)cp);
				if (lines[i].off < pos)
					check_fail(__FILE__, __LINE__, "\"%s\" at %d: line %zu goes back", text, width,
					    i + 1);
				pos = lines[i].off + lines[i].len;
				for (size_t b = 0; b < lines[i].len; b++)
					if (text[lines[i].off + b] != ' ')
						joined[jl++] = text[lines[i].off + b];
			}
			joined[jl] = '\0';
			for (size_t b = 0; text[b]; b++)
				if (text[b] != ' ')
					nospace[nl++] = text[b];
			nospace[nl] = '\0';
			if (strcmp(joined, nospace) != 0)
				check_fail(__FILE__, __LINE__, "\"%s\" at %d: lost text: \"%s\"", text, width, joined);
			if (check_failed_in_test)
				return;
		}
	}
}

int
main(void)
{
	RUN(clip_fits_or_ends_with_ellipsis);
	RUN(clip_never_halves_a_wide_character);
	RUN(clip_respects_the_buffer);
	RUN(wrap_latin);
	RUN(wrap_chinese_kinsoku);
	RUN(wrap_mixed);
	RUN(wrap_properties);
	return check_done();
}
