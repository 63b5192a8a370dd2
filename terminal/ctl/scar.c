/*
 * scar.c — yokectl scar: supplier corrective action requests
 * (server/material/scar.h).
 *
 *   scar list [--supplier S] [--state open|closed] [--json]
 *   scar show NUMBER [--json]
 *   scar open --ncr NUMBER | --supplier S --part P  --due YYYY-MM-DD [--problem TEXT]
 *             [--lots N] --sign BADGE [--json]
 *   scar update NUMBER [--d1 TEXT ... --d8 TEXT] [--due YYYY-MM-DD] [--close] [--note TEXT]
 *             --sign BADGE [--json]
 *
 * This file reads them and holds the command; scar_sign.c changes them.
 */
#include "terminal/ctl/scar_show.h"
#include "shared/util.h"

#include <string.h>

static int list_exec(struct ctl *ctl, int argc, char **argv);
static int show_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option list_options[] = {
	{ N_("--supplier CODE"), N_("only that supplier's SCARs") },
	{ "--state open|closed", N_("only SCARs in that state") },
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl scar list --state open", N_("the SCARs that wait for a supplier or for evidence") },
	{ NULL, NULL },
};

static const struct ctl_cmd scar_list = {
	.name = "list",
	.parent = &ctl_cmd_scar,
	.group = CTL_GROUP_NC,
	.usage = N_("[--supplier CODE] [--state open|closed] [--json]"),
	.summary = N_("the SCARs, newest first"),
	.description = N_("Lists SCARs, newest first: number, state, supplier, part, the date the "
	    "supplier's answer is due (overdue when it passed without a root cause and an action), "
	    "the NCR it came from and the problem."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};

static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example show_examples[] = {
	{ "yokectl scar show 3", N_("SCAR-000003 with its 8D answer and the lots received since") },
	{ NULL, NULL },
};

static const struct ctl_cmd scar_show = {
	.name = "show",
	.parent = &ctl_cmd_scar,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--json]"),
	.summary = N_("one SCAR in full, with the evidence so far"),
	.description = N_("Shows a SCAR: supplier, part, the NCR and lot it came from, the problem, "
	    "the answer's due date, the 8D fields, every signature, and while it is open the lots of "
	    "the part received from the supplier since it opened and how many in a row were "
	    "accepted; once closed, the lots that closed it."),
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};

static const struct ctl_cmd *const scar_subs[] = { &scar_list, &scar_show, &scar_open,
	&scar_update, NULL };

const struct ctl_cmd ctl_cmd_scar = {
	.name = "scar",
	.group = CTL_GROUP_NC,
	.usage = N_("list | show NUMBER | open ... | update NUMBER ...  [...]"),
	.summary = N_("supplier corrective action requests: open, answer in 8D, close on evidence"),
	.description = N_("A supplier corrective action request (SCAR) names a supplier as the "
	    "source of a nonconformance on one of its parts: opened from a lot NCR or by hand, with "
	    "the date the supplier's answer is due. The answer is recorded in 8D form (D1 team to D8 "
	    "congratulate). It closes only on evidence: the next lots of the part from the supplier "
	    "accepted, so many in a row (3 unless --lots says otherwise). Each step is signed."),
	.subs = scar_subs,
};

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScarQuery q = YOKE__SCAR_QUERY__INIT;
	Yoke__Reply *rp;
	const char *supplier, *state;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--supplier", .value = &supplier },
		{ .name = "--state", .value = &state },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&scar_list, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (state && strcmp(state, "open") == 0)
		q.state = YOKE__SCAR_STATE__SCAR_OPEN;
	else if (state && strcmp(state, "closed") == 0)
		q.state = YOKE__SCAR_STATE__SCAR_CLOSED;
	else if (state)
		return ctl_usage_why(&scar_list, _("--state expects open or closed, got \"%s\""), state);
	q.supplier = (char *)(supplier ? supplier : "");
	rq.body_case = YOKE__REQUEST__BODY_SCARS;
	rq.scars = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (json) {
		printf("{\"scars\":[");
		for (size_t i = 0; i < rp->scars->n_scars; i++) {
			if (i)
				putchar(',');
			scar_json(stdout, rp->scars->scars[i]);
		}
		printf("]}\n");
	} else if (rp->scars->n_scars == 0) {
		printf("%s\n", _("No SCAR matches."));
	} else {
		scars_table(stdout, rp->scars->scars, rp->scars->n_scars);
	}
	client_reply_free(rp);
	return CTL_OK;
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ScarQuery q = YOKE__SCAR_QUERY__INIT;
	Yoke__Reply *rp;
	char *word, number[64];
	bool json;
	int rc;

	if ((rc = ctl_word_args(&scar_show, argc, argv, &word, &json)) != CTL_OK)
		return rc;
	scar_number_of(word, number, sizeof number);
	q.number = number;
	rq.body_case = YOKE__REQUEST__BODY_SCARS;
	rq.scars = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (rp->scars->n_scars == 0) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no SCAR %s"), number);
	}
	if (json) {
		scar_json(stdout, rp->scars->scars[0]);
		putchar('\n');
	} else {
		scar_text(stdout, rp->scars->scars[0]);
	}
	client_reply_free(rp);
	return CTL_OK;
}
