/*
 * iqc.c — `yokectl iqc`: incoming inspection (server/iqc/iqc.h).
 *
 *   list       inspection lots, newest first (--state, --supplier, --part)
 *   show       one, by its number (IQC-000001) or its lot (L-000001): the
 *              plan, the results, the decision, why the supplier + part is
 *              inspected at its severity
 *   record     the sample's defectives per characteristic (NAME=N each;
 *              a plan without characteristics takes one number), as the
 *              inspector signed in with --badge
 *   decide     accept or reject, as the sample says, signed (--sign)
 *   switching  the switching states; SUPPLIER PART: that one and its history
 *   lift       an engineer lifts a discontinued supplier + part, signed
 *
 * Every one takes --json.
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"

#include "shared/i18n.h"
#include "shared/util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern const struct ctl_cmd ctl_cmd_iqc;

static int list_exec(struct ctl *ctl, int argc, char **argv);
static int show_exec(struct ctl *ctl, int argc, char **argv);
static int record_exec(struct ctl *ctl, int argc, char **argv);
static int decide_exec(struct ctl *ctl, int argc, char **argv);
static int switching_exec(struct ctl *ctl, int argc, char **argv);
static int lift_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option list_options[] = {
	{ "--state open|accepted|rejected", N_("only inspection lots in this state") },
	{ "--supplier S", N_("only lots from this supplier") },
	{ "--part P", N_("only lots of this part") },
	{ "--json", N_("print JSON for scripts: every inspection lot in full") },
	{ NULL, NULL },
};
static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts: the inspection lot in full") },
	{ NULL, NULL },
};
static const struct ctl_option record_options[] = {
	{ "--note TEXT", N_("a note for the record") },
	{ "--json", N_("print JSON for scripts: the inspection lot with the verdict") },
	{ NULL, NULL },
};
static const struct ctl_option decide_options[] = {
	{ "--sign BADGE", N_("the inspector who signs the decision (the PIN is asked)") },
	{ "--defect CODE", N_("reject: the defect code for the lot's NCR") },
	{ "--note TEXT", N_("a note for the record") },
	{ "--json", N_("print JSON for scripts: the inspection lot as decided") },
	{ NULL, NULL },
};
static const struct ctl_option switching_options[] = {
	{ "--json", N_("print JSON for scripts: the switching states (and the history)") },
	{ NULL, NULL },
};
static const struct ctl_option lift_options[] = {
	{ "--reason TEXT", N_("the supplier's corrective action") },
	{ "--sign BADGE", N_("the engineer who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts: the switching state after") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl iqc list --state open", N_("what waits for incoming inspection") },
	{ NULL, NULL },
};
static const struct ctl_example show_examples[] = {
	{ "yokectl iqc show IQC-000001", N_("the plan, the results and the decision") },
	{ "yokectl iqc show L-000007", N_("the inspection of a received lot") },
	{ NULL, NULL },
};
static const struct ctl_example record_examples[] = {
	{ "yokectl --badge 4001 iqc record IQC-000001 Solderability=2 Marking=0",
	  N_("two defective units for solderability, none for marking") },
	{ NULL, NULL },
};
static const struct ctl_example decide_examples[] = {
	{ "yokectl iqc decide IQC-000001 accept --sign 4001", N_("release the lot, signed") },
	{ "yokectl iqc decide IQC-000002 reject --defect SOLDER --sign 4001",
	  N_("quarantine the lot and open an NCR on it") },
	{ NULL, NULL },
};
static const struct ctl_example switching_examples[] = {
	{ "yokectl iqc switching", N_("every supplier + part and its severity") },
	{ "yokectl iqc switching ACME RES-10K", N_("one, with every switch and why") },
	{ NULL, NULL },
};
static const struct ctl_example lift_examples[] = {
	{ "yokectl iqc lift ACME RES-10K --reason \"8D 4711 closed\" --sign 3001",
	  N_("receive ACME's RES-10K again, at tightened inspection") },
	{ NULL, NULL },
};

static const struct ctl_cmd iqc_list = {
	.name = "list",
	.parent = &ctl_cmd_iqc,
	.group = CTL_GROUP_NC,
	.usage = N_("[--state STATE] [--supplier S] [--part P] [--json]"),
	.summary = N_("inspection lots, newest first"),
	.description = N_("Lists the inspection lots made when lots of parts with incoming "
	    "inspection were received: number, state, lot, part, supplier, severity, sample size "
	    "and Ac/Re."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};
static const struct ctl_cmd iqc_show = {
	.name = "show",
	.parent = &ctl_cmd_iqc,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER|LOT [--json]"),
	.summary = N_("one inspection lot: plan, results, decision, why at this severity"),
	.description = N_("Shows an inspection lot: the received lot, its ISO 2859-1 plan (level, "
	    "AQL, severity, code letter, sample size, Ac/Re, 100 % when the sample is the lot), the "
	    "defectives recorded per characteristic, the signed decision, the NCR of a rejected "
	    "lot, and why the supplier + part is inspected at its severity now."),
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};
static const struct ctl_cmd iqc_record = {
	.name = "record",
	.parent = &ctl_cmd_iqc,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER NAME=N... | NUMBER N  [--note TEXT] [--json]"),
	.summary = N_("record the defectives found in the sample"),
	.description = N_("Records the defective units found in the sample, one count per "
	    "characteristic of the part's plan (each named once), or one number when the plan "
	    "names none; as an inspector (--badge). The server says what Ac/Re decide. Recorded "
	    "again while the lot is open, the last recording counts."),
	.options = record_options,
	.examples = record_examples,
	.exec = record_exec,
};
static const struct ctl_cmd iqc_decide = {
	.name = "decide",
	.parent = &ctl_cmd_iqc,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER accept|reject [--defect CODE] [--note TEXT] --sign BADGE [--json]"),
	.summary = N_("the usage decision, signed: accept releases, reject quarantines"),
	.description = N_("Confirms what the recorded sample decides, signed by an inspector: "
	    "accept releases the lot; reject quarantines it and opens an NCR on it (return to "
	    "supplier, sort, use as is by the MRB, scrap). A decision that is not the sample's is "
	    "refused. The switching state of the supplier + part moves with it."),
	.options = decide_options,
	.examples = decide_examples,
	.exec = decide_exec,
};
static const struct ctl_cmd iqc_switching = {
	.name = "switching",
	.parent = &ctl_cmd_iqc,
	.group = CTL_GROUP_NC,
	.usage = N_("[SUPPLIER [PART]] [--json]"),
	.summary = N_("the switching state of each supplier + part, and why"),
	.description = N_("Shows at which severity (normal, tightened, reduced, discontinued) "
	    "each supplier + part is inspected and why, with its last lots; for one supplier and "
	    "part, every switch with its date."),
	.options = switching_options,
	.examples = switching_examples,
	.exec = switching_exec,
};
static const struct ctl_cmd iqc_lift = {
	.name = "lift",
	.parent = &ctl_cmd_iqc,
	.group = CTL_GROUP_NC,
	.usage = N_("SUPPLIER PART --reason TEXT --sign BADGE [--json]"),
	.summary = N_("lift a supplier's block after corrective action, signed"),
	.description = N_("After 5 lots not accepted on tightened inspection, incoming inspection "
	    "is discontinued and no lot of the part is received from the supplier. An engineer "
	    "lifts the block once the supplier's corrective action is in place; inspection "
	    "resumes at tightened."),
	.options = lift_options,
	.examples = lift_examples,
	.exec = lift_exec,
};

static const struct ctl_cmd *const iqc_subs[] = { &iqc_list, &iqc_show, &iqc_record,
	&iqc_decide, &iqc_switching, &iqc_lift, NULL };

const struct ctl_cmd ctl_cmd_iqc = {
	.name = "iqc",
	.group = CTL_GROUP_NC,
	.usage = "list | show | record | decide | switching | lift   [...] [--json]",
	.summary = N_("incoming inspection: sampling plans, results, decisions, switching"),
	.description = N_("Incoming inspection (ISO 2859-1): each received lot of a part with "
	    "iqc= in the definitions gets an inspection lot with its sampling plan at the "
	    "severity in force for its supplier; the inspector records the sample, signs the "
	    "decision; the severity switches with the results."),
	.subs = iqc_subs,
};

/* ---- words ---- */

