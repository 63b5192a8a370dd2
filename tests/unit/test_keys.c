/* test_keys.c — function keys on any terminal: Esc-digit, the escape
 * sequences curses did not recognise, and nothing of them on the line. */
#include "terminal/keys.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

/* What a run of keys made: "F10", "Q" (Esc q), "c:X" (a character), "R"
 * (resize), "Up", "Down", "Cancel" (Esc Enter), space-separated. */
static char got[512];

static void
note(const struct keys_action *a)
{
	size_t n = strlen(got);
	const char *sep = n ? " " : "";

	switch (a->kind) {
	case KEYS_CHAR:
		if (a->code >= 0x20 && a->code < 0x7F)
			snprintf(got + n, sizeof got - n, "%sc:%c", sep, (char)a->code);
		else
			snprintf(got + n, sizeof got - n, "%sc:0x%X", sep, (unsigned)a->code);
		break;
	case KEYS_FUNCTION:
		snprintf(got + n, sizeof got - n, "%sF%u", sep, (unsigned)a->code);
		break;
	case KEYS_QUIT:
		snprintf(got + n, sizeof got - n, "%sQ", sep);
		break;
	case KEYS_RESIZE:
		snprintf(got + n, sizeof got - n, "%sR", sep);
		break;
	case KEYS_UP:
		snprintf(got + n, sizeof got - n, "%sUp", sep);
		break;
	case KEYS_DOWN:
		snprintf(got + n, sizeof got - n, "%sDown", sep);
		break;
	case KEYS_CANCEL:
		snprintf(got + n, sizeof got - n, "%sCancel", sep);
		break;
	case KEYS_NONE:
		break;
	}
}

static void
feed_key(struct keys_reader *r, enum screen_key_kind kind, uint32_t code)
{
	struct screen_key k = { kind, code };
	struct keys_action a;

	if (keys_feed(r, &k, &a))
		note(&a);
	else
		CHECK_INT(a.kind, KEYS_NONE);
}

/* Feeds the bytes of s as characters; "\x1b" is Esc. */
static const char *
feed(const char *s)
{
	struct keys_reader r;

	keys_init(&r);
	got[0] = '\0';
	for (; *s; s++)
		feed_key(&r, SCREEN_KEY_CHAR, (unsigned char)*s);
	return got;
}

static void
esc_digit_is_a_function_key(void)
{
	CHECK_STR(feed("\x1b" "1"), "F1");
	CHECK_STR(feed("\x1b" "0"), "F10");
	CHECK_STR(feed("\x1b" "5"), "F5");
	CHECK_STR(feed("\x1b" "q"), "Q");
	CHECK_STR(feed("\x1b" "Q"), "Q");
	/* Esc and a key that means nothing with it: both dropped. */
	CHECK_STR(feed("\x1b" "x" "ab"), "c:a c:b");
	/* Esc Esc 1: the second Esc starts again. */
	CHECK_STR(feed("\x1b\x1b" "1"), "F1");
	/* Esc Enter cancels a question; Enter alone is Enter. */
	CHECK_STR(feed("\x1b\r" "\r"), "Cancel c:0xD");
	CHECK_STR(feed("\x1b\n"), "Cancel");
}

