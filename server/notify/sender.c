/* sender.c — see sender.h. One thread, one list in, one list out. */
#include "server/notify/sender.h"
#include "server/notify/message.h"
#include "shared/log.h"
#include "shared/util.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLY_MAX 4096        /* what is kept of a receiver's answer */

struct sender {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	struct send_job *queue, *done;
	int out;                  /* submitted and not taken back */
	atomic_bool answers;
	bool stop;
};

void
send_job_free(struct send_job *j)
{
	if (j == NULL)
		return;
	free(j->key);
	free(j->channel);
	free(j->to);
	free(j->subject);
	free(j->body);
	if (j->secret) {
		memset(j->secret, 0, strlen(j->secret));
		free(j->secret);
	}
	free(j->smtp_url);
	free(j->smtp_from);
	free(j->smtp_user);
	if (j->smtp_password) {
		memset(j->smtp_password, 0, strlen(j->smtp_password));
		free(j->smtp_password);
	}
	free(j->smtp_ca);
	free(j);
}

struct upload {
	const char *data;
	size_t len, at;
};

static size_t
read_cb(char *buf, size_t size, size_t n, void *ud)
{
	struct upload *u = ud;
	size_t k = size * n;
	if (k > u->len - u->at)
		k = u->len - u->at;
	memcpy(buf, u->data + u->at, k);
	u->at += k;
	return k;
}

struct reply {
	char buf[REPLY_MAX + 1];
	size_t len;
};

static size_t
write_cb(char *data, size_t size, size_t n, void *ud)
{
	struct reply *r = ud;
	size_t k = size * n, take = k;
	if (take > REPLY_MAX - r->len)
		take = REPLY_MAX - r->len;
	memcpy(r->buf + r->len, data, take);
	r->len += take;
	r->buf[r->len] = '\0';
	return k;
}

static CURL *
easy(const char *url, const char *protocols, char *errbuf)
{
	CURL *h = curl_easy_init();
	if (h == NULL)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)SENDER_CONNECT_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)SENDER_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	errbuf[0] = '\0';
	return h;
}

static void
failed(struct send_job *j, CURLcode rc, const char *errbuf)
{
	snprintf(j->error, sizeof j->error, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
}

static void
send_email(struct send_job *j)
{
	char errbuf[CURL_ERROR_SIZE], *from, *rcpt;
	struct curl_slist *to = NULL;
	struct upload u = { NULL, 0, 0 };
	char *mail = msg_email(j->smtp_from, j->to, j->subject, j->body, j->key, now_us() / 1000000);
	CURL *h = easy(j->smtp_url, "smtp,smtps", errbuf);
	CURLcode rc;

	if (h == NULL || mail == NULL) {
		snprintf(j->error, sizeof j->error, "out of memory");
		free(mail);
		if (h)
			curl_easy_cleanup(h);
		return;
	}
	from = xasprintf("<%s>", j->smtp_from);
	rcpt = xasprintf("<%s>", j->to);
	to = curl_slist_append(to, rcpt);
	u.data = mail;
	u.len = strlen(mail);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	if (strncmp(j->smtp_url, "smtps://", 8) == 0 || j->smtp_starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (j->smtp_ca && j->smtp_ca[0])
		curl_easy_setopt(h, CURLOPT_CAINFO, j->smtp_ca);
	if (j->smtp_user && j->smtp_user[0]) {
		curl_easy_setopt(h, CURLOPT_USERNAME, j->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, j->smtp_password ? j->smtp_password : "");
	}
	if ((rc = curl_easy_perform(h)) == CURLE_OK)
		j->delivered = true;
	else
		failed(j, rc, errbuf);
	curl_slist_free_all(to);
	curl_easy_cleanup(h);
	free(from);
	free(rcpt);
	free(mail);
}

static void
send_post(struct send_job *j)
{
	char errbuf[CURL_ERROR_SIZE], *payload = NULL, *url = NULL, *hkey;
	struct curl_slist *hd = NULL;
	struct reply r = { { 0 }, 0 };
	bool robot = strcmp(j->channel, "webhook") != 0;
	int64_t now = now_us();
	long code = 0;
	CURL *h;
	CURLcode rc;

	if (strcmp(j->channel, "wecom") == 0)
		payload = msg_wecom(j->body);
	else if (strcmp(j->channel, "dingtalk") == 0)
		payload = msg_dingtalk(j->body);
	else if (strcmp(j->channel, "feishu") == 0)
		payload = msg_feishu(j->body, j->secret, now / 1000000);
	else
		payload = xasprintf("%s", j->body);
	if (strcmp(j->channel, "dingtalk") == 0)
		url = msg_dingtalk_url(j->to, j->secret, now / 1000);
	else
		url = xasprintf("%s", j->to);
	if (payload == NULL || url == NULL || (h = easy(url, "http,https", errbuf)) == NULL) {
		snprintf(j->error, sizeof j->error, "cannot make the message");
		free(payload);
		free(url);
		return;
	}
	hkey = xasprintf("X-Yoke-Key: %s", j->key);
	hd = curl_slist_append(hd, "Content-Type: application/json; charset=utf-8");
	hd = curl_slist_append(hd, hkey);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(payload));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r);
	if ((rc = curl_easy_perform(h)) != CURLE_OK) {
		failed(j, rc, errbuf);
	} else {
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
		if (code < 200 || code > 299)
			snprintf(j->error, sizeof j->error, "HTTP %ld: %.200s", code, r.buf);
		else if (!robot || msg_robot_ok(r.buf, j->error, sizeof j->error))
			j->delivered = true;
	}
	curl_slist_free_all(hd);
	curl_easy_cleanup(h);
	free(hkey);
	free(payload);
	free(url);
}

