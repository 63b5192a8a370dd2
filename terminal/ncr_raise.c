/* ncr_raise.c — see ncr_raise.h. */
#include "terminal/ncr_raise.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"

#include "shared/i18n.h"
#include "shared/station_commands.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

static size_t
count(const Yoke__DefectsReply *codes)
{
	return codes ? codes->n_defects : 0;
}

void
ncr_raise_drop(struct ncr_raise *x)
{
	signing_drop(&x->sign);
	explicit_bzero(x->note, sizeof x->note);
	memset(x, 0, sizeof *x);
	x->pick = -1;
}

void
ncr_raise_start(struct ncr_raise *x, const char *serial, const char *own)
{
	ncr_raise_drop(x);
	copy(x->serial, sizeof x->serial, serial);
	copy(x->sign.own, sizeof x->sign.own, own);
	x->ask = x->serial[0] ? NCR_RAISE_CODE_ASKED : NCR_RAISE_SERIAL_ASKED;
}

bool
ncr_raise_active(const struct ncr_raise *x)
{
	return x->ask != NCR_RAISE_NONE;
}

bool
ncr_raise_masked(const struct ncr_raise *x)
{
	return x->ask == NCR_RAISE_SIGN_ASKED && signing_masked(&x->sign);
}

/* A serial as a label gives it: printable, no spaces, not a command. */
static bool
serial_ok(const char *s)
{
	if (s[0] == '\0' || s[0] == '@' || strlen(s) >= NCR_RAISE_SERIAL)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7F || *s == '"')
			return false;
	return true;
}

