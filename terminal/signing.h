/*
 * signing.h — the signatures of one decision, asked at the terminal: each
 * signer scans their badge, then types their PIN blind. Most decisions
 * (a disposition, closing an NCR, placing or releasing a hold) have one
 * signer; use as is has the Material Review Board's two to four. The
 * server checks every signature (who may sign, the PIN, separation of
 * duties); this only collects them, in order:
 *
 *   BADGE 1 --a badge, or Enter for the person badged in here-->  PIN 1
 *   PIN k   --the PIN (an empty line cancels)------------------>  BADGE k+1,
 *                                                  or DONE when k = max
 *   BADGE k --Enter, once min signers are in------------------->  DONE
 *   any     --@BACK (at a PIN too)--------------------------->  CANCELLED
 *
 * A badge that has signed already is refused here (a board of one person
 * twice is no board); so is a scan command where a badge is asked. PINs
 * are wiped as soon as the request is built (signing_take) or dropped.
 * No curses, no requests: the views (inspector.c, lead.c) ask through it.
 */
#ifndef YOKE_SIGNING_H
#define YOKE_SIGNING_H

#include "terminal/input.h"

#include <stdbool.h>
#include <stddef.h>

#define SIGNING_MAX 4          /* the most signers of one decision (the server's MRB limit) */
#define SIGNING_BADGE 65       /* bytes of a badge, NUL included (the server's limit) */
#define SIGNING_MEANING 160

struct signing {
	bool active;               /* a signature is being asked */
	int min, max;              /* signers: 1 and 1, or the board's 2 and 4 */
	int n;                     /* signers whose badge and PIN are in */
	bool want_pin;             /* signer n's badge is in; its PIN is asked */
	char own[SIGNING_BADGE];   /* the person badged in: Enter at the first badge */
	char meaning[SIGNING_MEANING];   /* what is signed, as the prompt says it */
	char badge[SIGNING_MAX][SIGNING_BADGE];
	char pin[SIGNING_MAX][INPUT_MAX + 1];
};

enum signing_result {
	SIGNING_ASKING = 0,        /* taken; the next question is asked */
	SIGNING_DONE,              /* every signer is in: build the request */
	SIGNING_CANCELLED,         /* @BACK, or an empty PIN: nothing is kept */
	SIGNING_WRONG,             /* not taken: `why` says what was expected */
};

/* Starts asking min..max signers (1..SIGNING_MAX) of `meaning` ("rework
 * of NCR-000001"); own is the badge Enter stands for at the first badge
 * ("" for none). */
void signing_start(struct signing *s, int min, int max, const char *own, const char *meaning);
/* One answered line. SIGNING_WRONG fills why (translated). */
enum signing_result signing_answer(struct signing *s, const char *line, char *why, size_t size);
/* The question being asked now, translated. */
void signing_prompt(const struct signing *s, char *buf, size_t size);
/* True while a PIN is being typed (shown as stars). */
bool signing_masked(const struct signing *s);
/* True when Enter at the badge question is an answer (the own badge, or
 * enough signers), for the help line. */
bool signing_enter_takes(const struct signing *s);
/* Copies signer i's badge and PIN out (i < s->n). */
void signing_signer(const struct signing *s, int i, char *badge, size_t bsize, char *pin,
    size_t psize);
/* Forgets everything, PINs wiped. */
void signing_drop(struct signing *s);

#endif
