/* station.c — see station.h. No curses here: tests drive this directly. */
#include "terminal/station.h"

#include "proto/client.h"
#include "shared/util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OFFLINE_MSG "Server unreachable \u2014 nothing is recorded until it answers; still trying\u2026"
#define WAITING_MSG "waiting for server\u2026"

/* Proto strings from the wire are never NULL; hand-made ones might be. */
static const char *
str(const char *s)
{
	return s ? s : "";
}

static void
copy(char *dst, size_t size, const char *src)
{
	strlcpy_yk(dst, str(src), size);
}

static void
say(struct station_view *sv, enum station_tone tone, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct station_view *sv, enum station_tone tone, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sv->message, sizeof sv->message, fmt, ap);
	va_end(ap);
	sv->tone = tone;
	if (tone == STATION_TONE_ERROR)
		sv->bell++;
	sv->dirty = true;
}

void
station_init(struct station_view *sv, const char *station)
{
	memset(sv, 0, sizeof *sv);
	copy(sv->station, sizeof sv->station, station);
	sv->mode = STATION_BADGE;
	sv->want_hello = true;
	sv->dirty = true;
	say(sv, STATION_TONE_WAIT, "Connecting to the server\u2026");
}

static void
drop_unit(struct station_view *sv)
{
	if (sv->unit)
		yoke__unit_view__free_unpacked(sv->unit, NULL);
	sv->unit = NULL;
	sv->inspector[0] = '\0';
}

static void
drop_queue(struct station_view *sv)
{
	if (sv->queue)
		yoke__queue_reply__free_unpacked(sv->queue, NULL);
	sv->queue = NULL;
}

void
station_free(struct station_view *sv)
{
	drop_unit(sv);
	drop_queue(sv);
}

/* Deep copies through the wire format: the copy owns all its strings. */
static Yoke__UnitView *
copy_unit(const Yoke__UnitView *u)
{
	size_t n = yoke__unit_view__get_packed_size(u);
	uint8_t *buf = xmalloc(n);
	Yoke__UnitView *c;

	yoke__unit_view__pack(u, buf);
	c = yoke__unit_view__unpack(NULL, n, buf);
	free(buf);
	return c;
}

static Yoke__QueueReply *
copy_queue(const Yoke__QueueReply *q)
{
	size_t n = yoke__queue_reply__get_packed_size(q);
	uint8_t *buf = xmalloc(n);
	Yoke__QueueReply *c;

	yoke__queue_reply__pack(q, buf);
	c = yoke__queue_reply__unpack(NULL, n, buf);
	free(buf);
	return c;
}

void
station_request_init(struct station_request *r)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello hello = YOKE__HELLO__INIT;
	Yoke__BadgeIn badge_in = YOKE__BADGE_IN__INIT;
	Yoke__BadgeOut badge_out = YOKE__BADGE_OUT__INIT;
	Yoke__QueueQuery queue = YOKE__QUEUE_QUERY__INIT;
	Yoke__OpenUnit open_unit = YOKE__OPEN_UNIT__INIT;
	Yoke__StepRecord step = YOKE__STEP_RECORD__INIT;
	Yoke__InspectionResult inspection = YOKE__INSPECTION_RESULT__INIT;
	Yoke__CompleteOperation complete = YOKE__COMPLETE_OPERATION__INIT;

	memset(r, 0, sizeof *r);
	r->rq = rq;
	r->hello = hello;
	r->badge_in = badge_in;
	r->badge_out = badge_out;
	r->queue = queue;
	r->open_unit = open_unit;
	r->step = step;
	r->inspection = inspection;
	r->complete = complete;
}

/* ---- requests ---------------------------------------------------------- */

static bool
req_hello(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	r->hello.program = (char *)"yoke";
	r->rq.body_case = YOKE__REQUEST__BODY_HELLO;
	r->rq.hello = &r->hello;
	sv->pending = STATION_PENDING_HELLO;
	return true;
}

