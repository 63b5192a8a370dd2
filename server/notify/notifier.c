/* notifier.c — see notifier.h. */
#include "server/notify/notifier.h"
#include "server/notify/escalate.h"
#include "server/notify/notify_defs.h"
#include "server/notify/outbox.h"
#include "server/notify/sender.h"
#include "shared/log.h"
#include "shared/util.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TICK_SENDS SENDER_JOBS_MAX
#define RETRY_LOOK_US 1000000      /* after a failed turn, look again in a second */

struct notifier {
	struct sender *sender;
	int64_t escalation_due, outbox_due;     /* on the notifier's clock */
	uint64_t out[SENDER_JOBS_MAX];          /* ids with the sender now */
	int nout;
	char *clock_file;
	int64_t offset_us;
	int64_t clock_read_ms;
	struct arena a;
	struct notice *pending;                 /* popups to publish after the commit */
	int npending, pending_cap;
	char *smtp_password, *smtp_ca;          /* yoked's own (notifier_set_smtp) */
};

struct notifier *
notifier_new(const char *test_clock)
{
	struct notifier *n = xcalloc(1, sizeof *n);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	n->sender = sender_new();
	/* At start, look at both tables once: what was due when the server
	 * stopped (or crashed) is due now. */
	n->escalation_due = INT64_MIN;
	n->outbox_due = INT64_MIN;
	n->clock_file = test_clock ? xstrdup(test_clock) : NULL;
	n->clock_read_ms = INT64_MIN;
	arena_init(&n->a);
	return n;
}

void
notifier_free(struct notifier *n)
{
	if (n == NULL)
		return;
	sender_free(n->sender);
	arena_free(&n->a);
	free(n->pending);
	free(n->clock_file);
	if (n->smtp_password) {
		memset(n->smtp_password, 0, strlen(n->smtp_password));
		free(n->smtp_password);
	}
	free(n->smtp_ca);
	free(n);
	curl_global_cleanup();
}

void
notifier_set_smtp(struct notifier *n, const char *password, const char *ca)
{
	free(n->smtp_password);
	free(n->smtp_ca);
	n->smtp_password = xstrdup(password ? password : "");
	n->smtp_ca = xstrdup(ca ? ca : "");
}

/* The test clock's offset, read at most every 50 ms. */
static void
read_clock(struct notifier *n)
{
	char buf[64];
	FILE *f;
	int64_t t = mono_ms();
	if (n->clock_file == NULL || (n->clock_read_ms != INT64_MIN && t - n->clock_read_ms < 50))
		return;
	n->clock_read_ms = t;
	if ((f = fopen(n->clock_file, "r")) == NULL)
		return;
	if (fgets(buf, sizeof buf, f)) {
		char *end;
		long long s = strtoll(buf, &end, 10);
		if (end != buf && s >= -86400LL * 365 && s <= 86400LL * 365 &&
		    s * 1000000 != n->offset_us) {
			n->offset_us = s * 1000000;
			log_info("test clock: %+lld s", s);
		}
	}
	fclose(f);
}

int64_t
notifier_now(const struct server *srv, int64_t real_us)
{
	return srv && srv->notifier ? real_us + srv->notifier->offset_us : real_us;
}

void
notifier_soon(struct server *srv, enum notifier_list which, int64_t when)
{
	struct notifier *n = srv ? srv->notifier : NULL;
	if (n == NULL)
		return;
	if (which == NOTIFIER_ESCALATION && when < n->escalation_due)
		n->escalation_due = when;
	if (which == NOTIFIER_OUTBOX && when < n->outbox_due)
		n->outbox_due = when;
}

static bool
sending(void *ud, uint64_t id)
{
	struct notifier *n = ud;
	for (int i = 0; i < n->nout; i++)
		if (n->out[i] == id)
			return true;
	return false;
}

static void
keep_notices(struct ctx *c, void *ud)
{
	struct notifier *n = ud;
	for (int i = 0; i < c->nnotices; i++) {
		if (n->npending == n->pending_cap) {
			n->pending_cap = n->pending_cap ? 2 * n->pending_cap : 16;
			n->pending = xrealloc(n->pending, (size_t)n->pending_cap * sizeof *n->pending);
		}
		n->pending[n->npending++] = c->notices[i];
	}
	c->nnotices = 0;
}

