/*
 * supplier.c — yokectl supplier: how suppliers deliver.
 *
 *   supplier scorecard [--supplier S] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 *                      [--period month|week] [--json]
 *
 * The server computes the scorecard (server/material/supplier.h); this
 * prints it: one row per supplier and period with deliveries.
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_supplier;

static int scorecard_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option scorecard_options[] = {
	{ N_("--supplier CODE"), N_("only this supplier") },
	{ "--from YYYY-MM-DD", N_("lots received on that day (UTC) or later") },
	{ "--to YYYY-MM-DD", N_("lots received up to that day (UTC), inclusive") },
	{ "--period month|week", N_("one row per month (default) or per ISO week") },
	{ "--json", N_("print JSON for scripts: every row with its counts") },
	{ NULL, NULL },
};

static const struct ctl_example scorecard_examples[] = {
	{ "yokectl supplier scorecard", N_("every supplier, month by month") },
	{ "yokectl supplier scorecard --supplier ACME --from 2026-01-01 --period week",
	    N_("one supplier, week by week, this year") },
	{ "yokectl supplier scorecard --json", N_("the same as JSON, for a report") },
	{ NULL, NULL },
};

static const struct ctl_cmd supplier_scorecard = {
	.name = "scorecard",
	.parent = &ctl_cmd_supplier,
	.group = CTL_GROUP_NC,
	.usage = N_("[--supplier CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--period month|week] "
	    "[--json]"),
	.summary = N_("per supplier and period: lots, IQC acceptance, PPM, on-time delivery, returns"),
	.description = N_("The supplier scorecard, one row per supplier and period in which it "
	    "delivered, all about the lots received in that period: how many; how many incoming "
	    "inspection accepted of those it decided; the PPM of in-process defects of category "
	    "material on the units built with them (NCRs per million units); how many arrived by "
	    "their purchase order's due date, of those that had one; and how many lots went back "
	    "to the supplier (lot NCRs dispositioned return to supplier)."),
	.options = scorecard_options,
	.examples = scorecard_examples,
	.exec = scorecard_exec,
};

static const struct ctl_cmd *const supplier_subs[] = { &supplier_scorecard, NULL };

const struct ctl_cmd ctl_cmd_supplier = {
	.name = "supplier",
	.group = CTL_GROUP_NC,
	.usage = N_("scorecard [--supplier CODE] [--period month|week] [...]"),
	.summary = N_("suppliers: the scorecard of their deliveries"),
	.description = N_("How suppliers deliver, from the lots received and the NCRs on them. "
	    "Corrective action requests to a supplier are yokectl scar."),
	.subs = supplier_subs,
};

/* "3/4 75.0 %", or "-" when there is nothing to rate. */
static char *
rate(unsigned part, unsigned whole)
{
	if (whole == 0)
		return xstrdup("-");
	return xasprintf("%u/%u %.1f %%", part, whole, 100.0 * part / whole);
}

static void
json_rate(const char *key, unsigned part, unsigned whole)
{
	if (whole == 0)
		printf(",\"%s\":null", key);
	else
		printf(",\"%s\":%.4f", key, (double)part / whole);
}

static void
print_json(const Yoke__ScorecardReply *sr, const char *message)
{
	printf("{\"rows\":[");
	for (size_t i = 0; i < sr->n_rows; i++) {
		const Yoke__ScorecardRow *r = sr->rows[i];
		printf("%s{\"supplier\":", i ? "," : "");
		json_string(stdout, r->supplier);
		json_field(stdout, "period", r->period);
		printf(",\"lots\":%u,\"iqc_accepted\":%u,\"iqc_rejected\":%u", r->lots, r->iqc_accepted,
		    r->iqc_rejected);
		json_rate("iqc_acceptance", r->iqc_accepted, r->iqc_accepted + r->iqc_rejected);
		printf(",\"units_built\":%u,\"material_ncrs\":%u,\"ppm\":%.1f", r->units_built,
		    r->material_ncrs, r->ppm);
		printf(",\"with_due_date\":%u,\"on_time\":%u", r->with_due_date, r->on_time);
		json_rate("on_time_rate", r->on_time, r->with_due_date);
		printf(",\"returns\":%u}", r->returns);
	}
	printf("],\"lots_read\":%u,\"ncrs_read\":%u,\"cut\":%s", sr->lots_read, sr->ncrs_read,
	    sr->cut ? "true" : "false");
	json_field(stdout, "message", message);
	printf("}\n");
}

static void
print_text(const Yoke__ScorecardReply *sr, const char *message)
{
	if (sr->n_rows == 0) {
		printf("%s\n", message);
		return;
	}
	struct table *t = table_new(7);
	table_column(t, 0, _("SUPPLIER"), 0);
	table_column(t, 1, _("PERIOD"), 0);
	table_column(t, 2, _("LOTS"), 0);
	table_column(t, 3, _("IQC ACCEPTED"), 0);
	table_column(t, 4, _("PPM (UNITS)"), 0);
	table_column(t, 5, _("ON TIME"), 0);
	table_column(t, 6, _("RETURNS"), 0);
	for (size_t i = 0; i < sr->n_rows; i++) {
		const Yoke__ScorecardRow *r = sr->rows[i];
		char lots[16], returns[16];
		char *iqc = rate(r->iqc_accepted, r->iqc_accepted + r->iqc_rejected);
		char *ppm = r->units_built ? xasprintf("%.0f (%u)", r->ppm, r->units_built) :
		    xstrdup("-");
		char *on_time = rate(r->on_time, r->with_due_date);
		snprintf(lots, sizeof lots, "%u", r->lots);
		snprintf(returns, sizeof returns, "%u", r->returns);
		const char *cells[7] = { r->supplier, r->period, lots, iqc, ppm, on_time, returns };
		table_row(t, cells);
		free(iqc);
		free(ppm);
		free(on_time);
	}
	table_print(t, stdout);
	table_free(t);
	if (sr->cut)
		printf("%s\n", message);
}

static int
scorecard_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScorecardQuery q = YOKE__SCORECARD_QUERY__INIT;
	Yoke__Reply *rp;
	const char *supplier, *from, *to, *period;
	int64_t us;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--supplier", .value = &supplier },
		{ .name = "--from", .value = &from },
		{ .name = "--to", .value = &to },
		{ .name = "--period", .value = &period },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	const struct ctl_cmd *cmd = &supplier_scorecard;

	if ((rc = ctl_parse(cmd, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (from && !ctl_date_us(from, &us))
		return ctl_usage_why(cmd, _("--from expects a date YYYY-MM-DD, got \"%s\""), from);
	if (to && !ctl_date_us(to, &us))
		return ctl_usage_why(cmd, _("--to expects a date YYYY-MM-DD, got \"%s\""), to);
	if (period && strcmp(period, "month") == 0)
		q.period = YOKE__SCORECARD_PERIOD__SCORECARD_MONTH;
	else if (period && strcmp(period, "week") == 0)
		q.period = YOKE__SCORECARD_PERIOD__SCORECARD_WEEK;
	else if (period)
		return ctl_usage_why(cmd, _("--period expects month or week, got \"%s\""), period);
	q.supplier = (char *)(supplier ? supplier : "");
	q.from = (char *)(from ? from : "");
	q.to = (char *)(to ? to : "");
	rq.body_case = YOKE__REQUEST__BODY_SCORECARD;
	rq.scorecard = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json)
		print_json(rp->scorecard, rp->message);
	else
		print_text(rp->scorecard, rp->message);
	client_reply_free(rp);
	return CTL_OK;
}
