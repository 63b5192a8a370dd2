/*
 * alarm.c — `yokectl alarm`: alarms (server/alarm/alarm.h).
 *
 *   list     alarms, newest first (--state, --station, --since)
 *   show     one, by its number (ALM-000012): what raised it, where, who
 *            acknowledged it with which cause and action, how it was resolved
 *   ack      a lead acknowledges, signed (--sign), with --cause and --action:
 *            a station it stopped may work again
 *   resolve  the alarm is over, signed, with --resolution (a lead may
 *            acknowledge and resolve at once an alarm that stopped nothing:
 *            --cause and --action too)
 *
 * Every one takes --json.
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"

#include "shared/alarm_text.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

extern const struct ctl_cmd ctl_cmd_alarm;

static int list_exec(struct ctl *ctl, int argc, char **argv);
static int show_exec(struct ctl *ctl, int argc, char **argv);
static int ack_exec(struct ctl *ctl, int argc, char **argv);
static int resolve_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option list_options[] = {
	{ "--state raised|acknowledged|resolved|open", N_("only alarms in this state (open: raised "
	    "or acknowledged, not yet resolved)") },
	{ "--station S", N_("only alarms at this station") },
	{ "--since YYYY-MM-DD", N_("only alarms raised on or after this day (UTC)") },
	{ "--json", N_("print JSON for scripts: every alarm in full") },
	{ NULL, NULL },
};
static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts: the alarm in full") },
	{ NULL, NULL },
};
static const struct ctl_option ack_options[] = {
	{ "--cause TEXT", N_("the assignable cause found (required)") },
	{ "--action TEXT", N_("the action taken (required)") },
	{ "--sign BADGE", N_("the lead who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts: the alarm as acknowledged") },
	{ NULL, NULL },
};
static const struct ctl_option resolve_options[] = {
	{ "--resolution TEXT", N_("what was done to end it (required)") },
	{ "--cause TEXT", N_("an alarm not yet acknowledged: the assignable cause") },
	{ "--action TEXT", N_("an alarm not yet acknowledged: the action taken") },
	{ "--sign BADGE", N_("a lead, inspector or engineer who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts: the alarm as resolved") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl alarm list --state open", N_("what still needs someone") },
	{ "yokectl alarm list --station SMT-1 --since 2026-11-01", N_("one station's alarms") },
	{ NULL, NULL },
};
static const struct ctl_example show_examples[] = {
	{ "yokectl alarm show ALM-000012", N_("the alarm and its record") },
	{ NULL, NULL },
};
static const struct ctl_example ack_examples[] = {
	{ "yokectl alarm ack ALM-000012 --cause \"nozzle worn\" --action \"nozzle replaced\" "
	  "--sign 2001", N_("acknowledge, signed: the station works again") },
	{ NULL, NULL },
};
static const struct ctl_example resolve_examples[] = {
	{ "yokectl alarm resolve ALM-000012 --resolution \"5 units re-inspected, all good\" "
	  "--sign 3001", N_("the alarm is over") },
	{ NULL, NULL },
};

static const struct ctl_cmd alarm_list = {
	.name = "list",
	.parent = &ctl_cmd_alarm,
	.group = CTL_GROUP_NC,
	.usage = N_("[--state STATE] [--station S] [--since YYYY-MM-DD] [--json]"),
	.summary = N_("alarms, newest first"),
	.description = N_("Lists the alarms: number, state, station, source (SPC rule, drift, "
	    "equipment, call for help, pre-start gate), severity, whether it stops the station, "
	    "when it was raised and by whom, and its detail."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};
static const struct ctl_cmd alarm_show = {
	.name = "show",
	.parent = &ctl_cmd_alarm,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--json]"),
	.summary = N_("one alarm and its record"),
	.description = N_("Shows an alarm: what raised it, at which station and on which unit, "
	    "whether it stops the station, who acknowledged it with which cause and action, and "
	    "how it was resolved, each with the signer and the time (UTC)."),
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};
static const struct ctl_cmd alarm_ack = {
	.name = "ack",
	.alias = "acknowledge",
	.parent = &ctl_cmd_alarm,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER --cause TEXT --action TEXT --sign BADGE [--json]"),
	.summary = N_("acknowledge an alarm, signed by a lead, with the cause and the action"),
	.description = N_("A lead acknowledges a raised alarm with badge and PIN, giving the "
	    "assignable cause and the action taken. When the alarm stopped its station, the "
	    "station may work again, unless another alarm stops it too (the answer names it). "
	    "This command signs in as the signer with the same PIN."),
	.options = ack_options,
	.examples = ack_examples,
	.exec = ack_exec,
};
static const struct ctl_cmd alarm_resolve = {
	.name = "resolve",
	.parent = &ctl_cmd_alarm,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER --resolution TEXT [--cause TEXT --action TEXT] --sign BADGE [--json]"),
	.summary = N_("resolve an acknowledged alarm, signed"),
	.description = N_("Ends an acknowledged alarm, signed by a lead, an inspector or an "
	    "engineer, with what was done. An alarm that stopped its station must be acknowledged "
	    "first; one that stopped nothing may be acknowledged and resolved at once by a lead, "
	    "with --cause and --action too."),
	.options = resolve_options,
	.examples = resolve_examples,
	.exec = resolve_exec,
};

static const struct ctl_cmd *const alarm_subs[] = { &alarm_list, &alarm_show, &alarm_ack,
	&alarm_resolve, NULL };

const struct ctl_cmd ctl_cmd_alarm = {
	.name = "alarm",
	.alias = "alarms",
	.group = CTL_GROUP_NC,
	.usage = "list | show | ack | resolve   [...] [--json]",
	.summary = N_("alarms: list, acknowledge with cause and action, resolve"),
	.description = N_("An alarm is raised by an SPC rule, a drift warning, equipment, the "
	    "operator's call for help (the andon key) or the pre-start gate, at a station; one "
	    "that stops the station refuses every unit there until a lead acknowledges it, signed, "
	    "with the assignable cause and the action taken. Then it is resolved, signed."),
	.subs = alarm_subs,
};

/* ---- words ---- */