static const char *
state_word(Yoke__InspectionState s)
{
	switch (s) {
	case YOKE__INSPECTION_STATE__INSPECTION_OPEN: return "open";
	case YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED: return "accepted";
	case YOKE__INSPECTION_STATE__INSPECTION_REJECTED: return "rejected";
	default: return "";
	}
}

static const char *
state_text(Yoke__InspectionState s)
{
	switch (s) {
	case YOKE__INSPECTION_STATE__INSPECTION_OPEN: return _("open");
	case YOKE__INSPECTION_STATE__INSPECTION_ACCEPTED: return _("accepted");
	case YOKE__INSPECTION_STATE__INSPECTION_REJECTED: return _("rejected");
	default: return "";
	}
}

static const char *
mode_word(Yoke__IqcMode m)
{
	switch (m) {
	case YOKE__IQC_MODE__IQC_NORMAL: return "normal";
	case YOKE__IQC_MODE__IQC_TIGHTENED: return "tightened";
	case YOKE__IQC_MODE__IQC_REDUCED: return "reduced";
	case YOKE__IQC_MODE__IQC_DISCONTINUED: return "discontinued";
	default: return "";
	}
}

static const char *
when(int64_t us, char *buf, size_t size)
{
	if (us == 0)
		return "";
	format_time_us(us, buf, size);
	return buf;
}

