/*
 * fuzz_dispatch.c — raw bytes through yoked's whole funnel without
 * sockets: framing, decoding, classification, idempotency, sessions, roles
 * and every handler (dispatch.h), against a real LMDB store that holds a
 * small plant with work in progress.
 *
 * Setup (LLVMFuzzerInitialize): a temporary directory (mkdtemp under
 * $TMPDIR or /tmp, removed at exit); a store opened with a 1 MiB map
 * (YOKE_FUZZ_MAP_MIB: the seeded plant takes ~140 KiB and a release of a
 * few thousand units fills the rest, so dispatch_batch's STORE_FULL path,
 * grow the map and run the batch again, is fuzzed too); plain-mode auth
 * (auth_new(NULL)), a PIN cache, server_config_default; no transport, no
 * offload thread. The plant is seeded by real requests through
 * dispatch_batch (the seeding dies loudly if one is refused): fz_plant_def
 * loaded, admin 900 signed in at a desk and PINs set, work order FZ_WO
 * released, operators badged in at ASSY-1 and TEST-1, and units walked to
 * the steps fz.h lists. The seeded store is then closed and kept as a file.
 *
 * Each input (framing in fz.h) is split into up to MSGS_MAX messages, fed
 * to dispatch_batch as one or more batches. A request the handlers park
 * for slow work (a PIN to verify or hash) has its tasks done inline, as the
 * offload thread's work() does, and runs again at the front of the next
 * batch with w->prep set, as loop.c does, so the prepared path is fuzzed
 * too. Hashing uses argon2id at libsodium's minimum limits instead of
 * pin_hash's interactive ones (64 MiB and ~0.1 s a hash would make the
 * fuzzer crawl); pin_verify reads the limits from the hash, so verifying
 * is real and cheap. YOKE_FUZZ_REAL_PIN_HASH=1 uses pin_hash itself.
 *
 * What counts as a bug, besides a sanitizer report: a reply that does not
 * decode as a yoke Reply, has another version or holds a string that is
 * not UTF-8 (dispatch.c: replies are proto3 strings); two replies to one
 * work item, or a reply to a message of several frames; a notice of a
 * committed request that does not pack and decode the same way.
 *
 * The store: before every YOKE_FUZZ_RESET_EVERY-th input (default every
 * input, so an input's outcome does not depend on the ones before it) the
 * store is replaced by a fresh copy of the seeded one, opened with the
 * small map again: a store that fills grows as yoked's does, and growth
 * never carries over from one input to the next. The seed is made again
 * every RESEED_MINUTES so its sessions never reach their idle limit.
 * YOKE_FUZZ_LOG=debug|info|warn|error sets the server's log level
 * (default error); YOKE_FUZZ_VERBOSE=1 prints every reply (to see what a
 * seed reaches: fuzz_dispatch FILE...).
 */
#include "server/dispatch.h"
#include "shared/log.h"
#include "shared/util.h"
#include "tests/fuzz/fz.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MSGS_MAX 8           /* messages taken from one input */
#define ITEMS_MAX 16         /* work items in a batch: messages and prepared requests */
#define BATCHES_MAX 16       /* batches for one input, prepared reruns included */
#define RENUMBER_MAX 11      /* bytes FZ_RENUMBER appends: a tag and a 10-byte varint */
#define RESEED_MINUTES 30    /* well within the default session idle time (60 min) */

/* The seeded terminals' sessions: placeholder -> current token. */
static struct slot {
	const char *terminal;
	const char *placeholder;
	char token[FZ_TOKEN_LEN + 1];
	char seeded[FZ_TOKEN_LEN + 1];
} slots[] = {
	{ FZ_TERM_DESK, FZ_SESSION_DESK, "", "" },
	{ FZ_TERM_ASSY, FZ_SESSION_ASSY, "", "" },
	{ FZ_TERM_TEST, FZ_SESSION_TEST, "", "" },
};
#define NSLOTS (sizeof slots / sizeof slots[0])

struct msg {
	uint8_t ctl;
	const uint8_t *p;
	size_t len;
};

/* One batch and what came back for each of its work items. */
struct batch {
	struct work ws[ITEMS_MAX];
	uint8_t *owned[ITEMS_MAX];   /* message bytes, malloc'd at their exact size */
	int replies[ITEMS_MAX];
	int n;
	struct bump {
		char terminal[CERT_ID_MAX + 1];
		uint64_t n;
	} bumps[ITEMS_MAX];          /* FZ_RENUMBER: numbers given per terminal in this batch */
	int nbumps;
	bool capture;                /* seeding: keep the last reply */
	Yoke__Reply *last;
};

