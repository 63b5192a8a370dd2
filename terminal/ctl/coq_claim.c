/*
 * coq_claim.c — yokectl claim add: a cost the line does not see, entered
 * by hand and signed (server/coq/req-coq-add.c):
 *
 *   claim add --serial S --amount X --kind return|warranty|claim [--note TEXT] --sign BADGE
 *   claim add --kind training --hours H|--amount X [--station S] [--note TEXT] --sign BADGE
 *
 * A return, warranty or claim is an external failure of that unit (and so
 * of its product, work order and, through its trace, stations and lots);
 * training is prevention.
 */
#include "terminal/ctl/ctl.h"
#include "shared/quality/coq_money.h"

#include <stdio.h>
#include <string.h>

static int add_exec(struct ctl *ctl, int argc, char **argv);

extern const struct ctl_cmd ctl_cmd_claim;

static const struct ctl_option add_options[] = {
	{ N_("--serial SERIAL"), N_("the unit returned or claimed for (return, warranty, claim)") },
	{ N_("--amount AMOUNT"), N_("what it cost, in the currency's major unit (1250.00)") },
	{ "--kind return|warranty|claim|training", N_("what it is") },
	{ N_("--hours HOURS"), N_("training: hours, costed at the desk rate") },
	{ N_("--station STATION"), N_("training: the station or station kind it was for") },
	{ N_("--note TEXT"), N_("what happened") },
	{ "--sign BADGE", N_("the lead, inspector or engineer who signs (the PIN is asked)") },
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example add_examples[] = {
	{ "yokectl claim add --serial WO-DEMO-1-0007 --amount 1250.00 --kind warranty "
	  "--note \"dead on arrival\" --sign 3001", N_("a warranty claim on one unit") },
	{ "yokectl claim add --kind training --hours 4 --station SMT --sign 4001",
	  N_("four hours of training (prevention)") },
	{ NULL, NULL },
};

static const struct ctl_cmd ctl_cmd_claim_add = {
	.name = "add",
	.parent = &ctl_cmd_claim,
	.group = CTL_GROUP_NC,
	.usage = N_("--kind KIND [--serial SERIAL] [--amount AMOUNT|--hours HOURS] [--note TEXT] "
	    "--sign BADGE [--json]"),
	.summary = N_("enter a return, warranty, claim or training cost, signed"),
	.description = N_("Posts an entry to the cost of quality ledger: a return, warranty or "
	    "claim is an external failure of the unit named, recorded in its history; training is "
	    "prevention, by hours at the desk rate or by amount."),
	.options = add_options,
	.examples = add_examples,
	.exec = add_exec,
};

static const struct ctl_cmd *const claim_subs[] = { &ctl_cmd_claim_add, NULL };

const struct ctl_cmd ctl_cmd_claim = {
	.name = "claim",
	.group = CTL_GROUP_NC,
	.usage = "add [...]",
	.summary = N_("costs entered by hand: returns, warranty, claims, training"),
	.subs = claim_subs,
};

static int
add_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CoqAdd q = YOKE__COQ_ADD__INIT;
	struct ctl_signers s = { .n = 0 };
	const char *serial = NULL, *amount = NULL, *kind = NULL, *hours = NULL, *note = NULL;
	const char *station = NULL;
	Yoke__Reply *rp;
	bool json = false;
	size_t nw;
	int64_t v;
	uint32_t h;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--serial", .value = &serial }, { .name = "--amount", .value = &amount },
		{ .name = "--kind", .value = &kind }, { .name = "--hours", .value = &hours },
		{ .name = "--station", .value = &station }, { .name = "--note", .value = &note },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json }, { .name = NULL },
	};
	if ((rc = ctl_parse(&ctl_cmd_claim_add, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (kind == NULL)
		return ctl_usage_why(&ctl_cmd_claim_add, _("--kind is needed: return, warranty, claim "
		    "or training"));
	if (amount && !coq_money_read(amount, &v))
		return ctl_usage_why(&ctl_cmd_claim_add, _("--amount: expected an amount such as "
		    "1250.00, got \"%s\""), amount);
	if (hours && !coq_cmin_read(hours, &h))
		return ctl_usage_why(&ctl_cmd_claim_add, _("--hours: expected hours such as 1.5, got "
		    "\"%s\""), hours);
	q.serial = (char *)(serial ? serial : "");
	q.amount = (char *)(amount ? amount : "");
	q.kind = (char *)kind;
	q.hours = (char *)(hours ? hours : "");
	q.note = (char *)(note ? note : "");
	q.station = (char *)(station ? station : "");
	if ((rc = ctl_signers_read(ctl, &ctl_cmd_claim_add, &s)) != CTL_OK)
		return rc;
	q.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_COQ_ADD;
	rq.coq_add = &q;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	if (json && rp->body_case == YOKE__REPLY__BODY_COQ_ADD && rp->coq_add->entry) {
		const Yoke__CoqEntry *e = rp->coq_add->entry;
		char buf[32];
		printf("{\"seq\":%llu", (unsigned long long)e->seq);
		json_field(stdout, "element", e->element);
		printf(",\"amount\":%s", coq_money_text(e->amount, buf, sizeof buf));
		json_field(stdout, "rates", e->rates);
		json_field(stdout, "serial", e->serial);
		json_field(stdout, "product", e->product);
		printf("}\n");
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}