/* ---- JSON ---- */

static void
json_uint(FILE *f, const char *key, uint64_t v)
{
	fprintf(f, ",\"%s\":%" PRIu64, key, v);
}

static void
inspection_json(FILE *f, const Yoke__InspectionLot *il)
{
	char t[40];

	fprintf(f, "{\"number\":");
	json_string(f, il->number);
	json_field(f, "state", state_word(il->state));
	json_field(f, "lot", il->lot);
	json_field(f, "part", il->part);
	json_field(f, "supplier", il->supplier);
	json_field(f, "supplier_lot", il->supplier_lot);
	json_uint(f, "lot_size", il->lot_size);
	json_field(f, "level", il->level);
	fprintf(f, ",\"aql\":%g", il->aql);
	json_field(f, "severity", mode_word(il->severity));
	json_field(f, "code_letter", il->letter);
	json_field(f, "plan_letter", il->used_letter);
	json_uint(f, "sample_size", il->sample_size);
	json_uint(f, "ac", il->ac);
	json_uint(f, "re", il->re);
	fprintf(f, ",\"full_inspection\":%s,\"results\":[", il->full_inspection ? "true" : "false");
	for (size_t i = 0; i < il->n_results; i++) {
		fprintf(f, "%s{\"characteristic\":", i ? "," : "");
		json_string(f, il->results[i]->characteristic);
		json_uint(f, "defectives", il->results[i]->defectives);
		fputc('}', f);
	}
	fprintf(f, "],\"recorded\":%s", il->recorded ? "true" : "false");
	json_uint(f, "defectives", il->defectives);
	fprintf(f, ",\"sample_accepts\":%s", il->recorded && il->accept ? "true" : "false");
	json_field(f, "recorded_by", il->recorded_by);
	json_field(f, "recorded", when(il->recorded_us, t, sizeof t));
	json_field(f, "decided_by", il->decided ? il->decided->badge : "");
	json_field(f, "decided", when(il->decided_us, t, sizeof t));
	json_field(f, "ncr", il->ncr);
	json_field(f, "note", il->note);
	json_field(f, "created", when(il->created_us, t, sizeof t));
	json_field(f, "switching", il->switching);
	fputc('}', f);
}

