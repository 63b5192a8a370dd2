/*
 * it_bounds.c — no single peer makes the server big, slow or dead. Each
 * attack below once took yoked to gigabytes or locked terminals out; now,
 * while it runs, a normal terminal keeps working and yoked's peak memory
 * stays within a stated bound:
 *
 *   unknown fields   100 messages of 4 MiB, each ~1.4 million tiny unknown
 *                    fields (protobuf-c would allocate ~134 MB for each):
 *                    refused BAD_REQUEST within the decoding budget
 *   never reads      a peer asks for a large listing again and again and
 *                    never reads a reply: its small reply queue fills, the
 *                    rest is dropped and logged
 *   many frames      one message of 500 frames of 64 KiB: dropped, and the
 *                    device is blocked for a while
 *   idle sockets     1000 TCP connections that never speak: the open-file
 *                    limit is raised at start and they cost no terminal its
 *                    place
 *   refused          thousands of refused badge-ins from random terminal
 *                    ids (plain mode) or from one enrolled terminal: the
 *                    store does not grow
 *   big load         a 20 000-part load: other terminals are still answered
 *
 * Bounds are stated for the ASan build the tests run (yoked runs with a
 * small ASan quarantine so freed memory is reused, as in a release build).
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define MIB (1024 * 1024)

/* Peak resident memory of a process (VmHWM), bytes. */
static long
peak_rss(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

/* Resets the peak (clear_refs 5), so what follows is measured alone. */
static void
reset_peak(pid_t pid)
{
	char path[64];
	FILE *f;
	snprintf(path, sizeof path, "/proc/%d/clear_refs", (int)pid);
	if ((f = fopen(path, "w")) != NULL) {
		fputs("5", f);
		fclose(f);
	}
}

static long
file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* A normal terminal's round trips while an attack runs: worst latency. */
struct watcher {
	struct client *c;
	atomic_int *stop;
	int64_t worst_ms;
	int answered, silent;
	pthread_t thread;
};

static void *
watch(void *arg)
{
	struct watcher *w = arg;
	while (!atomic_load(w->stop)) {
		int64_t t0 = mono_ms();
		Yoke__Reply *rp = harness_queue(w->c, "ASSY-1");
		int64_t ms = mono_ms() - t0;
		if (rp && rp->status == OK)
			w->answered++;
		else
			w->silent++;
		client_reply_free(rp);
		if (ms > w->worst_ms)
			w->worst_ms = ms;
		harness_sleep_ms(20);
	}
	return NULL;
}

static void
watch_start(struct watcher *w, struct yoked *y, const char *name, atomic_int *stop)
{
	memset(w, 0, sizeof *w);
	w->c = harness_client(y, name);
	w->stop = stop;
	REQUIRE(pthread_create(&w->thread, NULL, watch, w) == 0);
}

static void
watch_end(struct watcher *w, int64_t bound_ms)
{
	pthread_join(w->thread, NULL);
	client_free(w->c);
	CHECK(w->answered > 0);
	CHECK_INT(w->silent, 0);
	if (w->worst_ms > bound_ms)
		check_fail(__FILE__, __LINE__, "a normal terminal waited %lld ms (bound %lld ms)",
		    (long long)w->worst_ms, (long long)bound_ms);
	fprintf(stderr, "  normal terminal: %d answers, worst %lld ms\n", w->answered,
	    (long long)w->worst_ms);
}

static bool
status_of_release(struct yoked *y, const struct plant *p)
{
	Yoke__Reply *rp = harness_release_eng(y, p, "WO1", "WIDGET", 1, "2030-01-31", 0, NULL);
	bool ok = rp && rp->status == OK;
	client_reply_free(rp);
	return ok;
}

static struct yoked *
start(struct plant **p, const char *const *extra)
{
	/* Freed memory reused at once, as without ASan: a small quarantine. */
	setenv("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0:quarantine_size_mb=4:"
	    "thread_local_quarantine_size_kb=64", 1);
	struct yoked *y = harness_start_loaded_args(HARNESS_SMALL_PLANT, p, extra);
	if (y && status_of_release(y, *p))
		return y;
	harness_yoked_free(y);
	return NULL;
}

static void
check_peak(struct yoked *y, long bound, const char *what)
{
	long peak = peak_rss(y->pid);
	fprintf(stderr, "  %s: yoked's peak resident memory %ld MiB (bound %ld MiB)\n", what,
	    peak / MIB, bound / MIB);
	if (peak < 0 || peak > bound)
		check_fail(__FILE__, __LINE__, "%s: peak memory %ld MiB over the bound %ld MiB", what,
		    peak / MIB, bound / MIB);
}

/* ---- unknown fields ------------------------------------------------- */

static void
test_unknown_fields_within_budget(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL);
	atomic_int stop = 0;
	struct watcher w;
	REQUIRE(y != NULL);
	/* A valid envelope (version 2, hello), then 4 MiB of field 100 = 0. */
	size_t len = 4u * MIB - 64, at = 0;
	uint8_t *buf = xmalloc(len);
	buf[at++] = 0x08;
	buf[at++] = 0x02;
	while (at + 3 <= len) {
		buf[at++] = 0xa0;
		buf[at++] = 0x06;
		buf[at++] = 0x00;
	}
	len = at;
	struct raw *r = harness_raw_new(y);
	Yoke__Reply *rp = harness_raw_call(r, buf, len, 20000);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	reset_peak(y->pid);
	long base = peak_rss(y->pid);
	watch_start(&w, y, "ASSY-1@watch", &stop);
	int answered = 0;
	for (int i = 0; i < 100; i++) {
		rp = harness_raw_call(r, buf, len, 20000);
		answered += rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST;
		client_reply_free(rp);
	}
	atomic_store(&stop, 1);
	watch_end(&w, 3000);
	CHECK_INT(answered, 100);
	check_peak(y, base + 256L * MIB, "100 x 4 MiB of unknown fields");
	harness_raw_free(r);
	free(buf);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ---- a peer that never reads ----------------------------------------- */

static void
test_peer_that_never_reads(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL);
	atomic_int stop = 0;
	struct watcher w;
	REQUIRE(y != NULL);
	/* A listing worth reading: 5000 units. */
	Yoke__Reply *rp = harness_release_eng(y, p, "BIG", "WIDGET", 5000, "2030-01-31", 0, NULL);
	REQUIRE(rp && rp->status == OK);
	client_reply_free(rp);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__UnitsQuery u = YOKE__UNITS_QUERY__INIT;
	size_t len;
	harness_envelope(&rq, "", 0, NULL);
	u.work_order = (char *)"BIG";
	rq.body_case = YOKE__REQUEST__BODY_UNITS;
	rq.units = &u;
	uint8_t *buf = harness_pack(&rq, &len);
	struct raw *r = harness_raw_deaf(y, "ASSY-2@deaf");
	rp = harness_raw_call(r, buf, len, 10000);
	REQUIRE(rp && rp->status == OK);
	fprintf(stderr, "  one reply is %zu KiB\n", yoke__reply__get_packed_size(rp) / 1024);
	client_reply_free(rp);
	reset_peak(y->pid);
	long base = peak_rss(y->pid);
	watch_start(&w, y, "ASSY-1@watch", &stop);
	int sent = 0;
	int64_t end = mono_ms() + 8000;
	while (mono_ms() < end) {
		/* Never reads; sends whenever ZeroMQ takes it. */
		if (harness_raw_send1(r, buf, len))
			sent++;
	}
	atomic_store(&stop, 1);
	watch_end(&w, 3000);
	fprintf(stderr, "  the reader that never reads sent %d requests\n", sent);
	check_peak(y, base + 256L * MIB, "a peer that never reads");
	char *log = harness_yoked_log(y);
	CHECK(strstr(log, "its queue of 16 replies is full") != NULL);
	free(log);
	/* yoked is stopped before the deaf peer goes. A peer that resets its
	 * connection while yoked still has bytes queued for it can make
	 * libzmq 4.3.4's I/O thread abort (Assertion failed: !_io_error,
	 * stream_engine_base.cpp:331; libzmq issue 4841, not fixed upstream):
	 * the reset and the pending output reach the same epoll batch. Seen
	 * here 3 times in 20 runs of the sanitizer build; yoked(8), BUGS,
	 * says how a plant lives with it (systemd restarts yoked; nothing
	 * acknowledged is lost). This test is about memory, so it does not
	 * race that. */
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_raw_free(r);
	free(buf);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ---- many frames ------------------------------------------------------ */

static void
test_many_frames(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL);
	atomic_int stop = 0;
	struct watcher w;
	enum { FRAMES = 500, FRAME = 64 * 1024 };
	REQUIRE(y != NULL);
	struct raw *r = harness_raw_new_as(y, "ASSY-1@frames");
	const void **frames = xcalloc(FRAMES, sizeof *frames);
	size_t *lens = xcalloc(FRAMES, sizeof *lens);
	uint8_t *chunk = xcalloc(1, FRAME);
	for (int i = 0; i < FRAMES; i++) {
		frames[i] = chunk;
		lens[i] = FRAME;
	}
	reset_peak(y->pid);
	long base = peak_rss(y->pid);
	watch_start(&w, y, "ASSY-2@watch", &stop);
	CHECK(harness_raw_send(r, frames, lens, FRAMES));
	size_t n;
	uint8_t *got = harness_raw_recv(r, 3000, &n);
	CHECK(got == NULL);                 /* dropped, not answered */
	free(got);
	atomic_store(&stop, 1);
	watch_end(&w, 3000);
	/* libzmq holds a message whole until its last frame: 500 x 64 KiB. */
	check_peak(y, base + 64L * MIB + (long)FRAMES * FRAME, "500 frames of 64 KiB");
	char *log = harness_yoked_log(y);
	CHECK(strstr(log, "ASSY-1@frames sent a request of 500 frames") != NULL);
	CHECK(strstr(log, "terminal ASSY-1@frames blocked for 60 s") != NULL);
	free(log);
	harness_raw_free(r);
	free(chunk);
	free(frames);
	free(lens);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ---- idle sockets ------------------------------------------------------ */

static void
test_idle_connections(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL);
	struct rlimit rl;
	enum { IDLE = 1000 };
	int fds[IDLE], open_n = 0;
	REQUIRE(y != NULL);
	/* This test needs the descriptors itself. */
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)y->port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (int i = 0; i < IDLE; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			break;
		if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
			close(fd);
			break;
		}
		fds[open_n++] = fd;
	}
	fprintf(stderr, "  %d idle TCP connections open\n", open_n);
	CHECK(open_n >= (int)(rl.rlim_cur > 1100 ? IDLE : rl.rlim_cur - 100));
	/* A terminal still gets in and works. */
	struct client *c = harness_client(y, "ASSY-1@idle");
	int64_t t0 = mono_ms();
	Yoke__Reply *rp = harness_badge_in(c, "ASSY-1", "102");
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	fprintf(stderr, "  badge-in beside them took %lld ms\n", (long long)(mono_ms() - t0));
	client_free(c);
	for (int i = 0; i < open_n; i++)
		close(fds[i]);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* The cap: beyond it handshakes are refused with a clear line; silent
 * connections are closed after the handshake time, then terminals get in. */
