/* requests.c — the request table; see requests.h. */
#include "server/requests.h"
#include "shared/i18n.h"
#include "shared/list_text.h"

#include <stddef.h>
#include <stdio.h>

#define M REQ_MUTATING
#define S REQ_SESSION
#define ST REQ_STATION
#define F REQ_FIRST

static const struct request_type types[] = {
	{ YOKE__REQUEST__BODY_HELLO, "hello", N_("Hello"), 0, 0, req_hello },
	{ YOKE__REQUEST__BODY_BADGE_IN, "badge_in", N_("Badging in"), M, 0, req_badge_in },
	{ YOKE__REQUEST__BODY_BADGE_OUT, "badge_out", N_("Badging out"), M | S, ROLES_ANY,
	    req_badge_out },
	{ YOKE__REQUEST__BODY_QUEUE, "queue", N_("A queue"), 0, 0, req_queue },
	{ YOKE__REQUEST__BODY_OPEN_UNIT, "open_unit", N_("Opening a unit"), M | S | ST, ROLES_UNIT_WORK,
	    req_open_unit },
	{ YOKE__REQUEST__BODY_STEP, "step", N_("Recording a step"), M | S | ST, ROLES_UNIT_WORK, req_step },
	{ YOKE__REQUEST__BODY_COMPLETE, "complete", N_("Completing an operation"), M | S | ST,
	    ROLES_UNIT_WORK, req_complete },
	{ YOKE__REQUEST__BODY_LOAD, "load", N_("Loading definitions"), M | S | F, ROLES_ENGINEERING,
	    req_load },
	{ YOKE__REQUEST__BODY_RELEASE, "release", N_("Releasing a work order"), M | S, ROLES_ENGINEERING,
	    req_release },
	{ YOKE__REQUEST__BODY_TRACE, "trace", N_("A trace"), 0, 0, req_trace },
	{ YOKE__REQUEST__BODY_UNITS, "units", N_("A unit listing"), 0, 0, req_units },
	{ YOKE__REQUEST__BODY_WHERE_USED, "where_used", N_("A where-used query"), 0, 0, req_where_used },
	{ YOKE__REQUEST__BODY_SET_PIN, "set_pin", N_("Setting a PIN"), M | S, ROLES_ADMIN, req_set_pin },
	{ YOKE__REQUEST__BODY_CHANGE_PIN, "change_pin", N_("Changing a PIN"), M, 0, req_change_pin },
	{ YOKE__REQUEST__BODY_DEFECTS, "defects", N_("The defect codes"), 0, 0, req_defects },
	{ YOKE__REQUEST__BODY_HOLD, "hold", N_("Placing a hold"), M | S, ROLES_QUALITY, req_hold },
	{ YOKE__REQUEST__BODY_RELEASE_HOLD, "release_hold", N_("Releasing a hold"), M | S, ROLES_QUALITY,
	    req_release_hold },
	{ YOKE__REQUEST__BODY_HOLDS, "holds", N_("A hold listing"), 0, 0, req_holds },
	{ YOKE__REQUEST__BODY_RAISE_NCR, "raise_ncr", N_("Raising an NCR"), M | S, ROLES_QUALITY,
	    req_raise_ncr },
	{ YOKE__REQUEST__BODY_NCRS, "ncrs", N_("An NCR listing"), 0, 0, req_ncrs },
	{ YOKE__REQUEST__BODY_DISPOSITION, "disposition", N_("A disposition"), M | S, ROLES_QUALITY,
	    req_disposition },
	{ YOKE__REQUEST__BODY_CLOSE_NCR, "close_ncr", N_("Closing an NCR"), M | S, ROLES_QUALITY,
	    req_close_ncr },
	/* The signature of each step decides who (capa.h); an action's owner
	 * may be any person, so any role may send an update. */
	{ YOKE__REQUEST__BODY_CAPA_OPEN, "capa_open", N_("Opening a CAPA"), M | S, ROLES_QUALITY,
	    req_capa_open },
	{ YOKE__REQUEST__BODY_CAPA_UPDATE, "capa_update", N_("Moving a CAPA on"), M | S, ROLES_ANY,
	    req_capa_update },
	{ YOKE__REQUEST__BODY_CAPAS, "capas", N_("A CAPA listing"), 0, 0, req_capas },
	{ YOKE__REQUEST__BODY_WORKLIST, "worklist", N_("A worklist"), 0, 0, req_worklist },
	{ YOKE__REQUEST__BODY_MOVE_UNIT, "move_unit", N_("Moving a unit off its station"), M | S,
	    ROLE_BIT(YOKE__ROLE__ROLE_LEAD), req_move_unit },
	/* An operator receives at a RECEIVING station (the handler checks). */
	{ YOKE__REQUEST__BODY_RECEIVE, "receive", N_("Receiving a lot"), M | S, ROLES_ANY,
	    req_receive },
	{ YOKE__REQUEST__BODY_LOTS, "lots", N_("A lot listing"), 0, 0, req_lots },
	/* Who signs which change: req-lot-status.c. */
	{ YOKE__REQUEST__BODY_LOT_STATUS, "lot_status", N_("Changing a lot's status"), M | S,
	    ROLES_QUALITY, req_lot_status },
	{ YOKE__REQUEST__BODY_RECALL, "recall", N_("A recall"), 0, 0, req_recall },
	{ YOKE__REQUEST__BODY_RECALL_HOLD, "recall_hold", N_("Holding a recall"), M | S, ROLES_QUALITY,
	    req_recall_hold },
	{ YOKE__REQUEST__BODY_SCORECARD, "scorecard", N_("A supplier scorecard"), 0, 0,
	    req_supplier_scorecard },
	{ YOKE__REQUEST__BODY_SCAR_OPEN, "scar_open", N_("Opening a SCAR"), M | S, ROLES_QUALITY,
	    req_scar_open },
	{ YOKE__REQUEST__BODY_SCAR_UPDATE, "scar_update", N_("Recording a SCAR's answer"), M | S,
	    ROLES_QUALITY, req_scar_update },
	{ YOKE__REQUEST__BODY_SCARS, "scars", N_("A SCAR listing"), 0, 0, req_scars },
	/* Whoever works at the station loads its material (setup.h). */
	{ YOKE__REQUEST__BODY_SETUP_LOAD, "setup_load", N_("Loading a lot at a station"),
	    M | S | ST, ROLES_ANY, req_setup_load },
	{ YOKE__REQUEST__BODY_SETUP_UNLOAD, "setup_unload", N_("Unloading a lot at a station"),
	    M | S | ST, ROLES_ANY, req_setup_unload },
	{ YOKE__REQUEST__BODY_SETUP, "setup", N_("A station's material setup"), 0, 0, req_setup },
	/* Incoming inspection: an inspector records and decides (signed);
	 * an engineer lifts a block (signed). */
	{ YOKE__REQUEST__BODY_IQC, "iqc", N_("An inspection lot listing"), 0, 0, req_iqc },
	{ YOKE__REQUEST__BODY_IQC_RECORD, "iqc_record", N_("Recording an incoming inspection"),
	    M | S, ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR), req_iqc_record },
	{ YOKE__REQUEST__BODY_IQC_DECIDE, "iqc_decide", N_("Deciding an incoming inspection"),
	    M | S, ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR), req_iqc_decide },
	{ YOKE__REQUEST__BODY_IQC_LIFT, "iqc_lift", N_("Lifting a supplier's block"), M | S,
	    ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER), req_iqc_lift },
	/* Alarms (server/alarm/alarm.h): whoever works at a station may call for help. */
	{ YOKE__REQUEST__BODY_ANDON, "andon", N_("Calling for help"), M | S | ST, ROLES_ANY,
	    req_andon },
	/* Notifications (server/notify/outbox.h): what the outbox holds, for yokectl. */
	{ YOKE__REQUEST__BODY_OUTBOX, "outbox", N_("An outbox listing"), 0, 0, req_outbox },
	/* Equipment data (server/equipment/equipment.h): an enrolled bridge sends
	 * values for the stations its certificate lists; no person is involved. */
	{ YOKE__REQUEST__BODY_EQUIPMENT_BATCH, "equipment_batch", N_("Recording equipment values"), M,
	    0, req_equipment_batch },
	{ YOKE__REQUEST__BODY_EQUIPMENT_STATS, "equipment_stats", N_("The equipment data statistics"),
	    0, 0, req_equipment_stats },
	/* SPC (server/spc/): anyone reads a chart; an engineer changes limits (signed). */
	{ YOKE__REQUEST__BODY_SPC, "spc", N_("An SPC chart"), 0, 0, req_spc },
	{ YOKE__REQUEST__BODY_SPC_LIST, "spc_list", N_("The SPC characteristics"), 0, 0,
	    req_spc_list },
	{ YOKE__REQUEST__BODY_SPC_LIMITS_SET, "spc_limits_set", N_("Changing control limits"), M | S,
	    ROLES_ENGINEERING, req_spc_limits_set },
	/* A lead signs an acknowledgement; a lead, inspector or engineer a
	 * resolution (req-alarm-resolve.c): the signature decides who. */
	{ YOKE__REQUEST__BODY_ALARM_QUERY, "alarm_query", N_("An alarm listing"), 0, 0, req_alarms },
	{ YOKE__REQUEST__BODY_ALARM_ACK, "alarm_ack", N_("Acknowledging an alarm"), M | S,
	    ROLES_QUALITY, req_alarm_ack },
	{ YOKE__REQUEST__BODY_ALARM_RESOLVE, "alarm_resolve", N_("Resolving an alarm"), M | S,
	    ROLES_QUALITY, req_alarm_resolve },
	/* The pre-start gate (server/gate/gate.h): a station checks a scanned
	 * gauge; the signature decides who calibrates (inspector, engineer)
	 * and who blocks (lead, inspector, engineer). */
	{ YOKE__REQUEST__BODY_GAUGE_CHECK, "gauge_check", N_("A gauge check"), 0, 0, req_gauge_check },
	{ YOKE__REQUEST__BODY_GAUGES, "gauges", N_("A gauge listing"), 0, 0, req_gauges },
	{ YOKE__REQUEST__BODY_GAUGE_CALIBRATE, "gauge_calibrate", N_("Recording a calibration"),
	    M | S, ROLES_QUALITY, req_gauge_calibrate },
	{ YOKE__REQUEST__BODY_GAUGE_BLOCK, "gauge_block", N_("Blocking or unblocking a gauge"),
	    M | S, ROLES_QUALITY, req_gauge_block },
	/* The cost of quality (server/coq/coq.h): anyone reads the report; a
	 * return, claim or training is entered signed (req-coq-add.c). */
	{ YOKE__REQUEST__BODY_COQ, "coq", N_("A cost of quality report"), 0, 0, req_coq },
	{ YOKE__REQUEST__BODY_COQ_ADD, "coq_add", N_("Entering a cost of quality"), M | S,
	    ROLES_QUALITY, req_coq_add },
	/* Work reporting and exports (server/report/): read-only, but what
	 * the line did and who did it is for a desk session of a lead, an
	 * inspector, an engineer or an admin. */
	{ YOKE__REQUEST__BODY_WORK_REPORT, "work_report", N_("A work report"), S, ROLES_REPORTS,
	    req_work_report },
	{ YOKE__REQUEST__BODY_EXPORTS, "exports", N_("An export"), S, ROLES_REPORTS, req_export },
	/* The line monitor (server/line/line.h): read-only, yet for a lead, an
	 * engineer or an admin; the handler checks the session (a read has no
	 * TerminalRecord from dispatch). A lead signs a priority change. */
	{ YOKE__REQUEST__BODY_LINE_STATUS, "line_status", N_("The line monitor"), 0, 0,
	    req_line_status },
	{ YOKE__REQUEST__BODY_WO_PRIORITY, "wo_priority", N_("Changing a work order's priority"),
	    M | S, ROLE_BIT(YOKE__ROLE__ROLE_LEAD) | ROLES_ENGINEERING, req_wo_priority },
};

