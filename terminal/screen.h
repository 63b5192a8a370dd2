/*
 * screen.h — the only door to curses. Everything else draws through these
 * calls with UTF-8 text and colour roles named by meaning.
 *
 * Text is placed at its true display width (shared/utf8.h): wide CJK
 * characters take two cells, combining marks none, and every cell is
 * positioned explicitly, so a disagreement with the C library's wcwidth
 * cannot shift the rest of a line. The tty is restored on every exit path:
 * screen_end (also registered with atexit), and handlers for fatal signals
 * that reset the saved termios and the terminal modes, then re-raise.
 */
#ifndef YOKE_SCREEN_H
#define YOKE_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum screen_role {
	SCREEN_NORMAL = 0,
	SCREEN_ERROR,      /* refusals, OFFLINE, HELD: red (mono: bold reverse) */
	SCREEN_OK,         /* done steps, success: green (mono: bold) */
	SCREEN_WAITING,    /* waiting for the server: yellow (mono: underline) */
	SCREEN_ALERT,      /* what needs attention now, the current step: bold yellow/cyan (mono: bold) */
	SCREEN_HEADER,     /* title bars: white on blue (mono: reverse) */
	SCREEN_DIM,        /* not due, help text: dim */
	SCREEN_ROLES
};

enum screen_key_kind {
	SCREEN_KEY_NONE = 0,   /* nothing waiting */
	SCREEN_KEY_CHAR,       /* code: a code point (Enter is '\r', backspace 0x7F,
	                        * Esc 27: keys.c reads what follows it) */
	SCREEN_KEY_FUNCTION,   /* code: n of Fn, a function key terminfo names */
	SCREEN_KEY_RESIZE,
	SCREEN_KEY_UP,         /* the arrow keys up and down */
	SCREEN_KEY_DOWN,
	SCREEN_KEY_OTHER,      /* a key we do not use (left, right, Home ...) */
	SCREEN_KEY_EOF,        /* the terminal went away */
};

struct screen_key {
	enum screen_key_kind kind;
	uint32_t code;
};

/*
 * Saves the tty state and installs the signal handlers; call first.
 * SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT restore the terminal and
 * re-raise; SIGINT, SIGTERM and SIGHUP only set a flag that the loop reads
 * with screen_interrupted, so the exit is a clean one.
 */
void screen_protect(void);
bool screen_interrupted(void);
/*
 * Can this terminal show the screen? False, with a sentence in why (in the
 * current language, naming TERM), when TERM is unset or empty, is "dumb",
 * has no terminfo entry, or cannot address the cursor (no "cup"). Call
 * before screen_init, which would otherwise draw nothing useful.
 */
bool screen_usable(char *why, size_t size);
/*
 * Starts curses (ncursesw, no echo, keypad, colours unless mono). The
 * locale is the program's (i18n_init sets LC_CTYPE for UTF-8 and nothing
 * else, so numbers keep their '.').
 */
void screen_init(bool mono);
/* Restores the terminal; safe to call twice or before screen_init. */
void screen_end(void);
bool screen_active(void);

void screen_size(int *rows, int *cols);
void screen_erase(void);
/* Draws UTF-8 text at (y, x) in at most maxw columns; returns the columns used. */
int screen_put(int y, int x, int maxw, enum screen_role role, const char *text);
/* The same, bold (for emphasis within a role). */
int screen_put_bold(int y, int x, int maxw, enum screen_role role, const char *text);
/* Draws text cut to w columns with an ellipsis when it is wider
 * (layout_clip); returns the columns used. */
int screen_put_fit(int y, int x, int w, enum screen_role role, bool bold, const char *text);
/* Fills w columns of row y from x with blanks in the role (bars, banners). */
void screen_fill(int y, int x, int w, enum screen_role role);
/* Where the cursor rests after drawing (the input line), or hidden when y < 0. */
void screen_cursor(int y, int x);
void screen_flush(void);
void screen_beep(void);
/* Reads one key without waiting. */
bool screen_key(struct screen_key *k);

#endif
