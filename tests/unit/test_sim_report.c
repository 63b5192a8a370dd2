/*
 * test_sim_report.c — the plant simulator's table (tests/lib/sim_report.c)
 * for a plant manager: in English and in zh_CN every line fits 80 display
 * columns and the fault rows line up (a Chinese fault name takes two
 * columns a character); the words come from the catalogue; the JSON is one
 * object that parses, with the figures given.
 */
#include "tests/lib/check.h"
#include "tests/lib/sim.h"
#include "shared/i18n.h"
#include "shared/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two runs with wide figures: the widest a column is likely to see. */
static void
results(struct sim_config *c, struct sim_result *w, struct sim_result *o)
{
	sim_config_default(c);
	c->units = 99999;
	memset(w, 0, sizeof *w);
	memset(o, 0, sizeof *o);
	for (int f = 0; f < SIM_FAULTS; f++) {
		w->made[f] = o->made[f] = 9000 + (unsigned)f;
		w->stopped[f] = 8000 + (unsigned)f;
		w->caught[f] = 700;
		w->escaped[f] = 3;
		o->caught[f] = 7000;
		o->escaped[f] = 2000 + (unsigned)f;
	}
	w->made[SIM_WRONG_PART] = 9;
	w->stopped[SIM_WRONG_PART] = 9;
	w->reworked = 1234;
	o->reworked = 56789;
	w->scrapped = 3;
	o->scrapped = 45678;
	o->escapes = 9999;
	w->tool_changes = 2222;
	o->tool_changes = 2222;
	w->iqc_lots = 4;
	w->iqc_sample = 200;
	w->iqc_ac = 5;
	w->iqc_re = 6;
	w->iqc_found = 11;
	w->bad_lot_rejected = true;
	for (int i = 0; i < 4; i++) {
		w->cost[i] = 123456789 + i;
		o->cost[i] = 9876543210LL + i;
		w->ledger_cost[i] = 123450000 + i;
	}
	w->total = 4 * 123456789LL + 6;
	o->total = 4 * 9876543210LL + 6;
	w->ledger = true;
	w->ledger_total = 4 * 123450000LL + 6;
	w->drift_warned_at = 34;
	w->first_out_of_spec = 39;
	o->first_out_of_spec = 39;
	w->false_warnings = 5;
	snprintf(w->currency, sizeof w->currency, "CNY");
	snprintf(o->currency, sizeof o->currency, "CNY");
}

/* The table in a language, into a string (freed by the caller). */
static char *
table(const char *lang)
{
	struct sim_config c;
	struct sim_result w, o;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	results(&c, &w, &o);
	i18n_use(lang);
	sim_print(f, &c, &w, &o);
	i18n_use("en");
	fclose(f);
	return text;
}

/* Each line: at most 80 columns; the 7 fault rows (those that start with
 * a fault name) all as wide as the heading row. */
static void
fits(const char *text, const char *const *fault, const char *heading)
{
	char *copy = strdup(text), *save = NULL;
	int rows = 0, heading_w = -1, lines = 0;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int w = utf8_width(line);
		lines++;
		if (w > 80)
			check_fail(__FILE__, __LINE__, "%d columns: %s", w, line);
		if (strncmp(line, heading, strlen(heading)) == 0 && heading_w < 0)
			heading_w = w;
		for (int f = 0; f < SIM_FAULTS; f++)
			if (strncmp(line, fault[f], strlen(fault[f])) == 0 && line[strlen(fault[f])] == ' ') {
				rows++;
				if (w != heading_w)
					check_fail(__FILE__, __LINE__, "row %d columns, heading %d: %s", w,
					    heading_w, line);
			}
	}
	CHECK_INT(rows, SIM_FAULTS);
	CHECK(heading_w > 60);
	CHECK(lines > 30);
	free(copy);
}

static void
english_table_fits_80_columns(void)
{
	static const char *const fault[SIM_FAULTS] = { "wrong part picked", "inspection skipped",
		"typo in a value", "drift out of spec", "bad supplier lot", "expired lot",
		"uncalibrated gauge" };
	char *t = table("en");
	fits(t, fault, "fault ");
	CHECK(strstr(t, "refused") != NULL);
	CHECK(strstr(t, "1234567.89") != NULL);          /* money as the ledger writes it */
	CHECK(strstr(t, "5 units before") != NULL);      /* the drift lead: 39 - 34 */
	CHECK(strstr(t, "sample of 200 showed 11 defective (Ac 5, Re 6): rejected") != NULL);
	free(t);
}

static void
chinese_table_fits_80_columns(void)
{
	static const char *const fault[SIM_FAULTS] = { "拿错物料", "跳过检验", "测量值录错",
		"漂移致超差", "供应商不良批次", "过期批次", "量具校准过期" };
	REQUIRE(i18n_use("zh_CN"));
	i18n_use("en");
	char *t = table("zh_CN");
	fits(t, fault, "差错 ");
	CHECK(strstr(t, "拦截") != NULL);
	CHECK(strstr(t, "refused") == NULL);             /* no English left in the words */
	CHECK(strstr(t, "Assumptions") == NULL);
	CHECK(strstr(t, "提前 5 件") != NULL);
	CHECK(strstr(t, "1234567.89") != NULL);          /* data stays as it is */
	free(t);
}

static void
json_parses_with_the_figures(void)
{
	struct sim_config c;
	struct sim_result w, o;
	FILE *py = popen("python3 -c 'import json,sys; d=json.load(sys.stdin); "
	    "w=d[\"with_prevention\"]; o=d[\"without_prevention\"]; "
	    "assert w[\"stopped\"][\"wrong_part\"]==9 and o[\"escaped\"][\"gauge\"]==2006, d; "
	    "assert w[\"coq\"][\"total\"]==4938271.62 and w[\"ledger\"][\"appraisal\"]==1234500.01, d; "
	    "assert w[\"drift_lead_units\"]==5 and w[\"bad_lot_inspection\"][\"rejected\"], d; "
	    "assert abs(d[\"ratio\"]-80.0)<0.01 and d[\"assumptions\"][\"lot_size\"]==99999, d'", "w");
	REQUIRE(py != NULL);
	results(&c, &w, &o);
	sim_print_json(py, &c, &w, &o);
	CHECK_INT(pclose(py), 0);
}

int
main(void)
{
	i18n_init();
	RUN(english_table_fits_80_columns);
	RUN(chinese_table_fits_80_columns);
	RUN(json_parses_with_the_figures);
	return check_done();
}
