/*
 * ncr_sign.c — the signed decisions on an NCR:
 *
 *   ncr raise SERIAL|--lot PART/LOT --defect CODE [--location L] [--note N] --sign BADGE
 *   ncr disposition NUMBER rework|repair|scrap|use-as-is|return-to-supplier|sort [--op N]
 *       [--note N] [--remove PART/SERIAL --fit PART/SERIAL] --sign BADGE [--sign BADGE ...]
 *   ncr close NUMBER [--note N] --sign BADGE
 *
 * What can be told here is refused here, before any PIN is asked: a
 * rework operation on another disposition, a repair without the component
 * taken out and the one put in, use as is without the two signers the
 * Material Review Board needs. What needs the store (the signer's role,
 * the originator not signing the MRB, the rework limit, a serial used
 * before) is the server's to refuse.
 */
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/ncr.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

static int raise_exec(struct ctl *ctl, int argc, char **argv);
static int disposition_exec(struct ctl *ctl, int argc, char **argv);
static int close_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option raise_options[] = {
	{ "--lot PART/LOT", N_("raise it on a component lot instead of a unit: every unit built "
	    "with the lot is held and the lot is refused at every scan") },
	{ N_("--defect CODE"), N_("the defect code from the definitions (yokectl defects lists "
	    "them; required)") },
	{ N_("--location L"), N_("where on the unit, e.g. a reference designator (U3)") },
	{ N_("--note TEXT"), N_("what was seen, in a sentence") },
	{ N_("--sign BADGE"), N_("who raises it: an inspector or a lead; the PIN is asked at the "
	    "terminal, or read from --pin-fd (required)") },
	{ "--json", N_("print JSON for scripts: the new NCR") },
	{ NULL, NULL },
};

static const struct ctl_example raise_examples[] = {
	{ "yokectl ncr raise WO-1001-0007 --defect SCRATCH --location REAR --note \"5 mm scratch\" "
	    "--sign 3001", N_("an NCR by hand: the unit is held until its disposition") },
	{ "yokectl ncr raise --lot MCU-F407/LOT-2411-07 --defect SOLDERABILITY --sign 3001",
	    N_("an NCR on a supplier's lot: the units built with it are held and counted") },
	{ NULL, NULL },
};

const struct ctl_cmd ncr_raise = {
	.name = "raise",
	.parent = &ctl_cmd_ncr,
	.group = CTL_GROUP_NC,
	.usage = N_("SERIAL|--lot PART/LOT --defect CODE [--location L] [--note TEXT] --sign BADGE "
	    "[--json]"),
	.summary = N_("raise an NCR on a unit or a component lot by hand; it is held"),
	.description = N_("Raises an NCR on a unit by hand, as an inspector or lead who found a "
	    "defect outside a step: the unit is held as a failure is, until the NCR's disposition. "
	    "With --lot PART/LOT it is raised on a component lot of a lot-tracked part instead: in "
	    "one transaction every unit built with the lot is held and no further scan of it is "
	    "accepted; the answer counts the units found in work, done and scrapped. Signed with "
	    "badge and PIN; the command signs in as the signer."),
	.options = raise_options,
	.examples = raise_examples,
	.exec = raise_exec,
};

static const struct ctl_option disposition_options[] = {
	{ "--op N", N_("rework: the rework operation of the routing (default: its first)") },
	{ N_("--note TEXT"), N_("why this disposition; for use as is, the deviation accepted") },
	{ N_("--remove PART/SERIAL"), N_("repair: the component taken out; its serial is never used "
	    "again") },
	{ N_("--fit PART/SERIAL"), N_("repair: the component put in, checked as a scan at the station "
	    "is") },
	{ N_("--sign BADGE"), N_("who decides: an inspector. Use as is needs two or more --sign, of "
	    "different people, one of them quality, none the NCR's originator; each PIN is asked "
	    "in turn, or read one a line from --pin-fd") },
	{ "--json", N_("print JSON for scripts: the NCR as it now stands") },
	{ NULL, NULL },
};

