/*
 * auth.h — which devices yoked admits, and who they are.
 *
 * The key directory (yoked --keys, default <data>/keys):
 *
 *   server.key            yoked's own CURVE key pair (secret; cert.h CERT_SERVER)
 *   terminals/<id>.pub    the allowlist: one enrolled device each (CERT_ALLOWED),
 *                         bound to a terminal id and the stations it may act as
 *   revoked/<id>-<time>.pub   revoked entries, kept for the record
 *
 * `yokectl keys init|enrol|list|revoke` writes these files; yoked reads the
 * allowlist at start and again whenever terminals/ changes (checked every
 * half second by the handshake thread), so enrolment and revocation take
 * effect without a restart.
 *
 * Two threads use this module, so every call takes its mutex:
 *   - the handshake (ZAP) thread asks auth_admit() at every connection's
 *     CURVE handshake, counts connections (auth_connections) and refreshes
 *     the allowlist (auth_refresh);
 *   - the server loop asks auth_device() for each request: the terminal id
 *     comes from the key that authenticated the connection, never from the
 *     request, and a device revoked since its handshake is refused.
 *
 * Generations: every admitted handshake on the request socket gets the next
 * number of its terminal (auth_admit), carried by the connection as ZMTP
 * metadata. When a second connection authenticates with the same key, the
 * newer one takes over: the loop answers messages from an older generation
 * with STATUS_REPLACED (a terminal restarting after a crash is never locked
 * out; the one it replaced is told so and stops).
 *
 * Plain mode (yoked --plain, loopback only) has no keys: every handshake is
 * admitted (within the connection cap) and the terminal id is the one the
 * request names.
 */
#ifndef YOKE_AUTH_H
#define YOKE_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shared/cert.h"

struct auth;

/* The ZAP domains of yoked's two sockets. */
#define AUTH_DOMAIN_REQUESTS "yoke"
#define AUTH_DOMAIN_NOTICES "yoke-notices"

/* Opens the key directory: reads server.key and the allowlist. NULL with a
 * message in err (no server key, unreadable directory). In plain mode
 * keys_dir is NULL and nothing is read. */
struct auth *auth_new(const char *keys_dir, int connections_max, char *err, size_t errsz);
void auth_free(struct auth *au);

bool auth_plain(const struct auth *au);
/* yoked's key pair (empty strings in plain mode). */
const struct cert *auth_server_cert(const struct auth *au);

/* Rereads the allowlist when terminals/ changed (or `force`). Logs what
 * was enrolled and revoked. True when the allowlist changed. */
bool auth_refresh(struct auth *au, bool force);

/*
 * The handshake decision. key is the client's public key as Z85 text ("" for
 * the NULL mechanism of plain mode). On admission returns true with the
 * terminal id and, on the request socket, the connection's generation;
 * otherwise false with the reason (logged here, at most once a minute per
 * key, with the key).
 */
bool auth_admit(struct auth *au, const char *domain, const char *key, char *terminal,
    size_t tsize, uint64_t *generation, char *why, size_t whysize);

/* The enrolled device bound to a terminal id now: true and *out filled, or
 * false when it is not (or no longer) enrolled, or blocked. */
bool auth_device(struct auth *au, const char *terminal, struct cert *out);
/* True when the terminal is on the allowlist (blocked or not), and also
 * whenever the allowlist could not be read: never retire on a read error. */
bool auth_enrolled(struct auth *au, const char *terminal);
/* The newest generation admitted for the terminal (0 when none). */
uint64_t auth_generation(struct auth *au, const char *terminal);
/* Cuts a device off for `seconds` (a peer that broke the protocol): its
 * handshakes are refused and its requests dropped until then. */
void auth_block(struct auth *au, const char *terminal, int seconds, const char *why);

/* Open connections on yoked's sockets, from the socket monitors: +1 when one
 * is accepted, -1 when one ends. Beyond the cap, handshakes are refused. */
void auth_connections(struct auth *au, int delta);
int auth_connections_open(struct auth *au);

/* The allowlist as it stands (for tests and logs). */
int auth_enrolled_count(struct auth *au);

#endif
