/*
 * equipment_load.c — a load's equipment_param statements into the store
 * (equipment.h): equip_param by station + name, and equip_spb from the
 * Sparkplug B device + metric to station \0 name. A parameter loaded again
 * replaces its record; an older Sparkplug name stays mapped until the
 * store is rebuilt (the device's new name is mapped too).
 */
#include "server/requests.h"
#include "server/equipment/equipment.h"

#include <string.h>

int
equipment_load(struct ctx *c, const Yoke__Definitions *d)
{
	for (size_t i = 0; i < d->n_equipment_params; i++) {
		const Yoke__EquipmentParam *x = d->equipment_params[i];
		char key[KEY_MAX], val[KEY_MAX];
		size_t kl = equipment_key_param(key, x->station, x->name), dl, ml;
		int rc;
		if (kl == 0)
			return STORE_ERROR;
		if ((rc = rec_put(c->txn, c->a, T_EQUIP_PARAM, key, kl, (const ProtobufCMessage *)x,
		    0)) != STORE_OK)
			return rc;
		if (x->sparkplug_device[0] == '\0')
			continue;
		dl = strlen(x->sparkplug_device);
		ml = strlen(x->sparkplug_metric);
		if (dl + 1 + ml > KEY_MAX)
			return STORE_ERROR;
		memcpy(val, key, kl);       /* station \0 name */
		memcpy(key, x->sparkplug_device, dl + 1);
		memcpy(key + dl + 1, x->sparkplug_metric, ml);
		if ((rc = store_put(c->txn, T_EQUIP_SPB, key, dl + 1 + ml, val, kl, 0)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}
