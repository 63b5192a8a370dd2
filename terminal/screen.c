/*
 * screen.c — see screen.h. The only file that includes curses.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "terminal/screen.h"

#include "shared/i18n.h"
#include "shared/utf8.h"
#include "shared/layout.h"

#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

static bool active;
static bool colour;
static bool have_termios;
static struct termios saved_termios;
static volatile sig_atomic_t interrupted;
/* Terminal strings for the crash path, copied while it is safe to. */
static char restore_seq[256];
static size_t restore_len;

static attr_t role_attr[SCREEN_ROLES];
static short role_pair[SCREEN_ROLES];

static void
append_cap(const char *name)
{
	char *s = tigetstr((char *)name);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

/* Async-signal-safe: termios and write only. */
static void
on_fatal(int sig)
{
	if (have_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	if (active && restore_len > 0) {
		ssize_t r = write(STDOUT_FILENO, restore_seq, restore_len);
		(void)r;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
on_stop(int sig)
{
	(void)sig;
	interrupted = 1;
}

void
screen_protect(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	static const int stop[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_termios) == 0)
		have_termios = true;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
	/* No SA_RESTART: a blocking poll returns at once and the loop sees the flag. */
	sa.sa_handler = on_stop;
	sa.sa_flags = 0;
	for (i = 0; i < sizeof stop / sizeof stop[0]; i++)
		sigaction(stop[i], &sa, NULL);
	atexit(screen_end);
}

bool
screen_interrupted(void)
{
	return interrupted != 0;
}

static void
set_role(enum screen_role r, short fg, short bg, attr_t colour_attr, attr_t mono_attr)
{
	if (colour) {
		init_pair((short)(r + 1), fg, bg);
		role_pair[r] = (short)(r + 1);
		role_attr[r] = colour_attr;
	} else {
		role_pair[r] = 0;
		role_attr[r] = mono_attr;
	}
}

bool
screen_usable(char *why, size_t size)
{
	const char *term = getenv("TERM");
	int err = 0;
	char *cup;

	if (term == NULL || *term == '\0') {
		snprintf(why, size, _("TERM is not set: yoke needs a terminal that can move the cursor "
		    "(set TERM to the terminal's type, such as xterm, linux or vt100)"));
		return false;
	}
	if (strcmp(term, "dumb") == 0) {
		snprintf(why, size, _("TERM=%s cannot move the cursor: yoke needs a terminal with cursor "
		    "addressing (terminfo \"cup\"), such as xterm, linux or vt100"), term);
		return false;
	}
	if (setupterm((char *)term, STDOUT_FILENO, &err) != OK) {
		snprintf(why, size, _("TERM=%s is not in the terminfo database: yoke needs a known terminal "
		    "with cursor addressing (terminfo \"cup\"), such as xterm, linux or vt100"), term);
		return false;
	}
	cup = tigetstr((char *)"cup");
	del_curterm(cur_term);
	if (cup == NULL || cup == (char *)-1) {
		snprintf(why, size, _("TERM=%s cannot move the cursor: yoke needs a terminal with cursor "
		    "addressing (terminfo \"cup\"), such as xterm, linux or vt100"), term);
		return false;
	}
	return true;
}

void
screen_init(bool mono)
{
	initscr();
	active = true;
	cbreak();              /* Ctrl-C stays a signal: a clean exit */
	noecho();
	nonl();                /* Enter reads as CR, so a scanner's CR LF is one line end */
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	append_cap("sgr0");
	append_cap("rmcup");
	append_cap("cnorm");
	colour = !mono && has_colors();
	if (colour) {
		start_color();
		use_default_colors();
	}
	set_role(SCREEN_NORMAL, -1, -1, A_NORMAL, A_NORMAL);
	set_role(SCREEN_ERROR, COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE);
	set_role(SCREEN_OK, COLOR_GREEN, -1, A_NORMAL, A_BOLD);
	set_role(SCREEN_WAITING, COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE);
	set_role(SCREEN_ALERT, COLOR_CYAN, -1, A_BOLD, A_BOLD);
	set_role(SCREEN_HEADER, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE);
	set_role(SCREEN_DIM, -1, -1, A_DIM, A_DIM);
	if (colour) {
		role_pair[SCREEN_NORMAL] = 0;
		role_pair[SCREEN_DIM] = 0;
	}
}

void
screen_end(void)
{
	if (!active)
		return;
	active = false;
	curs_set(1);
	endwin();
}

bool
screen_active(void)
{
	return active;
}

void
screen_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

void
screen_erase(void)
{
	erase();
}

static int
put(int y, int x, int maxw, attr_t attr, short pair, const char *text)
{
	size_t n = strlen(text), i = 0;
	int col = 0;

	while (i < n) {
		wchar_t wc[6];
		cchar_t cc;
		uint32_t cp;
		int k = utf8_decode(text + i, n - i, &cp), w, m = 1;

		if (k == 0)
			k = 1;
		w = utf8_cp_width(cp);
		if (w < 0) {
			cp = '?';
			w = 1;
		}
		i += (size_t)k;
		if (w == 0)
			continue;       /* a mark without a base: nothing to put it on */
		if (col + w > maxw)
			break;
		wc[0] = (wchar_t)cp;
		/* Combining marks go into the same cell as their base. */
		while (i < n && m < 5) {
			uint32_t c2;
			int k2 = utf8_decode(text + i, n - i, &c2);
			if (k2 == 0 || utf8_cp_width(c2) != 0)
				break;
			wc[m++] = (wchar_t)c2;
			i += (size_t)k2;
		}
		wc[m] = L'\0';
		if (setcchar(&cc, wc, attr, pair, NULL) == OK)
			mvadd_wch(y, x + col, &cc);
		col += w;
	}
	return col;
}

int
screen_put(int y, int x, int maxw, enum screen_role role, const char *text)
{
	return put(y, x, maxw, role_attr[role], role_pair[role], text);
}

int
screen_put_bold(int y, int x, int maxw, enum screen_role role, const char *text)
{
	return put(y, x, maxw, role_attr[role] | A_BOLD, role_pair[role], text);
}

int
screen_put_fit(int y, int x, int w, enum screen_role role, bool bold, const char *text)
{
	char buf[1024];

	if (w <= 0)
		return 0;
	layout_clip(text, w, buf, sizeof buf);
	return bold ? screen_put_bold(y, x, w, role, buf) : screen_put(y, x, w, role, buf);
}

void
screen_fill(int y, int x, int w, enum screen_role role)
{
	cchar_t cc;
	wchar_t sp[2] = { L' ', L'\0' };

	setcchar(&cc, sp, role_attr[role], role_pair[role], NULL);
	for (int i = 0; i < w; i++)
		mvadd_wch(y, x + i, &cc);
}

void
screen_cursor(int y, int x)
{
	if (y < 0) {
		curs_set(0);
		return;
	}
	curs_set(1);
	move(y, x);
}

void
screen_flush(void)
{
	refresh();
}

void
screen_beep(void)
{
	beep();
}

bool
screen_key(struct screen_key *k)
{
	wint_t ch;
	int r = get_wch(&ch);

	k->code = 0;
	if (r == ERR) {
		k->kind = SCREEN_KEY_NONE;
		return false;
	}
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_ENTER:
			k->kind = SCREEN_KEY_CHAR;
			k->code = '\r';
			break;
		case KEY_BACKSPACE:
		case KEY_DC:
			k->kind = SCREEN_KEY_CHAR;
			k->code = 0x7F;
			break;
		case KEY_F(0):         /* vt100's kf0 sits where F10 is */
			k->kind = SCREEN_KEY_FUNCTION;
			k->code = 10;
			break;
		case KEY_RESIZE:
			k->kind = SCREEN_KEY_RESIZE;
			break;
		case KEY_UP:
			k->kind = SCREEN_KEY_UP;
			break;
		case KEY_DOWN:
			k->kind = SCREEN_KEY_DOWN;
			break;
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12)) {
				k->kind = SCREEN_KEY_FUNCTION;
				k->code = (uint32_t)(ch - KEY_F0);
			} else {
				k->kind = SCREEN_KEY_OTHER;
			}
			break;
		}
		return true;
	}
	k->kind = SCREEN_KEY_CHAR;
	k->code = (uint32_t)ch;
	return true;
}
