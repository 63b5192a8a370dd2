/*
 * capa_text.h — a corrective and preventive action (CAPA, server/quality/
 * capa.h) as the terminal says it: its state, its scope, its due date, and
 * the whole record as labelled fields, one step after the other, each with
 * who signed it and when (Capa.signatures[k] moved it to state OPEN + k).
 * The lead's view lists and shows CAPAs with these; they change with
 * `yokectl capa`, not here. Data stays as the server sent it; the words
 * around it are translated. No curses.
 */
#ifndef YOKE_CAPA_TEXT_H
#define YOKE_CAPA_TEXT_H

#include "proto/yoke.pb-c.h"

#include <stdbool.h>
#include <stddef.h>

#define CAPA_NUMBER 48         /* bytes of a CAPA number, NUL included */
#define CAPA_FIELDS 32         /* the most fields of one CAPA (5 whys) */
#define CAPA_FIELD_TEXT 640

enum capa_tone {
	CAPA_TONE_NORMAL = 0,
	CAPA_TONE_ALERT,           /* overdue, not shown effective */
	CAPA_TONE_DONE,            /* effective, closed */
	CAPA_TONE_DIM,             /* what comes next */
};

/* One line of the record: a label (translated, may be "") and its text. */
struct capa_field {
	const char *label;
	char text[CAPA_FIELD_TEXT];
	enum capa_tone tone;
};

/* "contained", "root cause found" ... */
const char *capa_state_name(Yoke__CapaState s);
/* The 6M category in words ("machine"). */
const char *capa_category_name(Yoke__DefectCategory c);
/* "station SMT-1" or "product IOTC-100". */
void capa_scope_text(const Yoke__Capa *k, char *buf, size_t size);
/* The scope's station or product alone, for a list's narrow column. */
const char *capa_scope_id(const Yoke__Capa *k);
/* "2026-12-01", "2026-12-01 overdue", or "" without a due date. */
void capa_due_text(const Yoke__Capa *k, char *buf, size_t size);
/* The signature that moved it to state s (OPEN or later), or NULL. */
const Yoke__SignatureRecord *capa_signature(const Yoke__Capa *k, Yoke__CapaState s);
/* The next step and the command that records it ("" once closed). */
void capa_next_text(const Yoke__Capa *k, char *buf, size_t size);
/* The whole record as fields, in the order of its steps: state, defect and
 * scope, NCRs, why proposed, opened, containment, root cause and each why,
 * action, owner, due, implemented, verified, effectiveness (before, after),
 * closed, the next step. Only what it has. Returns the number filled. */
size_t capa_fields(const Yoke__Capa *k, struct capa_field *f, size_t max);

#endif
