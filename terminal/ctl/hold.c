/*
 * hold.c — yokectl holds, hold, release: holds as a set.
 *
 *   holds [--all] [--target T] [--json]             the open holds (and released ones)
 *   hold SCOPE TARGET... --reason TEXT --sign BADGE  place one, signed
 *   release HOLD --reason TEXT --sign BADGE          release one, signed
 *
 * A hold stops work on what it covers: one unit, a list of units, a work
 * order (its units now and later), every unit built with a component lot
 * or serial (containment), or a station (it opens no new units). A thing
 * is held while any hold on it is open, and each hold is released on its
 * own. The server counts the units a hold covers; yoke records no
 * shipment, so a done unit may have left the plant, and the output says so.
 */
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

static int holds_exec(struct ctl *ctl, int argc, char **argv);
static int hold_exec(struct ctl *ctl, int argc, char **argv);
static int release_exec(struct ctl *ctl, int argc, char **argv);

#define HOLD_TARGETS_MAX 200      /* serials of one `hold units` (HoldPlace.targets) */

static const struct ctl_option holds_options[] = {
	{ "--all", N_("also the released holds, with who released them, when and why") },
	{ N_("--target T"), N_("only holds naming T: a serial, a work order, a PART/LOT or PART/SERIAL, "
	    "or a station") },
	{ "--json", N_("print JSON for scripts: every hold with its signatures") },
	{ NULL, NULL },
};

