/*
 * commands.c — yokectl's command table and the options before a command:
 * what `yokectl --help` lists and ctl.c dispatches. Apart from main, so
 * the unit tests that link yokectl's objects (libctl.a) have the table too.
 */
#include "terminal/ctl/ctl.h"

extern const struct ctl_cmd ctl_cmd_load, ctl_cmd_wo, ctl_cmd_label, ctl_cmd_queue,
    ctl_cmd_trace, ctl_cmd_units, ctl_cmd_gs1, ctl_cmd_sample, ctl_cmd_spc, ctl_cmd_keys,
    ctl_cmd_pin, ctl_cmd_holds, ctl_cmd_hold, ctl_cmd_release, ctl_cmd_ncr, ctl_cmd_defects;
/* Corrective and preventive actions (capa.c). */
extern const struct ctl_cmd ctl_cmd_capa;
/* The barcodes in a picture (scan.c). */
extern const struct ctl_cmd ctl_cmd_scan;
/* Receiving and lots (receive.c, lot.c). */
extern const struct ctl_cmd ctl_cmd_receive, ctl_cmd_lots, ctl_cmd_lot;
/* Recall, suppliers, SCARs (recall.c, supplier.c, scar.c). */
extern const struct ctl_cmd ctl_cmd_recall, ctl_cmd_supplier, ctl_cmd_scar;
/* A station's material setup (setup.c). */
extern const struct ctl_cmd ctl_cmd_setup;
/* Incoming inspection (iqc.c). */
extern const struct ctl_cmd ctl_cmd_iqc;
/* What the server sends out: escalation e-mails and webhooks (outbox.c). */
extern const struct ctl_cmd ctl_cmd_outbox;
/* Equipment data from MQTT (equipment.c). */
extern const struct ctl_cmd ctl_cmd_equipment;
/* Alarms (alarm.c). */
extern const struct ctl_cmd ctl_cmd_alarm;
/* Gauges and equipment: calibration and blocks (gauge.c). */
extern const struct ctl_cmd ctl_cmd_gauge;

/* The cost of quality (coq.c) and costs entered by hand (coq_claim.c). */
extern const struct ctl_cmd ctl_cmd_coq, ctl_cmd_claim;
/* The HTML report (report_html.c); until `report --html` calls it. */
extern const struct ctl_cmd ctl_cmd_report_html;

/* In the order of `yokectl --help`, group by group. */
const struct ctl_cmd *const ctl_commands[] = {
	&ctl_cmd_load, &ctl_cmd_wo, &ctl_cmd_units, &ctl_cmd_queue, &ctl_cmd_setup, &ctl_cmd_trace,
	&ctl_cmd_outbox,
	&ctl_cmd_holds, &ctl_cmd_hold, &ctl_cmd_release, &ctl_cmd_ncr, &ctl_cmd_defects,
	&ctl_cmd_capa, &ctl_cmd_alarm, &ctl_cmd_coq, &ctl_cmd_claim, &ctl_cmd_report_html,
	&ctl_cmd_receive, &ctl_cmd_lots, &ctl_cmd_lot, &ctl_cmd_iqc,
	&ctl_cmd_recall, &ctl_cmd_supplier, &ctl_cmd_scar,
	&ctl_cmd_label, &ctl_cmd_gs1, &ctl_cmd_scan, &ctl_cmd_sample, &ctl_cmd_spc,
	&ctl_cmd_equipment, &ctl_cmd_keys, &ctl_cmd_pin,
	&ctl_cmd_label, &ctl_cmd_gs1, &ctl_cmd_scan, &ctl_cmd_sample, &ctl_cmd_spc, &ctl_cmd_gauge,
	&ctl_cmd_keys, &ctl_cmd_pin,
	NULL,
};

const struct ctl_option ctl_global_options[] = {
	{ N_("--server ENDPOINT"), N_("the server, e.g. tcp://mes.plant:7700") },
	{ N_("--cert FILE"), N_("this installation's certificate (default $YOKE_CERT); an admin makes "
	    "it with yokectl keys enrol. Without one only a yoked started with --plain answers") },
	{ "--badge B", N_("who signs in when a command needs a person (load, wo release, pin "
	    "set); default $YOKE_BADGE. A command that is signed (--sign) signs in as its first "
	    "signer instead") },
	{ "--pin-fd N", N_("read that person's PIN from file descriptor N (scripts); default: "
	    "asked at the terminal, not shown") },
	{ "--timeout MS", N_("wait MS milliseconds for each of three tries (default 2000)") },
	{ "-h, --help", N_("this help; yokectl COMMAND --help shows one command's") },
	{ "--version", N_("the version of yokectl, the protocol it speaks and its build") },
	{ "--list-commands", N_("every command and sub-command, one a line (for scripts and shell "
	    "completion)") },
	{ NULL, NULL },
};
