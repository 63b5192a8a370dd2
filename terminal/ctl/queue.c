/* queue.c — yokectl queue STATION: the units waiting for that station's
 * kind of operation, in the order the station works them. */
#include "terminal/ctl/show.h"
#include "terminal/ctl/ctl.h"

#include <string.h>

static int queue_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl queue SMT-1", N_("what SMT-1 works next, most urgent first") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_queue = {
	.name = "queue",
	.group = CTL_GROUP_WORK,
	.usage = N_("STATION [--json]"),
	.summary = N_("a station's queue in priority order"),
	.description = N_("Lists the units waiting for the operation a station does, in the order "
	    "the station works them: priority, then due date, then the time they arrived."),
	.options = options,
	.examples = examples,
	.exec = queue_exec,
};

static int
queue_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__QueueQuery q = YOKE__QUEUE_QUERY__INIT;
	Yoke__Reply *rp;
	bool json;
	int rc;

	if ((rc = ctl_word_args(&ctl_cmd_queue, argc, argv, &q.station, &json)) != CTL_OK)
		return rc;
	rq.body_case = YOKE__REQUEST__BODY_QUEUE;
	rq.queue = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"station\":");
		json_string(stdout, rp->queue->station);
		json_field(stdout, "station_kind", rp->queue->station_kind);
		printf(",\"units\":[");
		for (size_t i = 0; i < rp->queue->n_entries; i++) {
			if (i)
				putchar(',');
			show_entry_json(stdout, rp->queue->entries[i]);
		}
		printf("]}\n");
	} else {
		printf(P_("Queue of %s (%s): %zu unit\n", "Queue of %s (%s): %zu units\n",
		    rp->queue->n_entries), rp->queue->station, rp->queue->station_kind,
		    rp->queue->n_entries);
		show_entries(stdout, rp->queue->entries, rp->queue->n_entries);
	}
	client_reply_free(rp);
	return CTL_OK;
}
