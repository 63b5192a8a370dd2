/*
 * defects.c — yokectl defects: the defect codes, and where defects come from.
 *
 *   defects [list] [--json]                                     the codes of the definitions
 *   defects pareto --by code|station|operator|part|supplier --since YYYY-MM-DD [--json]
 *
 * The Pareto counts the NCRs opened since the date (NcrQuery.since_us), by
 * the key asked for, most frequent first (pareto.h draws it). An NCR has
 * no supplier yet (suppliers and incoming inspection come later), so
 * --by supplier is refused with that reason rather than answered with
 * made-up data. The server lists at most the newest NCR_REPLY_MAX NCRs;
 * when an answer is that long the output says the count may be partial.
 */
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/pareto.h"
#include "terminal/ctl/table.h"
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_defects;
static int list_exec(struct ctl *ctl, int argc, char **argv);
static int pareto_exec(struct ctl *ctl, int argc, char **argv);

/* The width the bars are drawn for: a terminal of 80 columns. */
#define PARETO_WIDTH 80
/* The most NCRs one answer lists (server/quality/req-ncrs.c, NCRS_MAX: the
 * newest that many). NcrReply.matched says how many matched; when more
 * matched than were listed, the Pareto says it counts only those, rather
 * than pass a part for the whole. */
#define NCR_REPLY_MAX 5000

static const struct ctl_option list_options[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl defects", N_("every defect code: its category, usual location and text") },
	{ "yokectl defects list --json", N_("the same as JSON") },
	{ NULL, NULL },
};

