/*
 * ncr_detail.h — one nonconformance report as the inspector's and the
 * lead's views show it: the NCR (NcrQuery by number) and its unit's trace
 * (TraceQuery), asked one after the other, and the sentences that say
 * them — what failed, the value and its limits, the defect, who, where
 * and when, the components, the disposition and its signers, the unit as
 * it stands, its last events. Data stays as the server sent it (serials,
 * codes, names, values); the words around it are translated. No curses:
 * ncr_draw.c lays these sentences out.
 */
#ifndef YOKE_NCR_DETAIL_H
#define YOKE_NCR_DETAIL_H

#include "proto/yoke.pb-c.h"

#include <stdbool.h>
#include <stddef.h>

#define NCR_NUMBER 48          /* bytes of an NCR number, NUL included */

struct ncr_detail {
	char number[NCR_NUMBER];   /* the NCR shown (or being read) */
	Yoke__Ncr *ncr;            /* owned deep copy, NULL until read */
	Yoke__TraceReply *trace;   /* owned deep copy of its unit's trace, NULL until read */
	bool want_ncr, want_trace; /* to ask when the client is free */
};

/* Starts reading NCR `number`; what was shown goes. */
void ncr_detail_open(struct ncr_detail *d, const char *number);
void ncr_detail_drop(struct ncr_detail *d);
/* The NCR from a reply (NcrQuery, NcrDisposition, NcrClose): kept when it
 * is the one shown (or none is), and its trace is asked again. */
bool ncr_detail_take(struct ncr_detail *d, const Yoke__NcrReply *nr);
/* The trace of its unit. */
void ncr_detail_take_trace(struct ncr_detail *d, const Yoke__TraceReply *t);

/* Words for the NCR's state, a disposition and a defect category. */
const char *ncr_state_name(Yoke__NcrState s);
const char *ncr_disposition_name(Yoke__DispositionKind k);

/* Where it failed: "op 20 Reflow soldering, step 2". */
void ncr_failed_text(const Yoke__Ncr *n, char *buf, size_t size);
/* A measurement's value and limits, "peak_temp = 260.5 C (limits 235 – 250)";
 * false (and "") when the failure was no measurement. */
bool ncr_value_text(const Yoke__Ncr *n, char *buf, size_t size);
/* "OVEN-PROFILE Reflow profile outside the window · at PANEL-2" */
void ncr_defect_text(const Yoke__Ncr *n, char *buf, size_t size);
/* "Li Wei (1001) at REFLOW-1, 2026-11-20 10:02" */
void ncr_by_text(const Yoke__Ncr *n, char *buf, size_t size);
/* The components built in at the failure, joined with spaces ("" none). */
void ncr_components_text(const Yoke__Ncr *n, char *buf, size_t size);
/* The disposition and who signed it: "rework at op 900 — signed by Maria
 * Garcia (3002)"; false (and "") while the NCR is open. */
bool ncr_disposition_text(const Yoke__Ncr *n, char *buf, size_t size);
/* The unit as its trace says it stands now: "FAILED at op 20 Reflow
 * soldering (REFLOW) · reworked 1 time · 1 hold in force". */
void ncr_unit_text(const Yoke__TraceReply *t, char *buf, size_t size);
/* One event of a trace on one line: "11-26 10:02 REFLOW-1 measured  peak_temp = 260 C". */
void ncr_event_text(const Yoke__Event *e, char *buf, size_t size);
/* A time as the views show it (the terminal's local time): "2026-11-20 10:02". */
void ncr_time_text(int64_t us, char *buf, size_t size);

#endif
