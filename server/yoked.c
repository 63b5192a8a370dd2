/*
 * yoked — the yoke server: the one writer of the LMDB store and the judge
 * of every rule. server/usage.c says what the options are (--help).
 *
 * Start-up order: options; the open-file limit raised (every station holds
 * two connections); libsodium; the key directory (auth.h) — without a
 * server key pair yoked refuses to start unless --plain was given for a
 * loopback endpoint; the store; the offload thread; the transport (whose
 * handshake thread is bound before the sockets). SIGINT and SIGTERM stop it
 * cleanly after the batch in hand. The sockets open before the store: a
 * yoked that finds its port taken stops before it makes a store (make run
 * takes a missing store for a fresh one). $YOKE_FAULT arms the test faults
 * of server/fault.h.
 */
#include "server/net/auth.h"
#include "server/fault.h"
#include "server/offload.h"
#include "server/notify/notifier.h"
#include "server/people/pin.h"
#include "server/server.h"
#include "server/usage.h"
#include "server/net/transport.h"
#include "shared/i18n.h"
#include "shared/log.h"
#include "shared/util.h"
#include "shared/version.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <errno.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* tcp://host:port -> tcp://host:port+1 */
static char *
default_publish(const char *listen)
{
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;
	if (colon == NULL)
		return NULL;
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port <= 0 || port >= 65535)
		return NULL;
	return xasprintf("%.*s:%ld", (int)(colon - listen), listen, port + 1);
}

/* A whole number from lo to hi, or exit 2 with what was expected. */
static long
number(const char *opt, const char *v, long lo, long hi)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < lo || n > hi) {
		fprintf(stderr, _("yoked: %s expects a whole number from %ld to %ld, got \"%s\"\n"), opt,
		    lo, hi, v);
		exit(2);
	}
	return n;
}

/* A time span: N minutes, or N with s, m or h; 1 s to 7 days. */
static int
duration(const char *opt, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10), unit = 60;
	if (end != v && (*end == 's' || *end == 'm' || *end == 'h') && end[1] == '\0') {
		unit = *end == 's' ? 1 : *end == 'm' ? 60 : 3600;
		end++;
	}
	if (end == v || *end != '\0' || n < 1 || n * unit > 7l * 24 * 3600) {
		fprintf(stderr, _("yoked: %s expects a time such as 45 (minutes), 90s, 30m or 8h, from "
		    "1 s to 7 days, got \"%s\"\n"), opt, v);
		exit(2);
	}
	return (int)(n * unit);
}

/* Every station holds two connections (requests and notices): raise the
 * open-file limit to its hard limit and keep the connection cap under it. */
static int
raise_file_limit(int want_connections)
{
	struct rlimit rl;
	int fit;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return want_connections;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	fit = rl.rlim_cur > 256 + 64 ? (int)(rl.rlim_cur > 1000000 ? 1000000 : rl.rlim_cur) - 64 : 192;
	if (want_connections > fit) {
		log_warn("the open-file limit is %llu: connections capped at %d (asked for %d)",
		    (unsigned long long)rl.rlim_cur, fit, want_connections);
		return fit;
	}
	return want_connections;
}

/* The first line of a file only its owner may read (a password). NULL,
 * said on stderr, when it cannot be read, is empty or others may read it. */
