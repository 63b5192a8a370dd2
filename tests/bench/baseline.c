/*
 * baseline — the raw ZeroMQ + LMDB server yoked is measured against: the
 * least a durable request server can do. A ROUTER on the same options as
 * yoked (server/transport.c); per wake-up it drains every waiting request
 * (at most 1024, yoked's batch cap), opens one LMDB write transaction,
 * and per request appends the request bytes to a log under a big-endian
 * sequence key (MDB_APPEND) and puts one index key (terminal -> sequence,
 * DUPSORT); it commits once with LMDB's default synchronous commit (no
 * NOSYNC, like yoked), and only then answers each request with a small
 * packed Reply carrying its request number.
 *
 *   baseline --data DIR --listen ENDPOINT
 *
 * It does not decode requests beyond the two fields it needs (terminal and
 * request_no, read straight off the protobuf wire format), so it is an
 * upper bound: everything yoked does above it is the price of its rules.
 */
#include "proto/yoke.pb-c.h"
#include "shared/util.h"

#include <errno.h>
#include <lmdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zmq.h>

#define BATCH_MAX 1024
#define PEER_MAX 255
#define MESSAGE_MAX (4u << 20)

struct request {
	unsigned char peer[PEER_MAX];
	size_t peerlen;
	int delimited;
	unsigned char *data;
	size_t len;
	const unsigned char *terminal;
	size_t terminal_len;
	uint64_t request_no;
};

static volatile sig_atomic_t stop;

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
		if (r->terminal_len > 0 && r->terminal_len <= 500) {
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

	rp.version = 1;
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
	const char *dir = NULL, *listen = NULL;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi log, index;
	size_t map = (size_t)1 << 30;
	struct request *rs = xcalloc(BATCH_MAX, sizeof *rs);
	struct sigaction sa;
	uint64_t seq = 0, requests = 0, batches = 0;
	void *ctx, *router;
	int rc;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--data") == 0)
			dir = argv[i + 1];
		else if (strcmp(argv[i], "--listen") == 0)
			listen = argv[i + 1];
	}
	if (dir == NULL || listen == NULL || argc != 5) {
		fprintf(stderr, "usage: baseline --data DIR --listen ENDPOINT\n");
		return 2;
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
	router = zmq_socket(ctx, ZMQ_ROUTER);
	set_int(router, ZMQ_ROUTER_MANDATORY, 1);
	set_int(router, ZMQ_BACKLOG, 1024);
	set_int(router, ZMQ_LINGER, 100);
	set_int(router, ZMQ_RCVHWM, 100000);
	set_int(router, ZMQ_SNDHWM, 100000);
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
	zmq_ctx_term(ctx);
	mdb_env_close(env);
	for (int i = 0; i < BATCH_MAX; i++)
		free(rs[i].data);
	free(rs);
	return 0;
}
