/*
 * yoked — the yoke server: the one writer of the LMDB store and the judge
 * of every rule.
 *
 *   yoked [--data DIR] [--listen ENDPOINT] [--publish ENDPOINT] [--log LEVEL]
 *         [--map-mib N] [--map-max-mib N]
 *
 * --map-mib sets the starting size of the LMDB map (default 1024, or the
 * cap when that is smaller); the map doubles whenever it fills, so this
 * only matters for tests and tuning. --map-max-mib caps it: the map never
 * grows beyond N MiB (the disk and the address space it may take), and a
 * write that needs more is refused INTERNAL while reads go on. yoked also
 * keeps serving when the address space cannot hold a larger map; it stops
 * with exit status 1 only when LMDB lost the map while growing it.
 * DIR defaults to $YOKE_DATA or ./var; ENDPOINT to $YOKE_LISTEN or
 * tcp://127.0.0.1:7700; the notice feed to the same host, port + 1.
 * SIGINT and SIGTERM stop it cleanly after the batch in hand.
 * $YOKE_FAULT arms the test faults of server/fault.h.
 */
#include "server/fault.h"
#include "server/server.h"
#include "server/transport.h"
#include "shared/log.h"
#include "shared/util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: yoked [--data DIR] [--listen ENDPOINT] [--publish ENDPOINT] "
	    "[--log debug|info|warn|error] [--map-mib N] [--map-max-mib N]\n"
	    "  --map-mib N      starting LMDB map size in MiB (default 1024); doubles when full\n"
	    "  --map-max-mib N  the map never grows beyond N MiB; writes that need more are\n"
	    "                   refused, reads go on (default: no cap)\n");
}

/* A size in MiB from 1 to 4 TiB; 0 when s is not one. */
static size_t
parse_mib(const char *s)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);
	if (*s == '-' || *s == '\0' || *end != '\0' || n < 1 || n > (1ul << 22))
		return 0;
	return n;
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

int
main(int argc, char **argv)
{
	const char *data = getenv("YOKE_DATA"), *listen = getenv("YOKE_LISTEN");
	char *publish = NULL, err[512];
	struct server srv = { 0 };
	struct sigaction sa;
	size_t map_mib = 0, map_max_mib = 0;

	log_set_program("yoked");
	if (str_empty(data))
		data = "var";
	if (str_empty(listen))
		listen = "tcp://127.0.0.1:7700";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (v && strcmp(a, "--data") == 0) {
			data = v;
		} else if (v && strcmp(a, "--listen") == 0) {
			listen = v;
		} else if (v && strcmp(a, "--publish") == 0) {
			free(publish);
			publish = xstrdup(v);
		} else if (v && (strcmp(a, "--map-mib") == 0 || strcmp(a, "--map-max-mib") == 0)) {
			size_t n = parse_mib(v);
			if (n == 0) {
				fprintf(stderr, "yoked: %s expects a size in MiB from 1 to 4194304, "
				    "got \"%s\"\n", a, v);
				free(publish);
				return 2;
			}
			*(strcmp(a, "--map-mib") == 0 ? &map_mib : &map_max_mib) = n;
		} else if (v && strcmp(a, "--log") == 0) {
			int level = log_parse_level(v);
			if (level < 0) {
				fprintf(stderr, "yoked: --log expects debug, info, warn or error, got \"%s\"\n", v);
				return 2;
			}
			log_set_level((enum log_level)level);
		} else {
			fprintf(stderr, "yoked: unexpected argument \"%s\"\n", a);
			usage(stderr);
			return 2;
		}
		i++;
	}
	if (map_max_mib && map_mib > map_max_mib) {
		fprintf(stderr, "yoked: --map-mib %zu is above --map-max-mib %zu\n", map_mib, map_max_mib);
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
		fprintf(stderr, "yoked: cannot derive the notice endpoint from %s: give --publish\n", listen);
		return 2;
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* The sockets first: a yoked that finds its port taken stops before it
	 * makes a store (make run takes a missing store for a fresh one). */
	if (transport_open(&srv.tp, listen, publish, err, sizeof err) != 0) {
		log_error("%s", err);
		free(publish);
		return 1;
	}
	if (store_open_sized(&srv.store, data, map_mib << 20, err, sizeof err) != 0) {
		log_error("%s", err);
		transport_close(srv.tp);
		free(publish);
		return 1;
	}
	store_set_map_max(srv.store, map_max_mib << 20);
	srv.epoch = (uint64_t)now_us();
	srv.pub_port = transport_pub_port(srv.tp);
	srv.stop = &stop;
	if (fault_armed())
		log_warn("YOKE_FAULT=%s: fault injection is armed (for tests only)", getenv("YOKE_FAULT"));
	log_info("serving %s, notices on %s, store %s", listen, publish, data);
	server_run(&srv);
	transport_close(srv.tp);
	bool lost = store_lost(srv.store);
	store_close(srv.store);
	free(publish);
	if (lost) {
		log_error("stopped: the store's map is lost; every acknowledged write is on disk: "
		    "start yoked again");
		return 1;
	}
	log_info("stopped cleanly");
	return 0;
}
