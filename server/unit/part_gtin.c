/* part_gtin.c — see part_gtin.h. */
#include "server/unit/part_gtin.h"
#include "server/store/records.h"

#include <string.h>

int
part_gtin_put(struct ctx *c, const Yoke__Part *p)
{
	for (size_t i = 0; i < p->n_gtins; i++) {
		int rc = store_put(c->txn, T_GTIN, p->gtins[i], strlen(p->gtins[i]), p->number,
		    strlen(p->number), 0);
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

static bool
lists(const Yoke__Part *p, const char *gtin)
{
	for (size_t i = 0; i < p->n_gtins; i++)
		if (strcmp(p->gtins[i], gtin) == 0)
			return true;
	return false;
}

int
part_by_gtin(struct ctx *c, const char *gtin, const Yoke__Part *known, const Yoke__Part **out)
{
	const void *v;
	size_t vl;
	Yoke__Part *p;
	int rc;

	*out = NULL;
	rc = store_get(c->txn, T_GTIN, gtin, strlen(gtin), &v, &vl);
	if (rc != STORE_OK)
		return rc;
	if (known && strlen(known->number) == vl && memcmp(known->number, v, vl) == 0) {
		*out = known;
	} else {
		char *number = arena_printf(c->a, "%.*s", (int)vl, (const char *)v);
		rc = REC_GET(c->txn, c->a, T_PART, number, yoke__part, &p);
		if (rc != STORE_OK)
			return rc;
		*out = p;
	}
	if (!lists(*out, gtin)) {
		*out = NULL;
		return STORE_NOTFOUND;
	}
	return STORE_OK;
}