static bool
req_badge_in(struct station_view *sv, struct station_request *r, const char *badge)
{
	station_request_init(r);
	copy(r->station, sizeof r->station, sv->station);
	copy(r->badge, sizeof r->badge, badge);
	r->badge_in.station = r->station;
	r->badge_in.badge = r->badge;
	r->rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	r->rq.badge_in = &r->badge_in;
	sv->pending = STATION_PENDING_BADGE_IN;
	say(sv, STATION_TONE_WAIT, "Badge %s \u2014 checking\u2026", badge);
	return true;
}

static bool
req_badge_out(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	r->rq.body_case = YOKE__REQUEST__BODY_BADGE_OUT;
	r->rq.badge_out = &r->badge_out;
	sv->pending = STATION_PENDING_BADGE_OUT;
	return true;
}

static bool
req_queue(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	copy(r->station, sizeof r->station, sv->station);
	r->queue.station = r->station;
	r->rq.body_case = YOKE__REQUEST__BODY_QUEUE;
	r->rq.queue = &r->queue;
	sv->pending = STATION_PENDING_QUEUE;
	return true;
}

static bool
req_open(struct station_view *sv, struct station_request *r, const char *serial)
{
	station_request_init(r);
	copy(r->serial, sizeof r->serial, serial);
	r->open_unit.serial = r->serial;
	r->rq.body_case = YOKE__REQUEST__BODY_OPEN_UNIT;
	r->rq.open_unit = &r->open_unit;
	sv->pending = STATION_PENDING_OPEN;
	return true;
}

static bool
req_complete(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	copy(r->serial, sizeof r->serial, sv->unit ? sv->unit->serial : "");
	r->complete.serial = r->serial;
	r->rq.body_case = YOKE__REQUEST__BODY_COMPLETE;
	r->rq.complete = &r->complete;
	sv->pending = STATION_PENDING_COMPLETE;
	return true;
}

/* A StepRecord for the current step; the caller sets the entry. */
static void
req_step(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	copy(r->serial, sizeof r->serial, sv->unit->serial);
	r->step.serial = r->serial;
	r->step.step = sv->unit->current_step;
	r->rq.body_case = YOKE__REQUEST__BODY_STEP;
	r->rq.step = &r->step;
	sv->pending = STATION_PENDING_STEP;
}

/* ---- helpers ----------------------------------------------------------- */

const char *
station_role_name(Yoke__Role role)
{
	switch (role) {
	case YOKE__ROLE__ROLE_OPERATOR: return "operator";
	case YOKE__ROLE__ROLE_LEAD: return "lead";
	case YOKE__ROLE__ROLE_INSPECTOR: return "inspector";
	case YOKE__ROLE__ROLE_ENGINEER: return "engineer";
	case YOKE__ROLE__ROLE_ADMIN: return "admin";
	default: return "no role";
	}
}

const char *
station_unit_status_name(Yoke__UnitStatus s)
{
	switch (s) {
	case YOKE__UNIT_STATUS__UNIT_QUEUED: return "queued";
	case YOKE__UNIT_STATUS__UNIT_IN_WORK: return "in work";
	case YOKE__UNIT_STATUS__UNIT_DONE: return "done";
	case YOKE__UNIT_STATUS__UNIT_ON_HOLD: return "on hold";
	case YOKE__UNIT_STATUS__UNIT_FAILED: return "FAILED";
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED: return "scrapped";
	default: return "?";
	}
}

bool
station_unit_held(const struct station_view *sv)
{
	return sv->unit && (sv->unit->status == YOKE__UNIT_STATUS__UNIT_FAILED ||
	    sv->unit->status == YOKE__UNIT_STATUS__UNIT_ON_HOLD ||
	    sv->unit->status == YOKE__UNIT_STATUS__UNIT_SCRAPPED);
}

static const Yoke__StepView *
current_step(const struct station_view *sv)
{
	if (!sv->unit || sv->unit->current_step >= sv->unit->n_steps)
		return NULL;
	return sv->unit->steps[sv->unit->current_step];
}

static bool
all_steps_done(const struct station_view *sv)
{
	return sv->unit && sv->unit->current_step >= sv->unit->n_steps;
}

