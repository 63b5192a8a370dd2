/*
 * requests.h — the table of requests yoked serves, one handler file each
 * (server/req-<name>.c), and who may send them.
 *
 * The flags drive dispatch (dispatch.c): MUTATING requests run in the
 * batch's write transaction with idempotent retry; SESSION requests need
 * the terminal's session (ctx->session, op and station filled) and a role
 * in `roles`; STATION requests need that session to be at a station, not a
 * yokectl sign-in. A request without SESSION is open to any device the
 * server admitted (in CURVE mode: enrolled). FIRST lets a SESSION request
 * through without one while the plant has no people at all (the first
 * load of a fresh store: nobody could sign in yet; the device's enrolment
 * is the trust). This table is the one place authority is decided;
 * PROTOCOL.md prints it.
 */
#ifndef YOKE_REQUESTS_H
#define YOKE_REQUESTS_H

#include "server/server.h"

enum { REQ_MUTATING = 1, REQ_SESSION = 2, REQ_STATION = 4, REQ_FIRST = 8 };

#define ROLE_BIT(r) (1u << (unsigned)(r))
#define ROLES_UNIT_WORK (ROLE_BIT(YOKE__ROLE__ROLE_OPERATOR) | ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR))
#define ROLES_ENGINEERING (ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER) | ROLE_BIT(YOKE__ROLE__ROLE_ADMIN))
#define ROLES_ADMIN ROLE_BIT(YOKE__ROLE__ROLE_ADMIN)
/* Who acts on quality: holds, NCRs, dispositions (each decision is also signed). */
#define ROLES_QUALITY (ROLE_BIT(YOKE__ROLE__ROLE_LEAD) | ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | \
    ROLE_BIT(YOKE__ROLE__ROLE_ENGINEER))
/* Who reads the work report and the exports: everyone but an operator. */
#define ROLES_REPORTS (ROLES_QUALITY | ROLES_ADMIN)
#define ROLES_ANY (ROLE_BIT(YOKE__ROLE__ROLE_OPERATOR) | ROLE_BIT(YOKE__ROLE__ROLE_LEAD) | \
    ROLE_BIT(YOKE__ROLE__ROLE_INSPECTOR) | ROLES_ENGINEERING)

struct request_type {
	int body;                       /* Yoke__Request__BodyCase */
	const char *name;
	const char *what;               /* for refusals: "Loading definitions" (an English
	                                 * message id: _(what) in a reply, as it is in a log) */
	unsigned flags;
	unsigned roles;                 /* ROLE_BIT()s that may send it (SESSION requests) */
	enum outcome (*handle)(struct ctx *c);
};

const struct request_type *request_lookup(int body);
/* The table, for PROTOCOL.md's generator and tests. */
const struct request_type *request_table(size_t *n);
/* "an operator or an inspector", in the current language (i18n.h). */
void request_roles_text(unsigned roles, char *buf, size_t size);
/* "an operator", "a lead", ...: a person of the role, in the current language. */
const char *request_role_text(Yoke__Role role);
/* "operator", "lead", ...: the role's name, in the current language (the
 * definition files' words are defs_role_name()). */
const char *request_role_name(Yoke__Role role);

enum outcome req_receive(struct ctx *c);
enum outcome req_lots(struct ctx *c);
enum outcome req_lot_status(struct ctx *c);
enum outcome req_recall(struct ctx *c);
enum outcome req_recall_hold(struct ctx *c);
enum outcome req_supplier_scorecard(struct ctx *c);
enum outcome req_scar_open(struct ctx *c);
enum outcome req_scar_update(struct ctx *c);
enum outcome req_scars(struct ctx *c);
enum outcome req_setup_load(struct ctx *c);
enum outcome req_setup_unload(struct ctx *c);
enum outcome req_setup(struct ctx *c);
enum outcome req_iqc(struct ctx *c);
enum outcome req_iqc_record(struct ctx *c);
enum outcome req_iqc_decide(struct ctx *c);
enum outcome req_iqc_lift(struct ctx *c);
enum outcome req_andon(struct ctx *c);
enum outcome req_outbox(struct ctx *c);
enum outcome req_equipment_batch(struct ctx *c);
enum outcome req_equipment_stats(struct ctx *c);
enum outcome req_spc(struct ctx *c);
enum outcome req_spc_list(struct ctx *c);
enum outcome req_spc_limits_set(struct ctx *c);
enum outcome req_alarms(struct ctx *c);
enum outcome req_alarm_ack(struct ctx *c);
enum outcome req_alarm_resolve(struct ctx *c);
enum outcome req_gauge_check(struct ctx *c);
enum outcome req_gauges(struct ctx *c);
enum outcome req_gauge_calibrate(struct ctx *c);
enum outcome req_gauge_block(struct ctx *c);
enum outcome req_coq(struct ctx *c);
enum outcome req_coq_add(struct ctx *c);
enum outcome req_line_status(struct ctx *c);
enum outcome req_wo_priority(struct ctx *c);
enum outcome req_hello(struct ctx *c);
enum outcome req_badge_in(struct ctx *c);
enum outcome req_badge_out(struct ctx *c);
enum outcome req_queue(struct ctx *c);
enum outcome req_open_unit(struct ctx *c);
enum outcome req_step(struct ctx *c);
enum outcome req_complete(struct ctx *c);
enum outcome req_load(struct ctx *c);
enum outcome req_release(struct ctx *c);
enum outcome req_trace(struct ctx *c);
enum outcome req_units(struct ctx *c);
enum outcome req_where_used(struct ctx *c);
enum outcome req_set_pin(struct ctx *c);
enum outcome req_change_pin(struct ctx *c);
enum outcome req_defects(struct ctx *c);
enum outcome req_hold(struct ctx *c);
enum outcome req_release_hold(struct ctx *c);
enum outcome req_holds(struct ctx *c);
enum outcome req_raise_ncr(struct ctx *c);
enum outcome req_ncrs(struct ctx *c);
enum outcome req_disposition(struct ctx *c);
enum outcome req_close_ncr(struct ctx *c);
enum outcome req_capa_open(struct ctx *c);
enum outcome req_capa_update(struct ctx *c);
enum outcome req_capas(struct ctx *c);
enum outcome req_worklist(struct ctx *c);
enum outcome req_move_unit(struct ctx *c);
enum outcome req_work_report(struct ctx *c);
enum outcome req_export(struct ctx *c);

#endif
