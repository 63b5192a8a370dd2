/*
 * baseline — the raw ZeroMQ + LMDB server yoked is measured against: the
 * least a durable request server can do. A ROUTER on the same options as
 * yoked (server/transport.c: mandatory routing, backlog 1024, linger
 * 100 ms, 16 messages queued per peer, 4 MiB cap, heartbeats); per
 * wake-up it drains every waiting request (at most 1024, yoked's batch
 * cap), opens one LMDB write transaction,
 * and per request appends the request bytes to a log under a big-endian
 * sequence key (MDB_APPEND) and puts one index key (terminal -> sequence,
 * DUPSORT); it commits once with LMDB's default synchronous commit (no
 * NOSYNC, like yoked), and only then answers each request with a small
 * packed Reply carrying its request number.
 *
 *   baseline --data DIR --listen ENDPOINT (--keys DIR | --plain)
 *
 * Security as yoked's (server/transport.c, handshake.c, auth.c): with
 * --keys the ROUTER is a CURVE server with the key pair DIR/server.key, and
 * a ZAP handler (a thread with a REP socket on inproc://zeromq.zap.01)
 * admits the public keys of the allowlist DIR/terminals/<id>.pub, read into
 * memory at start, and names each connection by the terminal its key is
 * bound to (ZAP user id); the index key is then that terminal, as yoked
 * takes the terminal from the key. --plain: no CURVE, no ZAP; the index
 * key is the request's terminal field.
 *
 * It does not decode requests beyond the two fields it needs (terminal and
 * request_no, read straight off the protobuf wire format), so it is an
 * upper bound: everything yoked does above it is the price of its rules.
 */
#include "proto/yoke.pb-c.h"
#include "shared/cert.h"
#include "shared/util.h"

#include <dirent.h>
#include <errno.h>
#include <lmdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zmq.h>

#define BATCH_MAX 1024
#define PEER_MAX 255
#define MESSAGE_MAX (4u << 20)
#define PEER_QUEUE 16              /* yoked's per-peer queue (server/transport.h) */
#define PROTOCOL_VERSION 2
#define ZAP_ENDPOINT "inproc://zeromq.zap.01"
#define ZAP_FRAMES 8

struct request {
	unsigned char peer[PEER_MAX];
	size_t peerlen;
	int delimited;
	unsigned char *data;
	size_t len;
	const unsigned char *terminal;
	size_t terminal_len;
	uint64_t request_no;
	char user[CERT_ID_MAX + 1];     /* the terminal bound to the key (CURVE), or "" */
};

/* The allowlist in memory, sorted by public key. */
struct allowed {
	char key[CERT_KEY_LEN + 1];
	char terminal[CERT_ID_MAX + 1];
};
static struct allowed *allow;
static size_t nallow;

static volatile sig_atomic_t stop;
static int curve;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int
varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; shift < 64 && *p < end; shift += 7) {
		unsigned char b = *(*p)++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return 1;
		}
	}
	return 0;
}

/* Reads Request.terminal (field 2) and Request.request_no (field 3) off the
 * wire format; every other field is skipped unread. */
static void
scan_request(struct request *r)
{
	const unsigned char *p = r->data, *end = r->data + r->len;
	uint64_t key, v;

	r->terminal = NULL;
	r->terminal_len = 0;
	r->request_no = 0;
	while (p < end && varint(&p, end, &key)) {
		switch (key & 7) {
		case 0:
			if (!varint(&p, end, &v))
				return;
			if (key >> 3 == 3)
				r->request_no = v;
			break;
		case 1:
			p += 8;
			break;
		case 2:
			if (!varint(&p, end, &v) || v > (uint64_t)(end - p))
				return;
			if (key >> 3 == 2) {
				r->terminal = p;
				r->terminal_len = (size_t)v;
			}
			p += v;
			break;
		case 5:
			p += 4;
			break;
		default:
			return;
		}
	}
}

static int
allowed_cmp(const void *a, const void *b)
{
	return strcmp(((const struct allowed *)a)->key, ((const struct allowed *)b)->key);
}

