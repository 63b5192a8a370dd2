/*
 * req-recall.c — every unit that contains a lot, through sub-assemblies,
 * and where each stands (recall.h). Read-only.
 */
#include "server/requests.h"
#include "server/material/recall.h"

enum outcome
req_recall(struct ctx *c)
{
	const Yoke__RecallQuery *q = c->rq->recall;
	struct recall r;
	enum outcome o;

	if ((o = recall_find(c, q->part, q->lot, &r)) != OUTCOME_COMMIT)
		return o;
	c->rp->body_case = YOKE__REPLY__BODY_RECALL;
	c->rp->recall = r.rr;
	recall_message(c, &r);
	return OUTCOME_COMMIT;
}