static char *
read_secret(const char *path)
{
	struct stat st;
	char buf[512];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL || fstat(fileno(f), &st) != 0) {
		fprintf(stderr, _("yoked: --smtp-password-file %s: %s\n"), path, strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	if (st.st_mode & 077) {
		fprintf(stderr, _("yoked: --smtp-password-file %s may be read by others (mode %03o): "
		    "chmod 600 it\n"), path, (unsigned)(st.st_mode & 0777));
		fclose(f);
		return NULL;
	}
	if (fgets(buf, sizeof buf, f) == NULL)
		buf[0] = '\0';
	fclose(f);
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	if (n == 0) {
		fprintf(stderr, _("yoked: --smtp-password-file %s: the first line is empty; expected "
		    "the password\n"), path);
		return NULL;
	}
	char *s = xstrdup(buf);
	memset(buf, 0, sizeof buf);
	return s;
}

int
main(int argc, char **argv)
{
	const char *data = getenv("YOKE_DATA"), *listen = getenv("YOKE_LISTEN");
	const char *keys = getenv("YOKE_KEYS");
	char *publish = NULL, *keys_default = NULL, err[600];
	struct server srv = { 0 };
	struct sigaction sa;
	size_t map_mib = 0, map_max_mib = 0;
	const char *test_clock = NULL, *smtp_password_file = NULL, *smtp_ca = NULL;
	char *smtp_password = NULL;
	bool plain = false, lost;
	int connections = 4096, rc = 1;

	log_set_program("yoked");
	i18n_init();      /* replies speak each asker's language (dispatch.c) */
	i18n_from_environment();    /* the words about the command line: LANG's */
	server_config_default(&srv.cfg);
	if (str_empty(data))
		data = "var";
	if (str_empty(listen))
		listen = "tcp://127.0.0.1:7700";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			i18n_from_environment();   /* the help in LANG's language */
			yoked_usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			version_print(stdout, "yoked");
			return 0;
		} else if (strcmp(a, "--plain") == 0) {
			plain = true;
			continue;
		} else if (v == NULL) {
			fprintf(stderr, _("yoked: %s expects a value\n"), a);
			yoked_usage_hint(stderr);
			return 2;
		} else if (strcmp(a, "--data") == 0) {
			data = v;
		} else if (strcmp(a, "--listen") == 0) {
			listen = v;
		} else if (strcmp(a, "--publish") == 0) {
			free(publish);
			publish = xstrdup(v);
		} else if (strcmp(a, "--keys") == 0) {
			keys = v;
		} else if (strcmp(a, "--connections") == 0) {
			connections = (int)number(a, v, 8, 1000000);
		} else if (strcmp(a, "--session-idle") == 0) {
			srv.cfg.session_idle_s = duration(a, v);
		} else if (strcmp(a, "--offline-after") == 0) {
			srv.cfg.terminal_silent_s = duration(a, v);
		} else if (strcmp(a, "--pin-tries") == 0) {
			srv.cfg.pin_tries = (int)number(a, v, 1, 100);
		} else if (strcmp(a, "--pin-lock") == 0) {
			srv.cfg.pin_lock_s = duration(a, v);
		} else if (strcmp(a, "--test-clock") == 0) {
			test_clock = v;
		} else if (strcmp(a, "--smtp-password-file") == 0) {
			smtp_password_file = v;
		} else if (strcmp(a, "--smtp-ca") == 0) {
			smtp_ca = v;
		} else if (strcmp(a, "--map-mib") == 0) {
			map_mib = (size_t)number(a, v, 1, 1l << 22);
		} else if (strcmp(a, "--map-max-mib") == 0) {
			map_max_mib = (size_t)number(a, v, 1, 1l << 22);
		} else if (strcmp(a, "--log") == 0) {
			int level = log_parse_level(v);
			if (level < 0) {
				fprintf(stderr, _("yoked: --log expects debug, info, warn or error, got \"%s\"\n"),
				    v);
				return 2;
			}
			log_set_level((enum log_level)level);
		} else {
			fprintf(stderr, _("yoked: unexpected argument \"%s\"\n"), a);
			yoked_usage_hint(stderr);
			return 2;
		}
		i++;
	}
	if (map_max_mib && map_mib > map_max_mib) {
		fprintf(stderr, _("yoked: --map-mib %zu is above --map-max-mib %zu\n"), map_mib,
		    map_max_mib);
		free(publish);
		return 2;
	}
	if (map_max_mib && map_mib == 0 && map_max_mib < STORE_DEFAULT_MAP_SIZE >> 20)
		map_mib = map_max_mib;
	if (fault_init(getenv("YOKE_FAULT"), err, sizeof err) != 0) {
		fprintf(stderr, "yoked: %s\n", err);
		free(publish);
		return 2;
	}
	if (publish == NULL && (publish = default_publish(listen)) == NULL) {
		fprintf(stderr, _("yoked: cannot derive the notice endpoint from %s: give --publish\n"),
		    listen);
		return 2;
	}
	if (test_clock && (!transport_loopback(listen) || !transport_loopback(publish))) {
		fprintf(stderr, _("yoked: --test-clock moves the escalation clock for tests and is "
		    "refused unless yoked listens on loopback only (tcp://127.0.0.1 or ipc://)\n"));
		free(publish);
		return 2;
	}
	if (smtp_password_file && (smtp_password = read_secret(smtp_password_file)) == NULL) {
		free(publish);
		return 2;
	}
	if (smtp_ca && access(smtp_ca, R_OK) != 0) {
		fprintf(stderr, _("yoked: --smtp-ca %s: %s\n"), smtp_ca, strerror(errno));
		free(publish);
		free(smtp_password);
		return 2;
	}
	if (str_empty(keys))
		keys = keys_default = xasprintf("%s/keys", data);
	i18n_use("en");     /* from here on the log speaks, in English */

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	connections = raise_file_limit(connections);
	if (!pin_init()) {
		log_error("libsodium cannot start");
		goto out;
	}
	pin_cache_init(&srv.pins);
	if ((srv.auth = auth_new(plain ? NULL : keys, connections, err, sizeof err)) == NULL) {
		log_error("%s", err);
		goto out;
	}
	if (transport_open(&srv.tp, listen, publish, srv.auth, err, sizeof err) != 0) {
		log_error("%s", err);
		goto out;
	}
	if (store_open_sized(&srv.store, data, map_mib << 20, err, sizeof err) != 0) {
		log_error("%s", err);
		goto out;
	}
	store_set_map_max(srv.store, map_max_mib << 20);
	srv.offload = offload_new();
	srv.notifier = notifier_new(test_clock);
	notifier_set_smtp(srv.notifier, smtp_password, smtp_ca);
	if (smtp_password) {
		memset(smtp_password, 0, strlen(smtp_password));
		free(smtp_password);
		smtp_password = NULL;
	}
	if (test_clock)
		log_warn("test clock: escalation and retries run on the clock in %s", test_clock);
	srv.epoch = (uint64_t)now_us();
	srv.pub_port = transport_pub_port(srv.tp);
	srv.stop = &stop;
	if (fault_armed())
		log_warn("YOKE_FAULT=%s: fault injection is armed (for tests only)", getenv("YOKE_FAULT"));
	if (plain)
		log_warn("plain mode: no CURVE, no keys; every request names its own terminal");
	else
		log_info("CURVE on: %d devices enrolled in %s", auth_enrolled_count(srv.auth), keys);
	log_info("serving %s, notices on %s, store %s", listen, publish, data);
	server_run(&srv);
	rc = 0;
out:
	transport_close(srv.tp);
	offload_free(srv.offload);
	notifier_free(srv.notifier);
	lost = srv.store && store_lost(srv.store);
	store_close(srv.store);
	auth_free(srv.auth);
	free(publish);
	free(keys_default);
	if (lost) {
		log_error("stopped: the store's map is lost; every acknowledged write is on disk: "
		    "start yoked again");
		return 1;
	}
	if (rc == 0)
		log_info("stopped cleanly");
	return rc;
}
