/*
 * loadtime — how long a large `load` holds the server loop: starts a yoked
 * (harness.h: a fresh store, a free port), loads N parts, then N other
 * parts over them, and times each LoadDefinitions from send to reply. While
 * a load runs no terminal is answered, so this is how long every station
 * waits.
 *
 *   loadtime [N]          N defaults to 80000; yoked from $YOKE_BIN (bin/)
 *
 * The server runs with CURVE, as in production (harness.h).
 *
 * The parts go in files of 10 000 (a file may hold at most 1 MiB), each line
 * short enough that 100 000 of them fit in one request (at most 4 MiB). The last
 * line is "RESULT parts=N first_s=... second_s=... reload_s=...", where
 * reload is the second set loaded again unchanged.
 */
#include "tests/bench/bench_common.h"
#include "tests/lib/harness.h"

#define PER_FILE 10000

/* Loads n parts named <prefix>-000001...; returns the seconds it took, or -1. */
static double
load_parts(struct client *c, const char *prefix, int n)
{
	int nfiles = (n + PER_FILE - 1) / PER_FILE;
	char **names = xcalloc((size_t)nfiles, sizeof *names);
	char **texts = xcalloc((size_t)nfiles, sizeof *texts);
	Yoke__Reply *rp;
	double s;

	for (int f = 0; f < nfiles; f++) {
		size_t cap = (size_t)PER_FILE * 80, off = 0;
		names[f] = xasprintf("%s-%03d.def", prefix, f + 1);
		texts[f] = xmalloc(cap);
		for (int i = f * PER_FILE; i < n && i < (f + 1) * PER_FILE; i++)
			off += (size_t)snprintf(texts[f] + off, cap - off,
			    "part %s-%06d \"p\" rev=A tracking=lot\n", prefix, i + 1);
	}
	int64_t t0 = bench_ns();
	rp = harness_load_files(c, (const char *const *)names, (const char *const *)texts,
	    (size_t)nfiles, false);
	s = (double)(bench_ns() - t0) / 1e9;
	if (rp == NULL || rp->status != YOKE__STATUS__STATUS_OK) {
		fprintf(stderr, "loadtime: load of %s: %s\n", prefix, rp ? rp->message : "no answer");
		s = -1;
	} else {
		printf("%s: %s in %.2f s\n", prefix, rp->message, s);
	}
	client_reply_free(rp);
	for (int f = 0; f < nfiles; f++) {
		free(names[f]);
		free(texts[f]);
	}
	free(names);
	free(texts);
	return s;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 80000;
	struct client_options opt = { .timeout_ms = 3600 * 1000, .offline_after = 1, .ping_ms = 0 };
	struct yoked *y;
	struct client *c;
	double first, second, reload;

	if (n < 1) {
		fprintf(stderr, "usage: loadtime [N]\n");
		return 2;
	}
	if ((y = harness_yoked_start()) == NULL)
		return 1;
	/* Enrolled as a yokectl installation (CURVE). The store has no people,
	 * so its loads need no session (a fresh plant's first loads). */
	c = harness_client_opt(y, "loadtime", "", &opt);
	first = load_parts(c, "OLD", n);
	second = load_parts(c, "NEW", n);
	reload = load_parts(c, "NEW", n);
	client_free(c);
	harness_yoked_free(y);
	printf("RESULT parts=%d first_s=%.2f second_s=%.2f reload_s=%.2f\n", n, first, second, reload);
	return first < 0 || second < 0 || reload < 0;
}
