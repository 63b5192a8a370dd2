/*
 * scar_sign.c — the signed steps of a SCAR: open, and update (the 8D
 * answer, the due date, or close). What can be told here is refused here,
 * before any PIN is asked; the evidence that closes a SCAR is the server's
 * to judge.
 */
#include "terminal/ctl/ncr.h"
#include "terminal/ctl/scar_show.h"
#include "shared/util.h"

#include <string.h>

static int open_exec(struct ctl *ctl, int argc, char **argv);
static int update_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option open_options[] = {
	{ "--ncr NUMBER", N_("open it from this lot NCR: its lot's supplier and part") },
	{ N_("--supplier CODE"), N_("by hand: the supplier (with --part)") },
	{ N_("--part PART"), N_("by hand: the supplier's part") },
	{ "--due YYYY-MM-DD", N_("when the supplier's 8D answer is due (required)") },
	{ N_("--problem TEXT"), N_("what is wrong (default, from an NCR: its text)") },
	{ "--lots N", N_("accepted lots in a row that close it (default 3, at most 50)") },
	{ N_("--sign BADGE"), N_("who opens it: a lead, an inspector or an engineer; the PIN is "
	    "asked at the terminal, or read from --pin-fd (required)") },
	{ "--json", N_("print JSON for scripts: the new SCAR") },
	{ NULL, NULL },
};

static const struct ctl_example open_examples[] = {
	{ "yokectl scar open --ncr NCR-000014 --due 2026-12-15 --sign 3001",
	    N_("a SCAR to the supplier of the lot of NCR-000014") },
	{ "yokectl scar open --supplier ACME --part MCU-F407 --problem \"Oxidized leads\" "
	    "--due 2026-12-15 --lots 5 --sign 3001", N_("by hand; five good lots in a row close it") },
	{ NULL, NULL },
};

const struct ctl_cmd scar_open = {
	.name = "open",
	.parent = &ctl_cmd_scar,
	.group = CTL_GROUP_NC,
	.usage = N_("--ncr NUMBER | --supplier CODE --part PART  --due YYYY-MM-DD [--problem TEXT] "
	    "[--lots N] --sign BADGE [--json]"),
	.summary = N_("open a SCAR from a lot NCR or for a supplier and part, signed"),
	.description = N_("Opens a supplier corrective action request: from a lot NCR (the supplier "
	    "and part of its lot's record) or by hand for a supplier and a part, with the date the "
	    "supplier's 8D answer is due. One SCAR is open at a time per supplier and part. Signed "
	    "with badge and PIN."),
	.options = open_options,
	.examples = open_examples,
	.exec = open_exec,
};

static const struct ctl_option update_options[] = {
	{ N_("--d1 TEXT"), N_("D1: the supplier's team") },
	{ N_("--d2 TEXT"), N_("D2: the problem as the supplier describes it") },
	{ N_("--d3 TEXT"), N_("D3: containment") },
	{ N_("--d4 TEXT"), N_("D4: root cause") },
	{ N_("--d5 TEXT"), N_("D5: corrective action chosen") },
	{ N_("--d6 TEXT"), N_("D6: corrective action implemented and validated") },
	{ N_("--d7 TEXT"), N_("D7: how recurrence is prevented") },
	{ N_("--d8 TEXT"), N_("D8: the team recognised") },
	{ "--due YYYY-MM-DD", N_("a new due date for the answer") },
	{ "--close", N_("close it: refused until the lots required are accepted and D4 and D5 are "
	    "recorded") },
	{ N_("--note TEXT"), N_("a remark kept with the step") },
	{ N_("--sign BADGE"), N_("who records it: a lead, an inspector or an engineer (required)") },
	{ "--json", N_("print JSON for scripts: the SCAR as it now stands") },
	{ NULL, NULL },
};

static const struct ctl_example update_examples[] = {
	{ "yokectl scar update 3 --d4 \"Plating bath out of control\" --d5 \"SPC on the bath\" "
	    "--sign 3001", N_("record the supplier's root cause and action") },
	{ "yokectl scar update 3 --close --note \"3 good lots\" --sign 3001",
	    N_("close it once the lots show the action worked") },
	{ NULL, NULL },
};

