/*
 * yoke — the station terminal. Shows the work instructions the server
 * decides, takes scans (keyboard-wedge scanners type a line ending with
 * Enter) and sends them; never lets a step pass on its own.
 *
 * One loop: wait for the keyboard or the network with a short deadline,
 * let keys, replies, notices and connection changes change the model
 * (station.c), send the next request when the client is free, and redraw
 * once when something changed (station_draw.c through screen.c).
 *
 * Keys go through keys.c (function keys, Esc-digit, escape sequences that
 * must not reach the line) and then: the quit question, a window too small
 * (nothing is taken, what arrives is counted), the help screen (any key
 * closes it; the rest of a scan that closed it goes too), F1, the other
 * function keys (F2 @PASS, F9 @FAIL; the inspector's and the lead's F3-F5),
 * the arrows and Page Up/Down (a list to pick from), Esc Enter (a question
 * to drop), and last the input line (input.c). Every pass gives the model
 * the time (station_tick): the views read their lists again on a timer.
 */
#include "proto/client.h"
#include "shared/cert.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/log.h"
#include "shared/util.h"
#include "shared/version.h"
#include "terminal/input.h"
#include "terminal/keys.h"
#include "terminal/screen.h"
#include "terminal/station.h"
#include "terminal/usage.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASS_MS 250            /* longest wait per pass: the age column and Esc stay fresh */
#define SCAN_GAP_US 50000      /* keys closer than this belong to one scan (a wedge
                                * scanner types a character every few ms) */

static bool
valid_id(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 60)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7F)
			return false;
	return true;
}

/* Every request carries the language the screen speaks (the server's words
 * at a station follow the person anyway; before a badge-in they follow this). */
static void
stamp_language(struct client *c, const struct station_view *sv)
{
	static char stamped[sizeof sv->language];

	if (strcmp(stamped, sv->language) != 0) {
		client_set_language(c, sv->language);
		strlcpy_yk(stamped, sv->language, sizeof stamped);
	}
}

/* Sends what the model wants, as long as the client is free. */
static void
pump(struct client *c, struct station_view *sv)
{
	struct station_request r;

	stamp_language(c, sv);
	client_set_session(c, sv->session);
	while (!client_busy(c) && station_next_request(sv, &r)) {
		client_set_session(c, sv->session);
		if (client_submit(c, &r.rq) == 0) {
			/* Cannot happen while not busy; keep the model honest anyway. */
			sv->pending = STATION_PENDING_NONE;
			break;
		}
		sv->dirty = true;
	}
	/* A line kept while busy may have been a PIN (a signature). */
	explicit_bzero(&r, sizeof r);
	if (sv->subscribe && sv->topic[0]) {
		client_subscribe(c, sv->topic);
		client_subscribe(c, alarm_station_topic(sv));
		if (sv->role == YOKE__ROLE__ROLE_LEAD)
			client_subscribe(c, "role/lead");
		if (sv->role == YOKE__ROLE__ROLE_INSPECTOR)
			client_subscribe(c, "role/inspector");
		/* Escalations to this person, or to their role (leads and
		 * inspectors have theirs above). */
		char topic[160];
		snprintf(topic, sizeof topic, "person/%s", sv->badge);
		client_subscribe(c, topic);
		if (sv->role != YOKE__ROLE__ROLE_LEAD && sv->role != YOKE__ROLE__ROLE_INSPECTOR) {
			snprintf(topic, sizeof topic, "role/%s", defs_role_name(sv->role));
			client_subscribe(c, topic);
		}
		sv->subscribe = false;
	}
	if (sv->line.subscribe) {      /* the line monitor: the whole line (line_board.h) */
		client_subscribe(c, "station/");
		client_subscribe(c, "alarm/");
		sv->line.subscribe = false;
		sv->line.subscribed = true;
	}
}

/* Sends what a key or a line made of the model, if anything. */
static void
submit(struct client *c, struct station_view *sv, struct station_request *r)
{
	stamp_language(c, sv);
	client_set_session(c, sv->session);
	if (client_submit(c, &r->rq) == 0)
		sv->pending = STATION_PENDING_NONE;
}