/* Reads DIR/terminals/<id>.pub; a wrong file is skipped with a message. */
static void
read_allowlist(const char *dir)
{
	char path[1200];
	DIR *d;
	struct dirent *e;
	size_t cap = 0;

	snprintf(path, sizeof path, "%s/terminals", dir);
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "baseline: cannot read %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while ((e = readdir(d)) != NULL) {
		char file[1600], err[400];
		struct cert c;
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 5 || strcmp(e->d_name + n - 4, ".pub") != 0)
			continue;
		snprintf(file, sizeof file, "%s/%s", path, e->d_name);
		if (!cert_read(file, CERT_ALLOWED, &c, err, sizeof err)) {
			fprintf(stderr, "baseline: %s\n", err);
			continue;
		}
		if (nallow == cap) {
			cap = cap ? cap * 2 : 64;
			allow = xrealloc(allow, cap * sizeof *allow);
		}
		memcpy(allow[nallow].key, c.public_key, sizeof allow[nallow].key);
		memcpy(allow[nallow].terminal, c.terminal, sizeof allow[nallow].terminal);
		nallow++;
	}
	closedir(d);
	qsort(allow, nallow, sizeof *allow, allowed_cmp);
}

/* One ZAP request (RFC 27): version, request id, domain, address, routing
 * id, mechanism, credentials; answered 200 with the terminal as user id
 * when the CURVE key is on the allowlist, else 400. */
static void
answer_zap(void *zap)
{
	zmq_msg_t f[ZAP_FRAMES];
	int n = 0, more = 1;
	struct allowed key, *found = NULL;

	while (more) {
		zmq_msg_t tmp, *m = n < ZAP_FRAMES ? &f[n] : &tmp;
		zmq_msg_init(m);
		if (zmq_msg_recv(m, zap, 0) < 0) {
			zmq_msg_close(m);
			for (int i = 0; i < n && i < ZAP_FRAMES; i++)
				zmq_msg_close(&f[i]);
			return;
		}
		more = zmq_msg_more(m);
		if (m == &tmp)
			zmq_msg_close(m);
		n++;
	}
	if (n == 7 && zmq_msg_size(&f[5]) == 5 && memcmp(zmq_msg_data(&f[5]), "CURVE", 5) == 0 &&
	    zmq_msg_size(&f[6]) == 32) {
		zmq_z85_encode(key.key, zmq_msg_data(&f[6]), 32);
		found = nallow ? bsearch(&key, allow, nallow, sizeof *allow, allowed_cmp) : NULL;
	}
	zmq_send(zap, "1.0", 3, ZMQ_SNDMORE);
	if (n >= 2)
		zmq_send(zap, zmq_msg_data(&f[1]), zmq_msg_size(&f[1]), ZMQ_SNDMORE);
	else
		zmq_send(zap, "", 0, ZMQ_SNDMORE);
	zmq_send(zap, found ? "200" : "400", 3, ZMQ_SNDMORE);
	zmq_send(zap, found ? "OK" : "not enrolled", found ? 2 : 12, ZMQ_SNDMORE);
	zmq_send(zap, found ? found->terminal : "", found ? strlen(found->terminal) : 0, ZMQ_SNDMORE);
	zmq_send(zap, "", 0, 0);
	for (int i = 0; i < n && i < ZAP_FRAMES; i++)
		zmq_msg_close(&f[i]);
}

/* The ZAP thread: answers until the context is shut down. */
static void *
zap_run(void *arg)
{
	void *zap = arg;
	for (;;) {
		zmq_pollitem_t it = { .socket = zap, .events = ZMQ_POLLIN };
		int rc = zmq_poll(&it, 1, 500);
		if (rc < 0 && errno != EINTR)
			break;          /* ETERM */
		if (rc > 0)
			answer_zap(zap);
	}
	zmq_close(zap);
	return NULL;
}

static void
set_int(void *s, int opt, int v)
{
	zmq_setsockopt(s, opt, &v, sizeof v);
}

