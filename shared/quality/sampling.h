/*
 * sampling.h — ISO 2859-1 / ANSI/ASQ Z1.4 single sampling by attributes.
 *
 * Lot size and inspection level give the sample-size code letter
 * (Table 1); the code letter, the AQL and the severity give the plan
 * (Tables 2-A, 2-B, 2-C), following the tables' arrows the way the
 * standard does: the sample size is taken from the row where the arrow
 * ends. The switching rules run as a state machine fed one lot at a time.
 *
 * The two standards differ only in the reduced table and in the rule for
 * going from normal to reduced; enum sampling_scheme picks one. ISO 2859-1
 * is the default. See docs/quality-math.md for sources and conventions.
 */
#ifndef YOKE_SAMPLING_H
#define YOKE_SAMPLING_H

#include <stdbool.h>
#include <stddef.h>

enum sampling_level {
	SAMPLING_S1, SAMPLING_S2, SAMPLING_S3, SAMPLING_S4,
	SAMPLING_I, SAMPLING_II, SAMPLING_III,
};

enum sampling_severity { SAMPLING_NORMAL, SAMPLING_TIGHTENED, SAMPLING_REDUCED };

enum sampling_scheme { SAMPLING_ISO2859, SAMPLING_Z14 };

struct sampling_plan {
	char letter;            /* code letter of the lot (Table 1) */
	char used_letter;       /* row the plan came from after the arrows */
	long n;                 /* sample size; the lot size when full_inspection */
	int ac, re;
	bool full_inspection;   /* inspect 100 %: n ≥ lot size, or the arrow left the table */
	int ac_tighter;         /* Ac one AQL step tighter in the same row (ISO switching
	                         * score), -1 when that cell is an arrow */
	double aql;
	enum sampling_severity severity;
	enum sampling_scheme scheme;
	char note[256];         /* why full inspection, empty otherwise */
};

/* The code letter for a lot of at least 2 units, or 0 for a smaller lot. */
char sampling_code_letter(long lot_size, enum sampling_level level);
/* Sample size of a code letter at a severity, or 0 for a bad letter. */
long sampling_sample_size(char letter, enum sampling_severity severity);

/* The preferred AQL values, 0.010 to 1000 (26 of them). */
extern const double sampling_aqls[];
extern const size_t sampling_naqls;

/*
 * The single sampling plan. Returns false with a message in err when the
 * lot size is below 2, the AQL is not one of the preferred values, or the
 * cell is not tabulated here.
 */
bool sampling_plan_find(long lot_size, enum sampling_level level, double aql,
    enum sampling_severity severity, enum sampling_scheme scheme, struct sampling_plan *out,
    char *err, size_t errsize);

/* Accept when d ≤ Ac. Under Z1.4 reduced, Ac < d < Re is accepted too
 * (and inspection goes back to normal). */
bool sampling_accepts(const struct sampling_plan *p, long nonconforming);

/* "II", "S-3", "s3" …; false on anything else. */
bool sampling_parse_level(const char *s, enum sampling_level *out);
bool sampling_parse_severity(const char *s, enum sampling_severity *out);
const char *sampling_level_name(enum sampling_level level);
/* "normal", "tightened", "reduced": the option's words (and --json's);
 * English message ids, _() them to show them to a person. */
const char *sampling_severity_name(enum sampling_severity s);

/*
 * The switching rules (standards.md §2.5) for one characteristic and defect
 * class.
 *
 *   NORMAL ──2 of ≤5 consecutive lots not accepted──▶ TIGHTENED
 *   TIGHTENED ──5 consecutive lots accepted──▶ NORMAL
 *   TIGHTENED ──5th lot not accepted while tightened──▶ DISCONTINUED
 *   DISCONTINUED ──sampling_switch_resume (corrective action)──▶ TIGHTENED
 *   NORMAL ──ISO: switching score ≥ 30, steady, approved──▶ REDUCED
 *          ──Z1.4: last 10 lots on normal accepted, their nonconforming
 *            total ≤ limit (or waived), steady, approved──▶ REDUCED
 *   REDUCED ──lot not accepted, Z1.4 Ac<d<Re, or production not steady──▶ NORMAL
 *
 * Each transition is made by sampling_switch_feed; every state change
 * resets the counters of the state entered.
 */
