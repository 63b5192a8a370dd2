/*
 * equipment.c — yokectl equipment stats [STATION]: what the condensed
 * equipment series hold (server/equipment/equipment.h): per station and
 * parameter the raw values that came in and their rate, the trend records
 * (one per minute), the values kept because they broke a limit, the bytes
 * stored and the bytes per raw value; and the values refused (unknown
 * station or parameter, invalid, a station the bridge may not speak for,
 * and what the bridges refused themselves). Read-only.
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

static int stats_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option stats_options[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example stats_examples[] = {
	{ "yokectl equipment stats", N_("every parameter's raw values and what is stored for them") },
	{ "yokectl equipment stats REFLOW-1 --json", N_("one station's, as JSON") },
	{ NULL, NULL },
};

extern const struct ctl_cmd ctl_cmd_equipment;

static const struct ctl_cmd equipment_stats = {
	.name = "stats",
	.parent = &ctl_cmd_equipment,
	.group = CTL_GROUP_QUALITY,
	.usage = N_("[STATION] [--json]"),
	.summary = N_("raw values and stored bytes per equipment parameter"),
	.description = N_("Shows, for each parameter a station's equipment publishes, how many "
	    "values came in and at what rate, how many one-minute trend records and kept "
	    "out-of-limit values store them, and the bytes stored; then the values refused: for "
	    "no defined parameter, invalid, for a station the bridge is not enrolled for, and "
	    "what the bridges could not read."),
	.options = stats_options,
	.examples = stats_examples,
	.exec = stats_exec,
};

static const struct ctl_cmd *const equipment_subs[] = { &equipment_stats, NULL };

const struct ctl_cmd ctl_cmd_equipment = {
	.name = "equipment",
	.group = CTL_GROUP_QUALITY,
	.usage = N_("stats [STATION] [--json]"),
	.summary = N_("equipment data from MQTT: what came in and what is stored"),
	.description = N_("Equipment publishes parameter values over MQTT; yoke-bridge passes "
	    "them to the server, which keeps a trend record per minute and every value outside "
	    "the parameter's limits (equipment_param in the definitions)."),
	.subs = equipment_subs,
};

/* Values per second over the span from the first to the newest value. */
static double
rate_of(const Yoke__EquipmentParamStats *s)
{
	double span = (double)(s->last_us - s->first_us) / 1e6;
	return span > 0 ? (double)s->raw_values / span : 0;
}

static void
print_json(const Yoke__EquipmentStatsReply *r)
{
	const Yoke__EquipmentRejects *b = r->bridges;
	printf("{\"parameters\":[");
	for (size_t i = 0; i < r->n_params; i++) {
		const Yoke__EquipmentParamStats *s = r->params[i];
		char first[32], last[32];
		format_time_us(s->first_us, first, sizeof first);
		format_time_us(s->last_us, last, sizeof last);
		printf("%s{\"station\":", i ? "," : "");
		json_string(stdout, s->station);
		json_field(stdout, "parameter", s->parameter);
		json_field(stdout, "unit", s->unit);
		printf(",\"raw_values\":%llu,\"raw_rate_per_s\":%.3f", (unsigned long long)s->raw_values,
		    rate_of(s));
		json_field(stdout, "first", first);
		json_field(stdout, "last", last);
		printf(",\"trend_records\":%llu,\"limit_points\":%llu,\"stored_bytes\":%llu,"
		    "\"last_value\":%.17g", (unsigned long long)s->trend_records,
		    (unsigned long long)s->limit_points, (unsigned long long)s->stored_bytes,
		    s->last_value);
		json_field(stdout, "last_serial", s->last_serial);
		putchar('}');
	}
	printf("],\"batches\":%llu,\"unknown\":%llu,\"invalid\":%llu,\"not_allowed\":%llu,"
	    "\"bridge_malformed\":%llu,\"bridge_oversize\":%llu,\"bridge_dropped\":%llu}\n",
	    (unsigned long long)r->batches, (unsigned long long)r->unknown,
	    (unsigned long long)r->invalid, (unsigned long long)r->not_allowed,
	    (unsigned long long)(b ? b->malformed : 0), (unsigned long long)(b ? b->oversize : 0),
	    (unsigned long long)(b ? b->dropped : 0));
}

static void
print_text(const Yoke__EquipmentStatsReply *r)
{
	const Yoke__EquipmentRejects *b = r->bridges;
	printf(P_("Equipment data: %zu parameter\n", "Equipment data: %zu parameters\n", r->n_params),
	    r->n_params);
	if (r->n_params > 0)
		printf("%-12s %-16s %10s %9s %7s %7s %10s %7s\n", _("station"), _("parameter"),
		    _("raw"), _("per s"), _("minutes"), _("kept"), _("bytes"), _("B/value"));
	for (size_t i = 0; i < r->n_params; i++) {
		const Yoke__EquipmentParamStats *s = r->params[i];
		printf("%-12s %-16s %10llu %9.2f %7llu %7llu %10llu %7.2f\n", s->station, s->parameter,
		    (unsigned long long)s->raw_values, rate_of(s), (unsigned long long)s->trend_records,
		    (unsigned long long)s->limit_points, (unsigned long long)s->stored_bytes,
		    s->raw_values ? (double)s->stored_bytes / (double)s->raw_values : 0.0);
	}
	printf(_("Refused by the server: %llu for no defined parameter, %llu invalid, %llu for "
	    "stations a bridge is not enrolled for (in %llu batches)\n"), (unsigned long long)r->unknown,
	    (unsigned long long)r->invalid, (unsigned long long)r->not_allowed,
	    (unsigned long long)r->batches);
	printf(_("Refused by the bridges: %llu unreadable, %llu too large, %llu dropped while the "
	    "server was away\n"), (unsigned long long)(b ? b->malformed : 0),
	    (unsigned long long)(b ? b->oversize : 0), (unsigned long long)(b ? b->dropped : 0));
}

static int
stats_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__EquipmentStatsQuery q = YOKE__EQUIPMENT_STATS_QUERY__INIT;
	Yoke__Reply *rp;
	bool json = false;
	const char *words[1];
	size_t nw = 0;
	const struct ctl_opt opts[] = { { .name = "--json", .flag = &json }, { .name = NULL } };
	int rc;

	if ((rc = ctl_parse(&equipment_stats, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	ctl_set_json(json);
	q.station = nw ? (char *)words[0] : (char *)"";
	rq.body_case = YOKE__REQUEST__BODY_EQUIPMENT_STATS;
	rq.equipment_stats = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (rp->body_case != YOKE__REPLY__BODY_EQUIPMENT_STATS || rp->equipment_stats == NULL) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, "%s", _("the server answered without the equipment "
		    "statistics"));
	}
	if (json)
		print_json(rp->equipment_stats);
	else
		print_text(rp->equipment_stats);
	client_reply_free(rp);
	return CTL_OK;
}
