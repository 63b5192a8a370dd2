/*
 * wo.c — yokectl wo release: release a work order, creating its units.
 *
 *   yokectl wo release WO --product P --qty N --due YYYY-MM-DD [--priority 1-9] [--rev R] [--json]
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_wo;
static int release_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option release_options[] = {
	{ "--product P", N_("the product's part number (its released routing is used)") },
	{ "--qty N", N_("how many units, 1 to 100000") },
	{ "--due YYYY-MM-DD", N_("the due date") },
	{ "--priority 1-9", N_("1 is the most urgent; queues put it first (default 5)") },
	{ "--rev R", N_("a routing revision other than the released one") },
	{ "--json", N_("print JSON for scripts: the work order, the routing revision and the "
	    "serials") },
	{ NULL, NULL },
};

static const struct ctl_example release_examples[] = {
	{ "yokectl wo release WO-1001 --product IOTC-100 --qty 20 --due 2026-12-15 --priority 2",
	    N_("20 units WO-1001-0001 to WO-1001-0020, queued at the routing's first operation") },
	{ "yokectl --pin-fd 3 wo release WO-1002 --product IOTC-100 --qty 5 --due 2026-12-20 "
	    "3<pin.txt", N_("the same in a script, the PIN read from a file") },
	{ NULL, NULL },
};

static const struct ctl_cmd wo_release = {
	.name = "release",
	.parent = &ctl_cmd_wo,
	.group = CTL_GROUP_WORK,
	.usage = N_("WO --product P --qty N --due YYYY-MM-DD [--priority 1-9] [--rev R] [--json]"),
	.summary = N_("release a work order: creates its units, queued at the first operation"),
	.description = N_("Releases a work order: the server creates its unit serials (WO-0001, "
	    "WO-0002, ...) and queues them at the first operation of the product's routing. It "
	    "needs a person who may release work orders: --badge (or $YOKE_BADGE) and that "
	    "person's PIN."),
	.options = release_options,
	.examples = release_examples,
	.exec = release_exec,
};

/* wo_priority.c */
extern const struct ctl_cmd ctl_cmd_wo_priority;
static const struct ctl_cmd *const wo_subs[] = { &wo_release, &ctl_cmd_wo_priority, NULL };

const struct ctl_cmd ctl_cmd_wo = {
	.name = "wo",
	.group = CTL_GROUP_WORK,
	.usage = N_("release WO --product P --qty N --due YYYY-MM-DD [...] | priority WO --to 1-9 "
	    "[...]"),
	.summary = N_("work orders"),
	.description = N_("Work orders: release one, which creates its units; change one's "
	    "priority, signed by a lead."),
	.subs = wo_subs,
};

static bool
parse_uint(const char *s, unsigned long max, uint32_t *out)
{
	char *end;
	unsigned long v;
	if (s == NULL || *s == '\0' || *s == '-')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end != '\0' || v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

static int
release_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ReleaseWorkOrder rel = YOKE__RELEASE_WORK_ORDER__INIT;
	Yoke__Reply *rp;
	bool json = false;
	int rc;

	if (argc < 2 || argv[1][0] == '-' || argv[1][0] == '\0')
		return ctl_usage_why(&wo_release, _("which work order? Its number comes first"));
	rel.work_order = argv[1];
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--json") == 0) {
			json = true;
			continue;
		}
		if (strcmp(a, "--product") != 0 && strcmp(a, "--qty") != 0 && strcmp(a, "--due") != 0 &&
		    strcmp(a, "--priority") != 0 && strcmp(a, "--rev") != 0)
			return ctl_usage_why(&wo_release, _("unknown option %s"), a);
		if (v == NULL)
			return ctl_usage_why(&wo_release, _("%s needs a value"), a);
		if (strcmp(a, "--product") == 0)
			rel.product = (char *)v;
		else if (strcmp(a, "--qty") == 0) {
			if (!parse_uint(v, 100000, &rel.quantity) || rel.quantity == 0)
				return ctl_usage_why(&wo_release, _("--qty expects a whole number from 1 to "
				    "100000, got \"%s\""), v);
		} else if (strcmp(a, "--due") == 0)
			rel.due = (char *)v;
		else if (strcmp(a, "--priority") == 0) {
			if (!parse_uint(v, 9, &rel.priority) || rel.priority == 0)
				return ctl_usage_why(&wo_release, _("--priority expects 1 (most urgent) to 9, "
				    "got \"%s\""), v);
		} else
			rel.routing_rev = (char *)v;
		i++;
	}
	if (str_empty(rel.product) || rel.quantity == 0 || str_empty(rel.due))
		return ctl_usage_why(&wo_release, _("wo release needs --product, --qty and --due"));
	rq.body_case = YOKE__REQUEST__BODY_RELEASE;
	rq.release = &rel;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"work_order\":");
		json_string(stdout, rp->release->work_order);
		json_field(stdout, "routing_rev", rp->release->routing_rev);
		printf(",\"serials\":[");
		for (size_t i = 0; i < rp->release->n_serials; i++) {
			if (i)
				putchar(',');
			json_string(stdout, rp->release->serials[i]);
		}
		printf("]}\n");
	} else {
		printf("%s\n", rp->message);
		for (size_t i = 0; i < rp->release->n_serials; i++)
			printf("%s\n", rp->release->serials[i]);
	}
	client_reply_free(rp);
	return CTL_OK;
}
