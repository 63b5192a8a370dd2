/* escalate.c — see escalate.h. */
#include "server/notify/escalate.h"
#include "server/alarm/alarm.h"
#include "server/notify/alarm_words.h"
#include "server/notify/notifier.h"
#include "server/notify/notify_defs.h"
#include "server/notify/outbox.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/log.h"
#include "shared/util.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define RUN_MAX 256          /* alarms told in one run; the rest in the next */

struct teller {
	struct ctx *c;
	const Yoke__NotifyConfig *cfg;
	Yoke__Alarm *al;
	uint32_t level;
	int64_t now;
	void (*publish)(struct ctx *c, void *ud);
	void *ud;
};

static bool
matches(const Yoke__Escalation *x, const Yoke__Alarm *al)
{
	bool source = x->n_sources == 0;
	for (size_t i = 0; i < x->n_sources; i++)
		source |= x->sources[i] == (uint32_t)al->source;
	return source && (x->severity == 0 || (uint32_t)al->severity >= x->severity);
}

/* The lowest level above `above` with a statement for this alarm (0: none);
 * its time in *after_s. The ladder is stored in level order. */
static uint32_t
next_level(const Yoke__NotifyConfig *cfg, const Yoke__Alarm *al, uint32_t above,
    uint32_t *after_s)
{
	for (size_t i = 0; i < cfg->n_escalations; i++) {
		const Yoke__Escalation *x = cfg->escalations[i];
		if (x->level > above && matches(x, al)) {
			*after_s = x->after_s;
			return x->level;
		}
	}
	return 0;
}

static void
popup(struct teller *t, const char *topic)
{
	if (t->c->nnotices == NOTICES_MAX && t->publish)
		t->publish(t->c, t->ud);
	notify(t->c, topic, alarm_number(t->c->a, t->al->id), YOKE__UNIT_STATUS__UNIT_NONE,
	    N_("alarm escalated"));
}

/* The idempotency key: "alarm/<id>/level/<n>/<to>"; a `to` too long for a
 * key is named by its hash. */
static const char *
message_key(struct teller *t, const char *to)
{
	if (strlen(to) <= 160)
		return arena_printf(t->c->a, "alarm/%llu/level/%u/%s", (unsigned long long)t->al->id,
		    t->level, to);
	unsigned char h[16];
	char hex[33];
	crypto_generichash(h, sizeof h, (const unsigned char *)to, strlen(to), NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	return arena_printf(t->c->a, "alarm/%llu/level/%u/#%s", (unsigned long long)t->al->id,
	    t->level, hex);
}

static int
put_message(struct teller *t, Yoke__Channel ch, const char *to, const char *target,
    const char *lang)
{
	Yoke__OutboxMessage *m = arena_alloc(t->c->a, sizeof *m);
	struct alarm_words w;
	const char *key = message_key(t, str_empty(target) ? to : target);

	yoke__outbox_message__init(m);
	alarm_text(t->c->a, t->al, t->level, t->now, lang, &w);
	m->key = (char *)key;
	m->channel = (char *)(ch == YOKE__CHANNEL__CHANNEL_EMAIL ? "smtp" : defs_channel_name(ch));
	m->to = (char *)to;
	m->target = (char *)(target ? target : "");
	m->subject = (char *)w.subject;
	m->body = (char *)(ch == YOKE__CHANNEL__CHANNEL_WEBHOOK ?
	    alarm_json(t->c->a, t->al, t->level, key, &w) :
	    ch == YOKE__CHANNEL__CHANNEL_EMAIL ? w.text :
	    arena_printf(t->c->a, "%s\n%s", w.subject, w.text));
	return outbox_put(t->c, m, NULL);
}

struct by_role {
	struct teller *t;
	Yoke__Role role;
	int rc;
	unsigned told;
};

static int
role_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct by_role *r = ud;
	Yoke__Operator *op;
	(void)k;
	(void)kl;
	if ((op = rec_decode(r->t->c->a, &yoke__operator__descriptor, v, vl)) == NULL)
		return 0;
	if (op->role != r->role || str_empty(op->email))
		return 0;
	r->told++;
	r->rc = put_message(r->t, YOKE__CHANNEL__CHANNEL_EMAIL, op->email, NULL, op->language);
	return r->rc != STORE_OK;
}