static struct server srv;
static struct arena arena;
static struct batch batch;
static volatile sig_atomic_t stop_flag;
static struct pin_cache seeded_pins;
static char base_dir[PATH_MAX], seed_dir[PATH_MAX + 8], live_dir[PATH_MAX + 8];
static bool real_pin_hash, verbose;
static unsigned long reset_every = 1, inputs;
static size_t map_size = (size_t)1 << 20;
static int64_t seeded_ms;

static _Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static _Noreturn void
die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "fuzz_dispatch: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---- the temporary directory ---- */

static void
empty_dir(const char *dir, bool remove_it)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX + 300];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	if (remove_it)
		rmdir(dir);
}

static void
cleanup(void)
{
	if (srv.store) {
		store_close(srv.store);
		srv.store = NULL;
	}
	if (base_dir[0]) {
		empty_dir(seed_dir, true);
		empty_dir(live_dir, true);
		rmdir(base_dir);
	}
}

static void
copy_file(const char *from, const char *to)
{
	static char buf[1 << 16];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	if (in < 0)
		die("cannot open %s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0)
		die("cannot create %s: %s", to, strerror(errno));
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			die("cannot write %s: %s", to, strerror(errno));
	if (n < 0)
		die("cannot read %s: %s", from, strerror(errno));
	close(in);
	close(out);
}

/* ---- feeding dispatch_batch ---- */

static struct slot *
slot_of(const char *terminal)
{
	for (size_t i = 0; i < NSLOTS; i++)
		if (strcmp(slots[i].terminal, terminal) == 0)
			return &slots[i];
	return NULL;
}

static void
on_reply(void *ud, struct work *w)
{
	struct batch *b = ud;
	ptrdiff_t i = w - b->ws;
	Yoke__Reply *rp;
	const char *bad;

	if (i < 0 || i >= b->n)
		die("a reply for a work item that is not in the batch");
	if (++b->replies[i] > 1)
		die("two replies to one request (item %td)", i);
	if (w->in.frames > 1)
		die("a reply to a message of %d frames", w->in.frames);
	rp = yoke__reply__unpack(NULL, w->len, w->bytes);
	if (rp == NULL)
		die("a reply of %zu bytes that is not a yoke Reply", w->len);
	if (rp->version != YOKE_PROTOCOL)
		die("a reply of version %u", rp->version);
	if (!fz_strings_utf8(&rp->base, &bad))
		die("reply field %s is not UTF-8 (status %d, message \"%s\")", bad, rp->status,
		    rp->message);
	if (verbose)
		fprintf(stderr, "fuzz_dispatch: %s #%llu -> status %d body %d%s: %s\n",
		    w->terminal[0] ? w->terminal : "?", (unsigned long long)rp->request_no, rp->status,
		    rp->body_case, w->replay ? " (replay)" : "", rp->message);
	if (rp->body_case == YOKE__REPLY__BODY_BADGE_IN && rp->status == YOKE__STATUS__STATUS_OK) {
		struct slot *s = slot_of(w->terminal);
		if (s && strlen(rp->badge_in->session) == FZ_TOKEN_LEN)
			memcpy(s->token, rp->badge_in->session, FZ_TOKEN_LEN + 1);
	}
	if (b->capture) {
		if (b->last)
			yoke__reply__free_unpacked(b->last, NULL);
		b->last = rp;
	} else {
		yoke__reply__free_unpacked(rp, NULL);
	}
}

/* loop.c is not linked (its publisher needs the PUB socket). Only the
 * notifier's turn publishes through it, and this loop has no notifier:
 * a call would be a fault here. */
void
loop_publish(struct server *srv, struct arena *a, const struct notice *nt)
{
	(void)srv;
	(void)a;
	(void)nt;
	abort();
}

/* The notices of a committed request, as loop.c's publish() packs them. */
static void
check_notices(const struct work *w)
{
	for (int k = 0; k < w->nnotices; k++) {
		const struct notice *nt = &w->notices[k];
		Yoke__Notice n = YOKE__NOTICE__INIT, *back;
		const char *bad;
		uint8_t *buf;
		size_t len;

		n.topic = (char *)nt->topic;
		n.seq = topic_next(&srv, nt->topic);
		n.epoch = srv.epoch;
		n.serial = (char *)nt->serial;
		n.status = nt->status;
		n.text = (char *)nt->text;
		len = yoke__notice__get_packed_size(&n);
		buf = xmalloc(len + 1);
		yoke__notice__pack(&n, buf);
		back = yoke__notice__unpack(NULL, len, buf);
		if (back == NULL || strcmp(back->topic, nt->topic) != 0 || back->seq != n.seq)
			die("a notice on topic \"%s\" does not decode as packed", nt->topic);
		if (!fz_strings_utf8(&back->base, &bad))
			die("notice field %s is not UTF-8 (topic \"%s\")", bad, nt->topic);
		yoke__notice__free_unpacked(back, NULL);
		free(buf);
	}
}

/* The offload thread's work() (offload.c), inline. */
static void
prepare(struct offload_job *j)
{
	for (int i = 0; i < j->ntasks; i++) {
		struct offload_task *t = &j->tasks[i];
		if (t->kind == OFFLOAD_VERIFY)
			t->ok = pin_verify(t->hash, t->pin);
		else if (real_pin_hash)
			t->ok = pin_hash(t->pin, t->hash);
		else
			t->ok = crypto_pwhash_str(t->hash, t->pin, strlen(t->pin),
			    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) == 0;
	}
}

/* How many numbers FZ_RENUMBER gave the terminal earlier in this batch. */
static uint64_t
bump(struct batch *b, const char *terminal)
{
	for (int i = 0; i < b->nbumps; i++)
		if (strcmp(b->bumps[i].terminal, terminal) == 0)
			return b->bumps[i].n++;
	if (b->nbumps == ITEMS_MAX)
		return 0;
	strlcpy_yk(b->bumps[b->nbumps].terminal, terminal, sizeof b->bumps[0].terminal);
	b->bumps[b->nbumps++].n = 1;
	return 0;
}

/* FZ_RENUMBER: appends request_no (field 3, a varint) = the terminal's
 * stored number + 1, when the message decodes and names a terminal. p has
 * RENUMBER_MAX bytes to spare. */
static size_t
renumber(struct batch *b, uint8_t *p, size_t len)
{
	Yoke__Request *rq = yoke__request__unpack(NULL, len, p);
	Yoke__TerminalRecord *term = NULL;
	struct txn t;
	uint64_t no = 0;

	if (rq == NULL)
		return len;
	if (!str_empty(rq->terminal) && strlen(rq->terminal) <= CERT_ID_MAX) {
		if (store_begin_read(srv.store, &t) == STORE_OK) {
			if (REC_GET(&t, &arena, T_TERMINAL, rq->terminal, yoke__terminal_record, &term) ==
			    STORE_OK)
				no = term->last_request_no;
			store_abort(&t);
		}
		no += 1 + bump(b, rq->terminal);
		p[len++] = 3 << 3;
		while (no >= 0x80) {
			p[len++] = (uint8_t)(no | 0x80);
			no >>= 7;
		}
		p[len++] = (uint8_t)no;
	}
	yoke__request__free_unpacked(rq, NULL);
	return len;
}

static void
substitute_sessions(uint8_t *p, size_t len)
{
	for (size_t i = 0; i < NSLOTS; i++) {
		if (slots[i].token[0] == '\0')
			continue;
		for (size_t at = 0; at + FZ_TOKEN_LEN <= len; at++)
			if (p[at] == '@' && memcmp(p + at, slots[i].placeholder, FZ_TOKEN_LEN) == 0) {
				memcpy(p + at, slots[i].token, FZ_TOKEN_LEN);
				at += FZ_TOKEN_LEN - 1;
			}
	}
}

static void
add_message(struct batch *b, const struct msg *m)
{
	static uint8_t tmp[0xffff + RENUMBER_MAX];
	struct work *w = &b->ws[b->n];
	size_t len = m->len;

	memcpy(tmp, m->p, len);
	substitute_sessions(tmp, len);
	if (m->ctl & FZ_RENUMBER)
		len = renumber(b, tmp, len);
	/* Exactly the message's size, so ASan sees a read past its end. */
	b->owned[b->n] = xmalloc(len ? len : 1);
	memcpy(b->owned[b->n], tmp, len);
	memset(w, 0, sizeof *w);
	w->in.data = b->owned[b->n];
	w->in.len = len;
	w->in.frames = m->ctl & FZ_FRAMES ? 2 + ((m->ctl >> 4) & 3) : 1;
	memcpy(w->in.peer.id, "fuzz", 4);
	w->in.peer.idlen = 4;
	b->n++;
}

static void
add_prepared(struct batch *b, struct offload_job *j)
{
	struct work *w = &b->ws[b->n];
	memset(w, 0, sizeof *w);
	b->owned[b->n] = NULL;
	w->in.peer = j->peer;
	w->in.data = j->bytes;
	w->in.len = j->len;
	w->in.frames = 1;
	w->prep = j;
	b->n++;
}

/*
 * Runs the messages as batches (a message with FZ_NEW_BATCH starts one).
 * Parked requests are prepared inline and run again at the front of the
 * next batch, as loop.c's take_prepared() puts them.
 */
static void
run_messages(const struct msg *m, int n)
{
	struct offload_job *ready[ITEMS_MAX];
	int nready = 0, next = 0;
	struct batch *b = &batch;

	for (int round = 0; round < BATCHES_MAX && (next < n || nready > 0); round++) {
		int first = next;
		b->n = 0;
		b->nbumps = 0;
		for (int k = 0; k < nready; k++)
			add_prepared(b, ready[k]);
		nready = 0;
		while (next < n && b->n < ITEMS_MAX && (next == first || !(m[next].ctl & FZ_NEW_BATCH)))
			add_message(b, &m[next++]);
		memset(b->replies, 0, sizeof b->replies);

		dispatch_batch(&srv, &arena, b->ws, b->n, on_reply, b);

		for (int i = 0; i < b->n; i++) {
			struct work *w = &b->ws[i];
			if (w->in.frames > 1 && (w->park || w->committed))
				die("a message of %d frames went past the door", w->in.frames);
			if (w->committed)
				check_notices(w);
			if (w->park) {
				if (b->replies[i])
					die("a parked request was answered too");
				prepare(w->park);
				ready[nready++] = w->park;
				w->park = NULL;
			}
			offload_job_free(w->prep);
			w->prep = NULL;
			free(b->owned[i]);
			b->owned[i] = NULL;
		}
		arena_reset(&arena);
		server_caches_trim(&srv);   /* as loop.c: no reply holds a cached record now */
	}
	for (int k = 0; k < nready; k++)
		offload_job_free(ready[k]);
}

/* ---- seeding ---- */

/* Runs one request (renumbered) and dies unless its last reply has status
 * `want`. */
static void
seed_one(Yoke__Request *rq, const char *terminal, const char *session, Yoke__Status want)
{
	size_t len;
	uint8_t *bytes = fz_pack(rq, terminal, session, 1, &len);
	struct msg m = { FZ_RENUMBER, bytes, len };

	batch.capture = true;
	batch.last = NULL;
	run_messages(&m, 1);
	batch.capture = false;
	if (batch.last == NULL)
		die("seeding: request %d from %s got no reply", rq->body_case, terminal);
	if (batch.last->status != want)
		die("seeding: request %d from %s: status %d, not %d: %s", rq->body_case, terminal,
		    batch.last->status, want, batch.last->message);
	yoke__reply__free_unpacked(batch.last, NULL);
	batch.last = NULL;
	free(bytes);
}

static void
seed_badge_in(const char *terminal, const char *station, const char *badge, const char *pin)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	b.station = (char *)station;
	b.badge = (char *)badge;
	b.pin = (char *)pin;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	seed_one(&rq, terminal, "", YOKE__STATUS__STATUS_OK);
}

