/*
 * coq.c — yokectl coq: the cost of quality from the ledger and the event
 * log (server/coq/coq.h; docs/cost-of-quality.md).
 *
 *   coq --from YYYY-MM-DD --to YYYY-MM-DD [--by period|product|station|supplier|defect]
 *       [--period day|week|month] [--json|--csv]
 *   coq --compare FROM..TO FROM..TO [--json]
 *
 * Amounts arrive in minor units and are shown (and written in JSON) in
 * major units with two decimals. The production value is the good units
 * that completed their routing times the product's standard cost: there
 * are no sales in yoke, so the share is of that.
 */
#include "terminal/ctl/coq.h"
#include "shared/quality/coq_money.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

static int coq_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option coq_options[] = {
	{ N_("--from YYYY-MM-DD"), N_("the first day (UTC)") },
	{ N_("--to YYYY-MM-DD"), N_("the last day (UTC), included") },
	{ "--by period|product|station|supplier|defect", N_("how the rows are grouped (default "
	    "period)") },
	{ "--period day|week|month", N_("the length of a period (default day; weeks are ISO "
	    "weeks)") },
	{ N_("--compare FROM..TO FROM..TO"), N_("before and after: rework rates with their 95-percent "
	    "confidence interval, the product mix and the net change of the cost of quality") },
	{ "--json", N_("print JSON for scripts (amounts in major units)") },
	{ "--csv", N_("print the rows as CSV") },
	{ NULL, NULL },
};