static bool
word_is(const char *line, const char *w)
{
	return strcasecmp(line, w) == 0;
}

/* @PASS/@FAIL and their short forms: 1 pass, 0 fail, -1 neither. */
static int
pass_word(const char *line)
{
	static const char *const pass[] = { "@PASS", "PASS", "P", "Y", "YES" };
	static const char *const fail[] = { "@FAIL", "FAIL", "F", "N", "NO" };
	size_t i;

	for (i = 0; i < sizeof pass / sizeof pass[0]; i++)
		if (word_is(line, pass[i]))
			return 1;
	for (i = 0; i < sizeof fail / sizeof fail[0]; i++)
		if (word_is(line, fail[i]))
			return 0;
	return -1;
}

/* A measured value: one whole token, a finite number. */
static bool
parse_number(const char *line, double *v)
{
	const char *p = line;
	char *end;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return false;
	errno = 0;
	*v = strtod(p, &end);
	if (end == p || errno == ERANGE)
		return false;
	while (*end == ' ')
		end++;
	return *end == '\0' && isfinite(*v);
}

static void
fmt_num(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%g", v);
}

void
station_step_summary(const Yoke__StepView *st, char *buf, size_t size)
{
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		snprintf(buf, size, "%s", str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		if (st->qty > 1)
			snprintf(buf, size, "Scan %s \u00d7%u", str(st->part), st->qty);
		else
			snprintf(buf, size, "Scan %s", str(st->part));
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		if (!str_empty(st->unit))
			snprintf(buf, size, "Measure %s (%s)", str(st->name), st->unit);
		else
			snprintf(buf, size, "Measure %s", str(st->name));
		break;
	case YOKE__STEP_KIND__STEP_CHECK:
		snprintf(buf, size, "Check: %s", str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_INSPECT:
		snprintf(buf, size, "Inspection: %s%s", str(st->text),
		    st->needs_inspector ? " (inspector)" : "");
		break;
	default:
		snprintf(buf, size, "Step of unknown kind %d: %s", (int)st->kind, str(st->text));
		break;
	}
	/* Instruction text may hold line breaks; a list line shows none. */
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

void
station_prompt(const struct station_view *sv, char *buf, size_t size)
{
	const Yoke__StepView *st = current_step(sv);
	char lo[32], hi[32], tg[32], range[128];

	buf[0] = '\0';
	if (!sv->unit)
		return;
	if (station_unit_held(sv)) {
		snprintf(buf, size, "Unit is held \u2014 press Enter or scan @BACK to return to the queue");
		return;
	}
	if (!st) {
		snprintf(buf, size, "All steps done \u2014 completing the operation");
		return;
	}
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		snprintf(buf, size, "Press Enter or scan @OK when done");
		break;
	case YOKE__STEP_KIND__STEP_SCAN:
		snprintf(buf, size, "Scan %s (%u of %u)", str(st->part), st->scanned + 1,
		    st->qty ? st->qty : 1);
		break;
	case YOKE__STEP_KIND__STEP_MEASURE:
		fmt_num(lo, sizeof lo, st->lsl);
		fmt_num(hi, sizeof hi, st->usl);
		fmt_num(tg, sizeof tg, st->target);
		range[0] = '\0';
		if (st->has_lsl && st->has_usl)
			snprintf(range, sizeof range, "%s \u2013 %s", lo, hi);
		else if (st->has_lsl)
			snprintf(range, sizeof range, "at least %s", lo);
		else if (st->has_usl)
			snprintf(range, sizeof range, "at most %s", hi);
		if (st->has_target) {
			size_t n = strlen(range);
			snprintf(range + n, sizeof range - n, "%starget %s", n ? ", " : "", tg);
		}
		snprintf(buf, size, "Enter %s%s%s%s%s%s", str(st->name),
		    str_empty(st->unit) ? "" : " in ", str(st->unit),
		    range[0] ? "  (" : "", range, range[0] ? ")" : "");
		break;
	case YOKE__STEP_KIND__STEP_CHECK:
		snprintf(buf, size, "Check: scan @PASS or @FAIL \u2014 %s", str(st->text));
		break;
	case YOKE__STEP_KIND__STEP_INSPECT:
		if (st->needs_inspector && sv->inspector[0])
			snprintf(buf, size, "Inspector %s \u2014 scan @PASS or @FAIL", sv->inspector);
		else if (st->needs_inspector && sv->role != YOKE__ROLE__ROLE_INSPECTOR)
			snprintf(buf, size, "Inspection needs an inspector: inspector scans badge \u2014 %s",
			    str(st->text));
		else
			snprintf(buf, size, "Inspection: scan @PASS or @FAIL \u2014 %s", str(st->text));
		break;
	default:
		snprintf(buf, size, "This step is of a kind this terminal does not know (%d)",
		    (int)st->kind);
		break;
	}
}

static void
go_queue(struct station_view *sv)
{
	drop_unit(sv);
	sv->mode = sv->role == YOKE__ROLE__ROLE_LEAD ? STATION_LEAD : STATION_QUEUE;
	sv->want_queue = true;
	sv->want_open = false;
	sv->want_complete = false;
	sv->dirty = true;
}

static void
go_badge(struct station_view *sv)
{
	drop_unit(sv);
	drop_queue(sv);
	sv->mode = STATION_BADGE;
	sv->session[0] = sv->badge[0] = sv->operator_name[0] = '\0';
	sv->role = YOKE__ROLE__ROLE_NONE;
	sv->topic[0] = '\0';
	sv->alert[0] = '\0';
	sv->want_queue = sv->want_open = sv->want_complete = false;
	sv->nlines = 0;
	sv->dirty = true;
}

/* ---- lines ------------------------------------------------------------- */

static bool
line_in_unit(struct station_view *sv, const char *line, struct station_request *r)
{
	const Yoke__StepView *st;
	int pf;
	double v;

	if (word_is(line, "@BACK")) {
		go_queue(sv);
		sv->message[0] = '\0';
		return false;
	}
	if (station_unit_held(sv)) {
		if (line[0] == '\0') {
			go_queue(sv);
			sv->message[0] = '\0';
			return false;
		}
		say(sv, STATION_TONE_ERROR, "Unit %s is held and cannot be worked on here; "
		    "press Enter or scan @BACK for the queue", sv->unit->serial);
		return false;
	}
	if (all_steps_done(sv))
		return req_complete(sv, r);
	st = current_step(sv);
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		if (line[0] == '\0' || word_is(line, "@OK")) {
			req_step(sv, r);
			r->step.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
			r->step.confirm = true;
			return true;
		}
		say(sv, STATION_TONE_ERROR, "Expected Enter or @OK to confirm this instruction, got \"%s\"",
		    line);
		return false;
	case YOKE__STEP_KIND__STEP_SCAN:
		if (line[0] == '\0') {
			say(sv, STATION_TONE_ERROR, "Expected a scan of %s, got an empty line", str(st->part));
			return false;
		}
		req_step(sv, r);
		copy(r->text, sizeof r->text, line);
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
		r->step.scan = r->text;
		return true;
	case YOKE__STEP_KIND__STEP_MEASURE:
		if (!parse_number(line, &v)) {
			say(sv, STATION_TONE_ERROR, "Expected a number for %s, got \"%s\"", str(st->name), line);
			return false;
		}
		req_step(sv, r);
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
		r->step.value = v;
		return true;
	case YOKE__STEP_KIND__STEP_CHECK:
		pf = pass_word(line);
		if (pf < 0) {
			say(sv, STATION_TONE_ERROR, "Expected @PASS or @FAIL for \"%s\", got \"%s\"",
			    str(st->text), line);
			return false;
		}
		req_step(sv, r);
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
		r->step.pass = pf == 1;
		return true;
	case YOKE__STEP_KIND__STEP_INSPECT:
		pf = pass_word(line);
		if (pf < 0) {
			if (st->needs_inspector && line[0] != '\0' && line[0] != '@') {
				/* The inspector's badge; the server checks who it is. */
				copy(sv->inspector, sizeof sv->inspector, line);
				say(sv, STATION_TONE_INFO, "Inspector %s \u2014 scan @PASS or @FAIL", sv->inspector);
				return false;
			}
			say(sv, STATION_TONE_ERROR, "Expected %s@PASS or @FAIL for the inspection \"%s\", got \"%s\"",
			    st->needs_inspector && !sv->inspector[0] ? "an inspector badge, then " : "",
			    str(st->text), line);
			return false;
		}
		req_step(sv, r);
		copy(r->badge, sizeof r->badge, sv->inspector);
		if (st->needs_inspector && !sv->inspector[0] && sv->role == YOKE__ROLE__ROLE_INSPECTOR)
			copy(r->badge, sizeof r->badge, sv->badge);
		r->inspection.pass = pf == 1;
		r->inspection.inspector_badge = r->badge;
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
		r->step.inspection = &r->inspection;
		return true;
	default:
		say(sv, STATION_TONE_ERROR, "This step is of a kind this terminal does not know (%d); "
		    "call the lead", (int)st->kind);
		return false;
	}
}

