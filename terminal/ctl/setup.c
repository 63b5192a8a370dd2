/*
 * setup.c — yokectl setup show STATION: the lots loaded at a station for
 * the parts its steps take from the setup (server/material/setup.h), who
 * loaded each and when, the lot it replaced, and whether it may be used
 * now; the parts with nothing loaded are listed too. Read-only.
 */
#include "terminal/ctl/ctl.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

static int show_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option show_options[] = {
	{ "--json", N_("print JSON for scripts") },
	{ NULL, NULL },
};

static const struct ctl_example show_examples[] = {
	{ "yokectl setup show SMT-1", N_("the reels loaded at SMT-1 and those missing") },
	{ NULL, NULL },
};

extern const struct ctl_cmd ctl_cmd_setup;

static const struct ctl_cmd setup_show = {
	.name = "show",
	.parent = &ctl_cmd_setup,
	.group = CTL_GROUP_WORK,
	.usage = N_("STATION [--json]"),
	.summary = N_("the lots loaded at a station"),
	.description = N_("Shows, for each part that a step done at the station takes from its "
	    "material setup (from=setup), the lot loaded there (yoke's lot id, or the lot as "
	    "scanned when its part needs no received lot), the supplier's lot, who loaded it and "
	    "when, the lot it replaced, and whether it may be used now; a part with nothing loaded "
	    "is listed too."),
	.options = show_options,
	.examples = show_examples,
	.exec = show_exec,
};

static const struct ctl_cmd *const setup_subs[] = { &setup_show, NULL };

const struct ctl_cmd ctl_cmd_setup = {
	.name = "setup",
	.group = CTL_GROUP_WORK,
	.usage = N_("show STATION [--json]"),
	.summary = N_("a station's material setup: the reels and bulk lots loaded there"),
	.description = N_("The material setup of a station: the lot loaded there for each part "
	    "that steps take without a scan per unit (scan PART from=setup). Operators load lots "
	    "at the station terminal (@SETUP and the reel's label)."),
	.subs = setup_subs,
};

static const Yoke__SetupEntry *
entry_of(const Yoke__SetupReply *s, const char *part)
{
	for (size_t i = 0; i < s->n_entries; i++)
		if (strcmp(s->entries[i]->part, part) == 0)
			return s->entries[i];
	return NULL;
}

static void
print_json(const Yoke__SetupReply *s)
{
	printf("{\"station\":");
	json_string(stdout, s->station);
	json_field(stdout, "station_kind", s->station_kind);
	printf(",\"parts\":[");
	for (size_t i = 0; i < s->n_parts; i++) {
		const Yoke__SetupEntry *e = entry_of(s, s->parts[i]);
		char when[32] = "";
		printf("%s{\"part\":", i ? "," : "");
		json_string(stdout, s->parts[i]);
		if (e) {
			format_time_us(e->loaded_us, when, sizeof when);
			json_field(stdout, "lot", e->lot);
			json_field(stdout, "supplier_lot", e->supplier_lot);
			json_field(stdout, "loaded", when);
			json_field(stdout, "loaded_by", e->loaded_by);
			json_field(stdout, "loaded_by_name", e->loaded_by_name);
			json_field(stdout, "previous_lot", e->previous_lot);
			printf(",\"usable\":%s", e->usable ? "true" : "false");
			json_field(stdout, "why", e->why);
		} else {
			printf(",\"lot\":null");
		}
		putchar('}');
	}
	printf("]}\n");
}

static void
print_text(const Yoke__SetupReply *s)
{
	printf(P_("Setup of %s (%s): %zu lot loaded\n", "Setup of %s (%s): %zu lots loaded\n",
	    s->n_entries), s->station, s->station_kind, s->n_entries);
	if (s->n_parts == 0) {
		printf("%s\n", _("No step done at this station takes its parts from a setup."));
		return;
	}
	for (size_t i = 0; i < s->n_parts; i++) {
		const Yoke__SetupEntry *e = entry_of(s, s->parts[i]);
		char when[32];
		if (e == NULL) {
			printf(_("  %-16s nothing loaded\n"), s->parts[i]);
			continue;
		}
		format_time_us(e->loaded_us, when, sizeof when);
		if (!str_empty(e->supplier_lot))
			printf(_("  %-16s %s (supplier lot %s), loaded %s by %s (%s)\n"), e->part, e->lot,
			    e->supplier_lot, when, e->loaded_by_name, e->loaded_by);
		else
			printf(_("  %-16s %s, loaded %s by %s (%s)\n"), e->part, e->lot, when,
			    e->loaded_by_name, e->loaded_by);
		if (!str_empty(e->previous_lot))
			printf(_("  %-16s replaced lot %s\n"), "", e->previous_lot);
		if (!e->usable)
			printf(_("  %-16s NOT USABLE: %s\n"), "", e->why);
	}
}

static int
show_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetupQuery q = YOKE__SETUP_QUERY__INIT;
	Yoke__Reply *rp;
	bool json;
	int rc;

	if ((rc = ctl_word_args(&setup_show, argc, argv, &q.station, &json)) != CTL_OK)
		return rc;
	rq.body_case = YOKE__REQUEST__BODY_SETUP;
	rq.setup = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	if (rp->body_case != YOKE__REPLY__BODY_SETUP || rp->setup == NULL) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, "%s", _("the server answered without the station's setup"));
	}
	if (json)
		print_json(rp->setup);
	else
		print_text(rp->setup);
	client_reply_free(rp);
	return CTL_OK;
}