static void
switch_json(FILE *f, const Yoke__IqcSwitch *sw)
{
	char t[40];

	fprintf(f, "{\"supplier\":");
	json_string(f, sw->supplier);
	json_field(f, "part", sw->part);
	json_field(f, "mode", mode_word(sw->mode));
	json_field(f, "why", sw->why);
	json_field(f, "since_lot", sw->since_lot);
	json_field(f, "since", when(sw->since_us, t, sizeof t));
	fprintf(f, ",\"score\":%d", sw->score);
	json_uint(f, "tightened_rejected", sw->tightened_rejected);
	fprintf(f, ",\"last_lots\":[");
	for (size_t i = 0; i < sw->n_recent_lots; i++) {
		const Yoke__IqcLotResult *r = sw->recent_lots[i];
		fprintf(f, "%s{\"inspection\":", i ? "," : "");
		json_string(f, r->inspection);
		json_field(f, "lot", r->lot);
		fprintf(f, ",\"accepted\":%s", r->accepted ? "true" : "false");
		json_uint(f, "defectives", r->defectives);
		json_field(f, "severity", mode_word(r->mode));
		fputc('}', f);
	}
	fprintf(f, "]}");
}

/* ---- text ---- */

static void
line(const char *label, const char *value)
{
	if (str_empty(value))
		return;
	table_put(stdout, label, 14);
	printf("%s\n", value);
}

static void
inspection_text(const Yoke__InspectionLot *il)
{
	char buf[300], t[40];

	printf("%s  %s\n", il->number, state_text(il->state));
	snprintf(buf, sizeof buf, "%s (%s %s, %s)", il->lot, il->part, il->supplier_lot, il->supplier);
	line(_("Lot"), buf);
	snprintf(buf, sizeof buf, "%" PRIu64, il->lot_size);
	line(_("Lot size"), buf);
	snprintf(buf, sizeof buf, _("level %s, AQL %g, %s"), il->level, il->aql,
	    _(mode_word(il->severity)));
	line(_("Plan"), buf);
	if (il->full_inspection)
		snprintf(buf, sizeof buf, _("every unit (100 %%): %u, Ac %u, Re %u"), il->sample_size,
		    il->ac, il->re);
	else
		snprintf(buf, sizeof buf, _("code letter %s (plan from %s): n = %u, Ac %u, Re %u"),
		    il->letter, il->used_letter, il->sample_size, il->ac, il->re);
	line(_("Sample"), buf);
	for (size_t i = 0; il->recorded && i < il->n_results; i++) {
		snprintf(buf, sizeof buf, "%s: %u", str_empty(il->results[i]->characteristic) ?
		    _("defectives") : il->results[i]->characteristic, il->results[i]->defectives);
		line(i == 0 ? _("Results") : "", buf);
	}
	if (il->recorded) {
		snprintf(buf, sizeof buf, il->accept ? _("d = %u: the sample accepts the lot") :
		    _("d = %u: the sample rejects the lot"), il->defectives);
		line(_("Verdict"), buf);
		snprintf(buf, sizeof buf, "%s, %s", il->recorded_by, when(il->recorded_us, t, sizeof t));
		line(_("Recorded by"), buf);
	} else {
		line(_("Results"), _("not recorded yet"));
	}
	if (il->decided) {
		snprintf(buf, sizeof buf, "%s (%s), %s", il->decided->name, il->decided->badge,
		    when(il->decided_us, t, sizeof t));
		line(_("Decided by"), buf);
	}
	line(_("NCR"), il->ncr);
	line(_("Note"), il->note);
	line(_("Switching"), il->switching);
}

/* ---- commands ---- */

