/*
 * station.h — the station terminal's model and logic, without curses.
 *
 * The server decides everything; this model only remembers what the server
 * last said, interprets one line of input in the current context, and says
 * which request to send. Replies, notices and connection changes change the
 * model; station_draw.c renders it; yoke.c runs the loop. Messages for the
 * person are kept here as strings, so tests can check them.
 *
 * Modes (the screen the person sees): the view follows the role of who
 * badged in (BadgeInReply.role):
 *
 *   BADGE    --BadgeIn OK, operator (engineer, admin)-->  QUEUE
 *   BADGE    --BadgeIn OK, inspector---------->  INSPECTOR (inspector.h)
 *   BADGE    --BadgeIn OK, lead--------------->  LEAD (lead.h)
 *   QUEUE    --line = serial, OpenUnit OK------->  UNIT
 *   INSPECTOR--a serial, or an inspection due here, OpenUnit OK-->  UNIT
 *   UNIT     --all steps done: CompleteOperation OK-->  COMPLETE
 *   COMPLETE --any line------------------------->  home (or UNIT when a serial was scanned)
 *   UNIT     --@BACK, or Enter when held-------->  home
 *   any      --@LOGOUT (BadgeOut)--------------->  BADGE
 *
 * "home" is the person's view: QUEUE, or INSPECTOR for an inspector. The
 * views' own screens and questions are theirs (inspector.c, lead.c); the
 * session, the language, the connection, help and quitting stay here.
 *   any      --notice "terminal/<id>": the badge went to another station, or
 *              NOT_BADGED_IN--------------------->  BADGE (the screen says why)
 *
 * Questions (`ask`): some requests need more than one line before they
 * can go — the answer to the question is the next line, a PIN is shown as
 * stars, and an empty line or @BACK drops the question:
 *
 *   badge-in answered PIN_REQUIRED   -> BADGE_PIN -> BadgeIn with the PIN
 *   @PASS/@FAIL at an inspection that needs an inspector
 *        -> SIGN_BADGE (skipped when an inspector is badged in here)
 *        -> SIGN_PIN -> StepRecord with the verdict and the signature
 *   @PIN -> PIN_BADGE (skipped when badged in) -> PIN_OLD -> PIN_NEW
 *        -> PIN_AGAIN -> ChangePin
 *   @SETUP -> SETUP: reel labels, each a SetupLoad, until Enter (setup.h)
 *
 * A failure asks what went wrong before it goes (station_defect.c, issue 8):
 *
 *   @FAIL (or F9) at a check or an inspection, when the plant defines
 *        defect codes (DefectsQuery, asked once after badge-in)
 *        -> DEFECT_CODE (scanned from the code sheet, its number in the
 *           list, or picked with the arrow keys and Enter)
 *        -> DEFECT_LOCATION (Enter: none) -> DEFECT_NOTE (Enter: none)
 *        -> an inspection that needs an inspector: SIGN_BADGE, SIGN_PIN
 *        -> StepRecord with the verdict and StepRecord.defect
 *   any failing entry the server answers DEFECT_REQUIRED (the value at a
 *        measure that is the last out-of-limit reading allowed, a code
 *        it does not know, or a list this terminal could not read)
 *        -> DEFECT_CODE ... -> the same entry again, with the defect
 *
 * @BACK, or Esc and then Enter, drops any question; an empty line drops
 * the others but not the defect ones (Enter skips the location and the
 * note, and picks the highlighted code). Nothing of a dropped failure has
 * been sent: the unit stays at its step.
 *
 * A measure step takes a plain decimal only (shared/decimal.h: no
 * exponent, no hex; a decimal comma is a point), and the screen says the
 * entry as it was typed ("3,30 V"). The server answers a value outside the
 * limits with MEASURE_AGAIN while readings are left (UnitView.attempt
 * counts them): the unit stays at the step and the next line is the next
 * reading.
 *
 * Invariant: at most one request is outstanding (the loop asks for a
 * request only when the client is not busy); `pending` says what it was, so
 * its reply is read in that light.
 *
 * Language: the screen speaks the start language (--lang, else LANG) until
 * someone badges in, then the language BadgeInReply names (the person's),
 * and the start language again when they badge out or their session ends.
 * `language` is what the screen speaks now; the loop stamps it on every
 * request (client_set_language). Messages are kept as the sentences shown,
 * made in the language of the moment.
 *
 * Around the modes: the help screen (F1 or @HELP) lists every scan command
 * and key and goes at the next key or scan; a window smaller than
 * STATION_MIN_COLS × STATION_MIN_ROWS takes no input at all (what arrives
 * is counted and dropped, and the screen says so once it is large again).
 */