/* Interprets a line now (the client is free). */
static bool
interpret(struct station_view *sv, const char *line, struct station_request *r)
{
	sv->dirty = true;
	if (sv->mode != STATION_BADGE && word_is(line, "@LOGOUT")) {
		say(sv, STATION_TONE_WAIT, "Logging out\u2026");
		return req_badge_out(sv, r);
	}
	switch (sv->mode) {
	case STATION_BADGE:
		if (line[0] == '\0')
			return false;
		if (line[0] == '@') {
			say(sv, STATION_TONE_ERROR, "Expected a badge scan, got the command \"%s\"", line);
			return false;
		}
		return req_badge_in(sv, r, line);
	case STATION_LEAD:
		if (line[0] == '\0')
			return req_queue(sv, r);
		say(sv, STATION_TONE_ERROR, "The lead view is read-only; got \"%s\". "
		    "Scan @LOGOUT to leave", line);
		return false;
	case STATION_COMPLETE:
		go_queue(sv);
		sv->message[0] = '\0';
		if (line[0] == '\0' || line[0] == '@')
			return false;
		/* A scan here is the next unit: open it straight away. */
		/* fall through */
	case STATION_QUEUE:
		if (line[0] == '\0')
			return req_queue(sv, r);
		if (line[0] == '@') {
			say(sv, STATION_TONE_ERROR, "Expected a unit serial, got the command \"%s\"", line);
			return false;
		}
		say(sv, STATION_TONE_WAIT, "Opening %s\u2026", line);
		return req_open(sv, r, line);
	case STATION_UNIT:
		if (!sv->unit) {
			go_queue(sv);
			return false;
		}
		return line_in_unit(sv, line, r);
	}
	return false;
}