static const struct ctl_cmd defects_list = {
	.name = "list",
	.parent = &ctl_cmd_defects,
	.group = CTL_GROUP_NC,
	.usage = "[--json]",
	.summary = N_("the defect codes: code, category, location, text"),
	.description = N_("Lists the defect codes of the definitions (defect lines of the definition "
	    "files): the code a failure is recorded with, its category (man, machine, material, "
	    "method, measurement, environment), the usual location on the unit, and its text."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};

static const struct ctl_option pareto_options[] = {
	{ "--by code|station|operator|part|supplier", N_("what to count the NCRs by: the defect "
	    "code, the station, the operator at the failure, the product; supplier is not "
	    "recorded yet (required)") },
	{ "--since YYYY-MM-DD", N_("count the NCRs opened on that day (UTC) or later (required)") },
	{ "--json", N_("print JSON for scripts: every key with its count and shares") },
	{ NULL, NULL },
};

static const struct ctl_example pareto_examples[] = {
	{ "yokectl defects pareto --by code --since 2026-11-01", N_("which defects occur most since "
	    "November 1") },
	{ "yokectl defects pareto --by station --since 2026-11-01 --json", N_("the NCRs per station, "
	    "for a script") },
	{ NULL, NULL },
};

static const struct ctl_cmd defects_pareto = {
	.name = "pareto",
	.parent = &ctl_cmd_defects,
	.group = CTL_GROUP_NC,
	.usage = "--by code|station|operator|part|supplier --since YYYY-MM-DD [--json]",
	.summary = N_("the NCRs since a date counted by defect code, station, operator or part, "
	    "most first"),
	.description = N_("Counts the NCRs opened since the date by defect code, station, operator or "
	    "part (the unit's product), most frequent first, with each one's share and the "
	    "cumulative share, and draws them as bars: the few causes of most defects are at the "
	    "top. NCRs record no supplier yet, so --by supplier says so and counts nothing."),
	.options = pareto_options,
	.examples = pareto_examples,
	.exec = pareto_exec,
};

static const struct ctl_cmd *const defects_subs[] = { &defects_list, &defects_pareto, NULL };

const struct ctl_cmd ctl_cmd_defects = {
	.name = "defects",
	.group = CTL_GROUP_NC,
	.usage = N_("[list] [--json] | pareto --by KEY --since YYYY-MM-DD [--json]"),
	.summary = N_("the defect codes (as defects list); defects pareto counts the defects"),
	.description = N_("The defect codes of the definitions, and the Pareto of the defects "
	    "recorded in NCRs."),
	.options = list_options,
	.examples = list_examples,
	.subs = defects_subs,
	.exec = list_exec,
};

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__DefectsQuery q = YOKE__DEFECTS_QUERY__INIT;
	Yoke__Reply *rp;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	/* `defects` and `defects list` are the same command. */
	const struct ctl_cmd *cmd = strcmp(argv[0], "list") == 0 ? &defects_list : &ctl_cmd_defects;

	if ((rc = ctl_parse(cmd, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	rq.body_case = YOKE__REQUEST__BODY_DEFECTS;
	rq.defects = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"defects\":[");
		for (size_t i = 0; i < rp->defects->n_defects; i++) {
			const Yoke__DefectCode *d = rp->defects->defects[i];
			printf("%s{\"code\":", i ? "," : "");
			json_string(stdout, d->code);
			json_field(stdout, "category", nc_category_name(d->category));
			json_field(stdout, "location", d->location);
			json_field(stdout, "text", d->text);
			printf("}");
		}
		printf("]}\n");
	} else if (rp->defects->n_defects == 0) {
		printf("%s\n", _("The definitions have no defect codes (defect lines; yoke-defs(5))."));
	} else {
		struct table *t = table_new(4);
		table_column(t, 0, _("DEFECT CODE"), 0);
		table_column(t, 1, _("CATEGORY"), 0);
		table_column(t, 2, _("LOCATION"), 0);
		table_column(t, 3, _("TEXT"), 0);
		for (size_t i = 0; i < rp->defects->n_defects; i++) {
			const Yoke__DefectCode *d = rp->defects->defects[i];
			table_row(t, (const char *const[]){ d->code, nc_category_text(d->category),
			    d->location, d->text });
		}
		table_print(t, stdout);
		table_free(t);
	}
	client_reply_free(rp);
	return CTL_OK;
}

/* What an NCR is counted by. */
enum pareto_by { BY_CODE, BY_STATION, BY_OPERATOR, BY_PART, BY_SUPPLIER, BY_COUNT };

static const char *const by_words[BY_COUNT] = { "code", "station", "operator", "part", "supplier" };

static const char *
by_heading(enum pareto_by by)
{
	switch (by) {
	case BY_CODE: return _("DEFECT");
	case BY_STATION: return _("STATION");
	case BY_OPERATOR: return _("OPERATOR");
	default: return _("PART");
	}
}

static void
count_ncr(struct pareto *p, enum pareto_by by, const Yoke__Ncr *n)
{
	switch (by) {
	case BY_CODE:
		if (str_empty(n->defect))
			pareto_add(p, "-", _("no defect code"));
		else
			pareto_add(p, n->defect, n->defect_text);
		break;
	case BY_STATION:
		pareto_add(p, str_empty(n->station) ? "-" : n->station,
		    str_empty(n->station) ? _("raised by hand") : "");
		break;
	case BY_OPERATOR:
		pareto_add(p, n->badge, n->operator_name);
		break;
	default:
		pareto_add(p, n->product, "");
		break;
	}
}

static int
pareto_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrQuery q = YOKE__NCR_QUERY__INIT;
	Yoke__Reply *rp;
	struct pareto p = { 0 };
	const char *by_word, *since;
	int by = 0;
	bool json, partial;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--by", .value = &by_word },
		{ .name = "--since", .value = &since },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&defects_pareto, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (by_word == NULL)
		return ctl_usage_why(&defects_pareto, _("count by what? Give --by code, station, "
		    "operator, part or supplier"));
	while (by < BY_COUNT && strcmp(by_words[by], by_word) != 0)
		by++;
	if (by == BY_COUNT)
		return ctl_usage_why(&defects_pareto, _("--by expects code, station, operator, part or "
		    "supplier, got \"%s\""), by_word);
	if (since == NULL)
		return ctl_usage_why(&defects_pareto, _("since when? Give --since YYYY-MM-DD"));
	if (!ctl_date_us(since, &q.since_us))
		return ctl_usage_why(&defects_pareto, _("--since expects a date YYYY-MM-DD, got \"%s\""),
		    since);
	if (by == BY_SUPPLIER)
		return ctl_fail(CTL_ST_REFUSED, _("no Pareto by supplier: yoke does not record suppliers "
		    "yet, so an NCR names none. Count by part or by code instead."));
	rq.body_case = YOKE__REQUEST__BODY_NCRS;
	rq.ncrs = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	for (size_t i = 0; i < rp->ncrs->n_ncrs; i++)
		count_ncr(&p, (enum pareto_by)by, rp->ncrs->ncrs[i]);
	pareto_finish(&p);
	partial = rp->ncrs->matched > rp->ncrs->n_ncrs;
	if (partial) {
		/* The oldest listed is the last: older ones may be missing. */
		char from[32];
		format_time_us(rp->ncrs->ncrs[rp->ncrs->n_ncrs - 1]->opened_us, from, sizeof from);
		ctl_warn(_("the server lists at most the newest %d NCRs, and sent that many: this Pareto "
		    "counts the NCRs opened from %s UTC on, and may miss older ones since %s (%s). "
		    "Give a later --since."), NCR_REPLY_MAX, from, since, rp->message);
	}
	if (json) {
		printf("{\"by\":\"%s\",\"since\":", by_words[by]);
		json_string(stdout, since);
		printf(",\"since_us\":%lld,\"total\":%u,\"complete\":%s,\"rows\":",
		    (long long)q.since_us, p.total, partial ? "false" : "true");
		pareto_json(&p, stdout);
		printf("}\n");
	} else if (p.total == 0) {
		printf(_("No NCR since %s.\n"), since);
	} else {
		printf(P_("%u NCR since %s (UTC):\n", "%u NCRs since %s (UTC):\n", p.total), p.total,
		    since);
		pareto_print(&p, stdout, PARETO_WIDTH, by_heading((enum pareto_by)by));
	}
	pareto_free(&p);
	client_reply_free(rp);
	return CTL_OK;
}
