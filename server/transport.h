/*
 * transport.h — yoked's sockets: the ROUTER that takes requests and the PUB
 * that sends notices. The only server file that knows ZeroMQ.
 */
#ifndef YOKE_TRANSPORT_H
#define YOKE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "shared/arena.h"

#define PEER_ID_MAX 255
#define MESSAGE_MAX (4u << 20)

struct transport;

/* Who sent a request, so the reply goes back the same way. */
struct peer {
	unsigned char id[PEER_ID_MAX];
	size_t idlen;
	int delimited;          /* the request came with an empty delimiter frame */
};

struct inbound {
	struct peer peer;
	const unsigned char *data;   /* in the batch arena */
	size_t len;
};

int transport_open(struct transport **out, const char *listen, const char *publish,
    char *err, size_t errsz);
void transport_close(struct transport *t);
uint32_t transport_pub_port(const struct transport *t);
/* Waits up to timeout_ms for a request: 1 readable, 0 not, -1 interrupted. */
int transport_wait(struct transport *t, int timeout_ms);
/* Takes one request without blocking: 1 got one, 0 none. Malformed framing is
 * logged and dropped (it goes on to the next message). */
int transport_recv(struct transport *t, struct arena *a, struct inbound *in);
void transport_send(struct transport *t, const struct peer *p, const void *buf, size_t len);
void transport_publish(struct transport *t, const char *topic, const void *buf, size_t len);

#endif