bool
station_on_line(struct station_view *sv, const char *line, bool busy, struct station_request *r)
{
	sv->dirty = true;
	if (sv->confirm_quit)
		sv->confirm_quit = false;
	if (!sv->online) {
		say(sv, STATION_TONE_ERROR, "%s", OFFLINE_MSG);
		return false;
	}
	if (busy || sv->nlines > 0) {
		if (sv->nlines == STATION_MAX_LINES) {
			say(sv, STATION_TONE_ERROR, "Too many scans while waiting for the server; "
			    "\"%s\" was not taken, scan it again", line);
			return false;
		}
		copy(sv->lines[sv->nlines], sizeof sv->lines[0], line);
		sv->nlines++;
		say(sv, STATION_TONE_WAIT, WAITING_MSG);
		return false;
	}
	return interpret(sv, line, r);
}

void
station_on_bad_line(struct station_view *sv, const char *why)
{
	say(sv, STATION_TONE_ERROR, "%s", why);
}

bool
station_next_request(struct station_view *sv, struct station_request *r)
{
	if (!sv->online && !sv->want_hello)
		return false;
	if (sv->want_hello) {
		sv->want_hello = false;
		return req_hello(sv, r);
	}
	if (sv->want_complete && sv->mode == STATION_UNIT && sv->unit) {
		sv->want_complete = false;
		say(sv, STATION_TONE_WAIT, "All steps done \u2014 completing operation %u\u2026",
		    sv->unit->operation);
		return req_complete(sv, r);
	}
	sv->want_complete = false;
	if (sv->want_open && sv->mode == STATION_UNIT && sv->unit) {
		char serial[128];
		sv->want_open = false;
		copy(serial, sizeof serial, sv->unit->serial);
		return req_open(sv, r, serial);
	}
	sv->want_open = false;
	if (sv->want_queue && sv->session[0] &&
	    (sv->mode == STATION_QUEUE || sv->mode == STATION_LEAD)) {
		sv->want_queue = false;
		return req_queue(sv, r);
	}
	while (sv->nlines > 0) {
		char line[INPUT_MAX + 1];
		copy(line, sizeof line, sv->lines[0]);
		memmove(sv->lines[0], sv->lines[1], sizeof sv->lines[0] * (size_t)(sv->nlines - 1));
		sv->nlines--;
		if (sv->nlines == 0 && sv->tone == STATION_TONE_WAIT)
			sv->message[0] = '\0';
		if (interpret(sv, line, r))
			return true;
	}
	return false;
}

