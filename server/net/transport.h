/*
 * transport.h — yoked's sockets: the ROUTER that takes requests and the PUB
 * that sends notices. With handshake.c, the only server files that know
 * ZeroMQ.
 *
 * Both sockets are CURVE servers (ZeroMQ RFC 26) with yoked's key pair; the
 * handshake thread (handshake.h) admits only enrolled keys and tells each
 * connection which terminal it is. Plain mode (no keys) exists for loopback
 * endpoints only, behind an explicit flag.
 *
 * What one peer can cost is bounded here: a message larger than
 * MESSAGE_MAX is refused by libzmq (the peer is disconnected); each peer
 * has a small queue each way (PEER_QUEUE messages: beyond it libzmq stops
 * reading that peer, and a reply to a peer that does not read is dropped
 * and logged); a connection must finish its handshake within
 * HANDSHAKE_MS; silent connections are closed by ZMTP heartbeats; and the
 * handshake thread refuses connections beyond a cap.
 *
 * One limit libzmq cannot give: a message of several frames is held whole
 * until its last frame arrives (its per-message cap is per frame). yoked
 * drops such a message and blocks the device that sent it for a while
 * (auth_block); only an enrolled device can send frames at all.
 */
#ifndef YOKE_TRANSPORT_H
#define YOKE_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "server/net/auth.h"
#include "shared/arena.h"
#include "shared/cert.h"

#define PEER_ID_MAX 255
#define MESSAGE_MAX (4u << 20)
#define PEER_QUEUE 16
#define HANDSHAKE_MS 10000

struct transport;

/* Who sent a request, so the reply goes back the same way. */
struct peer {
	unsigned char id[PEER_ID_MAX];
	size_t idlen;
	int delimited;                    /* the request came with an empty delimiter frame */
	char terminal[CERT_ID_MAX + 1];   /* from the key that authenticated ("" in plain mode) */
	uint64_t generation;              /* of that connection (0 in plain mode) */
};

struct inbound {
	struct peer peer;
	const unsigned char *data;   /* in the batch arena */
	size_t len;
	int frames;                  /* body frames (1 for a well-formed request) */
};

/* Opens both sockets. au decides every handshake; in plain mode
 * (auth_plain) both endpoints must be loopback or ipc. */
int transport_open(struct transport **out, const char *listen, const char *publish,
    struct auth *au, char *err, size_t errsz);
void transport_close(struct transport *t);
uint32_t transport_pub_port(const struct transport *t);
/* Waits up to timeout_ms for a request or for extra_fd (-1: none) to be
 * readable: 1 something to do, 0 not, -1 interrupted. */
int transport_wait(struct transport *t, int extra_fd, int timeout_ms);
/* Takes one request without blocking: 1 got one, 0 none. Malformed framing
 * (several body frames) is returned with frames > 1 so the caller can act
 * on who sent it; its data is then empty. */
int transport_recv(struct transport *t, struct arena *a, struct inbound *in);
/* Sends a reply; false when the peer's queue is full or it is gone (the
 * reply is dropped; the caller logs). */
bool transport_send(struct transport *t, const struct peer *p, const void *buf, size_t len);
void transport_publish(struct transport *t, const char *topic, const void *buf, size_t len);

/* True for tcp://127.0.0.1:..., tcp://localhost:..., tcp://[::1]:... and ipc://. */
bool transport_loopback(const char *endpoint);

#endif
