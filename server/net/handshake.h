/*
 * handshake.h — the handshake thread of yoked's transport.
 *
 * libzmq asks a ZAP handler (ZeroMQ RFC 27, inproc://zeromq.zap.01) about
 * every connection's handshake and waits for the answer before the peer may
 * send anything. This thread is that handler: it answers from the allowlist
 * (auth.h), attaches the terminal id (as the ZAP user id, read back with
 * zmq_msg_gets "User-Id") and the connection's generation (metadata
 * "X-Gen") to the connection, counts open connections from the sockets'
 * monitors, and rereads the allowlist when it changes. It runs beside the
 * server loop so a long batch never delays a station's reconnect.
 *
 * The ZAP socket is bound before yoked's sockets are, so no connection is
 * ever admitted without an answer from here.
 */
#ifndef YOKE_HANDSHAKE_H
#define YOKE_HANDSHAKE_H

#include <stddef.h>

#include "server/net/auth.h"

struct handshake;

/* Binds the ZAP endpoint in ctx. Call before binding the sockets. */
struct handshake *handshake_new(void *ctx, struct auth *au, char *err, size_t errsz);
/* Watches a socket's connections (accepted / ended); before handshake_start. */
void handshake_watch(struct handshake *h, void *socket, const char *name);
/* Starts the thread; from here on it owns its sockets. */
void handshake_start(struct handshake *h);
/* After zmq_ctx_shutdown(): joins the thread and frees everything. */
void handshake_stop(struct handshake *h);

#endif