static bool
state_of(const char *s, Yoke__InspectionState *out)
{
	for (Yoke__InspectionState st = YOKE__INSPECTION_STATE__INSPECTION_OPEN;
	    st <= YOKE__INSPECTION_STATE__INSPECTION_REJECTED; st++)
		if (strcmp(s, state_word(st)) == 0) {
			*out = st;
			return true;
		}
	return false;
}

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcQuery q = YOKE__IQC_QUERY__INIT;
	const char *state = NULL, *supplier = NULL, *part = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--state", .value = &state },
		{ .name = "--supplier", .value = &supplier },
		{ .name = "--part", .value = &part },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&iqc_list, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (state && !state_of(state, &q.state))
		return ctl_usage_why(&iqc_list, _("--state expects open, accepted or rejected, got "
		    "\"%s\""), state);
	q.supplier = (char *)(supplier ? supplier : "");
	q.part = (char *)(part ? part : "");
	rq.body_case = YOKE__REQUEST__BODY_IQC;
	rq.iqc = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("[");
		for (size_t i = 0; i < rp->iqc->n_inspections; i++) {
			if (i)
				putchar(',');
			inspection_json(stdout, rp->iqc->inspections[i]);
		}
		printf("]\n");
	} else if (rp->iqc->n_inspections == 0) {
		printf("%s\n", _("No inspection lot matches."));
	} else {
		struct table *t = table_new(8);
		table_column(t, 0, _("INSPECTION"), 0);
		table_column(t, 1, _("STATE"), 0);
		table_column(t, 2, _("LOT"), 0);
		table_column(t, 3, _("PART"), 20);
		table_column(t, 4, _("SUPPLIER"), 12);
		table_column(t, 5, _("SEVERITY"), 0);
		table_column(t, 6, _("SAMPLE"), 0);
		table_column(t, 7, _("AC/RE"), 0);
		for (size_t i = 0; i < rp->iqc->n_inspections; i++) {
			const Yoke__InspectionLot *il = rp->iqc->inspections[i];
			char n[32], acre[32];
			snprintf(n, sizeof n, il->full_inspection ? "%u (100 %%)" : "%u", il->sample_size);
			snprintf(acre, sizeof acre, "%u/%u", il->ac, il->re);
			const char *cells[] = { il->number, state_text(il->state), il->lot, il->part,
				il->supplier, _(mode_word(il->severity)), n, acre };
			table_row(t, cells);
		}
		table_print(t, stdout);
		table_free(t);
	}
	client_reply_free(rp);
	return CTL_OK;
}

/* One inspection lot by its number or its lot id: CTL_OK and *out. */
static int
fetch(struct ctl *ctl, const char *which, Yoke__Reply **out)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcQuery q = YOKE__IQC_QUERY__INIT;
	int rc;

	if (strncasecmp(which, "L-", 2) == 0)
		q.lot = (char *)which;
	else
		q.number = (char *)which;
	rq.body_case = YOKE__REQUEST__BODY_IQC;
	rq.iqc = &q;
	if ((rc = ctl_request(ctl, &rq, out)) != CTL_OK)
		return rc;
	if ((*out)->iqc->n_inspections != 1) {
		client_reply_free(*out);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no inspection lot"));
	}
	return CTL_OK;
}