/* A finished line: cleaned, then interpreted (or kept while busy). */
static void
take_line(struct client *c, struct station_view *sv, struct input *in)
{
	char line[INPUT_MAX + 1], err[200];
	struct station_request r;

	if (!input_finish(in->buf, in->len, in->overflow, line, sizeof line, err, sizeof err))
		station_on_bad_line(sv, err);
	else if (station_on_line(sv, line, client_busy(c), &r))
		submit(c, sv, &r);
	input_clear(in);
	/* The line and the request may have held a PIN. */
	explicit_bzero(line, sizeof line);
	explicit_bzero(&r, sizeof r);
	sv->dirty = true;
}

/* What the keys of the loop remember between passes. */
struct keyboard {
	struct keys_reader reader;
	struct input in;
	bool partial;              /* keys arrived while too small, with no Enter yet */
	int64_t swallow_until;     /* the rest of the scan that closed the help, until then */
};

/* A key that is not taken: a CR still pairs with the LF after it. */
static void
drop_key(struct keyboard *kb, const struct keys_action *a)
{
	kb->in.after_cr = a->kind == KEYS_CHAR && a->code == '\r';
}

/* The window's size now: too small takes nothing (a line being typed goes,
 * counted); large again says how many scans were not taken. */
static void
window_changed(struct station_view *sv, struct keyboard *kb)
{
	int rows, cols;
	bool small;

	screen_size(&rows, &cols);
	small = rows < STATION_MIN_ROWS || cols < STATION_MIN_COLS;
	if (small && !sv->small && kb->in.len > 0) {
		input_clear(&kb->in);
		kb->partial = true;
	}
	if (!small && sv->small && kb->partial) {
		station_not_taken(sv);
		kb->partial = false;
	}
	station_window(sv, rows, cols);
}

