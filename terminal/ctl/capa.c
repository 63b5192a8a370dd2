/*
 * capa.c — yokectl capa: corrective and preventive actions (the states and
 * who signs each: server/quality/capa.h).
 *
 *   capa open [NUMBER] --title T --ncr NCR [--ncr NCR]... --sign BADGE
 *   capa show NUMBER
 *   capa update NUMBER --to STATE [what that step records] --sign BADGE
 *   capa verify NUMBER --sign BADGE          (update --to verified)
 *   capa close NUMBER --sign BADGE           (update --to closed)
 *   capa list [--state STATE] [--overdue]
 *
 * Every one takes --json. A step is signed with --sign BADGE and that
 * person's PIN, asked at the terminal without echo or read from --pin-fd,
 * never an argument; the command signs in as that person with the same PIN
 * (sign.c, as every signed command does).
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/show.h"
#include "terminal/ctl/table.h"
#include "shared/defs/defs.h"
#include "shared/quality/capa_rule.h"
#include "shared/util.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define NCRS_MAX 50               /* as the server takes them */
#define WHYS_MAX 5
#define LABEL_WIDTH 16

extern const struct ctl_cmd ctl_cmd_capa;
static int open_exec(struct ctl *ctl, int argc, char **argv);
static int show_exec(struct ctl *ctl, int argc, char **argv);
static int update_exec(struct ctl *ctl, int argc, char **argv);
static int verify_exec(struct ctl *ctl, int argc, char **argv);
static int close_exec(struct ctl *ctl, int argc, char **argv);
static int list_exec(struct ctl *ctl, int argc, char **argv);

/* ---- the commands as data ---- */

static const struct ctl_option open_options[] = {
	{ N_("--title TEXT"), N_("what the CAPA is about, in a line (a proposed one keeps its own "
	    "unless given)") },
	{ "--ncr NCR", N_("an NCR it answers; again for each (they share a defect code, and a "
	    "station or a product: the CAPA's scope)") },
	{ "--sign BADGE", N_("who opens it: a lead, an inspector or an engineer, with their PIN") },
	{ "--json", N_("print JSON for scripts: the CAPA as it now stands") },
	{ NULL, NULL },
};

static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts: the CAPA in full") },
	{ NULL, NULL },
};

static const struct ctl_option update_options[] = {
	{ "--to STATE", N_("the next step: contained, root-cause, action, implemented, verified, "
	    "effective or closed") },
	{ N_("--containment TEXT"), N_("contained: what was done so that no more such product "
	    "goes on") },
	{ "--cause CATEGORY", N_("root-cause: man, machine, material, method, measurement or "
	    "environment") },
	{ N_("--why TEXT"), N_("root-cause: one why of the why-chain, first why first; again for "
	    "each (1 to 5)") },
	{ N_("--action TEXT"), N_("action: the corrective action") },
	{ "--owner BADGE", N_("action: who carries it out; only they sign it implemented") },
	{ "--due YYYY-MM-DD", N_("action: when it is due; after that day it is overdue until "
	    "implemented") },
	{ "--before FROM..TO", N_("effective: the days to compare with (default: the 30 days "
	    "before it was opened)") },
	{ "--after FROM..TO", N_("effective: the days after the action (default: from its "
	    "implementation to now)") },
	{ N_("--note TEXT"), N_("a remark kept with this step in the log") },
	{ "--hours H", N_("the hours this step took (1.5): prevention in the cost of quality, at "
	    "the desk rate") },
	{ "--sign BADGE", N_("who signs this step, with their PIN") },
	{ "--json", N_("print JSON for scripts: the CAPA as it now stands") },
	{ NULL, NULL },
};

static const struct ctl_option step_options[] = {
	{ N_("--note TEXT"), N_("a remark kept with this step in the log") },
	{ "--sign BADGE", N_("who signs this step, with their PIN") },
	{ "--json", N_("print JSON for scripts: the CAPA as it now stands") },
	{ NULL, NULL },
};

