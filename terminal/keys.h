/*
 * keys.h — turns what the screen reads into the keys yoke acts on, so that
 * function keys work on any terminal and no escape sequence ever reaches
 * the input line. Pure code, no curses: screen.c hands over code points
 * (Esc is 27) and the function keys curses recognised from terminfo;
 * tests feed them directly.
 *
 *   Esc 1 ... Esc 9, Esc 0   F1 ... F9, F10: for keyboards and terminals
 *                            whose function keys curses does not know
 *   Esc q                    quit (as F10)
 *   Esc Enter                cancel: drops the question being asked
 *   Up, Down                 the arrow keys, as curses knows them or as
 *                            ESC [ A / ESC [ B (also with modifiers, 1;mA)
 *                            and ESC O A / ESC O B: they move through a
 *                            list (the defect codes); other arrows, Home
 *                            and the rest are dropped
 *   ESC [ ... final          a CSI sequence curses did not recognise (the
 *                            terminfo of TERM lacks it: F10 under vt100 is
 *                            ESC [ 2 1 ~): F1-F12 in the xterm/VT220 forms
 *                            (11~-15~, 17~-21~, 23~, 24~, 1;mP-S) and the
 *                            Linux console's ESC [ [ A-E become function
 *                            keys; anything else is dropped whole
 *   ESC O x                  SS3: P-S F1-F4, t-x F5-F10 (VT100 keypad), M
 *                            the keypad's Enter; anything else dropped
 *   Esc and any other key    dropped (an Alt chord, or a stray Esc)
 *
 * 8-bit CSI (U+009B) and SS3 (U+008F) are read like their ESC forms. A
 * sequence broken by a control character (Enter, say) is dropped and the
 * control character is taken as itself. An Esc waits for its key as long
 * as it takes (the help line says what it waits for).
 */
#ifndef YOKE_KEYS_H
#define YOKE_KEYS_H

#include "terminal/screen.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum keys_kind {
	KEYS_NONE = 0,         /* nothing (yet): part of a sequence, or dropped */
	KEYS_CHAR,             /* code: a code point for the input line */
	KEYS_FUNCTION,         /* code: n of Fn (1-12) */
	KEYS_QUIT,             /* Esc q */
	KEYS_RESIZE,
	KEYS_UP,
	KEYS_DOWN,
	KEYS_CANCEL,           /* Esc Enter; code: the Enter ('\r' or '\n') */
};

struct keys_action {
	enum keys_kind kind;
	uint32_t code;
};

struct keys_reader {
	int state;             /* ground, after Esc, in CSI, in SS3 */
	char seq[16];          /* the CSI parameters and intermediates so far */
	size_t len;
	bool too_long;         /* more than seq holds: dropped at its end */
};

void keys_init(struct keys_reader *r);
/* Feeds one key from the screen; fills a and returns true when it makes a key. */
bool keys_feed(struct keys_reader *r, const struct screen_key *k, struct keys_action *a);
/* True while an Esc waits for the key that says what it means. */
bool keys_after_esc(const struct keys_reader *r);

#endif
