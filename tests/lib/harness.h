/*
 * harness.h — what the integration tests and the benchmark need to talk to
 * a real yoked: start one on a fresh data directory and a free loopback
 * port, stop it (SIGTERM) or kill it (SIGKILL), start it again on the same
 * directory and port, and remove everything at the end; read a plant's
 * definition files and load them; one small builder per request, each
 * returning the Reply from client_call; and a raw DEALER for bytes that no
 * well-behaved client would send.
 *
 * Cleanup: every server started here is remembered. harness_yoked_free()
 * stops it and removes its directory; whatever a failed test leaves behind
 * is killed and removed at exit (atexit, SIGINT, SIGTERM), and a yoked whose
 * test process dies is killed by the kernel (PR_SET_PDEATHSIG).
 *
 * Security as in production: every server starts with CURVE (a key pair
 * made here, in its directory) unless started with "--plain"; every client
 * and raw socket is enrolled first (an allowlist file, as `yokectl keys
 * enrol` writes it) and connects with its own certificate. A client named
 * "engineer@..." or "harness-..." is enrolled without stations (a yokectl
 * installation) and, when the server was started with a plant, signed in
 * as its first engineer (or admin); any other client is enrolled for every
 * station ("*"). Loading a plant signs
 * in its first admin (who has no PIN yet) and gives every admin, engineer,
 * lead and inspector the PIN HARNESS_PIN.
 *
 * Replies are owned by the caller: free them with client_reply_free().
 * Every call helper waits HARNESS_TRIES tries of HARNESS_TIMEOUT_MS and
 * returns NULL when the server stayed silent.
 */
#ifndef YOKE_HARNESS_H
#define YOKE_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proto/client.h"
#include "proto/defs.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "shared/cert.h"

#define HARNESS_TIMEOUT_MS 2000
#define HARNESS_TRIES 4
#define HARNESS_EXTRA_MAX 8
#define HARNESS_PIN "2468"

struct plant;

/* ---- the server ---- */

struct yoked {
	char root[256];          /* mkdtemp directory: data/ and yoked.log inside */
	char data[300];          /* the LMDB directory */
	char log[300];           /* yoked's stderr, appended across restarts */
	char endpoint[64];       /* tcp://127.0.0.1:PORT */
	char keys[300];          /* the key directory ("" in plain mode) */
	bool plain;              /* started with --plain */
	const struct plant *plant;   /* loaded by harness_start_loaded*, or NULL */
	int port;
	pid_t pid;               /* 0 when not running */
	int starts;
	char *extra[HARNESS_EXTRA_MAX + 1];   /* more yoked arguments, NULL-terminated */
};

/* Starts yoked on a fresh directory and a free port and waits until it
 * answers Hello. NULL (with the reason on stderr) when it would not start. */
struct yoked *harness_yoked_start(void);
/* The same with more yoked arguments (NULL-terminated, at most
 * HARNESS_EXTRA_MAX), e.g. { "--map-mib", "1", NULL }; they are copied and
 * given again at every restart. */
struct yoked *harness_yoked_start_args(const char *const *extra);
/* Starts it again on the same directory and port; waits for Hello. */
bool harness_yoked_restart(struct yoked *y);
/* SIGTERM and wait: returns yoked's exit status (0 is a clean stop), or -1
 * when it had to be killed or died of a signal. */
int harness_yoked_stop(struct yoked *y);
/* SIGKILL and reap: a crash. */
void harness_yoked_kill(struct yoked *y);
/* Stops it if running and removes its directory. NULL is fine. */
void harness_yoked_free(struct yoked *y);
/* yoked's log so far (malloc'd, NUL-terminated; "" when none). */
char *harness_yoked_log(const struct yoked *y);
/* Parses the last "N requests in M batches, K commits" line of the log.
 * False when there is none. */
bool harness_yoked_counters(const struct yoked *y, uint64_t *requests, uint64_t *batches,
    uint64_t *commits);
/* Waits up to timeout_ms for yoked to exit by itself: its exit status, -1
 * when it died of a signal, -2 when it is still running (left running). */
int harness_yoked_wait(struct yoked *y, int timeout_ms);
/* True when the process is still alive (reaps it when it is not). */
bool harness_yoked_alive(struct yoked *y);
/* The path of the yoked binary: $YOKE_BIN/yoked, default bin/yoked. */
const char *harness_yoked_path(void);
/* For a test that reads words in another language (i18n.h): the message
 * catalogues of the binaries under test, $YOKE_BIN/../share/locale (where
 * yoked finds its own), unless $YOKE_LOCALEDIR names others; without
 * YOKE_BIN, i18n.c's own search beside the test program. Then i18n_init. */
void harness_i18n_init(void);

/* ---- clients ---- */

