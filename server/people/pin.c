/* pin.c — see pin.h. */
#include "server/people/pin.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

bool
pin_init(void)
{
	return sodium_init() >= 0;
}

bool
pin_text_ok(const char *pin, char *why, size_t whysize)
{
	size_t n = pin ? strlen(pin) : 0;
	if (n < PIN_MIN || n > PIN_MAX) {
		snprintf(why, whysize, _("a PIN has %d to %d characters, this one has %zu"), PIN_MIN,
		    PIN_MAX, n);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)pin[i] <= 0x20 || (unsigned char)pin[i] >= 0x7f) {
			snprintf(why, whysize, "%s",
			    _("a PIN is made of digits, letters and signs, without spaces"));
			return false;
		}
	return true;
}

bool
pin_hash(const char *pin, char out[PIN_HASH_MAX])
{
	return crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool
pin_verify(const char *hash, const char *pin)
{
	return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

void
pin_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}

void
pin_cache_init(struct pin_cache *pc)
{
	memset(pc, 0, sizeof *pc);
	randombytes_buf(pc->key, sizeof pc->key);
}

static void
digest(const struct pin_cache *pc, const char *badge, const char *pin, const char *hash,
    unsigned char out[16])
{
	crypto_generichash_state st;
	unsigned char zero = 0;
	crypto_generichash_init(&st, pc->key, sizeof pc->key, 16);
	crypto_generichash_update(&st, (const unsigned char *)badge, strlen(badge));
	crypto_generichash_update(&st, &zero, 1);
	crypto_generichash_update(&st, (const unsigned char *)pin, strlen(pin));
	crypto_generichash_update(&st, &zero, 1);
	crypto_generichash_update(&st, (const unsigned char *)hash, strlen(hash));
	crypto_generichash_final(&st, out, 16);
}

static struct pin_cached *
slot_of(struct pin_cache *pc, const char *badge)
{
	for (size_t i = 0; i < PIN_CACHE_SLOTS; i++)
		if (pc->slots[i].badge[0] && strcmp(pc->slots[i].badge, badge) == 0)
			return &pc->slots[i];
	return NULL;
}

bool
pin_cache_hit(struct pin_cache *pc, const char *badge, const char *pin, const char *hash)
{
	struct pin_cached *s = slot_of(pc, badge);
	unsigned char d[16];
	if (s == NULL || s->expires_ms < mono_ms())
		return false;
	digest(pc, badge, pin, hash, d);
	return sodium_memcmp(d, s->digest, sizeof d) == 0;
}

void
pin_cache_put(struct pin_cache *pc, const char *badge, const char *pin, const char *hash)
{
	struct pin_cached *s = slot_of(pc, badge);
	if (strlen(badge) > PIN_BADGE_MAX)
		return;
	if (s == NULL) {
		/* A free slot, else the one that expires first. */
		s = &pc->slots[0];
		for (size_t i = 0; i < PIN_CACHE_SLOTS; i++) {
			if (pc->slots[i].badge[0] == '\0') {
				s = &pc->slots[i];
				break;
			}
			if (pc->slots[i].expires_ms < s->expires_ms)
				s = &pc->slots[i];
		}
	}
	strlcpy_yk(s->badge, badge, sizeof s->badge);
	digest(pc, badge, pin, hash, s->digest);
	s->expires_ms = mono_ms() + (int64_t)PIN_CACHE_MINUTES * 60000;
}

void
pin_cache_forget(struct pin_cache *pc, const char *badge)
{
	struct pin_cached *s = slot_of(pc, badge);
	if (s)
		memset(s, 0, sizeof *s);
}
