/* handshake.c — see handshake.h. */
#include "server/net/handshake.h"
#include "shared/log.h"
#include "shared/util.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define ZAP_ENDPOINT "inproc://zeromq.zap.01"
#define WATCH_MAX 2
#define POLL_MS 500          /* how soon a changed allowlist takes effect */
#define ZAP_FRAMES_MAX 8

struct handshake {
	void *ctx, *zap;
	void *monitors[WATCH_MAX];
	int nmonitors;
	int64_t protocol_logged_ms;
	unsigned protocol_failures;
	struct auth *au;
	pthread_t thread;
	bool started;
};

struct handshake *
handshake_new(void *ctx, struct auth *au, char *err, size_t errsz)
{
	struct handshake *h = xcalloc(1, sizeof *h);
	int linger = 0;

	h->ctx = ctx;
	h->au = au;
	h->zap = zmq_socket(ctx, ZMQ_REP);
	YK_ASSERT(h->zap != NULL);
	zmq_setsockopt(h->zap, ZMQ_LINGER, &linger, sizeof linger);
	if (zmq_bind(h->zap, ZAP_ENDPOINT) != 0) {
		snprintf(err, errsz, "cannot bind the handshake handler: %s", zmq_strerror(errno));
		zmq_close(h->zap);
		free(h);
		return NULL;
	}
	return h;
}

void
handshake_watch(struct handshake *h, void *socket, const char *name)
{
	char ep[96];
	void *m;
	int linger = 0;

	YK_ASSERT(h->nmonitors < WATCH_MAX && !h->started);
	snprintf(ep, sizeof ep, "inproc://yoke-monitor-%s", name);
	if (zmq_socket_monitor(socket, ep, ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED |
	    ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) != 0)
		log_fatal("zmq_socket_monitor %s: %s", name, zmq_strerror(errno));
	m = zmq_socket(h->ctx, ZMQ_PAIR);
	YK_ASSERT(m != NULL);
	zmq_setsockopt(m, ZMQ_LINGER, &linger, sizeof linger);
	if (zmq_connect(m, ep) != 0)
		log_fatal("connect monitor %s: %s", name, zmq_strerror(errno));
	h->monitors[h->nmonitors++] = m;
}

/* Receives the rest of a multi-frame message into frames[]; false on ETERM. */
static int
recv_frames(void *s, zmq_msg_t *frames, int max)
{
	int n = 0;
	for (;;) {
		zmq_msg_t tmp;
		zmq_msg_t *m = n < max ? &frames[n] : &tmp;
		zmq_msg_init(m);
		if (zmq_msg_recv(m, s, 0) < 0) {
			zmq_msg_close(m);
			for (int i = 0; i < n && i < max; i++)
				zmq_msg_close(&frames[i]);
			return -1;
		}
		int more = zmq_msg_more(m);
		if (m == &tmp)
			zmq_msg_close(&tmp);
		n++;
		if (!more)
			return n;
	}
}

static void
send_text(void *s, const char *text, size_t len, int more)
{
	zmq_send(s, text, len, more ? ZMQ_SNDMORE : 0);
}

/* One ZAP request (RFC 27): version, request id, domain, address, routing
 * id, mechanism, credentials...; the answer: version, request id, status
 * code, status text, user id, metadata. */
static void
answer_zap(struct handshake *h)
{
	zmq_msg_t f[ZAP_FRAMES_MAX];
	int n = recv_frames(h->zap, f, ZAP_FRAMES_MAX);
	char domain[64] = "", mechanism[16] = "", key[CERT_KEY_LEN + 1] = "", terminal[CERT_ID_MAX + 1];
	char why[200] = "malformed ZAP request", gen_text[24];
	unsigned char meta[64];
	size_t metalen = 0;
	uint64_t gen = 0;
	bool ok = false;

	if (n < 0)
		return;
	if (n >= 6 && n <= ZAP_FRAMES_MAX && zmq_msg_size(&f[0]) == 3 &&
	    memcmp(zmq_msg_data(&f[0]), "1.0", 3) == 0) {
		size_t dl = zmq_msg_size(&f[2]), ml = zmq_msg_size(&f[5]);
		if (dl < sizeof domain && ml < sizeof mechanism) {
			memcpy(domain, zmq_msg_data(&f[2]), dl);
			domain[dl] = '\0';
			memcpy(mechanism, zmq_msg_data(&f[5]), ml);
			mechanism[ml] = '\0';
			if (strcmp(mechanism, "CURVE") == 0 && n == 7 && zmq_msg_size(&f[6]) == 32) {
				zmq_z85_encode(key, zmq_msg_data(&f[6]), 32);
				ok = auth_admit(h->au, domain, key, terminal, sizeof terminal, &gen, why, sizeof why);
			} else if (strcmp(mechanism, "NULL") == 0) {
				ok = auth_admit(h->au, domain, "", terminal, sizeof terminal, &gen, why, sizeof why);
			} else {
				snprintf(why, sizeof why, "mechanism %s is not accepted", mechanism);
			}
		}
	}
	/* Metadata: one property, X-Gen = the connection's generation. */
	if (ok && gen) {
		int gl = snprintf(gen_text, sizeof gen_text, "%llu", (unsigned long long)gen);
		meta[metalen++] = 5;
		memcpy(meta + metalen, "X-Gen", 5);
		metalen += 5;
		put_be32(meta + metalen, (uint32_t)gl);
		metalen += 4;
		memcpy(meta + metalen, gen_text, (size_t)gl);
		metalen += (size_t)gl;
	}
	send_text(h->zap, "1.0", 3, 1);
	if (n >= 2)
		zmq_send(h->zap, zmq_msg_data(&f[1]), zmq_msg_size(&f[1]), ZMQ_SNDMORE);
	else
		send_text(h->zap, "", 0, 1);
	/* 300, a temporary refusal, disconnects the peer without an ERROR
	 * command, so libzmq reconnects it later: a terminal started before its
	 * enrolment, or refused at the connection cap, gets in by itself once
	 * it may (a 400 would stop its reconnecting for good). Each stranger's
	 * retry costs one handshake and is logged once a minute. */
	send_text(h->zap, ok ? "200" : "300", 3, 1);
	send_text(h->zap, ok ? "OK" : why, strlen(ok ? "OK" : why), 1);
	send_text(h->zap, ok ? terminal : "", ok ? strlen(terminal) : 0, 1);
	zmq_send(h->zap, meta, metalen, 0);
	for (int i = 0; i < n && i < ZAP_FRAMES_MAX; i++)
		zmq_msg_close(&f[i]);
}

