/*
 * usage.c — yoked --help (see usage.h).
 *
 * The help is a list of entries: a left column as it is typed (an option,
 * a variable, an exit status: never translated) and what it means, wrapped
 * by display width into the right column, so a Chinese text wraps as well
 * as an English one and never starts a line with closing punctuation
 * (layout_wrap, shared/layout.h). Defaults that live in code (server_config_default, the
 * store's map size) are printed from there, so the help cannot drift from
 * them; the others are yoked.c's and written here once each.
 */
#include "server/usage.h"

#include "server/server.h"
#include "server/store/store.h"
#include "shared/i18n.h"
#include "shared/layout.h"
#include "shared/utf8.h"

#include <stdarg.h>
#include <string.h>

#define COLS 80                 /* the width the help fits */
#define LEFT 24                 /* where the right column starts */
#define LINES_MAX 12            /* of one entry's text */

/* yoked.c's own defaults. */
#define DEFAULT_DATA "var"
#define DEFAULT_LISTEN "tcp://127.0.0.1:7700"
#define DEFAULT_CONNECTIONS 4096

static void
spaces(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* Text wrapped to `width` columns, each line after `indent` spaces; the
 * first line after `first` spaces instead. */
static void
wrapped(FILE *f, int first, int indent, int width, const char *text)
{
	struct utf8_line lines[LINES_MAX];
	size_t n = layout_wrap(text, width, lines, LINES_MAX);

	if (n > LINES_MAX)
		n = LINES_MAX;
	for (size_t i = 0; i < n; i++) {
		spaces(f, i == 0 ? first : indent);
		fprintf(f, "%.*s\n", (int)lines[i].len, text + lines[i].off);
	}
}

/* One entry: "  LEFT   text..."; a left column too wide for its place
 * puts the text on the next line. */
static void __attribute__((format(printf, 3, 4)))
entry(FILE *f, const char *left, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	int used = 2 + (int)strlen(left);

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	fprintf(f, "  %s", left);
	if (used > LEFT - 1) {
		fputc('\n', f);
		used = 0;
	}
	wrapped(f, LEFT - used, LEFT, COLS - LEFT, text);
}

static void
heading(FILE *f, const char *title)
{
	fprintf(f, "\n%s\n", title);
}

/* An example: the command as typed, then what it does, indented. */
static void
example(FILE *f, const char *command, const char *what)
{
	fprintf(f, "  %s\n", command);
	wrapped(f, 6, 6, COLS - 6, what);
}

/* A time span as the options take it: 60m, 90s. */
static const char *
span(int seconds, char *buf, size_t size)
{
	if (seconds % 60 == 0)
		snprintf(buf, size, "%dm", seconds / 60);
	else
		snprintf(buf, size, "%ds", seconds);
	return buf;
}

void
yoked_usage_hint(FILE *f)
{
	fprintf(f, "%s\n", _("usage: yoked [OPTION]..."));
	fprintf(f, "%s\n", _("`yoked --help` lists the options; the manual is yoked(8)."));
}

void
yoked_usage(FILE *f)
{
	struct server_config cfg;
	char idle[16], lock[16], silent[16];

	server_config_default(&cfg);
	fprintf(f, "%s\n", _("usage: yoked [OPTION]..."));
	fputc('\n', f);
	wrapped(f, 0, 0, COLS, _("The yoke server: the one writer of the LMDB store and the judge of "
	    "every request from the station terminals (yoke) and the command line (yokectl)."));

	heading(f, _("Listening and keys:"));
	entry(f, "--listen ENDPOINT", _("where requests come in (default $YOKE_LISTEN, else %s)"),
	    DEFAULT_LISTEN);
	entry(f, "--publish ENDPOINT", "%s", _("where notices go out (default: the host of --listen, "
	    "its port + 1)"));
	entry(f, "--keys DIR", "%s", _("yoked's key pair and the devices enrolled (default $YOKE_KEYS, "
	    "else DATA/keys). Make it once with yokectl keys init; a device enrolled or revoked with "
	    "yokectl keys is admitted or shut out within a second, without a restart"));

	heading(f, _("Store:"));
	entry(f, "--data DIR", _("the LMDB store, made when missing (default $YOKE_DATA, else %s "
	    "in the working directory)"), DEFAULT_DATA);
	entry(f, "--map-mib N", _("the map size to start with, in MiB (default %zu); it doubles "
	    "whenever it fills"), (size_t)(STORE_DEFAULT_MAP_SIZE >> 20));
	entry(f, "--map-max-mib N", "%s", _("the map never grows beyond N MiB: a write that needs more "
	    "is refused and logged, reads go on (default: no cap)"));

	heading(f, _("Sessions and PINs:"));
	entry(f, "--session-idle TIME", _("a badge's session ends after TIME without a request "
	    "(default %s)"), span(cfg.session_idle_s, idle, sizeof idle));
	entry(f, "--offline-after TIME", _("the line monitor shows a station offline when its "
	    "terminal was not heard for TIME (default %s; a terminal pings every 2 s)"),
	    span(cfg.terminal_silent_s, silent, sizeof silent));
	entry(f, "--pin-tries N", _("wrong PINs in a row before a badge locks, 1 to 100 (default %d)"),
	    cfg.pin_tries);
	entry(f, "--pin-lock TIME", _("how long a locked badge stays locked (default %s)"),
	    span(cfg.pin_lock_s, lock, sizeof lock));
	wrapped(f, 2, 2, COLS - 2, _("TIME is minutes (45), or a number with s, m or h (90s, 30m, "
	    "8h), from 1 second to 7 days."));

	heading(f, _("Limits:"));
	entry(f, "--connections N", _("at most N open connections, 8 to 1000000 (default %d); each "
	    "station terminal holds two. yoked raises its open-file limit to the hard limit and "
	    "lowers N to fit under it"), DEFAULT_CONNECTIONS);

	heading(f, _("Mail:"));
	entry(f, "--smtp-password-file FILE", "%s", _("the password for the smtp statement's user=, "
	    "the first line of FILE, which only its owner may read (chmod 600). Kept out of the "
	    "definitions and the store"));
	entry(f, "--smtp-ca FILE", "%s", _("the CA certificates (PEM) that sign the mail server's "
	    "certificate, for a plant's own CA; default: the system's"));

	heading(f, _("Logging:"));
	entry(f, "--log LEVEL", "%s", _("debug, info, warn or error (default info). The log goes to "
	    "standard error (the journal under systemd) and is in English"));

	heading(f, _("Plain mode (tests, a demo on one machine):"));
	entry(f, "--plain", P_("no CURVE and no keys: every request names its own terminal. Loopback "
	    "endpoints only (127.0.0.1, localhost, [::1], ipc://). A terminal silent for %d day "
	    "without a session is forgotten", "no CURVE and no keys: every request names its own "
	    "terminal. Loopback endpoints only (127.0.0.1, localhost, [::1], ipc://). A terminal "
	    "silent for %d days without a session is forgotten", cfg.terminal_retention_days),
	    cfg.terminal_retention_days);
	entry(f, "--test-clock FILE", "%s", _("tests only: the escalation ladder and the outbox's "
	    "retries run that many seconds ahead of the real clock, as FILE says (read again "
	    "while running). Refused unless every endpoint is on loopback"));

	heading(f, _("Information:"));
	entry(f, "--help, -h", "%s", _("this help, in the language of LANG (en, zh_CN)"));
	entry(f, "--version", "%s", _("the program, its protocol version and its build"));

	heading(f, _("Environment:"));
	entry(f, "YOKE_DATA", "%s", _("the default of --data"));
	entry(f, "YOKE_LISTEN", "%s", _("the default of --listen"));
	entry(f, "YOKE_KEYS", "%s", _("the default of --keys"));
	entry(f, "YOKE_LOCALEDIR", "%s", _("where the message catalogues are (default: share/locale "
	    "beside the program's bin/)"));
	entry(f, "LANGUAGE, LC_ALL, LC_MESSAGES, LANG", "%s", _("the language of this help; the server "
	    "answers each person in their own language (lang= in the definition files)"));
	entry(f, "YOKE_FAULT", "%s", _("faults injected for the tests; never set it in a plant"));

	heading(f, _("Signals:"));
	entry(f, "SIGINT, SIGTERM", "%s", _("stop cleanly once the requests in hand are answered"));

	heading(f, _("Exit status:"));
	entry(f, "0", "%s", _("stopped cleanly (or --help, --version)"));
	entry(f, "1", "%s", _("could not start (no server key, the endpoint is taken, the store "
	    "cannot be opened), or the store's map was lost while growing: every acknowledged write "
	    "is on disk, start yoked again"));
	entry(f, "2", "%s", _("a wrong option or value"));

	heading(f, _("Examples:"));
	example(f, "yokectl keys init --keys var/keys", _("once: yoked's key pair"));
	example(f, "yoked --data var --listen tcp://0.0.0.0:7700", _("serve the plant from the store "
	    "in var on every interface; notices on port 7701"));
	example(f, "yoked --data /srv/yoke --map-max-mib 65536 --log warn", _("a store of at most "
	    "64 GiB, logging only warnings and errors"));
	example(f, "yoked --plain --data /tmp/try", _("try it on one machine, without keys"));
	fputc('\n', f);
	wrapped(f, 0, 0, COLS, _("The manual is yoked(8); the station terminal is yoke(1), the "
	    "command line yokectl(1)."));
}
