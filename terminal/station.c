/*
 * station.c — the station model's lifecycle, the requests it builds and
 * the reading of one line of input in the current mode (see station.h).
 * Names and prompts are in station_text.c, replies in station_reply.c.
 * No curses here: tests drive this directly.
 */
#include "terminal/station.h"
#include "terminal/station_priv.h"
#include "terminal/equipment_step.h"

#include "shared/decimal.h"
#include "shared/i18n.h"
#include "shared/util.h"
#include "shared/scan/scan_text.h"
#include "shared/station_commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
station_init(struct station_view *sv, const char *station)
{
	memset(sv, 0, sizeof *sv);
	copy(sv->station, sizeof sv->station, station);
	copy(sv->start_language, sizeof sv->start_language, i18n_current());
	copy(sv->language, sizeof sv->language, i18n_current());
	sv->mode = STATION_BADGE;
	sv->defect_pick = -1;
	sv->want_hello = true;
	sv->rows = STATION_MIN_ROWS;
	sv->cols = STATION_MIN_COLS;
	sv->dirty = true;
	say(sv, STATION_TONE_WAIT, _("Connecting to the server\u2026"));
}

void
station_free(struct station_view *sv)
{
	drop_unit(sv);
	drop_queue(sv);
	drop_ask(sv);
	station_drop_defects(sv);
	inspector_stop(sv);
	lead_stop(sv);
	receiving_stop(sv);
	setup_stop(sv);
	alarm_station_stop(sv);
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
	Yoke__Signature signature = YOKE__SIGNATURE__INIT;
	Yoke__CompleteOperation complete = YOKE__COMPLETE_OPERATION__INIT;
	Yoke__ChangePin change_pin = YOKE__CHANGE_PIN__INIT;
	Yoke__DefectsQuery defects = YOKE__DEFECTS_QUERY__INIT;
	Yoke__Defect defect = YOKE__DEFECT__INIT;
	Yoke__WorklistQuery worklist = YOKE__WORKLIST_QUERY__INIT;
	Yoke__NcrQuery ncrs = YOKE__NCR_QUERY__INIT;
	Yoke__TraceQuery trace = YOKE__TRACE_QUERY__INIT;
	Yoke__NcrDisposition disposition = YOKE__NCR_DISPOSITION__INIT;
	Yoke__NcrClose close_ncr = YOKE__NCR_CLOSE__INIT;
	Yoke__HoldsQuery holds = YOKE__HOLDS_QUERY__INIT;
	Yoke__HoldPlace hold = YOKE__HOLD_PLACE__INIT;
	Yoke__HoldRelease release_hold = YOKE__HOLD_RELEASE__INIT;
	Yoke__MoveUnit move_unit = YOKE__MOVE_UNIT__INIT;
	Yoke__NcrRaise raise_ncr = YOKE__NCR_RAISE__INIT;
	Yoke__CapaQuery capas = YOKE__CAPA_QUERY__INIT;
	Yoke__LotReceive receive = YOKE__LOT_RECEIVE__INIT;

	memset(r, 0, sizeof *r);
	r->rq = rq;
	r->hello = hello;
	r->badge_in = badge_in;
	r->badge_out = badge_out;
	r->queue = queue;
	r->open_unit = open_unit;
	r->step = step;
	r->inspection = inspection;
	r->signature = signature;
	r->complete = complete;
	r->change_pin = change_pin;
	r->defects = defects;
	r->defect = defect;
	r->worklist = worklist;
	r->ncrs = ncrs;
	r->trace = trace;
	r->disposition = disposition;
	r->close_ncr = close_ncr;
	r->holds = holds;
	r->hold = hold;
	r->release_hold = release_hold;
	r->move_unit = move_unit;
	r->raise_ncr = raise_ncr;
	r->capas = capas;
	r->receive = receive;
	alarm_request_init(r);
	line_board_request_init(r);     /* the line monitor's (line_board.h) */
	for (size_t i = 0; i < SIGNING_MAX; i++) {
		Yoke__Signature sg = YOKE__SIGNATURE__INIT;
		r->signatures[i] = sg;
		r->signature_list[i] = &r->signatures[i];
	}
}