/* A monitor event: frame 1 is event (16 bits) and value (32 bits), frame 2
 * the endpoint. */
static bool
read_monitor(struct handshake *h, void *m)
{
	zmq_msg_t f[2];
	int n = recv_frames(m, f, 2);
	if (n < 0)
		return false;
	if (n >= 1 && zmq_msg_size(&f[0]) >= 2) {
		uint16_t event;
		memcpy(&event, zmq_msg_data(&f[0]), sizeof event);
		if (event == ZMQ_EVENT_ACCEPTED)
			auth_connections(h->au, +1);
		else if (event == ZMQ_EVENT_DISCONNECTED)
			auth_connections(h->au, -1);
		else if (event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL ||
		    event == ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) {
			/* Refused before the ZAP question: another mechanism (a peer
			 * without CURVE, or with it against a plain server). Which of
			 * the two events comes is a race: the peer sees the mismatch
			 * too and may hang up before its greeting reaches us (then
			 * "no detail", value = errno). Logged at most every 10 s, with
			 * how many there were. */
			int64_t now = mono_ms();
			uint32_t why = 0;
			memcpy(&why, (const char *)zmq_msg_data(&f[0]) + 2,
			    zmq_msg_size(&f[0]) >= 6 ? 4 : 0);
			h->protocol_failures++;
			if (now - h->protocol_logged_ms >= 10000) {
				h->protocol_logged_ms = now;
				log_warn("handshake refused: %u peer%s failed the ZMTP handshake (%s 0x%x: e.g. "
				    "a client without this server's CURVE key, or a plain client)",
				    h->protocol_failures, h->protocol_failures == 1 ? "" : "s",
				    event == ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL ? "protocol error" :
				    "broken off, errno", why);
				h->protocol_failures = 0;
			}
		}
	}
	for (int i = 0; i < n && i < 2; i++)
		zmq_msg_close(&f[i]);
	return true;
}

static void *
run(void *arg)
{
	struct handshake *h = arg;
	for (;;) {
		zmq_pollitem_t items[1 + WATCH_MAX];
		int n = 0, rc;
		items[n++] = (zmq_pollitem_t){ .socket = h->zap, .events = ZMQ_POLLIN };
		for (int i = 0; i < h->nmonitors; i++)
			items[n++] = (zmq_pollitem_t){ .socket = h->monitors[i], .events = ZMQ_POLLIN };
		rc = zmq_poll(items, n, POLL_MS);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			break;      /* ETERM: the server is stopping */
		}
		if (items[0].revents & ZMQ_POLLIN)
			answer_zap(h);
		for (int i = 0; i < h->nmonitors; i++)
			if ((items[1 + i].revents & ZMQ_POLLIN) && !read_monitor(h, h->monitors[i]))
				goto out;
		auth_refresh(h->au, false);
	}
out:
	return NULL;
}

void
handshake_start(struct handshake *h)
{
	if (pthread_create(&h->thread, NULL, run, h) != 0)
		log_fatal("cannot start the handshake thread");
	h->started = true;
}

void
handshake_stop(struct handshake *h)
{
	if (h == NULL)
		return;
	if (h->started)
		pthread_join(h->thread, NULL);
	zmq_close(h->zap);
	for (int i = 0; i < h->nmonitors; i++)
		zmq_close(h->monitors[i]);
	free(h);
}