/* Takes one request without blocking: 1 got one, 0 none. */
static int
take(void *router, struct request *r)
{
	zmq_msg_t m;
	for (;;) {
		zmq_msg_init(&m);
		if (zmq_msg_recv(&m, router, ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&m);
			return 0;
		}
		if (zmq_msg_size(&m) > PEER_MAX || !zmq_msg_more(&m))
			goto drop;
		r->peerlen = zmq_msg_size(&m);
		memcpy(r->peer, zmq_msg_data(&m), r->peerlen);
		r->delimited = 0;
		if (zmq_msg_recv(&m, router, 0) < 0)
			goto drop;
		if (zmq_msg_size(&m) == 0 && zmq_msg_more(&m)) {
			r->delimited = 1;
			if (zmq_msg_recv(&m, router, 0) < 0)
				goto drop;
		}
		if (zmq_msg_more(&m))
			goto drop;
		r->len = zmq_msg_size(&m);
		r->data = xrealloc(r->data, r->len + 1);
		memcpy(r->data, zmq_msg_data(&m), r->len);
		{
			/* Who the connection is, as yoked reads it (transport.c who()). */
			const char *user = curve ? zmq_msg_gets(&m, "User-Id") : NULL;
			strlcpy_yk(r->user, user ? user : "", sizeof r->user);
		}
		zmq_msg_close(&m);
		return 1;
drop:
		while (zmq_msg_more(&m) && zmq_msg_recv(&m, router, 0) >= 0)
			;
		zmq_msg_close(&m);
	}
}

/* One write transaction for the batch. MDB_MAP_FULL: the caller grows the
 * map and runs it again. */
static int
store_batch(MDB_env *env, MDB_dbi log, MDB_dbi index, struct request *rs, int n, uint64_t *seq)
{
	MDB_txn *txn;
	uint64_t next = *seq;
	int rc;

	if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
		return rc;
	for (int i = 0; i < n; i++) {
		struct request *r = &rs[i];
		unsigned char k[8];
		MDB_val key = { 8, k }, val = { r->len, r->data };
		MDB_val ik, iv = { 8, k };

		scan_request(r);
		put_be64(k, ++next);
		if ((rc = mdb_put(txn, log, &key, &val, MDB_APPEND)) != 0)
			goto fail;
		if (r->user[0]) {
			ik.mv_size = strlen(r->user);
			ik.mv_data = r->user;
		} else if (r->terminal_len > 0 && r->terminal_len <= 500) {
			ik.mv_size = r->terminal_len;
			ik.mv_data = (void *)r->terminal;
		} else {
			ik.mv_size = r->peerlen;
			ik.mv_data = r->peer;
		}
		if (ik.mv_size && (rc = mdb_put(txn, index, &ik, &iv, 0)) != 0)
			goto fail;
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return rc;
	*seq = next;
	return 0;
fail:
	mdb_txn_abort(txn);
	return rc;
}

static void
answer(void *router, const struct request *r, int status)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	uint8_t buf[64];
	int more = ZMQ_SNDMORE | ZMQ_DONTWAIT;

	rp.version = PROTOCOL_VERSION;
	rp.request_no = r->request_no;
	rp.status = status;
	if (zmq_send(router, r->peer, r->peerlen, more) < 0)
		return;
	if (r->delimited)
		zmq_send(router, "", 0, more);
	zmq_send(router, buf, yoke__reply__pack(&rp, buf), ZMQ_DONTWAIT);
}

