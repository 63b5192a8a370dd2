/* offload.c — see offload.h. One thread, one queue in, one queue out. */
#include "server/offload.h"
#include "shared/log.h"
#include "shared/util.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct offload {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	struct offload_job *queue, *done;    /* FIFO lists: waiting, finished */
	struct offload_job *running;
	int waiting;                         /* in queue, running or done */
	bool stop;
	int pipe_rd, pipe_wr;
};

static void
push(struct offload_job **list, struct offload_job *j)
{
	j->next = NULL;
	while (*list)
		list = &(*list)->next;
	*list = j;
}

static void
work(struct offload_job *j)
{
	for (int i = 0; i < j->ntasks; i++) {
		struct offload_task *t = &j->tasks[i];
		if (t->kind == OFFLOAD_VERIFY)
			t->ok = pin_verify(t->hash, t->pin);
		else
			t->ok = pin_hash(t->pin, t->hash);
	}
}

/* True when every task of j is a check that `done` just made: the same
 * badge, PIN and stored hash. */
static bool
answered_by(const struct offload_job *j, const struct offload_job *done)
{
	for (int i = 0; i < j->ntasks; i++) {
		const struct offload_task *t = &j->tasks[i];
		bool found = false;
		if (t->kind != OFFLOAD_VERIFY)
			return false;
		for (int k = 0; k < done->ntasks && !found; k++) {
			const struct offload_task *d = &done->tasks[k];
			found = d->kind == OFFLOAD_VERIFY && strcmp(d->badge, t->badge) == 0 &&
			    strcmp(d->pin, t->pin) == 0 && strcmp(d->hash, t->hash) == 0;
		}
		if (!found)
			return false;
	}
	return true;
}

/* Waiting jobs that ask what `done` answered take its answers: at the start
 * of a shift a whole line may ask the same inspector's PIN at once, and
 * argon2 runs once, not once per station. Called with the mutex held. */
static void
share(struct offload *o, const struct offload_job *done)
{
	struct offload_job **p = &o->queue;
	while (*p) {
		struct offload_job *j = *p;
		if (!answered_by(j, done)) {
			p = &j->next;
			continue;
		}
		for (int i = 0; i < j->ntasks; i++)
			for (int k = 0; k < done->ntasks; k++)
				if (strcmp(done->tasks[k].badge, j->tasks[i].badge) == 0 &&
				    strcmp(done->tasks[k].pin, j->tasks[i].pin) == 0 &&
				    strcmp(done->tasks[k].hash, j->tasks[i].hash) == 0)
					j->tasks[i].ok = done->tasks[k].ok;
		*p = j->next;
		push(&o->done, j);
	}
}

static void *
run(void *arg)
{
	struct offload *o = arg;
	pthread_mutex_lock(&o->mu);
	for (;;) {
		struct offload_job *j;
		while (!o->stop && o->queue == NULL)
			pthread_cond_wait(&o->cv, &o->mu);
		if (o->stop)
			break;
		j = o->queue;
		o->queue = j->next;
		o->running = j;
		pthread_mutex_unlock(&o->mu);
		work(j);
		pthread_mutex_lock(&o->mu);
		o->running = NULL;
		push(&o->done, j);
		share(o, j);
		if (write(o->pipe_wr, "", 1) < 0) {
			/* The pipe is full: the loop has bytes to read already. */
		}
	}
	pthread_mutex_unlock(&o->mu);
	return NULL;
}

struct offload *
offload_new(void)
{
	struct offload *o = xcalloc(1, sizeof *o);
	int fds[2];
	if (pipe(fds) != 0)
		log_fatal("offload: pipe failed");
	o->pipe_rd = fds[0];
	o->pipe_wr = fds[1];
	fcntl(o->pipe_rd, F_SETFL, O_NONBLOCK);
	fcntl(o->pipe_wr, F_SETFL, O_NONBLOCK);
	pthread_mutex_init(&o->mu, NULL);
	pthread_cond_init(&o->cv, NULL);
	if (pthread_create(&o->thread, NULL, run, o) != 0)
		log_fatal("offload: cannot start the thread");
	return o;
}

void
offload_job_free(struct offload_job *j)
{
	if (j == NULL)
		return;
	pin_wipe(j->tasks, sizeof j->tasks);
	if (j->bytes) {
		pin_wipe(j->bytes, j->len);
		free(j->bytes);
	}
	free(j);
}

static void
free_list(struct offload_job *j)
{
	while (j) {
		struct offload_job *next = j->next;
		offload_job_free(j);
		j = next;
	}
}

void
offload_free(struct offload *o)
{
	if (o == NULL)
		return;
	pthread_mutex_lock(&o->mu);
	o->stop = true;
	pthread_cond_signal(&o->cv);
	pthread_mutex_unlock(&o->mu);
	pthread_join(o->thread, NULL);
	free_list(o->queue);
	free_list(o->done);
	close(o->pipe_rd);
	close(o->pipe_wr);
	pthread_cond_destroy(&o->cv);
	pthread_mutex_destroy(&o->mu);
	free(o);
}

int
offload_fd(const struct offload *o)
{
	return o->pipe_rd;
}

static struct offload_job *
find(struct offload_job *list, const char *terminal, uint64_t no)
{
	for (; list; list = list->next)
		if (list->request_no == no && strcmp(list->terminal, terminal) == 0)
			return list;
	return NULL;
}

/* Removes a waiting job of this terminal with another number (the client
 * has moved on: that request will never be answered anyway). */
static void
drop_older(struct offload *o, const struct offload_job *job)
{
	for (struct offload_job **p = &o->queue; *p; p = &(*p)->next)
		if (strcmp((*p)->terminal, job->terminal) == 0 && (*p)->request_no != job->request_no) {
			struct offload_job *old = *p;
			*p = old->next;
			offload_job_free(old);
			o->waiting--;
			return;
		}
}

bool
offload_submit(struct offload *o, struct offload_job *job)
{
	struct offload_job *same;
	pthread_mutex_lock(&o->mu);
	same = find(o->queue, job->terminal, job->request_no);
	if (same == NULL)
		same = find(o->done, job->terminal, job->request_no);
	if (same == NULL && o->running && o->running->request_no == job->request_no &&
	    strcmp(o->running->terminal, job->terminal) == 0)
		same = o->running;   /* the thread touches only its tasks, never the peer */
	if (same) {
		/* A retry while the first is being prepared: answer where it came from. */
		same->peer = job->peer;
		pthread_mutex_unlock(&o->mu);
		offload_job_free(job);
		return true;
	}
	/* One waiting job per terminal: a terminal has one request in flight. */
	drop_older(o, job);
	if (o->waiting >= OFFLOAD_JOBS_MAX) {
		pthread_mutex_unlock(&o->mu);
		return false;
	}
	o->waiting++;
	push(&o->queue, job);
	pthread_cond_signal(&o->cv);
	pthread_mutex_unlock(&o->mu);
	return true;
}

struct offload_job *
offload_take(struct offload *o)
{
	struct offload_job *j;
	char buf[64];
	while (read(o->pipe_rd, buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&o->mu);
	j = o->done;
	if (j) {
		o->done = j->next;
		o->waiting--;
	}
	pthread_mutex_unlock(&o->mu);
	return j;
}

int
offload_waiting(struct offload *o)
{
	int n;
	pthread_mutex_lock(&o->mu);
	n = o->waiting;
	pthread_mutex_unlock(&o->mu);
	return n;
}
