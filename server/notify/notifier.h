/*
 * notifier.h — escalation and delivery in yoked's one loop (loop.c calls
 * notifier_tick at every turn, at least every 250 ms).
 *
 * A turn costs two compares and one atomic read when nothing is due: the
 * earliest escalation due time and the earliest next try of an undelivered
 * message are kept here in memory (lowered by escalation_start and
 * outbox_put as they write, read back from the escalation and outbox_due
 * tables after each run), and the sender's "answers waiting" flag. Only
 * when one of them says so does the turn open a write transaction of its
 * own: it writes the sender's answers (outbox_done), tells the alarms
 * whose level is due (escalation_run), hands the messages due to the
 * sender thread (sender.h), commits, then publishes the popups.
 *
 * The clock. Escalation and back-off run on now_us(), plus an offset in
 * seconds read from the file given with --test-clock (yoked.c; refused
 * unless yoked listens on loopback only): a test moves the plant's clock
 * ten minutes on by writing "600" to the file instead of waiting. Times
 * stored by requests (when an alarm was raised) stay real.
 */
#ifndef YOKE_NOTIFIER_H
#define YOKE_NOTIFIER_H

#include "server/server.h"

enum notifier_list { NOTIFIER_ESCALATION, NOTIFIER_OUTBOX };

struct notifier;

/* test_clock: a file holding an offset in seconds, or NULL. */
struct notifier *notifier_new(const char *test_clock);
void notifier_free(struct notifier *n);
/* The SMTP password (for the smtp statement's user=) and a CA file to
 * check the mail server's certificate with ("" the system's): yoked's
 * own, from its command line, never in the definitions or the store. */
void notifier_set_smtp(struct notifier *n, const char *password, const char *ca);
/* The loop's turn (see above). */
void notifier_tick(struct server *srv);
/* Something falls due at `when` (us): look at the next turn after it.
 * Harmless when the transaction that wrote it is aborted. No-op without a
 * notifier (tests that build a server of their own). */
void notifier_soon(struct server *srv, enum notifier_list which, int64_t when);
/* The clock the ladder runs on, given the request's real time. */
int64_t notifier_now(const struct server *srv, int64_t real_us);

#endif
