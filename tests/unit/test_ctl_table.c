/*
 * test_ctl_table.c — yokectl's aligned columns (terminal/ctl/table.c): a
 * cell is fitted by display width, a CJK character counts two columns, a
 * text that does not fit ends with "…" and is never cut inside a
 * character, and every row of a table starts each column at the same
 * display column, whatever language its cells are in. (The cutting itself
 * is shared/layout.c's; test_layout tests it on its own.)
 */
#include "terminal/ctl/table.h"
#include "shared/layout.h"

#include "shared/utf8.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out[256];

static void
fits_and_pads(void)
{
	CHECK_INT(table_fit(out, sizeof out, "SMT-1", 8, true), 8);
	CHECK_STR(out, "SMT-1   ");
	CHECK_INT(table_fit(out, sizeof out, "SMT-1", 8, false), 5);
	CHECK_STR(out, "SMT-1");
	/* Two columns per ideograph: 刘洋 takes 4. */
	CHECK_INT(table_fit(out, sizeof out, "刘洋", 6, true), 6);
	CHECK_STR(out, "刘洋  ");
	CHECK_INT(table_fit(out, sizeof out, "刘洋", 4, true), 4);
	CHECK_STR(out, "刘洋");
	CHECK_INT(table_fit(out, sizeof out, "", 3, true), 3);
	CHECK_STR(out, "   ");
	CHECK_INT(table_fit(out, sizeof out, NULL, 2, true), 2);
	CHECK_STR(out, "  ");
	CHECK_INT(table_fit(out, sizeof out, "x", 0, true), 0);
	CHECK_STR(out, "");
}

