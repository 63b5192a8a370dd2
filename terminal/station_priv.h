/*
 * station_priv.h — what the station model's files share and nobody else
 * sees: the small helpers on the model that more than one of station.c
 * (lines and requests), station_text.c (prompts) and station_reply.c
 * (replies and notices) need, kept static inline so no file-local name
 * enters the program's namespace.
 */
#ifndef YOKE_STATION_PRIV_H
#define YOKE_STATION_PRIV_H

#include "terminal/station.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The station kind where lots are received (the server's, lot.h). */
#define STATION_KIND_RECEIVING "RECEIVING"

/* The sentence shown while the server cannot be reached (station_text.c). */
const char *station_offline_text(void);

/* Proto strings from the wire are never NULL; hand-made ones might be. */
static inline const char *
str(const char *s)
{
	return s ? s : "";
}

static inline void
copy(char *dst, size_t size, const char *src)
{
	strlcpy_yk(dst, str(src), size);
}

static inline void
say(struct station_view *sv, enum station_tone tone, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static inline void
say(struct station_view *sv, enum station_tone tone, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sv->message, sizeof sv->message, fmt, ap);
	va_end(ap);
	sv->tone = tone;
	sv->message_offline = false;
	if (tone == STATION_TONE_ERROR)
		sv->bell++;
	sv->dirty = true;
}

static inline void
say_offline(struct station_view *sv)
{
	say(sv, STATION_TONE_ERROR, "%s", station_offline_text());
	sv->message_offline = true;
}

/* Speaks lang from now on ("" or NULL: the start language); the language
 * shown is what the thread could switch to (English without its locale). */
static inline void
speak(struct station_view *sv, const char *lang)
{
	if (lang == NULL || *lang == '\0' || !i18n_known(lang))
		lang = sv->start_language;
	i18n_use(lang);
	copy(sv->language, sizeof sv->language, i18n_current());
	sv->dirty = true;
}

/* Drops the question being asked and wipes what was typed for it (and
 * the failure being described, which goes with its questions). */
static inline void
drop_ask(struct station_view *sv)
{
	sv->ask = STATION_ASK_NONE;
	sv->ask_badge[0] = '\0';
	explicit_bzero(sv->pin_old, sizeof sv->pin_old);
	explicit_bzero(sv->pin_new, sizeof sv->pin_new);
	sv->failing = STATION_FAILING_NONE;
	sv->have_defect = false;
	sv->defect_pick = -1;
	sv->defect_code[0] = sv->defect_location[0] = sv->defect_note[0] = '\0';
}

/* A question about the open unit's step: it goes with the unit. */
static inline bool
asking_about_step(const struct station_view *sv)
{
	switch (sv->ask) {
	case STATION_ASK_SIGN_BADGE:
	case STATION_ASK_SIGN_PIN:
	case STATION_ASK_DEFECT_CODE:
	case STATION_ASK_DEFECT_LOCATION:
	case STATION_ASK_DEFECT_NOTE:
		return true;
	default:
		return false;
	}
}

static inline void
drop_unit(struct station_view *sv)
{
	if (sv->unit)
		yoke__unit_view__free_unpacked(sv->unit, NULL);
	sv->unit = NULL;
	if (asking_about_step(sv))
		drop_ask(sv);
}

/* ---- shared by station.c and station_defect.c ---- */

/* A StepRecord for the current step, with the defect being described when
 * there is one; `sent` says which failing entry it is (for a
 * DEFECT_REQUIRED answer). The caller sets the entry. */
void station_req_step(struct station_view *sv, struct station_request *r, enum station_failing sent);
/* The verdict in sv->sign_pass (and the defect, when failing) is complete:
 * the request, or the inspector's signature first. */
bool station_verdict_ready(struct station_view *sv, struct station_request *r);
/* @FAIL, or a failing value the server wants a defect for: asks for the
 * defect when the plant has codes, else sends (station_defect.c). */
bool station_fail(struct station_view *sv, enum station_failing what, struct station_request *r);
/* True while one of the defect questions is asked. */
bool station_asking_defect(const struct station_view *sv);
/* The answer to a defect question. */
bool station_defect_answer(struct station_view *sv, const char *line, struct station_request *r);
/* Forgets the plant's defect codes (badge-out). */
void station_drop_defects(struct station_view *sv);
/* The answer to DefectsQuery. */
void station_on_defects(struct station_view *sv, const Yoke__Reply *rp);
/* The server answered the failing entry `what` with DEFECT_REQUIRED: asks
 * for the defect, to send the entry again with it. */
