/*
 * lot.c — yokectl lots and lot: received lots.
 *
 *   lots [--part P] [--supplier S] [--status WORD] [--json]
 *   lot show ID [--json]
 *   lot label ID [--out DIR] [--size 2x1|4x2]
 *   lot block|quarantine|release ID --reason TEXT --sign BADGE [--json]
 *
 * A lot's count below 0 means the count was wrong (more was scanned than
 * received): lots says so. Who signs a change: proto/PROTOCOL.md (block
 * and quarantine a lead, inspector or engineer; release an inspector or
 * engineer, a rejected lot an engineer only).
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/lot_show.h"
#include "shared/util.h"

#include <string.h>

static int lots_exec(struct ctl *ctl, int argc, char **argv);
static int show_exec(struct ctl *ctl, int argc, char **argv);
static int label_exec(struct ctl *ctl, int argc, char **argv);
static int change_exec(struct ctl *ctl, int argc, char **argv);

extern const struct ctl_cmd ctl_cmd_lot;

static const struct ctl_option lots_options[] = {
	{ "--part P", N_("only lots of this part") },
	{ N_("--supplier S"), N_("only lots from this supplier") },
	{ "--status pending|released|rejected|quarantined|expired|blocked", N_("only lots in this "
	    "status (an expired lot is shown expired whatever its stored status)") },
	{ "--json", N_("print JSON for scripts: every lot, count_wrong when its count is below 0") },
	{ NULL, NULL },
};

static const struct ctl_example lots_examples[] = {
	{ "yokectl lots --part IC-555", N_("every lot of IC-555, newest first, with what is left") },
	{ "yokectl lots --status quarantined", N_("the lots set aside") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_lots = {
	.name = "lots",
	.group = CTL_GROUP_MATERIALS,
	.usage = N_("[--part P] [--supplier S] [--status WORD] [--json]"),
	.summary = N_("the received lots: what is left, expiry and status"),
	.description = N_("Lists received lots, newest first: yoke's lot id, part, supplier, the "
	    "supplier's lot, how much is left of what was received, expiry, status and when it was "
	    "received. A count below 0 means more was scanned than received: the count was wrong, "
	    "count the lot."),
	.options = lots_options,
	.examples = lots_examples,
	.exec = lots_exec,
};

static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example show_examples[] = {
	{ "yokectl lot show L-000007", N_("where the lot came from, what is left, its status") },
	{ "yokectl lot show L-000007 --json", N_("the same for a script") },
	{ NULL, NULL },
};

static const struct ctl_cmd ctl_cmd_lot_show = {
	.name = "show",
	.parent = &ctl_cmd_lot,
	.group = CTL_GROUP_MATERIALS,
	.usage = N_("ID [--json]"),
	.summary = N_("one lot in full"),
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};

static const struct ctl_option label_options[] = {
	{ N_("--out DIR"), N_("the folder for the files (default lot-labels)") },
	{ "--size 2x1|4x2", N_("the label stock in inches, for ZPL (default 2x1)") },
	{ NULL, NULL },
};

static const struct ctl_example label_examples[] = {
	{ "yokectl lot label L-000007 --out reprint --size 4x2", N_("the internal lot label again, "
	    "for a reel whose label was torn") },
	{ NULL, NULL },
};

static const struct ctl_cmd ctl_cmd_lot_label = {
	.name = "label",
	.parent = &ctl_cmd_lot,
	.group = CTL_GROUP_MATERIALS,
	.usage = N_("ID [--out DIR] [--size 2x1|4x2]"),
	.summary = N_("print the internal lot label again: QR PNG and ZPL"),
	.options = label_options,
	.examples = label_examples,
	.exec = label_exec,
};

static const struct ctl_option change_options[] = {
	{ N_("--reason TEXT"), N_("why: shown at every scan the lot is refused (required)") },
	{ N_("--sign BADGE"), N_("who decides; the PIN is asked at the terminal, or read from "
	    "--pin-fd (required)") },
	{ "--json", N_("print JSON for scripts: the lot as it now stands") },
	{ NULL, NULL },
};

static const struct ctl_example block_examples[] = {
	{ "yokectl lot block L-000007 --reason \"Supplier recall 2026-11\" --sign 2001",
	    N_("no station takes the lot until it is released") },
	{ NULL, NULL },
};
static const struct ctl_example quarantine_examples[] = {
	{ "yokectl lot quarantine L-000007 --reason \"Sort pending\" --sign 3001",
	    N_("set it aside until someone decides") },
	{ NULL, NULL },
};
static const struct ctl_example release_examples[] = {
	{ "yokectl lot release L-000007 --reason \"Sorted, 0 of 32 bad\" --sign 3001",
	    N_("it may be built in again") },
	{ NULL, NULL },
};

static const struct ctl_cmd ctl_cmd_lot_block = {
	.name = "block",
	.parent = &ctl_cmd_lot,
	.group = CTL_GROUP_MATERIALS,
	.usage = N_("ID --reason TEXT --sign BADGE [--json]"),
	.summary = N_("stop a lot: no station builds it in (a lead, inspector or engineer signs)"),
	.options = change_options,
	.examples = block_examples,
	.exec = change_exec,
};

static const struct ctl_cmd ctl_cmd_lot_quarantine = {
	.name = "quarantine",
	.parent = &ctl_cmd_lot,
	.group = CTL_GROUP_MATERIALS,
	.usage = N_("ID --reason TEXT --sign BADGE [--json]"),
	.summary = N_("set a lot aside until someone decides (a lead, inspector or engineer signs)"),
	.options = change_options,
	.examples = quarantine_examples,
	.exec = change_exec,
};

static const struct ctl_cmd ctl_cmd_lot_release = {
	.name = "release",
	.parent = &ctl_cmd_lot,
	.group = CTL_GROUP_MATERIALS,
	.usage = N_("ID --reason TEXT --sign BADGE [--json]"),
	.summary = N_("release a blocked, quarantined or rejected lot (an inspector or engineer "
	    "signs; a rejected lot an engineer)"),
	.description = N_("A lot blocked while it waited for incoming inspection goes back to "
	    "waiting; the inspection releases it. An expired lot is never released."),
	.options = change_options,
	.examples = release_examples,
	.exec = change_exec,
};

static const struct ctl_cmd *const lot_subs[] = { &ctl_cmd_lot_show, &ctl_cmd_lot_label,
	&ctl_cmd_lot_block, &ctl_cmd_lot_quarantine, &ctl_cmd_lot_release, NULL };

static const struct ctl_example lot_examples[] = {
	{ "yokectl lot show L-000007", N_("one lot: where it came from, what is left, its status") },
	{ "yokectl lot quarantine L-000007 --reason \"Supplier recall 2026-11\" --sign 3001",
	    N_("no station takes the lot until it is released") },
	{ "yokectl lot release L-000007 --reason \"Sorted, 0 of 32 bad\" --sign 3001",
	    N_("it may be built in again") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_lot = {
	.name = "lot",
	.group = CTL_GROUP_MATERIALS,
	.usage = "show | label | block | quarantine | release   ID [...]",
	.summary = N_("one received lot: show it, print its label, block, quarantine or release it"),
	.examples = lot_examples,
	.subs = lot_subs,
};

static int
query(struct ctl *ctl, Yoke__LotQuery *q, Yoke__Reply **rp)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	rq.body_case = YOKE__REQUEST__BODY_LOTS;
	rq.lots = q;
	return ctl_request(ctl, &rq, rp);
}

static int
lots_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__LotQuery q = YOKE__LOT_QUERY__INIT;
	Yoke__Reply *rp;
	const char *part = NULL, *supplier = NULL, *status = NULL;
	Yoke__LotStatus st = YOKE__LOT_STATUS__LOT_STATUS_UNSPECIFIED;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--part", .value = &part }, { .name = "--supplier", .value = &supplier },
		{ .name = "--status", .value = &status }, { .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ctl_cmd_lots, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (status && !lot_status_parse(status, &st))
		return ctl_usage_why(&ctl_cmd_lots, _("--status: expected pending, released, rejected, "
		    "quarantined, expired or blocked, got \"%s\""), status);
	q.part = (char *)(part ? part : "");
	q.supplier = (char *)(supplier ? supplier : "");
	q.status = st;
	if ((rc = query(ctl, &q, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"lots\":[");
		for (size_t i = 0; i < rp->lots->n_lots; i++) {
			if (i)
				putchar(',');
			lot_json(stdout, rp->lots->lots[i]);
		}
		printf("],\"matched\":%u}\n", rp->lots->matched);
	} else if (rp->lots->n_lots == 0) {
		printf("%s\n", _("No lots."));
	} else {
		lot_table(stdout, rp->lots->lots, rp->lots->n_lots);
		if (rp->lots->matched > rp->lots->n_lots)
			printf(_("(the newest %zu of %u shown)\n"), rp->lots->n_lots, rp->lots->matched);
	}
	client_reply_free(rp);
	return CTL_OK;
}

/* The lot named on the command line: CTL_OK with *rp holding it. */
static int
one_lot(struct ctl *ctl, const char *id, Yoke__Reply **rp)
{
	Yoke__LotQuery q = YOKE__LOT_QUERY__INIT;
	int rc;
	q.id = (char *)id;
	if ((rc = query(ctl, &q, rp)) != CTL_OK)
		return rc;
	if ((*rp)->lots->n_lots != 1) {
		client_reply_free(*rp);
		*rp = NULL;
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer names no lot"));
	}
	return CTL_OK;
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Reply *rp;
	char *id;
	bool json;
	int rc;
	if ((rc = ctl_word_args(&ctl_cmd_lot_show, argc, argv, &id, &json)) != CTL_OK)
		return rc;
	if ((rc = one_lot(ctl, id, &rp)) != CTL_OK)
		return rc;
	if (json) {
		lot_json(stdout, rp->lots->lots[0]);
		putchar('\n');
	} else {
		lot_detail(stdout, rp->lots->lots[0]);
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
label_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Reply *rp;
	const char *words[1], *out = NULL, *size = NULL;
	char err[600];
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--out", .value = &out }, { .name = "--size", .value = &size },
		{ .name = NULL },
	};
	if ((rc = ctl_parse(&ctl_cmd_lot_label, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw == 0)
		return ctl_usage_why(&ctl_cmd_lot_label, _("which lot? Its id (L-000001) comes first"));
	if (size && strcmp(size, "2x1") != 0 && strcmp(size, "4x2") != 0)
		return ctl_usage_why(&ctl_cmd_lot_label, _("--size: expected 2x1 or 4x2, got \"%s\""),
		    size);
	if ((rc = one_lot(ctl, words[0], &rp)) != CTL_OK)
		return rc;
	const Yoke__Lot *l = rp->lots->lots[0];
	if (lot_label_write(l, out ? out : "lot-labels", size && strcmp(size, "4x2") == 0 ?
	    LABEL_4X2 : LABEL_2X1, err, sizeof err) != 0)
		rc = ctl_fail(CTL_ST_IO, "%s", err);
	else
		printf(_("Internal lot label: %s/%s.png and %s.zpl (scan it as %s/%s)\n"),
		    out ? out : "lot-labels", l->id, l->id, l->part, l->id);
	client_reply_free(rp);
	return rc;
}

static int
change_exec(struct ctl *ctl, int argc, char **argv)
{
	const struct ctl_cmd *cmd = strcmp(argv[0], "block") == 0 ? &ctl_cmd_lot_block :
	    strcmp(argv[0], "quarantine") == 0 ? &ctl_cmd_lot_quarantine : &ctl_cmd_lot_release;
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotStatusChange x = YOKE__LOT_STATUS_CHANGE__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *reason = NULL;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--reason", .value = &reason },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(cmd, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw == 0)
		return ctl_usage_why(cmd, _("which lot? Its id (L-000001) comes first"));
	if (reason == NULL)
		return ctl_usage_why(cmd, _("why? Give --reason TEXT"));
	if ((rc = ctl_signers_read(ctl, cmd, &s)) != CTL_OK)
		return rc;
	x.lot = (char *)words[0];
	x.status = cmd == &ctl_cmd_lot_block ? YOKE__LOT_STATUS__LOT_BLOCKED :
	    cmd == &ctl_cmd_lot_quarantine ? YOKE__LOT_STATUS__LOT_QUARANTINED :
	    YOKE__LOT_STATUS__LOT_RELEASED;
	x.reason = (char *)reason;
	x.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_LOT_STATUS;
	rq.lot_status = &x;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	if (json) {
		printf("{\"lot\":");
		lot_json(stdout, rp->lots->lots[0]);
		json_field(stdout, "message", rp->message);
		printf("}\n");
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}