static const struct ctl_example disposition_examples[] = {
	{ "yokectl ncr disposition NCR-000012 rework --op 900 --note \"Reflow U3\" --sign 3001",
	    N_("to rework operation 900; afterwards the unit redoes the operation it failed") },
	{ "yokectl ncr disposition 12 repair --remove MOD-WIFI/WF000123 --fit MOD-WIFI/WF000456 "
	    "--sign 3001", N_("replace a serial-tracked component, then redo the failed operation") },
	{ "yokectl ncr disposition 12 scrap --note \"Cracked board\" --sign 3001",
	    N_("the unit ends as scrapped, with its whole history") },
	{ "yokectl --pin-fd 3 ncr disposition 12 use-as-is --note \"0.2 V low, within the customer "
	    "deviation D-17\" --sign 3001 --sign 4001 3<pins.txt", N_("the Material Review Board: "
	    "two signers, their PINs one a line in pins.txt") },
	{ "yokectl ncr disposition 14 return-to-supplier --note \"RMA 5521\" --sign 3001",
	    N_("a lot NCR: the lot goes back; once the NCR is closed it is never scanned again") },
	{ "yokectl ncr disposition 14 sort --sign 3001", N_("a lot NCR: sort 100 %; raise an NCR on "
	    "each unit found bad, then close it to release the lot") },
	{ NULL, NULL },
};

const struct ctl_cmd ncr_disposition = {
	.name = "disposition",
	.parent = &ctl_cmd_ncr,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER rework|repair|scrap|use-as-is|return-to-supplier|sort [--op N] [--note TEXT] "
	    "[--remove PART/SERIAL --fit PART/SERIAL] --sign BADGE [--sign BADGE ...] [--json]"),
	.summary = N_("decide what happens to an NCR's unit or lot"),
	.description = N_("Records the disposition of an open NCR, signed. rework sends the unit to "
	    "a rework operation of its routing, then back to the operation where it failed, to do "
	    "its steps again; repair replaces one component (--remove and --fit), then the same; "
	    "scrap ends the unit as scrapped; use-as-is accepts the unit as it is, as the Material "
	    "Review Board decided: two or more signers, one of them quality, none the NCR's "
	    "originator. The server refuses a rework beyond the routing's rework limit. A lot NCR "
	    "takes return-to-supplier, sort (100 %), scrap or use-as-is: the lot stays held until "
	    "the NCR is closed (use as is releases it at once); after return-to-supplier or scrap, "
	    "closing refuses the lot for ever. The command signs in as the first signer."),
	.options = disposition_options,
	.examples = disposition_examples,
	.exec = disposition_exec,
};

static const struct ctl_option close_options[] = {
	{ N_("--note TEXT"), N_("what was verified") },
	{ N_("--sign BADGE"), N_("who closes it; the PIN is asked at the terminal, or read from "
	    "--pin-fd (required)") },
	{ "--json", N_("print JSON for scripts: the closed NCR") },
	{ NULL, NULL },
};

static const struct ctl_example close_examples[] = {
	{ "yokectl ncr close NCR-000012 --note \"Reworked unit passed AOI\" --sign 3001",
	    N_("close a dispositioned NCR") },
	{ NULL, NULL },
};

const struct ctl_cmd ncr_close = {
	.name = "close",
	.parent = &ctl_cmd_ncr,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--note TEXT] --sign BADGE [--json]"),
	.summary = N_("close a dispositioned NCR, signed"),
	.description = N_("Closes an NCR whose disposition is done (the unit scrapped, or back in "
	    "work), signed with badge and PIN. Closing a lot NCR releases the lot's hold; after "
	    "return to supplier or scrap the lot stays refused at every scan for ever."),
	.options = close_options,
	.examples = close_examples,
	.exec = close_exec,
};