static const struct ctl_option list_options[] = {
	{ "--state STATE", N_("only CAPAs in that state: proposed, open, contained, root-cause, "
	    "action, implemented, verified, effective or closed") },
	{ "--overdue", N_("only actions past their due date that their owner has not signed done") },
	{ "--json", N_("print JSON for scripts: every CAPA in full") },
	{ NULL, NULL },
};

static const struct ctl_example open_examples[] = {
	{ "yokectl capa open --title \"Boards not seated at ASSY-1\" --ncr NCR-000012 --ncr "
	    "NCR-000015 --sign 3001", N_("a new CAPA from two NCRs, signed by inspector 3001") },
	{ "yokectl capa open CAPA-000004 --sign 3001", N_("open a CAPA the server proposed") },
	{ NULL, NULL },
};

static const struct ctl_example show_examples[] = {
	{ "yokectl capa show CAPA-000004", N_("everything CAPA-000004 records, with its "
	    "signatures") },
	{ NULL, NULL },
};

static const struct ctl_example update_examples[] = {
	{ "yokectl capa update CAPA-000004 --to contained --containment \"Units at ASSY checked, "
	    "none shipped\" --sign 2001", N_("containment") },
	{ "yokectl capa update CAPA-000004 --to root-cause --cause machine --why \"Board not "
	    "pressed home\" --why \"Press fixture worn\" --sign 4001", N_("the root cause and its "
	    "why-chain") },
	{ "yokectl capa update CAPA-000004 --to action --action \"Replace the fixture\" --owner "
	    "4001 --due 2026-12-15 --sign 2001", N_("the corrective action, its owner and due date") },
	{ "yokectl capa update CAPA-000004 --to implemented --sign 4001", N_("the owner says it is "
	    "done") },
	{ "yokectl capa update CAPA-000004 --to effective --sign 3001", N_("the server compares "
	    "the defect's rate before and after") },
	{ NULL, NULL },
};

static const struct ctl_example verify_examples[] = {
	{ "yokectl capa verify CAPA-000004 --sign 3001", N_("verified by someone who did not "
	    "implement it") },
	{ NULL, NULL },
};

static const struct ctl_example close_examples[] = {
	{ "yokectl capa close CAPA-000004 --sign 3001", N_("close an effective CAPA") },
	{ NULL, NULL },
};

static const struct ctl_example list_examples[] = {
	{ "yokectl capa list", N_("every CAPA, newest first") },
	{ "yokectl capa list --overdue", N_("the actions past their due date") },
	{ "yokectl capa list --state implemented --json", N_("what waits for verification, as "
	    "JSON") },
	{ NULL, NULL },
};

static const struct ctl_cmd capa_open = {
	.name = "open",
	.parent = &ctl_cmd_capa,
	.group = CTL_GROUP_NC,
	.usage = N_("[NUMBER] --title TEXT --ncr NCR [--ncr NCR]... --sign BADGE [--json]"),
	.summary = N_("open a CAPA from NCRs, or one the server proposed"),
	.description = N_("Opens a corrective and preventive action from one or more NCRs that "
	    "share a defect code and a station (or else a product), or opens one the server "
	    "proposed when that defect recurred (give its number). Signed by a lead, an inspector "
	    "or an engineer."),
	.options = open_options,
	.examples = open_examples,
	.exec = open_exec,
};

static const struct ctl_cmd capa_show = {
	.name = "show",
	.parent = &ctl_cmd_capa,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--json]"),
	.summary = N_("one CAPA in full: scope, each step, the effectiveness, the signatures"),
	.description = N_("Shows everything a CAPA records: its defect code and scope, its NCRs, "
	    "the containment, the root cause and why-chain, the action with its owner and due "
	    "date, the effectiveness check with its numbers, and who signed each step when."),
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};

static const struct ctl_cmd capa_update = {
	.name = "update",
	.parent = &ctl_cmd_capa,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER --to STATE [--containment TEXT] [--cause CATEGORY] [--why TEXT]... "
	    "[--action TEXT --owner BADGE --due YYYY-MM-DD] [--before FROM..TO] [--after FROM..TO] "
	    "[--note TEXT] [--hours H] --sign BADGE [--json]"),
	.summary = N_("move a CAPA one step on, signed"),
	.description = N_("Moves a CAPA to its next state with what that step records: contained "
	    "(--containment), root-cause (--cause and one --why each), action (--action, --owner, "
	    "--due), implemented (signed by the owner), verified (by someone other than the "
	    "implementer), effective (the server counts the defect in the CAPA's scope before and "
	    "after; it refuses, with the numbers, unless the rate after is lower over at least 30 "
	    "units), closed. Days are whole days in UTC; FROM..TO includes both."),
	.options = update_options,
	.examples = update_examples,
	.exec = update_exec,
};