/* One key, in the order of the loop's comment; true to quit. */
static bool
on_key(struct client *c, struct station_view *sv, struct keyboard *kb, const struct keys_action *a)
{
	bool enter = a->kind == KEYS_CHAR && (a->code == '\r' || a->code == '\n');
	int64_t now = now_us();

	sv->dirty = true;
	if (a->kind == KEYS_RESIZE) {
		window_changed(sv, kb);
		return false;
	}
	if (sv->confirm_quit) {
		sv->confirm_quit = false;
		drop_key(kb, a);
		return a->kind == KEYS_CHAR && (a->code == 'y' || a->code == 'Y');
	}
	if (a->kind == KEYS_QUIT || (a->kind == KEYS_FUNCTION && a->code == 10)) {
		station_show_help(sv, false);
		sv->confirm_quit = true;
		return false;
	}
	if (sv->small) {
		/* Not taken, not even into the line: the operator cannot see it. */
		if (enter && !(a->code == '\n' && kb->in.after_cr)) {
			station_not_taken(sv);
			kb->partial = false;
		} else if (a->kind == KEYS_CHAR && !enter) {
			kb->partial = true;
		}
		drop_key(kb, a);
		return false;
	}
	if (sv->help && (a->kind == KEYS_PAGE_UP || a->kind == KEYS_PAGE_DOWN) &&
	    station_help_turn(sv, a->kind == KEYS_PAGE_UP ? -1 : +1)) {
		drop_key(kb, a);
		return false;
	}
	if (sv->help) {
		station_show_help(sv, false);
		if (a->kind == KEYS_CHAR && !enter)
			kb->swallow_until = now + SCAN_GAP_US;
		drop_key(kb, a);
		return false;
	}
	if (kb->swallow_until) {
		if (a->kind == KEYS_CHAR && now < kb->swallow_until) {
			kb->swallow_until = enter ? 0 : now + SCAN_GAP_US;
			drop_key(kb, a);
			return false;
		}
		kb->swallow_until = 0;
	}
	if (a->kind == KEYS_FUNCTION) {
		struct station_request r;
		if (a->code == 1)
			station_show_help(sv, true);
		else if (station_on_function(sv, a->code, client_busy(c), &r))
			submit(c, sv, &r);      /* F2 @PASS, F9 @FAIL; a view's F3-F5 */
		return false;
	}
	if (a->kind == KEYS_UP || a->kind == KEYS_DOWN) {
		station_on_arrow(sv, a->kind == KEYS_UP ? -1 : +1);
		return false;
	}
	if (a->kind == KEYS_PAGE_UP || a->kind == KEYS_PAGE_DOWN) {
		station_on_page(sv, a->kind == KEYS_PAGE_UP ? -1 : +1);
		return false;
	}
	if (a->kind == KEYS_CANCEL) {
		station_on_cancel(sv);
		kb->in.after_cr = a->code == '\r';   /* a scanner's LF after it is its pair */
		return false;
	}
	if (a->kind == KEYS_CHAR && input_key(&kb->in, a->code) == INPUT_LINE)
		take_line(c, sv, &kb->in);
	return false;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "station", required_argument, NULL, 's' },
		{ "server", required_argument, NULL, 'S' },
		{ "terminal", required_argument, NULL, 't' },
		{ "mono", no_argument, NULL, 'm' },
		{ "cert", required_argument, NULL, 'c' },
		{ "plain", no_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'l' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *station = NULL, *server = getenv("YOKE_SERVER"), *terminal = NULL, *logfile = NULL;
	const char *certfile = getenv("YOKE_CERT"), *lang = NULL, *no_color = getenv("NO_COLOR");
	char host[256], *term_id, err[600];
	struct cert cert;
	bool mono = false, quit = false, plain = false, help = false, version = false;
	struct client_options opt = { .timeout_ms = 1000, .offline_after = 3, .ping_ms = 2000 };
	struct client *c;
	struct station_view sv;
	struct keyboard kb;
	int ch, silent_reads = 0;

	log_set_program("yoke");
	i18n_init();
	i18n_from_environment();
	opterr = 0;                    /* the mistakes are said below, in the language */
	while ((ch = getopt_long(argc, argv, ":s:S:t:ml:hc:pL:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': station = optarg; break;
		case 'S': server = optarg; break;
		case 't': terminal = optarg; break;
		case 'm': mono = true; break;
		case 'c': certfile = optarg; break;
		case 'p': plain = true; break;
		case 'l': logfile = optarg; break;
		case 'L': lang = optarg; break;
		case 'h': help = true; break;
		case 'V': version = true; break;
		case ':':
			fprintf(stderr, _("yoke: %s needs a value\n"), argv[optind - 1]);
			yoke_usage(stderr);
			return 2;
		default:
			fprintf(stderr, _("yoke: unknown option \"%s\" (yoke --help lists them)\n"),
			    argv[optind - 1]);
			yoke_usage(stderr);
			return 2;
		}
	}
	if (lang != NULL) {
		if (!i18n_known(lang)) {
			fprintf(stderr, _("yoke: --lang: expected one of %s, got \"%s\"\n"), i18n_languages(),
			    lang);
			return 2;
		}
		i18n_use(lang);
	}
	if (help) {
		yoke_help(stdout);
		return 0;
	}
	if (version) {
		version_print(stdout, "yoke");
		return 0;
	}
	if (no_color != NULL && *no_color != '\0')
		mono = true;               /* no-color.org: any value but "" */
	if (optind < argc) {
		fprintf(stderr, _("yoke: unexpected argument \"%s\"\n"), argv[optind]);
		yoke_usage(stderr);
		return 2;
	}
	if (!plain) {
		if (certfile == NULL || *certfile == '\0') {
			fprintf(stderr, "%s\n", _("yoke: no certificate: give --cert FILE (an admin makes one "
			    "with `yokectl keys enrol`), or --plain for a server in plain mode"));
			return 2;
		}
		if (!cert_read(certfile, CERT_DEVICE, &cert, err, sizeof err)) {
			fprintf(stderr, "yoke: %s\n", err);
			return 2;
		}
		if (station == NULL && cert.nstations > 0 && strcmp(cert.stations[0], "*") != 0)
			station = cert.stations[0];
		if (station == NULL) {
			if (cert.nstations)
				fprintf(stderr, _("yoke: the certificate of terminal %s names every station (*): "
				    "give --station ID\n"), cert.terminal);
			else
				fprintf(stderr, _("yoke: the certificate of terminal %s names no station (it is "
				    "a yokectl installation's): give --station ID\n"), cert.terminal);
			return 2;
		}
		if (station && !cert_has_station(&cert, station)) {
			fprintf(stderr, _("yoke: the certificate of terminal %s does not name station %s\n"),
			    cert.terminal, station);
			return 2;
		}
		if ((server == NULL || *server == '\0') && cert.server[0])
			server = cert.server;
		if (terminal != NULL) {
			fprintf(stderr, _("yoke: --terminal goes with --plain; the certificate names this "
			    "terminal (%s)\n"), cert.terminal);
			return 2;
		}
	}
	if (!valid_id(station)) {
		if (station)
			fprintf(stderr, _("yoke: --station: expected a station id without spaces, got \"%s\"\n"),
			    station);
		else
			fprintf(stderr, "%s\n", _("yoke: --station ID is required"));
		yoke_usage(stderr);
		return 2;
	}
	if (server == NULL || *server == '\0')
		server = YOKE_DEFAULT_ENDPOINT;
	if (strncmp(server, "tcp://", 6) != 0 && strncmp(server, "ipc://", 6) != 0) {
		fprintf(stderr, _("yoke: --server: expected an endpoint like tcp://HOST:PORT, got \"%s\"\n"),
		    server);
		yoke_usage(stderr);
		return 2;
	}
	if (terminal != NULL && !valid_id(terminal)) {
		fprintf(stderr, _("yoke: --terminal: expected an id without spaces, got \"%s\"\n"), terminal);
		yoke_usage(stderr);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n", _("yoke: needs a terminal on stdin and stdout"));
		return 2;
	}
	/* Before any network work: a terminal that cannot show the screen. */
	if (!screen_usable(err, sizeof err)) {
		fprintf(stderr, "yoke: %s\n", err);
		return 2;
	}
	if (!plain) {
		term_id = xstrdup(cert.terminal);
	} else if (terminal == NULL) {
		if (gethostname(host, sizeof host) != 0)
			strlcpy_yk(host, "localhost", sizeof host);
		host[sizeof host - 1] = '\0';
		term_id = xasprintf("%s@%s", station, host);
	} else {
		term_id = xstrdup(terminal);
	}
	/* Diagnostics must not scribble over the screen. */
	if (logfile != NULL) {
		if (freopen(logfile, "a", stderr) == NULL) {
			fprintf(stdout, _("yoke: --log: cannot open %s\n"), logfile);
			return 2;
		}
	} else if (isatty(STDERR_FILENO)) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			return 2;
	}

	opt.cert = plain ? NULL : &cert;
	c = client_new(server, term_id, &opt);
	client_set_station(c, station);     /* the line monitor's online (server/line/line.h) */
	station_init(&sv, station);
	{
		/* Where the server tells this terminal that its session ended. */
		char topic[96];
		snprintf(topic, sizeof topic, "terminal/%s", term_id);
		client_subscribe(c, topic);
	}
	memset(&kb, 0, sizeof kb);
	keys_init(&kb.reader);
	input_clear(&kb.in);
	kb.in.after_cr = false;
	screen_protect();
	screen_init(mono);
	window_changed(&sv, &kb);

	while (!quit && !screen_interrupted()) {
		struct screen_key k;
		enum client_event ev;
		int keys = 0;

		station_tick(&sv, now_us());
		pump(c, &sv);
		station_set_online(&sv, client_online(c));
		if (sv.bell > 0) {
			screen_beep();
			sv.bell = 0;
		}
		if (sv.dirty) {
			station_draw(&sv, kb.in.buf);
			sv.dirty = false;
		}
		ev = client_wait(c, STDIN_FILENO, PASS_MS);
		switch (ev) {
		case CLIENT_REPLY: {
			Yoke__Reply *rp = client_take_reply(c);
			if (rp) {
				station_on_reply(&sv, rp);
				client_reply_free(rp);
			}
			break;
		}
		case CLIENT_NOTICE: {
			Yoke__Notice *n = client_take_notice(c);
			if (n) {
				station_on_notice(&sv, n);
				yoke__notice__free_unpacked(n, NULL);
			}
			break;
		}
		case CLIENT_STATE:
			station_set_online(&sv, client_online(c));
			if (client_replaced(c) && !sv.replaced)
				station_set_replaced(&sv, NULL);
			break;
		case CLIENT_FD:
		case CLIENT_TIMEOUT:
			break;
		}
		/* Keys: read all that are waiting. */
		while (!quit && screen_key(&k)) {
			struct keys_action a;
			bool esc = sv.esc;

			keys++;
			if (keys_feed(&kb.reader, &k, &a))
				quit = on_key(c, &sv, &kb, &a);
			sv.esc = keys_after_esc(&kb.reader);
			if (sv.esc != esc)
				sv.dirty = true;
		}
		/* stdin readable but no key, again and again: the tty is gone. */
		if (ev == CLIENT_FD && keys == 0) {
			if (++silent_reads > 40)
				quit = true;
		} else if (keys > 0) {
			silent_reads = 0;
		}
	}
	screen_end();
	client_free(c);
	station_free(&sv);
	free(term_id);
	return 0;
}