static const char *
state_word(Yoke__AlarmState s)
{
	switch (s) {
	case YOKE__ALARM_STATE__ALARM_RAISED: return "raised";
	case YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED: return "acknowledged";
	case YOKE__ALARM_STATE__ALARM_RESOLVED: return "resolved";
	default: return "";
	}
}

static const char *
source_word(Yoke__AlarmSource s)
{
	switch (s) {
	case YOKE__ALARM_SOURCE__ALARM_RULE: return "rule";
	case YOKE__ALARM_SOURCE__ALARM_DRIFT: return "drift";
	case YOKE__ALARM_SOURCE__ALARM_EQUIPMENT: return "equipment";
	case YOKE__ALARM_SOURCE__ALARM_ANDON: return "andon";
	case YOKE__ALARM_SOURCE__ALARM_GATE: return "gate";
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
signature_json(FILE *f, const char *key, const Yoke__SignatureRecord *s)
{
	char t[40];

	fprintf(f, ",\"%s\":", key);
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputs("{\"badge\":", f);
	json_string(f, s->badge);
	json_field(f, "name", s->name);
	json_field(f, "meaning", s->meaning);
	json_field(f, "time", when(s->time_us, t, sizeof t));
	fputc('}', f);
}

static void
alarm_json(FILE *f, const Yoke__Alarm *a)
{
	char n[32];

	alarm_number_text(n, sizeof n, a->id);
	fputs("{\"number\":", f);
	json_string(f, n);
	json_field(f, "state", state_word(a->state));
	json_field(f, "source", source_word(a->source));
	json_field(f, "severity", a->severity == YOKE__ALARM_SEVERITY__ALARM_VIOLATION ?
	    "violation" : a->severity == YOKE__ALARM_SEVERITY__ALARM_WARNING ? "warning" : "");
	json_field(f, "station", a->station);
	json_field(f, "station_kind", a->station_kind);
	json_field(f, "serial", a->serial);
	json_field(f, "work_order", a->work_order);
	json_field(f, "characteristic", a->characteristic);
	json_field(f, "rule", a->rule);
	json_field(f, "detail", a->detail);
	fprintf(f, ",\"stops_station\":%s", a->stops_station ? "true" : "false");
	signature_json(f, "raised", a->raised);
	signature_json(f, "acknowledged", a->acknowledged);
	json_field(f, "cause", a->cause);
	json_field(f, "action", a->action);
	signature_json(f, "resolved", a->resolved);
	json_field(f, "resolution", a->resolution);
	fprintf(f, ",\"escalated\":%u,\"hold\":%" PRIu64 "}", a->escalated, a->hold);
}

/* ---- text ---- */

static void
line(const char *label, const char *value)
{
	if (str_empty(value))
		return;
	table_put(stdout, label, 16);
	printf("%s\n", value);
}

static void
signed_line(const char *label, const Yoke__SignatureRecord *s)
{
	char buf[300], t[40];

	if (s == NULL)
		return;
	snprintf(buf, sizeof buf, _("%s (badge %s), %s UTC"), s->name, s->badge,
	    when(s->time_us, t, sizeof t));
	line(label, buf);
}

static void
alarm_text(const Yoke__Alarm *a)
{
	char n[32], buf[300];

	alarm_number_text(n, sizeof n, a->id);
	printf("%s  %s\n", n, _(alarm_state_name(a->state)));
	snprintf(buf, sizeof buf, "%s, %s", _(alarm_source_name(a->source)),
	    _(alarm_severity_name(a->severity)));
	line(_("Source"), buf);
	snprintf(buf, sizeof buf, "%s (%s)", a->station, a->station_kind);
	line(_("Station"), buf);
	if (a->stops_station)
		line(_("Stops"), a->state == YOKE__ALARM_STATE__ALARM_RAISED ?
		    _("the station, until a lead acknowledges it") : _("the station (no more)"));
	line(_("Unit"), a->serial);
	line(_("Work order"), a->work_order);
	line(_("Characteristic"), a->characteristic);
	line(_("Rule"), a->rule);
	line(_("Detail"), a->detail);
	signed_line(_("Raised by"), a->raised);
	signed_line(_("Acknowledged by"), a->acknowledged);
	line(_("Cause"), a->cause);
	line(_("Action taken"), a->action);
	signed_line(_("Resolved by"), a->resolved);
	line(_("Resolution"), a->resolution);
}

/* ---- commands ---- */

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmQuery q = YOKE__ALARM_QUERY__INIT;
	const char *state = NULL, *station = NULL, *since = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--state", .value = &state },
		{ .name = "--station", .value = &station },
		{ .name = "--since", .value = &since },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&alarm_list, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	bool open = false;
	if (state && !alarm_state_parse(state, &q.state, &open))
		return ctl_usage_why(&alarm_list, _("--state expects raised, acknowledged, resolved "
		    "or open, got \"%s\""), state);
	q.open = open;
	if (since && !ctl_date_us(since, &q.since_us))
		return ctl_usage_why(&alarm_list, _("--since expects a date YYYY-MM-DD, got \"%s\""),
		    since);
	q.station = (char *)(station ? station : "");
	rq.body_case = YOKE__REQUEST__BODY_ALARM_QUERY;
	rq.alarm_query = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	const Yoke__AlarmReply *ar = rp->alarms;
	if (json) {
		putchar('[');
		for (size_t i = 0; i < ar->n_alarms; i++) {
			if (i)
				putchar(',');
			alarm_json(stdout, ar->alarms[i]);
		}
		printf("]\n");
	} else if (ar->n_alarms == 0) {
		printf("%s\n", _("No alarm matches."));
	} else {
		struct table *t = table_new(7);
		table_column(t, 0, _("ALARM"), 0);
		table_column(t, 1, _("STATE"), 0);
		table_column(t, 2, _("STATION"), 0);
		table_column(t, 3, _("SOURCE"), 0);
		table_column(t, 4, _("RAISED (UTC)"), 0);
		table_column(t, 5, _("UNIT"), 0);
		table_column(t, 6, _("DETAIL"), 30);
		for (size_t i = 0; i < ar->n_alarms; i++) {
			const Yoke__Alarm *a = ar->alarms[i];
			char n[32], tm[40], st[80];
			alarm_number_text(n, sizeof n, a->id);
			snprintf(st, sizeof st, a->stops_station &&
			    a->state == YOKE__ALARM_STATE__ALARM_RAISED ? _("%s, stops") : "%s",
			    _(alarm_state_name(a->state)));
			const char *cells[] = { n, st, a->station, _(alarm_source_name(a->source)),
				when(a->raised ? a->raised->time_us : 0, tm, sizeof tm), a->serial,
				a->detail };
			table_row(t, cells);
		}
		table_print(t, stdout);
		table_free(t);
		if (ar->matched > ar->n_alarms)
			printf(_("%u alarms match; the newest %zu are listed.\n"), ar->matched,
			    ar->n_alarms);
	}
	client_reply_free(rp);
	return CTL_OK;
}

/* Prints the one alarm of a reply, and the server's words after an action. */
static int
one(Yoke__Reply *rp, bool json, bool words)
{
	if (rp->alarms->n_alarms != 1) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no alarm"));
	}
	if (json) {
		alarm_json(stdout, rp->alarms->alarms[0]);
		putchar('\n');
	} else if (words) {
		printf("%s\n", rp->message);
	} else {
		alarm_text(rp->alarms->alarms[0]);
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
number_arg(const struct ctl_cmd *cmd, const char **words, size_t nw)
{
	uint64_t id;

	if (nw != 1)
		return ctl_usage_why(cmd, _("which alarm? Its number, such as ALM-000012"));
	if (!alarm_number_parse(words[0], &id))
		return ctl_usage_why(cmd, _("expected an alarm number such as ALM-000012, got \"%s\""),
		    words[0]);
	return CTL_OK;
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmQuery q = YOKE__ALARM_QUERY__INIT;
	const char *words[1];
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&alarm_show, argc, argv, opts, words, 1, &nw)) != CTL_OK ||
	    (rc = number_arg(&alarm_show, words, nw)) != CTL_OK)
		return rc;
	q.number = (char *)words[0];
	rq.body_case = YOKE__REQUEST__BODY_ALARM_QUERY;
	rq.alarm_query = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	return one(rp, json, false);
}