static void
seed_set_pin(const char *badge, const char *pin)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetPin sp = YOKE__SET_PIN__INIT;
	sp.badge = (char *)badge;
	sp.pin = (char *)pin;
	rq.body_case = YOKE__REQUEST__BODY_SET_PIN;
	rq.set_pin = &sp;
	seed_one(&rq, FZ_TERM_DESK, FZ_SESSION_DESK, YOKE__STATUS__STATUS_OK);
}

static void
seed_unit(int body, const char *terminal, const char *session, const char *serial)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__OpenUnit ou = YOKE__OPEN_UNIT__INIT;
	Yoke__CompleteOperation co = YOKE__COMPLETE_OPERATION__INIT;
	rq.body_case = body;
	if (body == YOKE__REQUEST__BODY_OPEN_UNIT) {
		ou.serial = (char *)serial;
		rq.open_unit = &ou;
	} else {
		co.serial = (char *)serial;
		rq.complete = &co;
	}
	seed_one(&rq, terminal, session, YOKE__STATUS__STATUS_OK);
}

/* Does op 10's steps [0, upto) of a unit open at ASSY-1. */
static void
seed_walk(const char *serial, uint32_t upto)
{
	for (uint32_t k = 0; k < upto; k++) {
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__StepRecord sr = YOKE__STEP_RECORD__INIT;
		Yoke__InspectionResult in = YOKE__INSPECTION_RESULT__INIT;
		Yoke__Signature sig = YOKE__SIGNATURE__INIT;
		char scan[80];

		sr.serial = (char *)serial;
		sr.step = k;
		rq.body_case = YOKE__REQUEST__BODY_STEP;
		rq.step = &sr;
		switch (k) {
		case 0:
			sr.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
			sr.confirm = true;
			break;
		case 1:
		case 2:
		case 3:
			sr.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
			sr.scan = scan;
			snprintf(scan, sizeof scan, k == 1 ? "BOARD-1/B-%s" : k == 2 ? "CELL/C1-%s" :
			    "IC-555/LOT-2411-07", serial);
			if (k == 2) {   /* qty=2: two scans of the same step */
				seed_one(&rq, FZ_TERM_ASSY, FZ_SESSION_ASSY, YOKE__STATUS__STATUS_OK);
				snprintf(scan, sizeof scan, "CELL/C2-%s", serial);
			}
			break;
		case 4:
			sr.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
			sr.value = 5.01;
			break;
		case 5:
			sr.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
			sr.pass = true;
			break;
		default:
			sig.badge = (char *)"200";
			sig.pin = (char *)FZ_PIN_INSPECTOR;
			in.pass = true;
			in.note = (char *)"seeded";
			in.signature = &sig;
			sr.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
			sr.inspection = &in;
		}
		seed_one(&rq, FZ_TERM_ASSY, FZ_SESSION_ASSY, YOKE__STATUS__STATUS_OK);
	}
}