const struct ctl_cmd scar_update = {
	.name = "update",
	.parent = &ctl_cmd_scar,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--d1 TEXT ... --d8 TEXT] [--due YYYY-MM-DD] [--close] [--note TEXT] "
	    "--sign BADGE [--json]"),
	.summary = N_("record the supplier's 8D answer, move the due date, or close, signed"),
	.description = N_("Records the supplier's answer in 8D form (each field given replaces the "
	    "one stored), moves the answer's due date, or closes the SCAR. Closing is refused until "
	    "the root cause (D4) and the corrective action (D5) are recorded and the lots of the "
	    "part received from the supplier since the SCAR opened show it: the number required, "
	    "accepted in a row (a lot rejected, quarantined or blocked starts the count again)."),
	.options = update_options,
	.examples = update_examples,
	.exec = update_exec,
};

static int
open_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScarOpen o = YOKE__SCAR_OPEN__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *ncr, *supplier, *part, *due, *problem, *lots;
	char number[64];
	uint64_t n = 0;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--ncr", .value = &ncr },
		{ .name = "--supplier", .value = &supplier },
		{ .name = "--part", .value = &part },
		{ .name = "--due", .value = &due },
		{ .name = "--problem", .value = &problem },
		{ .name = "--lots", .value = &lots },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	int64_t us;

	if ((rc = ctl_parse(&scar_open, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (ncr == NULL && (supplier == NULL || part == NULL))
		return ctl_usage_why(&scar_open, _("from what? Give --ncr NUMBER, or --supplier CODE and "
		    "--part PART"));
	if (due == NULL || !ctl_date_us(due, &us))
		return ctl_usage_why(&scar_open, _("--due expects the date the answer is due, "
		    "YYYY-MM-DD"));
	if (lots && !ctl_count(lots, 50, &n))
		return ctl_usage_why(&scar_open, _("--lots expects a number 1 to 50, got \"%s\""), lots);
	if ((rc = ctl_signers_read(ctl, &scar_open, &s)) != CTL_OK)
		return rc;
	if (ncr) {
		ncr_number(ncr, number, sizeof number);
		o.ncr = number;
	}
	o.supplier = (char *)(supplier ? supplier : "");
	o.part = (char *)(part ? part : "");
	o.response_due = (char *)due;
	o.problem = (char *)(problem ? problem : "");
	o.lots_required = (uint32_t)n;
	o.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_SCAR_OPEN;
	rq.scar_open = &o;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	return rc != CTL_OK ? rc : scar_print_reply(rp, json);
}

static int
update_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScarUpdate u = YOKE__SCAR_UPDATE__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *d[8], *due, *note;
	char number[64];
	bool json, close;
	size_t nw;
	int rc;
	int64_t us;
	const struct ctl_opt opts[] = {
		{ .name = "--d1", .value = &d[0] },
		{ .name = "--d2", .value = &d[1] },
		{ .name = "--d3", .value = &d[2] },
		{ .name = "--d4", .value = &d[3] },
		{ .name = "--d5", .value = &d[4] },
		{ .name = "--d6", .value = &d[5] },
		{ .name = "--d7", .value = &d[6] },
		{ .name = "--d8", .value = &d[7] },
		{ .name = "--due", .value = &due },
		{ .name = "--close", .flag = &close },
		{ .name = "--note", .value = &note },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&scar_update, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw == 0)
		return ctl_usage_why(&scar_update, _("which SCAR? Its number comes first"));
	if (due && !ctl_date_us(due, &us))
		return ctl_usage_why(&scar_update, _("--due expects a date YYYY-MM-DD, got \"%s\""), due);
	bool any = close || due;
	for (int i = 0; i < 8; i++)
		any = any || d[i];
	if (!any)
		return ctl_usage_why(&scar_update, _("nothing to record: give --d1 ... --d8, --due or "
		    "--close"));
	if ((rc = ctl_signers_read(ctl, &scar_update, &s)) != CTL_OK)
		return rc;
	scar_number_of(words[0], number, sizeof number);
	u.number = number;
	char **to[8] = { &u.d1_team, &u.d2_problem, &u.d3_containment, &u.d4_root_cause,
		&u.d5_corrective_action, &u.d6_implemented, &u.d7_prevent_recurrence,
		&u.d8_congratulate };
	for (int i = 0; i < 8; i++)
		*to[i] = (char *)(d[i] ? d[i] : "");
	u.response_due = (char *)(due ? due : "");
	u.close = close;
	u.note = (char *)(note ? note : "");
	u.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_SCAR_UPDATE;
	rq.scar_update = &u;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	return rc != CTL_OK ? rc : scar_print_reply(rp, json);
}
