/*
 * server.c — what every part of yoked shares beside the loop: the defaults
 * of its options and the sequence of each notice topic (the loop publishes,
 * a queue snapshot reads the current number).
 */
#include "server/server.h"
#include "shared/util.h"

#include <string.h>

void
server_config_default(struct server_config *cfg)
{
	cfg->session_idle_s = 60 * 60;
	cfg->pin_tries = 5;
	cfg->pin_lock_s = 15 * 60;
	cfg->terminal_retention_days = 1;
	cfg->terminal_silent_s = 10;
}

static struct topic_seq *
topic_find(struct server *srv, const char *topic)
{
	for (int i = 0; i < srv->ntopics; i++)
		if (strcmp(srv->topics[i].name, topic) == 0)
			return &srv->topics[i];
	if (srv->ntopics == srv->topics_cap) {
		srv->topics_cap = srv->topics_cap ? srv->topics_cap * 2 : 16;
		srv->topics = xrealloc(srv->topics, (size_t)srv->topics_cap * sizeof *srv->topics);
	}
	struct topic_seq *t = &srv->topics[srv->ntopics++];
	strlcpy_yk(t->name, topic, sizeof t->name);
	t->seq = 0;
	return t;
}

uint64_t
topic_next(struct server *srv, const char *topic)
{
	return ++topic_find(srv, topic)->seq;
}

uint64_t
topic_peek(struct server *srv, const char *topic)
{
	return topic_find(srv, topic)->seq;
}
