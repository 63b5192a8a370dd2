/* setup.c — the setup table and the checks of a loaded lot; see setup.h. */
#include "server/material/setup.h"
#include "server/material/lot.h"
#include "server/store/records.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_SETUP_MAX 200

/* station \0 part (0 when either is empty or too long). */
static size_t
key_of(char *key, size_t size, const char *station, const char *part)
{
	size_t sl = strlen(station), pl = strlen(part);
	if (sl == 0 || pl == 0 || sl + 1 + pl > size)
		return 0;
	memcpy(key, station, sl);
	key[sl] = '\0';
	memcpy(key + sl + 1, part, pl);
	return sl + 1 + pl;
}

int
setup_get(struct ctx *c, const char *station, const char *part, Yoke__SetupEntry **out)
{
	char key[KEY_SETUP_MAX];
	size_t kl = key_of(key, sizeof key, station, part);
	if (kl == 0)
		return STORE_NOTFOUND;
	return rec_get(c->txn, c->a, T_SETUP, key, kl, &yoke__setup_entry__descriptor,
	    (void **)out);
}

int
setup_put(struct ctx *c, const Yoke__SetupEntry *e)
{
	char key[KEY_SETUP_MAX];
	size_t kl = key_of(key, sizeof key, e->station, e->part);
	if (kl == 0)
		return STORE_ERROR;
	return rec_put(c->txn, c->a, T_SETUP, key, kl, (const ProtobufCMessage *)e, 0);
}

int
setup_del(struct ctx *c, const char *station, const char *part)
{
	char key[KEY_SETUP_MAX];
	size_t kl = key_of(key, sizeof key, station, part);
	if (kl == 0)
		return STORE_NOTFOUND;
	return store_del(c->txn, T_SETUP, key, kl, NULL, 0);
}

struct entries_walk {
	struct ctx *c;
	Yoke__SetupEntry **list;
	size_t n;
	int rc;
};

static int
entries_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct entries_walk *w = ud;
	Yoke__SetupEntry *e;
	(void)k;
	(void)kl;
	if (w->n >= SETUP_PARTS_MAX)
		return 1;
	if ((e = rec_decode(w->c->a, &yoke__setup_entry__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	w->list[w->n++] = e;
	return 0;
}

int
setup_entries(struct ctx *c, const char *station, Yoke__SetupEntry ***out, size_t *n)
{
	struct entries_walk w = { c, ARENA_NEW(c->a, Yoke__SetupEntry *, SETUP_PARTS_MAX), 0,
	    STORE_OK };
	int rc = store_walk_prefix(c->txn, T_SETUP, station, strlen(station) + 1, entries_walk, &w);
	if (rc != STORE_OK)
		return rc;
	*out = w.list;
	*n = w.n;
	return w.rc;
}

struct parts_walk {
	struct ctx *c;
	const char *kind;
	char **parts;
	size_t n;
	int rc;
};

static void
parts_of_op(struct parts_walk *w, const Yoke__Operation *op)
{
	if (strcmp(op->station_kind, w->kind) != 0)
		return;
	for (size_t i = 0; i < op->n_steps; i++) {
		const Yoke__Step *s = op->steps[i];
		bool seen = false;
		if (s->kind != YOKE__STEP_KIND__STEP_SCAN || !s->from_setup)
			continue;
		for (size_t k = 0; k < w->n && !seen; k++)
			seen = strcmp(w->parts[k], s->part) == 0;
		if (!seen && w->n < SETUP_PARTS_MAX)
			w->parts[w->n++] = arena_strdup(w->c->a, s->part);
	}
}

static int
parts_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct parts_walk *w = ud;
	Yoke__Routing *r;
	(void)k;
	(void)kl;
	if ((r = rec_decode(w->c->a, &yoke__routing__descriptor, v, vl)) == NULL) {
		w->rc = STORE_ERROR;
		return 1;
	}
	for (size_t i = 0; i < r->n_operations; i++)
		parts_of_op(w, r->operations[i]);
	for (size_t i = 0; i < r->n_rework_operations; i++)
		parts_of_op(w, r->rework_operations[i]);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
setup_parts(struct ctx *c, const char *kind, char ***parts, size_t *n)
{
	struct parts_walk w = { c, kind, ARENA_NEW(c->a, char *, SETUP_PARTS_MAX), 0, STORE_OK };
	int rc = store_walk_prefix(c->txn, T_ROUTING, NULL, 0, parts_walk, &w);
	if (rc != STORE_OK)
		return rc;
	if (w.rc != STORE_OK)
		return w.rc;
	qsort(w.parts, w.n, sizeof *w.parts, cmp_str);
	*parts = w.parts;
	*n = w.n;
	return STORE_OK;
}

enum outcome
setup_lot_check(struct ctx *c, const Yoke__Part *part, const char *text, Yoke__Lot **lot)
{
	char why[600];
	int rc = lot_get(c, text, lot);

	if (rc == STORE_OK && strcmp((*lot)->part, part->number) != 0)
		return refuse(c, YOKE__STATUS__STATUS_SETUP_LOT_REFUSED,
		    _("Lot %s is a lot of %s, not of %s: scan a lot of %s"), (*lot)->id,
		    (*lot)->part, part->number, part->number);
	if (rc == STORE_NOTFOUND)
		rc = lot_find(c, part->number, text, NULL, lot);
	if (rc == STORE_EXISTS)
		return refuse(c, YOKE__STATUS__STATUS_SETUP_LOT_REFUSED,
		    _("Lot %s of %s came from more than one supplier: scan yoke's own lot label "
		    "(%s/L-...)"), text, part->number, part->number);
	if (rc == STORE_NOTFOUND) {
		*lot = NULL;
		if (part->lots_received || part->iqc)
			return refuse(c, YOKE__STATUS__STATUS_SETUP_LOT_REFUSED,
			    _("Lot %s of %s was never received: %s is built in only from received lots; "
			    "take a received lot or have this one received"), text, part->number,
			    part->number);
		return OUTCOME_COMMIT;
	}
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (!lot_usable(c, *lot, why, sizeof why))
		return refuse(c, YOKE__STATUS__STATUS_SETUP_LOT_REFUSED, "%s", why);
	return OUTCOME_COMMIT;
}