int
main(int argc, char **argv)
{
	const char *dir = NULL, *listen = NULL, *keys = NULL;
	struct cert server;
	pthread_t zap_thread;
	int plain = 0;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi log, index;
	size_t map = (size_t)1 << 30;
	struct request *rs = xcalloc(BATCH_MAX, sizeof *rs);
	struct sigaction sa;
	uint64_t seq = 0, requests = 0, batches = 0;
	void *ctx, *router;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--plain") == 0)
			plain = 1;
		else if (i + 1 < argc && strcmp(argv[i], "--data") == 0)
			dir = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--listen") == 0)
			listen = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--keys") == 0)
			keys = argv[++i];
		else
			dir = NULL, i = argc;
	}
	if (dir == NULL || listen == NULL || (keys == NULL) == !plain) {
		fprintf(stderr, "usage: baseline --data DIR --listen ENDPOINT (--keys DIR | --plain)\n");
		return 2;
	}
	curve = !plain;
	if (curve) {
		char path[1200], err[600];
		snprintf(path, sizeof path, "%s/server.key", keys);
		if (!cert_read(path, CERT_SERVER, &server, err, sizeof err)) {
			fprintf(stderr, "baseline: %s\n", err);
			return 1;
		}
		read_allowlist(keys);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		fprintf(stderr, "baseline: cannot create %s: %s\n", dir, strerror(errno));
		return 1;
	}
	/* As yoked's store: MDB_NOTLS and nothing else, so every commit syncs. */
	if ((rc = mdb_env_create(&env)) != 0 || (rc = mdb_env_set_maxdbs(env, 4)) != 0 ||
	    (rc = mdb_env_set_mapsize(env, map)) != 0 ||
	    (rc = mdb_env_open(env, dir, MDB_NOTLS, 0640)) != 0 ||
	    (rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0) {
		fprintf(stderr, "baseline: cannot open LMDB in %s: %s\n", dir, mdb_strerror(rc));
		return 1;
	}
	if ((rc = mdb_dbi_open(txn, "log", MDB_CREATE, &log)) != 0 ||
	    (rc = mdb_dbi_open(txn, "index", MDB_CREATE | MDB_DUPSORT | MDB_DUPFIXED, &index)) != 0 ||
	    (rc = mdb_txn_commit(txn)) != 0) {
		fprintf(stderr, "baseline: cannot open tables: %s\n", mdb_strerror(rc));
		return 1;
	}

	ctx = zmq_ctx_new();
	if (curve) {
		/* The handshake handler first: no connection is admitted unanswered. */
		void *zap = zmq_socket(ctx, ZMQ_REP);
		set_int(zap, ZMQ_LINGER, 0);
		if (zmq_bind(zap, ZAP_ENDPOINT) != 0 ||
		    pthread_create(&zap_thread, NULL, zap_run, zap) != 0) {
			fprintf(stderr, "baseline: cannot start the ZAP handler: %s\n", zmq_strerror(errno));
			return 1;
		}
	}
	router = zmq_socket(ctx, ZMQ_ROUTER);
	zmq_setsockopt(router, ZMQ_ZAP_DOMAIN, "yoke", 4);
	if (curve) {
		set_int(router, ZMQ_CURVE_SERVER, 1);
		if (zmq_setsockopt(router, ZMQ_CURVE_SECRETKEY, server.secret_key, CERT_KEY_LEN) != 0) {
			fprintf(stderr, "baseline: the server secret key is not a CURVE key\n");
			return 1;
		}
	}
	set_int(router, ZMQ_ROUTER_MANDATORY, 1);
	set_int(router, ZMQ_BACKLOG, 1024);
	set_int(router, ZMQ_LINGER, 100);
	set_int(router, ZMQ_RCVHWM, PEER_QUEUE);
	set_int(router, ZMQ_SNDHWM, PEER_QUEUE);
	set_int(router, ZMQ_HANDSHAKE_IVL, 10000);
	set_int(router, ZMQ_HEARTBEAT_IVL, 10000);
	set_int(router, ZMQ_HEARTBEAT_TIMEOUT, 30000);
	set_int(router, ZMQ_HEARTBEAT_TTL, 30000);
	{
		int64_t max = MESSAGE_MAX;
		zmq_setsockopt(router, ZMQ_MAXMSGSIZE, &max, sizeof max);
	}
	if (zmq_bind(router, listen) != 0) {
		fprintf(stderr, "baseline: cannot listen on %s: %s\n", listen, zmq_strerror(errno));
		return 1;
	}

	while (!stop) {
		zmq_pollitem_t it = { .socket = router, .events = ZMQ_POLLIN };
		int n = 0;
		if (zmq_poll(&it, 1, 500) <= 0)
			continue;
		while (n < BATCH_MAX && take(router, &rs[n]))
			n++;
		if (n == 0)
			continue;
		while ((rc = store_batch(env, log, index, rs, n, &seq)) == MDB_MAP_FULL) {
			map *= 2;
			if ((rc = mdb_env_set_mapsize(env, map)) != 0)
				break;
		}
		if (rc != 0)
			fprintf(stderr, "baseline: batch of %d not committed: %s\n", n, mdb_strerror(rc));
		for (int i = 0; i < n; i++)
			answer(router, &rs[i], rc == 0 ? YOKE__STATUS__STATUS_OK : YOKE__STATUS__STATUS_INTERNAL);
		requests += (uint64_t)n;
		batches++;
	}
	fprintf(stderr, "baseline: %llu requests in %llu batches\n", (unsigned long long)requests,
	    (unsigned long long)batches);
	zmq_close(router);
	if (curve) {
		zmq_ctx_shutdown(ctx);
		pthread_join(zap_thread, NULL);
	}
	zmq_ctx_term(ctx);
	free(allow);
	mdb_env_close(env);
	for (int i = 0; i < BATCH_MAX; i++)
		free(rs[i].data);
	free(rs);
	return 0;
}
