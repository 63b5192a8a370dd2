/* scar_show.c — see scar_show.h. */
#include "terminal/ctl/scar_show.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/table.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

const char *
scar_state_name(Yoke__ScarState s)
{
	switch (s) {
	case YOKE__SCAR_STATE__SCAR_OPEN: return "open";
	case YOKE__SCAR_STATE__SCAR_CLOSED: return "closed";
	default: return "";
	}
}

static const char *
state_text(Yoke__ScarState s)
{
	switch (s) {
	case YOKE__SCAR_STATE__SCAR_OPEN: return _("open");
	case YOKE__SCAR_STATE__SCAR_CLOSED: return _("closed");
	default: return "";
	}
}

void
scar_number_of(const char *s, char *buf, size_t size)
{
	uint64_t n;
	if (ctl_count(s, 999999999, &n))
		snprintf(buf, size, "SCAR-%06llu", (unsigned long long)n);
	else
		snprintf(buf, size, "%s", s);
}

static const char *const labels[] = {
	N_("Supplier"), N_("Part"), N_("From"), N_("Problem"), N_("Answer due"), N_("Opened"),
	N_("Closed"), N_("D1 team"), N_("D2 problem"), N_("D3 containment"), N_("D4 root cause"),
	N_("D5 corrective action"), N_("D6 implemented"), N_("D7 prevent recurrence"),
	N_("D8 congratulate"), N_("Closes after"), N_("Lots since"), N_("Evidence"), N_("Signatures"),
};

struct listing {
	FILE *f;
	int width;
};

static void
item(const struct listing *l, const char *label, const char *value)
{
	if (str_empty(value))
		return;
	table_put(l->f, label ? _(label) : "", l->width);
	fprintf(l->f, "%s\n", value);
}

static void
item_time(const struct listing *l, const char *label, int64_t us)
{
	char at[32], when[48];
	if (us == 0)
		return;
	format_time_us(us, at, sizeof at);
	snprintf(when, sizeof when, "%s UTC", at);
	item(l, label, when);
}

void
scar_text(FILE *f, const Yoke__Scar *s)
{
	struct listing l = { f, 0 };
	char *v;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		int w = utf8_width(_(labels[i]));
		if (w > l.width)
			l.width = w;
	}
	l.width += 2;
	fprintf(f, "%s  %s%s\n", s->number, state_text(s->state), s->overdue ? _(", answer overdue") :
	    "");
	item(&l, N_("Supplier"), s->supplier);
	item(&l, N_("Part"), s->part);
	if (!str_empty(s->ncr)) {
		v = xasprintf(_("%s, lot %s"), s->ncr, s->lot);
		item(&l, N_("From"), v);
		free(v);
	}
	item(&l, N_("Problem"), s->problem);
	item(&l, N_("Answer due"), s->response_due);
	item_time(&l, N_("Opened"), s->opened_us);
	item_time(&l, N_("Closed"), s->closed_us);
	item(&l, N_("D1 team"), s->d1_team);
	item(&l, N_("D2 problem"), s->d2_problem);
	item(&l, N_("D3 containment"), s->d3_containment);
	item(&l, N_("D4 root cause"), s->d4_root_cause);
	item(&l, N_("D5 corrective action"), s->d5_corrective_action);
	item(&l, N_("D6 implemented"), s->d6_implemented);
	item(&l, N_("D7 prevent recurrence"), s->d7_prevent_recurrence);
	item(&l, N_("D8 congratulate"), s->d8_congratulate);
	if (s->state == YOKE__SCAR_STATE__SCAR_OPEN) {
		v = xasprintf(P_("%u accepted lot in a row received after it opened (so far: %u)",
		    "%u accepted lots in a row received after it opened (so far: %u)",
		    s->lots_required), s->lots_required, s->lots_accepted);
		item(&l, N_("Closes after"), v);
		free(v);
		for (size_t i = 0; i < s->n_lots_after; i++)
			item(&l, i == 0 ? N_("Lots since") : "", s->lots_after[i]);
	}
	for (size_t i = 0; i < s->n_evidence; i++)
		item(&l, i == 0 ? N_("Evidence") : "", s->evidence[i]);
	for (size_t i = 0; i < s->n_signatures; i++) {
		v = nc_signature_text(s->signatures[i]);
		item(&l, i == 0 ? N_("Signatures") : "", v);
		free(v);
	}
}

