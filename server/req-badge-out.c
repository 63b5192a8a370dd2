/* req-badge-out.c — ends the session. Work in progress stays with the unit. */
#include "server/requests.h"
#include "server/unit.h"

#include <string.h>

enum outcome
req_badge_out(struct ctx *c)
{
	int rc = store_del(c->txn, T_SESSION, c->rq->session, strlen(c->rq->session), NULL, 0);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return store_failed(c, rc);
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_BADGE_OUT, NULL, NULL);
	ev->text = arena_printf(c->a, "%s badged out at %s", c->op->name, c->station->id);
	if ((rc = rec_event_append(c->txn, c->a, ev)) != STORE_OK)
		return store_failed(c, rc);
	reply_message(c, "Goodbye, %s", c->op->name);
	return OUTCOME_COMMIT;
}
