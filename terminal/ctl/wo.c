/*
 * ctl-wo.c — yokectl wo release: release a work order, creating its units.
 *
 *   yokectl wo release WO --product P --qty N --due YYYY-MM-DD [--priority 1-9] [--rev R] [--json]
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int wo_exec(struct ctl *ctl, int argc, char **argv);

const struct ctl_cmd ctl_cmd_wo = {
	"wo", "release WO --product P --qty N --due YYYY-MM-DD [--priority 1-9] [--rev R] [--json]",
	"release a work order: creates its unit serials WO-0001... queued at the first operation",
	wo_exec,
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
wo_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ReleaseWorkOrder rel = YOKE__RELEASE_WORK_ORDER__INIT;
	Yoke__Reply *rp;
	bool json = false;
	int rc;

	if (argc < 3 || strcmp(argv[1], "release") != 0)
		return ctl_usage(&ctl_cmd_wo);
	rel.work_order = argv[2];
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--json") == 0) {
			json = true;
			continue;
		}
		if (v == NULL)
			return ctl_usage(&ctl_cmd_wo);
		if (strcmp(a, "--product") == 0)
			rel.product = (char *)v;
		else if (strcmp(a, "--qty") == 0) {
			if (!parse_uint(v, 100000, &rel.quantity)) {
				fprintf(stderr, "yokectl: --qty expects a whole number, got \"%s\"\n", v);
				return CTL_USAGE;
			}
		} else if (strcmp(a, "--due") == 0)
			rel.due = (char *)v;
		else if (strcmp(a, "--priority") == 0) {
			if (!parse_uint(v, 9, &rel.priority) || rel.priority == 0) {
				fprintf(stderr, "yokectl: --priority expects 1 (most urgent) to 9, got \"%s\"\n", v);
				return CTL_USAGE;
			}
		} else if (strcmp(a, "--rev") == 0)
			rel.routing_rev = (char *)v;
		else
			return ctl_usage(&ctl_cmd_wo);
		i++;
	}
	if (str_empty(rel.product) || rel.quantity == 0 || str_empty(rel.due)) {
		fprintf(stderr, "yokectl: wo release needs --product, --qty and --due\n");
		return ctl_usage(&ctl_cmd_wo);
	}
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
