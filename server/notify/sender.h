/*
 * sender.h — the thread that talks to the outside world (libcurl), so that
 * a slow or dead mail server or webhook never holds up the loop that
 * answers the stations.
 *
 *   loop (notifier.c): due messages, read in its write transaction
 *        -> sender_submit (a copy of each, with what the definitions add:
 *           the mail server, a robot's secret)
 *   thread: one message at a time, every curl call with a connect and a
 *           total timeout -> its answer on the done list
 *   loop: sender_take -> outbox_done in its next write transaction
 *
 * The thread never touches the store: LMDB's map may grow only while no
 * transaction is open in the process, and a read transaction held across
 * a slow send would stop that (and pin old pages). Everything it needs
 * comes in the job.
 */
#ifndef YOKE_SENDER_H
#define YOKE_SENDER_H

#include <stdbool.h>
#include <stdint.h>

#define SENDER_JOBS_MAX 32           /* handed over and not answered yet */
#define SENDER_CONNECT_TIMEOUT_MS 5000
#define SENDER_TIMEOUT_MS 15000      /* the whole exchange with one receiver */

struct send_job {
	struct send_job *next;
	uint64_t id;                     /* the outbox message */
	char *key, *channel, *to, *subject, *body;
	char *secret;                    /* dingtalk, feishu: "" none */
	char *smtp_url, *smtp_from;      /* e-mail */
	char *smtp_user, *smtp_password; /* "" no login */
	char *smtp_ca;                   /* a CA file to check the server with; "" the system's */
	bool smtp_starttls;
	/* The answer: */
	bool delivered;
	char error[300];
};

struct sender;

struct sender *sender_new(void);
/* Stops the thread after the message it is sending (at most one timeout). */
void sender_free(struct sender *s);
/* Takes the job over. False when SENDER_JOBS_MAX are out (the job is freed). */
bool sender_submit(struct sender *s, struct send_job *j);
/* A job with its answer, or NULL. Free it with send_job_free. */
struct send_job *sender_take(struct sender *s);
/* True when answers wait to be taken (one atomic read: the loop asks this
 * at every turn). */
bool sender_has_answers(struct sender *s);
void send_job_free(struct send_job *j);
/* Sends one message now, in the calling thread (the thread's work; the
 * unit tests use it against nothing to check the refusals). */
void send_job_run(struct send_job *j);

#endif