static const struct ctl_cmd capa_verify = {
	.name = "verify",
	.parent = &ctl_cmd_capa,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--note TEXT] --sign BADGE [--json]"),
	.summary = N_("verify an implemented action (update --to verified)"),
	.description = N_("Verifies that an implemented action was done as planned. Signed by an "
	    "inspector or an engineer who is not the one who implemented it."),
	.options = step_options,
	.examples = verify_examples,
	.exec = verify_exec,
};

static const struct ctl_cmd capa_close = {
	.name = "close",
	.parent = &ctl_cmd_capa,
	.group = CTL_GROUP_NC,
	.usage = N_("NUMBER [--note TEXT] --sign BADGE [--json]"),
	.summary = N_("close an effective CAPA (update --to closed)"),
	.description = N_("Closes a CAPA once its effectiveness is shown. Signed by a lead, an "
	    "inspector or an engineer."),
	.options = step_options,
	.examples = close_examples,
	.exec = close_exec,
};

static const struct ctl_cmd capa_list = {
	.name = "list",
	.parent = &ctl_cmd_capa,
	.group = CTL_GROUP_NC,
	.usage = N_("[--state STATE] [--overdue] [--json]"),
	.summary = N_("the CAPAs, newest first; the overdue ones"),
	.description = N_("Lists the CAPAs, newest first: state, defect code, scope, owner, due "
	    "date (marked when overdue) and title."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};

static const struct ctl_cmd *const capa_subs[] = { &capa_open, &capa_show, &capa_update,
	&capa_verify, &capa_close, &capa_list, NULL };

const struct ctl_cmd ctl_cmd_capa = {
	.name = "capa",
	.group = CTL_GROUP_NC,
	.usage = "open | show | update | verify | close | list   [...] [--json]",
	.summary = N_("corrective and preventive actions: from NCRs to a proven fix"),
	.description = N_("Corrective and preventive actions (CAPA): opened from NCRs or proposed "
	    "by the server when a defect recurs, then contained, root cause, action, implemented, "
	    "verified, effective (shown by the records) and closed, each step signed."),
	.subs = capa_subs,
};

/* ---- words ---- */

static const struct {
	Yoke__CapaState state;
	const char *word;            /* the command line's and JSON's */
	const char *text;            /* N_(): for a person */
} states[] = {
	{ YOKE__CAPA_STATE__CAPA_PROPOSED, "proposed", N_("proposed") },
	{ YOKE__CAPA_STATE__CAPA_OPEN, "open", N_("opened") },
	{ YOKE__CAPA_STATE__CAPA_CONTAINED, "contained", N_("contained") },
	{ YOKE__CAPA_STATE__CAPA_ROOT_CAUSE, "root-cause", N_("root cause found") },
	{ YOKE__CAPA_STATE__CAPA_ACTION, "action", N_("action planned") },
	{ YOKE__CAPA_STATE__CAPA_IMPLEMENTED, "implemented", N_("implemented") },
	{ YOKE__CAPA_STATE__CAPA_VERIFIED, "verified", N_("verified") },
	{ YOKE__CAPA_STATE__CAPA_EFFECTIVE, "effective", N_("effective") },
	{ YOKE__CAPA_STATE__CAPA_CLOSED, "closed", N_("closed") },
};
#define NSTATES (sizeof states / sizeof states[0])

static const char *
state_word(Yoke__CapaState s)
{
	for (size_t i = 0; i < NSTATES; i++)
		if (states[i].state == s)
			return states[i].word;
	return "none";
}

static const char *
state_text(Yoke__CapaState s)
{
	for (size_t i = 0; i < NSTATES; i++)
		if (states[i].state == s)
			return _(states[i].text);
	return "?";
}

static bool
state_of(const char *word, Yoke__CapaState *s)
{
	for (size_t i = 0; i < NSTATES; i++)
		if (strcmp(states[i].word, word) == 0) {
			*s = states[i].state;
			return true;
		}
	return false;
}

static const char *
when(int64_t us, char *buf, size_t size)
{
	if (us == 0)
		return "";
	format_time_us(us, buf, size);
	return buf;
}

/* ---- arguments ---- */

struct args {
	const char *number;
	const char *title, *sign, *to, *containment, *cause, *action, *owner, *due, *before, *after,
	    *note, *state, *hours;
	const char *ncr[NCRS_MAX];
	size_t n_ncr;
	const char *why[WHYS_MAX];
	size_t n_why;
	bool json, overdue;
};

/* The options with a value, where each is kept; `many` ones go to a list. */
static const char **
slot(struct args *a, const char *name, size_t **n, size_t *max)
{
	static const struct { const char *name; size_t off; } one[] = {
		{ "--title", offsetof(struct args, title) }, { "--sign", offsetof(struct args, sign) },
		{ "--to", offsetof(struct args, to) },
		{ "--containment", offsetof(struct args, containment) },
		{ "--cause", offsetof(struct args, cause) }, { "--action", offsetof(struct args, action) },
		{ "--owner", offsetof(struct args, owner) }, { "--due", offsetof(struct args, due) },
		{ "--before", offsetof(struct args, before) }, { "--after", offsetof(struct args, after) },
		{ "--note", offsetof(struct args, note) }, { "--state", offsetof(struct args, state) },
		{ "--hours", offsetof(struct args, hours) },
	};
	*n = NULL;
	if (strcmp(name, "--ncr") == 0) {
		*n = &a->n_ncr;
		*max = NCRS_MAX;
		return a->ncr;
	}
	if (strcmp(name, "--why") == 0) {
		*n = &a->n_why;
		*max = WHYS_MAX;
		return a->why;
	}
	for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
		if (strcmp(one[i].name, name) == 0)
			return (const char **)((char *)a + one[i].off);
	return NULL;
}

/* Whether name is in the space-separated list allowed (" --title --ncr "). */
static bool
allowed_in(const char *allowed, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = allowed; (p = strstr(p, name)) != NULL; p += n)
		if ((p == allowed || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/*
 * Parses the sub-command's arguments: the options of `allowed` (with a
 * value each, --ncr and --why as often as they may be, --json and
 * --overdue without one) and at most one word, the CAPA's number.
 */
static int
parse(const struct ctl_cmd *cmd, int argc, char **argv, const char *allowed, struct args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char **v;
		size_t *n, max = 0;
		if (strcmp(o, "--") == 0) {
			if (i + 1 < argc && a->number == NULL && i + 2 == argc) {
				a->number = argv[i + 1];
				break;
			}
			return ctl_usage(cmd);
		}
		if (o[0] != '-' || o[1] == '\0') {
			if (a->number != NULL)
				return ctl_usage_why(cmd, _("one CAPA at a time, got %s and %s"), a->number, o);
			a->number = o;
			continue;
		}
		if (!allowed_in(allowed, o))
			return ctl_usage_why(cmd, _("unknown option %s"), o);
		if (strcmp(o, "--json") == 0) {
			a->json = true;
			continue;
		}
		if (strcmp(o, "--overdue") == 0) {
			a->overdue = true;
			continue;
		}
		if ((v = slot(a, o, &n, &max)) == NULL)
			return ctl_usage_why(cmd, _("unknown option %s"), o);
		if (i + 1 >= argc || argv[i + 1][0] == '\0')
			return ctl_usage_why(cmd, _("%s needs a value"), o);
		if (n) {
			if (*n == max)
				return ctl_usage_why(cmd, _("%s is given at most %zu times"), o, max);
			v[(*n)++] = argv[++i];
		} else {
			if (*v)
				return ctl_usage_why(cmd, _("%s is given twice"), o);
			*v = argv[++i];
		}
	}
	return CTL_OK;
}

/* ---- printing ---- */

static void
json_strings(FILE *f, const char *key, char *const *v, size_t n)
{
	fprintf(f, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_string(f, v[i]);
	}
	fputc(']', f);
}

static void
json_time(FILE *f, const char *key, int64_t us)
{
	char t[32];
	json_field(f, key, when(us, t, sizeof t));
	fprintf(f, ",\"%s_us\":%lld", key, (long long)us);
}

static void
capa_json(FILE *f, const Yoke__Capa *k)
{
	const Yoke__CapaEffectiveness *e = k->effectiveness;
	fprintf(f, "{\"number\":");
	json_string(f, k->number);
	json_field(f, "state", state_word(k->state));
	json_field(f, "title", k->title);
	json_field(f, "defect", k->defect);
	json_field(f, "station", k->station);
	json_field(f, "product", k->product);
	json_strings(f, "ncrs", k->ncrs, k->n_ncrs);
	json_field(f, "proposed_why", k->proposed_why);
	json_field(f, "containment", k->containment);
	json_field(f, "cause", k->cause_category ? defs_category_name(k->cause_category) : "");
	json_strings(f, "whys", k->whys, k->n_whys);
	json_field(f, "action", k->action);
	json_field(f, "owner", k->owner);
	json_field(f, "due", k->due);
	fprintf(f, ",\"overdue\":%s", k->overdue ? "true" : "false");
	json_field(f, "implemented_by", k->implemented_by);
	json_time(f, "opened", k->opened_us);
	json_time(f, "updated", k->updated_us);
	if (e) {
		fprintf(f, ",\"effectiveness\":{\"effective\":%s", e->effective ? "true" : "false");
		json_time(f, "before_from", e->before_from_us);
		json_time(f, "before_to", e->before_to_us);
		json_time(f, "after_from", e->after_from_us);
		json_time(f, "after_to", e->after_to_us);
		fprintf(f, ",\"before_units\":%u,\"before_defects\":%u,\"after_units\":%u,"
		    "\"after_defects\":%u", e->before_units, e->before_defects, e->after_units,
		    e->after_defects);
		json_field(f, "rule", e->rule);
		fputc('}', f);
	} else {
		fprintf(f, ",\"effectiveness\":null");
	}
	fprintf(f, ",\"signatures\":[");
	for (size_t i = 0; i < k->n_signatures; i++) {
		const Yoke__SignatureRecord *s = k->signatures[i];
		char t[32];
		if (i)
			fputc(',', f);
		fprintf(f, "{\"badge\":");
		json_string(f, s->badge);
		json_field(f, "name", s->name);
		json_field(f, "role", show_role_text((Yoke__Role)s->role));
		json_field(f, "meaning", s->meaning);
		json_field(f, "time", when(s->time_us, t, sizeof t));
		fputc('}', f);
	}
	fprintf(f, "]}");
}

static void
line(FILE *f, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	table_put(f, label, LABEL_WIDTH);
	fprintf(f, "%s\n", value);
}

static const char *
scope_text(const Yoke__Capa *k, char *buf, size_t size)
{
	if (!str_empty(k->station))
		snprintf(buf, size, _("station %s"), k->station);
	else
		snprintf(buf, size, _("product %s"), k->product);
	return buf;
}

static const char *
rate(uint32_t defects, uint32_t units, char *buf, size_t size)
{
	if (units == 0)
		snprintf(buf, size, _("%u in %u units"), defects, units);
	else
		snprintf(buf, size, _("%u in %u units (%.1f %%)"), defects, units,
		    100.0 * defects / units);
	return buf;
}

static void
window(FILE *f, const char *label, int64_t from, int64_t to, uint32_t defects, uint32_t units)
{
	char a[32], b[32], r[80], text[200];
	snprintf(text, sizeof text, _("%s to %s UTC: %s"), when(from, a, sizeof a),
	    when(to, b, sizeof b), rate(defects, units, r, sizeof r));
	line(f, label, text);
}

static void
capa_print(FILE *f, const Yoke__Capa *k)
{
	char buf[600], t[32];
	const Yoke__CapaEffectiveness *e = k->effectiveness;

	fprintf(f, "%s  %s\n", k->number, k->title);
	line(f, _("State"), state_text(k->state));
	line(f, _("Defect"), k->defect);
	line(f, _("Scope"), scope_text(k, buf, sizeof buf));
	for (size_t i = 0; i < k->n_ncrs; i++)
		line(f, i == 0 ? _("NCRs") : "", k->ncrs[i]);
	line(f, _("Proposed"), k->proposed_why);
	if (k->opened_us) {
		snprintf(buf, sizeof buf, "%s UTC", when(k->opened_us, t, sizeof t));
		line(f, _("Opened"), buf);
	}
	line(f, _("Containment"), k->containment);
	if (k->cause_category)
		line(f, _("Root cause"), defs_category_name(k->cause_category));
	for (size_t i = 0; i < k->n_whys; i++) {
		char label[40];
		snprintf(label, sizeof label, _("Why %zu"), i + 1);
		line(f, label, k->whys[i]);
	}
	line(f, _("Action"), k->action);
	line(f, _("Owner"), k->owner);
	if (!str_empty(k->due)) {
		if (k->overdue)
			snprintf(buf, sizeof buf, _("%s, overdue"), k->due);
		else
			snprintf(buf, sizeof buf, "%s", k->due);
		line(f, _("Due"), buf);
	}
	line(f, _("Implemented by"), k->implemented_by);
	if (e) {
		line(f, _("Effectiveness"), e->effective ? _("effective") : _("not shown"));
		window(f, _("Before"), e->before_from_us, e->before_to_us, e->before_defects,
		    e->before_units);
		window(f, _("After"), e->after_from_us, e->after_to_us, e->after_defects,
		    e->after_units);
	}
	if (k->n_signatures)
		fprintf(f, "%s\n", _("Signatures"));
	for (size_t i = 0; i < k->n_signatures; i++) {
		const Yoke__SignatureRecord *s = k->signatures[i];
		fprintf(f, "  ");
		fprintf(f, _("signed by %s (badge %s, %s) at %s UTC: %s"), s->name, s->badge,
		    show_role_text((Yoke__Role)s->role), when(s->time_us, t, sizeof t), s->meaning);
		fputc('\n', f);
	}
}

/* The answer to a request that changed one CAPA. */
static int
changed(Yoke__Reply *rp, bool json)
{
	Yoke__Capa *k = rp->capas->n_capas == 1 ? rp->capas->capas[0] : NULL;
	int rc = CTL_OK;
	if (k == NULL)
		rc = ctl_fail(CTL_ST_PROTOCOL, _("the server's answer names no CAPA"));
	else if (json) {
		capa_json(stdout, k);
		putchar('\n');
	} else {
		printf("%s\n", rp->message);
	}
	client_reply_free(rp);
	return rc;
}

/* ---- the commands ---- */

static int
open_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CapaOpen o = YOKE__CAPA_OPEN__INIT;
	struct ctl_signers sig = { .n = 0 };
	Yoke__Reply *rp;
	struct args a;
	int rc;

	if ((rc = parse(&capa_open, argc, argv, "--title --ncr --sign --json", &a)) != CTL_OK)
		return rc;
	if (a.number == NULL && (str_empty(a.title) || a.n_ncr == 0))
		return ctl_usage_why(&capa_open, _("a new CAPA needs --title and at least one --ncr"));
	if (a.sign)
		sig.badge[sig.n++] = a.sign;
	if ((rc = ctl_signers_read(ctl, &capa_open, &sig)) != CTL_OK)
		return rc;
	o.number = (char *)(a.number ? a.number : "");
	o.title = (char *)(a.title ? a.title : "");
	o.ncrs = (char **)a.ncr;
	o.n_ncrs = a.n_ncr;
	o.signature = sig.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_CAPA_OPEN;
	rq.capa_open = &o;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &sig);
	return rc == CTL_OK ? changed(rp, a.json) : rc;
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CapaQuery q = YOKE__CAPA_QUERY__INIT;
	Yoke__Reply *rp;
	struct args a;
	int rc;

	if ((rc = parse(&capa_show, argc, argv, "--json", &a)) != CTL_OK)
		return rc;
	if (a.number == NULL)
		return ctl_usage_why(&capa_show, _("which CAPA? Its number comes first"));
	q.number = (char *)a.number;
	rq.body_case = YOKE__REQUEST__BODY_CAPAS;
	rq.capas = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (rp->capas->n_capas != 1) {
		rc = ctl_fail(CTL_ST_PROTOCOL, _("the server's answer names no CAPA"));
	} else if (a.json) {
		capa_json(stdout, rp->capas->capas[0]);
		putchar('\n');
	} else {
		capa_print(stdout, rp->capas->capas[0]);
	}
	client_reply_free(rp);
	return rc;
}

