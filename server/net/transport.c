/* transport.c — see transport.h. */
#include "server/net/transport.h"
#include "server/net/handshake.h"
#include "shared/log.h"
#include "shared/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

struct transport {
	void *ctx, *router, *pub;
	struct handshake *hs;
	uint32_t pub_port;
	uint64_t dropped_replies;
	int64_t dropped_logged_ms;
};

static void
set_int(void *s, int opt, int v)
{
	if (zmq_setsockopt(s, opt, &v, sizeof v) != 0)
		log_fatal("zmq_setsockopt %d: %s", opt, zmq_strerror(errno));
}

static uint32_t
bound_port(void *sock)
{
	char ep[256];
	size_t len = sizeof ep;
	const char *colon;
	if (zmq_getsockopt(sock, ZMQ_LAST_ENDPOINT, ep, &len) != 0)
		return 0;
	colon = strrchr(ep, ':');
	return colon ? (uint32_t)strtoul(colon + 1, NULL, 10) : 0;
}

bool
transport_loopback(const char *ep)
{
	static const char *const ok[] = { "tcp://127.0.0.1:", "tcp://localhost:", "tcp://[::1]:",
		"ipc://" };
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strncmp(ep, ok[i], strlen(ok[i])) == 0)
			return true;
	return false;
}

/* The options both sockets share: security, and what one peer may cost. */
static void
secure(void *s, struct auth *au, const char *domain)
{
	int64_t max = MESSAGE_MAX;
	zmq_setsockopt(s, ZMQ_ZAP_DOMAIN, domain, strlen(domain));
	if (!auth_plain(au)) {
		set_int(s, ZMQ_CURVE_SERVER, 1);
		if (zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, auth_server_cert(au)->secret_key,
		    CERT_KEY_LEN) != 0)
			log_fatal("the server secret key is not a CURVE key: %s", zmq_strerror(errno));
	}
	zmq_setsockopt(s, ZMQ_MAXMSGSIZE, &max, sizeof max);
	set_int(s, ZMQ_LINGER, 100);
	set_int(s, ZMQ_RCVHWM, PEER_QUEUE);
	set_int(s, ZMQ_SNDHWM, PEER_QUEUE);
	set_int(s, ZMQ_HANDSHAKE_IVL, HANDSHAKE_MS);
	/* ZMTP heartbeats close connections whose peer went silent, so a dead
	 * station's descriptor is released even if TCP never says so. */
	set_int(s, ZMQ_HEARTBEAT_IVL, 10000);
	set_int(s, ZMQ_HEARTBEAT_TIMEOUT, 30000);
	set_int(s, ZMQ_HEARTBEAT_TTL, 30000);
	/* Every terminal reconnects at once after a restart. */
	set_int(s, ZMQ_BACKLOG, 1024);
}

int
transport_open(struct transport **out, const char *listen, const char *publish, struct auth *au,
    char *err, size_t errsz)
{
	struct transport *t = xcalloc(1, sizeof *t);

	if (auth_plain(au) && (!transport_loopback(listen) || !transport_loopback(publish))) {
		snprintf(err, errsz, "plain mode (no CURVE) serves loopback endpoints only; "
		    "got %s and %s", listen, publish);
		free(t);
		return -1;
	}
	t->ctx = zmq_ctx_new();
	YK_ASSERT(t->ctx != NULL);
	/* The handshake handler first: no connection is admitted unanswered. */
	if ((t->hs = handshake_new(t->ctx, au, err, errsz)) == NULL) {
		zmq_ctx_term(t->ctx);
		free(t);
		return -1;
	}
	t->router = zmq_socket(t->ctx, ZMQ_ROUTER);
	t->pub = zmq_socket(t->ctx, ZMQ_PUB);
	YK_ASSERT(t->router && t->pub);
	/* A reply to a peer that is gone, or whose queue is full, fails at once
	 * instead of vanishing or blocking the loop. */
	set_int(t->router, ZMQ_ROUTER_MANDATORY, 1);
	secure(t->router, au, AUTH_DOMAIN_REQUESTS);
	secure(t->pub, au, AUTH_DOMAIN_NOTICES);
	handshake_watch(t->hs, t->router, "requests");
	handshake_watch(t->hs, t->pub, "notices");
	handshake_start(t->hs);
	if (zmq_bind(t->router, listen) != 0) {
		snprintf(err, errsz, "cannot listen on %s: %s", listen, zmq_strerror(errno));
		goto fail;
	}
	if (zmq_bind(t->pub, publish) != 0) {
		snprintf(err, errsz, "cannot publish on %s: %s", publish, zmq_strerror(errno));
		goto fail;
	}
	t->pub_port = bound_port(t->pub);
	*out = t;
	return 0;
fail:
	transport_close(t);
	return -1;
}

