/*
 * cert.h — certificate files: who a device is on the wire.
 *
 * Every yoke terminal and every yokectl installation holds a CURVE key pair
 * (Curve25519, written as 40 characters of Z85). yoked holds its own pair
 * and an allowlist of the public keys it admits, each bound to a terminal
 * id and the stations that terminal may act as. All of them are small text
 * files that an admin can read and diff:
 *
 *   # yoke certificate of terminal SMT-1: SECRET, copy it to that station only
 *   terminal   = SMT-1
 *   stations   = SMT-1 SMT-2
 *   server     = tcp://mes.plant.local:7700
 *   server-key = <40 Z85 characters: yoked's public key>
 *   public-key = <40 Z85 characters>
 *   secret-key = <40 Z85 characters>
 *   enrolled   = 2026-11-26 09:46:02 UTC
 *
 * `stations = *` enrols a roaming device (a lead's tablet) for every
 * station; an admin's explicit choice, shown as such by `yokectl keys list`.
 *
 * One "name = value" per line; blank lines and lines starting with '#' are
 * ignored; names are the ones above (and `revoked` in revoked entries); a
 * value runs to the end of the line, trimmed. The kinds of file:
 *
 *   station/yokectl certificate  terminal, public-key, secret-key, server-key
 *                                (stations, server, enrolled optional)
 *   allowlist entry (yoked)      terminal, public-key (stations, enrolled,
 *                                revoked optional); never a secret key
 *   server key pair              public-key, secret-key
 *
 * A wrong file is refused with "file:line: what was expected, what was got".
 * Nothing here knows ZeroMQ: keys stay Z85 text (proto/curve.c turns them
 * into and out of bytes).
 */
#ifndef YOKE_CERT_H
#define YOKE_CERT_H

#include <stdbool.h>
#include <stddef.h>

#define CERT_KEY_LEN 40          /* Z85 text of a 32-byte key */
#define CERT_ID_MAX 64           /* terminal and station ids */
#define CERT_STATIONS_MAX 16
#define CERT_FILE_MAX 8192

struct cert {
	char terminal[CERT_ID_MAX + 1];
	char stations[CERT_STATIONS_MAX][CERT_ID_MAX + 1];
	int nstations;
	char public_key[CERT_KEY_LEN + 1];
	char secret_key[CERT_KEY_LEN + 1];   /* "" unless this file is secret */
	char server_key[CERT_KEY_LEN + 1];   /* yoked's public key, in a device certificate */
	char server[256];                    /* yoked's endpoint, optional */
	char enrolled[40];                   /* UTC time, as text */
	char revoked[40];
};

enum cert_kind {
	CERT_DEVICE,     /* a terminal's or yokectl's own certificate (secret) */
	CERT_ALLOWED,    /* an allowlist entry kept by yoked (public) */
	CERT_SERVER,     /* yoked's own key pair (secret) */
};

/* A terminal or station id: 1-64 printable ASCII characters without space,
 * '/', '"', and not starting with '.' (ids are also file names). */
bool cert_id_ok(const char *s);
/* 40 characters of the Z85 alphabet. */
bool cert_key_ok(const char *s);

/* Parses text (from file `name`, for messages) as a file of that kind. */
bool cert_parse(const char *name, const char *text, enum cert_kind kind, struct cert *c,
    char *err, size_t errsz);
/* Reads and parses a file. */
bool cert_read(const char *path, enum cert_kind kind, struct cert *c, char *err, size_t errsz);
/*
 * Writes the file atomically (a temporary file in the same directory, then
 * rename), mode 0600 for the secret kinds and 0644 for an allowlist entry.
 * Refuses to replace an existing file unless `replace`.
 */
bool cert_write(const char *path, enum cert_kind kind, const struct cert *c, bool replace,
    char *err, size_t errsz);

/* True when the certificate names the station (or "*": every station). */
bool cert_has_station(const struct cert *c, const char *station);
/* "SMT-1 SMT-2" into buf. */
void cert_stations_text(const struct cert *c, char *buf, size_t size);
/* Parses a space- or comma-separated list of station ids into c. */
bool cert_set_stations(struct cert *c, const char *list, char *err, size_t errsz);

#endif
