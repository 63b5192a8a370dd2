/* transport.c — see transport.h. */
#include "server/transport.h"
#include "shared/log.h"
#include "shared/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

struct transport {
	void *ctx, *router, *pub;
	uint32_t pub_port;
};

static void
set_int(void *s, int opt, int v)
{
	zmq_setsockopt(s, opt, &v, sizeof v);
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

int
transport_open(struct transport **out, const char *listen, const char *publish, char *err, size_t errsz)
{
	struct transport *t = xcalloc(1, sizeof *t);

	t->ctx = zmq_ctx_new();
	t->router = zmq_socket(t->ctx, ZMQ_ROUTER);
	t->pub = zmq_socket(t->ctx, ZMQ_PUB);
	YK_ASSERT(t->router && t->pub);
	/* A reply to a peer that is gone fails at once instead of vanishing. */
	set_int(t->router, ZMQ_ROUTER_MANDATORY, 1);
	/* Every terminal reconnects at once after a restart. */
	set_int(t->router, ZMQ_BACKLOG, 1024);
	set_int(t->router, ZMQ_LINGER, 100);
	set_int(t->pub, ZMQ_LINGER, 100);
	set_int(t->router, ZMQ_RCVHWM, 100000);
	set_int(t->router, ZMQ_SNDHWM, 100000);
	{
		int64_t max = MESSAGE_MAX;
		zmq_setsockopt(t->router, ZMQ_MAXMSGSIZE, &max, sizeof max);
	}
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
	zmq_close(t->router);
	zmq_close(t->pub);
	zmq_ctx_term(t->ctx);
	free(t);
	return -1;
}

void
transport_close(struct transport *t)
{
	if (t == NULL)
		return;
	zmq_close(t->router);
	zmq_close(t->pub);
	zmq_ctx_term(t->ctx);
	free(t);
}

uint32_t
transport_pub_port(const struct transport *t)
{
	return t->pub_port;
}

int
transport_wait(struct transport *t, int timeout_ms)
{
	zmq_pollitem_t item = { .socket = t->router, .events = ZMQ_POLLIN };
	int rc = zmq_poll(&item, 1, timeout_ms);
	if (rc < 0)
		return errno == EINTR ? -1 : (log_fatal("zmq_poll: %s", zmq_strerror(errno)), -1);
	return rc > 0 ? 1 : 0;
}

/* Reads the rest of a message we are dropping. */
static void
drain(void *sock, zmq_msg_t *m)
{
	while (zmq_msg_more(m)) {
		if (zmq_msg_recv(m, sock, 0) < 0)
			break;
	}
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
		memset(&in->peer, 0, sizeof in->peer);
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
		/* An optional empty delimiter, as a REQ peer sends. */
		if (zmq_msg_size(&m) == 0 && zmq_msg_more(&m)) {
			in->peer.delimited = 1;
			if (zmq_msg_recv(&m, t->router, 0) < 0) {
				zmq_msg_close(&m);
				continue;
			}
		}
		if (zmq_msg_more(&m)) {
			log_warn("peer sent a request of more than one frame; dropped");
			drain(t->router, &m);
			zmq_msg_close(&m);
			continue;
		}
		in->len = zmq_msg_size(&m);
		unsigned char *copy = arena_alloc(a, in->len + 1);
		memcpy(copy, zmq_msg_data(&m), in->len);
		in->data = copy;
		zmq_msg_close(&m);
		return 1;
	}
}

void
transport_send(struct transport *t, const struct peer *p, const void *buf, size_t len)
{
	int more = ZMQ_SNDMORE | ZMQ_DONTWAIT;
	if (zmq_send(t->router, p->id, p->idlen, more) < 0) {
		log_debug("reply to a peer that is gone dropped: %s", zmq_strerror(errno));
		return;
	}
	if (p->delimited)
		zmq_send(t->router, "", 0, more);
	if (zmq_send(t->router, buf, len, ZMQ_DONTWAIT) < 0)
		log_warn("reply not sent: %s", zmq_strerror(errno));
}

void
transport_publish(struct transport *t, const char *topic, const void *buf, size_t len)
{
	zmq_send(t->pub, topic, strlen(topic), ZMQ_SNDMORE | ZMQ_DONTWAIT);
	zmq_send(t->pub, buf, len, ZMQ_DONTWAIT);
}
