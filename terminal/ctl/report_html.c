/*
 * report_html.c — yokectl's HTML report of a period:
 *
 *   report --html FILE --from YYYY-MM-DD --to YYYY-MM-DD [--period day|week|month]
 *          [--lang en|zh_CN] [--plant NAME] [--json]
 *
 * One self-contained page (report_html.h): the cost of quality by
 * category and per period, the defect Pareto by cost and by count,
 * first-pass yield per station and the SPC charts of the period. The page
 * is written next to FILE and renamed over it when complete, so a reader
 * never opens half a report.
 *
 * ctl_report_html takes the arguments of `yokectl report --html FILE ...`
 * as they are (argv[0] the command's name, --html FILE among the options)
 * and the same with FILE as a plain word.
 */
#include "terminal/ctl/report_html.h"
#include "shared/quality/coq_money.h"
#include "shared/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct ctl_option options[] = {
	{ N_("--html FILE"), N_("the page to write (or FILE as the last word)") },
	{ N_("--from YYYY-MM-DD"), N_("the first day (UTC)") },
	{ N_("--to YYYY-MM-DD"), N_("the last day (UTC), included") },
	{ "--period day|week|month", N_("the length of a period of the trend (default day; weeks "
	    "are ISO weeks)") },
	{ "--lang en|zh_CN", N_("the language of the page (default: yokectl's)") },
	{ N_("--plant NAME"), N_("the plant's name in the header (default: the server's address)") },
	{ "--json", N_("print what was written as JSON") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl report --from 2025-03-01 --to 2025-03-31 --html march.html",
	  N_("March's report, per day") },
	{ "yokectl report --from 2025-01-01 --to 2025-03-31 --period month --lang zh_CN "
	  "--plant \"Suzhou 2\" --html q1.html", N_("the first quarter per month, in Chinese") },
	{ NULL, NULL },
};

/* Not in the command table: `yokectl report ... --html FILE` comes here
 * (work_report.c); its words and usage errors name `report`. */
static const struct ctl_cmd ctl_cmd_report_html = {
	.name = "report",
	.group = CTL_GROUP_NC,
	.usage = N_("--from YYYY-MM-DD --to YYYY-MM-DD [--period ...] [--lang ...] --html FILE"),
	.summary = N_("one HTML page of the period: cost of quality, Pareto, FPY, SPC charts"),
	.description = N_("Writes one self-contained HTML page (CSS and SVG charts inline, no "
	    "script, nothing fetched from elsewhere, prints on A4) with the cost of quality by "
	    "category and its share of the production value, its trend per period, the defect "
	    "Pareto by cost and by count of NCRs, first-pass yield per station, and the control "
	    "chart of every SPC characteristic at every station that measured it in the period, "
	    "with its limits, specification limits and the points out of control."),
	.options = options,
	.examples = examples,
	.exec = ctl_report_html,
};

static const char *const period_names[] = { "day", "week", "month" };

static int
write_file(const char *file, const struct report_data *d, const struct report_meta *m)
{
	char *tmp = xasprintf("%s.%ld.tmp", file, (long)getpid());
	FILE *f = fopen(tmp, "w");
	int e;

	if (f == NULL) {
		e = errno;
		free(tmp);
		return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), file, strerror(e));
	}
	bool ok = report_write_page(f, d, m);
	e = errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (ok && rename(tmp, file) != 0) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(tmp);
		free(tmp);
		return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), file, strerror(e));
	}
	free(tmp);
	return CTL_OK;
}

int
ctl_report_html(struct ctl *ctl, int argc, char **argv)
{
	const struct ctl_cmd *cmd = &ctl_cmd_report_html;
	const char *from = NULL, *to = NULL, *period = NULL, *lang = NULL, *plant = NULL;
	const char *html = NULL, *words[1];
	struct report_data d = { 0 };
	char generated[40];
	bool json = false;
	size_t nw;
	int32_t day;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--html", .value = &html }, { .name = "--from", .value = &from },
		{ .name = "--to", .value = &to }, { .name = "--period", .value = &period },
		{ .name = "--lang", .value = &lang }, { .name = "--plant", .value = &plant },
		{ .name = "--json", .flag = &json }, { .name = NULL },
	};

	if ((rc = ctl_parse(cmd, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (html && nw)
		return ctl_usage_why(cmd, _("give the file once: --html FILE or FILE, not both"));
	if (!html && nw == 0)
		return ctl_usage_why(cmd, _("which file? Give the page to write, e.g. report.html"));
	if (!html)
		html = words[0];
	if (from == NULL || to == NULL || !coq_day_read(from, &day) || !coq_day_read(to, &day))
		return ctl_usage_why(cmd, _("--from and --to are needed, as dates YYYY-MM-DD"));
	if (strcmp(from, to) > 0)
		return ctl_usage_why(cmd, _("--from %s is after --to %s"), from, to);
	d.period = 0;
	if (period) {
		while (d.period < 3 && strcmp(period, period_names[d.period]) != 0)
			d.period++;
		if (d.period == 3)
			return ctl_usage_why(cmd, _("--period: expected day, week or month, got \"%s\""),
			    period);
	}
	if (lang) {
		if (!i18n_known(lang))
			return ctl_usage_why(cmd, _("--lang: expected one of %s, got \"%s\""),
			    i18n_languages(), lang);
		/* From here on every word, on the page and in the messages, is in it. */
		if (!i18n_use(lang))
			ctl_warn(_("the language %s is not installed on this machine: the page is in "
			    "English"), lang);
	}
	if (plant && !text_ok(plant, 200))
		return ctl_usage_why(cmd, _("--plant: expected a name of 1-200 characters"));
	d.from = from;
	d.to = to;
	if ((rc = report_gather(ctl, &d)) != CTL_OK) {
		report_data_free(&d);
		return rc;
	}
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(generated, sizeof generated, "%Y-%m-%d %H:%M UTC", &tm);
	struct report_meta m = { .plant = plant ? plant : ctl->server, .generated = generated,
		.lang = strcmp(i18n_current(), "zh_CN") == 0 ? "zh-CN" : "en" };
	rc = write_file(html, &d, &m);
	if (rc == CTL_OK) {
		if (json) {
			printf("{\"file\":");
			json_string(stdout, html);
			printf(",\"from\":\"%s\",\"to\":\"%s\",\"spc_charts\":%zu,\"ncrs\":%u,"
			    "\"empty\":%s}\n", from, to, d.n_spc, d.ncr.total,
			    report_empty(&d) ? "true" : "false");
		} else if (report_empty(&d)) {
			printf(_("Wrote %s: no data for %s to %s.\n"), html, from, to);
		} else {
			printf(P_("Wrote %s: %s to %s, %zu SPC chart.\n",
			    "Wrote %s: %s to %s, %zu SPC charts.\n", d.n_spc), html, from, to, d.n_spc);
		}
	}
	report_data_free(&d);
	return rc;
}