void
send_job_run(struct send_job *j)
{
	j->delivered = false;
	j->error[0] = '\0';
	if (strcmp(j->channel, "smtp") == 0) {
		if (j->smtp_user && j->smtp_user[0] && (j->smtp_password == NULL ||
		    j->smtp_password[0] == '\0'))
			snprintf(j->error, sizeof j->error, "the mail server wants a login (user=%.60s) "
			    "and yoked has no password: start it with --smtp-password-file", j->smtp_user);
		else if (j->smtp_url == NULL || j->smtp_from == NULL || *j->smtp_url == '\0')
			snprintf(j->error, sizeof j->error, "no mail server: the definitions have no "
			    "smtp statement");
		else
			send_email(j);
	} else if (strcmp(j->channel, "webhook") == 0 || strcmp(j->channel, "wecom") == 0 ||
	    strcmp(j->channel, "dingtalk") == 0 || strcmp(j->channel, "feishu") == 0) {
		send_post(j);
	} else {
		snprintf(j->error, sizeof j->error, "unknown channel \"%.40s\"", j->channel);
	}
}

static void
push(struct send_job **list, struct send_job *j)
{
	j->next = NULL;
	while (*list)
		list = &(*list)->next;
	*list = j;
}

static void *
run(void *arg)
{
	struct sender *s = arg;
	pthread_mutex_lock(&s->mu);
	for (;;) {
		struct send_job *j;
		while (!s->stop && s->queue == NULL)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->stop)
			break;
		j = s->queue;
		s->queue = j->next;
		pthread_mutex_unlock(&s->mu);
		send_job_run(j);
		if (!j->delivered)
			log_warn("outbox message %llu (%s) not delivered: %s", (unsigned long long)j->id,
			    j->key, j->error);
		pthread_mutex_lock(&s->mu);
		push(&s->done, j);
		atomic_store(&s->answers, true);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

struct sender *
sender_new(void)
{
	struct sender *s = xcalloc(1, sizeof *s);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	atomic_init(&s->answers, false);
	if (pthread_create(&s->thread, NULL, run, s) != 0)
		log_fatal("sender: cannot start the thread");
	return s;
}

static void
free_list(struct send_job *j)
{
	while (j) {
		struct send_job *next = j->next;
		send_job_free(j);
		j = next;
	}
}

void
sender_free(struct sender *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	s->stop = true;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	free_list(s->queue);
	free_list(s->done);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

bool
sender_submit(struct sender *s, struct send_job *j)
{
	pthread_mutex_lock(&s->mu);
	if (s->out >= SENDER_JOBS_MAX) {
		pthread_mutex_unlock(&s->mu);
		send_job_free(j);
		return false;
	}
	s->out++;
	push(&s->queue, j);
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return true;
}

struct send_job *
sender_take(struct sender *s)
{
	struct send_job *j;
	pthread_mutex_lock(&s->mu);
	j = s->done;
	if (j) {
		s->done = j->next;
		s->out--;
	}
	if (s->done == NULL)
		atomic_store(&s->answers, false);
	pthread_mutex_unlock(&s->mu);
	return j;
}

bool
sender_has_answers(struct sender *s)
{
	return atomic_load(&s->answers);
}
