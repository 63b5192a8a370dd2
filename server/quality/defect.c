/* defect.c — see defect.h. */
#include "server/quality/defect.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

const char *
defect_category_name(Yoke__DefectCategory cat)
{
	switch (cat) {
	case YOKE__DEFECT_CATEGORY__DEFECT_MAN: return "man";
	case YOKE__DEFECT_CATEGORY__DEFECT_MACHINE: return "machine";
	case YOKE__DEFECT_CATEGORY__DEFECT_MATERIAL: return "material";
	case YOKE__DEFECT_CATEGORY__DEFECT_METHOD: return "method";
	case YOKE__DEFECT_CATEGORY__DEFECT_MEASUREMENT: return "measurement";
	case YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT: return "environment";
	default: return "";
	}
}

enum outcome
defect_require(struct ctx *c, const Yoke__Defect *d, const char *what,
    const Yoke__DefectCode **out)
{
	const char *code = d ? d->code : NULL;
	Yoke__DefectCode *dc;
	int rc;

	*out = NULL;
	if (d && (!text_ok(d->location, 40) || !text_ok(d->note, 500)))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a defect location of at most 40 bytes and a note of at most 500 "
		    "bytes, both text without control characters"));
	if (str_empty(code)) {
		if (store_count(c->txn, T_DEFECT) == 0)
			return OUTCOME_COMMIT;
		return refuse(c, YOKE__STATUS__STATUS_DEFECT_REQUIRED,
		    _("%s: name the defect (scan its code from the defect sheet or pick it from the "
		    "list); nothing was recorded"), what);
	}
	if (!ident_ok(code, 64))
		return refuse(c, YOKE__STATUS__STATUS_DEFECT_REQUIRED,
		    _("Expected a defect code from the defect sheet, got \"%.40s\""), code);
	rc = REC_GET(c->txn, c->a, T_DEFECT, code, yoke__defect_code, &dc);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_DEFECT_REQUIRED,
		    _("Unknown defect code %s: scan a code from the defect sheet or pick one from the "
		    "list"), code);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	*out = dc;
	return OUTCOME_COMMIT;
}