const struct request_type *
request_lookup(int body)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i].body == body)
			return &types[i];
	return NULL;
}

const struct request_type *
request_table(size_t *n)
{
	*n = sizeof types / sizeof types[0];
	return types;
}

/* A person of each role, as a sentence names them. */
static const char *const role_a[] = {
	[YOKE__ROLE__ROLE_OPERATOR] = N_("an operator"),
	[YOKE__ROLE__ROLE_LEAD] = N_("a lead"),
	[YOKE__ROLE__ROLE_INSPECTOR] = N_("an inspector"),
	[YOKE__ROLE__ROLE_ENGINEER] = N_("an engineer"),
	[YOKE__ROLE__ROLE_ADMIN] = N_("an admin"),
};

/* The role itself. */
static const char *const role_name[] = {
	[YOKE__ROLE__ROLE_OPERATOR] = N_("operator"),
	[YOKE__ROLE__ROLE_LEAD] = N_("lead"),
	[YOKE__ROLE__ROLE_INSPECTOR] = N_("inspector"),
	[YOKE__ROLE__ROLE_ENGINEER] = N_("engineer"),
	[YOKE__ROLE__ROLE_ADMIN] = N_("admin"),
};

const char *
request_role_name(Yoke__Role role)
{
	if ((size_t)role >= sizeof role_name / sizeof role_name[0] || role_name[role] == NULL)
		return _("no role");
	return _(role_name[role]);
}