/* A client to y with test timeouts and no idle pings, enrolled as above. */
struct client *harness_client(const struct yoked *y, const char *terminal);
/* The same enrolled for these stations ("" none, "*" all, "A B" a list). */
struct client *harness_client_at(const struct yoked *y, const char *terminal, const char *stations);
/* The same with client options of the caller's (opt->cert is set here). */
struct client *harness_client_opt(const struct yoked *y, const char *terminal, const char *stations,
    const struct client_options *opt);
/*
 * Writes the allowlist entry of a terminal and its certificate (kept in the
 * key directory's devices/ and reused when the same id is enrolled again)
 * into *out. False (reason on stderr) in plain mode or on a write error.
 */
bool harness_enrol(const struct yoked *y, const char *terminal, const char *stations,
    struct cert *out);
/* Removes the terminal from the allowlist as `yokectl keys revoke` does. */
bool harness_revoke(const struct yoked *y, const char *terminal);

Yoke__Reply *harness_hello(struct client *c);
/* On OK the client takes the session. */
Yoke__Reply *harness_badge_in(struct client *c, const char *station, const char *badge);
/* The same with a PIN (NULL: none). */
Yoke__Reply *harness_badge_in_pin(struct client *c, const char *station, const char *badge,
    const char *pin);
/* A desk sign-in (station "") with HARNESS_PIN; false (reason on stderr) unless OK. */
bool harness_sign_in(struct client *c, const char *badge);
/* A new client "engineer@<tag>" signed in as the plant's first engineer (or
 * admin); NULL with the reason on stderr. */
struct client *harness_engineer(const struct yoked *y, const struct plant *p, const char *tag);
/*
 * Loads n more operators, badges first, first+1, ..., role operator,
 * qualified as given (e.g. WIDGET/ and a star), named "Worker <badge>": for tests where
 * many terminals need people of their own (a badge is at one station at a
 * time). False (reason on stderr) unless loaded.
 */
bool harness_add_operators(const struct yoked *y, const struct plant *p, unsigned first, unsigned n,
    const char *qualified);
/* A release by the plant's engineer from a client of its own. */
Yoke__Reply *harness_release_eng(const struct yoked *y, const struct plant *p, const char *work_order,
    const char *product, uint32_t quantity, const char *due, uint32_t priority, const char *rev);
Yoke__Reply *harness_set_pin(struct client *c, const char *badge, const char *pin);
Yoke__Reply *harness_change_pin(struct client *c, const char *badge, const char *old_pin,
    const char *new_pin);
Yoke__Reply *harness_badge_out(struct client *c);
Yoke__Reply *harness_open_unit(struct client *c, const char *serial);
Yoke__Reply *harness_step_confirm(struct client *c, const char *serial, uint32_t step);
Yoke__Reply *harness_step_scan(struct client *c, const char *serial, uint32_t step,
    const char *scan);
Yoke__Reply *harness_step_value(struct client *c, const char *serial, uint32_t step, double value);
Yoke__Reply *harness_step_pass(struct client *c, const char *serial, uint32_t step, bool pass);
/* Signed with inspector_badge and HARNESS_PIN when the badge is not empty. */
Yoke__Reply *harness_step_inspection(struct client *c, const char *serial, uint32_t step,
    bool pass, const char *inspector_badge, const char *note);
/* Signed with this badge and PIN (either may be NULL: not sent). */
Yoke__Reply *harness_step_signed(struct client *c, const char *serial, uint32_t step, bool pass,
    const char *badge, const char *pin, const char *note);
Yoke__Reply *harness_complete(struct client *c, const char *serial);
/* priority 0 means 5; rev NULL or "" means the newest released. */
Yoke__Reply *harness_release(struct client *c, const char *work_order, const char *product,
    uint32_t quantity, const char *due, uint32_t priority, const char *rev);
Yoke__Reply *harness_trace(struct client *c, const char *serial);
Yoke__Reply *harness_queue(struct client *c, const char *station);
Yoke__Reply *harness_units(struct client *c, const char *work_order);
/* One LoadDefinitions with the given files. */
Yoke__Reply *harness_load_files(struct client *c, const char *const *names,
    const char *const *texts, size_t n, bool dry_run);
/* Any request, with `tries` (0: forever). */
Yoke__Reply *harness_call(struct client *c, Yoke__Request *rq, int tries);

/* ---- plants: definition files on disk ---- */

struct plant {
	char dir[256];
	size_t n;
	char **names;            /* file names as sent ("plant.def") */
	char **texts;
	Yoke__Definitions *defs; /* parsed with the server's own parser */
};

/* Reads every *.def file of dir (sorted by name) and parses them. NULL with
 * the reason on stderr when a file cannot be read or does not parse. */
struct plant *harness_plant_read(const char *dir);
void harness_plant_free(struct plant *p);
/* The demo plant: $YOKE_PLANT or assets/plant. */
const char *harness_demo_plant_dir(void);
Yoke__Reply *harness_plant_load(struct client *c, const struct plant *p);
const Yoke__Part *harness_plant_part(const struct plant *p, const char *number);
const Yoke__Routing *harness_plant_routing(const struct plant *p, const char *product);
/* A product with a released routing (the first one defined). */
const Yoke__Routing *harness_plant_some_routing(const struct plant *p);
/* The first station of that kind, or NULL. */
const Yoke__Station *harness_plant_station(const struct plant *p, const char *kind);
/* The first operator with that role who is qualified for product/op
 * (op 0 and product NULL: any role holder). NULL when there is none. */