/* The NCR the server answered with, in a sentence or as JSON. */
static int
print_ncr(Yoke__Reply *rp, bool json)
{
	const Yoke__Ncr *n;

	if (rp->ncrs->n_ncrs == 0) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer names no NCR"));
	}
	n = rp->ncrs->ncrs[0];
	if (json) {
		const Yoke__HoldReply *hr = rp->ncrs->containment;
		printf("{\"ncr\":");
		nc_ncr_json(stdout, n);
		if (hr && hr->hold) {
			printf(",\"containment\":{\"hold\":");
			nc_hold_json(stdout, hr->hold);
			printf(",\"units_in_work\":%u,\"units_done\":%u,\"units_scrapped\":%u,"
			    "\"shipments_recorded\":false}", hr->units_in_work, hr->units_done,
			    hr->units_scrapped);
		}
		json_field(stdout, "message", rp->message);
		printf("}\n");
	} else if (!str_empty(rp->message)) {
		/* The server's sentence says what happened, with the NCR's number. */
		printf("%s\n", rp->message);
		if (rp->ncrs->containment && rp->ncrs->containment->hold)
			nc_containment_text(stdout, rp->ncrs->containment);
	} else {
		if (n->disposition)
			printf(_("%s: %s, %s.\n"), n->number, nc_state_text(n->state),
			    nc_disposition_text(n->disposition));
		else
			printf(_("%s: %s.\n"), n->number, nc_state_text(n->state));
		if (n->state == YOKE__NCR_STATE__NCR_OPEN && n->hold)
			printf(_("Unit %s is held (hold %llu) until the NCR's disposition.\n"), n->serial,
			    (unsigned long long)n->hold);
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
raise_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrRaise nr = YOKE__NCR_RAISE__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *code, *location, *note, *lot;
	char *part = NULL;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--lot", .value = &lot },
		{ .name = "--defect", .value = &code },
		{ .name = "--location", .value = &location },
		{ .name = "--note", .value = &note },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ncr_raise, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw == 0 && lot == NULL)
		return ctl_usage_why(&ncr_raise, _("which unit? Its serial comes first (or --lot "
		    "PART/LOT for a lot)"));
	if (nw == 1 && lot != NULL)
		return ctl_usage_why(&ncr_raise, _("an NCR is about a unit or about a lot: give the "
		    "serial or --lot PART/LOT, not both"));
	if (lot && !ncr_lot_label(lot))
		return ctl_usage_why(&ncr_raise, _("--lot expects PART/LOT, got \"%s\""), lot);
	if (code == NULL)
		return ctl_usage_why(&ncr_raise, _("what is wrong? Give --defect CODE (yokectl defects "
		    "lists the codes)"));
	if ((rc = ctl_signers_read(ctl, &ncr_raise, &s)) != CTL_OK)
		return rc;
	d.code = (char *)code;
	d.location = (char *)(location ? location : "");
	d.note = (char *)(note ? note : "");
	if (lot) {
		part = xstrdup(lot);
		*strchr(part, '/') = '\0';
		nr.part = part;
		nr.lot = part + strlen(part) + 1;
	} else {
		nr.serial = (char *)words[0];
	}
	nr.defect = &d;
	nr.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_RAISE_NCR;
	rq.raise_ncr = &nr;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	free(part);
	return rc != CTL_OK ? rc : print_ncr(rp, json);
}

/* The disposition words, as the command line and JSON write them. */
static bool
disposition_word(const char *s, Yoke__DispositionKind *k)
{
	static const Yoke__DispositionKind all[] = { YOKE__DISPOSITION_KIND__DISPOSITION_REWORK,
		YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP,
		YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS,
		YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER,
		YOKE__DISPOSITION_KIND__DISPOSITION_SORT };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, nc_disposition_name(all[i])) == 0) {
			*k = all[i];
			return true;
		}
	return false;
}

