/*
 * loop.c — yoked's one loop: wait for requests (or for slow work coming
 * back from the offload thread), take every request that is waiting (a
 * batch, at most BATCH_PER_PEER from one peer), run it through dispatch.c
 * (reads at once, writes in one transaction committed once: group commit),
 * reply to each and publish notices after the commit, hand parked requests
 * to the offload thread, and once a minute sweep sessions and terminals
 * (session.c).
 */
#include "server/dispatch.h"
#include "server/notify/notifier.h"
#include "server/people/session.h"
#include "server/net/transport.h"
#include "shared/i18n.h"
#include "shared/log.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_MAX 1024

void
loop_publish(struct server *srv, struct arena *a, const struct notice *nt)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;
	size_t len;
	uint8_t *buf;

	n.topic = (char *)nt->topic;
	n.seq = topic_next(srv, nt->topic);
	n.epoch = srv->epoch;
	n.serial = (char *)nt->serial;
	n.status = nt->status;
	n.text = (char *)nt->text;
	len = yoke__notice__get_packed_size(&n);
	buf = arena_alloc(a, len);
	yoke__notice__pack(&n, buf);
	transport_publish(srv->tp, nt->topic, buf, len);
}

static void
send_reply(void *ud, struct work *w)
{
	struct server *srv = ud;
	transport_send(srv->tp, &w->in.peer, w->bytes, w->len);
}

/* Peers seen in this batch, to take at most BATCH_PER_PEER from each. */
struct peer_count {
	unsigned char id[PEER_ID_MAX];
	size_t idlen;
	int n;
};

static bool
peer_admit(struct peer_count *seen, int *nseen, const struct peer *p)
{
	for (int i = 0; i < *nseen; i++)
		if (seen[i].idlen == p->idlen && memcmp(seen[i].id, p->id, p->idlen) == 0)
			return ++seen[i].n <= BATCH_PER_PEER;
	memcpy(seen[*nseen].id, p->id, p->idlen);
	seen[*nseen].idlen = p->idlen;
	seen[(*nseen)++].n = 1;
	return true;
}

/* Finished slow work becomes work items again (at the front of the batch). */
static int
take_prepared(struct server *srv, struct arena *a, struct work *ws, int n)
{
	struct offload_job *j;
	while (n < BATCH_MAX && (j = offload_take(srv->offload)) != NULL) {
		unsigned char *copy = arena_alloc(a, j->len + 1);
		memset(&ws[n], 0, sizeof ws[n]);
		memcpy(copy, j->bytes, j->len);
		ws[n].in.peer = j->peer;
		ws[n].in.data = copy;
		ws[n].in.len = j->len;
		ws[n].in.frames = 1;
		ws[n].prep = j;
		n++;
	}
	return n;
}

static void
after_batch(struct server *srv, struct arena *a, struct work *ws, int n)
{
	for (int i = 0; i < n; i++) {
		struct work *w = &ws[i];
		if (w->committed)
			for (int k = 0; k < w->nnotices; k++)
				loop_publish(srv, a, &w->notices[k]);
		if (w->park && !offload_submit(srv->offload, w->park)) {
			Yoke__Reply rp = YOKE__REPLY__INIT;
			uint8_t buf[256];
			offload_job_free(w->park);
			rp.version = YOKE_PROTOCOL;
			rp.request_no = w->rq->request_no;
			rp.status = YOKE__STATUS__STATUS_INTERNAL;
			i18n_use(w->lang);     /* the language of this request's other words */
			rp.message = (char *)_("The server is busy checking signatures; try again in a "
			    "moment");
			log_warn("offload queue full (%d jobs): a request from %s answered busy",
			    OFFLOAD_JOBS_MAX, w->terminal);
			transport_send(srv->tp, &w->in.peer, buf, yoke__reply__pack(&rp, buf));
		}
		w->park = NULL;
		if (w->prep) {
			offload_job_free(w->prep);
			w->prep = NULL;
		}
	}
}

void
server_run(struct server *srv)
{
	struct arena a;
	struct work *ws = xcalloc(BATCH_MAX, sizeof *ws);
	struct peer_count *seen = xcalloc(BATCH_MAX, sizeof *seen);
	uint64_t dropped = 0;

	arena_init(&a);
	srv->next_sweep_ms = mono_ms() + session_sweep_ms(srv);
	while (!*srv->stop) {
		int n = 0, nseen = 0;
		if (mono_ms() >= srv->next_sweep_ms) {
			arena_reset(&a);
			session_sweep(srv, &a);
			srv->next_sweep_ms = mono_ms() + session_sweep_ms(srv);
		}
		notifier_tick(srv);     /* escalations due, the sender's answers and work */
		if (transport_wait(srv->tp, offload_fd(srv->offload), 250) <= 0)
			continue;
		arena_reset(&a);
		n = take_prepared(srv, &a, ws, 0);
		while (n < BATCH_MAX) {
			memset(&ws[n], 0, sizeof ws[n]);
			if (!transport_recv(srv->tp, &a, &ws[n].in))
				break;
			if (!peer_admit(seen, &nseen, &ws[n].in.peer)) {
				/* A peer with more in this batch than a terminal ever has in
				 * flight: the rest waits for its retry. */
				if (++dropped % 1000 == 1)
					log_warn("%s sent more than %d requests at once; %llu dropped so far",
					    ws[n].in.peer.terminal[0] ? ws[n].in.peer.terminal : "a peer",
					    BATCH_PER_PEER, (unsigned long long)dropped);
				continue;
			}
			n++;
		}
		if (n == 0)
			continue;
		srv->requests += (uint64_t)n;
		srv->batches++;
		dispatch_batch(srv, &a, ws, n, send_reply, srv);
		after_batch(srv, &a, ws, n);
		i18n_use("en");     /* between batches the server speaks English (its log, the sweep) */
		server_caches_trim(srv);   /* no reply holds a cached record now */
	}
	for (int i = 0; i < BATCH_MAX; i++)
		offload_job_free(ws[i].prep);
	arena_free(&a);
	free(ws);
	free(seen);
	server_caches_clear(srv);
	server_caches_trim(srv);
	free(srv->topics);
	log_info("stopping: %llu requests in %llu batches, %llu commits, %llu batches run again "
	    "with savepoints", (unsigned long long)srv->requests, (unsigned long long)srv->batches,
	    (unsigned long long)srv->commits, (unsigned long long)srv->batches_again);
}