static const struct ctl_example coq_examples[] = {
	{ "yokectl coq --from 2025-03-01 --to 2025-03-31", N_("March's cost of quality per day, "
	    "with the defect Pareto by cost") },
	{ "yokectl coq --from 2025-01-01 --to 2025-03-31 --by product --period month",
	    N_("per product, and FPY and rework rate per month") },
	{ "yokectl coq --compare 2025-01-01..2025-01-31 2025-03-01..2025-03-31",
	    N_("is the rework rate of March really lower than January's?") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_coq = {
	.name = "coq",
	.group = CTL_GROUP_NC,
	.usage = N_("--from YYYY-MM-DD --to YYYY-MM-DD [--by ...] [--period ...] [--json|--csv]"),
	.summary = N_("the cost of quality: prevention, appraisal, internal and external failure"),
	.description = N_("Adds up what quality cost from the ledger the server keeps and the "
	    "inspections in the event log, at the rates version in force at each event. Shows "
	    "the totals per category, the rows grouped as asked, the defect Pareto by cost next "
	    "to its count, the cost of quality as a share of the production value (good units "
	    "completed times the product's standard cost), and first-pass yield and rework rate "
	    "per period."),
	.options = coq_options,
	.examples = coq_examples,
	.exec = coq_exec,
};

int64_t
ctl_coq_row_total(const Yoke__CoqRow *r)
{
	return r->prevention + r->appraisal + r->internal_failure + r->external_failure;
}

int
ctl_coq_fetch(struct ctl *ctl, const char *from, const char *to, Yoke__CoqBy by,
    Yoke__CoqPeriod period, Yoke__Reply **out)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CoqQuery q = YOKE__COQ_QUERY__INIT;
	int rc;
	q.from = (char *)from;
	q.to = (char *)to;
	q.by = by;
	q.period = period;
	rq.body_case = YOKE__REQUEST__BODY_COQ;
	rq.coq = &q;
	if ((rc = ctl_request(ctl, &rq, out)) != CTL_OK)
		return rc;
	if ((*out)->body_case != YOKE__REPLY__BODY_COQ || (*out)->coq->total == NULL) {
		client_reply_free(*out);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer is not a cost of quality report"));
	}
	return CTL_OK;
}

static const char *by_names[] = { "period", "product", "station", "supplier", "defect" };
static const char *period_names[] = { "day", "week", "month" };

static double
ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

/* ---- JSON ---- */

static void
money_json(const char *key, int64_t v)
{
	char buf[32];
	printf(",\"%s\":%s", key, coq_money_text(v, buf, sizeof buf));
}

static void
row_json(const Yoke__CoqRow *r)
{
	printf("{\"key\":");
	json_string(stdout, r->key);
	money_json("prevention", r->prevention);
	money_json("appraisal", r->appraisal);
	money_json("internal_failure", r->internal_failure);
	money_json("external_failure", r->external_failure);
	money_json("total", ctl_coq_row_total(r));
	money_json("production_value", r->production_value);
	printf(",\"entries\":%u,\"started\":%u,\"reworked\":%u,\"rework_rate\":%.6f,"
	    "\"completed\":%u,\"first_pass\":%u,\"fpy\":%.6f,\"scrapped\":%u,\"failures\":%u,"
	    "\"op_starts\":%u,\"station_fpy\":%.6f}", r->entries, r->started, r->reworked,
	    ratio(r->reworked, r->started), r->completed, r->first_pass,
	    ratio(r->first_pass, r->completed), r->scrapped, r->failures, r->op_starts,
	    r->op_starts ? 1.0 - ratio(r->failures, r->op_starts) : 0.0);
}

static void
rows_json(const char *key, Yoke__CoqRow **rows, size_t n)
{
	printf(",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putchar(',');
		row_json(rows[i]);
	}
	putchar(']');
}

static void
report_json(const Yoke__CoqReport *r)
{
	const Yoke__CoqRow *t = r->total;
	printf("{\"currency\":");
	json_string(stdout, r->currency);
	json_field(stdout, "from", r->from);
	json_field(stdout, "to", r->to);
	json_field(stdout, "by", by_names[r->by < 5 ? r->by : 0]);
	json_field(stdout, "period", period_names[r->period < 3 ? r->period : 0]);
	printf(",\"categories\":{\"prevention\":");
	char buf[32];
	printf("%s", coq_money_text(t->prevention, buf, sizeof buf));
	money_json("appraisal", t->appraisal);
	money_json("internal_failure", t->internal_failure);
	money_json("external_failure", t->external_failure);
	putchar('}');
	money_json("total", ctl_coq_row_total(t));
	money_json("production_value", t->production_value);
	printf(",\"production_value_basis\":\"good units completed x product standard cost\"");
	printf(",\"coq_share\":%.6f", t->production_value ?
	    (double)ctl_coq_row_total(t) / (double)t->production_value : 0.0);
	printf(",\"started\":%u,\"reworked\":%u,\"rework_rate\":%.6f,\"completed\":%u,"
	    "\"first_pass\":%u,\"fpy\":%.6f,\"scrapped\":%u", t->started, t->reworked,
	    ratio(t->reworked, t->started), t->completed, t->first_pass,
	    ratio(t->first_pass, t->completed), t->scrapped);
	printf(",\"rates\":[");
	for (size_t i = 0; i < r->n_rates; i++) {
		if (i)
			putchar(',');
		json_string(stdout, r->rates[i]);
	}
	putchar(']');
	rows_json("rows", r->rows, r->n_rows);
	rows_json("periods", r->periods, r->n_periods);
	rows_json("products", r->products, r->n_products);
	rows_json("stations", r->stations, r->n_stations);
	printf(",\"pareto\":[");
	for (size_t i = 0; i < r->n_pareto; i++) {
		if (i)
			putchar(',');
		printf("{\"defect\":");
		json_string(stdout, r->pareto[i]->defect);
		money_json("amount", r->pareto[i]->amount);
		printf(",\"count\":%u,\"failures\":%u}", r->pareto[i]->count, r->pareto[i]->failures);
	}
	printf("],\"events\":%llu,\"truncated\":%s}\n", (unsigned long long)r->events,
	    r->truncated ? "true" : "false");
}

/* ---- CSV ---- */

static void
csv_field(const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL || (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@');
	if (!quote) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')
		putchar('\'');     /* a spreadsheet does not run it as a formula */
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void
report_csv(const Yoke__CoqReport *r)
{
	char a[32], b[32], c[32], d[32], e[32], f[32];
	printf("%s,prevention,appraisal,internal_failure,external_failure,total,production_value,"
	    "started,reworked,completed,first_pass,scrapped,currency\n", by_names[r->by < 5 ? r->by : 0]);
	for (size_t i = 0; i <= r->n_rows; i++) {
		const Yoke__CoqRow *x = i < r->n_rows ? r->rows[i] : r->total;
		csv_field(x->key);
		printf(",%s,%s,%s,%s,%s,%s,%u,%u,%u,%u,%u,%s\n",
		    coq_money_text(x->prevention, a, sizeof a),
		    coq_money_text(x->appraisal, b, sizeof b),
		    coq_money_text(x->internal_failure, c, sizeof c),
		    coq_money_text(x->external_failure, d, sizeof d),
		    coq_money_text(ctl_coq_row_total(x), e, sizeof e),
		    coq_money_text(x->production_value, f, sizeof f), x->started, x->reworked,
		    x->completed, x->first_pass, x->scrapped, r->currency);
	}
}

/* ---- text ---- */

static void
report_text(const Yoke__CoqReport *r)
{
	const Yoke__CoqRow *t = r->total;
	char a[32], b[32], c[32], d[32], e[32];
	printf(_("Cost of quality %s to %s, in %s (rates"), r->from, r->to,
	    str_empty(r->currency) ? "-" : r->currency);
	for (size_t i = 0; i < r->n_rates; i++)
		printf(" %s", r->rates[i]);
	printf(r->n_rates ? ")\n" : " -)\n");
	printf("%-20s %13s %13s %13s %13s %13s\n", by_names[r->by < 5 ? r->by : 0], _("prevention"),
	    _("appraisal"), _("internal"), _("external"), _("total"));
	for (size_t i = 0; i <= r->n_rows; i++) {
		const Yoke__CoqRow *x = i < r->n_rows ? r->rows[i] : t;
		printf("%-20.20s %13s %13s %13s %13s %13s\n", i < r->n_rows ? (str_empty(x->key) ? "-" :
		    x->key) : _("total"), coq_money_text(x->prevention, a, sizeof a),
		    coq_money_text(x->appraisal, b, sizeof b),
		    coq_money_text(x->internal_failure, c, sizeof c),
		    coq_money_text(x->external_failure, d, sizeof d),
		    coq_money_text(ctl_coq_row_total(x), e, sizeof e));
	}
	printf(_("Production value %s (%u good units completed x the product's standard cost); "
	    "cost of quality %.1f %% of it\n"), coq_money_text(t->production_value, a, sizeof a),
	    t->completed, 100.0 * ratio((uint64_t)(ctl_coq_row_total(t) < 0 ? 0 :
	    ctl_coq_row_total(t)), (uint64_t)(t->production_value < 0 ? 0 : t->production_value)));
	printf("\n%-12s %8s %8s %8s %9s %10s %7s\n", _("period"), _("started"), _("reworked"),
	    _("rework"), _("completed"), _("first pass"), _("FPY"));
	for (size_t i = 0; i < r->n_periods; i++) {
		const Yoke__CoqRow *x = r->periods[i];
		printf("%-12s %8u %8u %7.1f%% %9u %10u %6.1f%%\n", x->key, x->started, x->reworked,
		    100 * ratio(x->reworked, x->started), x->completed, x->first_pass,
		    100 * ratio(x->first_pass, x->completed));
	}
	printf("\n%s\n", _("Defect Pareto by cost (count of costed failures, failed steps)"));
	for (size_t i = 0; i < r->n_pareto; i++)
		printf("%-16.16s %13s %6u %6u\n", str_empty(r->pareto[i]->defect) ? "-" :
		    r->pareto[i]->defect, coq_money_text(r->pareto[i]->amount, a, sizeof a),
		    r->pareto[i]->count, r->pareto[i]->failures);
	if (r->truncated)
		printf("%s\n", _("(more groups than one reply holds: the total counts them all)"));
}

/* ---- before and after ---- */

static bool
range(const char *s, char *from, char *to)
{
	const char *dots = strstr(s, "..");
	int32_t d;
	if (dots == NULL || dots - s != 10 || strlen(dots + 2) != 10)
		return false;
	memcpy(from, s, 10);
	from[10] = '\0';
	strcpy(to, dots + 2);
	return coq_day_read(from, &d) && coq_day_read(to, &d);
}

/* The product mix differs when any product's share moves by 5 points or more. */
#define MIX_WARN 0.05

static double
share(const Yoke__CoqReport *r, const char *product)
{
	for (size_t i = 0; i < r->n_products; i++)
		if (strcmp(r->products[i]->key, product) == 0)
			return ratio(r->products[i]->started, r->total->started);
	return 0;
}

static bool
mix_differs(const Yoke__CoqReport *a, const Yoke__CoqReport *b)
{
	for (size_t i = 0; i < a->n_products; i++) {
		double x = share(a, a->products[i]->key) - share(b, a->products[i]->key);
		if (x >= MIX_WARN || x <= -MIX_WARN)
			return true;
	}
	for (size_t i = 0; i < b->n_products; i++) {
		double x = share(a, b->products[i]->key) - share(b, b->products[i]->key);
		if (x >= MIX_WARN || x <= -MIX_WARN)
			return true;
	}
	return false;
}

static void
mix_json(const Yoke__CoqReport *r)
{
	printf(",\"mix\":{");
	for (size_t i = 0, k = 0; i < r->n_products; i++) {
		if (str_empty(r->products[i]->key) || r->products[i]->started == 0)
			continue;
		if (k++)
			putchar(',');
		json_string(stdout, r->products[i]->key);
		printf(":%.6f", share(r, r->products[i]->key));
	}
	putchar('}');
}

static int
compare(struct ctl *ctl, const char *r1, const char *r2, bool json)
{
	char f1[16], t1[16], f2[16], t2[16], a[32], b[32], d[32];
	Yoke__Reply *x, *y;
	struct coq_two_prop tp;
	int rc;
	if (!range(r1, f1, t1) || !range(r2, f2, t2))
		return ctl_usage_why(&ctl_cmd_coq, _("--compare: expected two ranges "
		    "YYYY-MM-DD..YYYY-MM-DD, got \"%s\" and \"%s\""), r1, r2);
	if ((rc = ctl_coq_fetch(ctl, f1, t1, YOKE__COQ_BY__COQ_BY_PRODUCT, YOKE__COQ_PERIOD__COQ_MONTH,
	    &x)) != CTL_OK)
		return rc;
	if ((rc = ctl_coq_fetch(ctl, f2, t2, YOKE__COQ_BY__COQ_BY_PRODUCT, YOKE__COQ_PERIOD__COQ_MONTH,
	    &y)) != CTL_OK) {
		client_reply_free(x);
		return rc;
	}
	const Yoke__CoqReport *p = x->coq, *q = y->coq;
	bool ok = coq_two_prop(p->total->reworked, p->total->started, q->total->reworked,
	    q->total->started, &tp);
	bool mix = mix_differs(p, q);
	int64_t net = ctl_coq_row_total(q->total) - ctl_coq_row_total(p->total);
	if (json) {
		printf("{\"currency\":");
		json_string(stdout, q->currency);
		printf(",\"before\":{\"from\":\"%s\",\"to\":\"%s\",\"started\":%u,\"reworked\":%u,"
		    "\"rework_rate\":%.6f", f1, t1, p->total->started, p->total->reworked,
		    ratio(p->total->reworked, p->total->started));
		money_json("coq", ctl_coq_row_total(p->total));
		mix_json(p);
		printf("},\"after\":{\"from\":\"%s\",\"to\":\"%s\",\"started\":%u,\"reworked\":%u,"
		    "\"rework_rate\":%.6f", f2, t2, q->total->started, q->total->reworked,
		    ratio(q->total->reworked, q->total->started));
		money_json("coq", ctl_coq_row_total(q->total));
		mix_json(q);
		putchar('}');
		if (ok)
			printf(",\"difference\":%.6f,\"ci95\":[%.6f,%.6f],\"significant\":%s",
			    tp.diff, tp.lo, tp.hi, tp.significant ? "true" : "false");
		else
			printf(",\"difference\":null,\"ci95\":null,\"significant\":false");
		printf(",\"method\":\"Newcombe hybrid score (Wilson), 95 %%\",\"mix_differs\":%s",
		    mix ? "true" : "false");
		money_json("net_coq_change", net);
		printf("}\n");
	} else {
		printf(_("Rework rate = units that entered rework or repair / units started (each unit "
		    "once)\n"));
		printf(_("before %s..%s: %u / %u = %.2f %%\n"), f1, t1, p->total->reworked,
		    p->total->started, 100 * ratio(p->total->reworked, p->total->started));
		printf(_("after  %s..%s: %u / %u = %.2f %%\n"), f2, t2, q->total->reworked,
		    q->total->started, 100 * ratio(q->total->reworked, q->total->started));
		if (ok) {
			printf(_("difference %+.2f points, 95 %% confidence interval %+.2f to %+.2f "
			    "(Newcombe hybrid score): %s\n"), 100 * tp.diff, 100 * tp.lo, 100 * tp.hi,
			    tp.significant ? _("significant") : _("not significant: the interval holds 0"));
		} else {
			printf("%s\n", _("no confidence interval: a period started no units"));
		}
		printf("%s\n", _("Product mix (share of units started):"));
		for (size_t i = 0; i < p->n_products; i++)
			if (!str_empty(p->products[i]->key))
				printf("  %-20s %6.1f %% %6.1f %%\n", p->products[i]->key,
				    100 * share(p, p->products[i]->key), 100 * share(q, p->products[i]->key));
		for (size_t i = 0; i < q->n_products; i++)
			if (!str_empty(q->products[i]->key) && share(p, q->products[i]->key) == 0)
				printf("  %-20s %6.1f %% %6.1f %%\n", q->products[i]->key, 0.0,
				    100 * share(q, q->products[i]->key));
		if (mix)
			printf("%s\n", _("Warning: the product mix differs (a share moved by 5 points or "
			    "more): compare per product before crediting a change"));
		printf(_("Cost of quality %s -> %s %s: net change %s\n"),
		    coq_money_text(ctl_coq_row_total(p->total), a, sizeof a),
		    coq_money_text(ctl_coq_row_total(q->total), b, sizeof b), q->currency,
		    coq_money_text(net, d, sizeof d));
	}
	client_reply_free(x);
	client_reply_free(y);
	return CTL_OK;
}

static int
word_index(const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static int
coq_exec(struct ctl *ctl, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *by = NULL, *period = NULL, *cmp[2];
	const char *words[1];
	bool json = false, csv = false;
	size_t ncmp = 0, nw;
	Yoke__Reply *rp;
	int b = 0, p = 0, rc;
	int32_t day;
	const struct ctl_opt opts[] = {
		{ .name = "--from", .value = &from }, { .name = "--to", .value = &to },
		{ .name = "--by", .value = &by }, { .name = "--period", .value = &period },
		{ .name = "--compare", .many = cmp, .n_many = &ncmp, .max = 1 },
		{ .name = "--json", .flag = &json }, { .name = "--csv", .flag = &csv },
		{ .name = NULL },
	};
	if ((rc = ctl_parse(&ctl_cmd_coq, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (json && csv)
		return ctl_usage_why(&ctl_cmd_coq, _("--json and --csv: give one of them"));
	if (ncmp) {
		if (nw != 1)
			return ctl_usage_why(&ctl_cmd_coq, _("--compare takes two ranges: "
			    "--compare FROM..TO FROM..TO"));
		return compare(ctl, cmp[0], words[0], json);
	}
	if (nw)
		return ctl_usage_why(&ctl_cmd_coq, _("unexpected \"%s\""), words[0]);
	if (from == NULL || to == NULL || !coq_day_read(from, &day) || !coq_day_read(to, &day))
		return ctl_usage_why(&ctl_cmd_coq, _("--from and --to are needed, as dates YYYY-MM-DD"));
	if (by && (b = word_index(by, by_names, 5)) < 0)
		return ctl_usage_why(&ctl_cmd_coq, _("--by: expected period, product, station, supplier "
		    "or defect, got \"%s\""), by);
	if (period && (p = word_index(period, period_names, 3)) < 0)
		return ctl_usage_why(&ctl_cmd_coq, _("--period: expected day, week or month, got "
		    "\"%s\""), period);
	if ((rc = ctl_coq_fetch(ctl, from, to, (Yoke__CoqBy)b, (Yoke__CoqPeriod)p, &rp)) != CTL_OK)
		return rc;
	if (json)
		report_json(rp->coq);
	else if (csv)
		report_csv(rp->coq);
	else
		report_text(rp->coq);
	client_reply_free(rp);
	return CTL_OK;
}
