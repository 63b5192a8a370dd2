/* gate_load.c — a load's gate definitions into the gate table (gate.h). */
#include "server/gate/gate.h"
#include "server/store/records.h"

#include <string.h>

/* kind ("g" or "s") \0 name */
static int
put_named(struct ctx *c, char kind, const char *name, const ProtobufCMessage *m)
{
	char key[KEY_MAX];
	size_t len = strlen(name);
	if (len + 2 > sizeof key)
		return STORE_ERROR;
	key[0] = kind;
	key[1] = '\0';
	memcpy(key + 2, name, len);
	return rec_put(c->txn, c->a, T_GATE, key, len + 2, m, 0);
}

int
gate_load_write(struct ctx *c, const Yoke__Definitions *f)
{
	int rc;
	for (size_t i = 0; i < f->n_gauges; i++)
		if ((rc = put_named(c, 'g', f->gauges[i]->id, &f->gauges[i]->base)) != STORE_OK)
			return rc;
	for (size_t i = 0; i < f->n_shifts; i++)
		if ((rc = put_named(c, 's', f->shifts[i]->name, &f->shifts[i]->base)) != STORE_OK)
			return rc;
	if (f->gate && (rc = REC_PUT(c->txn, c->a, T_GATE, "settings", f->gate)) != STORE_OK)
		return rc;
	return STORE_OK;
}
