/* keys.c — see keys.h. */
#include "terminal/keys.h"

#include <stdlib.h>
#include <string.h>

enum { GROUND = 0, AFTER_ESC, IN_CSI, IN_SS3 };

#define ESC 0x1B
#define C1_CSI 0x9B
#define C1_SS3 0x8F

void
keys_init(struct keys_reader *r)
{
	memset(r, 0, sizeof *r);
	r->state = GROUND;
}

bool
keys_after_esc(const struct keys_reader *r)
{
	return r->state == AFTER_ESC;
}

static bool
make(struct keys_action *a, enum keys_kind kind, uint32_t code)
{
	a->kind = kind;
	a->code = code;
	return kind != KEYS_NONE;
}

static void
start_seq(struct keys_reader *r, int state)
{
	r->state = state;
	r->len = 0;
	r->too_long = false;
	r->seq[0] = '\0';
}

/* The function key a complete CSI sequence (parameters in r->seq, then
 * `final`) stands for, 0 for none. */
static unsigned
csi_function(const struct keys_reader *r, uint32_t final)
{
	/* The first parameter; modifiers after ';' do not change the key. */
	long p = 0;
	const char *s = r->seq;

	if (r->too_long)
		return 0;
	if (s[0] == '[')                       /* Linux console: ESC [ [ A-E */
		return s[1] == '\0' && final >= 'A' && final <= 'E' ? final - 'A' + 1 : 0;
	if (s[0] >= '0' && s[0] <= '9')
		p = strtol(s, NULL, 10);
	if (final == '~') {
		static const struct { long code; unsigned fn; } tilde[] = {
			{ 11, 1 }, { 12, 2 }, { 13, 3 }, { 14, 4 }, { 15, 5 }, { 17, 6 }, { 18, 7 },
			{ 19, 8 }, { 20, 9 }, { 21, 10 }, { 23, 11 }, { 24, 12 },
		};
		for (size_t i = 0; i < sizeof tilde / sizeof tilde[0]; i++)
			if (tilde[i].code == p)
				return tilde[i].fn;
		return 0;
	}
	/* xterm: ESC [ 1 ; modifiers P ... S (and ESC [ P ... S). */
	if (final >= 'P' && final <= 'S' && (p == 0 || p == 1))
		return final - 'P' + 1;
	return 0;
}

/* Up or down arrow: a complete CSI sequence ESC [ A, ESC [ 1 ; m B. */
static enum keys_kind
csi_arrow(const struct keys_reader *r, uint32_t final)
{
	const char *s = r->seq;

	if (r->too_long || (final != 'A' && final != 'B'))
		return KEYS_NONE;
	if (s[0] != '\0' && !(s[0] == '1' && (s[1] == '\0' || s[1] == ';')))
		return KEYS_NONE;
	return final == 'A' ? KEYS_UP : KEYS_DOWN;
}

/* SS3: the VT100 keypad's function keys and Enter, and the arrows in
 * application mode. */
static bool
ss3_key(uint32_t final, struct keys_action *a)
{
	static const char fkeys[] = "PQRStuvlwx";   /* F1 ... F10 */
	const char *p;

	if (final == 'A')
		return make(a, KEYS_UP, 0);
	if (final == 'B')
		return make(a, KEYS_DOWN, 0);
	if (final == 'M')
		return make(a, KEYS_CHAR, '\r');
	if (final != 0 && final < 0x80 && (p = strchr(fkeys, (int)final)) != NULL)
		return make(a, KEYS_FUNCTION, (uint32_t)(p - fkeys) + 1);
	return make(a, KEYS_NONE, 0);
}

static bool
ground(struct keys_reader *r, uint32_t c, struct keys_action *a)
{
	switch (c) {
	case ESC:
		r->state = AFTER_ESC;
		return make(a, KEYS_NONE, 0);
	case C1_CSI:
		start_seq(r, IN_CSI);
		return make(a, KEYS_NONE, 0);
	case C1_SS3:
		start_seq(r, IN_SS3);
		return make(a, KEYS_NONE, 0);
	default:
		return make(a, KEYS_CHAR, c);
	}
}

bool
keys_feed(struct keys_reader *r, const struct screen_key *k, struct keys_action *a)
{
	uint32_t c = k->code;
	unsigned fn;

	make(a, KEYS_NONE, 0);
	switch (k->kind) {
	case SCREEN_KEY_NONE:
	case SCREEN_KEY_EOF:
		return false;
	case SCREEN_KEY_RESIZE:
		return make(a, KEYS_RESIZE, 0);       /* a sequence under way goes on */
	case SCREEN_KEY_FUNCTION:
		r->state = GROUND;                    /* curses knew it: an Esc before it is stray */
		return k->code >= 1 && k->code <= 12 ? make(a, KEYS_FUNCTION, k->code) : false;
	case SCREEN_KEY_UP:
		r->state = GROUND;
		return make(a, KEYS_UP, 0);
	case SCREEN_KEY_DOWN:
		r->state = GROUND;
		return make(a, KEYS_DOWN, 0);
	case SCREEN_KEY_OTHER:
		r->state = GROUND;
		return false;
	case SCREEN_KEY_CHAR:
		break;
	}
	switch (r->state) {
	case AFTER_ESC:
		r->state = GROUND;
		if (c >= '0' && c <= '9')
			return make(a, KEYS_FUNCTION, c == '0' ? 10 : c - '0');
		if (c == 'q' || c == 'Q')
			return make(a, KEYS_QUIT, 0);
		if (c == '\r' || c == '\n')
			return make(a, KEYS_CANCEL, c);
		if (c == '[') {
			start_seq(r, IN_CSI);
			return false;
		}
		if (c == 'O') {
			start_seq(r, IN_SS3);
			return false;
		}
		if (c == ESC || c == C1_CSI || c == C1_SS3)
			return ground(r, c, a);
		return false;                         /* an Alt chord or a stray Esc: dropped */
	case IN_CSI:
		if (c >= 0x20 && c <= 0x3F) {         /* parameters and intermediates */
			if (r->len + 1 < sizeof r->seq) {
				r->seq[r->len++] = (char)c;
				r->seq[r->len] = '\0';
			} else {
				r->too_long = true;
			}
			return false;
		}
		if (c == '[' && r->len == 0) {        /* Linux console: ESC [ [ */
			r->seq[r->len++] = '[';
			r->seq[r->len] = '\0';
			return false;
		}
		r->state = GROUND;
		if (c >= 0x40 && c <= 0x7E) {
			enum keys_kind arrow = csi_arrow(r, c);
			if (arrow != KEYS_NONE)
				return make(a, arrow, 0);
			fn = csi_function(r, c);
			return fn ? make(a, KEYS_FUNCTION, fn) : false;
		}
		return ground(r, c, a);               /* broken off: the key is itself */
	case IN_SS3:
		r->state = GROUND;
		if (c >= 0x40 && c <= 0x7E)
			return ss3_key(c, a);
		if (c >= 0x20 && c < 0x40) {          /* a modifier: ESC O 2 P */
			r->state = IN_SS3;
			return false;
		}
		return ground(r, c, a);
	default:
		return ground(r, c, a);
	}
}