static void
test_connection_cap(void)
{
	static const char *const extra[] = { "--connections", "40", NULL };
	struct plant *p;
	struct yoked *y = start(&p, extra);
	enum { IDLE = 60 };
	int fds[IDLE], open_n = 0;
	REQUIRE(y != NULL);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)y->port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (int i = 0; i < IDLE; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
			if (fd >= 0)
				close(fd);
			break;
		}
		fds[open_n++] = fd;
	}
	CHECK_INT(open_n, IDLE);
	/* yoked counts a connection when its loop reads the accept from the
	 * socket monitor; with both cores busy that took longer than 300 ms
	 * once in 12 runs (the client came first and was rightly admitted). */
	harness_sleep_ms(1500);
	struct client_options quick = { .timeout_ms = 500, .offline_after = 1 };
	struct client *c = harness_client_opt(y, "ASSY-1@cap", "*", &quick);
	Yoke__Reply *rp = harness_hello(c);
	CHECK(rp == NULL);                  /* over the cap: not admitted now */
	client_reply_free(rp);
	char *log = harness_yoked_log(y);
	CHECK(strstr(log, "connection cap reached") != NULL);
	free(log);
	/* The silent ones never finished a handshake: closed after 10 s. */
	int64_t end = mono_ms() + 15000;
	do {
		rp = harness_hello(c);
		if (rp && rp->status == OK)
			break;
		client_reply_free(rp);
		rp = NULL;
	} while (mono_ms() < end);
	CHECK(rp && rp->status == OK);
	client_reply_free(rp);
	client_free(c);
	for (int i = 0; i < open_n; i++)
		close(fds[i]);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ---- refused traffic stores nothing ----------------------------------- */

