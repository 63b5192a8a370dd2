/*
 * curve.h — CURVE key pairs as Z85 text (cert.h), made and checked with
 * libzmq's own functions so that what we write is what ZeroMQ reads.
 */
#ifndef YOKE_CURVE_H
#define YOKE_CURVE_H

#include <stdbool.h>

#include "shared/cert.h"

/* True when this libzmq was built with CURVE (libsodium). */
bool curve_available(void);
/* A fresh key pair into c->public_key and c->secret_key. */
bool curve_keypair(struct cert *c);
/* True when c->secret_key belongs to c->public_key. */
bool curve_pair_matches(const struct cert *c);

#endif
