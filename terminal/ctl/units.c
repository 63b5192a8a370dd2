/* units.c — yokectl units WO: every unit of a work order and where it stands. */
#include "terminal/ctl/show.h"
#include "terminal/ctl/ctl.h"

#include <string.h>

static int units_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--json", N_("print JSON for scripts: an array of units") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl units WO-1001", N_("every unit of WO-1001: operation, priority, due date, status") },
	{ "yokectl units WO-1001 --json", N_("the same as JSON") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_units = {
	.name = "units",
	.group = CTL_GROUP_WORK,
	.usage = N_("WORK_ORDER [--json]"),
	.summary = N_("the units of a work order and where each stands"),
	.description = N_("Lists every unit of a work order: its serial, the operation it waits for "
	    "or is in, its priority, due date and status (with the reason when it is held)."),
	.options = options,
	.examples = examples,
	.exec = units_exec,
};

static int
units_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__UnitsQuery q = YOKE__UNITS_QUERY__INIT;
	Yoke__Reply *rp;
	bool json;
	int rc;

	if ((rc = ctl_word_args(&ctl_cmd_units, argc, argv, &q.work_order, &json)) != CTL_OK)
		return rc;
	rq.body_case = YOKE__REQUEST__BODY_UNITS;
	rq.units = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("[");
		for (size_t i = 0; i < rp->units->n_units; i++) {
			if (i)
				putchar(',');
			show_entry_json(stdout, rp->units->units[i]);
		}
		printf("]\n");
	} else if (rp->units->n_units == 0) {
		printf(_("Work order %s has no units.\n"), q.work_order);
	} else {
		show_entries(stdout, rp->units->units, rp->units->n_units);
	}
	client_reply_free(rp);
	return CTL_OK;
}