/* ---- replies ----------------------------------------------------------- */

static bool
status_known(Yoke__Status s)
{
	return protobuf_c_enum_descriptor_get_value(&yoke__status__descriptor, (int)s) != NULL;
}

static void
unexpected(struct station_view *sv, const Yoke__Reply *rp, const char *what)
{
	say(sv, STATION_TONE_ERROR, "Unexpected reply from server: %s (status %d%s%s)", what,
	    (int)rp->status, str_empty(rp->message) ? "" : ": ", str(rp->message));
}

/* A refusal for the person: the server's words, or at least the code. */
static void
refused(struct station_view *sv, const Yoke__Reply *rp)
{
	if (!str_empty(rp->message))
		say(sv, STATION_TONE_ERROR, "%s", rp->message);
	else
		say(sv, STATION_TONE_ERROR, "Refused by the server: %s", status_name(rp->status));
}

static void
take_unit(struct station_view *sv, const Yoke__UnitView *u)
{
	Yoke__UnitView *c = copy_unit(u);

	if (!c)
		return;
	drop_unit(sv);
	sv->unit = c;
	sv->dirty = true;
}

static void
on_badge_in(struct station_view *sv, const Yoke__Reply *rp)
{
	const Yoke__BadgeInReply *b;

	if (rp->status != YOKE__STATUS__STATUS_OK) {
		refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_BADGE_IN || !rp->badge_in || str_empty(rp->badge_in->session)) {
		unexpected(sv, rp, "badge-in accepted without a session");
		return;
	}
	b = rp->badge_in;
	copy(sv->session, sizeof sv->session, b->session);
	copy(sv->badge, sizeof sv->badge, b->badge);
	copy(sv->operator_name, sizeof sv->operator_name, b->operator_name);
	sv->role = b->role;
	if (!str_empty(b->station_kind))
		copy(sv->station_kind, sizeof sv->station_kind, b->station_kind);
	if (!str_empty(b->station_name))
		copy(sv->station_name, sizeof sv->station_name, b->station_name);
	snprintf(sv->topic, sizeof sv->topic, "station/%s", sv->station_kind);
	sv->subscribe = true;
	sv->queue_seq = sv->queue_epoch = 0;
	go_queue(sv);
	say(sv, STATION_TONE_OK, "Welcome, %s (%s)", sv->operator_name[0] ? sv->operator_name : sv->badge,
	    station_role_name(sv->role));
}

