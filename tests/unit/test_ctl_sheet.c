/*
 * test_ctl_sheet.c — the pure parts of the printable code sheets
 * (terminal/ctl/sheet.h): a caption laid out in the lines of a cell, cut
 * with "…" when it needs more and never inside a character; the pages a
 * number of codes takes; which defect codes a sheet takes; and the file
 * name of a code's PNG, which stays in its folder whatever the code.
 * (The sheets themselves are written and read back in it_ctl_sheet.)
 */
#include "terminal/ctl/sheet.h"
#include "shared/layout.h"
#include "shared/utf8.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char lines[SHEET_CAPTION_LINES][SHEET_LINE_MAX];

/* Every stored line is whole UTF-8 within cols columns. */
static void
lines_are_whole(size_t n, int cols)
{
	for (size_t k = 0; k < n; k++) {
		CHECK(utf8_valid(lines[k], strlen(lines[k])));
		if (utf8_width(lines[k]) > cols)
			check_fail(__FILE__, __LINE__, "line %zu is %d columns, more than %d: %s", k,
			    utf8_width(lines[k]), cols, lines[k]);
	}
}

static bool
ends_with(const char *s, const char *end)
{
	size_t a = strlen(s), b = strlen(end);
	return a >= b && strcmp(s + a - b, end) == 0;
}

static void
a_short_caption_is_one_line(void)
{
	CHECK_INT(sheet_fit("Solder bridge between pins 引脚间连锡", 40, lines, 2), 1);
	CHECK_STR(lines[0], "Solder bridge between pins 引脚间连锡");
	CHECK_INT(sheet_fit("", 40, lines, 2), 1);
	CHECK_STR(lines[0], "");
}

static void
a_longer_caption_wraps_at_a_space(void)
{
	/* 41 columns: "Moisture-sensitive part exposed too long" is 40. */
	CHECK_INT(sheet_fit("Moisture-sensitive part exposed too long 湿敏元件受潮", 40, lines, 2), 2);
	CHECK_STR(lines[0], "Moisture-sensitive part exposed too long");
	CHECK_STR(lines[1], "湿敏元件受潮");
	lines_are_whole(2, 40);
}

static void
a_caption_too_long_is_cut_with_an_ellipsis(void)
{
	const char *text = "Reflow profile outside the process window of the paste and the board, "
	    "measured by the profiler on the conveyor";
	size_t n = sheet_fit(text, 40, lines, 2);

	CHECK_INT(n, 2);
	lines_are_whole(n, 40);
	CHECK(!ends_with(lines[0], LAYOUT_ELLIPSIS));
	CHECK(ends_with(lines[1], LAYOUT_ELLIPSIS));
	/* What is shown is the start of the text, as it was wrapped. */
	CHECK_STR(lines[0], "Reflow profile outside the process");
	CHECK(strncmp(lines[1], "window of the paste and the board,", 34) == 0);
	/* One line only: the first line, cut. */
	CHECK_INT(sheet_fit(text, 40, lines, 1), 1);
	CHECK(ends_with(lines[0], LAYOUT_ELLIPSIS));
	CHECK_STR(lines[0], "Reflow profile outside the process" LAYOUT_ELLIPSIS);
	lines_are_whole(1, 40);
	/* Asked for more lines than a cell has: a cell's worth. */
	CHECK(sheet_fit(text, 10, lines, 99) <= SHEET_CAPTION_LINES);
}

static void
chinese_is_never_cut_in_half(void)
{
	/* 60 ideographs, 120 columns: two lines of 40 hold 40 columns each and
	 * the second ends with the ellipsis in place of its last ideograph. */
	char text[60 * 3 + 1] = "";
	for (int i = 0; i < 60; i++)
		strcat(text, i % 2 ? "锡" : "焊");
	size_t n = sheet_fit(text, 40, lines, 2);
	CHECK_INT(n, 2);
	lines_are_whole(n, 40);
	CHECK_INT(utf8_width(lines[0]), 40);
	CHECK(ends_with(lines[1], LAYOUT_ELLIPSIS));
	/* 19 ideographs (38 columns) and the ellipsis: 39; a 20th would make 41. */
	CHECK_INT(utf8_width(lines[1]), 39);
	/* An odd width: never half of a wide character. */
	n = sheet_fit(text, 7, lines, 3);
	CHECK_INT(n, 3);
	lines_are_whole(n, 7);
	CHECK_INT(utf8_width(lines[0]), 6);
	/* Kinsoku: the full-width comma stays with the word before it. */
	CHECK_INT(sheet_fit("引脚氧化引脚氧化引脚氧化引脚氧化，上锡不良", 32, lines, 2), 2);
	CHECK(strncmp(lines[1], "，", strlen("，")) != 0);
	lines_are_whole(2, 32);
}