void
transport_close(struct transport *t)
{
	if (t == NULL)
		return;
	zmq_close(t->router);
	zmq_close(t->pub);
	zmq_ctx_shutdown(t->ctx);
	handshake_stop(t->hs);
	zmq_ctx_term(t->ctx);
	free(t);
}

uint32_t
transport_pub_port(const struct transport *t)
{
	return t->pub_port;
}

int
transport_wait(struct transport *t, int extra_fd, int timeout_ms)
{
	zmq_pollitem_t items[2] = {
		{ .socket = t->router, .events = ZMQ_POLLIN },
		{ .fd = extra_fd, .events = ZMQ_POLLIN },
	};
	int rc = zmq_poll(items, extra_fd >= 0 ? 2 : 1, timeout_ms);
	if (rc < 0)
		return errno == EINTR ? -1 : (log_fatal("zmq_poll: %s", zmq_strerror(errno)), -1);
	return rc > 0 ? 1 : 0;
}

/* Reads the rest of a message we are dropping; returns the frames read. */
static int
drain(void *sock, zmq_msg_t *m)
{
	int n = 0;
	while (zmq_msg_more(m)) {
		if (zmq_msg_recv(m, sock, 0) < 0)
			break;
		n++;
	}
	return n;
}

/* Who the connection is, from what the handshake thread attached. */
static void
who(zmq_msg_t *m, struct peer *p)
{
	const char *user = zmq_msg_gets(m, "User-Id"), *gen = zmq_msg_gets(m, "X-Gen");
	if (user)
		strlcpy_yk(p->terminal, user, sizeof p->terminal);
	if (gen)
		p->generation = strtoull(gen, NULL, 10);
}

int
transport_recv(struct transport *t, struct arena *a, struct inbound *in)
{
	zmq_msg_t m;

	for (;;) {
		zmq_msg_init(&m);
		if (zmq_msg_recv(&m, t->router, ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&m);
			return 0;
		}
		/* Frame 1: the peer identity that ROUTER adds. */
		memset(in, 0, sizeof *in);
		if (zmq_msg_size(&m) > PEER_ID_MAX || !zmq_msg_more(&m)) {
			drain(t->router, &m);
			zmq_msg_close(&m);
			continue;
		}
		in->peer.idlen = zmq_msg_size(&m);
		memcpy(in->peer.id, zmq_msg_data(&m), in->peer.idlen);
		if (zmq_msg_recv(&m, t->router, 0) < 0) {
			zmq_msg_close(&m);
			continue;
		}
		who(&m, &in->peer);
		/* An optional empty delimiter, as a REQ peer sends. */
		if (zmq_msg_size(&m) == 0 && zmq_msg_more(&m)) {
			in->peer.delimited = 1;
			if (zmq_msg_recv(&m, t->router, 0) < 0) {
				zmq_msg_close(&m);
				continue;
			}
		}
		in->frames = 1;
		if (zmq_msg_more(&m)) {
			in->frames += drain(t->router, &m);
			zmq_msg_close(&m);
			in->data = (const unsigned char *)"";
			in->len = 0;
			return 1;
		}
		in->len = zmq_msg_size(&m);
		unsigned char *copy = arena_alloc(a, in->len + 1);
		memcpy(copy, zmq_msg_data(&m), in->len);
		in->data = copy;
		zmq_msg_close(&m);
		return 1;
	}
}

bool
transport_send(struct transport *t, const struct peer *p, const void *buf, size_t len)
{
	int more = ZMQ_SNDMORE | ZMQ_DONTWAIT;
	if (zmq_send(t->router, p->id, p->idlen, more) < 0) {
		/* EHOSTUNREACH: gone; EAGAIN: its queue is full (it does not read). */
		int64_t now = mono_ms();
		t->dropped_replies++;
		if (errno == EAGAIN && now - t->dropped_logged_ms >= 1000) {
			t->dropped_logged_ms = now;
			log_warn("reply to %s dropped: its queue of %d replies is full (it does not "
			    "read); %llu replies dropped so far", p->terminal[0] ? p->terminal : "a peer",
			    PEER_QUEUE, (unsigned long long)t->dropped_replies);
		} else if (errno != EAGAIN) {
			log_debug("reply to a peer that is gone dropped: %s", zmq_strerror(errno));
		}
		return false;
	}
	if (p->delimited)
		zmq_send(t->router, "", 0, more);
	if (zmq_send(t->router, buf, len, ZMQ_DONTWAIT) < 0) {
		log_warn("reply not sent: %s", zmq_strerror(errno));
		return false;
	}
	return true;
}

void
transport_publish(struct transport *t, const char *topic, const void *buf, size_t len)
{
	zmq_send(t->pub, topic, strlen(topic), ZMQ_SNDMORE | ZMQ_DONTWAIT);
	zmq_send(t->pub, buf, len, ZMQ_DONTWAIT);
}
