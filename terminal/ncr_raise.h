/*
 * ncr_raise.h — raising an NCR by hand at the terminal: a defect an
 * inspector or a lead found by looking at a unit, not at a step. The
 * inspector's and the lead's views (F9) ask through it; it asks, in
 * order:
 *
 *   SERIAL    the unit, scanned or typed (skipped when the view starts
 *             with one: the lead's unit screen)
 *   CODE      the defect code: scanned from the defect code sheet, its
 *             number in the plant's list or picked with the arrows and
 *             Enter (station_defect.c finds it); without a list (none
 *             defined, or it could not be read) any code, judged by the
 *             server
 *   LOCATION  where, such as U3 (Enter: none)
 *   NOTE      a note for the record (Enter: none)
 *   SIGN      one signer, badge then PIN typed blind (signing.h): an
 *             inspector or a lead, as the server checks
 *
 * and then the view sends NcrRaise (ncr_raise_request). @BACK at any
 * question (at the PIN too), or Esc then Enter, drops everything with
 * nothing sent. The server holds the unit like a failure and answers with
 * the NCR's number; a refusal comes in the words of the person badged in.
 * No curses and no requests of its own; ncr_draw.c shows it.
 */
#ifndef YOKE_NCR_RAISE_H
#define YOKE_NCR_RAISE_H

#include "proto/yoke.pb-c.h"
#include "terminal/input.h"
#include "terminal/signing.h"

#include <stdbool.h>
#include <stddef.h>

#define NCR_RAISE_SERIAL 65    /* bytes of a unit serial, NUL included (the server's limit) */
#define NCR_RAISE_CODE 65      /* bytes of a defect code, NUL included */
#define NCR_RAISE_LOCATION 41  /* bytes of a location, NUL included */

struct station_request;
struct station_view;
struct station_hint;

enum ncr_raise_ask {
	NCR_RAISE_NONE = 0,        /* nothing is being raised */
	NCR_RAISE_SERIAL_ASKED,
	NCR_RAISE_CODE_ASKED,
	NCR_RAISE_LOCATION_ASKED,
	NCR_RAISE_NOTE_ASKED,
	NCR_RAISE_SIGN_ASKED,
};

enum ncr_raise_result {
	NCR_RAISE_ASKING = 0,      /* taken; the next question is asked (`said` may say what was taken) */
	NCR_RAISE_DONE,            /* signed: build the request */
	NCR_RAISE_CANCELLED,       /* @BACK, or an empty PIN: nothing kept */
	NCR_RAISE_WRONG,           /* not taken: `said` says what was expected */
};

struct ncr_raise {
	enum ncr_raise_ask ask;
	int pick;                  /* the highlighted code in the list, -1 none */
	char serial[NCR_RAISE_SERIAL];
	char code[NCR_RAISE_CODE];
	char code_text[256];       /* the code's text, as the list has it ("" unknown) */
	char location[NCR_RAISE_LOCATION];
	char note[INPUT_MAX + 1];
	struct signing sign;
};

/* Starts raising; serial "" asks for it first. own is the badge Enter
 * stands for at the signature (the person badged in). */
void ncr_raise_start(struct ncr_raise *x, const char *serial, const char *own);
/* Forgets everything, the PIN wiped. */
void ncr_raise_drop(struct ncr_raise *x);
bool ncr_raise_active(const struct ncr_raise *x);
/*
 * One line answered. codes is the plant's list (NULL: none to offer). On
 * NCR_RAISE_WRONG `said` tells what was expected, on NCR_RAISE_ASKING it
 * may tell what was taken ("" otherwise); translated.
 */
enum ncr_raise_result ncr_raise_answer(struct ncr_raise *x, const Yoke__DefectsReply *codes,
    const char *line, char *said, size_t size);
/* Up (-1) or down (+1) through the codes while one is asked. */
void ncr_raise_arrow(struct ncr_raise *x, const Yoke__DefectsReply *codes, int delta);
/* The question, for the "→" line. */
void ncr_raise_prompt(const struct ncr_raise *x, const Yoke__DefectsReply *codes, char *buf,
    size_t size);
/* The help line's entries while it asks, after the n already in h. */
size_t ncr_raise_hints(const struct ncr_raise *x, const Yoke__DefectsReply *codes,
    struct station_hint *h, size_t n, size_t max);
/* True while the PIN is typed. */
bool ncr_raise_masked(const struct ncr_raise *x);
/* The NcrRaise of what was answered, into r (strings in r); the PIN in x
 * is wiped and the raise forgotten. */
void ncr_raise_request(struct ncr_raise *x, struct station_request *r);
/*
 * A view's line while it raises an NCR (the inspector's and the lead's):
 * ncr_raise_answer with the station's codes, what it said on the screen,
 * and on NCR_RAISE_DONE the request in r ("Raising an NCR on unit ..."),
 * which the view then marks as its pending one. On NCR_RAISE_CANCELLED
 * the view drops its question.
 */
enum ncr_raise_result ncr_raise_line(struct station_view *sv, struct ncr_raise *x,
    const char *line, struct station_request *r);

#endif