static void
cuts_with_an_ellipsis_at_a_character(void)
{
	/* "刘洋" in 3 columns: 刘 (2) and the ellipsis (1); never half of 洋. */
	CHECK_INT(table_fit(out, sizeof out, "刘洋", 3, true), 3);
	CHECK_STR(out, "刘…");
	/* In 2 columns 刘 does not fit beside the ellipsis: one space pads. */
	CHECK_INT(table_fit(out, sizeof out, "刘洋", 2, true), 2);
	CHECK_STR(out, "… ");
	CHECK_INT(table_fit(out, sizeof out, "刘洋", 2, false), 1);
	CHECK_STR(out, "…");
	CHECK_INT(table_fit(out, sizeof out, "Liu Yang 刘洋", 10, true), 10);
	CHECK_STR(out, "Liu Yang …");
	/* 11 columns: 刘 would end at column 11, leaving none for the ellipsis. */
	CHECK_INT(table_fit(out, sizeof out, "Liu Yang 刘洋", 11, true), 11);
	CHECK_STR(out, "Liu Yang … ");
	CHECK_INT(table_fit(out, sizeof out, "Liu Yang 刘洋", 12, true), 12);
	CHECK_STR(out, "Liu Yang 刘…");
	CHECK_INT(table_fit(out, sizeof out, "SMT placement", 6, true), 6);
	CHECK_STR(out, "SMT p…");
	/* A combining mark stays with its letter: é (e + U+0301) is one column. */
	CHECK_INT(table_fit(out, sizeof out, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3, true), 3);
	CHECK_STR(out, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
	CHECK_INT(table_fit(out, sizeof out, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, true), 2);
	CHECK_STR(out, "e\xcc\x81…");
	/* A bad byte is one column and never glued to its neighbours. */
	CHECK_INT(table_fit(out, sizeof out, "ab\xff" "cd", 4, true), 4);
	CHECK_STR(out, "ab\xff…");
}

static void
a_small_buffer_still_cuts_at_a_character(void)
{
	char small[6];
	/* "刘洋" is 6 bytes: with 5 bytes of room only 刘 fits, as a cut text. */
	table_fit(small, sizeof small, "刘洋", 4, false);
	CHECK(utf8_valid(small, strlen(small)));
	CHECK(strlen(small) < sizeof small);
	CHECK(utf8_width(small) <= 4);
	table_fit(small, sizeof small, "刘洋刘洋", 4, true);
	CHECK(utf8_valid(small, strlen(small)));
	CHECK(strlen(small) < sizeof small);
}

/* Mixed ASCII, CJK, fullwidth punctuation and combining marks at every
 * width: the result is valid UTF-8, as wide as asked (padded) or narrower,
 * and is the text itself or a prefix of it followed by the ellipsis. */
static void
every_width_of_mixed_text(void)
{
	const char *pieces[] = { "A", "7", " ", "装", "板", "，", "e\xcc\x81", "SMT", "。", "-" };
	unsigned seed = 12345;

	for (int round = 0; round < 2000; round++) {
		char s[128] = "";
		int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			strcat(s, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
		}
		for (int w = 1; w <= 20; w++) {
			int got = table_fit(out, sizeof out, s, w, true);
			size_t len = strlen(out);
			REQUIRE(utf8_valid(out, len));
			CHECK_INT(got, w);
			CHECK_INT(utf8_width(out), w);
			table_fit(out, sizeof out, s, w, false);
			len = strlen(out);
			if (utf8_width(s) <= w) {
				CHECK_STR(out, s);
			} else {
				size_t el = strlen(LAYOUT_ELLIPSIS);
				REQUIRE(len >= el);
				CHECK(strcmp(out + len - el, LAYOUT_ELLIPSIS) == 0);
				CHECK(strncmp(out, s, len - el) == 0);
				CHECK(utf8_width(out) <= w);
			}
		}
	}
}

/* The display column at which the k-th column of line starts, given the
 * gap: counted by display width over runs of 2+ spaces. */
static int
column_start(const char *line, int k)
{
	int col = 0, seen = 0;
	const char *p = line;
	while (*p && seen < k) {
		if (p[0] == ' ' && p[1] == ' ') {
			while (*p == ' ') {
				p++;
				col++;
			}
			seen++;
			continue;
		}
		uint32_t cp;
		int n = utf8_decode(p, strlen(p), &cp);
		if (n == 0)
			n = 1;
		col += utf8_nwidth(p, (size_t)n);
		p += n;
	}
	return seen == k ? col : -1;
}

static void
columns_line_up_in_any_language(void)
{
	struct table *t = table_new(3);
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	char *lines[8];
	int n = 0;

	REQUIRE(f != NULL);
	table_column(t, 0, "序列号", 0);
	table_column(t, 1, "工序名称", 12);
	table_column(t, 2, "状态", 0);
	table_row(t, (const char *const[]){ "WO-A-0001", "贴片 SMT placement", "排队中" });
	table_row(t, (const char *const[]){ "WO-A-0002", "回流焊", "已扣留：外观不良" });
	table_row(t, (const char *const[]){ "WO-A-10003", "AOI", "" });
	table_print(t, f);
	table_free(t);
	fclose(f);
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l && n < 8;
	    l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	REQUIRE(n == 4);
	for (int i = 0; i < n; i++) {
		/* Column 2 starts after the widest serial (10) and the gap. */
		CHECK_INT(column_start(lines[i], 1), 10 + TABLE_GAP);
		/* Column 3 starts after the capped operation column (12). */
		if (i != 3)
			CHECK_INT(column_start(lines[i], 2), 10 + TABLE_GAP + 12 + TABLE_GAP);
		CHECK(lines[i][strlen(lines[i]) - 1] != ' ');
	}
	/* The long operation name was cut at a character, with the ellipsis. */
	CHECK(strstr(lines[1], "贴片 SMT pl…") != NULL);
	/* The last row's empty status leaves no spaces at the end. */
	CHECK_STR(lines[3], "WO-A-10003  AOI");
	free(text);
}

int
main(void)
{
	RUN(fits_and_pads);
	RUN(cuts_with_an_ellipsis_at_a_character);
	RUN(a_small_buffer_still_cuts_at_a_character);
	RUN(every_width_of_mixed_text);
	RUN(columns_line_up_in_any_language);
	return check_done();
}
