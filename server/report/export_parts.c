/*
 * export_parts.c — the parts and work orders an export page names, with
 * what an EPCIS identifier is built from (a part's GTINs, a work order's
 * product). Each is listed once per page.
 */
#include "server/report/export.h"
#include "server/store/records.h"
#include "shared/util.h"

#include <string.h>

int
export_part(struct export_page *x, const char *part)
{
	Yoke__Part *p;
	Yoke__ExportPart *e;
	int rc;
	if (str_empty(part))
		return STORE_OK;
	for (size_t i = 0; i < x->r->n_parts; i++)
		if (strcmp(x->r->parts[i]->part, part) == 0)
			return STORE_OK;
	if (x->r->n_parts >= EXPORT_NAMES_MAX)
		return STORE_OK;
	rc = rec_get_cached(x->c->txn, &x->c->srv->parts, T_PART, part, &yoke__part__descriptor,
	    (void **)&p);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;       /* a part no longer defined: no GTIN known */
	if (rc != STORE_OK)
		return rc;
	e = arena_alloc(x->c->a, sizeof *e);
	yoke__export_part__init(e);
	e->part = arena_strdup(x->c->a, part);
	e->gtins = p->gtins;       /* the cache's: valid until the batch ends */
	e->n_gtins = p->n_gtins;
	x->r->parts[x->r->n_parts++] = e;
	return STORE_OK;
}

int
export_work_order(struct export_page *x, const char *wo)
{
	Yoke__WorkOrderRecord *w;
	Yoke__ExportWorkOrder *e;
	int rc;
	if (str_empty(wo))
		return STORE_OK;
	for (size_t i = 0; i < x->r->n_work_orders; i++)
		if (strcmp(x->r->work_orders[i]->work_order, wo) == 0)
			return STORE_OK;
	if (x->r->n_work_orders >= EXPORT_NAMES_MAX)
		return STORE_OK;
	rc = REC_GET(x->c->txn, x->c->a, T_WORK_ORDER, wo, yoke__work_order_record, &w);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	e = arena_alloc(x->c->a, sizeof *e);
	yoke__export_work_order__init(e);
	e->work_order = w->work_order;
	e->product = w->product;
	x->r->work_orders[x->r->n_work_orders++] = e;
	return export_part(x, w->product);
}
