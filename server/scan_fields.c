/* scan_fields.c — see scan_fields.h. */
#include "server/scan_fields.h"
#include "shared/scan/scan_text.h"

#include <string.h>

/* Takes the identifier and the suffix off one field, in place. */
static void
clean(char **field)
{
	const char *s;
	size_t len, n;

	if (*field == NULL || (*field)[0] == '\0')
		return;
	len = strlen(*field);
	n = scan_text_plain(*field, len, &s);
	if (s == *field && n == len)
		return;
	*field += s - *field;
	(*field)[n] = '\0';
}

static void
clean_signature(Yoke__Signature *sig)
{
	if (sig)
		clean(&sig->badge);
}

/*
 * The fields, request by request: a list rather than a walk over the
 * descriptors by field name, which cost a station's step request some
 * 1 300 instructions (callgrind) against about 20 here. A request added
 * later with a scanned serial or badge is added here.
 */
void
scan_fields_clean(Yoke__Request *rq)
{
	if (rq == NULL)
		return;
	switch (rq->body_case) {
	case YOKE__REQUEST__BODY_BADGE_IN:
		clean(&rq->badge_in->badge);
		break;
	case YOKE__REQUEST__BODY_OPEN_UNIT:
		clean(&rq->open_unit->serial);
		break;
	case YOKE__REQUEST__BODY_STEP:
		clean(&rq->step->serial);
		if (rq->step->entry_case == YOKE__STEP_RECORD__ENTRY_INSPECTION && rq->step->inspection)
			clean_signature(rq->step->inspection->signature);
		break;
	case YOKE__REQUEST__BODY_COMPLETE:
		clean(&rq->complete->serial);
		break;
	case YOKE__REQUEST__BODY_TRACE:
		clean(&rq->trace->serial);
		break;
	case YOKE__REQUEST__BODY_UNITS:
		clean(&rq->units->work_order);
		break;
	case YOKE__REQUEST__BODY_SET_PIN:
		clean(&rq->set_pin->badge);
		break;
	case YOKE__REQUEST__BODY_CHANGE_PIN:
		clean(&rq->change_pin->badge);
		break;
	case YOKE__REQUEST__BODY_HOLD:
		for (size_t i = 0; i < rq->hold->n_targets; i++)
			clean(&rq->hold->targets[i]);
		clean_signature(rq->hold->signature);
		break;
	case YOKE__REQUEST__BODY_HOLDS:
		clean(&rq->holds->target);
		break;
	case YOKE__REQUEST__BODY_NCRS:
		clean(&rq->ncrs->serial);
		clean(&rq->ncrs->work_order);
		break;
	case YOKE__REQUEST__BODY_RELEASE_HOLD:
		clean_signature(rq->release_hold->signature);
		break;
	case YOKE__REQUEST__BODY_RAISE_NCR:
		clean(&rq->raise_ncr->serial);
		clean_signature(rq->raise_ncr->signature);
		break;
	case YOKE__REQUEST__BODY_DISPOSITION:
		for (size_t i = 0; i < rq->disposition->n_signatures; i++)
			clean_signature(rq->disposition->signatures[i]);
		break;
	case YOKE__REQUEST__BODY_CLOSE_NCR:
		clean_signature(rq->close_ncr->signature);
		break;
	case YOKE__REQUEST__BODY_CAPA_OPEN:
		clean_signature(rq->capa_open->signature);
		break;
	case YOKE__REQUEST__BODY_CAPA_UPDATE:
		clean_signature(rq->capa_update->signature);
		break;
	case YOKE__REQUEST__BODY_MOVE_UNIT:
		clean(&rq->move_unit->serial);
		clean_signature(rq->move_unit->signature);
		break;
	/* Materials: the signatures (lot ids and labels stay as scanned: the
	 * handlers read a supplier's label by its AIM identifier). */
	case YOKE__REQUEST__BODY_LOT_STATUS:
		clean_signature(rq->lot_status->signature);
		break;
	case YOKE__REQUEST__BODY_RECALL_HOLD:
		clean_signature(rq->recall_hold->signature);
		break;
	case YOKE__REQUEST__BODY_SCAR_OPEN:
		clean_signature(rq->scar_open->signature);
		break;
	case YOKE__REQUEST__BODY_SCAR_UPDATE:
		clean_signature(rq->scar_update->signature);
		break;
	case YOKE__REQUEST__BODY_IQC_DECIDE:
		clean_signature(rq->iqc_decide->signature);
		break;
	case YOKE__REQUEST__BODY_IQC_LIFT:
		clean_signature(rq->iqc_lift->signature);
		break;
	default:
		break;
	}
}