static int
ack_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmAck a = YOKE__ALARM_ACK__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *cause = NULL, *action = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--cause", .value = &cause },
		{ .name = "--action", .value = &action },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&alarm_ack, argc, argv, opts, words, 1, &nw)) != CTL_OK ||
	    (rc = number_arg(&alarm_ack, words, nw)) != CTL_OK)
		return rc;
	if (cause == NULL || action == NULL)
		return ctl_usage_why(&alarm_ack, _("--cause and --action are needed: the assignable "
		    "cause found and the action taken"));
	if (s.n == 0)
		return ctl_usage_why(&alarm_ack, _("--sign BADGE is needed: the lead who signs"));
	a.number = (char *)words[0];
	a.cause = (char *)cause;
	a.action = (char *)action;
	if ((rc = ctl_signers_read(ctl, &alarm_ack, &s)) != CTL_OK)
		return rc;
	a.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_ALARM_ACK;
	rq.alarm_ack = &a;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	return one(rp, json, true);
}

static int
resolve_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AlarmResolve r = YOKE__ALARM_RESOLVE__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *resolution = NULL, *cause = NULL, *action = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--resolution", .value = &resolution },
		{ .name = "--cause", .value = &cause },
		{ .name = "--action", .value = &action },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&alarm_resolve, argc, argv, opts, words, 1, &nw)) != CTL_OK ||
	    (rc = number_arg(&alarm_resolve, words, nw)) != CTL_OK)
		return rc;
	if (resolution == NULL)
		return ctl_usage_why(&alarm_resolve, _("--resolution is needed: what was done to end "
		    "the alarm"));
	if ((cause == NULL) != (action == NULL))
		return ctl_usage_why(&alarm_resolve, _("--cause and --action go together"));
	if (s.n == 0)
		return ctl_usage_why(&alarm_resolve, _("--sign BADGE is needed: who signs"));
	r.number = (char *)words[0];
	r.resolution = (char *)resolution;
	r.cause = (char *)(cause ? cause : "");
	r.action = (char *)(action ? action : "");
	if ((rc = ctl_signers_read(ctl, &alarm_resolve, &s)) != CTL_OK)
		return rc;
	r.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_ALARM_RESOLVE;
	rq.alarm_resolve = &r;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	return one(rp, json, true);
}