void station_defect_required(struct station_view *sv, enum station_failing what,
    const Yoke__Reply *rp);

static inline void
drop_queue(struct station_view *sv)
{
	if (sv->queue)
		yoke__queue_reply__free_unpacked(sv->queue, NULL);
	sv->queue = NULL;
}

static inline const Yoke__StepView *
current_step(const struct station_view *sv)
{
	if (!sv->unit || sv->unit->current_step >= sv->unit->n_steps)
		return NULL;
	return sv->unit->steps[sv->unit->current_step];
}

static inline bool
all_steps_done(const struct station_view *sv)
{
	return sv->unit && sv->unit->current_step >= sv->unit->n_steps;
}

/*
 * Home: the person's own view, from a unit, a completed operation, or
 * the badge-in (`start`): the station's queue for an operator, the
 * inspector's worklist, the lead's holds. The unit goes.
 */
static inline void
go_home(struct station_view *sv, bool start)
{
	drop_unit(sv);
	sv->want_open = false;
	sv->want_complete = false;
	sv->dirty = true;
	switch (sv->role) {
	case YOKE__ROLE__ROLE_INSPECTOR:
		sv->mode = STATION_INSPECTOR;
		if (start)
			inspector_start(sv);
		else
			inspector_home(sv);
		return;
	case YOKE__ROLE__ROLE_LEAD:
		sv->mode = STATION_LEAD;
		if (start)
			lead_start(sv);
		return;
	default:
		/* The view follows the station's kind for operators. */
		if (strcmp(sv->station_kind, STATION_KIND_RECEIVING) == 0) {
			sv->mode = STATION_RECEIVING;
			if (start)
				receiving_start(sv);
			return;
		}
		sv->mode = STATION_QUEUE;
		sv->want_queue = true;
		return;
	}
}

/* ---- for the views (inspector.c, lead.c) ---- */

/* An OpenUnit of serial, as a scan at the queue sends it (station.c). */
bool station_req_open(struct station_view *sv, struct station_request *r, const char *serial);
/* A refusal for the person: the server's words, or a sentence that says
 * there were none (station_reply.c). */
void station_refused(struct station_view *sv, const Yoke__Reply *rp);
/* A reply this terminal cannot read; what: translated (station_reply.c). */
void station_unexpected(struct station_view *sv, const Yoke__Reply *rp, const char *what);
/* The answers an NCR screen waits for (the inspector's and the lead's,
 * station_reply.c): the NCR, taken (true) or the words said (false); the
 * trace of its unit, taken or the refusal said. */
bool station_ncr_answer(struct station_view *sv, struct ncr_detail *d, const Yoke__Reply *rp);
void station_trace_answer(struct station_view *sv, struct ncr_detail *d, const Yoke__Reply *rp);
/* The request's signatures from what was signed (signing.h); the PINs in
 * the signing are wiped (station.c). */
void station_req_signatures(struct station_request *r, struct signing *s,
    Yoke__Signature ***list, size_t *n);
/* The defect code a line names in the plant's list d: the code as
 * defined, else in other case when only one matches so, else its number
 * in the list (station_defect.c). NULL when it names none. */
const Yoke__DefectCode *station_defect_find(const Yoke__DefectsReply *d, const char *line);
/* Whether a line is a list's number, 1..count: the number, else 0. */
size_t station_list_number(const char *line, size_t count);

/* One entry more for the help line, when there is room. */
static inline size_t
add_hint(struct station_hint *h, size_t n, size_t max, const char *key, const char *what)
{
	if (n >= max)
		return n;
	h[n].key = key;
	h[n].what = what;
	return n + 1;
}

/* A list's highlight moved by delta in n items (-1: none), stopping at the ends. */
static inline int
list_move(int pick, int delta, size_t n)
{
	if (n == 0 || delta == 0)
		return -1;
	if (pick < 0)
		return delta > 0 ? 0 : (int)n - 1;
	pick += delta;
	if (pick < 0)
		pick = 0;
	if (pick >= (int)n)
		pick = (int)n - 1;
	return pick;
}

#endif