static void
on_queue(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_QUEUE || !rp->queue) {
		unexpected(sv, rp, "no queue in the answer to a queue query");
		return;
	}
	drop_queue(sv);
	sv->queue = copy_queue(rp->queue);
	sv->queue_seq = rp->queue->topic_seq;
	sv->queue_epoch = rp->queue->epoch;
	if (!str_empty(rp->queue->station_kind) && !sv->station_kind[0]) {
		copy(sv->station_kind, sizeof sv->station_kind, rp->queue->station_kind);
		snprintf(sv->topic, sizeof sv->topic, "station/%s", sv->station_kind);
		sv->subscribe = true;
	}
	sv->dirty = true;
}

static void
on_open(struct station_view *sv, const Yoke__Reply *rp)
{
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		/* Refused to open (or to reopen after a reconnect): stay on the queue. */
		if (sv->mode == STATION_UNIT)
			go_queue(sv);
		refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_UNIT || !rp->unit) {
		if (sv->mode == STATION_UNIT)
			go_queue(sv);
		unexpected(sv, rp, "no unit in the answer to opening a unit");
		return;
	}
	take_unit(sv, rp->unit);
	if (!sv->unit) {
		unexpected(sv, rp, "the unit could not be read");
		return;
	}
	sv->mode = STATION_UNIT;
	if (station_unit_held(sv)) {
		say(sv, STATION_TONE_ERROR, "HELD: %s", !str_empty(sv->unit->hold_reason) ?
		    sv->unit->hold_reason : str(rp->message));
	} else if (all_steps_done(sv)) {
		sv->want_complete = true;
	} else {
		say(sv, STATION_TONE_INFO, "Unit %s open: step %u of %zu", sv->unit->serial,
		    sv->unit->current_step + 1, sv->unit->n_steps);
	}
}

static void
on_step(struct station_view *sv, const Yoke__Reply *rp)
{
	uint32_t before = sv->unit ? sv->unit->current_step : 0;

	sv->inspector[0] = '\0';
	if (rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit) {
		take_unit(sv, rp->unit);
	}
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		if (station_unit_held(sv))
			say(sv, STATION_TONE_ERROR, "HELD: %s", !str_empty(rp->message) ? rp->message :
			    str(sv->unit->hold_reason));
		else
			refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_UNIT || !rp->unit || !sv->unit) {
		unexpected(sv, rp, "no unit in the answer to a step");
		sv->want_open = true;
		return;
	}
	if (!str_empty(rp->message)) {
		say(sv, STATION_TONE_OK, "%s", rp->message);
	} else if (before < sv->unit->n_steps && sv->unit->current_step == before &&
	    sv->unit->steps[before]->kind == YOKE__STEP_KIND__STEP_SCAN) {
		const Yoke__StepView *st = sv->unit->steps[before];
		say(sv, STATION_TONE_OK, "Scanned %s: %u of %u", str(st->part), st->scanned, st->qty);
	} else if (before < sv->unit->n_steps) {
		const char *res = str(sv->unit->steps[before]->result);
		say(sv, STATION_TONE_OK, "Step %u done%s%s", before + 1, res[0] ? ": " : "", res);
	}
	if (station_unit_held(sv))
		say(sv, STATION_TONE_ERROR, "HELD: %s", str(sv->unit->hold_reason));
	else if (all_steps_done(sv))
		sv->want_complete = true;
}

static void
on_complete(struct station_view *sv, const Yoke__Reply *rp)
{
	uint32_t op = sv->unit ? sv->unit->operation : 0;

	if (rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit && rp->status != YOKE__STATUS__STATUS_OK)
		take_unit(sv, rp->unit);
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		refused(sv, rp);
		return;
	}
	if (rp->body_case != YOKE__REPLY__BODY_UNIT || !rp->unit) {
		unexpected(sv, rp, "no unit in the answer to completing an operation");
		return;
	}
	if (!str_empty(rp->unit->next_station_kind))
		snprintf(sv->complete_msg, sizeof sv->complete_msg,
		    "Operation %u complete \u2014 unit goes to %s", op, rp->unit->next_station_kind);
	else
		snprintf(sv->complete_msg, sizeof sv->complete_msg, "Unit complete");
	take_unit(sv, rp->unit);
	sv->mode = STATION_COMPLETE;
	say(sv, STATION_TONE_OK, "%s. Scan the next unit, or press Enter for the queue",
	    sv->complete_msg);
}