static int
one(Yoke__Reply *rp, bool json, bool words)
{
	if (json) {
		inspection_json(stdout, rp->iqc->inspections[0]);
		putchar('\n');
	} else {
		inspection_text(rp->iqc->inspections[0]);
		if (words && !str_empty(rp->message))
			printf("\n%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	const char *words[1];
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&iqc_show, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw != 1)
		return ctl_usage_why(&iqc_show, _("which inspection lot? Its number (IQC-000001) or its "
		    "lot (L-000001)"));
	if ((rc = fetch(ctl, words[0], &rp)) != CTL_OK)
		return rc;
	return one(rp, json, false);
}

/* NAME=N words into results in the plan's order: every characteristic
 * once; a plan without names takes one bare number. */
static int
results_of(const Yoke__InspectionLot *il, const char **words, size_t nw, Yoke__IqcResult *res,
    Yoke__IqcResult **list)
{
	bool given[64] = { false };
	size_t n = il->n_results;
	uint64_t v;

	if (n == 0 || n > 64)
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no characteristics"));
	for (size_t i = 0; i < n; i++) {
		yoke__iqc_result__init(&res[i]);
		res[i].characteristic = il->results[i]->characteristic;
		list[i] = &res[i];
	}
	if (n == 1 && str_empty(il->results[0]->characteristic)) {
		if (nw != 1 || (strcmp(words[0], "0") != 0 && !ctl_count(words[0], 100000000, &v)))
			return ctl_usage_why(&iqc_record, _("%s counts the defectives of the whole "
			    "sample: one number, such as 2"), il->number);
		res[0].defectives = strcmp(words[0], "0") == 0 ? 0 : (uint32_t)v;
		return CTL_OK;
	}
	for (size_t w = 0; w < nw; w++) {
		const char *eq = strrchr(words[w], '=');
		size_t k;
		if (eq == NULL)
			return ctl_usage_why(&iqc_record, _("expected NAME=N, got \"%s\""), words[w]);
		for (k = 0; k < n; k++)
			if (strlen(res[k].characteristic) == (size_t)(eq - words[w]) &&
			    strncmp(res[k].characteristic, words[w], (size_t)(eq - words[w])) == 0)
				break;
		if (k == n)
			return ctl_usage_why(&iqc_record, _("%s has no characteristic \"%.*s\""),
			    il->number, (int)(eq - words[w]), words[w]);
		if (given[k])
			return ctl_usage_why(&iqc_record, _("%s is given twice"), res[k].characteristic);
		if (strcmp(eq + 1, "0") != 0 && !ctl_count(eq + 1, 100000000, &v))
			return ctl_usage_why(&iqc_record, _("%s: expected a whole number of defective "
			    "units, got \"%s\""), res[k].characteristic, eq + 1);
		res[k].defectives = strcmp(eq + 1, "0") == 0 ? 0 : (uint32_t)v;
		given[k] = true;
	}
	for (size_t k = 0; k < n; k++)
		if (!given[k])
			return ctl_usage_why(&iqc_record, _("%s: how many defective units for %s? "
			    "Expected %s=N"), il->number, res[k].characteristic, res[k].characteristic);
	return CTL_OK;
}

static int
record_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcRecord r = YOKE__IQC_RECORD__INIT;
	const char **words = xcalloc((size_t)argc + 1, sizeof *words), *note = NULL;
	Yoke__IqcResult res[64], *list[64];
	Yoke__Reply *plan = NULL, *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--note", .value = &note },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&iqc_record, argc, argv, opts, words, (size_t)argc, &nw)) != CTL_OK)
		goto out;
	if (nw < 2) {
		rc = ctl_usage_why(&iqc_record, _("expected the inspection lot's number and the "
		    "defectives, such as IQC-000001 Solderability=2 Marking=0"));
		goto out;
	}
	if ((rc = fetch(ctl, words[0], &plan)) != CTL_OK)
		goto out;
	if ((rc = results_of(plan->iqc->inspections[0], words + 1, nw - 1, res, list)) != CTL_OK)
		goto out;
	r.number = plan->iqc->inspections[0]->number;
	r.results = list;
	r.n_results = plan->iqc->inspections[0]->n_results;
	r.note = (char *)(note ? note : "");
	rq.body_case = YOKE__REQUEST__BODY_IQC_RECORD;
	rq.iqc_record = &r;
	if ((rc = ctl_request(ctl, &rq, &rp)) == CTL_OK)
		rc = one(rp, json, true);
out:
	client_reply_free(plan);
	free(words);
	return rc;
}

static int
decide_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcDecide d = YOKE__IQC_DECIDE__INIT;
	Yoke__Defect defect = YOKE__DEFECT__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *words[2], *code = NULL, *note = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--defect", .value = &code },
		{ .name = "--note", .value = &note },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&iqc_decide, argc, argv, opts, words, 2, &nw)) != CTL_OK)
		return rc;
	if (nw != 2 || (strcmp(words[1], "accept") != 0 && strcmp(words[1], "reject") != 0))
		return ctl_usage_why(&iqc_decide, _("expected the inspection lot's number and accept "
		    "or reject"));
	d.number = (char *)words[0];
	d.accept = strcmp(words[1], "accept") == 0;
	if (code && d.accept)
		return ctl_usage_why(&iqc_decide, _("--defect is for a reject: it names the NCR's "
		    "defect"));
	defect.code = (char *)(code ? code : "");
	d.defect = &defect;
	d.note = (char *)(note ? note : "");
	if ((rc = ctl_signers_read(ctl, &iqc_decide, &s)) != CTL_OK)
		return rc;
	d.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_IQC_DECIDE;
	rq.iqc_decide = &d;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	return rc == CTL_OK ? one(rp, json, true) : rc;
}