enum sampling_mode {
	SAMPLING_MODE_NORMAL, SAMPLING_MODE_TIGHTENED, SAMPLING_MODE_REDUCED,
	SAMPLING_MODE_DISCONTINUED,
};

/* Why the current mode was entered; sampling_switch_why() says it in words
 * with the two numbers of the change (why_a, why_b). Kept as a code so a
 * stored state is said in the reader's language, not the writer's. */
enum sampling_reason {
	SAMPLING_WHY_START,         /* inspection starts at normal */
	SAMPLING_WHY_REJECTED,      /* a of the last b lots on normal not accepted: tightened */
	SAMPLING_WHY_DISCONTINUE,   /* a lots not accepted on tightened: discontinued */
	SAMPLING_WHY_TIGHTENED_OK,  /* 5 consecutive lots accepted on tightened: normal */
	SAMPLING_WHY_SCORE,         /* ISO switching score a ≥ 30: reduced */
	SAMPLING_WHY_Z14_RUN,       /* Z1.4: a lots accepted, b nonconforming: reduced */
	SAMPLING_WHY_REDUCED_REJECTED,  /* a lot not accepted on reduced: normal */
	SAMPLING_WHY_REDUCED_BETWEEN,   /* Z1.4: Ac < d < Re on reduced: normal */
	SAMPLING_WHY_NOT_STEADY,    /* production irregular on reduced: normal */
	SAMPLING_WHY_RESUMED,       /* corrective action: tightened */
};

struct sampling_switch {
	enum sampling_scheme scheme;
	enum sampling_mode mode;
	unsigned recent;            /* last lots in this mode, bit 0 = newest, 1 = not accepted */
	int lots;                   /* lots inspected in this mode */
	int accepted_run;           /* consecutive accepted lots in this mode */
	int tightened_rejected;     /* lots not accepted since tightened began */
	int score;                  /* ISO switching score */
	long z14_nonconforming;     /* Z1.4: nonconforming in the accepted run on normal */
	long z14_limit;             /* Z1.4 Table VIII limit for 10 lots; -1 = waived (§8.5) */
	char why[256];              /* the reason for the last change of mode */
	enum sampling_reason reason;    /* ... as a code */
	long why_a, why_b;          /* ... and its numbers */
};

struct sampling_lot {
	long nonconforming;         /* d, on original inspection */
	bool steady;                /* production at a steady rate */
	bool approved;              /* the responsible authority allows reduced */
};

void sampling_switch_init(struct sampling_switch *sw, enum sampling_scheme scheme);
/* The severity the next lot is inspected at (NORMAL when discontinued). */
enum sampling_severity sampling_switch_severity(const struct sampling_switch *sw);
/*
 * Records one lot inspected with plan (its severity must be the current
 * one) and applies the rules. Returns whether the lot was accepted; the
 * new mode is in sw->mode and a change is explained in sw->why. A lot fed
 * while discontinued is refused (returns false, nothing changes).
 */
bool sampling_switch_feed(struct sampling_switch *sw, const struct sampling_plan *plan,
    const struct sampling_lot *lot);
/* After corrective action: inspection resumes at tightened. */
void sampling_switch_resume(struct sampling_switch *sw);
/* The reason in words, in the current language (the text of sw->why). */
void sampling_switch_why(enum sampling_reason reason, long a, long b, char *buf, size_t size);
/* "normal" ... "discontinued": English message ids, as the severities. */
const char *sampling_mode_name(enum sampling_mode m);

#endif