static void
sequences_become_keys_or_nothing(void)
{
	/* F10 under TERM=vt100, whose terminfo lacks it: never "[21~". */
	CHECK_STR(feed("\x1b[21~"), "F10");
	CHECK_STR(feed("\x1b[11~\x1b[12~\x1b[15~\x1b[17~\x1b[24~"), "F1 F2 F5 F6 F12");
	/* With modifiers (Shift-F5 in xterm): the key all the same. */
	CHECK_STR(feed("\x1b[15;2~"), "F5");
	CHECK_STR(feed("\x1b[1;5P\x1b[S"), "F1 F4");
	/* The Linux console's F1-F5 and the VT100 keypad's. */
	CHECK_STR(feed("\x1b[[A\x1b[[E"), "F1 F5");
	CHECK_STR(feed("\x1bOP\x1bOx\x1bO2Q"), "F1 F10 F2");
	CHECK_STR(feed("\x1bOM"), "c:0xD");
	/* 8-bit CSI. */
	{
		struct keys_reader r;
		keys_init(&r);
		got[0] = '\0';
		feed_key(&r, SCREEN_KEY_CHAR, 0x9B);
		feed_key(&r, SCREEN_KEY_CHAR, '2');
		feed_key(&r, SCREEN_KEY_CHAR, '1');
		feed_key(&r, SCREEN_KEY_CHAR, '~');
		CHECK_STR(got, "F10");
	}
	/* Unknown ones go whole: left and right, Insert, a made-up one, a mouse
	 * report; up and down are keys (a list of defect codes takes them). */
	CHECK_STR(feed("a\x1b[Ab\x1b[2~c\x1b[99~d\x1b[?1;2$ye\x1bOAf"), "c:a Up c:b c:c c:d c:e Up c:f");
	CHECK_STR(feed("a\x1b[Cb\x1b[Dc\x1bOCd\x1b[H"), "c:a c:b c:c c:d");
	CHECK_STR(feed("\x1b[B\x1bOB\x1b[1;5A\x1b[2A\x1b[1;2B"), "Down Down Up Down");
	/* Longer than the reader keeps: still dropped whole. */
	CHECK_STR(feed("\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14~z"), "c:z");
	/* Broken off by Enter: the Enter counts, the sequence does not. */
	CHECK_STR(feed("\x1b[2\r"), "c:0xD");
	CHECK_STR(feed("\x1bO\r"), "c:0xD");
	/* A new Esc inside a sequence starts a new one. */
	CHECK_STR(feed("\x1b[2\x1b[21~"), "F10");
}

static void
curses_keys_and_resize(void)
{
	struct keys_reader r;

	keys_init(&r);
	got[0] = '\0';
	feed_key(&r, SCREEN_KEY_FUNCTION, 10);
	feed_key(&r, SCREEN_KEY_RESIZE, 0);
	/* A stray Esc before a key curses knew is dropped. */
	feed_key(&r, SCREEN_KEY_CHAR, 0x1B);
	CHECK(keys_after_esc(&r));
	feed_key(&r, SCREEN_KEY_FUNCTION, 1);
	CHECK(!keys_after_esc(&r));
	feed_key(&r, SCREEN_KEY_OTHER, 0);      /* a left arrow curses knew */
	feed_key(&r, SCREEN_KEY_FUNCTION, 13);  /* beyond F12: nothing */
	feed_key(&r, SCREEN_KEY_CHAR, 0x88C5);  /* 装 */
	feed_key(&r, SCREEN_KEY_CHAR, 0x1B);    /* a stray Esc before an arrow: dropped */
	feed_key(&r, SCREEN_KEY_DOWN, 0);
	feed_key(&r, SCREEN_KEY_UP, 0);
	CHECK_STR(got, "F10 R F1 c:0x88C5 Down Up");
	/* A resize inside a sequence does not break it. */
	keys_init(&r);
	got[0] = '\0';
	feed_key(&r, SCREEN_KEY_CHAR, 0x1B);
	feed_key(&r, SCREEN_KEY_CHAR, '[');
	feed_key(&r, SCREEN_KEY_RESIZE, 0);
	feed_key(&r, SCREEN_KEY_CHAR, '2');
	feed_key(&r, SCREEN_KEY_CHAR, '1');
	feed_key(&r, SCREEN_KEY_CHAR, '~');
	CHECK_STR(got, "R F10");
}

/* Every printable key typed after any sequence reaches the line, and no
 * byte of a sequence does: the line gets exactly the typed text. */
static void
no_sequence_byte_reaches_the_line(void)
{
	static const char *const seqs[] = { "\x1b[21~", "\x1b[A", "\x1bOx", "\x1b[[B", "\x1b[1;5P",
		"\x1b" "0", "\x1b" "7", "\x1bq", "\x1b[200~", "\x1b[M", "\x1b]" };
	char buf[64];

	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		snprintf(buf, sizeof buf, "%sSN-1", seqs[i]);
		feed(buf);
		char *chars = strstr(got, "c:S c:N c:- c:1");
		if (chars == NULL || strlen(chars) != strlen("c:S c:N c:- c:1"))
			check_fail(__FILE__, __LINE__, "after sequence %zu: \"%s\"", i, got);
		/* Nothing before the typed text but function keys or a quit. */
		for (char *p = got; p < chars; p++)
			if (p[0] == 'c' && p[1] == ':')
				check_fail(__FILE__, __LINE__, "sequence %zu leaked: \"%s\"", i, got);
	}
}

int
main(void)
{
	RUN(esc_digit_is_a_function_key);
	RUN(sequences_become_keys_or_nothing);
	RUN(curses_keys_and_resize);
	RUN(no_sequence_byte_reaches_the_line);
	return check_done();
}