/* Which options go with which --to: each records one step's own fields. */
static int
fields_fit(const struct ctl_cmd *cmd, const struct args *a, const char *to)
{
	static const struct { const char *option, *to; } only[] = {
		{ "--containment", "contained" }, { "--cause", "root-cause" }, { "--why", "root-cause" },
		{ "--action", "action" }, { "--owner", "action" }, { "--due", "action" },
		{ "--before", "effective" }, { "--after", "effective" },
	};
	const bool given[] = { a->containment != NULL, a->cause != NULL, a->n_why > 0,
		a->action != NULL, a->owner != NULL, a->due != NULL, a->before != NULL,
		a->after != NULL };
	for (size_t i = 0; i < sizeof only / sizeof only[0]; i++)
		if (given[i] && strcmp(only[i].to, to) != 0)
			return ctl_usage_why(cmd, _("%s goes with --to %s, not --to %s"), only[i].option,
			    only[i].to, to);
	return CTL_OK;
}

/* Sends a step: the arguments parsed, the state to move to. */
static int
step(struct ctl *ctl, const struct ctl_cmd *cmd, const struct args *a, Yoke__CapaState to)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CapaUpdate u = YOKE__CAPA_UPDATE__INIT;
	struct ctl_signers sig = { .n = 0 };
	Yoke__Reply *rp;
	int rc;

	if (a->number == NULL)
		return ctl_usage_why(cmd, _("which CAPA? Its number comes first"));
	u.number = (char *)a->number;
	u.to = to;
	u.containment = (char *)(a->containment ? a->containment : "");
	u.whys = (char **)a->why;
	u.n_whys = a->n_why;
	u.action = (char *)(a->action ? a->action : "");
	u.owner = (char *)(a->owner ? a->owner : "");
	u.due = (char *)(a->due ? a->due : "");
	u.note = (char *)(a->note ? a->note : "");
	u.hours = (char *)(a->hours ? a->hours : "");
	if (a->cause) {
		Yoke__DefectCategory c;
		for (c = YOKE__DEFECT_CATEGORY__DEFECT_MAN; c <= YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT;
		    c++)
			if (strcmp(defs_category_name(c), a->cause) == 0)
				break;
		if (c > YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT)
			return ctl_usage_why(cmd, _("--cause expects man, machine, material, method, "
			    "measurement or environment, got \"%s\""), a->cause);
		u.cause_category = c;
	}
	if (a->due && !date_valid(a->due))
		return ctl_usage_why(cmd, _("--due expects a date YYYY-MM-DD, got \"%s\""), a->due);
	if (a->before && !capa_parse_window(a->before, &u.before_from_us, &u.before_to_us))
		return ctl_usage_why(cmd, _("--before expects days FROM..TO (YYYY-MM-DD..YYYY-MM-DD, "
		    "either may be left out), got \"%s\""), a->before);
	if (a->after && !capa_parse_window(a->after, &u.after_from_us, &u.after_to_us))
		return ctl_usage_why(cmd, _("--after expects days FROM..TO (YYYY-MM-DD..YYYY-MM-DD, "
		    "either may be left out), got \"%s\""), a->after);
	if (a->sign)
		sig.badge[sig.n++] = a->sign;
	if ((rc = ctl_signers_read(ctl, cmd, &sig)) != CTL_OK)
		return rc;
	u.signature = sig.ptr[0];
	rq.body_case = YOKE__REQUEST__BODY_CAPA_UPDATE;
	rq.capa_update = &u;
	rc = ctl_request(ctl, &rq, &rp);
	ctl_signers_wipe(ctl, &sig);
	return rc == CTL_OK ? changed(rp, a->json) : rc;
}