#ifndef YOKE_STATION_H
#define YOKE_STATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/yoke.pb-c.h"
#include "terminal/alarm_board.h"
#include "terminal/line_board.h"
#include "terminal/alarm_call.h"
#include "terminal/gate.h"
#include "terminal/help_draw.h"
#include "terminal/input.h"
#include "terminal/inspector.h"
#include "terminal/lead.h"
#include "terminal/receiving.h"
#include "terminal/setup.h"
#include "terminal/signing.h"

enum station_mode {
	STATION_BADGE = 0,         /* "Station X — scan your badge" */
	STATION_QUEUE,             /* operator: the station's queue */
	STATION_LEAD,              /* lead: holds, NCRs, notices (lead.h) */
	STATION_UNIT,              /* a unit is open, steps under way (or held) */
	STATION_COMPLETE,          /* operation completed; next line returns home */
	STATION_INSPECTOR,         /* inspector: the worklist and NCRs (inspector.h) */
	STATION_RECEIVING,         /* an operator at a RECEIVING station: lots (receiving.h) */
};

enum station_ask {
	STATION_ASK_NONE = 0,
	STATION_ASK_BADGE_PIN,     /* the PIN for the badge-in in ask_badge */
	STATION_ASK_SIGN_BADGE,    /* the inspector's badge, to sign the verdict */
	STATION_ASK_SIGN_PIN,      /* the inspector's PIN */
	STATION_ASK_PIN_BADGE,     /* @PIN: whose PIN changes */
	STATION_ASK_PIN_OLD,
	STATION_ASK_PIN_NEW,
	STATION_ASK_PIN_AGAIN,
	STATION_ASK_DEFECT_CODE,   /* what failed: a defect code */
	STATION_ASK_DEFECT_LOCATION,   /* where (e.g. U3); Enter: none */
	STATION_ASK_DEFECT_NOTE,   /* a note; Enter: none */
	STATION_ASK_SETUP,         /* @SETUP: reel labels to load (setup.h); Enter: done */
	STATION_ASK_ANDON_TEXT,    /* F8, @ANDON, @STOP: what is wrong (alarm_call.h) */
	STATION_ASK_ANDON_STOP,    /* ... and whether the call stops the station */
};

/* The failing entry a defect is asked for. */
enum station_failing {
	STATION_FAILING_NONE = 0,
	STATION_FAILING_CHECK,     /* a check, @FAIL */
	STATION_FAILING_INSPECTION,    /* an inspection, @FAIL (then signed, when it needs an inspector) */
	STATION_FAILING_VALUE,     /* a measured value, sent again */
};

enum station_tone {
	STATION_TONE_INFO = 0,
	STATION_TONE_OK,
	STATION_TONE_ERROR,
	STATION_TONE_WAIT,
};

/* What the request in flight was, to read its reply. */
enum station_pending {
	STATION_PENDING_NONE = 0,
	STATION_PENDING_HELLO,
	STATION_PENDING_BADGE_IN,
	STATION_PENDING_BADGE_OUT,
	STATION_PENDING_QUEUE,
	STATION_PENDING_OPEN,
	STATION_PENDING_STEP,
	STATION_PENDING_COMPLETE,
	STATION_PENDING_CHANGE_PIN,
	STATION_PENDING_DEFECTS,
	STATION_PENDING_VIEW,      /* the inspector's or the lead's; the view knows which */
	STATION_PENDING_SETUP,     /* a SetupLoad or SetupQuery (setup.h knows which) */
	STATION_PENDING_ALARM,     /* an AndonCall or the station's AlarmQuery (alarm_call.h) */
	STATION_PENDING_GAUGE,     /* a GaugeCheck of the gauge scanned for a step (gate.h) */
};

