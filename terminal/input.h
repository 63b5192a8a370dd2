/*
 * input.h — one line of input from keys: what an operator types and what a
 * keyboard-wedge scanner "types" (fast, ending with Enter) are the same.
 *
 * Pure code, no curses: the screen layer turns keys into code points
 * (Enter = '\r' or '\n', backspace = 0x7F or 0x08) and feeds them here;
 * tests feed them directly.
 */
#ifndef YOKE_INPUT_H
#define YOKE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INPUT_MAX 256          /* bytes of one line; a longer scan is refused */
#define INPUT_CTRL_U 0x15      /* clears the line */
#define INPUT_CTRL_W 0x17      /* deletes the word before the cursor */
#define INPUT_GS 0x1D          /* group separator: between a GS1 label's fields */
/* How GS shows on the input line: U+241D SYMBOL FOR GROUP SEPARATOR, one
 * column wide, as the Unicode control pictures show control characters. */
#define INPUT_GS_SHOWN "\u241D"

struct input {
	char buf[INPUT_MAX + 1];   /* the raw line so far, UTF-8, NUL-terminated */
	size_t len;
	bool overflow;             /* more than INPUT_MAX bytes arrived */
	bool after_cr;             /* the last key was CR: a following LF is its pair */
};

enum input_event {
	INPUT_NONE = 0,            /* key taken, the line goes on */
	INPUT_LINE,                /* Enter: the raw line is in buf until input_clear */
};

void input_clear(struct input *in);
/*
 * Feeds one key as a code point. Enter ends the line (a scanner's CR LF
 * counts as one Enter); backspace removes the last code point; Ctrl-U
 * clears the line; Ctrl-W removes the blanks before the cursor (always the
 * end of the line) and the word before them, whole code points of any
 * script. Every other code point, control characters included, is kept so
 * that input_finish can say what was wrong with the line.
 */
enum input_event input_key(struct input *in, uint32_t key);
/*
 * Turns a raw line into the text to interpret: strips trailing CR, LF and
 * TAB (scanner suffixes), keeps GS (a GS1 label's separator, for the
 * server) and refuses invalid UTF-8, any other control character and
 * overlong lines, with a sentence in err that says what was
 * expected and what was got. Returns true and fills out (NUL-terminated)
 * when the line is good. out and err must hold at least INPUT_MAX + 1 and
 * 160 bytes; their sizes are given.
 */
bool input_finish(const char *raw, size_t len, bool overflow, char *out, size_t outsize,
    char *err, size_t errsize);

/*
 * The line as the input line shows it (NUL-terminated, at most size-1
 * bytes, whole characters): GS as INPUT_GS_SHOWN, any other control
 * character or byte that is not UTF-8 as "<1B>", never a raw control byte.
 * Returns the bytes written.
 */
size_t input_visible(const char *line, char *out, size_t size);

#endif