static void
switches_text(const Yoke__IqcReply *ir)
{
	struct table *t = table_new(5);

	table_column(t, 0, _("SUPPLIER"), 12);
	table_column(t, 1, _("PART"), 20);
	table_column(t, 2, _("SEVERITY"), 0);
	table_column(t, 3, _("LAST LOTS"), 0);
	table_column(t, 4, _("WHY"), 0);
	for (size_t i = 0; i < ir->n_switches; i++) {
		const Yoke__IqcSwitch *sw = ir->switches[i];
		char last[16];
		size_t k;
		/* Oldest to newest, left to right: A accepted, R rejected. */
		for (k = 0; k < sw->n_recent_lots && k < sizeof last - 1; k++)
			last[k] = sw->recent_lots[sw->n_recent_lots - 1 - k]->accepted ? 'A' : 'R';
		last[k] = '\0';
		const char *cells[] = { sw->supplier, sw->part, _(mode_word(sw->mode)), last, sw->why };
		table_row(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

static int
switching_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcQuery q = YOKE__IQC_QUERY__INIT;
	const char *words[2];
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&iqc_switching, argc, argv, opts, words, 2, &nw)) != CTL_OK)
		return rc;
	q.switching = true;
	q.supplier = (char *)(nw > 0 ? words[0] : "");
	q.part = (char *)(nw > 1 ? words[1] : "");
	rq.body_case = YOKE__REQUEST__BODY_IQC;
	rq.iqc = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		char t[40];
		printf("{\"switches\":[");
		for (size_t i = 0; i < rp->iqc->n_switches; i++) {
			if (i)
				putchar(',');
			switch_json(stdout, rp->iqc->switches[i]);
		}
		printf("],\"history\":[");
		for (size_t i = 0; i < rp->iqc->n_history; i++) {
			const Yoke__Event *ev = rp->iqc->history[i];
			printf("%s{\"time\":", i ? "," : "");
			json_string(stdout, when(ev->time_us, t, sizeof t));
			json_field(stdout, "mode", ev->name);
			json_field(stdout, "lot", ev->lot);
			json_field(stdout, "text", ev->text);
			json_field(stdout, "signed_by", ev->n_signatures ? ev->signatures[0]->badge : "");
			putchar('}');
		}
		printf("]}\n");
	} else if (rp->iqc->n_switches == 0) {
		printf("%s\n", _("No supplier + part has been inspected yet."));
	} else {
		switches_text(rp->iqc);
		for (size_t i = 0; i < rp->iqc->n_history; i++) {
			const Yoke__Event *ev = rp->iqc->history[i];
			char t[40];
			if (i == 0)
				printf("\n%s\n", _("Switches:"));
			printf("  %s  %s\n", when(ev->time_us, t, sizeof t), ev->text);
		}
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
lift_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__IqcLift l = YOKE__IQC_LIFT__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *words[2], *reason = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--reason", .value = &reason },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&iqc_lift, argc, argv, opts, words, 2, &nw)) != CTL_OK)
		return rc;
	if (nw != 2)
		return ctl_usage_why(&iqc_lift, _("expected the supplier and the part"));
	if (reason == NULL)
		return ctl_usage_why(&iqc_lift, _("--reason is needed: the supplier's corrective "
		    "action"));
	l.supplier = (char *)words[0];
	l.part = (char *)words[1];
	l.reason = (char *)reason;
	if ((rc = ctl_signers_read(ctl, &iqc_lift, &s)) != CTL_OK)
		return rc;
	l.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_IQC_LIFT;
	rq.iqc_lift = &l;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	if (json) {
		switch_json(stdout, rp->iqc->switches[0]);
		putchar('\n');
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}
