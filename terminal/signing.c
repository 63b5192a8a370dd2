/* signing.c — see signing.h. */
#include "terminal/signing.h"

#include "shared/i18n.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

void
signing_drop(struct signing *s)
{
	explicit_bzero(s, sizeof *s);
}

void
signing_start(struct signing *s, int min, int max, const char *own, const char *meaning)
{
	signing_drop(s);
	if (max > SIGNING_MAX)
		max = SIGNING_MAX;
	if (max < 1)
		max = 1;
	if (min < 1)
		min = 1;
	if (min > max)
		min = max;
	s->active = true;
	s->min = min;
	s->max = max;
	strlcpy_yk(s->own, own ? own : "", sizeof s->own);
	strlcpy_yk(s->meaning, meaning ? meaning : "", sizeof s->meaning);
}

bool
signing_masked(const struct signing *s)
{
	return s->active && s->want_pin;
}

bool
signing_enter_takes(const struct signing *s)
{
	return s->active && !s->want_pin && ((s->n == 0 && s->own[0]) || s->n >= s->min);
}

/* A badge as a signer gives it: printable ASCII without spaces, quotes or
 * slashes, as the server takes it. */
static bool
badge_ok(const char *b)
{
	size_t n = strlen(b);

	if (n == 0 || n >= SIGNING_BADGE)
		return false;
	for (; *b; b++)
		if ((unsigned char)*b <= ' ' || (unsigned char)*b >= 0x7F || *b == '/' || *b == '"')
			return false;
	return true;
}

static enum signing_result
answer_badge(struct signing *s, const char *line, char *why, size_t size)
{
	const char *badge = line;

	if (line[0] == '\0') {
		if (s->n >= s->min)
			return SIGNING_DONE;
		if (s->n == 0 && s->own[0]) {
			badge = s->own;
		} else {
			snprintf(why, size, P_("Expected the badge of signer %d: at least %d person signs",
			    "Expected the badge of signer %d: at least %d people sign", s->min), s->n + 1,
			    s->min);
			return SIGNING_WRONG;
		}
	} else if (line[0] == '@') {
		snprintf(why, size, _("Expected a badge, got the command \"%s\""), line);
		return SIGNING_WRONG;
	} else if (!badge_ok(line)) {
		snprintf(why, size, _("Expected a badge (letters and digits, no spaces), got \"%s\""), line);
		return SIGNING_WRONG;
	}
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->badge[i], badge) == 0) {
			snprintf(why, size, _("Badge %s has signed already: another person signs"), badge);
			return SIGNING_WRONG;
		}
	strlcpy_yk(s->badge[s->n], badge, sizeof s->badge[0]);
	s->want_pin = true;
	return SIGNING_ASKING;
}

enum signing_result
signing_answer(struct signing *s, const char *line, char *why, size_t size)
{
	if (size)
		why[0] = '\0';
	if (!s->active)
		return SIGNING_CANCELLED;
	/* @BACK cancels, at the PIN too (as at an inspection's signature). */
	if (command_of(line, false) == COMMAND_BACK) {
		signing_drop(s);
		return SIGNING_CANCELLED;
	}
	if (!s->want_pin)
		return answer_badge(s, line, why, size);
	if (line[0] == '\0') {
		signing_drop(s);
		return SIGNING_CANCELLED;
	}
	strlcpy_yk(s->pin[s->n], line, sizeof s->pin[0]);
	s->want_pin = false;
	s->n++;
	return s->n >= s->max ? SIGNING_DONE : SIGNING_ASKING;
}

void
signing_prompt(const struct signing *s, char *buf, size_t size)
{
	if (!s->active) {
		buf[0] = '\0';
		return;
	}
	if (s->want_pin) {
		snprintf(buf, size, _("Sign \u201c%s\u201d: PIN of badge %s, then Enter (empty: cancel)"),
		    s->meaning, s->badge[s->n]);
	} else if (s->max == 1 && s->own[0]) {
		snprintf(buf, size, _("Sign \u201c%s\u201d: scan your badge (Enter: %s)"), s->meaning, s->own);
	} else if (s->max == 1) {
		snprintf(buf, size, _("Sign \u201c%s\u201d: scan your badge"), s->meaning);
	} else if (s->n == 0 && s->own[0]) {
		snprintf(buf, size, _("MRB for \u201c%s\u201d: signer 1 scans a badge (Enter: %s)"), s->meaning,
		    s->own);
	} else if (s->n < s->min) {
		snprintf(buf, size, _("MRB for \u201c%s\u201d: signer %d scans a badge"), s->meaning, s->n + 1);
	} else {
		snprintf(buf, size, P_("MRB for \u201c%s\u201d: signer %d scans a badge, or Enter to send "
		    "with %d signer", "MRB for \u201c%s\u201d: signer %d scans a badge, or Enter to send with "
		    "%d signers", s->n), s->meaning, s->n + 1, s->n);
	}
}

void
signing_signer(const struct signing *s, int i, char *badge, size_t bsize, char *pin, size_t psize)
{
	if (i < 0 || i >= s->n) {
		badge[0] = pin[0] = '\0';
		return;
	}
	strlcpy_yk(badge, s->badge[i], bsize);
	strlcpy_yk(pin, s->pin[i], psize);
}
