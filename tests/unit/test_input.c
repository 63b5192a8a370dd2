/* test_input.c — line assembly from keys and cleaning of scanned lines. */
#include "terminal/input.h"
#include "shared/utf8.h"
#include "tests/lib/check.h"

#include <string.h>

static enum input_event
type(struct input *in, const char *s)
{
	enum input_event ev = INPUT_NONE;

	for (; *s; s++)
		ev = input_key(in, (unsigned char)*s);
	return ev;
}

static void
scan_ends_with_enter(void)
{
	struct input in = { .len = 0 };

	input_clear(&in);
	CHECK_INT(type(&in, "IC-555/L42"), INPUT_NONE);
	CHECK_STR(in.buf, "IC-555/L42");
	CHECK_INT(input_key(&in, '\r'), INPUT_LINE);
	CHECK_STR(in.buf, "IC-555/L42");
	input_clear(&in);
	/* The LF of a CR LF suffix is not a second (empty) line. */
	CHECK_INT(input_key(&in, '\n'), INPUT_NONE);
	CHECK_INT(input_key(&in, '\n'), INPUT_LINE);
	CHECK_STR(in.buf, "");
}

static void
backspace_removes_code_point(void)
{
	struct input in;

	input_clear(&in);
	in.after_cr = false;
	input_key(&in, 'a');
	input_key(&in, 0x88C5);     /* 装, 3 bytes */
	CHECK_INT(in.len, 4);
	input_key(&in, 0x7F);
	CHECK_STR(in.buf, "a");
	input_key(&in, 0x08);
	CHECK_STR(in.buf, "");
	input_key(&in, 0x7F);       /* on empty: nothing */
	CHECK_INT(in.len, 0);
}

static void
overflow_is_refused(void)
{
	struct input in;
	char out[INPUT_MAX + 1], err[160];

	input_clear(&in);
	in.after_cr = false;
	for (int i = 0; i < INPUT_MAX + 5; i++)
		input_key(&in, 'x');
	CHECK(in.overflow);
	CHECK_INT(in.len, INPUT_MAX);
	CHECK(!input_finish(in.buf, in.len, in.overflow, out, sizeof out, err, sizeof err));
	CHECK(strstr(err, "too long") != NULL);
}

static void
finish_strips_suffix_and_refuses_controls(void)
{
	char out[INPUT_MAX + 1], err[160];

	CHECK(input_finish("IC-555\t", 7, false, out, sizeof out, err, sizeof err));
	CHECK_STR(out, "IC-555");
	CHECK(input_finish("IC-555\r\n", 8, false, out, sizeof out, err, sizeof err));
	CHECK_STR(out, "IC-555");
	CHECK(input_finish("装板", 6, false, out, sizeof out, err, sizeof err));
	CHECK_STR(out, "装板");
	CHECK(input_finish("", 0, false, out, sizeof out, err, sizeof err));
	CHECK_STR(out, "");
	/* A GS (0x1D) inside is a GS1 label's separator: passed on as it is
	 * (issue 9). The control characters around it are still refused,
	 * saying where. */
	CHECK(input_finish("]C1010952123454321310AB\x1d" "21S1\r", 29, false, out, sizeof out, err,
	    sizeof err));
	CHECK_STR(out, "]C1010952123454321310AB\x1d" "21S1");
	CHECK(!input_finish("01123\x1e" "10AB", 10, false, out, sizeof out, err, sizeof err));
	CHECK(strstr(err, "0x1E at position 6") != NULL);
	CHECK(!input_finish("01123\x1c" "10AB", 10, false, out, sizeof out, err, sizeof err));
	CHECK(strstr(err, "0x1C at position 6") != NULL);
	/* A TAB in the middle is not a suffix. */
	CHECK(!input_finish("a\tb", 3, false, out, sizeof out, err, sizeof err));
	CHECK(strstr(err, "0x09") != NULL);
	CHECK(!input_finish("ab\xff", 3, false, out, sizeof out, err, sizeof err));
	CHECK(strstr(err, "UTF-8") != NULL);
	CHECK(!input_finish("\x1b[A", 3, false, out, sizeof out, err, sizeof err));
}

/* The input line never shows a raw control byte: GS as its sign, any
 * other as its code, text as it is. */
