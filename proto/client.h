/*
 * client.h — the client side of the yoke wire protocol: a DEALER socket to
 * yoked's ROUTER with "Lazy Pirate" reliability, and a SUB socket for
 * notices. Used by yoke, yokectl, the tests and the benchmark; the only
 * client file that includes zmq.h.
 *
 * One request is in flight at a time. The client stamps each request with
 * the protocol version, its terminal id, the session and the next request
 * number, sends it, and resends the very same bytes after every timeout
 * until a reply with that number arrives. Replies to older numbers are
 * dropped. After `offline_after` silent tries the client reports itself
 * offline, and it keeps resending; the first answer makes it online again.
 * When idle it pings (Hello) so it knows when the server went away.
 *
 * Request numbers: a new client asks the server (Hello) for the last number
 * it stored for this terminal id before it sends its first request, and
 * continues above it, one by one (never wrapping), so a restarted terminal
 * is never mistaken for a stale one and never jumps implausibly far ahead.
 *
 * Security: with a certificate (cert.h) both sockets are CURVE clients of
 * the server key it names, and the terminal id is the certificate's. When
 * the server answers REPLACED (another process connected with the same
 * certificate and took over), the client stops sending for good:
 * client_replaced() tells, and the caller says so and stops.
 */
#ifndef YOKE_CLIENT_H
#define YOKE_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "proto/yoke.pb-c.h"
#include "shared/cert.h"

#define YOKE_PROTOCOL_VERSION 2
#define YOKE_DEFAULT_ENDPOINT "tcp://127.0.0.1:7700"

struct client;

struct client_options {
	int timeout_ms;          /* wait per try before resending; default 1000 */
	int offline_after;       /* tries before reporting offline; default 3 */
	int ping_ms;             /* idle ping interval; default 2000 (0 = never) */
	const struct cert *cert; /* CURVE identity (copied); NULL: plain mode */
};

/* Connects (asynchronously: ZeroMQ reconnects by itself). Never NULL.
 * With opt->cert, terminal may be NULL: the certificate's id is used. */
struct client *client_new(const char *endpoint, const char *terminal,
    const struct client_options *opt);
void client_free(struct client *c);

void client_set_session(struct client *c, const char *session);
/* The language of the words the client wants in replies ("en", "zh_CN",
 * "" for the person's): stamped on every request (Request.language). */
void client_set_language(struct client *c, const char *language);
const char *client_terminal(const struct client *c);
/* The station a station terminal shows: said in every idle ping, so the
 * line monitor knows the station is manned by a live terminal. */
void client_set_station(struct client *c, const char *station);

/*
 * Blocking call: submit rq and wait for its reply for at most `tries`
 * tries (0 = forever), and never longer than tries + 1 timeouts (a try
 * that cannot leave, with no connection, still counts). Returns the reply
 * (free with client_reply_free) or NULL when every try timed out. rq is not freed; the fields version,
 * terminal, request_no, session and language are set by the client.
 */
Yoke__Reply *client_call(struct client *c, Yoke__Request *rq, int tries);
void client_reply_free(Yoke__Reply *rp);

/*
 * Asynchronous use, for a terminal that also reads the keyboard.
 * client_submit sends rq (encoded at once; rq may be freed after) and
 * returns its request number, or 0 when a request is already in flight.
 */
uint64_t client_submit(struct client *c, Yoke__Request *rq);
bool client_busy(const struct client *c);

enum client_event {
	CLIENT_TIMEOUT = 0,      /* nothing within timeout_ms */
	CLIENT_REPLY,            /* client_take_reply has the reply to the submitted request */
	CLIENT_NOTICE,           /* client_take_notice has a notice */
	CLIENT_FD,               /* extra_fd is readable */
	CLIENT_STATE,            /* online/offline changed: see client_online */
};
/*
 * Waits up to timeout_ms for the next event, resending the request in flight
 * and pinging as needed. extra_fd (-1 for none) is polled too, e.g. stdin.
 */
enum client_event client_wait(struct client *c, int extra_fd, int timeout_ms);
Yoke__Reply *client_take_reply(struct client *c);
Yoke__Notice *client_take_notice(struct client *c);   /* free: yoke__notice__free_unpacked(n, NULL) */
bool client_online(const struct client *c);
/* True once the server said another connection with this certificate took
 * over: nothing is sent any more. */
bool client_replaced(const struct client *c);
/* The server's epoch from the last Hello (0 before one arrived). */
uint64_t client_epoch(const struct client *c);

/* Subscribes to a notice topic ("station/SMT"); connects the SUB socket to
 * the server's PUB port learned from Hello (the same host). */
void client_subscribe(struct client *c, const char *topic);

/* Human name of a status, e.g. "WRONG_PART". */
const char *status_name(Yoke__Status s);

#endif
