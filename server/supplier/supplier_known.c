/* supplier_known.c — see supplier.h. */
#include "server/supplier/supplier.h"
#include "shared/util.h"
#include "shared/i18n.h"

enum outcome
supplier_check_known(struct ctx *c, const char *code)
{
	Yoke__Supplier *s;
	int rc;
	if (str_empty(code) || store_count(c->txn, T_SUPPLIER) == 0)
		return OUTCOME_COMMIT;
	rc = REC_GET(c->txn, c->a, T_SUPPLIER, code, yoke__supplier, &s);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND,
		    _("Supplier %s is not in the definitions: name one of the plant's suppliers"), code);
	return rc == STORE_OK ? OUTCOME_COMMIT : store_failed(c, rc);
}