static int
tell_one(struct teller *t, const Yoke__Escalation *x)
{
	struct ctx *c = t->c;
	Yoke__Operator *op;
	const Yoke__NotifyTarget *tg;
	int rc;

	if (!str_empty(x->target)) {
		if ((tg = notify_target(t->cfg, x->target)) == NULL) {
			log_warn("escalation %s: receiver %s is no longer defined; level %u not sent to it",
			    alarm_number(c->a, t->al->id), x->target, t->level);
			return STORE_OK;
		}
		return put_message(t, tg->channel, tg->to, tg->name, tg->language);
	}
	if (x->role != YOKE__ROLE__ROLE_NONE) {
		struct by_role r = { t, x->role, STORE_OK, 0 };
		if (x->channel == YOKE__CHANNEL__CHANNEL_POPUP) {
			popup(t, arena_printf(c->a, "role/%s", defs_role_name(x->role)));
			return STORE_OK;
		}
		if ((rc = store_walk_prefix(c->txn, T_OPERATOR, NULL, 0, role_walk, &r)) != STORE_OK)
			return rc;
		if (r.rc == STORE_OK && r.told == 0)
			log_warn("escalation %s level %u: nobody with role %s has an email=",
			    alarm_number(c->a, t->al->id), t->level, defs_role_name(x->role));
		return r.rc;
	}
	if (x->channel == YOKE__CHANNEL__CHANNEL_POPUP) {
		popup(t, arena_printf(c->a, "person/%s", x->badge));
		return STORE_OK;
	}
	rc = REC_GET(c->txn, c->a, T_OPERATOR, x->badge, yoke__operator, &op);
	if (rc == STORE_NOTFOUND || (rc == STORE_OK && str_empty(op->email))) {
		log_warn("escalation %s level %u: badge %s has no email=; not sent",
		    alarm_number(c->a, t->al->id), t->level, x->badge);
		return STORE_OK;
	}
	if (rc != STORE_OK)
		return rc;
	return put_message(t, YOKE__CHANNEL__CHANNEL_EMAIL, op->email, NULL, op->language);
}

static int
tell_level(struct teller *t)
{
	bool acked = t->al->state == YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED;
	int rc;
	for (size_t i = 0; i < t->cfg->n_escalations; i++) {
		const Yoke__Escalation *x = t->cfg->escalations[i];
		if (x->level != t->level || !matches(x, t->al) || (x->until_ack && acked))
			continue;
		if ((rc = tell_one(t, x)) != STORE_OK)
			return rc;
	}
	log_info("alarm %s escalated to level %u", alarm_number(t->c->a, t->al->id), t->level);
	return STORE_OK;
}

static int
schedule(struct ctx *c, int64_t due, uint64_t id)
{
	unsigned char k[16];
	put_be64(k, (uint64_t)due);
	put_be64(k + 8, id);
	notifier_soon(c->srv, NOTIFIER_ESCALATION, due);
	return store_put(c->txn, T_ESCALATION, k, 16, "", 0, 0);
}

/* Tells every level of al that is due at t->now, then schedules the next. */
static int
escalate(struct teller *t)
{
	Yoke__Alarm *al = t->al;
	int64_t raised = al->raised ? al->raised->time_us : t->now;
	uint32_t after, level;
	int rc;

	while (al->state != YOKE__ALARM_STATE__ALARM_RESOLVED &&
	    (level = next_level(t->cfg, al, al->escalated, &after)) != 0) {
		int64_t due = raised + (int64_t)after * 1000000;
		if (due > t->now)
			return schedule(t->c, due, al->id);
		t->level = level;
		if ((rc = tell_level(t)) != STORE_OK)
			return rc;
		al->escalated = level;
	}
	return STORE_OK;
}