static void
visible_line(void)
{
	char out[4 * INPUT_MAX + 1];
	CHECK_INT(input_visible("10AB\x1d" "21S1", out, sizeof out), 11);
	CHECK_STR(out, "10AB\u241D" "21S1");
	input_visible("a\x1b[Ab\x7f", out, sizeof out);
	CHECK_STR(out, "a<1B>[Ab<7F>");
	input_visible("装板\xff", out, sizeof out);
	CHECK_STR(out, "装板<FF>");
	/* Cut at whole characters. */
	CHECK_INT(input_visible("ab\x1d", out, 5), 2);
	CHECK_STR(out, "ab");
	CHECK_INT(input_visible("", out, sizeof out), 0);
	/* A scanner's GS typed key by key reaches the line and is kept. */
	struct input in = { 0 };
	input_key(&in, '1');
	input_key(&in, INPUT_GS);
	input_key(&in, '2');
	CHECK_INT(in.len, 3);
	CHECK(in.buf[1] == 0x1d);
}

/* Types UTF-8 text as the screen hands it over: code point by code point. */
static void
type_text(struct input *in, const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		REQUIRE(k > 0);
		input_key(in, cp);
		i += (size_t)k;
	}
}

/* Ctrl-U clears the line; what was on it is wiped (it may be a PIN). */
static void
ctrl_u_clears_the_line(void)
{
	struct input in;

	input_clear(&in);
	in.after_cr = false;
	type_text(&in, "1357 装板");
	CHECK_INT(input_key(&in, INPUT_CTRL_U), INPUT_NONE);
	CHECK_INT(in.len, 0);
	CHECK_STR(in.buf, "");
	for (size_t i = 0; i < sizeof in.buf; i++)
		if (in.buf[i] != '\0')
			check_fail(__FILE__, __LINE__, "byte %zu left after Ctrl-U: 0x%02X", i,
			    (unsigned)(unsigned char)in.buf[i]);
	/* And the line goes on from empty. */
	type(&in, "SN1");
	CHECK_STR(in.buf, "SN1");
	CHECK_INT(input_key(&in, INPUT_CTRL_U), INPUT_NONE);
	CHECK_INT(input_key(&in, INPUT_CTRL_U), INPUT_NONE);     /* on empty: nothing */
	CHECK_STR(in.buf, "");
	/* After an overflow, Ctrl-U makes room again. */
	for (int i = 0; i < INPUT_MAX + 3; i++)
		input_key(&in, 'x');
	CHECK(in.overflow);
	input_key(&in, INPUT_CTRL_U);
	CHECK(!in.overflow);
}

/* Ctrl-W deletes the blanks before the cursor and the word before them,
 * whole code points of any script. */
static void
ctrl_w_deletes_a_word(void)
{
	struct input in;

	input_clear(&in);
	in.after_cr = false;
	type(&in, "IC-555/LOT-7 wrong");
	input_key(&in, INPUT_CTRL_W);
	CHECK_STR(in.buf, "IC-555/LOT-7 ");
	input_key(&in, INPUT_CTRL_W);
	CHECK_STR(in.buf, "");
	/* Chinese: a word is a run without blanks; no half character stays. */
	type_text(&in, "扫描 装板基准  ");
	input_key(&in, INPUT_CTRL_W);
	CHECK_STR(in.buf, "扫描 ");
	CHECK_INT(in.len, strlen("扫描 "));
	input_key(&in, INPUT_CTRL_W);
	CHECK_STR(in.buf, "");
	CHECK_INT(input_key(&in, INPUT_CTRL_W), INPUT_NONE);     /* on empty: nothing */
	CHECK_INT(in.len, 0);
	/* Mixed, with a combining mark: é (e + U+0301) goes with its word. */
	input_key(&in, 'a');
	input_key(&in, ' ');
	input_key(&in, 'e');
	input_key(&in, 0x0301);
	input_key(&in, 0x88C5);
	input_key(&in, INPUT_CTRL_W);
	CHECK_STR(in.buf, "a ");
	for (size_t i = in.len; i < sizeof in.buf; i++)
		if (in.buf[i] != '\0')
			check_fail(__FILE__, __LINE__, "byte %zu left after Ctrl-W", i);
}

int
main(void)
{
	RUN(scan_ends_with_enter);
	RUN(backspace_removes_code_point);
	RUN(overflow_is_refused);
	RUN(finish_strips_suffix_and_refuses_controls);
	RUN(visible_line);
	RUN(ctrl_u_clears_the_line);
	RUN(ctrl_w_deletes_a_word);
	return check_done();
}