static void
seed(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LoadDefinitions ld = YOKE__LOAD_DEFINITIONS__INIT;
	Yoke__DefinitionFile f = YOKE__DEFINITION_FILE__INIT, *files[1] = { &f };
	Yoke__ReleaseWorkOrder rel = YOKE__RELEASE_WORK_ORDER__INIT;
	char err[400], serial[40];

	empty_dir(seed_dir, false);
	if (store_open_sized(&srv.store, seed_dir, map_size, err, sizeof err) != 0)
		die("%s", err);
	server_caches_clear(&srv);
	server_caches_trim(&srv);
	pin_cache_init(&srv.pins);
	for (size_t i = 0; i < NSLOTS; i++)
		slots[i].token[0] = '\0';

	/* The first load needs no session: nobody is defined yet (REQ_FIRST). */
	f.name = (char *)"plant.def";
	f.text = (char *)fz_plant_def;
	ld.n_files = 1;
	ld.files = files;
	rq.body_case = YOKE__REQUEST__BODY_LOAD;
	rq.load = &ld;
	seed_one(&rq, FZ_TERM_DESK, "", YOKE__STATUS__STATUS_OK);

	/* The first admin signs in without a PIN, to set the first PINs. */
	seed_badge_in(FZ_TERM_DESK, "", "900", "");
	seed_set_pin("900", FZ_PIN_ADMIN);
	seed_set_pin("200", FZ_PIN_INSPECTOR);
	seed_set_pin("400", FZ_PIN_ENGINEER);

	rq = (Yoke__Request)YOKE__REQUEST__INIT;
	rel.work_order = (char *)FZ_WO;
	rel.product = (char *)"WIDGET";
	rel.quantity = FZ_WO_QTY;
	rel.due = (char *)"2026-12-15";
	rel.priority = 2;
	rq.body_case = YOKE__REQUEST__BODY_RELEASE;
	rq.release = &rel;
	seed_one(&rq, FZ_TERM_DESK, FZ_SESSION_DESK, YOKE__STATUS__STATUS_OK);

	seed_badge_in(FZ_TERM_ASSY, "ASSY-1", "100", "");
	for (int u = 1; u <= 6; u++) {
		static const uint32_t upto[] = { 0, 0, 1, 4, 6, 7, 7 };
		snprintf(serial, sizeof serial, "%s-%04d", FZ_WO, u);
		seed_unit(YOKE__REQUEST__BODY_OPEN_UNIT, FZ_TERM_ASSY, FZ_SESSION_ASSY, serial);
		seed_walk(serial, upto[u]);
	}
	seed_unit(YOKE__REQUEST__BODY_COMPLETE, FZ_TERM_ASSY, FZ_SESSION_ASSY, FZ_UNIT_TEST);
	seed_badge_in(FZ_TERM_TEST, "TEST-1", "101", "");
	seed_unit(YOKE__REQUEST__BODY_OPEN_UNIT, FZ_TERM_TEST, FZ_SESSION_TEST, FZ_UNIT_TEST);

	for (size_t i = 0; i < NSLOTS; i++) {
		if (strlen(slots[i].token) != FZ_TOKEN_LEN)
			die("seeding: no session at %s", slots[i].terminal);
		memcpy(slots[i].seeded, slots[i].token, sizeof slots[i].seeded);
	}
	seeded_pins = srv.pins;
	store_close(srv.store);
	srv.store = NULL;
	seeded_ms = mono_ms();
}