int
escalation_start(struct ctx *c, Yoke__Alarm *a)
{
	Yoke__NotifyConfig *cfg;
	struct teller t = { c, NULL, a, 0, c->now, NULL, NULL };
	int rc = notify_config_get(c, &cfg);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	t.cfg = cfg;
	/* The ladder runs on the notifier's clock (a test may move it on). */
	t.now = notifier_now(c->srv, c->now);
	return escalate(&t);
}

struct open_walk {
	struct ctx *c;
	int64_t now;
	int rc;
};

static int
open_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct open_walk *w = ud;
	Yoke__Alarm *al = rec_decode(NULL, &yoke__alarm__descriptor, v, vl);
	(void)k;
	(void)kl;
	if (al == NULL)
		return 0;                /* not an alarm: nothing to escalate */
	if (al->state != YOKE__ALARM_STATE__ALARM_RESOLVED)
		w->rc = schedule(w->c, w->now, al->id);
	protobuf_c_message_free_unpacked(&al->base, NULL);
	return w->rc == STORE_OK ? 0 : 1;
}

int
escalation_reschedule(struct ctx *c)
{
	struct open_walk w = { c, notifier_now(c->srv, c->now), STORE_OK };
	int rc = store_walk_prefix(c->txn, T_ALARM, NULL, 0, open_walk, &w);
	return rc != STORE_OK ? rc : w.rc;
}

struct due_list {
	int64_t now;
	int n;
	unsigned char keys[RUN_MAX][16];
};

static int
due_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	struct due_list *d = ud;
	(void)v;
	(void)vl;
	if (kl != 16 || (int64_t)get_be64(k) > d->now || d->n == RUN_MAX)
		return 1;
	memcpy(d->keys[d->n++], k, 16);
	return 0;
}

static int
first_walk(void *ud, const void *k, size_t kl, const void *v, size_t vl)
{
	(void)v;
	(void)vl;
	if (kl == 16)
		*(int64_t *)ud = (int64_t)get_be64(k);
	return 1;
}

int64_t
escalation_next_due(struct txn *t)
{
	int64_t first = INT64_MAX;
	if (store_walk_prefix(t, T_ESCALATION, NULL, 0, first_walk, &first) != STORE_OK)
		return INT64_MIN;      /* look again at the next turn */
	return first;
}

int
escalation_run(struct ctx *c, int64_t *next_due, void (*publish)(struct ctx *c, void *ud),
    void *ud)
{
	struct due_list d;
	Yoke__NotifyConfig *cfg = NULL;
	int rc;

	d.now = c->now;
	d.n = 0;
	if ((rc = store_walk_prefix(c->txn, T_ESCALATION, NULL, 0, due_walk, &d)) != STORE_OK)
		return rc;
	if (d.n > 0 && (rc = notify_config_get(c, &cfg)) != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	for (int i = 0; i < d.n; i++) {
		uint64_t id = get_be64(d.keys[i] + 8);
		Yoke__Alarm *al;
		struct teller t = { c, cfg, NULL, 0, c->now, publish, ud };
		if ((rc = store_del(c->txn, T_ESCALATION, d.keys[i], 16, NULL, 0)) != STORE_OK)
			return rc;
		if ((rc = alarm_get(c, id, &al)) == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return rc;
		if (cfg == NULL)
			continue;       /* the ladder was taken away: nothing more to tell */
		t.al = al;
		if ((rc = escalate(&t)) != STORE_OK || (rc = alarm_put(c, al)) != STORE_OK)
			return rc;
	}
	*next_due = escalation_next_due(c->txn);
	return STORE_OK;
}
