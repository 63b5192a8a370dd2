/* gauge.c — gauges and equipment: definition plus calibration state (gate.h). */
#include "server/gate/gate.h"
#include "server/store/records.h"
#include "shared/defs/defs_gate.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int32_t
gate_today(const struct ctx *c)
{
	time_t t = (time_t)(c->now / 1000000);
	struct tm tm;
	char buf[48];
	int32_t days = 0;
	localtime_r(&t, &tm);
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	defs_date_days(buf, &days);
	return days;
}

const char *
gauge_word(const Yoke__GaugeInfo *g)
{
	return g->equipment ? _("Equipment") : _("Gauge");
}

int
gauge_state_get(struct ctx *c, const char *id, Yoke__GaugeState **out)
{
	int rc = REC_GET(c->txn, c->a, T_GAUGE_STATE, id, yoke__gauge_state, out);
	if (rc == STORE_NOTFOUND) {
		*out = arena_alloc(c->a, sizeof **out);
		yoke__gauge_state__init(*out);
		return STORE_OK;
	}
	return rc;
}

int
gauge_state_put(struct ctx *c, const char *id, const Yoke__GaugeState *s)
{
	return REC_PUT(c->txn, c->a, T_GAUGE_STATE, id, s);
}

int
gauge_info(struct ctx *c, const char *id, Yoke__GaugeInfo **out)
{
	char key[KEY_MAX];
	size_t len = strlen(id);
	Yoke__Gauge *g;
	Yoke__GaugeState *s;
	Yoke__GaugeInfo *x;
	int32_t due = 0;
	int rc;

	if (len == 0 || len + 2 > sizeof key)
		return STORE_NOTFOUND;
	key[0] = 'g';
	key[1] = '\0';
	memcpy(key + 2, id, len);
	rc = rec_get(c->txn, c->a, T_GATE, key, len + 2, &yoke__gauge__descriptor, (void **)&g);
	if (rc != STORE_OK)
		return rc;
	if ((rc = gauge_state_get(c, id, &s)) != STORE_OK)
		return rc;
	x = arena_alloc(c->a, sizeof *x);
	yoke__gauge_info__init(x);
	x->id = g->id;
	x->name = g->name;
	x->kind = g->kind;
	x->equipment = g->equipment;
	x->calibrated = !str_empty(s->due);
	x->due = x->calibrated ? s->due : g->due;
	x->certificate = s->certificate;
	x->calibrated_by = s->calibrated;
	x->blocked = s->blocked;
	x->block_reason = s->block_reason;
	x->blocked_by = s->blocked_by;
	defs_date_days(x->due, &due);
	x->days_left = due - gate_today(c);
	x->usable = x->days_left >= 0 && !x->blocked;
	*out = x;
	return STORE_OK;
}

enum outcome
gauge_usable(struct ctx *c, const char *id, const char *kind, Yoke__GaugeInfo **out)
{
	Yoke__GaugeInfo *g;
	int rc;

	if (!ident_ok(id, 64))
		return refuse(c, YOKE__STATUS__STATUS_GAUGE_REFUSED,
		    _("Expected a gauge or equipment id, got \"%.40s\""), id);
	rc = gauge_info(c, id, &g);
	if (rc == STORE_NOTFOUND)
		return refuse(c, YOKE__STATUS__STATUS_GAUGE_REFUSED, _("%s is not a gauge or equipment of "
		    "this plant: scan the id on its calibration label"), id);
	if (rc != STORE_OK)
		return store_failed(c, rc);
	if (!str_empty(kind) && strcmp(g->kind, kind) != 0)
		/* TRANSLATORS: "Gauge G-0007 is of kind micrometer; this step needs one of kind caliper" */
		return refuse(c, YOKE__STATUS__STATUS_GAUGE_REFUSED, _("%s %s is of kind %s; this step "
		    "needs one of kind %s"), gauge_word(g), g->id, g->kind, kind);
	if (g->blocked)
		return refuse(c, YOKE__STATUS__STATUS_GAUGE_REFUSED, _("%s %s (%s) is blocked: %s. Take "
		    "another"), gauge_word(g), g->id, g->kind, g->block_reason);
	if (g->days_left < 0)
		return refuse(c, YOKE__STATUS__STATUS_GAUGE_REFUSED, _("%s %s (%s) was due for "
		    "calibration on %s: take another or have it calibrated"), gauge_word(g), g->id,
		    g->kind, g->due);
	*out = g;
	return OUTCOME_COMMIT;
}
