/* req-badge-out.c — ends the session at this terminal. Work in progress
 * stays with the unit. */
#include "server/requests.h"
#include "server/people/session.h"
#include "server/unit/unit.h"
#include "shared/i18n.h"

#include <string.h>

enum outcome
req_badge_out(struct ctx *c)
{
	int rc;
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_BADGE_OUT, NULL, NULL);
	ev->text = c->station ? arena_printf(c->a, _("%s badged out at %s"), c->op->name,
	    c->station->id) : arena_printf(c->a, _("%s signed out at %s"), c->op->name, c->terminal);
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	if ((rc = session_leave(c)) != STORE_OK)
		return store_failed(c, rc);
	c->term->session = NULL;
	c->term->ended = (char *)"";
	reply_message(c, _("Goodbye, %s"), c->op->name);
	return OUTCOME_COMMIT;
}