void
station_on_reply(struct station_view *sv, const Yoke__Reply *rp)
{
	enum station_pending was = sv->pending;

	sv->pending = STATION_PENDING_NONE;
	sv->answered = true;
	sv->dirty = true;
	if (!rp)
		return;
	if (!status_known(rp->status)) {
		unexpected(sv, rp, "unknown status");
		return;
	}
	if (rp->status == YOKE__STATUS__STATUS_NOT_BADGED_IN && sv->session[0] &&
	    was != STATION_PENDING_BADGE_IN) {
		/* The session ended on the server: badge in again. */
		go_badge(sv);
		refused(sv, rp);
		return;
	}
	switch (was) {
	case STATION_PENDING_HELLO:
		if (rp->status != YOKE__STATUS__STATUS_OK)
			refused(sv, rp);
		else if (sv->mode == STATION_BADGE && sv->tone != STATION_TONE_ERROR)
			sv->message[0] = '\0';
		break;
	case STATION_PENDING_BADGE_IN:
		on_badge_in(sv, rp);
		break;
	case STATION_PENDING_BADGE_OUT:
		go_badge(sv);
		if (rp->status == YOKE__STATUS__STATUS_OK)
			say(sv, STATION_TONE_OK, "Logged out");
		else
			refused(sv, rp);
		break;
	case STATION_PENDING_QUEUE:
		on_queue(sv, rp);
		break;
	case STATION_PENDING_OPEN:
		on_open(sv, rp);
		break;
	case STATION_PENDING_STEP:
		if (!sv->unit && rp->body_case != YOKE__REPLY__BODY_UNIT) {
			refused(sv, rp);
			break;
		}
		on_step(sv, rp);
		break;
	case STATION_PENDING_COMPLETE:
		on_complete(sv, rp);
		break;
	case STATION_PENDING_NONE:
		break;
	}
}

void
station_on_notice(struct station_view *sv, const Yoke__Notice *n)
{
	const char *topic = str(n->topic);

	if (strcmp(topic, "role/lead") == 0) {
		if (sv->role == YOKE__ROLE__ROLE_LEAD) {
			snprintf(sv->alert, sizeof sv->alert, "ALERT %s: %s", str(n->serial), str(n->text));
			sv->bell++;
			sv->want_queue = true;
			sv->dirty = true;
		}
		return;
	}
	if (!sv->topic[0] || strcmp(topic, sv->topic) != 0)
		return;
	if (n->epoch == sv->queue_epoch && n->seq <= sv->queue_seq)
		return;     /* already in the snapshot */
	/* The next change, a gap or a new server epoch: all need a fresh
	 * snapshot, because a notice only says that something changed. */
	sv->want_queue = true;
	sv->dirty = true;
}

void
station_set_online(struct station_view *sv, bool reachable)
{
	bool online = reachable && sv->answered;

	if (!reachable && !sv->offline_shown) {
		sv->offline_shown = true;
		sv->nlines = 0;
		say(sv, STATION_TONE_ERROR, "%s", OFFLINE_MSG);
		sv->bell = 0;
	}
	if (online == sv->online)
		return;
	sv->online = online;
	sv->dirty = true;
	if (!online)
		return;
	/* Back: show the server's state, not what we remember. */
	sv->offline_shown = false;
	if (sv->tone == STATION_TONE_ERROR && strcmp(sv->message, OFFLINE_MSG) == 0)
		say(sv, STATION_TONE_OK, "Server is back");
	if (sv->mode == STATION_UNIT && sv->pending != STATION_PENDING_STEP &&
	    sv->pending != STATION_PENDING_COMPLETE && sv->pending != STATION_PENDING_OPEN)
		sv->want_open = true;
	if (sv->mode == STATION_QUEUE || sv->mode == STATION_LEAD)
		sv->want_queue = true;
}
