/*
 * setup.c — the station's material setup at the terminal: the question
 * that loads reels, the query that keeps the setup line true, the answers
 * (see setup.h).
 */
#include "terminal/setup.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

static void
drop_now(struct station_view *sv)
{
	if (sv->setup.now)
		yoke__setup_reply__free_unpacked(sv->setup.now, NULL);
	sv->setup.now = NULL;
}

void
setup_stop(struct station_view *sv)
{
	drop_now(sv);
	sv->setup.asked = sv->setup.want = sv->setup.loaded_sent = false;
	if (sv->ask == STATION_ASK_SETUP)
		drop_ask(sv);
}

bool
setup_used(const struct station_view *sv)
{
	return sv->setup.now && sv->setup.now->n_parts > 0;
}

void
setup_refresh(struct station_view *sv)
{
	/* Once, for the first unit that takes from the setup: a station
	 * without one sends nothing more than before, and one with a setup
	 * does not read it again for every unit (a load's answer carries it). */
	for (size_t i = 0; !sv->setup.asked && sv->unit && i < sv->unit->n_steps; i++)
		if (sv->unit->steps[i]->from_setup)
			sv->setup.want = true;
}

void
setup_stale(struct station_view *sv)
{
	sv->setup.want = true;
}

bool
setup_command(struct station_view *sv)
{
	if (sv->setup.asked && !setup_used(sv)) {
		say(sv, STATION_TONE_ERROR, _("No step done at %s takes its parts from a setup: "
		    "there is nothing to load here"), sv->station);
		return false;
	}
	sv->ask = STATION_ASK_SETUP;
	sv->setup.want = !sv->setup.asked;   /* the line shows what is loaded */
	sv->message[0] = '\0';
	sv->dirty = true;
	return false;
}

static bool
req_load(struct station_view *sv, struct station_request *r, const char *label)
{
	station_request_init(r);
	copy(r->text, sizeof r->text, label);
	yoke__setup_load__init(&r->setup_load);
	r->setup_load.scan = r->text;
	r->rq.body_case = YOKE__REQUEST__BODY_SETUP_LOAD;
	r->rq.setup_load = &r->setup_load;
	sv->pending = STATION_PENDING_SETUP;
	sv->setup.loaded_sent = true;
	say(sv, STATION_TONE_WAIT, _("Loading %s\u2026"), label);
	return true;
}

bool
setup_answer(struct station_view *sv, const char *line, struct station_request *r)
{
	size_t n = sv->setup.now ? sv->setup.now->n_entries : 0;
	if (line[0] == '\0' || command_of(line, false) == COMMAND_BACK) {
		drop_ask(sv);
		say(sv, STATION_TONE_INFO, P_("Setup of %s: %zu lot loaded", "Setup of %s: %zu lots "
		    "loaded", n), sv->station, n);
		return false;
	}
	if (line[0] == '@') {
		say(sv, STATION_TONE_ERROR, _("Expected a reel's label (PART/LOT), got the command "
		    "\"%s\""), line);
		return false;
	}
	return req_load(sv, r, line);
}

bool
setup_next_request(struct station_view *sv, struct station_request *r)
{
	if (!sv->setup.want || !sv->session[0])
		return false;
	sv->setup.want = false;
	station_request_init(r);
	copy(r->station, sizeof r->station, sv->station);
	yoke__setup_query__init(&r->setup_query);
	r->setup_query.station = r->station;
	r->rq.body_case = YOKE__REQUEST__BODY_SETUP;
	r->rq.setup = &r->setup_query;
	sv->pending = STATION_PENDING_SETUP;
	sv->setup.loaded_sent = false;
	return true;
}

static void
take(struct station_view *sv, const Yoke__SetupReply *s)
{
	Yoke__SetupReply *c = pb_copy(&s->base);
	if (!c)
		return;
	drop_now(sv);
	sv->setup.now = c;
	sv->setup.asked = true;
	sv->dirty = true;
}

void
setup_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	bool load = sv->setup.loaded_sent;
	sv->setup.loaded_sent = false;
	if (rp->status == YOKE__STATUS__STATUS_OK && rp->body_case == YOKE__REPLY__BODY_SETUP &&
	    rp->setup)
		take(sv, rp->setup);
	if (!load) {
		/* A query refused (a server without setups): nothing to show,
		 * and nothing asked again until the next badge-in. */
		sv->setup.asked = true;
		return;
	}
	if (rp->status != YOKE__STATUS__STATUS_OK)
		station_refused(sv, rp);
	else if (!str_empty(rp->message))
		say(sv, STATION_TONE_OK, "%s", rp->message);
	else
		say(sv, STATION_TONE_OK, "%s", _("Loaded"));
}

const Yoke__SetupEntry *
setup_loaded(const struct station_view *sv, const char *part)
{
	const Yoke__SetupReply *s = sv->setup.now;
	for (size_t i = 0; s && part && i < s->n_entries; i++)
		if (strcmp(str(s->entries[i]->part), part) == 0)
			return s->entries[i];
	return NULL;
}

void
setup_ask_prompt(const struct station_view *sv, char *buf, size_t size)
{
	snprintf(buf, size, _("Load at %s: scan a reel's label (PART/LOT); Enter: done"),
	    sv->station);
}

void
setup_step_prompt(const struct station_view *sv, const Yoke__StepView *st, char *buf,
    size_t size)
{
	const Yoke__SetupEntry *e = setup_loaded(sv, st->part);
	if (e == NULL)
		snprintf(buf, size, _("From the setup: no lot of %s is loaded \u2014 scan @SETUP and "
		    "the reel's label"), str(st->part));
	else if (!e->usable)
		snprintf(buf, size, _("From the setup: %s lot %s may not be used \u2014 load another "
		    "(@SETUP)"), str(st->part), str(e->lot));
	else
		snprintf(buf, size, _("From the setup: %s lot %s \u2014 press Enter to take it"),
		    str(st->part), str(e->lot));
}

void
setup_step_summary(const Yoke__StepView *st, char *buf, size_t size)
{
	if (st->qty > 1)
		snprintf(buf, size, _("%s \u00d7%u from the setup"), str(st->part), st->qty);
	else
		snprintf(buf, size, _("%s from the setup"), str(st->part));
}