static int
update_exec(struct ctl *ctl, int argc, char **argv)
{
	struct args a;
	Yoke__CapaState to;
	int rc;

	if ((rc = parse(&capa_update, argc, argv, "--to --containment --cause --why --action --owner "
	    "--due --before --after --note --hours --sign --json", &a)) != CTL_OK)
		return rc;
	if (a.to == NULL)
		return ctl_usage_why(&capa_update, _("to which state? Give --to contained, root-cause, "
		    "action, implemented, verified, effective or closed"));
	if (!state_of(a.to, &to) || to < YOKE__CAPA_STATE__CAPA_CONTAINED)
		return ctl_usage_why(&capa_update, _("--to expects contained, root-cause, action, "
		    "implemented, verified, effective or closed, got \"%s\""), a.to);
	if ((rc = fields_fit(&capa_update, &a, a.to)) != CTL_OK)
		return rc;
	return step(ctl, &capa_update, &a, to);
}

static int
verify_exec(struct ctl *ctl, int argc, char **argv)
{
	struct args a;
	int rc = parse(&capa_verify, argc, argv, "--note --sign --json", &a);
	return rc != CTL_OK ? rc : step(ctl, &capa_verify, &a, YOKE__CAPA_STATE__CAPA_VERIFIED);
}

static int
close_exec(struct ctl *ctl, int argc, char **argv)
{
	struct args a;
	int rc = parse(&capa_close, argc, argv, "--note --sign --json", &a);
	return rc != CTL_OK ? rc : step(ctl, &capa_close, &a, YOKE__CAPA_STATE__CAPA_CLOSED);
}

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CapaQuery q = YOKE__CAPA_QUERY__INIT;
	Yoke__Reply *rp;
	struct args a;
	int rc;

	if ((rc = parse(&capa_list, argc, argv, "--state --overdue --json", &a)) != CTL_OK)
		return rc;
	if (a.number)
		return ctl_usage_why(&capa_list, _("capa list takes no number: capa show %s shows one"),
		    a.number);
	if (a.state && !state_of(a.state, &q.state))
		return ctl_usage_why(&capa_list, _("--state expects proposed, open, contained, "
		    "root-cause, action, implemented, verified, effective or closed, got \"%s\""),
		    a.state);
	q.overdue = a.overdue;
	rq.body_case = YOKE__REQUEST__BODY_CAPAS;
	rq.capas = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (a.json) {
		printf("[");
		for (size_t i = 0; i < rp->capas->n_capas; i++) {
			if (i)
				putchar(',');
			capa_json(stdout, rp->capas->capas[i]);
		}
		printf("]\n");
	} else if (rp->capas->n_capas == 0) {
		printf("%s\n", a.overdue ? _("No action is overdue.") : _("No CAPA matches."));
	} else {
		struct table *t = table_new(7);
		table_column(t, 0, _("CAPA"), 0);
		table_column(t, 1, _("STATE"), 0);
		table_column(t, 2, _("DEFECT"), 0);
		table_column(t, 3, _("SCOPE"), 24);
		table_column(t, 4, _("OWNER"), 0);
		table_column(t, 5, _("DUE DATE"), 0);
		table_column(t, 6, _("TITLE"), 40);
		for (size_t i = 0; i < rp->capas->n_capas; i++) {
			const Yoke__Capa *k = rp->capas->capas[i];
			char scope[120], due[64];
			const char *cells[7];
			if (k->overdue)
				snprintf(due, sizeof due, _("%s, overdue"), k->due);
			else
				snprintf(due, sizeof due, "%s", k->due);
			cells[0] = k->number;
			cells[1] = state_text(k->state);
			cells[2] = k->defect;
			cells[3] = scope_text(k, scope, sizeof scope);
			cells[4] = k->owner;
			cells[5] = due;
			cells[6] = k->title;
			table_row(t, cells);
		}
		table_print(t, stdout);
		table_free(t);
		if (!str_empty(rp->message) && rp->capas->n_capas >= 5000)
			ctl_warn("%s", rp->message);
	}
	client_reply_free(rp);
	return CTL_OK;
}
