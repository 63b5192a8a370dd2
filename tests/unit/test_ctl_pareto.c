/*
 * test_ctl_pareto.c — the Pareto of `yokectl defects pareto`
 * (terminal/ctl/pareto.c): occurrences counted per key, most first (equal
 * counts by key), shares that add up (the cumulative share of the last row
 * is 100 exactly), and bars drawn by display width: every line fits the
 * width asked for with its last column free, whatever language the labels
 * and headings are in; bars follow the counts and none is empty.
 */
#include "terminal/ctl/pareto.h"
#include "terminal/ctl/table.h"
#include "shared/i18n.h"
#include "shared/layout.h"
#include "shared/utf8.h"
#include "tests/lib/check.h"
#include "tests/lib/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
counts_and_orders(void)
{
	struct pareto p = { 0 };
	const char *keys[] = { "A", "B", "C", "B", "D", "A", "B", "D", "D", "B", "D", "A", "B", "D" };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		pareto_add(&p, keys[i], strcmp(keys[i], "B") == 0 ? "bridge" : "");
	pareto_add(&p, "B", "a later label is not kept");
	pareto_finish(&p);
	REQUIRE(p.n == 4);
	CHECK_INT(p.total, 15);
	/* B 6, D 5, A 3, C 1 */
	CHECK_STR(p.rows[0].key, "B");
	CHECK_INT(p.rows[0].count, 6);
	CHECK_STR(p.rows[0].label, "bridge");
	CHECK_STR(p.rows[1].key, "D");
	CHECK_INT(p.rows[1].count, 5);
	CHECK_STR(p.rows[2].key, "A");
	CHECK_STR(p.rows[3].key, "C");
	CHECK_NEAR(p.rows[0].percent, 40.0, 1e-9);
	CHECK_NEAR(p.rows[1].cumulative, 100.0 * 11 / 15, 1e-9);
	CHECK(p.rows[3].cumulative == 100.0);
	pareto_free(&p);
	CHECK(p.rows == NULL && p.n == 0 && p.total == 0);
}

static void
equal_counts_go_by_key(void)
{
	struct pareto p = { 0 };
	/* Added in an order that is not the key order. */
	const char *keys[] = { "TORQUE", "BRIDGE", "ESD", "ESD", "TORQUE", "BRIDGE", "OPEN" };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		pareto_add(&p, keys[i], NULL);
	pareto_finish(&p);
	REQUIRE(p.n == 4);
	CHECK_STR(p.rows[0].key, "BRIDGE");
	CHECK_STR(p.rows[1].key, "ESD");
	CHECK_STR(p.rows[2].key, "TORQUE");
	CHECK_STR(p.rows[3].key, "OPEN");
	CHECK_STR(p.rows[3].label, "");
	pareto_free(&p);
}

/* Shares of many keys with counts that do not divide evenly: each row's
 * share is its count's, the cumulative never falls and ends at 100. */
static void
shares_add_up(void)
{
	struct pareto p = { 0 };
	char key[16];
	unsigned seed = 7;
	double sum = 0, last = 0;

	for (int i = 0; i < 5000; i++) {
		seed = seed * 1103515245u + 12345u;
		snprintf(key, sizeof key, "K%u", (seed >> 16) % 37);
		pareto_add(&p, key, NULL);
	}
	pareto_finish(&p);
	CHECK_INT(p.total, 5000);
	for (size_t i = 0; i < p.n; i++) {
		CHECK_NEAR(p.rows[i].percent, 100.0 * p.rows[i].count / 5000, 1e-9);
		CHECK(p.rows[i].cumulative >= last);
		if (i)
			CHECK(p.rows[i].count <= p.rows[i - 1].count);
		sum += p.rows[i].percent;
		last = p.rows[i].cumulative;
	}
	CHECK_NEAR(sum, 100.0, 1e-6);
	CHECK(last == 100.0);
	pareto_free(&p);
}

