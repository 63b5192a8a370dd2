/*
 * ncr.c — yokectl ncr: nonconformance reports.
 *
 *   ncr list [--state S] [--station S] [--defect CODE] [--wo WO] [--serial S] [--lot PART/LOT]
 *            [--since DATE] [--json]
 *   ncr show NUMBER [--json]
 *   ncr raise | disposition | close ...      (ncr_sign.c: the signed decisions)
 *
 * Every failure at a station opens an NCR (the server does it in the same
 * transaction); an inspector or lead may raise one by hand, on a unit or on
 * a component lot (PART/LOT). An NCR goes
 * open -> dispositioned -> closed, each change signed. This file reads
 * them; ncr_sign.c changes them.
 */
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/ncr.h"
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

static int list_exec(struct ctl *ctl, int argc, char **argv);
static int show_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option list_options[] = {
	{ "--state open|dispositioned|closed", N_("only NCRs in that state") },
	{ N_("--station STATION"), N_("only NCRs opened at that station") },
	{ N_("--defect CODE"), N_("only NCRs with that defect code") },
	{ "--wo WO", N_("only NCRs of units of that work order") },
	{ N_("--serial SERIAL"), N_("only the NCRs of that unit") },
	{ "--lot PART/LOT", N_("only the NCRs raised on that component lot") },
	{ "--since YYYY-MM-DD", N_("only NCRs opened on that day (UTC) or later") },
	{ "--json", N_("print JSON for scripts: every NCR in full") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl ncr list --state open", N_("the NCRs that wait for a disposition") },
	{ "yokectl ncr list --station REFLOW-1 --since 2026-11-01", N_("what went wrong at one "
	    "station this month") },
	{ "yokectl ncr list --defect BRIDGE --wo WO-1001 --json", N_("one defect in one work order, "
	    "for a script") },
	{ "yokectl ncr list --lot MCU-F407/LOT-2411-07", N_("the NCRs on one supplier's lot") },
	{ NULL, NULL },
};

static const struct ctl_cmd ncr_list = {
	.name = "list",
	.parent = &ctl_cmd_ncr,
	.group = CTL_GROUP_NC,
	.usage = N_("[--state S] [--station S] [--defect CODE] [--wo WO] [--serial S] "
	    "[--lot PART/LOT] [--since YYYY-MM-DD] [--json]"),
	.summary = N_("the NCRs, with filters"),
	.description = N_("Lists NCRs, newest first: number, state, when it was opened, the unit "
	    "(or, for a lot NCR, the lot as PART/LOT), operation and station, the defect code and the "
	    "disposition. The filters combine: each one given narrows the list."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};

static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example show_examples[] = {
	{ "yokectl ncr show NCR-000012", N_("everything NCR-000012 records") },
	{ "yokectl ncr show 12 --json", N_("the same (the number alone will do), as JSON") },
	{ NULL, NULL },
};

static const struct ctl_cmd ncr_show = {
	.name = "show",
	.parent = &ctl_cmd_ncr,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--json]"),
	.summary = N_("one NCR in full: the failure, the measurement, the components, the signatures"),
	.description = N_("Shows everything an NCR records: the unit (or the component lot of a "
	    "lot NCR), operation and step, what failed and the defect code, the measured value with its limits, who was at the station "
	    "and when, the components and lots in the unit at that time, the hold it placed, the "
	    "disposition, and every signature with its meaning, name and time."),
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};

static const struct ctl_cmd *const ncr_subs[] = { &ncr_list, &ncr_show, &ncr_raise,
	&ncr_disposition, &ncr_close, NULL };

const struct ctl_cmd ctl_cmd_ncr = {
	.name = "ncr",
	.group = CTL_GROUP_NC,
	.usage = N_("list | show NUMBER | raise SERIAL|--lot PART/LOT | disposition NUMBER KIND | "
	    "close NUMBER  [...]"),
	.summary = N_("nonconformance reports: list, show, raise, disposition, close"),
	.description = N_("Nonconformance reports (NCRs). Every failure at a station opens one and "
	    "holds the unit; an inspector or lead may raise one by hand, on a unit or on a component "
	    "lot (every unit built with the lot is held, and the lot is refused at the stations). An "
	    "NCR is open until its disposition (for a unit: rework, repair, scrap, or use as is by "
	    "the Material Review Board; for a lot: return to supplier, sort 100 %, scrap or use as "
	    "is) and closed afterwards; each change is signed with badge and PIN."),
	.subs = ncr_subs,
};

void
ncr_number(const char *s, char *buf, size_t size)
{
	uint64_t n;
	if (ctl_count(s, 999999999, &n))
		snprintf(buf, size, "NCR-%06llu", (unsigned long long)n);
	else
		snprintf(buf, size, "%s", s);
}

bool
ncr_lot_label(const char *s)
{
	const char *slash = strchr(s, '/');
	return slash && slash != s && slash[1] != '\0' && strchr(slash + 1, '/') == NULL;
}

bool
ncr_state_word(const char *s, Yoke__NcrState *state)
{
	static const Yoke__NcrState all[] = { YOKE__NCR_STATE__NCR_OPEN,
		YOKE__NCR_STATE__NCR_DISPOSITIONED, YOKE__NCR_STATE__NCR_CLOSED };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, nc_state_name(all[i])) == 0) {
			*state = all[i];
			return true;
		}
	return false;
}

