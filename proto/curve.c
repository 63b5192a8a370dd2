/* curve.c — see curve.h. */
#include "proto/curve.h"

#include <string.h>
#include <zmq.h>

bool
curve_available(void)
{
	return zmq_has("curve") != 0;
}

bool
curve_keypair(struct cert *c)
{
	char pub[CERT_KEY_LEN + 1], sec[CERT_KEY_LEN + 1];
	if (zmq_curve_keypair(pub, sec) != 0)
		return false;
	memcpy(c->public_key, pub, sizeof pub);
	memcpy(c->secret_key, sec, sizeof sec);
	return true;
}

bool
curve_pair_matches(const struct cert *c)
{
	char pub[CERT_KEY_LEN + 1];
	if (!cert_key_ok(c->secret_key) || zmq_curve_public(pub, c->secret_key) != 0)
		return false;
	return strcmp(pub, c->public_key) == 0;
}
