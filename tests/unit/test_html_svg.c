/*
 * test_html_svg.c — the drawing of the HTML report (terminal/ctl/html_svg.c):
 * text escaped for HTML and SVG (the five characters, bad UTF-8, control
 * characters, cutting by display width), the axis top, and the geometry
 * of bars, stacks, the Pareto's cumulative line and a control chart's
 * marks, as known answers worked out by hand from html_svg.h's rules.
 */
#include "terminal/ctl/html_svg.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HAS_TEXT(text, what) do { \
	if (strstr((text), (what)) == NULL) \
		check_fail(__FILE__, __LINE__, "\"%s\" not in: %.2000s", (what), (text)); \
} while (0)

/* What f printed, as a string (free it). */
static char *
drawn(void (*draw)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return NULL;
	draw(f, arg);
	fclose(f);
	return buf;
}

static void
text_draw(FILE *f, const void *s)
{
	html_text(f, s);
}

static void
cut_draw(FILE *f, const void *s)
{
	html_text_cut(f, s, SVG_LABEL_COLS);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void
escapes_the_five(void)
{
	char *s = drawn(text_draw, "<script>alert(\"x&y\")</script>'");
	REQUIRE(s != NULL);
	CHECK_STR(s, "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;");
	free(s);
	s = drawn(text_draw, "\"&'<>");
	CHECK_STR(s, "&quot;&amp;&#39;&lt;&gt;");
	free(s);
	/* Chinese and other UTF-8 pass as they are. */
	s = drawn(text_draw, "主板未装到位 Ø");
	CHECK_STR(s, "主板未装到位 Ø");
	free(s);
}

static void
bad_bytes_and_controls(void)
{
	/* A lone 0xff is U+FFFD; a control character is left out; tab stays. */
	char *s = drawn(text_draw, "a\xff" "b\x01\x1b[31mc\td");
	CHECK_STR(s, "a\xEF\xBF\xBD" "b[31mc\td");
	free(s);
	s = drawn(text_draw, "");
	CHECK_STR(s, "");
	free(s);
}

static void
cuts_by_display_width(void)
{
	char *s = drawn(cut_draw, "ABCDEFGHIJKLMN");     /* 14 columns: fits */
	CHECK_STR(s, "ABCDEFGHIJKLMN");
	free(s);
	s = drawn(cut_draw, "ABCDEFGHIJKLMNO");          /* 15: 13 and "…" */
	CHECK_STR(s, "ABCDEFGHIJKLM\xE2\x80\xA6");
	free(s);
	s = drawn(cut_draw, "一二三四五六七八");            /* 16 columns: 6 (12) and "…" */
	CHECK_STR(s, "一二三四五六\xE2\x80\xA6");
	free(s);
	s = drawn(cut_draw, "<<<<<<<<<<<<<<<<");         /* cut first, escaped after */
	CHECK_STR(s, "&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;\xE2\x80\xA6");
	free(s);
}

static void
axis_tops(void)
{
	CHECK_NEAR(svg_nice_max(0), 1, 1e-12);
	CHECK_NEAR(svg_nice_max(-3), 1, 1e-12);
	CHECK_NEAR(svg_nice_max(1), 1, 1e-12);
	CHECK_NEAR(svg_nice_max(7), 10, 1e-12);
	CHECK_NEAR(svg_nice_max(10), 10, 1e-12);
	CHECK_NEAR(svg_nice_max(11), 20, 1e-12);
	CHECK_NEAR(svg_nice_max(0.3), 0.5, 1e-12);
	CHECK_NEAR(svg_nice_max(123), 200, 1e-9);
	CHECK_NEAR(svg_nice_max(2.0001), 5, 1e-12);
	CHECK_NEAR(svg_nice_max(507.5), 1000, 1e-9);
}

static void
bar_geometry(void)
{
	const struct svg_box b = { 100, 50, 400, 200 };
	struct svg_rect r;

	/* Slots of 100, bars of 70 in their middle; 5 of 10 is half of 200. */
	r = svg_bar(1, 4, 5, 10, &b);
	CHECK_NEAR(r.x, 215, 1e-9);
	CHECK_NEAR(r.w, 70, 1e-9);
	CHECK_NEAR(r.y, 150, 1e-9);
	CHECK_NEAR(r.h, 100, 1e-9);
	r = svg_bar(0, 4, 10, 10, &b);
	CHECK_NEAR(r.x, 115, 1e-9);
	CHECK_NEAR(r.y, 50, 1e-9);
	CHECK_NEAR(r.h, 200, 1e-9);
	r = svg_bar(3, 4, 12, 10, &b);                 /* above the axis: its top */
	CHECK_NEAR(r.x, 415, 1e-9);
	CHECK_NEAR(r.h, 200, 1e-9);
	r = svg_bar(2, 4, -3, 10, &b);                 /* negative: nothing */
	CHECK_NEAR(r.h, 0, 1e-9);
	CHECK_NEAR(r.y, 250, 1e-9);
	CHECK_NEAR(svg_y(0, 0, 100, &b), 250, 1e-9);
	CHECK_NEAR(svg_y(100, 0, 100, &b), 50, 1e-9);
	CHECK_NEAR(svg_y(25, 0, 100, &b), 200, 1e-9);
	CHECK_NEAR(svg_y(7, 7, 7, &b), 150, 1e-9);      /* flat axis: the middle */
}

static void
value_bars_draw(FILE *f, const void *arg)
{
	svg_value_bars(f, arg);
}

static void
value_bars(void)
{
	/* Height 300: the plot box is x 66, y 34, w 720-66-56 = 598, h 300-34-78 = 188.
	 * Two slots of 299, bars of 209.3 from 44.85 into the slot. */
	const char *labels[] = { "TEST-1", "<A&B>" };
	const double values[] = { 1.0, 0.5 };
	const char *texts[] = { "100.0 %", "50.0 %" };
	struct svg_value_bars c = { .title = "FPY \"per\" station", .colour = "#2e7d32", .max = 1,
		.n = 2, .labels = labels, .values = values, .texts = texts };
	char *s = drawn(value_bars_draw, &c);
	REQUIRE(s != NULL);
	HAS_TEXT(s, "<rect class=\"bar\" x=\"110.85\" y=\"34.00\" width=\"209.30\" height=\"188.00\"");
	HAS_TEXT(s, "<rect class=\"bar\" x=\"409.85\" y=\"128.00\" width=\"209.30\" height=\"94.00\"");
	HAS_TEXT(s, ">50.0 %</text>");
	HAS_TEXT(s, "&lt;A&amp;B&gt;");
	HAS_TEXT(s, "<title>FPY &quot;per&quot; station</title>");
	CHECK(strstr(s, "<A&B>") == NULL);
	CHECK(strstr(s, "http") == NULL && strstr(s, "href") == NULL);
	CHECK_INT(count(s, "<svg "), 1);
	CHECK_INT(count(s, "</svg>"), 1);
	free(s);
}

static void
stacked_draw(FILE *f, const void *arg)
{
	svg_stacked_bars(f, arg);
}

static void
stacked(void)
{
	/* Height 320, less a line of legend: box y 34+16 = 50, h 320-34-78-16 = 192.
	 * One group 2 + 3 = 5, axis 0..5: the first part from 192 * 3/5 = 115.2
	 * below the top (y 165.2, h 76.8), the second above it to the top (y 50,
	 * h 115.2); the 0 series draws nothing. */
	const char *groups[] = { "2025-03-04" };
	const char *series[] = { "P", "A", "I" };
	const char *colours[] = { "#111111", "#222222", "#333333" };
	const double values[] = { 2, 0, 3 };
	struct svg_stacked c = { .title = "trend", .unit = "CNY", .n_groups = 1, .n_series = 3,
		.groups = groups, .series = series, .colours = colours, .values = values };
	char *s = drawn(stacked_draw, &c);
	REQUIRE(s != NULL);
	HAS_TEXT(s, "y=\"165.20\" width=\"418.60\" height=\"76.80\" fill=\"#111111\"");
	HAS_TEXT(s, "y=\"50.00\" width=\"418.60\" height=\"115.20\" fill=\"#333333\"");
	CHECK_INT(count(s, "class=\"bar\""), 2);
	HAS_TEXT(s, ">2025-03-04</text>");
	free(s);
}

static void
pareto_draw(FILE *f, const void *arg)
{
	svg_pareto_chart(f, arg);
}

static void
pareto_line(void)
{
	/* 3 and 1 of 4: 75 % and 100 %. Box h 208: 75 % is 52 below the top
	 * (y 86), 100 % the top (34); the middles of slots of 299 at 215.5 and 514.5. */
	const char *labels[] = { "SEATING", "VOLTAGE" };
	const double values[] = { 3, 1 };
	struct svg_pareto c = { .title = "p", .unit = "NCRs", .colour = "#c62828", .n = 2,
		.labels = labels, .values = values };
	char *s = drawn(pareto_draw, &c);
	REQUIRE(s != NULL);
	HAS_TEXT(s, "points=\"215.50,86.00 514.50,34.00\"");
	CHECK_INT(count(s, "class=\"bar\""), 2);
	HAS_TEXT(s, ">100%</text>");
	free(s);
}

static void
control_draw(FILE *f, const void *arg)
{
	svg_control_chart(f, arg);
}

static void
control_chart(void)
{
	const double values[] = { 5.0, 5.02, 4.98, 5.15, 5.01 };
	const bool out[] = { false, false, false, true, false };
	struct svg_control c = { .title = "supply at TEST-1", .unit = "V", .n = 5, .values = values,
		.out = out, .has_cl = true, .has_ucl = true, .has_lcl = true, .cl = 5, .ucl = 5.1,
		.lcl = 4.9, .has_lsl = true, .lsl = 4.75, .has_usl = true, .usl = 5.25 };
	double lo, hi;
	char *s;

	svg_control_range(&c, &lo, &hi);
	CHECK_NEAR(lo, 4.75 - 0.025, 1e-9);             /* 4.75..5.25, a twentieth each side */
	CHECK_NEAR(hi, 5.25 + 0.025, 1e-9);
	s = drawn(control_draw, &c);
	REQUIRE(s != NULL);
	CHECK_INT(count(s, "class=\"out\""), 1);
	CHECK_INT(count(s, "class=\"point\""), 4);
	CHECK_INT(count(s, "class=\"limit\""), 5);
	HAS_TEXT(s, ">UCL 5.1</text>");
	HAS_TEXT(s, ">LSL 4.75</text>");
	free(s);
	/* Without limits and with one point: no line, the point in the middle. */
	struct svg_control one = { .title = "x", .n = 1, .values = values };
	svg_control_range(&one, &lo, &hi);
	CHECK_NEAR(lo, 4, 1e-9);
	CHECK_NEAR(hi, 6, 1e-9);
	s = drawn(control_draw, &one);
	CHECK_INT(count(s, "class=\"limit\""), 0);
	CHECK_INT(count(s, "<polyline"), 0);
	CHECK_INT(count(s, "class=\"point\""), 1);
	free(s);
}

int
main(void)
{
	RUN(escapes_the_five);
	RUN(bad_bytes_and_controls);
	RUN(cuts_by_display_width);
	RUN(axis_tops);
	RUN(bar_geometry);
	RUN(value_bars);
	RUN(stacked);
	RUN(pareto_line);
	RUN(control_chart);
	return check_done();
}