#define STATION_MAX_LINES 8    /* lines kept while the server is busy */
#define STATION_MSG 512
#define STATION_MIN_ROWS 24    /* the smallest window the screens are made for */
#define STATION_MIN_COLS 80
#define STATION_DEFECT_CODE 65     /* bytes of a defect code, NUL included (the server's limit) */
#define STATION_DEFECT_LOCATION 41 /* bytes of a defect location, NUL included (the server's limit) */
#define STATION_ENTRY 48       /* a measured value as typed, with its unit */

/*
 * A request ready for client_submit, with storage for its body. Strings
 * point into this struct, so it must stay put until submitted.
 */
struct station_request {
	Yoke__Request rq;
	Yoke__Hello hello;
	Yoke__BadgeIn badge_in;
	Yoke__BadgeOut badge_out;
	Yoke__QueueQuery queue;
	Yoke__OpenUnit open_unit;
	Yoke__StepRecord step;
	Yoke__InspectionResult inspection;
	Yoke__Signature signature;
	Yoke__CompleteOperation complete;
	Yoke__ChangePin change_pin;
	Yoke__DefectsQuery defects;
	Yoke__Defect defect;
	char station[64];
	char serial[128];
	char text[INPUT_MAX + 1];
	char badge[128];
	char pin[INPUT_MAX + 1];
	char pin2[INPUT_MAX + 1];
	char defect_code[STATION_DEFECT_CODE];
	char defect_location[STATION_DEFECT_LOCATION];
	char defect_note[INPUT_MAX + 1];

	/* The inspector's and the lead's requests (inspector.c, lead.c). */
	Yoke__WorklistQuery worklist;
	Yoke__NcrQuery ncrs;
	Yoke__TraceQuery trace;
	Yoke__NcrDisposition disposition;
	Yoke__NcrClose close_ncr;
	Yoke__HoldsQuery holds;
	Yoke__HoldPlace hold;
	Yoke__HoldRelease release_hold;
	Yoke__MoveUnit move_unit;
	Yoke__NcrRaise raise_ncr;
	Yoke__CapaQuery capas;
	Yoke__LotReceive receive;  /* the RECEIVING view's (receiving.c) */
	/* The material setup's (setup.c). */
	Yoke__SetupLoad setup_load;
	Yoke__SetupQuery setup_query;
	Yoke__Signature signatures[SIGNING_MAX];
	Yoke__Signature *signature_list[SIGNING_MAX];
	char sign_badge[SIGNING_MAX][SIGNING_BADGE];
	char sign_pin[SIGNING_MAX][INPUT_MAX + 1];
	char *targets[1];
	char number[NCR_NUMBER];
	char note[INPUT_MAX + 1];
	char remove[INPUT_MAX + 1];
	char fit[INPUT_MAX + 1];
	char target[INPUT_MAX + 1];
	/* Alarms (alarm_call.h, alarm_board.h). */
	Yoke__AndonCall andon;
	Yoke__AlarmQuery alarm_query;
	Yoke__AlarmAck alarm_ack;
	Yoke__AlarmResolve alarm_resolve;
	char alarm_number[32];
	char alarm_text[ALARM_BOARD_TEXT];
	char alarm_action[ALARM_BOARD_TEXT];
	/* The lead's line monitor (line_board.h). */
	Yoke__LineStatusQuery line_status;
	Yoke__WorkOrderPriority wo_priority;
	/* The pre-start gate's (gate.c). */
	Yoke__GaugeCheck gauge_check;
	char gauge[INPUT_MAX + 1];
	char gauge_kind[64];
};

struct station_view {
	char station[64];          /* station id, as given with --station */
	enum station_mode mode;
	bool online;               /* the server answered recently */
	bool answered;             /* the server has answered at least once */
	bool offline_shown;        /* the offline message was given for this outage */

	/* Session, from BadgeInReply. */
	char session[128];
	char badge[128];
	char operator_name[128];
	Yoke__Role role;
	char station_kind[64];
	char station_name[128];

	/* Queue snapshot (Clone pattern): entries in priority order. */
	Yoke__QueueReply *queue;   /* owned deep copy, or NULL */
	uint64_t queue_seq, queue_epoch;
	char topic[96];            /* "station/<kind>", "" before badge-in */
	bool subscribe;            /* the loop should subscribe to topic (and the role's) */

	/* Open unit, as the last UnitView said. */
	Yoke__UnitView *unit;      /* owned deep copy, or NULL */
	char complete_msg[STATION_MSG];

