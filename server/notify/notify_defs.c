/* notify_defs.c — see notify_defs.h. */
#include "server/notify/notify_defs.h"
#include "server/notify/escalate.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <string.h>

int
notify_config_get(struct ctx *c, Yoke__NotifyConfig **cfg)
{
	return REC_GET(c->txn, c->a, T_META, NOTIFY_CONFIG_KEY, yoke__notify_config, cfg);
}

const Yoke__NotifyTarget *
notify_target(const Yoke__NotifyConfig *cfg, const char *name)
{
	for (size_t i = 0; cfg && i < cfg->n_targets; i++)
		if (strcmp(cfg->targets[i]->name, name) == 0)
			return cfg->targets[i];
	return NULL;
}

static bool
badge_known(struct ctx *c, const Yoke__Definitions *f, const char *badge)
{
	const void *v;
	size_t vl;
	if (defs_find_operator(f, badge))
		return true;
	return store_get(c->txn, T_OPERATOR, badge, strlen(badge), &v, &vl) == STORE_OK;
}

enum outcome
notify_defs_load(struct ctx *c, const Yoke__Definitions *f, bool dry_run)
{
	Yoke__NotifyConfig cfg = YOKE__NOTIFY_CONFIG__INIT;
	char err[600];
	int rc;

	if (f->n_escalations == 0 && f->n_notify_targets == 0 && f->smtp == NULL)
		return OUTCOME_COMMIT;
	if (!defs_notify_validate(f, err, sizeof err))
		return refuse(c, YOKE__STATUS__STATUS_INVALID_DEFINITION, "%s", err);
	for (size_t i = 0; i < f->n_escalations; i++) {
		const Yoke__Escalation *x = f->escalations[i];
		if (!str_empty(x->badge) && !badge_known(c, f, x->badge))
			return refuse(c, YOKE__STATUS__STATUS_INVALID_DEFINITION,
			    _("%s: escalate %u names badge=%s, but no operator has that badge"), x->source,
			    x->level, x->badge);
	}
	if (dry_run)
		return OUTCOME_COMMIT;
	/* The ladder in level order (a stable insertion sort: a few lines). */
	cfg.n_escalations = f->n_escalations;
	cfg.escalations = ARENA_NEW(c->a, Yoke__Escalation *, f->n_escalations + 1);
	for (size_t i = 0; i < f->n_escalations; i++) {
		size_t k = i;
		while (k > 0 && cfg.escalations[k - 1]->level > f->escalations[i]->level) {
			cfg.escalations[k] = cfg.escalations[k - 1];
			k--;
		}
		cfg.escalations[k] = f->escalations[i];
	}
	cfg.n_targets = f->n_notify_targets;
	cfg.targets = f->notify_targets;
	cfg.smtp = f->smtp;
	if ((rc = REC_PUT(c->txn, c->a, T_META, NOTIFY_CONFIG_KEY, &cfg)) != STORE_OK ||
	    (rc = escalation_reschedule(c)) != STORE_OK)
		return store_failed(c, rc);
	return OUTCOME_COMMIT;
}
