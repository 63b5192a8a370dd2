/* ctl-units.c — yokectl units WO: every unit of a work order and where it stands. */
#include "terminal/ctl/show.h"
#include "terminal/ctl/ctl.h"

#include <string.h>

static int units_exec(struct ctl *ctl, int argc, char **argv);

const struct ctl_cmd ctl_cmd_units = {
	"units", "WORK_ORDER [--json]", "the units of a work order and where each stands", units_exec,
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
	} else {
		show_entry_header(stdout);
		for (size_t i = 0; i < rp->units->n_units; i++)
			show_entry(stdout, rp->units->units[i]);
	}
	client_reply_free(rp);
	return CTL_OK;
}
