/*
 * recall.c — yokectl recall: every unit that contains a lot, through
 * sub-assemblies, and where each stands; with --hold, one hold on them all
 * with a lot NCR, signed.
 *
 *   recall PART/LOT [--json]
 *   recall PART/LOT --hold --defect CODE [--location L] [--note TEXT] --sign BADGE [--json]
 *
 * LOT is yoke's lot id (L-000001) or the supplier's lot as its label says.
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/nc_show.h"
#include "terminal/ctl/show.h"
#include "terminal/ctl/table.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

static int recall_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--hold", N_("hold every unit found with one hold, in one transaction: a lot NCR is raised "
	    "(no more scans of the lot are accepted) and the units that contain the lot through "
	    "sub-assemblies are added to its hold") },
	{ N_("--defect CODE"), N_("--hold: the NCR's defect code from the definitions (required)") },
	{ N_("--location L"), N_("--hold: where the defect is, e.g. a reference designator") },
	{ N_("--note TEXT"), N_("--hold: why the lot is recalled, in a sentence") },
	{ N_("--sign BADGE"), N_("--hold: who holds them, an inspector or a lead; the PIN is asked at "
	    "the terminal, or read from --pin-fd (required)") },
	{ "--json", N_("print JSON for scripts: the lot, every unit with its path, the counts") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl recall MCU-F407/LOT-2411-07", N_("every unit with that supplier lot in it, also "
	    "inside modules, and where each stands") },
	{ "yokectl recall MCU-F407/L-000007 --json", N_("the same lot named by yoke's lot id, as JSON") },
	{ "yokectl recall MCU-F407/LOT-2411-07 --hold --defect SOLDERABILITY --note \"Supplier "
	    "alert SA-17\" --sign 3001", N_("hold them all with one hold and a lot NCR") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_recall = {
	.name = "recall",
	.group = CTL_GROUP_NC,
	.usage = N_("PART/LOT [--hold --defect CODE [--location L] [--note TEXT] --sign BADGE] "
	    "[--json]"),
	.summary = N_("every unit that contains a lot, through sub-assemblies; --hold holds them all"),
	.description = N_("Lists every unit that contains the lot: the units built with it, and the "
	    "units those were built into as serial sub-assemblies, level by level. For each: the "
	    "path from the lot to it, its work order and product, its status, and where it stands "
	    "(operation and station). yoke records no shipping: a done unit may have left the "
	    "plant. LOT is yoke's lot id (L-000001) or the supplier's lot. With --hold, signed, "
	    "one transaction raises a lot NCR, whose hold covers the units built with the lot and "
	    "refuses the lot at every scan, and adds the units that contain it through "
	    "sub-assemblies to that same hold; the NCR's disposition releases them all."),
	.options = options,
	.examples = examples,
	.exec = recall_exec,
};

static char *
path_text(const Yoke__RecallUnit *u)
{
	size_t len = 1;
	for (size_t i = 0; i < u->n_path; i++)
		len += strlen(u->path[i]) + 5;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < u->n_path; i++) {
		if (i)
			strcat(s, " → ");
		strcat(s, u->path[i]);
	}
	return s;
}

static char *
where_text(const Yoke__RecallUnit *u)
{
	if (u->status == YOKE__UNIT_STATUS__UNIT_DONE || u->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED ||
	    u->operation == 0)
		return xstrdup("-");
	if (!str_empty(u->station))
		return xasprintf(_("op %u %s at %s"), u->operation, u->operation_name, u->station);
	return xasprintf(_("op %u %s (%s)"), u->operation, u->operation_name, u->station_kind);
}

static void
print_text(const Yoke__RecallReply *rr, const char *message)
{
	if (!str_empty(rr->lot_id))
		printf(_("Lot %s/%s: %s, supplier %s, supplier lot %s\n"), rr->part, rr->lot, rr->lot_id,
		    rr->supplier, rr->supplier_lot);
	else
		printf(_("Lot %s/%s: no lot record (never received); followed as scanned\n"),
		    rr->part, rr->lot);
	if (rr->n_units) {
		struct table *t = table_new(6);
		table_column(t, 0, _("SERIAL"), 0);
		table_column(t, 1, _("PRODUCT"), 0);
		table_column(t, 2, _("LEVEL"), 0);
		table_column(t, 3, _("STATUS"), 0);
		table_column(t, 4, _("WHERE"), 32);
		table_column(t, 5, _("PATH"), 0);
		for (size_t i = 0; i < rr->n_units; i++) {
			const Yoke__RecallUnit *u = rr->units[i];
			char level[16];
			char *where = where_text(u), *path = path_text(u);
			char *status = u->held ? xasprintf(_("%s, held"), show_unit_status_text(u->status)) :
			    xstrdup(show_unit_status_text(u->status));
			snprintf(level, sizeof level, "%u", u->level);
			const char *cells[6] = { u->serial, u->product, level, status, where, path };
			table_row(t, cells);
			free(where);
			free(path);
			free(status);
		}
		table_print(t, stdout);
		table_free(t);
	}
	printf("%s\n", message);
	if (rr->containment && rr->containment->hold)
		nc_containment_text(stdout, rr->containment);
}

static void
print_json(const Yoke__RecallReply *rr, const char *message)
{
	printf("{\"part\":");
	json_string(stdout, rr->part);
	json_field(stdout, "lot", rr->lot);
	json_field(stdout, "lot_id", rr->lot_id);
	json_field(stdout, "supplier", rr->supplier);
	json_field(stdout, "supplier_lot", rr->supplier_lot);
	printf(",\"labels\":[");
	for (size_t i = 0; i < rr->n_labels; i++) {
		if (i)
			putchar(',');
		json_string(stdout, rr->labels[i]);
	}
	printf("],\"units\":[");
	for (size_t i = 0; i < rr->n_units; i++) {
		const Yoke__RecallUnit *u = rr->units[i];
		printf("%s{\"serial\":", i ? "," : "");
		json_string(stdout, u->serial);
		json_field(stdout, "work_order", u->work_order);
		json_field(stdout, "product", u->product);
		json_field(stdout, "status", show_unit_status(u->status));
		printf(",\"operation\":%u", u->operation);
		json_field(stdout, "operation_name", u->operation_name);
		json_field(stdout, "station_kind", u->station_kind);
		json_field(stdout, "station", u->station);
		printf(",\"level\":%u,\"path\":[", u->level);
		for (size_t k = 0; k < u->n_path; k++) {
			if (k)
				putchar(',');
			json_string(stdout, u->path[k]);
		}
		printf("],\"held\":%s", u->held ? "true" : "false");
		json_field(stdout, "hold_reason", u->hold_reason);
		putchar('}');
	}
	printf("],\"units_in_work\":%u,\"units_done\":%u,\"units_scrapped\":%u,\"levels\":%u,"
	    "\"cut\":%s,\"shipping_recorded\":false", rr->units_in_work, rr->units_done,
	    rr->units_scrapped, rr->levels, rr->cut ? "true" : "false");
	if (rr->ncr) {
		printf(",\"ncr\":");
		nc_ncr_json(stdout, rr->ncr);
	}
	if (rr->containment && rr->containment->hold) {
		printf(",\"containment\":{\"hold\":");
		nc_hold_json(stdout, rr->containment->hold);
		printf(",\"units_in_work\":%u,\"units_done\":%u,\"units_scrapped\":%u}",
		    rr->containment->units_in_work, rr->containment->units_done,
		    rr->containment->units_scrapped);
	}
	json_field(stdout, "message", message);
	printf("}\n");
}

static int
recall_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__RecallQuery q = YOKE__RECALL_QUERY__INIT;
	Yoke__RecallHold h = YOKE__RECALL_HOLD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	Yoke__Reply *rp;
	struct ctl_signers s = { .n = 0 };
	const char *words[1], *defect, *location, *note;
	bool json, hold;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--hold", .flag = &hold },
		{ .name = "--defect", .value = &defect },
		{ .name = "--location", .value = &location },
		{ .name = "--note", .value = &note },
		{ .name = "--sign", .many = s.badge, .n_many = &s.n, .max = 1 },
		{ .name = "--json", .flag = &json },
		{ .name = NULL },
	};
	const struct ctl_cmd *cmd = &ctl_cmd_recall;

	if ((rc = ctl_parse(cmd, argc, argv, opts, words, 1, &nw)) != CTL_OK)
		return rc;
	if (nw == 0)
		return ctl_usage_why(cmd, _("which lot? Give it as PART/LOT"));
	const char *slash = strchr(words[0], '/');
	if (slash == NULL || slash == words[0] || slash[1] == '\0' || strchr(slash + 1, '/'))
		return ctl_usage_why(cmd, _("expected the lot as PART/LOT, got \"%s\""), words[0]);
	char *part = xstrdup(words[0]);
	part[slash - words[0]] = '\0';
	const char *lot = part + (slash - words[0]) + 1;
	if (!hold && (defect || location || note || s.n)) {
		free(part);
		return ctl_usage_why(cmd, _("--defect, --location, --note and --sign go with --hold"));
	}
	if (hold) {
		if (defect == NULL) {
			free(part);
			return ctl_usage_why(cmd, _("--hold raises an NCR on the lot: give its --defect "
			    "CODE"));
		}
		if ((rc = ctl_signers_read(ctl, cmd, &s)) != CTL_OK) {
			free(part);
			return rc;
		}
		d.code = (char *)defect;
		d.location = (char *)(location ? location : "");
		d.note = (char *)(note ? note : "");
		h.part = part;
		h.lot = (char *)lot;
		h.defect = &d;
		h.signature = s.ptr[0];
		rq.body_case = YOKE__REQUEST__BODY_RECALL_HOLD;
		rq.recall_hold = &h;
	} else {
		q.part = part;
		q.lot = (char *)lot;
		rq.body_case = YOKE__REQUEST__BODY_RECALL;
		rq.recall = &q;
	}
	rc = ctl_request(ctl, &rq, &rp);
	if (hold)
		ctl_signers_wipe(ctl, &s);
	free(part);
	if (rc != CTL_OK)
		return rc;
	if (json)
		print_json(rp->recall, rp->message);
	else
		print_text(rp->recall, rp->message);
	client_reply_free(rp);
	return CTL_OK;
}
