/*
 * sign.c — the signatures of a decision made at yokectl (a hold, its
 * release, an NCR raised, dispositioned or closed): each --sign BADGE
 * with its PIN.
 *
 * A PIN is never an argument (a command line is visible to every user of
 * the machine, and kept in shell histories): it is asked at the terminal
 * without echo, or read one a line from --pin-fd in the order of the
 * --sign options, as ctl_sign_in reads the sign-in PIN (call.c). The
 * command signs in as its first signer with the same PIN, so a person who
 * signs types their PIN once; the server checks the PIN of every signature
 * on its own (21 CFR Part 11 §11.200: every component at each signing
 * outside a continuous session).
 */
#include <stdio.h>
#include <string.h>

#include "shared/util.h"
#include "terminal/ctl/ctl.h"

int
ctl_signers_read(struct ctl *ctl, const struct ctl_cmd *cmd, struct ctl_signers *s)
{
	char prompt[160];

	if (s->n == 0)
		return ctl_usage_why(cmd, _("who signs? Give --sign BADGE (the PIN is asked, or read "
		    "from --pin-fd)"));
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(s->badge[i], s->badge[k]) == 0)
				return ctl_usage_why(cmd, _("badge %s signs twice; each --sign is another "
				    "person"), s->badge[i]);
	for (size_t i = 0; i < s->n; i++) {
		snprintf(prompt, sizeof prompt, _("PIN of badge %s, to sign"), s->badge[i]);
		if (!ctl_read_secret(ctl->pin_fd, prompt, s->pin[i], sizeof s->pin[i])) {
			ctl_signers_wipe(ctl, s);
			return CTL_USAGE;
		}
		yoke__signature__init(&s->sig[i]);
		s->sig[i].badge = (char *)s->badge[i];
		s->sig[i].pin = s->pin[i];
		s->ptr[i] = &s->sig[i];
	}
	/* The first signer is the person at yokectl for this command. */
	ctl->badge = s->badge[0];
	memcpy(ctl->signin_pin, s->pin[0], sizeof ctl->signin_pin);
	ctl->has_signin_pin = true;
	return CTL_OK;
}

void
ctl_signers_wipe(struct ctl *ctl, struct ctl_signers *s)
{
	explicit_bzero(s->pin, sizeof s->pin);
	explicit_bzero(ctl->signin_pin, sizeof ctl->signin_pin);
	ctl->has_signin_pin = false;
}