	/* The question being asked (see above) and what was answered so far.
	 * Secrets are wiped as soon as they are sent or dropped. */
	enum station_ask ask;
	bool sign_pass;            /* the verdict being signed */
	char ask_badge[128];
	char pin_old[INPUT_MAX + 1];     /* @PIN: the PIN typed so far */
	char pin_new[INPUT_MAX + 1];
	bool replaced;             /* the server said another terminal took this one's place */

	/* Defect codes of the plant (DefectsQuery), and the failure being
	 * described (see above). */
	Yoke__DefectsReply *defects;   /* owned deep copy, or NULL */
	bool defects_known;        /* the server answered the query: defects is the list */
	bool want_defects;         /* ask for the list when the client is free */
	enum station_failing failing;
	enum station_failing sent;     /* the failing entry the step request in flight was, if any */
	int defect_pick;           /* the highlighted code in the list, -1 none */
	double fail_value;         /* STATION_FAILING_VALUE: the value to send again */
	bool have_defect;          /* the request being built carries the defect below */
	char defect_code[STATION_DEFECT_CODE];
	char defect_location[STATION_DEFECT_LOCATION];
	char defect_note[INPUT_MAX + 1];

	/* The last measured value as typed, with its unit ("3,30 V"): the
	 * screen says the entry as it was read. */
	char entry[STATION_ENTRY];
	double entry_value;

	/* Status line: the last result or error. */
	char message[STATION_MSG];
	enum station_tone tone;
	bool message_offline;      /* the message is the offline one */
	int bell;                  /* beeps owed; the loop rings and clears */

	/* Work the loop should turn into requests when the client is free. */
	enum station_pending pending;
	bool want_hello, want_queue, want_open, want_complete;
	char lines[STATION_MAX_LINES][INPUT_MAX + 1];
	int nlines;

	/* The views of inspectors and leads (inspector.h, lead.h). */
	struct inspector_state insp;
	struct lead_state lead;
	struct receiving_state recv;
	struct setup_state setup;  /* the station's material setup (setup.h) */
	struct alarm_station alarm;    /* the andon call, the station's alarms (alarm_call.h) */
	struct alarm_board board;  /* the lead's alarms (alarm_board.h) */
	struct line_board line;    /* the lead's line monitor (line_board.h) */
	struct gate_state gate;    /* the gauge scanned for the current step (gate.h) */
	int64_t clock;             /* the time as station_tick last gave it */

	/* Language (see above): "en" or "zh_CN". */
	char language[8];          /* what the screen speaks now */
	char start_language[8];    /* before anyone badges in */

	bool confirm_quit;         /* "Quit yoke? y/n" shown */
	bool help;                 /* the help screen is shown */
	int help_page;             /* its page shown (from 0) */
	bool esc;                  /* an Esc waits for its key (keys.h): the help line says what */
	bool small;                /* the window is too small: no input is taken */
	int rows, cols;            /* the window's size, as last told */
	unsigned not_taken;        /* scans dropped while the window was too small */
	bool dirty;                /* something changed: redraw */
};

/* One entry of the help line: a key or scan command (never translated)
 * and what it does here (translated; key may be ""). */
struct station_hint {
	const char *key;
	const char *what;
};
#define STATION_MAX_HINTS 10

/* Starts the model; the start language is the one the thread speaks now. */
void station_init(struct station_view *sv, const char *station);
void station_free(struct station_view *sv);

void station_request_init(struct station_request *r);

/*
 * The next request to send, if any: first what the model needs to catch up
 * (Hello, completing an operation, reopening the unit, the queue), then the
 * lines kept while the server was busy. Call only when the client is not
 * busy. Returns true and fills r when there is one, and marks it pending.
 */
bool station_next_request(struct station_view *sv, struct station_request *r);

/*
 * One line of input (already cleaned by input_finish). When `busy`, the
 * line is kept for later ("waiting for server…"). Otherwise it is
 * interpreted now: returns true when r holds a request to send. Local
 * refusals (offline, not a number, unknown command) set the message and
 * the bell and return false.
 */
bool station_on_line(struct station_view *sv, const char *line, bool busy,
    struct station_request *r);
/* A line that input_finish refused: shown in red with the bell. */
void station_on_bad_line(struct station_view *sv, const char *why);
/*
 * A function key other than F1 and F10 (which the loop keeps): F2 is
 * @PASS and F9 @FAIL, taken as if the word was scanned; the others do
 * nothing. Returns true when r holds a request to send, as station_on_line.
 */