static void
strings(FILE *f, const char *key, char *const *v, size_t n)
{
	fprintf(f, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_string(f, v[i]);
	}
	fputc(']', f);
}

void
scar_json(FILE *f, const Yoke__Scar *s)
{
	fprintf(f, "{\"number\":");
	json_string(f, s->number);
	json_field(f, "state", scar_state_name(s->state));
	json_field(f, "supplier", s->supplier);
	json_field(f, "part", s->part);
	json_field(f, "ncr", s->ncr);
	json_field(f, "lot", s->lot);
	json_field(f, "problem", s->problem);
	json_field(f, "response_due", s->response_due);
	fprintf(f, ",\"lots_required\":%u,\"lots_accepted\":%u,\"overdue\":%s", s->lots_required,
	    s->lots_accepted, s->overdue ? "true" : "false");
	json_field(f, "d1_team", s->d1_team);
	json_field(f, "d2_problem", s->d2_problem);
	json_field(f, "d3_containment", s->d3_containment);
	json_field(f, "d4_root_cause", s->d4_root_cause);
	json_field(f, "d5_corrective_action", s->d5_corrective_action);
	json_field(f, "d6_implemented", s->d6_implemented);
	json_field(f, "d7_prevent_recurrence", s->d7_prevent_recurrence);
	json_field(f, "d8_congratulate", s->d8_congratulate);
	fprintf(f, ",\"opened_us\":%lld,\"closed_us\":%lld", (long long)s->opened_us,
	    (long long)s->closed_us);
	strings(f, "lots_after", s->lots_after, s->n_lots_after);
	strings(f, "evidence", s->evidence, s->n_evidence);
	fprintf(f, ",\"signatures\":[");
	for (size_t i = 0; i < s->n_signatures; i++) {
		if (i)
			fputc(',', f);
		nc_signature_json(f, s->signatures[i]);
	}
	fprintf(f, "]}");
}

void
scars_table(FILE *f, Yoke__Scar *const *s, size_t n)
{
	struct table *t = table_new(7);
	table_column(t, 0, _("SCAR"), 0);
	table_column(t, 1, _("STATE"), 0);
	table_column(t, 2, _("SUPPLIER"), 0);
	table_column(t, 3, _("PART"), 0);
	table_column(t, 4, _("DUE"), 0);
	table_column(t, 5, _("NCR"), 0);
	table_column(t, 6, _("PROBLEM"), 40);
	for (size_t i = 0; i < n; i++) {
		char *due = s[i]->overdue ? xasprintf(_("%s overdue"), s[i]->response_due) :
		    xstrdup(s[i]->response_due);
		const char *cells[7] = { s[i]->number, state_text(s[i]->state), s[i]->supplier,
			s[i]->part, due, str_empty(s[i]->ncr) ? "-" : s[i]->ncr, s[i]->problem };
		table_row(t, cells);
		free(due);
	}
	table_print(t, f);
	table_free(t);
}

int
scar_print_reply(Yoke__Reply *rp, bool json)
{
	if (rp->scars->n_scars == 0) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, "%s", _("the server's answer has no SCAR"));
	}
	if (json) {
		printf("{\"scar\":");
		scar_json(stdout, rp->scars->scars[0]);
		json_field(stdout, "message", rp->message);
		printf("}\n");
	} else {
		printf("%s\n", rp->message);
		scar_text(stdout, rp->scars->scars[0]);
	}
	client_reply_free(rp);
	return CTL_OK;
}
