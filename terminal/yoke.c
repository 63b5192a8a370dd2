/*
 * yoke — the station terminal. Shows the work instructions the server
 * decides, takes scans (keyboard-wedge scanners type a line ending with
 * Enter) and sends them; never lets a step pass on its own.
 *
 * One loop: wait for the keyboard or the network with a short deadline,
 * let keys, replies, notices and connection changes change the model
 * (station.c), send the next request when the client is free, and redraw
 * once when something changed (station_draw.c through screen.c).
 */
#include "proto/client.h"
#include "shared/cert.h"
#include "shared/log.h"
#include "shared/util.h"
#include "terminal/input.h"
#include "terminal/screen.h"
#include "terminal/station.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASS_MS 250            /* longest wait per pass: the age column and Esc stay fresh */

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: yoke [--cert FILE] [--station ID] [--server ENDPOINT] [--mono] [--log FILE]\n"
	    "       yoke --plain --station ID [--terminal ID] [--server ENDPOINT] ...\n"
	    "  --cert FILE       this terminal's certificate from `yokectl keys enrol` (default\n"
	    "                    $YOKE_CERT); it names the terminal, its stations and the server\n"
	    "  --station ID      the station this terminal stands at (default: the certificate's\n"
	    "                    first station)\n"
	    "  --server ENDPOINT yoked's request socket (default $YOKE_SERVER, the certificate's\n"
	    "                    server, or %s)\n"
	    "  --plain           no certificate, for a yoked started with --plain (loopback only)\n"
	    "  --terminal ID     with --plain: this terminal's id (default <station>@<hostname>)\n"
	    "  --mono            no colours: bold, reverse and underline only\n"
	    "  --log FILE        append diagnostics to FILE (default: discarded on a tty)\n",
	    YOKE_DEFAULT_ENDPOINT);
}

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

/* Sends what the model wants, as long as the client is free. */
static void
pump(struct client *c, struct station_view *sv)
{
	struct station_request r;

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
	if (sv->subscribe && sv->topic[0]) {
		client_subscribe(c, sv->topic);
		if (sv->role == YOKE__ROLE__ROLE_LEAD)
			client_subscribe(c, "role/lead");
		sv->subscribe = false;
	}
}

