/* counter.c — see counter.h. */
#include "server/quality/counter.h"

#define COUNTERS_KEY "counters"

int
counter_next(struct ctx *c, enum counter which, uint64_t *n)
{
	Yoke__CounterRecord *cr, fresh = YOKE__COUNTER_RECORD__INIT;
	int rc = REC_GET(c->txn, c->a, T_META, COUNTERS_KEY, yoke__counter_record, &cr);
	if (rc == STORE_NOTFOUND)
		cr = &fresh;
	else if (rc != STORE_OK)
		return rc;
	switch (which) {
	case COUNTER_NCR: *n = ++cr->ncr; break;
	case COUNTER_HOLD: *n = ++cr->hold; break;
	case COUNTER_LOT: *n = ++cr->lot; break;
	case COUNTER_IQC: *n = ++cr->iqc; break;
	case COUNTER_ALARM: *n = ++cr->alarm; break;
	default: *n = ++cr->capa; break;
	}
	return REC_PUT(c->txn, c->a, T_META, COUNTERS_KEY, cr);
}