bool station_on_function(struct station_view *sv, unsigned fn, bool busy, struct station_request *r);
/* How many defect codes the plant has, as far as this terminal knows (0
 * when it could not read the list). */
size_t station_defect_count(const struct station_view *sv);
/* The plant's defect codes as this terminal read them, NULL when it has
 * none to offer (none defined, or the list could not be read). */
const Yoke__DefectsReply *station_defect_list(const struct station_view *sv);
/* Up (-1) or down (+1): moves the highlight in the list of defect codes,
 * or of the view's list. */
void station_on_arrow(struct station_view *sv, int delta);
/* Page Up (-1) or Page Down (+1): the view's list a page at a time. */
void station_on_page(struct station_view *sv, int delta);
/* The clock, every pass of the loop: the views read their lists again on
 * a timer (tests give their own time). */
void station_tick(struct station_view *sv, int64_t now);
/* Esc and then Enter: drops the question being asked, as @BACK. */
void station_on_cancel(struct station_view *sv);
/* Opens (F1, @HELP) or closes (any key or scan) the help screen. */
void station_show_help(struct station_view *sv, bool on);
/* The help this view shows (help_draw.h). */
enum help_view station_help_view(const struct station_view *sv);
/* Turns the help's page by delta (PgDn +1, PgUp -1): true when it has
 * more than one page (the key is taken), false when the key closes it. */
bool station_help_turn(struct station_view *sv, int delta);
/* How many pages the help shown takes at the window's size. */
int station_help_pages(const struct station_view *sv);
/*
 * The window's size, given at start and after each resize. Returns true
 * when it is large enough to take input. Coming back from too small, the
 * status says how many scans were not taken meanwhile.
 */
bool station_window(struct station_view *sv, int rows, int cols);
/* A scan (or a partly typed line) that arrived while the window was too
 * small and was dropped. */
void station_not_taken(struct station_view *sv);
/*
 * What the help line offers on the current screen, most specific first;
 * the last two are always F1 (help) and F10 (quit) unless the screen takes
 * neither. Returns the number of hints.
 */
size_t station_hints(const struct station_view *sv, struct station_hint *h, size_t max);

/* The reply to the request in flight (not taken over; the caller frees it). */
void station_on_reply(struct station_view *sv, const Yoke__Reply *rp);
/* A notice from the PUB socket (not taken over). */
void station_on_notice(struct station_view *sv, const Yoke__Notice *n);
/*
 * The client's view of the connection (client_online), given every pass:
 * offline refuses input; coming back refreshes the unit or the queue from
 * the server. The model counts as online only once the server answered.
 */
void station_set_online(struct station_view *sv, bool reachable);

/*
 * What to scan or enter at the current step, e.g. "Scan IC-555 (1 of 2)"
 * or "Enter solder_temp in C  (235 – 250, target 245)".
 */
void station_prompt(const struct station_view *sv, char *buf, size_t size);
/* One-line summary of a step for the step list. */
void station_step_summary(const Yoke__StepView *st, char *buf, size_t size);
/* The prompt of the question being asked, if one is: true and buf filled. */
bool station_ask_prompt(const struct station_view *sv, char *buf, size_t size);
/* True when the line being typed is a secret (shown as stars). */
bool station_masked(const struct station_view *sv);
/* The server said a newer connection with this terminal's certificate took
 * over: the model says so and asks for nothing more. */
void station_set_replaced(struct station_view *sv, const char *why);
/* True when the open unit is held (failed or on hold) and cannot be worked. */
bool station_unit_held(const struct station_view *sv);
const char *station_role_name(Yoke__Role role);

/*
 * Draws the whole model through screen.h (station_draw.c) with `typed`, the
 * line being typed, on the input line. Never changes the model.
 */
void station_draw(const struct station_view *sv, const char *typed);
/* The plant's defect codes to pick one from, under a title on row top, in
 * rows [top, bottom): number, code, text; `pick` (or -1) marked and kept
 * in view (station_draw.c; the views use it too). */
void station_draw_defects(const Yoke__DefectsReply *d, int pick, const char *title, int top,
    int bottom, int cols);
const char *station_unit_status_name(Yoke__UnitStatus s);

#endif