/* A fresh copy of the seeded store, and the server state that goes with it. */
static void
store_reset(void)
{
	char err[400], from[PATH_MAX + 32], to[PATH_MAX + 32];

	if (srv.store) {
		store_close(srv.store);
		srv.store = NULL;
	}
	/* The cache may hold what the old store held: forget it (no batch runs). */
	server_caches_clear(&srv);
	server_caches_trim(&srv);
	if (mono_ms() - seeded_ms > (int64_t)RESEED_MINUTES * 60000)
		seed();
	snprintf(from, sizeof from, "%s/data.mdb", seed_dir);
	snprintf(to, sizeof to, "%s/data.mdb", live_dir);
	copy_file(from, to);
	if (store_open_sized(&srv.store, live_dir, map_size, err, sizeof err) != 0)
		die("%s", err);
	srv.pins = seeded_pins;
	srv.ntopics = 0;
	for (size_t i = 0; i < NSLOTS; i++)
		memcpy(slots[i].token, slots[i].seeded, sizeof slots[i].token);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR"), *env;
	char err[400];
	int level;

	(void)argc;
	(void)argv;
	log_set_program("fuzz_dispatch");
	level = (env = getenv("YOKE_FUZZ_LOG")) ? log_parse_level(env) : -1;
	log_set_level(level >= 0 ? (enum log_level)level : LOG_ERROR);
	real_pin_hash = (env = getenv("YOKE_FUZZ_REAL_PIN_HASH")) && strcmp(env, "1") == 0;
	if ((env = getenv("YOKE_FUZZ_RESET_EVERY")) && atol(env) > 0)
		reset_every = (unsigned long)atol(env);
	if ((env = getenv("YOKE_FUZZ_MAP_MIB")) && atol(env) > 0 && atol(env) <= 4096)
		map_size = (size_t)atol(env) << 20;

	snprintf(base_dir, sizeof base_dir, "%s/yoke-fuzz-dispatch.XXXXXX",
	    tmp && tmp[0] ? tmp : "/tmp");
	if (mkdtemp(base_dir) == NULL)
		die("mkdtemp %s: %s", base_dir, strerror(errno));
	atexit(cleanup);
	snprintf(seed_dir, sizeof seed_dir, "%s/seed", base_dir);
	snprintf(live_dir, sizeof live_dir, "%s/live", base_dir);
	if (mkdir(live_dir, 0700) != 0)
		die("mkdir %s: %s", live_dir, strerror(errno));

	if (!pin_init())
		die("libsodium does not start");
	server_config_default(&srv.cfg);
	srv.auth = auth_new(NULL, 64, err, sizeof err);
	if (srv.auth == NULL)
		die("auth: %s", err);
	srv.epoch = 1;
	srv.pub_port = 7701;
	srv.stop = &stop_flag;
	arena_init(&arena);
	seed();
	verbose = (env = getenv("YOKE_FUZZ_VERBOSE")) && strcmp(env, "1") == 0;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct msg m[MSGS_MAX];
	size_t pos = 0;
	int n = 0;

	if (srv.store == NULL || inputs++ % reset_every == 0)
		store_reset();
	while (pos < size && n < MSGS_MAX) {
		uint8_t ctl = data[pos++];
		size_t len = 0;
		if (pos < size)
			len = data[pos++];
		if (pos < size)
			len |= (size_t)data[pos++] << 8;
		if (len > size - pos)
			len = size - pos;
		m[n++] = (struct msg){ ctl, data + pos, len };
		pos += len;
	}
	run_messages(m, n);
	return 0;
}