const char *
request_role_text(Yoke__Role role)
{
	if ((size_t)role >= sizeof role_a / sizeof role_a[0] || role_a[role] == NULL)
		return _("a person without a role");
	return _(role_a[role]);
}

/* Sets of roles the table names, as a sentence names their people. */
static const struct {
	unsigned roles;
	const char *text;
} role_sets[] = {
	{ ROLES_UNIT_WORK, N_("an operator or an inspector") },
	{ ROLES_ENGINEERING, N_("an engineer or an admin") },
	{ ROLES_QUALITY, N_("a lead, an inspector or an engineer") },
	{ ROLES_REPORTS, N_("a lead, an inspector, an engineer or an admin") },
};

void
request_roles_text(unsigned roles, char *buf, size_t size)
{
	static const Yoke__Role order[] = { YOKE__ROLE__ROLE_OPERATOR, YOKE__ROLE__ROLE_INSPECTOR,
		YOKE__ROLE__ROLE_LEAD, YOKE__ROLE__ROLE_ENGINEER, YOKE__ROLE__ROLE_ADMIN };
	const char *names[sizeof order / sizeof order[0]];
	size_t n = 0;
	for (size_t i = 0; i < sizeof role_sets / sizeof role_sets[0]; i++)
		if (role_sets[i].roles == roles) {
			snprintf(buf, size, "%s", _(role_sets[i].text));
			return;
		}
	/* Any other set: its people listed. */
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (roles & ROLE_BIT(order[i]))
			names[n++] = request_role_text(order[i]);
	list_text(buf, size, names, n);
}