void
station_req_signatures(struct station_request *r, struct signing *s, Yoke__Signature ***list,
    size_t *n)
{
	int k;

	for (k = 0; k < s->n && k < SIGNING_MAX; k++) {
		signing_signer(s, k, r->sign_badge[k], sizeof r->sign_badge[k], r->sign_pin[k],
		    sizeof r->sign_pin[k]);
		r->signatures[k].badge = r->sign_badge[k];
		r->signatures[k].pin = r->sign_pin[k];
	}
	*list = r->signature_list;
	*n = (size_t)k;
	signing_drop(s);
}

size_t
station_list_number(const char *line, size_t count)
{
	unsigned long k = 0;
	const char *p = line;

	if (*p < '1' || *p > '9' || strlen(line) > 4)
		return 0;
	for (; *p >= '0' && *p <= '9'; p++)
		k = k * 10 + (unsigned long)(*p - '0');
	return *p == '\0' && k >= 1 && k <= count ? (size_t)k : 0;
}

/* ---- requests ---------------------------------------------------------- */

static bool
req_hello(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	r->hello.program = (char *)"yoke";
	r->hello.station = sv->station;     /* the line monitor (server/line/line.h) */
	r->rq.body_case = YOKE__REQUEST__BODY_HELLO;
	r->rq.hello = &r->hello;
	sv->pending = STATION_PENDING_HELLO;
	return true;
}