static enum ncr_raise_result
wrong(char *said, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static enum ncr_raise_result
wrong(char *said, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(said, size, fmt, ap);
	va_end(ap);
	return NCR_RAISE_WRONG;
}

static enum ncr_raise_result
answer_code(struct ncr_raise *x, const Yoke__DefectsReply *codes, const char *line, char *said,
    size_t size)
{
	size_t n = count(codes);
	const Yoke__DefectCode *d = NULL;

	if (line[0] == '\0') {
		if (x->pick < 0 || (size_t)x->pick >= n)
			return wrong(said, size, "%s", n ? _("Expected a defect code: scan it, type its "
			    "number in the list, or pick it with \u2191 \u2193 and Enter (@BACK: cancel)") :
			    _("Expected a defect code: scan it from the defect code sheet (@BACK: cancel)"));
		d = codes->defects[x->pick];
	} else if (line[0] == '@') {
		return wrong(said, size, _("Expected a defect code, got the command \"%s\""), line);
	} else if (n > 0 && (d = station_defect_find(codes, line)) == NULL) {
		return wrong(said, size, _("Unknown defect code \"%s\": scan one from the defect code "
		    "sheet, or type its number in the list"), line);
	} else if (strlen(line) >= sizeof x->code) {
		return wrong(said, size, _("Expected a defect code of at most %d characters"),
		    (int)sizeof x->code - 1);
	}
	copy(x->code, sizeof x->code, d ? d->code : line);
	copy(x->code_text, sizeof x->code_text, d ? d->text : "");
	x->ask = NCR_RAISE_LOCATION_ASKED;
	if (x->code_text[0])
		snprintf(said, size, _("Defect %s: %s"), x->code, x->code_text);
	else
		snprintf(said, size, _("Defect %s"), x->code);
	return NCR_RAISE_ASKING;
}

enum ncr_raise_result
ncr_raise_answer(struct ncr_raise *x, const Yoke__DefectsReply *codes, const char *line,
    char *said, size_t size)
{
	enum command cmd = command_of(line, false);
	char meaning[SIGNING_MEANING];

	said[0] = '\0';
	if (x->ask != NCR_RAISE_SIGN_ASKED && cmd == COMMAND_BACK) {
		ncr_raise_drop(x);
		return NCR_RAISE_CANCELLED;
	}
	switch (x->ask) {
	case NCR_RAISE_SERIAL_ASKED:
		if (!serial_ok(line))
			return wrong(said, size, _("Expected the serial of the unit the NCR is about, "
			    "without spaces; got \"%s\""), line);
		copy(x->serial, sizeof x->serial, line);
		x->ask = NCR_RAISE_CODE_ASKED;
		x->pick = -1;
		return NCR_RAISE_ASKING;
	case NCR_RAISE_CODE_ASKED:
		return answer_code(x, codes, line, said, size);
	case NCR_RAISE_LOCATION_ASKED:
		if (cmd != COMMAND_NONE)
			return wrong(said, size, _("Expected where the defect is, such as U3, or Enter for "
			    "none; got the command \"%s\""), line);
		if (strlen(line) >= sizeof x->location)
			return wrong(said, size, _("Expected a location of at most %d characters"),
			    (int)sizeof x->location - 1);
		copy(x->location, sizeof x->location, line);
		x->ask = NCR_RAISE_NOTE_ASKED;
		return NCR_RAISE_ASKING;
	case NCR_RAISE_NOTE_ASKED:
		if (cmd != COMMAND_NONE)
			return wrong(said, size, _("Expected a note, or Enter for none; got the command "
			    "\"%s\""), line);
		copy(x->note, sizeof x->note, line);
		snprintf(meaning, sizeof meaning, _("NCR on unit %s"), x->serial);
		{
			char own[SIGNING_BADGE];
			copy(own, sizeof own, x->sign.own);
			signing_start(&x->sign, 1, 1, own, meaning);
		}
		x->ask = NCR_RAISE_SIGN_ASKED;
		return NCR_RAISE_ASKING;
	case NCR_RAISE_SIGN_ASKED:
		switch (signing_answer(&x->sign, line, said, size)) {
		case SIGNING_DONE:
			return NCR_RAISE_DONE;
		case SIGNING_CANCELLED:
			ncr_raise_drop(x);
			return NCR_RAISE_CANCELLED;
		case SIGNING_WRONG:
			return NCR_RAISE_WRONG;
		case SIGNING_ASKING:
			return NCR_RAISE_ASKING;
		}
		return NCR_RAISE_ASKING;
	case NCR_RAISE_NONE:
		break;
	}
	return NCR_RAISE_CANCELLED;
}

void
ncr_raise_arrow(struct ncr_raise *x, const Yoke__DefectsReply *codes, int delta)
{
	if (x->ask != NCR_RAISE_CODE_ASKED)
		return;
	x->pick = list_move(x->pick, delta, count(codes));
}

void
ncr_raise_prompt(const struct ncr_raise *x, const Yoke__DefectsReply *codes, char *buf, size_t size)
{
	buf[0] = '\0';
	switch (x->ask) {
	case NCR_RAISE_SERIAL_ASKED:
		snprintf(buf, size, "%s", _("Raise an NCR: scan or type the unit's serial"));
		break;
	case NCR_RAISE_CODE_ASKED:
		if (count(codes) > 0)
			snprintf(buf, size, "%s", _("Defect: scan its code, type its number, or \u2191 \u2193 "
			    "and Enter"));
		else
			snprintf(buf, size, "%s", _("Defect: scan its code from the defect code sheet"));
		break;
	case NCR_RAISE_LOCATION_ASKED:
		snprintf(buf, size, _("Defect %s: where, such as U3? Enter: no location"), x->code);
		break;
	case NCR_RAISE_NOTE_ASKED:
		snprintf(buf, size, _("Defect %s: a note? Enter: no note"), x->code);
		break;
	case NCR_RAISE_SIGN_ASKED:
		signing_prompt(&x->sign, buf, size);
		break;
	case NCR_RAISE_NONE:
		break;
	}
}

size_t
ncr_raise_hints(const struct ncr_raise *x, const Yoke__DefectsReply *codes, struct station_hint *h,
    size_t n, size_t max)
{
	switch (x->ask) {
	case NCR_RAISE_CODE_ASKED:
		if (count(codes) > 0) {
			n = add_hint(h, n, max, "\u2191 \u2193", _("choose"));
			n = add_hint(h, n, max, "Enter", _("pick"));
		}
		break;
	case NCR_RAISE_LOCATION_ASKED:
	case NCR_RAISE_NOTE_ASKED:
		n = add_hint(h, n, max, "Enter", _("skip"));
		break;
	case NCR_RAISE_SIGN_ASKED:
		if (signing_enter_takes(&x->sign))
			n = add_hint(h, n, max, "Enter", x->sign.own);
		break;
	default:
		break;
	}
	return add_hint(h, n, max, "@BACK", _("cancel"));
}

void
ncr_raise_request(struct ncr_raise *x, struct station_request *r)
{
	Yoke__Signature **list;
	size_t n;

	station_request_init(r);
	copy(r->serial, sizeof r->serial, x->serial);
	copy(r->defect_code, sizeof r->defect_code, x->code);
	copy(r->defect_location, sizeof r->defect_location, x->location);
	copy(r->defect_note, sizeof r->defect_note, x->note);
	r->defect.code = r->defect_code;
	r->defect.location = r->defect_location;
	r->defect.note = r->defect_note;
	r->raise_ncr.serial = r->serial;
	r->raise_ncr.defect = &r->defect;
	station_req_signatures(r, &x->sign, &list, &n);
	r->raise_ncr.signature = n ? list[0] : NULL;
	r->rq.body_case = YOKE__REQUEST__BODY_RAISE_NCR;
	r->rq.raise_ncr = &r->raise_ncr;
	ncr_raise_drop(x);
}

enum ncr_raise_result
ncr_raise_line(struct station_view *sv, struct ncr_raise *x, const char *line,
    struct station_request *r)
{
	char said[STATION_MSG];
	char serial[NCR_RAISE_SERIAL];
	enum ncr_raise_result res = ncr_raise_answer(x, station_defect_list(sv), line, said,
	    sizeof said);

	switch (res) {
	case NCR_RAISE_DONE:
		copy(serial, sizeof serial, x->serial);
		ncr_raise_request(x, r);
		say(sv, STATION_TONE_WAIT, _("Raising an NCR on unit %s\u2026"), serial);
		break;
	case NCR_RAISE_WRONG:
		say(sv, STATION_TONE_ERROR, "%s", said);
		break;
	case NCR_RAISE_ASKING:
		if (said[0])
			say(sv, STATION_TONE_INFO, "%s", said);
		else
			sv->message[0] = '\0';
		break;
	case NCR_RAISE_CANCELLED:
		break;
	}
	return res;
}