static void
what_an_svg_cannot_hold_is_replaced(void)
{
	/* A control character and a bad byte: one U+FFFD each, one column. */
	CHECK_INT(sheet_fit("OK\x01 bad \xff end\ttab", 40, lines, 2), 1);
	CHECK_STR(lines[0], "OK\xEF\xBF\xBD bad \xEF\xBF\xBD end tab");
	lines_are_whole(1, 40);
}

static void
pages_hold_eight_codes(void)
{
	CHECK_INT(sheet_pages(0), 1);
	CHECK_INT(sheet_pages(1), 1);
	CHECK_INT(sheet_pages(7), 1);
	CHECK_INT(sheet_pages(SHEET_PER_PAGE), 1);
	CHECK_INT(sheet_pages(SHEET_PER_PAGE + 1), 2);
	CHECK_INT(sheet_pages(15), 2);
	CHECK_INT(sheet_pages(3 * SHEET_PER_PAGE), 3);
}

static void
defect_codes_a_sheet_takes(void)
{
	CHECK(sheet_defect_code_ok("BRIDGE"));
	CHECK(sheet_defect_code_ok("COLD-JOINT"));
	CHECK(sheet_defect_code_ok(".."));
	CHECK(sheet_defect_code_ok("A*?$`'\\|;&<>"));
	CHECK(sheet_defect_code_ok("1234567890123456789012345678901234567890"));
	CHECK(!sheet_defect_code_ok("12345678901234567890123456789012345678901"));
	CHECK(!sheet_defect_code_ok(""));
	CHECK(!sheet_defect_code_ok("A B"));
	CHECK(!sheet_defect_code_ok("../etc"));
	CHECK(!sheet_defect_code_ok("A\"B"));
	CHECK(!sheet_defect_code_ok("A\nB"));
	CHECK(!sheet_defect_code_ok("A\x7f"));
	CHECK(!sheet_defect_code_ok("焊"));
}

static void
file_names_stay_in_the_folder(void)
{
	char name[64];

	REQUIRE(sheet_defect_file("BRIDGE", name, sizeof name));
	CHECK_STR(name, "defect-BRIDGE.png");
	REQUIRE(sheet_defect_file("COLD-JOINT", name, sizeof name));
	CHECK_STR(name, "defect-COLD-JOINT.png");
	REQUIRE(sheet_defect_file("a_b+c.1", name, sizeof name));
	CHECK_STR(name, "defect-a_b+c.1.png");
	/* Never a '/', never "." or ".." on its own. */
	REQUIRE(sheet_defect_file("../../etc/passwd", name, sizeof name));
	CHECK_STR(name, "defect-..%2F..%2Fetc%2Fpasswd.png");
	REQUIRE(sheet_defect_file("..", name, sizeof name));
	CHECK_STR(name, "defect-...png");
	/* What a shell would read: written %XX, and '%' itself, so two codes
	 * never share a name. */
	REQUIRE(sheet_defect_file("A*B?$`'\\|;&<> ", name, sizeof name));
	CHECK_STR(name, "defect-A%2AB%3F%24%60%27%5C%7C%3B%26%3C%3E%20.png");
	REQUIRE(sheet_defect_file("A%2F", name, sizeof name));
	CHECK_STR(name, "defect-A%252F.png");
	REQUIRE(sheet_defect_file("A/", name, sizeof name));
	CHECK_STR(name, "defect-A%2F.png");
	REQUIRE(sheet_defect_file("\xe7\x84\x8a\n", name, sizeof name));
	CHECK_STR(name, "defect-%E7%84%8A%0A.png");
	REQUIRE(sheet_defect_file("-rf", name, sizeof name));
	CHECK_STR(name, "defect--rf.png");
	/* Too long for the buffer: refused, not cut into another name. */
	CHECK(!sheet_defect_file("BRIDGE", name, strlen("defect-BRIDGE.png")));
	CHECK(sheet_defect_file("BRIDGE", name, strlen("defect-BRIDGE.png") + 1));
	CHECK(!sheet_defect_file("//", name, strlen("defect-%2F%2F.png")));
	CHECK(!sheet_defect_file("X", name, 3));
}

int
main(void)
{
	RUN(a_short_caption_is_one_line);
	RUN(a_longer_caption_wraps_at_a_space);
	RUN(a_caption_too_long_is_cut_with_an_ellipsis);
	RUN(chinese_is_never_cut_in_half);
	RUN(what_an_svg_cannot_hold_is_replaced);
	RUN(pages_hold_eight_codes);
	RUN(defect_codes_a_sheet_takes);
	RUN(file_names_stay_in_the_folder);
	return check_done();
}