void
ncr_reply_json(const Yoke__Reply *rp)
{
	printf("{\"ncrs\":[");
	for (size_t i = 0; i < rp->ncrs->n_ncrs; i++) {
		if (i)
			putchar(',');
		nc_ncr_json(stdout, rp->ncrs->ncrs[i]);
	}
	printf("]");
	json_field(stdout, "message", rp->message);
	printf("}\n");
}

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrQuery q = YOKE__NCR_QUERY__INIT;
	Yoke__Reply *rp;
	const char *state, *station, *defect, *wo, *serial, *lot, *since;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--state", .value = &state },
		{ .name = "--station", .value = &station },
		{ .name = "--defect", .value = &defect },
		{ .name = "--wo", .value = &wo },
		{ .name = "--serial", .value = &serial },
		{ .name = "--lot", .value = &lot },
		{ .name = "--since", .value = &since },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ncr_list, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (state && !ncr_state_word(state, &q.state))
		return ctl_usage_why(&ncr_list, _("--state expects open, dispositioned or closed, got "
		    "\"%s\""), state);
	if (since && !ctl_date_us(since, &q.since_us))
		return ctl_usage_why(&ncr_list, _("--since expects a date YYYY-MM-DD, got \"%s\""), since);
	q.station = (char *)(station ? station : "");
	q.defect = (char *)(defect ? defect : "");
	q.work_order = (char *)(wo ? wo : "");
	q.serial = (char *)(serial ? serial : "");
	if (lot && !ncr_lot_label(lot))
		return ctl_usage_why(&ncr_list, _("--lot expects PART/LOT, got \"%s\""), lot);
	q.lot = (char *)(lot ? lot : "");
	rq.body_case = YOKE__REQUEST__BODY_NCRS;
	rq.ncrs = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json)
		ncr_reply_json(rp);
	else if (rp->ncrs->n_ncrs == 0)
		printf("%s\n", _("No NCR matches."));
	else
		nc_ncrs_table(stdout, rp->ncrs->ncrs, rp->ncrs->n_ncrs);
	client_reply_free(rp);
	return CTL_OK;
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrQuery q = YOKE__NCR_QUERY__INIT;
	Yoke__Reply *rp;
	char *word, number[64];
	bool json;
	int rc;

	if ((rc = ctl_word_args(&ncr_show, argc, argv, &word, &json)) != CTL_OK)
		return rc;
	ncr_number(word, number, sizeof number);
	q.number = number;
	rq.body_case = YOKE__REQUEST__BODY_NCRS;
	rq.ncrs = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (rp->ncrs->n_ncrs == 0) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no NCR %s"), number);
	}
	if (json) {
		nc_ncr_json(stdout, rp->ncrs->ncrs[0]);
		putchar('\n');
	} else {
		nc_ncr_text(stdout, rp->ncrs->ncrs[0]);
	}
	client_reply_free(rp);
	return CTL_OK;
}