static void
test_refused_traffic_stores_nothing(void)
{
	static const char *const plain[] = { "--plain", NULL };
	struct plant *p;
	struct yoked *y = start(&p, plain);
	char path[400];
	REQUIRE(y != NULL);
	snprintf(path, sizeof path, "%s/data.mdb", y->data);
	struct raw *r = harness_raw_new(y);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	b.station = (char *)"ASSY-1";
	b.badge = (char *)"no-such-badge";
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	long before = file_size(path);
	int refused = 0;
	for (int i = 0; i < 3000; i++) {
		char term[32];
		size_t len;
		snprintf(term, sizeof term, "random-%d-%d", i, (int)getpid());
		harness_envelope(&rq, term, 1, NULL);
		uint8_t *buf = harness_pack(&rq, &len);
		Yoke__Reply *rp = harness_raw_call(r, buf, len, 5000);
		refused += rp && rp->status == YOKE__STATUS__STATUS_NOT_FOUND;
		client_reply_free(rp);
		free(buf);
	}
	CHECK_INT(refused, 3000);
	long after = file_size(path);
	fprintf(stderr, "  3000 refused badge-ins from strangers: store %ld -> %ld bytes\n", before,
	    after);
	CHECK(after - before < 256 * 1024);
	/* A stranger's refusal left no record: its hello knows no number. */
	struct client *c = harness_client(y, "random-1");
	Yoke__Reply *rp = harness_hello(c);
	CHECK(rp && rp->status == OK && rp->hello->last_request_no == 0);
	client_reply_free(rp);
	client_free(c);
	harness_raw_free(r);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

/* ---- a big load --------------------------------------------------------- */

struct loader {
	struct yoked *y;
	struct plant *p;
	atomic_int *stop;
	Yoke__Status status;
	int64_t ms;
};

static void *
load_parts(void *arg)
{
	struct loader *l = arg;
	enum { PARTS = 20000 };
	struct client_options slow = { .timeout_ms = 60000, .offline_after = 1 };
	struct client *eng = harness_client_opt(l->y, "engineer@bigload", "", &slow);
	size_t cap = (size_t)PARTS * 64, used = 0;
	char *text = xmalloc(cap);
	const char *names[] = { "parts.def" };
	const char *texts[1] = { text };
	for (int i = 0; i < PARTS; i++)
		used += (size_t)snprintf(text + used, cap - used,
		    "part BL-%05d \"Part %d\" rev=A tracking=lot\n", i, i);
	l->status = (Yoke__Status)-1;
	if (harness_sign_in(eng, "900")) {
		int64_t t0 = mono_ms();
		Yoke__Reply *rp = harness_load_files(eng, names, texts, 1, false);
		l->ms = mono_ms() - t0;
		l->status = rp ? rp->status : (Yoke__Status)-1;
		client_reply_free(rp);
	}
	atomic_store(l->stop, 1);
	client_free(eng);
	free(text);
	return NULL;
}

static void
test_big_load_keeps_others_answered(void)
{
	struct plant *p;
	struct yoked *y = start(&p, NULL);
	atomic_int stop = 0;
	struct watcher w;
	pthread_t t;
	REQUIRE(y != NULL);
	struct loader l = { y, p, &stop, 0, 0 };
	watch_start(&w, y, "ASSY-1@watch", &stop);
	REQUIRE(pthread_create(&t, NULL, load_parts, &l) == 0);
	pthread_join(t, NULL);
	watch_end(&w, 3000);
	CHECK_INT(l.status, OK);
	fprintf(stderr, "  20 000 parts loaded in %lld ms\n", (long long)l.ms);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(p);
}

int
main(void)
{
	RUN(test_unknown_fields_within_budget);
	RUN(test_peer_that_never_reads);
	RUN(test_many_frames);
	RUN(test_idle_connections);
	RUN(test_connection_cap);
	RUN(test_refused_traffic_stores_nothing);
	RUN(test_big_load_keeps_others_answered);
	return check_done();
}