/* PART/SERIAL: text on both sides of one "/". */
static bool
part_serial(const char *s)
{
	const char *slash = strchr(s, '/');
	return slash && slash != s && slash[1] != '\0' && strchr(slash + 1, '/') == NULL;
}

static int
disposition_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition nd = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *words[2], *op, *note, *remove, *fit;
	char number[64];
	uint64_t opno = 0;
	bool json, mrb;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--op", .value = &op },
		{ .name = "--note", .value = &note },
		{ .name = "--remove", .value = &remove },
		{ .name = "--fit", .value = &fit },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = CTL_SIGNERS_MAX },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	const struct ctl_cmd *cmd = &ncr_disposition;

	if ((rc = ctl_parse(cmd, argc, argv, opts, words, 2, &nw)) != CTL_OK)
		return rc;
	if (nw == 0)
		return ctl_usage_why(cmd, _("which NCR? Its number comes first"));
	if (nw == 1)
		return ctl_usage_why(cmd, _("which disposition? rework, repair, scrap or use-as-is (a "
		    "unit); return-to-supplier, sort, scrap or use-as-is (a lot) after the NCR's number"));
	if (!disposition_word(words[1], &nd.kind))
		return ctl_usage_why(cmd, _("expected rework, repair, scrap, use-as-is, "
		    "return-to-supplier or sort, got \"%s\""), words[1]);
	if (op && nd.kind != YOKE__DISPOSITION_KIND__DISPOSITION_REWORK)
		return ctl_usage_why(cmd, _("--op names a rework operation: it goes with rework only"));
	if (op && !ctl_count(op, 100000, &opno))
		return ctl_usage_why(cmd, _("--op expects an operation number (1 to 100000), got "
		    "\"%s\""), op);
	if ((remove || fit) && nd.kind != YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR)
		return ctl_usage_why(cmd, _("--remove and --fit name the component a repair replaces: "
		    "they go with repair only"));
	if (nd.kind == YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR) {
		if (remove == NULL || fit == NULL)
			return ctl_usage_why(cmd, _("repair needs the component taken out (--remove "
			    "PART/SERIAL) and the one put in (--fit PART/SERIAL)"));
		if (!part_serial(remove) || !part_serial(fit))
			return ctl_usage_why(cmd, _("expected --remove and --fit as PART/SERIAL, got "
			    "\"%s\" and \"%s\""), remove, fit);
	}
	mrb = nd.kind == YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS;
	if (mrb && s.n < 2)
		return ctl_usage_why(cmd, _("use-as-is is the Material Review Board's decision: it needs "
		    "two or more --sign, of different people, one of them quality"));
	if (!mrb && s.n > 1)
		return ctl_usage_why(cmd, _("%s is signed by one person; only use-as-is takes more than "
		    "one --sign"), words[1]);
	if ((rc = ctl_signers_read(ctl, cmd, &s)) != CTL_OK)
		return rc;
	ncr_number(words[0], number, sizeof number);
	nd.number = number;
	nd.rework_operation = (uint32_t)opno;
	nd.note = (char *)(note ? note : "");
	nd.remove = (char *)(remove ? remove : "");
	nd.fit = (char *)(fit ? fit : "");
	nd.signatures = s.ptr;
	nd.n_signatures = s.n;
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &nd;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	return rc != CTL_OK ? rc : print_ncr(rp, json);
}

static int
close_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrClose nc = YOKE__NCR_CLOSE__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *note;
	char number[64];
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--note", .value = &note },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ncr_close, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw == 0)
		return ctl_usage_why(&ncr_close, _("which NCR? Its number comes first"));
	if ((rc = ctl_signers_read(ctl, &ncr_close, &s)) != CTL_OK)
		return rc;
	ncr_number(words[0], number, sizeof number);
	nc.number = number;
	nc.note = (char *)(note ? note : "");
	nc.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_CLOSE_NCR;
	rq.close_ncr = &nc;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	return rc != CTL_OK ? rc : print_ncr(rp, json);
}