static struct send_job *
job_for(struct ctx *c, const struct notifier *n, const Yoke__NotifyConfig *cfg,
    const Yoke__OutboxMessage *m)
{
	struct send_job *j = xcalloc(1, sizeof *j);
	const Yoke__NotifyTarget *t = str_empty(m->target) ? NULL : notify_target(cfg, m->target);
	(void)c;
	j->id = m->id;
	j->key = xstrdup(m->key);
	j->channel = xstrdup(m->channel);
	j->to = xstrdup(m->to);
	j->subject = xstrdup(m->subject);
	j->body = xstrdup(m->body);
	j->secret = xstrdup(t && t->secret ? t->secret : "");
	j->smtp_url = xstrdup(cfg && cfg->smtp ? cfg->smtp->url : "");
	j->smtp_from = xstrdup(cfg && cfg->smtp ? cfg->smtp->from : "");
	j->smtp_user = xstrdup(cfg && cfg->smtp && cfg->smtp->user ? cfg->smtp->user : "");
	j->smtp_starttls = cfg && cfg->smtp && cfg->smtp->starttls;
	j->smtp_password = xstrdup(n->smtp_password ? n->smtp_password : "");
	j->smtp_ca = xstrdup(n->smtp_ca ? n->smtp_ca : "");
	return j;
}

/* The answers back into the outbox. */
static int
answers(struct ctx *c, struct notifier *n)
{
	struct send_job *j;
	int rc = STORE_OK;
	while (rc == STORE_OK && (j = sender_take(n->sender)) != NULL) {
		rc = outbox_done(c, j->id, j->delivered, j->error);
		for (int i = 0; i < n->nout; i++)
			if (n->out[i] == j->id) {
				n->out[i] = n->out[--n->nout];
				break;
			}
		if (j->delivered)
			log_info("outbox message %llu delivered (%s)", (unsigned long long)j->id, j->key);
		send_job_free(j);
	}
	return rc;
}

/* The messages due, made into jobs (handed to the sender after the
 * commit: a message written in this turn exists only once it stands). */
static int
hand_over(struct ctx *c, struct notifier *n, struct send_job **jobs)
{
	uint64_t ids[TICK_SENDS];
	Yoke__NotifyConfig *cfg = NULL;
	int k = 0, rc, room = SENDER_JOBS_MAX - n->nout;
	int64_t next;

	if (room <= 0)
		return STORE_OK;   /* the sender's answers will bring us back */
	if ((rc = outbox_due(c, ids, room, sending, n, &k, &next)) != STORE_OK)
		return rc;
	n->outbox_due = next;
	if (k > 0 && (rc = notify_config_get(c, &cfg)) != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	for (int i = 0; i < k; i++) {
		Yoke__OutboxMessage *m;
		if ((rc = outbox_get(c, ids[i], &m)) == STORE_NOTFOUND)
			continue;
		if (rc != STORE_OK)
			return rc;
		struct send_job *j = job_for(c, n, cfg, m);
		j->next = *jobs;
		*jobs = j;
	}
	return STORE_OK;
}

static int
turn(struct server *srv, struct notifier *n, int64_t now)
{
	struct ctx c = { 0 };
	struct send_job *jobs = NULL, *j;
	struct txn t;
	int rc;

	arena_reset(&n->a);
	n->npending = 0;
	if ((rc = store_begin_write(srv->store, &t)) != STORE_OK)
		return rc;
	c.srv = srv;
	c.txn = &t;
	c.a = &n->a;
	c.now = now;
	if ((rc = answers(&c, n)) == STORE_OK && now >= n->escalation_due)
		rc = escalation_run(&c, &n->escalation_due, keep_notices, n);
	if (rc == STORE_OK)
		rc = hand_over(&c, n, &jobs);
	if (rc == STORE_OK) {
		keep_notices(&c, n);
		rc = store_commit(&t);
	} else {
		store_abort(&t);
	}
	while ((j = jobs) != NULL) {
		jobs = j->next;
		if (rc == STORE_OK && n->nout < SENDER_JOBS_MAX) {
			uint64_t id = j->id;
			if (sender_submit(n->sender, j))
				n->out[n->nout++] = id;
		} else {
			send_job_free(j);
		}
	}
	if (rc != STORE_OK)
		return rc;
	for (int i = 0; i < n->npending; i++)
		loop_publish(srv, &n->a, &n->pending[i]);
	return STORE_OK;
}

void
notifier_tick(struct server *srv)
{
	struct notifier *n = srv->notifier;
	int64_t now;
	int rc;

	if (n == NULL)
		return;
	read_clock(n);
	now = now_us() + n->offset_us;
	if (!sender_has_answers(n->sender) && now < n->escalation_due && now < n->outbox_due)
		return;
	if ((rc = turn(srv, n, now)) == STORE_OK)
		return;
	/* Nothing of the turn stands, and what it learnt of the tables may
	 * be wrong: look at both again (the answers taken are lost; their
	 * messages stay due and are sent again). */
	n->escalation_due = n->outbox_due = INT64_MIN;
	if (rc == STORE_FULL && (rc = store_grow(srv->store)) == STORE_OK)
		return;
	if (rc == STORE_LOST) {
		log_error("stopping: the store's map is lost (notifications)");
		if (srv->stop)
			*srv->stop = 1;
		return;
	}
	log_warn("notifications not written: %s", store_status_text(rc));
	n->escalation_due = n->outbox_due = now + RETRY_LOOK_US;
}