/* The lines pareto_print writes, split (at most max). */
static size_t
draw(const struct pareto *p, int width, const char *heading, char **text, char **lines, size_t max)
{
	size_t size = 0, n = 0;
	FILE *f = open_memstream(text, &size);
	if (f == NULL)
		return 0;
	pareto_print(p, f, width, heading);
	fclose(f);
	for (char *save = NULL, *l = strtok_r(*text, "\n", &save); l && n < max;
	    l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	return n;
}

static int
bar_length(const char *line)
{
	size_t n = strlen(line), k = 0;
	while (k < n && line[n - 1 - k] == '#')
		k++;
	return (int)k;
}

/* The display column where the bar starts (the first '#' of the run at the end). */
static int
bar_column(const char *line)
{
	size_t n = strlen(line) - (size_t)bar_length(line);
	return utf8_nwidth(line, n);
}

static void
check_drawing(const struct pareto *p, int width, const char *heading)
{
	char *text = NULL, *lines[64];
	size_t n = draw(p, width, heading, &text, lines, 64);
	int first_bar = -1, col = -1;

	REQUIRE(text != NULL);
	CHECK_INT(n, p->n + 1);
	for (size_t i = 0; i < n; i++) {
		int w = utf8_width(lines[i]);
		if (w > width - 1)
			check_fail(__FILE__, __LINE__, "line %zu is %d columns wide at width %d: %s", i, w,
			    width, lines[i]);
		CHECK(utf8_valid(lines[i], strlen(lines[i])));
		CHECK(lines[i][strlen(lines[i]) - 1] != ' ');
		if (i == 0) {
			CHECK_INT(bar_length(lines[0]), 0);
			continue;
		}
		int len = bar_length(lines[i]);
		CHECK(len >= 1);
		if (i == 1)
			first_bar = len;
		else
			CHECK(len <= first_bar);
		/* Every bar starts at the same display column. */
		if (col < 0)
			col = bar_column(lines[i]);
		else
			CHECK_INT(bar_column(lines[i]), col);
	}
	/* The largest count's bar takes the whole room left on the line. */
	CHECK_INT(col + first_bar, width - 1);
	free(text);
}

static void
bars_fit_in_any_language(void)
{
	struct pareto p = { 0 };

	for (int i = 0; i < 40; i++)
		pareto_add(&p, "BRIDGE", "Solder bridge between pins 引脚间连锡");
	for (int i = 0; i < 13; i++)
		pareto_add(&p, "OVEN-PROFILE", "炉温曲线超出工艺窗口");
	for (int i = 0; i < 7; i++)
		pareto_add(&p, "ESD", "静电损伤");
	pareto_add(&p, "LABEL", "e\xcc\x81tiquette");
	pareto_finish(&p);
	check_drawing(&p, 80, "DEFECT");
	check_drawing(&p, 80, "缺陷代码");
	check_drawing(&p, 60, "缺陷代码");
	check_drawing(&p, 132, "DEFECT");
	/* Too narrow for everything: the key column gives way first. */
	check_drawing(&p, 48, "缺陷代码");
	pareto_free(&p);
}

static void
bars_follow_the_counts(void)
{
	struct pareto p = { 0 };
	char *text = NULL, *lines[8];
	size_t n;
	int full;

	for (int i = 0; i < 100; i++)
		pareto_add(&p, "A", NULL);
	for (int i = 0; i < 50; i++)
		pareto_add(&p, "B", NULL);
	pareto_add(&p, "C", NULL);   /* 1 of 100: rounds to nothing, drawn as one mark */
	pareto_finish(&p);
	n = draw(&p, 80, "KEY", &text, lines, 8);
	REQUIRE(n == 4);
	full = bar_length(lines[1]);
	CHECK(full > 20);
	CHECK(abs(bar_length(lines[2]) * 2 - full) <= 1);
	CHECK_INT(bar_length(lines[3]), 1);
	/* The numbers: count, share, cumulative share. */
	CHECK(strstr(lines[1], " 100") != NULL);
	CHECK(strstr(lines[1], "66.2%") != NULL);
	CHECK(strstr(lines[3], "0.7%") != NULL);
	CHECK(strstr(lines[3], "100.0%") != NULL);
	free(text);
	pareto_free(&p);
}

static void
a_long_label_is_cut(void)
{
	struct pareto p = { 0 };
	char *text = NULL, *lines[4];
	const char *label = "表面贴装后回流焊接中出现的引脚间连锡与桥接缺陷需返修";

	pareto_add(&p, "BRIDGE", label);
	pareto_finish(&p);
	REQUIRE(draw(&p, 80, "DEFECT", &text, lines, 4) == 2);
	CHECK(strstr(lines[1], "BRIDGE 表面") == lines[1]);
	CHECK(strstr(lines[1], LAYOUT_ELLIPSIS) != NULL);
	CHECK(strstr(lines[1], "需返修") == NULL);
	free(text);
	pareto_free(&p);
}

static void
nothing_to_draw(void)
{
	struct pareto p = { 0 };
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	REQUIRE(f != NULL);
	pareto_finish(&p);
	pareto_print(&p, f, 80, "DEFECT");
	pareto_json(&p, f);
	fclose(f);
	CHECK_STR(text, "[]");
	free(text);
}

static void
json_rows(void)
{
	struct pareto p = { 0 };
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	REQUIRE(f != NULL);
	pareto_add(&p, "1001", "Li Wei \"李伟\"");
	pareto_add(&p, "1002", "Chen Jing");
	pareto_add(&p, "1001", NULL);
	pareto_finish(&p);
	pareto_json(&p, f);
	fclose(f);
	CHECK_STR(text, "[{\"key\":\"1001\",\"label\":\"Li Wei \\\"李伟\\\"\",\"count\":2,"
	    "\"percent\":66.6667,\"cumulative_percent\":66.6667},{\"key\":\"1002\",\"label\":"
	    "\"Chen Jing\",\"count\":1,\"percent\":33.3333,\"cumulative_percent\":100.0000}]");
	free(text);
	pareto_free(&p);
}

/* With the Chinese catalogue the headings are Chinese too (two columns a
 * character), and the lines still fit. */
static void
chinese_headings_fit(void)
{
	struct pareto p = { 0 };
	char *text = NULL, *lines[8];

	REQUIRE(i18n_use("zh_CN"));
	for (int i = 0; i < 9; i++)
		pareto_add(&p, "1002", "Chen Jing 陈静");
	for (int i = 0; i < 4; i++)
		pareto_add(&p, "1004", "Wang Fang 王芳");
	pareto_finish(&p);
	check_drawing(&p, 80, "操作员");
	REQUIRE(draw(&p, 80, "操作员", &text, lines, 8) == 3);
	CHECK(strstr(lines[0], "操作员") == lines[0]);
	CHECK(strstr(lines[0], "COUNT") == NULL);
	free(text);
	pareto_free(&p);
	i18n_use("en");
}

int
main(void)
{
	harness_i18n_init();
	RUN(counts_and_orders);
	RUN(equal_counts_go_by_key);
	RUN(shares_add_up);
	RUN(bars_fit_in_any_language);
	RUN(bars_follow_the_counts);
	RUN(a_long_label_is_cut);
	RUN(nothing_to_draw);
	RUN(json_rows);
	RUN(chinese_headings_fit);
	return check_done();
}