const Yoke__Operator *harness_plant_operator(const struct plant *p, Yoke__Role role,
    const char *product, uint32_t op);
/* An operator (ROLE_OPERATOR) NOT qualified for product/op, or NULL. */
const Yoke__Operator *harness_plant_unqualified(const struct plant *p, const char *product,
    uint32_t op);

/* The fixture plant of the integration tests (tests/data/plant-small). */
#define HARNESS_SMALL_PLANT "tests/data/plant-small"

/* Starts a yoked and loads the plant of dir into it (read into *p). NULL,
 * with the reason on stderr, when either fails. */
struct yoked *harness_start_loaded(const char *dir, struct plant **p);
/* The same with more yoked arguments, as harness_yoked_start_args. */
struct yoked *harness_start_loaded_args(const char *dir, struct plant **p,
    const char *const *extra);

/* ---- doing the work right ---- */

/*
 * Sends the right entry for the unit's current step (v->current_step):
 * confirm; a scan of the step's part, "PART/<id>" when the part is lot- or
 * serial-tracked (id must be unique per scan for serial-tracked parts) and
 * "PART" when it is not; the target value (or the middle of the limits);
 * pass; a passed inspection signed by `inspector` when it needs one.
 */
Yoke__Reply *harness_step_right(struct client *c, const struct plant *p, const Yoke__UnitView *v,
    const char *inspector, const char *id);

struct op_tally {
	unsigned steps;          /* step writes acknowledged OK (= events they made) */
	unsigned scans;
	unsigned measures;
	unsigned inspections;
};

/*
 * Opens the unit at the client's station, does every due step right and
 * completes the operation. Returns the last reply (the complete's on
 * success; the first reply that was not OK otherwise; NULL on silence).
 * id_prefix makes component IDs unique: "<id_prefix>-<n>".
 */
Yoke__Reply *harness_do_operation(struct client *c, const struct plant *p, const char *serial,
    const char *inspector, const char *id_prefix, struct op_tally *tally);

/* Events of a kind in a trace. */
size_t harness_count_events(const Yoke__TraceReply *t, Yoke__EventKind kind);

/* ---- notices ---- */

/* The next notice the client's SUB socket has within timeout_ms (free it
 * with yoke__notice__free_unpacked), or NULL. The client must have nothing
 * in flight: client_call drops notices while it waits for its reply. */
Yoke__Notice *harness_notice_wait(struct client *c, int timeout_ms);

/* ---- raw sockets, for malformed input ---- */

struct raw;
/* A DEALER of its own connected to y, with a monitor for disconnects; in
 * CURVE mode enrolled as terminal "raw-<n>@harness" for every station. */
struct raw *harness_raw_new(const struct yoked *y);
/* The same with a given terminal id (enrolled for every station). */
struct raw *harness_raw_new_as(const struct yoked *y, const char *terminal);
/* A raw socket that is not enrolled: with a fresh key pair of its own
 * (its public key into key, CERT_KEY_LEN + 1 bytes), or with no CURVE at
 * all when key is NULL. */
struct raw *harness_raw_stranger(const struct yoked *y, char *key);
/* An enrolled raw socket that holds at most one reply and a small kernel
 * buffer: what a peer that never reads its replies looks like to yoked. */
struct raw *harness_raw_deaf(const struct yoked *y, const char *terminal);
/* The terminal id the raw socket authenticates as ("" in plain mode). */
const char *harness_raw_terminal(const struct raw *r);
void harness_raw_free(struct raw *r);
/* Sends one message of n frames. False when ZeroMQ refused it. */
bool harness_raw_send(struct raw *r, const void *const *frames, const size_t *lens, int n);
bool harness_raw_send1(struct raw *r, const void *buf, size_t len);
/* The last frame of the next message within timeout_ms (malloc'd), or NULL. */
uint8_t *harness_raw_recv(struct raw *r, int timeout_ms, size_t *len);
/* Sends buf and unpacks the next reply (NULL on silence or garbage). */
Yoke__Reply *harness_raw_call(struct raw *r, const void *buf, size_t len, int timeout_ms);
/* True when the server closed this peer's connection within timeout_ms. */
bool harness_raw_wait_disconnect(struct raw *r, int timeout_ms);
/* Packs rq as it is (nothing stamped); malloc'd. */
uint8_t *harness_pack(const Yoke__Request *rq, size_t *len);

/* A request envelope: version 1, terminal, request_no, session (may be NULL). */
void harness_envelope(Yoke__Request *rq, const char *terminal, uint64_t request_no,
    const char *session);

/* Milliseconds to sleep. */
void harness_sleep_ms(int ms);

#endif
