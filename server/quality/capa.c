/* capa.c — see capa.h: names, records, words, the log and replies. The
 * proposal is in capa_propose.c, the effectiveness check in capa_effect.c. */
#include "server/quality/capa.h"
#include "server/unit/unit.h"
#include "shared/quality/capa_rule.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAPA_PREFIX "CAPA-"

const char *
capa_name(struct ctx *c, uint64_t number)
{
	return arena_printf(c->a, CAPA_PREFIX "%06" PRIu64, number);
}

/* "CAPA-000042" or "42" -> 42. */
static bool
capa_number(const char *name, uint64_t *n)
{
	const char *p = name;
	char *end;
	if (p == NULL)
		return false;
	if (strncmp(p, CAPA_PREFIX, strlen(CAPA_PREFIX)) == 0)
		p += strlen(CAPA_PREFIX);
	if (*p < '0' || *p > '9' || strlen(p) > 18)
		return false;
	*n = strtoull(p, &end, 10);
	return *end == '\0' && *n > 0;
}

int
capa_get(struct ctx *c, const char *name, Yoke__Capa **out)
{
	unsigned char k[8];
	uint64_t no;
	if (!capa_number(name, &no))
		return STORE_NOTFOUND;
	put_be64(k, no);
	return rec_get(c->txn, c->a, T_CAPA, k, 8, &yoke__capa__descriptor, (void **)out);
}

int
capa_put(struct ctx *c, const Yoke__Capa *k)
{
	unsigned char key[8];
	uint64_t no;
	if (!capa_number(k->number, &no))
		return STORE_ERROR;
	put_be64(key, no);
	return rec_put(c->txn, c->a, T_CAPA, key, 8, (const ProtobufCMessage *)k, 0);
}

const char *
capa_state_text(Yoke__CapaState s)
{
	switch (s) {
	case YOKE__CAPA_STATE__CAPA_PROPOSED: return _("proposed");
	case YOKE__CAPA_STATE__CAPA_OPEN: return _("opened");
	case YOKE__CAPA_STATE__CAPA_CONTAINED: return _("contained");
	case YOKE__CAPA_STATE__CAPA_ROOT_CAUSE: return _("root cause found");
	case YOKE__CAPA_STATE__CAPA_ACTION: return _("action planned");
	case YOKE__CAPA_STATE__CAPA_IMPLEMENTED: return _("implemented");
	case YOKE__CAPA_STATE__CAPA_VERIFIED: return _("verified");
	case YOKE__CAPA_STATE__CAPA_EFFECTIVE: return _("effective");
	case YOKE__CAPA_STATE__CAPA_CLOSED: return _("closed");
	default: return "?";
	}
}

bool
capa_overdue_now(const Yoke__Capa *k, int64_t now_us)
{
	return k->state >= YOKE__CAPA_STATE__CAPA_ACTION &&
	    k->state < YOKE__CAPA_STATE__CAPA_IMPLEMENTED && capa_overdue(k->due, now_us);
}

int
capa_event(struct ctx *c, const Yoke__Capa *k, const char *text, Yoke__SignatureRecord *by,
    const char *note)
{
	Yoke__Event *ev = unit_event(c, YOKE__EVENT_KIND__EVENT_CAPA, NULL, NULL);
	ev->detail = k->number;
	ev->defect = k->defect;
	ev->text = str_empty(note) ? (char *)text : arena_printf(c->a, _("%s. Note: %s"), text, note);
	if (by) {
		ev->n_signatures = 1;
		ev->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
		ev->signatures[0] = by;
	}
	return rec_event_append(c->txn, c->a, ev);
}

void
capa_reply_one(struct ctx *c, Yoke__Capa *k)
{
	Yoke__CapaReply *cr = arena_alloc(c->a, sizeof *cr);
	yoke__capa_reply__init(cr);
	k->overdue = capa_overdue_now(k, c->now);
	cr->n_capas = 1;
	cr->capas = ARENA_NEW(c->a, Yoke__Capa *, 1);
	cr->capas[0] = k;
	c->rp->body_case = YOKE__REPLY__BODY_CAPAS;
	c->rp->capas = cr;
}