/* A finished line: cleaned, then interpreted (or kept while busy). */
static void
take_line(struct client *c, struct station_view *sv, struct input *in)
{
	char line[INPUT_MAX + 1], err[200];
	struct station_request r;

	if (!input_finish(in->buf, in->len, in->overflow, line, sizeof line, err, sizeof err))
		station_on_bad_line(sv, err);
	else if (station_on_line(sv, line, client_busy(c), &r)) {
		client_set_session(c, sv->session);
		if (client_submit(c, &r.rq) == 0)
			sv->pending = STATION_PENDING_NONE;
	}
	input_clear(in);
	/* The line and the request may have held a PIN. */
	explicit_bzero(line, sizeof line);
	explicit_bzero(&r, sizeof r);
	sv->dirty = true;
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *station = NULL, *server = getenv("YOKE_SERVER"), *terminal = NULL, *logfile = NULL;
	const char *certfile = getenv("YOKE_CERT");
	char host[256], *term_id, err[600];
	struct cert cert;
	bool mono = false, quit = false, esc = false, plain = false;
	struct client_options opt = { .timeout_ms = 1000, .offline_after = 3, .ping_ms = 2000 };
	struct client *c;
	struct station_view sv;
	struct input in;
	int ch, silent_reads = 0;

	log_set_program("yoke");
	while ((ch = getopt_long(argc, argv, "s:S:t:ml:hc:p", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': station = optarg; break;
		case 'S': server = optarg; break;
		case 't': terminal = optarg; break;
		case 'm': mono = true; break;
		case 'c': certfile = optarg; break;
		case 'p': plain = true; break;
		case 'l': logfile = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "yoke: unexpected argument \"%s\"\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (!plain) {
		if (certfile == NULL || *certfile == '\0') {
			fprintf(stderr, "yoke: no certificate: give --cert FILE (an admin makes one with "
			    "`yokectl keys enrol`), or --plain for a server in plain mode\n");
			return 2;
		}
		if (!cert_read(certfile, CERT_DEVICE, &cert, err, sizeof err)) {
			fprintf(stderr, "yoke: %s\n", err);
			return 2;
		}
		if (station == NULL && cert.nstations > 0 && strcmp(cert.stations[0], "*") != 0)
			station = cert.stations[0];
		if (station == NULL) {
			fprintf(stderr, "yoke: the certificate of terminal %s names %s: give --station ID\n",
			    cert.terminal, cert.nstations ? "every station (*)" : "no station (a yokectl "
			    "installation)");
			return 2;
		}
		if (station && !cert_has_station(&cert, station)) {
			fprintf(stderr, "yoke: the certificate of terminal %s does not name station %s\n",
			    cert.terminal, station);
			return 2;
		}
		if ((server == NULL || *server == '\0') && cert.server[0])
			server = cert.server;
		if (terminal != NULL) {
			fprintf(stderr, "yoke: --terminal goes with --plain; the certificate names this "
			    "terminal (%s)\n", cert.terminal);
			return 2;
		}
	}
	if (!valid_id(station)) {
		fprintf(stderr, station ? "yoke: --station: expected a station id without spaces, got \"%s\"\n" :
		    "yoke: --station ID is required%s\n", station ? station : "");
		usage(stderr);
		return 2;
	}
	if (server == NULL || *server == '\0')
		server = YOKE_DEFAULT_ENDPOINT;
	if (strncmp(server, "tcp://", 6) != 0 && strncmp(server, "ipc://", 6) != 0) {
		fprintf(stderr, "yoke: --server: expected an endpoint like tcp://HOST:PORT, got \"%s\"\n", server);
		usage(stderr);
		return 2;
	}
	if (terminal != NULL && !valid_id(terminal)) {
		fprintf(stderr, "yoke: --terminal: expected an id without spaces, got \"%s\"\n", terminal);
		usage(stderr);
		return 2;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "yoke: needs a terminal on stdin and stdout\n");
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
			fprintf(stdout, "yoke: --log: cannot open %s\n", logfile);
			return 2;
		}
	} else if (isatty(STDERR_FILENO)) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			return 2;
	}

	opt.cert = plain ? NULL : &cert;
	c = client_new(server, term_id, &opt);
	station_init(&sv, station);
	{
		/* Where the server tells this terminal that its session ended. */
		char topic[96];
		snprintf(topic, sizeof topic, "terminal/%s", term_id);
		client_subscribe(c, topic);
	}
	input_clear(&in);
	in.after_cr = false;
	screen_protect();
	screen_init(mono);

	while (!quit && !screen_interrupted()) {
		struct screen_key k;
		enum client_event ev;
		int keys = 0;

		pump(c, &sv);
		station_set_online(&sv, client_online(c));
		if (sv.bell > 0) {
			screen_beep();
			sv.bell = 0;
		}
		if (sv.dirty) {
			station_draw(&sv, in.buf);
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
			keys++;
			sv.dirty = true;
			if (sv.confirm_quit) {
				if (k.kind == SCREEN_KEY_CHAR && (k.code == 'y' || k.code == 'Y'))
					quit = true;
				sv.confirm_quit = false;
				esc = false;
				continue;
			}
			if (esc) {
				esc = false;
				if (k.kind == SCREEN_KEY_CHAR && (k.code == 'q' || k.code == 'Q')) {
					sv.confirm_quit = true;
					continue;
				}
			}
			switch (k.kind) {
			case SCREEN_KEY_ESC:
				esc = true;
				break;
			case SCREEN_KEY_F10:
				sv.confirm_quit = true;
				break;
			case SCREEN_KEY_CHAR:
				if (input_key(&in, k.code) == INPUT_LINE)
					take_line(c, &sv, &in);
				break;
			case SCREEN_KEY_RESIZE:
			case SCREEN_KEY_OTHER:
			case SCREEN_KEY_NONE:
			case SCREEN_KEY_EOF:
				break;
			}
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