static bool
req_badge_in(struct station_view *sv, struct station_request *r, const char *badge, const char *pin)
{
	station_request_init(r);
	copy(r->station, sizeof r->station, sv->station);
	copy(r->badge, sizeof r->badge, badge);
	copy(r->pin, sizeof r->pin, pin);
	r->badge_in.station = r->station;
	r->badge_in.badge = r->badge;
	r->badge_in.pin = r->pin;
	copy(sv->ask_badge, sizeof sv->ask_badge, badge);   /* for a PIN the server may ask for */
	r->rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	r->rq.badge_in = &r->badge_in;
	sv->pending = STATION_PENDING_BADGE_IN;
	say(sv, STATION_TONE_WAIT, _("Badge %s \u2014 checking\u2026"), badge);
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

bool
station_req_open(struct station_view *sv, struct station_request *r, const char *serial)
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

static bool
req_change_pin(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	copy(r->badge, sizeof r->badge, sv->ask_badge);
	copy(r->pin, sizeof r->pin, sv->pin_old);
	copy(r->pin2, sizeof r->pin2, sv->pin_new);
	r->change_pin.badge = r->badge;
	r->change_pin.old_pin = r->pin;
	r->change_pin.new_pin = r->pin2;
	r->rq.body_case = YOKE__REQUEST__BODY_CHANGE_PIN;
	r->rq.change_pin = &r->change_pin;
	sv->pending = STATION_PENDING_CHANGE_PIN;
	drop_ask(sv);
	say(sv, STATION_TONE_WAIT, _("Changing the PIN of badge %s\u2026"), r->badge);
	return true;
}

static bool
req_defects(struct station_view *sv, struct station_request *r)
{
	station_request_init(r);
	r->rq.body_case = YOKE__REQUEST__BODY_DEFECTS;
	r->rq.defects = &r->defects;
	sv->pending = STATION_PENDING_DEFECTS;
	return true;
}

void
station_req_step(struct station_view *sv, struct station_request *r, enum station_failing sent)
{
	station_request_init(r);
	copy(r->serial, sizeof r->serial, sv->unit->serial);
	r->step.serial = r->serial;
	r->step.step = sv->unit->current_step;
	r->rq.body_case = YOKE__REQUEST__BODY_STEP;
	r->rq.step = &r->step;
	sv->pending = STATION_PENDING_STEP;
	sv->sent = sent;
	gate_step_gauge(sv, r);      /* the gauge scanned for it (gate.h) */
	if (sv->have_defect) {
		copy(r->defect_code, sizeof r->defect_code, sv->defect_code);
		copy(r->defect_location, sizeof r->defect_location, sv->defect_location);
		copy(r->defect_note, sizeof r->defect_note, sv->defect_note);
		r->defect.code = r->defect_code;
		r->defect.location = r->defect_location;
		r->defect.note = r->defect_note;
		r->step.defect = &r->defect;
	}
}

static void
req_step(struct station_view *sv, struct station_request *r)
{
	station_req_step(sv, r, STATION_FAILING_NONE);
}

/* ---- lines ------------------------------------------------------------- */

/* The scan command a line is (shared/station_commands.h); short forms only at a verdict. */
static bool
command_is(const char *line, enum command c)
{
	return command_of(line, false) == c;
}

/* @PASS/@FAIL and their short forms: 1 pass, 0 fail, -1 neither. */
static int
pass_word(const char *line)
{
	switch (command_of(line, true)) {
	case COMMAND_PASS: return 1;
	case COMMAND_FAIL: return 0;
	default: return -1;
	}
}

/* A one-letter (or two) answer that once failed a unit and no longer does. */
static bool
bare_no(const char *line)
{
	return strcasecmp(line, "n") == 0 || strcasecmp(line, "no") == 0 || strcasecmp(line, "f") == 0;
}

/* A measured value: a plain decimal (decimal.h), sent with what was typed
 * kept for the screen. */
static bool
line_value(struct station_view *sv, const Yoke__StepView *st, const char *line,
    struct station_request *r)
{
	char shown[DECIMAL_MAX + 1];
	double v;

	if (!decimal_read(line, &v, shown, sizeof shown)) {
		say(sv, STATION_TONE_ERROR, _("Expected a plain decimal number for %s such as 3.30 or "
		    "3,30, got \"%s\""), str(st->name), line);
		return false;
	}
	if (!str_empty(st->unit))
		snprintf(sv->entry, sizeof sv->entry, "%s %s", shown, st->unit);
	else
		snprintf(sv->entry, sizeof sv->entry, "%s", shown);
	sv->entry_value = v;
	sv->fail_value = v;
	station_req_step(sv, r, STATION_FAILING_VALUE);
	r->step.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
	r->step.value = v;
	say(sv, STATION_TONE_WAIT, _("Sending %s = %s\u2026"), str(st->name), sv->entry);
	return true;
}

/* A verdict that is no verdict, said with what the step takes. */
static void
not_a_verdict(struct station_view *sv, const Yoke__StepView *st, const char *line)
{
	if (bare_no(line))
		say(sv, STATION_TONE_ERROR, _("\"%s\" is not a verdict: scan @FAIL (or press F9) to fail "
		    "\"%s\", @PASS (F2) to pass it"), line, str(st->text));
	else if (st->kind == YOKE__STEP_KIND__STEP_CHECK)
		say(sv, STATION_TONE_ERROR, _("Expected @PASS or @FAIL for \"%s\", got \"%s\""),
		    str(st->text), line);
	else if (st->needs_inspector)
		say(sv, STATION_TONE_ERROR, _("Expected @PASS or @FAIL for the inspection "
		    "\"%s\" (then the inspector signs), got \"%s\""), str(st->text), line);
	else
		say(sv, STATION_TONE_ERROR, _("Expected @PASS or @FAIL for the inspection "
		    "\"%s\", got \"%s\""), str(st->text), line);
}

/* A from=setup step: Enter or @OK takes the loaded lot; nothing is scanned. */
static bool
line_from_setup(struct station_view *sv, const Yoke__StepView *st, const char *line,
    struct station_request *r)
{
	if (line[0] != '\0' && !command_is(line, COMMAND_OK)) {
		say(sv, STATION_TONE_ERROR, _("%s comes from the setup: press Enter to take the loaded "
		    "lot (a new reel: scan @SETUP first), got \"%s\""), str(st->part), line);
		return false;
	}
	req_step(sv, r);
	r->step.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
	r->step.confirm = true;
	return true;
}

/* raw: the line as scanned, AIM identifier included, for a component
 * scan (the server reads a GS1 label by it); line: without it. */
static bool
line_in_unit(struct station_view *sv, const char *line, const char *raw, struct station_request *r)
{
	const Yoke__StepView *st;
	int pf;

	if (command_is(line, COMMAND_BACK)) {
		go_home(sv, false);
		sv->message[0] = '\0';
		return false;
	}
	if (station_unit_held(sv)) {
		if (line[0] == '\0') {
			go_home(sv, false);
			sv->message[0] = '\0';
			return false;
		}
		say(sv, STATION_TONE_ERROR, _("Unit %s is held and cannot be worked on here; "
		    "press Enter or scan @BACK for the queue"), sv->unit->serial);
		return false;
	}
	if (all_steps_done(sv))
		return req_complete(sv, r);
	st = current_step(sv);
	if (gate_wants_gauge(sv, st))     /* the gauge's id first (gate.h) */
		return gate_gauge_line(sv, st, line, r);
	switch (st->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		if (line[0] == '\0' || command_is(line, COMMAND_OK)) {
			req_step(sv, r);
			r->step.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
			r->step.confirm = true;
			return true;
		}
		say(sv, STATION_TONE_ERROR, _("Expected Enter or @OK to confirm this instruction, "
		    "got \"%s\""), line);
		return false;
	case YOKE__STEP_KIND__STEP_SCAN:
		if (st->from_setup)    /* the lot comes from the setup (setup.h) */
			return line_from_setup(sv, st, line, r);
		if (line[0] == '\0') {
			say(sv, STATION_TONE_ERROR, _("Expected a scan of %s, got an empty line"),
			    str(st->part));
			return false;
		}
		req_step(sv, r);
		copy(r->text, sizeof r->text, raw);
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
		r->step.scan = r->text;
		return true;
	case YOKE__STEP_KIND__STEP_MEASURE:
		if (st->from_equipment)    /* the value comes from equipment (equipment_step.h) */
			return equipment_step_line(sv, st, line, r);
		return line_value(sv, st, line, r);
	case YOKE__STEP_KIND__STEP_CHECK:
		pf = pass_word(line);
		if (pf < 0) {
			not_a_verdict(sv, st, line);
			return false;
		}
		if (pf == 0)
			return station_fail(sv, STATION_FAILING_CHECK, r);
		req_step(sv, r);
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
		r->step.pass = true;
		return true;
	case YOKE__STEP_KIND__STEP_INSPECT:
		pf = pass_word(line);
		if (pf < 0) {
			not_a_verdict(sv, st, line);
			return false;
		}
		if (pf == 0)
			return station_fail(sv, STATION_FAILING_INSPECTION, r);
		sv->sign_pass = true;
		return station_verdict_ready(sv, r);
	default:
		say(sv, STATION_TONE_ERROR, _("This step is of a kind this terminal does not know (%d); "
		    "call the lead"), (int)st->kind);
		return false;
	}
}

bool
station_verdict_ready(struct station_view *sv, struct station_request *r)
{
	const Yoke__StepView *st = current_step(sv);
	bool pass = sv->sign_pass;

	if (!st || (st->kind != YOKE__STEP_KIND__STEP_CHECK && st->kind != YOKE__STEP_KIND__STEP_INSPECT)) {
		drop_ask(sv);
		return false;
	}
	if (st->kind == YOKE__STEP_KIND__STEP_INSPECT && st->needs_inspector) {
		/* The verdict, then the inspector's signature: badge and PIN. */
		if (sv->role == YOKE__ROLE__ROLE_INSPECTOR) {
			copy(sv->ask_badge, sizeof sv->ask_badge, sv->badge);
			sv->ask = STATION_ASK_SIGN_PIN;
		} else {
			sv->ask = STATION_ASK_SIGN_BADGE;
		}
		sv->message[0] = '\0';
		sv->dirty = true;
		return false;
	}
	station_req_step(sv, r, pass ? STATION_FAILING_NONE : st->kind == YOKE__STEP_KIND__STEP_CHECK ?
	    STATION_FAILING_CHECK : STATION_FAILING_INSPECTION);
	if (st->kind == YOKE__STEP_KIND__STEP_CHECK) {
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
		r->step.pass = pass;
	} else {
		r->inspection.pass = pass;
		r->step.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
		r->step.inspection = &r->inspection;
	}
	drop_ask(sv);
	return true;
}

/* The signed inspection, once the inspector typed their PIN. */
static bool
req_signed_inspection(struct station_view *sv, struct station_request *r, const char *pin)
{
	if (!current_step(sv) || current_step(sv)->kind != YOKE__STEP_KIND__STEP_INSPECT) {
		drop_ask(sv);
		return false;
	}
	station_req_step(sv, r, sv->sign_pass ? STATION_FAILING_NONE : STATION_FAILING_INSPECTION);
	copy(r->badge, sizeof r->badge, sv->ask_badge);
	copy(r->pin, sizeof r->pin, pin);
	r->signature.badge = r->badge;
	r->signature.pin = r->pin;
	r->inspection.pass = sv->sign_pass;
	r->inspection.signature = &r->signature;
	r->step.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
	r->step.inspection = &r->inspection;
	drop_ask(sv);
	say(sv, STATION_TONE_WAIT, _("Signing\u2026"));
	return true;
}

/* The answer to the question being asked (see station.h). */
static bool
answer(struct station_view *sv, const char *line, struct station_request *r)
{
	if (sv->ask == STATION_ASK_SETUP)
		return setup_answer(sv, line, r);
	if (sv->ask == STATION_ASK_ANDON_TEXT || sv->ask == STATION_ASK_ANDON_STOP)
		return alarm_call_answer(sv, line, r);
	if (command_is(line, COMMAND_BACK) || (line[0] == '\0' && !station_asking_defect(sv))) {
		station_on_cancel(sv);
		return false;
	}
	switch (sv->ask) {
	case STATION_ASK_DEFECT_CODE:
	case STATION_ASK_DEFECT_LOCATION:
	case STATION_ASK_DEFECT_NOTE:
		return station_defect_answer(sv, line, r);
	case STATION_ASK_BADGE_PIN: {
		char badge[128];
		copy(badge, sizeof badge, sv->ask_badge);
		drop_ask(sv);
		return req_badge_in(sv, r, badge, line);
	}
	case STATION_ASK_SIGN_BADGE:
		if (line[0] == '@') {
			say(sv, STATION_TONE_ERROR, _("Expected the inspector's badge, got the command "
			    "\"%s\""), line);
			return false;
		}
		copy(sv->ask_badge, sizeof sv->ask_badge, line);
		sv->ask = STATION_ASK_SIGN_PIN;
		sv->message[0] = '\0';
		return false;
	case STATION_ASK_SIGN_PIN:
		return req_signed_inspection(sv, r, line);
	case STATION_ASK_PIN_BADGE:
		if (line[0] == '@') {
			say(sv, STATION_TONE_ERROR, _("Expected a badge, got the command \"%s\""), line);
			return false;
		}
		copy(sv->ask_badge, sizeof sv->ask_badge, line);
		sv->ask = STATION_ASK_PIN_OLD;
		return false;
	case STATION_ASK_PIN_OLD:
		copy(sv->pin_old, sizeof sv->pin_old, line);
		sv->ask = STATION_ASK_PIN_NEW;
		return false;
	case STATION_ASK_PIN_NEW:
		copy(sv->pin_new, sizeof sv->pin_new, line);
		sv->ask = STATION_ASK_PIN_AGAIN;
		return false;
	case STATION_ASK_PIN_AGAIN:
		if (strcmp(line, sv->pin_new) != 0) {
			drop_ask(sv);
			say(sv, STATION_TONE_ERROR, _("The two new PINs differ: nothing changed. Scan @PIN "
			    "to start again"));
			return false;
		}
		return req_change_pin(sv, r);
	case STATION_ASK_SETUP:
	case STATION_ASK_ANDON_TEXT:
	case STATION_ASK_ANDON_STOP:
	case STATION_ASK_NONE:
		break;
	}
	return false;
}

/* The line without the AIM symbology identifier a scanner may put in
 * front ("]Q1WO-DEMO-1-0007", "]C11001", "]Q1@OK"): what the person
 * scanned. A PIN being typed is taken as it is. */
static const char *
without_aim(const struct station_view *sv, const char *line, char *buf, size_t size)
{
	const char *s;
	size_t n;
	if (station_masked(sv))
		return line;
	n = scan_text_plain(line, strlen(line), &s);
	snprintf(buf, size, "%.*s", (int)n, s);
	return buf;
}

/* Interprets a line now (the client is free). */
static bool
interpret(struct station_view *sv, const char *raw, struct station_request *r)
{
	char clean[INPUT_MAX + 1];
	const char *line = without_aim(sv, raw, clean, sizeof clean);

	sv->dirty = true;
	if (sv->replaced) {
		say(sv, STATION_TONE_ERROR, _("This terminal was replaced by another with the same "
		    "certificate: close it (F10)"));
		return false;
	}
	if (sv->ask != STATION_ASK_NONE)
		return answer(sv, line, r);
	/* A view's question takes every line, commands too (a PIN may read
	 * like anything; @BACK drops the question). */
	if (sv->mode == STATION_INSPECTOR && inspector_asking(sv))
		return inspector_on_line(sv, line, r);
	if (sv->mode == STATION_LEAD && lead_asking(sv))
		return lead_on_line(sv, line, r);
	if (sv->mode != STATION_BADGE && sv->mode != STATION_LEAD && sv->mode != STATION_INSPECTOR &&
	    alarm_call_command(sv, line))
		return false;
	if (line[0] == '@' && command_of(line, false) == COMMAND_NONE) {
		say(sv, STATION_TONE_ERROR, _("Unknown scan command \"%s\": F1 or @HELP lists them"), line);
		return false;
	}
	if (command_is(line, COMMAND_PIN)) {
		if (sv->badge[0]) {
			copy(sv->ask_badge, sizeof sv->ask_badge, sv->badge);
			sv->ask = STATION_ASK_PIN_OLD;
		} else {
			sv->ask = STATION_ASK_PIN_BADGE;
		}
		sv->message[0] = '\0';
		return false;
	}
	if (sv->mode != STATION_BADGE && command_is(line, COMMAND_SETUP))
		return setup_command(sv);
	if (sv->mode != STATION_BADGE && command_is(line, COMMAND_LOGOUT)) {
		say(sv, STATION_TONE_WAIT, _("Badging out\u2026"));
		return req_badge_out(sv, r);
	}
	switch (sv->mode) {
	case STATION_BADGE:
		if (line[0] == '\0')
			return false;
		if (line[0] == '@') {
			say(sv, STATION_TONE_ERROR, _("Expected a badge scan, got the command \"%s\""), line);
			return false;
		}
		return req_badge_in(sv, r, line, "");
	case STATION_LEAD:
		return lead_on_line(sv, line, r);
	case STATION_INSPECTOR:
		return inspector_on_line(sv, line, r);
	case STATION_RECEIVING:
		return receiving_on_line(sv, line, r);
	case STATION_COMPLETE:
		go_home(sv, false);
		sv->message[0] = '\0';
		if (line[0] == '\0' || line[0] == '@')
			return false;
		/* A scan here is the next unit: open it straight away. */
		/* fall through */
	case STATION_QUEUE:
		if (line[0] == '\0')
			return req_queue(sv, r);
		if (line[0] == '@') {
			say(sv, STATION_TONE_ERROR, _("Expected a unit serial, got the command \"%s\""), line);
			return false;
		}
		say(sv, STATION_TONE_WAIT, _("Opening %s\u2026"), line);
		return station_req_open(sv, r, line);
	case STATION_UNIT:
		if (!sv->unit) {
			go_home(sv, false);
			return false;
		}
		return line_in_unit(sv, line, raw, r);
	}
	return false;
}

bool
station_on_line(struct station_view *sv, const char *line, bool busy, struct station_request *r)
{
	sv->dirty = true;
	if (sv->confirm_quit)
		sv->confirm_quit = false;
	/* Help is local: it works offline and while the server is busy; a PIN
	 * being typed is taken as the PIN, whatever it reads. */
	char clean[INPUT_MAX + 1];
	if (!station_masked(sv) && command_is(without_aim(sv, line, clean, sizeof clean),
	    COMMAND_HELP)) {
		station_show_help(sv, true);
		return false;
	}
	if (!sv->online) {
		say_offline(sv);
		return false;
	}
	if (busy || sv->nlines > 0) {
		if (sv->nlines == STATION_MAX_LINES) {
			say(sv, STATION_TONE_ERROR, _("Too many scans while waiting for the server; "
			    "\"%s\" was not taken, scan it again"), line);
			return false;
		}
		copy(sv->lines[sv->nlines], sizeof sv->lines[0], line);
		sv->nlines++;
		say(sv, STATION_TONE_WAIT, _("Waiting for the server\u2026"));
		return false;
	}
	return interpret(sv, line, r);
}

bool
station_on_function(struct station_view *sv, unsigned fn, bool busy, struct station_request *r)
{
	/* A question takes lines, and a PIN is typed blind: a key that
	 * stands for a word is no answer. */
	if (sv->ask != STATION_ASK_NONE || sv->replaced)
		return false;
	/* The views' keys set what to read next; the loop sends it. */
	if (sv->mode == STATION_INSPECTOR) {
		inspector_on_function(sv, fn);
		return false;
	}
	if (sv->mode == STATION_LEAD) {
		lead_on_function(sv, fn);
		return false;
	}
	switch (fn) {
	case 2:
		return station_on_line(sv, command_word(COMMAND_PASS), busy, r);
	case 9:
		return station_on_line(sv, command_word(COMMAND_FAIL), busy, r);
	case 8:             /* the andon key: the question, then the call (alarm_call.h) */
		alarm_call_key(sv);
		return false;
	default:
		return false;
	}
}

void
station_on_bad_line(struct station_view *sv, const char *why)
{
	say(sv, STATION_TONE_ERROR, "%s", why);
}

void
station_show_help(struct station_view *sv, bool on)
{
	sv->help = on;
	sv->help_page = 0;
	sv->dirty = true;
}

enum help_view
station_help_view(const struct station_view *sv)
{
	return sv->mode == STATION_INSPECTOR ? HELP_INSPECTOR : sv->mode == STATION_LEAD ? HELP_LEAD :
	    HELP_STATION;
}

int
station_help_pages(const struct station_view *sv)
{
	/* station_draw.c: rows 1 .. rows - 3 */
	return help_pages(station_help_view(sv), sv->rows - 3);
}

bool
station_help_turn(struct station_view *sv, int delta)
{
	int pages = station_help_pages(sv), p = sv->help_page + delta;
	if (pages <= 1)
		return false;
	sv->help_page = p < 0 ? 0 : p >= pages ? pages - 1 : p;
	sv->dirty = true;
	return true;
}

bool
station_window(struct station_view *sv, int rows, int cols)
{
	bool small = rows < STATION_MIN_ROWS || cols < STATION_MIN_COLS;

	if (rows != sv->rows || cols != sv->cols || small != sv->small)
		sv->dirty = true;
	sv->rows = rows;
	sv->cols = cols;
	if (small == sv->small)
		return !small;
	sv->small = small;
	if (small) {
		sv->confirm_quit = false;
		sv->help = false;
	} else if (sv->not_taken > 0) {
		say(sv, STATION_TONE_ERROR, P_("%u scan arrived while the window was too small and was "
		    "not taken: scan it again", "%u scans arrived while the window was too small and were "
		    "not taken: scan them again", sv->not_taken), sv->not_taken);
		sv->not_taken = 0;
	}
	return !small;
}

void
station_not_taken(struct station_view *sv)
{
	sv->not_taken++;
	sv->bell++;
	sv->dirty = true;
}

bool
station_next_request(struct station_view *sv, struct station_request *r)
{
	if (sv->replaced || (!sv->online && !sv->want_hello))
		return false;
	if (sv->want_hello) {
		sv->want_hello = false;
		return req_hello(sv, r);
	}
	if (sv->want_complete && sv->mode == STATION_UNIT && sv->unit) {
		sv->want_complete = false;
		say(sv, STATION_TONE_WAIT, _("All steps done \u2014 completing operation %u\u2026"),
		    sv->unit->operation);
		return req_complete(sv, r);
	}
	sv->want_complete = false;
	if (sv->want_open && sv->mode == STATION_UNIT && sv->unit) {
		char serial[128];
		sv->want_open = false;
		copy(serial, sizeof serial, sv->unit->serial);
		return station_req_open(sv, r, serial);
	}
	sv->want_open = false;
	if (sv->want_queue && sv->session[0] && sv->mode == STATION_QUEUE) {
		sv->want_queue = false;
		return req_queue(sv, r);
	}
	while (sv->nlines > 0) {
		char line[INPUT_MAX + 1];
		copy(line, sizeof line, sv->lines[0]);
		memmove(sv->lines[0], sv->lines[1], sizeof sv->lines[0] * (size_t)(sv->nlines - 1));
		sv->nlines--;
		explicit_bzero(sv->lines[sv->nlines], sizeof sv->lines[0]);   /* it may be a PIN */
		if (sv->nlines == 0 && sv->tone == STATION_TONE_WAIT)
			sv->message[0] = '\0';
		if (interpret(sv, line, r)) {
			explicit_bzero(line, sizeof line);
			return true;
		}
		explicit_bzero(line, sizeof line);
	}
	if (sv->want_defects && sv->session[0]) {
		sv->want_defects = false;
		return req_defects(sv, r);
	}
	if (setup_next_request(sv, r))
		return true;
	if (alarm_station_next_request(sv, r))
		return true;
	if (!sv->session[0])
		return false;
	if (sv->mode == STATION_INSPECTOR && inspector_next_request(sv, r))
		return true;
	if (sv->mode == STATION_LEAD && lead_next_request(sv, r))
		return true;
	if (sv->mode == STATION_RECEIVING && receiving_next_request(sv, r))
		return true;
	return false;
}

void
station_tick(struct station_view *sv, int64_t now)
{
	sv->clock = now;
	if (sv->mode == STATION_INSPECTOR)
		inspector_tick(sv, now);
	else if (sv->mode == STATION_LEAD)
		lead_tick(sv, now);
}

void
station_on_page(struct station_view *sv, int delta)
{
	if (sv->ask != STATION_ASK_NONE || sv->help)
		return;
	if (sv->mode == STATION_INSPECTOR)
		inspector_on_page(sv, delta);
	else if (sv->mode == STATION_LEAD)
		lead_on_page(sv, delta);
}
