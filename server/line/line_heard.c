/*
 * line_heard.c — when each terminal was last heard, and which station it
 * shows (line.h). One table for the process (yoked serves one store), in
 * memory only: it is the live part of the monitor and costs a request one
 * hash lookup, never a write.
 *
 * Open addressing with linear probing over LINE_HEARD_MAX * 2 slots; when
 * LINE_HEARD_MAX terminals are known, the one heard longest ago gives its
 * slot up (a plain-mode server may see any number of ids). Deleting an
 * entry re-inserts the run that follows it, so lookups never stop early.
 */
#include "server/line/line.h"
#include "shared/util.h"

#include <string.h>

#define SLOTS (LINE_HEARD_MAX * 2)

struct heard {
	char terminal[CERT_ID_MAX + 1];   /* "" free */
	char station[CERT_ID_MAX + 1];
	int64_t at;
};

static struct heard table[SLOTS];
static size_t used;

static size_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;     /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h % SLOTS);
}

static struct heard *
find(const char *terminal)
{
	for (size_t i = hash(terminal), n = 0; n < SLOTS; i = (i + 1) % SLOTS, n++) {
		if (table[i].terminal[0] == '\0')
			return NULL;
		if (strcmp(table[i].terminal, terminal) == 0)
			return &table[i];
	}
	return NULL;
}

static void
insert(const struct heard *h)
{
	size_t i = hash(h->terminal);
	while (table[i].terminal[0] != '\0')
		i = (i + 1) % SLOTS;
	table[i] = *h;
}

static void
forget_oldest(void)
{
	size_t oldest = SLOTS;
	for (size_t i = 0; i < SLOTS; i++)
		if (table[i].terminal[0] && (oldest == SLOTS || table[i].at < table[oldest].at))
			oldest = i;
	if (oldest == SLOTS)
		return;
	table[oldest].terminal[0] = '\0';
	used--;
	/* The entries after it in its run may have probed past it. */
	for (size_t i = (oldest + 1) % SLOTS; table[i].terminal[0]; i = (i + 1) % SLOTS) {
		struct heard h = table[i];
		table[i].terminal[0] = '\0';
		insert(&h);
	}
}

void
line_heard(const char *terminal, const char *station, int64_t now)
{
	struct heard *h;
	if (str_empty(terminal) || strlen(terminal) > CERT_ID_MAX)
		return;
	if ((h = find(terminal)) == NULL) {
		struct heard n = { .at = now };
		if (used >= LINE_HEARD_MAX)
			forget_oldest();
		strlcpy_yk(n.terminal, terminal, sizeof n.terminal);
		insert(&n);
		used++;
		h = find(terminal);
	}
	h->at = now;
	if (!str_empty(station) && strlen(station) <= CERT_ID_MAX && strcmp(h->station, station) != 0)
		strlcpy_yk(h->station, station, sizeof h->station);
}

const char *
line_station_hint(const Yoke__Request *rq, const struct cert *device)
{
	if (rq && rq->body_case == YOKE__REQUEST__BODY_HELLO && rq->hello &&
	    ident_ok(rq->hello->station, CERT_ID_MAX))
		return rq->hello->station;
	if (rq && rq->body_case == YOKE__REQUEST__BODY_BADGE_IN && rq->badge_in &&
	    ident_ok(rq->badge_in->station, CERT_ID_MAX))
		return rq->badge_in->station;
	if (device && device->nstations == 1 && strcmp(device->stations[0], "*") != 0)
		return device->stations[0];
	return NULL;
}

int64_t
line_heard_at(const char *terminal, const char **station)
{
	const struct heard *h = str_empty(terminal) ? NULL : find(terminal);
	if (station)
		*station = h ? h->station : "";
	return h ? h->at : 0;
}

void
line_heard_walk(void (*fn)(void *ud, const char *terminal, const char *station, int64_t at),
    void *ud)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (table[i].terminal[0])
			fn(ud, table[i].terminal, table[i].station, table[i].at);
}

void
line_heard_clear(void)
{
	memset(table, 0, sizeof table);
	used = 0;
}