static const struct ctl_example holds_examples[] = {
	{ "yokectl holds", N_("every open hold: what it covers, why, who placed it") },
	{ "yokectl holds --all --target WO-1001-0007", N_("every hold that named the unit, open or "
	    "released") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_holds = {
	.name = "holds",
	.group = CTL_GROUP_NC,
	.usage = N_("[--all] [--target T] [--json]"),
	.summary = N_("the holds: what each covers, why, who placed and released it"),
	.description = N_("Lists the holds in force, newest first: the hold's number, what it covers "
	    "(a unit, a list of units, a work order, a component lot or serial, a station), the "
	    "reason, where it comes from (placed by hand, or an NCR's), and who placed it when. "
	    "--all adds the released holds with who released them, when and why."),
	.options = holds_options,
	.examples = holds_examples,
	.exec = holds_exec,
};

static const struct ctl_option hold_options[] = {
	{ N_("--reason TEXT"), N_("why: shown wherever the hold stops work (required)") },
	{ N_("--sign BADGE"), N_("who places it: a lead, an inspector or an engineer; the PIN is asked "
	    "at the terminal, or read from --pin-fd (required)") },
	{ "--json", N_("print JSON for scripts: the hold and the counts of units it covers") },
	{ NULL, NULL },
};

static const struct ctl_example hold_examples[] = {
	{ "yokectl hold unit WO-1001-0007 --reason \"Scratch on the housing\" --sign 2001",
	    N_("hold one unit") },
	{ "yokectl hold units WO-1001-0007 WO-1001-0008 --reason \"Dropped\" --sign 2001",
	    N_("hold several units at once") },
	{ "yokectl hold component MCU-F407/LOT-2411-07 --reason \"Supplier recall\" --sign 3001",
	    N_("containment: every unit built with that lot, in one step, and no more scans of it") },
	{ "yokectl hold wo WO-1001 --reason \"Wrong revision\" --sign 4001", N_("every unit of the "
	    "work order, now and later") },
	{ "yokectl hold station REFLOW-1 --reason \"Oven profile drifted\" --sign 2001",
	    N_("the station opens no new units") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_hold = {
	.name = "hold",
	.group = CTL_GROUP_NC,
	.usage = N_("unit SERIAL | units SERIAL... | wo WO | component PART/LOT-OR-SERIAL | "
	    "station STATION  --reason TEXT --sign BADGE [--json]"),
	.summary = N_("hold a unit, units, a work order, a component lot or serial, or a station"),
	.description = N_("Places a hold, signed with badge and PIN. The server then refuses every "
	    "step, open and complete on a unit it covers, with the reason; a held station opens no "
	    "new units. Holding a component lot or serial holds every unit built with it in one "
	    "transaction (containment) and stops further scans of it. The answer counts the units "
	    "covered: in work, done and scrapped. yoke records no shipments: a done unit may have "
	    "left the plant already. The command signs in as the signer, with the same PIN."),
	.options = hold_options,
	.examples = hold_examples,
	.exec = hold_exec,
};

static const struct ctl_option release_options[] = {
	{ N_("--reason TEXT"), N_("why it may go on: recorded with the release (required)") },
	{ N_("--sign BADGE"), N_("who releases it; the PIN is asked at the terminal, or read from "
	    "--pin-fd (required)") },
	{ "--json", N_("print JSON for scripts: the released hold") },
	{ NULL, NULL },
};

static const struct ctl_example release_examples[] = {
	{ "yokectl release 7 --reason \"Lot re-inspected, 32 of 32 good\" --sign 3001",
	    N_("release hold 7; other holds on the same units stay") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_release = {
	.name = "release",
	.group = CTL_GROUP_NC,
	.usage = N_("HOLD --reason TEXT --sign BADGE [--json]"),
	.summary = N_("release one hold, signed, with a reason"),
	.description = N_("Releases one hold (its number from yokectl holds), signed with badge and "
	    "PIN, with the reason. A unit stays held while any other hold on it is open. A hold an "
	    "NCR placed is released by the NCR's disposition, not here."),
	.options = release_options,
	.examples = release_examples,
	.exec = release_exec,
};

static int
holds_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldsQuery q = YOKE__HOLDS_QUERY__INIT;
	Yoke__Reply *rp;
	const char *target;
	bool all, json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--all", .flag = &all },
		{ .name = "--target", .value = &target },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ctl_cmd_holds, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	q.all = all;
	q.target = (char *)(target ? target : "");
	rq.body_case = YOKE__REQUEST__BODY_HOLDS;
	rq.holds = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"holds\":[");
		for (size_t i = 0; i < rp->holds->n_holds; i++) {
			if (i)
				putchar(',');
			nc_hold_json(stdout, rp->holds->holds[i]);
		}
		printf("]}\n");
	} else if (rp->holds->n_holds == 0) {
		if (target)
			printf(all ? _("No hold names %s.\n") : _("No open hold names %s.\n"), target);
		else
			printf(all ? _("No holds.\n") : _("No open holds.\n"));
	} else {
		nc_holds_table(stdout, rp->holds->holds, rp->holds->n_holds);
	}
	client_reply_free(rp);
	return CTL_OK;
}

/* The scope words of `yokectl hold`. */
static const struct {
	const char *word;
	Yoke__HoldScope scope;
} scopes[] = {
	{ "unit", YOKE__HOLD_SCOPE__HOLD_UNIT },
	{ "units", YOKE__HOLD_SCOPE__HOLD_UNITS },
	{ "wo", YOKE__HOLD_SCOPE__HOLD_WORK_ORDER },
	{ "component", YOKE__HOLD_SCOPE__HOLD_COMPONENT },
	{ "station", YOKE__HOLD_SCOPE__HOLD_STATION },
};

/* PART/LOT or PART/SERIAL: text on both sides of one "/". */
static bool
component_label(const char *s)
{
	const char *slash = strchr(s, '/');
	return slash && slash != s && slash[1] != '\0' && strchr(slash + 1, '/') == NULL;
}

static void
hold_reply_json(const Yoke__Reply *rp)
{
	const Yoke__HoldReply *hr = rp->hold;
	printf("{\"hold\":");
	nc_hold_json(stdout, hr->hold);
	printf(",\"units_in_work\":%u,\"units_done\":%u,\"units_scrapped\":%u,"
	    "\"shipments_recorded\":false", hr->units_in_work, hr->units_done, hr->units_scrapped);
	json_field(stdout, "message", rp->message);
	printf("}\n");
}

/* The scope and targets of `hold` (words[0] and after): CTL_OK with
 * hp->scope set, or a usage error. */
static int
hold_targets(const char *const *words, size_t nw, Yoke__HoldPlace *hp)
{
	size_t k;

	if (nw == 0)
		return ctl_usage_why(&ctl_cmd_hold, _("hold what? unit, units, wo, component or station, "
		    "then what to hold"));
	for (k = 0; k < sizeof scopes / sizeof scopes[0]; k++)
		if (strcmp(words[0], scopes[k].word) == 0)
			break;
	if (k == sizeof scopes / sizeof scopes[0])
		return ctl_usage_why(&ctl_cmd_hold, _("hold %s? Expected unit, units, wo, component or "
		    "station"), words[0]);
	hp->scope = scopes[k].scope;
	if (nw == 1)
		return ctl_usage_why(&ctl_cmd_hold, _("hold %s needs what to hold after it"), words[0]);
	if (hp->scope != YOKE__HOLD_SCOPE__HOLD_UNITS && nw > 2)
		return ctl_usage_why(&ctl_cmd_hold, _("hold %s takes one target, got %zu; hold units "
		    "takes several serials"), words[0], nw - 1);
	if (nw - 1 > HOLD_TARGETS_MAX)
		return ctl_usage_why(&ctl_cmd_hold, _("hold units takes at most %d serials, got %zu; hold "
		    "their work order, or hold them in several steps"), HOLD_TARGETS_MAX, nw - 1);
	if (hp->scope == YOKE__HOLD_SCOPE__HOLD_COMPONENT && !component_label(words[1]))
		return ctl_usage_why(&ctl_cmd_hold, _("expected a component as PART/LOT or PART/SERIAL, "
		    "got \"%s\""), words[1]);
	for (size_t i = 1; i < nw; i++)
		for (size_t j = 1; j < i; j++)
			if (strcmp(words[i], words[j]) == 0)
				return ctl_usage_why(&ctl_cmd_hold, _("%s is named twice"), words[i]);
	return CTL_OK;
}

static int
hold_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldPlace hp = YOKE__HOLD_PLACE__INIT;
	Yoke__Reply *rp = NULL;
	struct ctl_signers s = { .n = 0 };
	/* Every argument could be a serial: room for them all, so too many
	 * is told as such (hold_targets). */
	const char **words = xcalloc((size_t)argc + 1, sizeof *words), *reason;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--reason", .value = &reason },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ctl_cmd_hold, argc, argv, opts, words, (size_t)argc, &nw)) != CTL_OK ||
	    (rc = hold_targets(words, nw, &hp)) != CTL_OK)
		goto out;
	if (reason == NULL) {
		rc = ctl_usage_why(&ctl_cmd_hold, _("why? Give --reason TEXT"));
		goto out;
	}
	if ((rc = ctl_signers_read(ctl, &ctl_cmd_hold, &s)) != CTL_OK)
		goto out;
	hp.targets = (char **)(words + 1);
	hp.n_targets = nw - 1;
	hp.reason = (char *)reason;
	hp.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_HOLD;
	rq.hold = &hp;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		goto out;
	if (rp->hold->hold == NULL) {
		rc = ctl_fail(CTL_ST_PROTOCOL, _("the server's answer names no hold"));
		goto out;
	}
	/* The server's sentence says the counts too; these lines add the
	 * shipments and are the same in every answer. */
	if (json)
		hold_reply_json(rp);
	else
		nc_containment_text(stdout, rp->hold);
out:
	client_reply_free(rp);
	free(words);
	return rc;
}

static int
release_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__HoldRelease hr = YOKE__HOLD_RELEASE__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *reason;
	uint64_t id;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--reason", .value = &reason },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ctl_cmd_release, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw == 0)
		return ctl_usage_why(&ctl_cmd_release, _("which hold? Its number (yokectl holds) comes "
		    "first"));
	if (!ctl_count(words[0], UINT64_MAX, &id))
		return ctl_usage_why(&ctl_cmd_release, _("expected a hold number (1, 2, ...; yokectl "
		    "holds lists them), got \"%s\""), words[0]);
	if (reason == NULL)
		return ctl_usage_why(&ctl_cmd_release, _("why may it go on? Give --reason TEXT"));
	if ((rc = ctl_signers_read(ctl, &ctl_cmd_release, &s)) != CTL_OK)
		return rc;
	hr.hold = id;
	hr.reason = (char *)reason;
	hr.signature = s.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_RELEASE_HOLD;
	rq.release_hold = &hr;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &s);
	if (rc != CTL_OK)
		return rc;
	if (json) {
		printf("{\"hold\":");
		if (rp->hold->hold)
			nc_hold_json(stdout, rp->hold->hold);
		else
			printf("null");
		json_field(stdout, "message", rp->message);
		printf("}\n");
	} else {
		printf(_("Hold %llu is released. Units under another open hold stay held.\n"),
		    (unsigned long long)id);
	}
	client_reply_free(rp);
	return CTL_OK;
}
