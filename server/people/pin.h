/*
 * pin.h — PINs: what a PIN may be, its slow salted hash, and the memory of
 * PINs verified lately.
 *
 * A PIN is stored only as libsodium's crypto_pwhash_str (argon2id, the
 * "interactive" limits: ~65 ms and 64 MiB per check on a 2-core machine),
 * never logged, never kept in a record. That cost must not stall the server
 * loop, so hashing and verifying run on the offload thread (offload.h).
 *
 * A signer who signs again within PIN_CACHE_MINUTES with the same PIN is
 * checked against a keyed BLAKE2b digest held only in memory (the key is
 * random per server start), bound to the stored hash it was verified
 * against: a changed or reset PIN, a lock or a wrong PIN forgets it. So an
 * inspector signing every unit of a busy line pays argon2 once, not per
 * unit, while each signature still needs the badge and the PIN.
 */
#ifndef YOKE_PIN_H
#define YOKE_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PIN_MIN 4
#define PIN_MAX 16
#define PIN_HASH_MAX 128           /* crypto_pwhash_STRBYTES */
#define PIN_CACHE_SLOTS 512
#define PIN_CACHE_MINUTES 10
#define PIN_BADGE_MAX 64

/* Once per process, before any other call. False when libsodium fails. */
bool pin_init(void);

/* 4-16 printable ASCII characters without spaces; else false and why. */
bool pin_text_ok(const char *pin, char *why, size_t whysize);

/* The slow part (offload thread). */
bool pin_hash(const char *pin, char out[PIN_HASH_MAX]);
bool pin_verify(const char *hash, const char *pin);

/* Wipes a PIN from memory. */
void pin_wipe(void *p, size_t n);

struct pin_cache {
	struct pin_cached {
		char badge[PIN_BADGE_MAX + 1];
		unsigned char digest[16];      /* BLAKE2b(key, badge, pin, hash) */
		int64_t expires_ms;            /* monotonic */
	} slots[PIN_CACHE_SLOTS];
	unsigned char key[32];
};

void pin_cache_init(struct pin_cache *pc);
/* True when (badge, pin) was verified against this stored hash lately. */
bool pin_cache_hit(struct pin_cache *pc, const char *badge, const char *pin, const char *hash);
void pin_cache_put(struct pin_cache *pc, const char *badge, const char *pin, const char *hash);
void pin_cache_forget(struct pin_cache *pc, const char *badge);

#endif
