/*
 * it_notify.c — escalation and delivery against a real yoked, a real SMTP
 * receiver (aiosmtpd: tests/lib/smtp_receiver.py) and a real HTTP receiver
 * (tests/lib/http_receiver.py, which checks the DingTalk signature itself),
 * all on loopback ports, started and stopped here.
 *
 * The ladder (notify.def below, over tests/data/plant-small):
 *   level 1 at once      popup to the leads (stop=ack)
 *   level 2 after 10 min e-mail to the inspectors with email= (Ida), and
 *                        to the lead 300 (stop=ack)
 *   level 3 after 30 min the generic webhook and the DingTalk robot
 *
 * An alarm raised before any ladder was loaded climbs the one loaded later.
 *
 * yoked runs with --test-clock FILE: writing "601" to the file moves the
 * ladder's clock ten minutes on. An alarm is an operator's andon call at
 * ASSY-1. Acknowledgement and resolution are the alarm requests' work
 * (not here): this test writes the alarm's state into the store with
 * yoked stopped, as those requests leave it.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "server/store/records.h"
#include "server/store/store.h"
#include "shared/arena.h"
#include "shared/util.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define PYTHON "/usr/bin/python3"
#define WAIT_MS 15000
#define DING_SECRET "SECit0123456789"

struct receiver {
	pid_t pid;
	int port;
	char log[300];
};

struct fixture {
	char dir[256];
	char clock[300];
	struct yoked *y;
	struct plant *p;
	struct receiver smtp, http;
	struct client *op;       /* ASSY-1, badge 100 */
	struct client *lead;     /* TEST-1, badge 300, listening to role/lead */
	bool tls;                /* the mail server wants STARTTLS and a login */
};

#define MAIL_USER "yoke-mail"
#define MAIL_PASSWORD "s3cret-pa55"


static int
free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0), port = 0;
	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(s, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (s >= 0)
		close(s);
	return port;
}

/* Starts a receiver script on r->port (0: a free one) and waits until it
 * says it listens. */
static bool
receiver_start_args(struct receiver *r, const char *script, const char *log,
    const char *const *extra)
{
	char port_file[320], port[16];
	if (r->log != log)
		snprintf(r->log, sizeof r->log, "%s", log);
	snprintf(port_file, sizeof port_file, "%s.port", log);
	unlink(port_file);
	snprintf(port, sizeof port, "%d", r->port);
	if ((r->pid = fork()) == 0) {
		const char *argv[12] = { PYTHON, script, log, port };
		for (int i = 0; extra && extra[i] && i < 7; i++)
			argv[4 + i] = extra[i];
		execv(PYTHON, (char *const *)argv);
		_exit(127);
	}
	for (int i = 0; i < 100; i++) {
		FILE *f = fopen(port_file, "r");
		if (f) {
			bool ok = fscanf(f, "%d", &r->port) == 1;
			fclose(f);
			if (ok)
				return true;
		}
		harness_sleep_ms(100);
	}
	fprintf(stderr, "    %s did not start\n", script);
	return false;
}

static void
receiver_stop(struct receiver *r)
{
	if (r->pid > 0) {
		kill(r->pid, SIGTERM);
		waitpid(r->pid, NULL, 0);
		r->pid = 0;
	}
}

/* Lines of the receiver's log that contain every one of the needles. */
static bool
receiver_start(struct receiver *r, const char *script, const char *log, const char *secret)
{
	const char *extra[] = { "--secret", secret, NULL };
	return receiver_start_args(r, script, log, secret ? extra : NULL);
}

static int
received(const struct receiver *r, const char *a, const char *b)
{
	char line[65536];
	int n = 0;
	FILE *f = fopen(r->log, "r");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f))
		if (strstr(line, a) && (b == NULL || strstr(line, b)))
			n++;
	fclose(f);
	return n;
}

static bool
wait_received(const struct receiver *r, const char *a, const char *b, int want)
{
	for (int t = 0; t < WAIT_MS; t += 100) {
		if (received(r, a, b) >= want)
			return true;
		harness_sleep_ms(100);
	}
	fprintf(stderr, "    %s: no line with \"%s\" \"%s\" after %d ms\n", r->log, a, b ? b : "",
	    WAIT_MS);
	return false;
}

static void
set_clock(struct fixture *f, int seconds)
{
	FILE *c = fopen(f->clock, "w");
	if (c) {
		fprintf(c, "%d\n", seconds);
		fclose(c);
	}
}

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

static Yoke__Reply *
andon(struct client *c, const char *text, bool stop)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__AndonCall ac = YOKE__ANDON_CALL__INIT;
	ac.text = (char *)text;
	ac.stop = stop;
	rq.body_case = YOKE__REQUEST__BODY_ANDON;
	rq.andon = &ac;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
outbox(struct client *c, bool pending)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__OutboxQuery q = YOKE__OUTBOX_QUERY__INIT;
	q.pending = pending;
	rq.body_case = YOKE__REQUEST__BODY_OUTBOX;
	rq.outbox = &q;
	return harness_call(c, &rq, HARNESS_TRIES);
}

/* How many outbox messages are in the state asked: delivered, or waiting
 * after at least one failed try. -1 when the server did not answer. */
static int
outbox_count(struct client *c, bool delivered, const char *channel)
{
	Yoke__Reply *rp = outbox(c, false);
	int n = 0;
	if (rp == NULL || rp->status != OK || rp->outbox == NULL) {
		client_reply_free(rp);
		return -1;
	}
	for (size_t i = 0; i < rp->outbox->n_entries; i++) {
		const Yoke__OutboxEntry *e = rp->outbox->entries[i];
		if (channel && strcmp(e->channel, channel) != 0)
			continue;
		if (delivered ? e->delivered : (!e->delivered && e->attempts > 0 && e->last_error[0]))
			n++;
	}
	client_reply_free(rp);
	return n;
}

static bool
wait_outbox(struct client *c, bool delivered, const char *channel, int want)
{
	for (int t = 0; t < WAIT_MS; t += 100) {
		if (outbox_count(c, delivered, channel) >= want)
			return true;
		harness_sleep_ms(100);
	}
	fprintf(stderr, "    outbox: fewer than %d %s %s messages\n", want, channel ? channel : "",
	    delivered ? "delivered" : "failed");
	return false;
}

static bool
load_ladder(struct fixture *f)
{
	char text[2048];
	const char *name = "notify.def", *texts[1] = { text };
	struct client *eng = harness_engineer(f->y, f->p, "notify");
	bool ok;
	snprintf(text, sizeof text,
	    "smtp smtp://127.0.0.1:%d from=yoke@plant.example%s\n"
	    "operator 300 \"Lee Lead\" role=lead qualified=WIDGET/* email=lee@plant.example\n"
	    "operator 200 \"Ida Inspector\" role=inspector qualified=* email=ida@plant.example\n"
	    "notify line-hook channel=webhook to=http://127.0.0.1:%d/hook\n"
	    "notify plant-ding channel=dingtalk to=http://127.0.0.1:%d/robot/send?access_token=T1 "
	    "secret=" DING_SECRET "\n"
	    "escalate 1 after=0 role=lead channel=popup stop=ack\n"
	    "escalate 2 after=10m role=inspector channel=email\n"
	    "escalate 2 after=10m badge=300 channel=email stop=ack\n"
	    "escalate 3 after=30m to=line-hook\n"
	    "escalate 3 after=30m to=plant-ding\n",
	    f->smtp.port, f->tls ? " user=" MAIL_USER " starttls=yes" : "", f->http.port, f->http.port);
	ok = eng && status_of(harness_load_files(eng, &name, texts, 1, false)) == OK;
	client_free(eng);
	return ok;
}

/* yoked with the ladder, the SMTP receiver running, the HTTP receiver
 * running unless http_down (then its port is reserved for later). */
/* A certificate for 127.0.0.1 (its own CA) and the password file, in f->dir. */
static bool
mail_secrets(struct fixture *f, char *cert, char *key, char *pw, size_t size)
{
	char cmd[1400];
	FILE *p;
	snprintf(cert, size, "%s/mail.crt", f->dir);
	snprintf(key, size, "%s/mail.key", f->dir);
	snprintf(pw, size, "%s/mail.password", f->dir);
	snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "
	    "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '%s' -out '%s' "
	    ">/dev/null 2>&1", key, cert);
	if (system(cmd) != 0 || (p = fopen(pw, "w")) == NULL)
		return false;
	fputs(MAIL_PASSWORD "\n", p);
	fclose(p);
	return chmod(pw, 0600) == 0;
}

static bool
setup_full(struct fixture *f, bool http_down, bool ladder, bool tls)
{
	char cert[400], key[400], pw[400], auth[100];
	const char *extra[7] = { "--test-clock", f->clock, NULL };
	char log[300];
	memset(f, 0, sizeof *f);
	f->tls = tls;
	snprintf(f->dir, sizeof f->dir, "%s/yoke-notify-XXXXXX", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return false;
	snprintf(f->clock, sizeof f->clock, "%s/clock", f->dir);
	set_clock(f, 0);
	snprintf(log, sizeof log, "%s/smtp.log", f->dir);
	if (tls) {
		const char *mail[] = { "--tls", cert, key, "--auth", auth, NULL };
		snprintf(auth, sizeof auth, "%s:%s", MAIL_USER, MAIL_PASSWORD);
		if (!mail_secrets(f, cert, key, pw, sizeof cert) ||
		    !receiver_start_args(&f->smtp, "tests/lib/smtp_receiver.py", log, mail))
			return false;
		extra[2] = "--smtp-password-file";
		extra[3] = pw;
		extra[4] = "--smtp-ca";
		extra[5] = cert;
	} else if (!receiver_start(&f->smtp, "tests/lib/smtp_receiver.py", log, NULL)) {
		return false;
	}
	snprintf(f->http.log, sizeof f->http.log, "%s/http.log", f->dir);
	if (http_down)
		f->http.port = free_port();
	else if (!receiver_start(&f->http, "tests/lib/http_receiver.py", f->http.log, DING_SECRET))
		return false;
	if ((f->y = harness_start_loaded_args(HARNESS_SMALL_PLANT, &f->p, extra)) == NULL)
		return false;
	if (ladder && !load_ladder(f))
		return false;
	f->op = harness_client(f->y, "ASSY-1@it");
	f->lead = harness_client(f->y, "TEST-1@it");
	if (status_of(harness_badge_in(f->op, "ASSY-1", "100")) != OK ||
	    status_of(harness_badge_in_pin(f->lead, "TEST-1", "300", HARNESS_PIN)) != OK)
		return false;
	client_subscribe(f->lead, "role/lead");
	harness_sleep_ms(300);      /* the subscription reaches the publisher */
	return true;
}

static bool
setup_ladder(struct fixture *f, bool http_down, bool ladder)
{
	return setup_full(f, http_down, ladder, false);
}

static bool
setup(struct fixture *f, bool http_down)
{
	return setup_ladder(f, http_down, true);
}

static void
teardown(struct fixture *f)
{
	char cmd[300];
	client_free(f->op);
	client_free(f->lead);
	harness_yoked_free(f->y);
	harness_plant_free(f->p);
	receiver_stop(&f->smtp);
	receiver_stop(&f->http);
	if (f->dir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "    could not remove %s\n", f->dir);
	}
}

/* The popup of level 1 for alarm `number` on role/lead within 3 s. */
static bool
popup_seen(struct fixture *f, const char *number)
{
	for (int i = 0; i < 10; i++) {
		Yoke__Notice *n = harness_notice_wait(f->lead, 300);
		bool hit = n && strcmp(n->topic, "role/lead") == 0 &&
		    strcmp(n->text, "alarm escalated") == 0 && strcmp(n->serial, number) == 0;
		if (n)
			yoke__notice__free_unpacked(n, NULL);
		if (hit)
			return true;
	}
	return false;
}

static void
escalates_popup_email_webhook(void)
{
	struct fixture f;
	Yoke__Reply *rp;
	if (!setup(&f, false)) {
		teardown(&f);
		REQUIRE(!"setup");
	}
	CHECK_INT(status_of(andon(f.op, "feeder jammed", false)), OK);
	/* Level 1 at once: the popup, in the raising transaction. */
	CHECK(popup_seen(&f, "ALM-000001"));
	/* Nothing is due for the outside world yet. */
	harness_sleep_ms(600);
	rp = outbox(f.lead, false);
	CHECK(rp && rp->status == OK && rp->outbox && rp->outbox->matched == 0);
	client_reply_free(rp);
	CHECK_INT(received(&f.smtp, "ALM-000001", NULL), 0);

	/* Ten minutes on: level 2, e-mail to Ida (inspector) and Lee (badge 300). */
	set_clock(&f, 601);
	CHECK(wait_received(&f.smtp, "alarm/1/level/2/ida@plant.example", "ida@plant.example", 1));
	CHECK(wait_received(&f.smtp, "alarm/1/level/2/lee@plant.example", "lee@plant.example", 1));
	CHECK_INT(received(&f.smtp, "<alarm/1/level/2/ida=40plant=2Eexample@plant.example>",
	    "ALM-000001 at ASSY-1: a call for help (escalation level 2)"), 1);
	CHECK_INT(received(&f.smtp, "\"mail_from\": \"yoke@plant.example\"", "feeder jammed"), 2);
	CHECK_INT(received(&f.http, "alarm/1", NULL), 0);

	/* Thirty minutes: level 3, the webhook and the signed DingTalk robot. */
	set_clock(&f, 1801);
	CHECK(wait_received(&f.http, "\"path\": \"/hook\"", "alarm/1/level/3/line-hook", 1));
	CHECK(wait_received(&f.http, "\"path\": \"/robot/send\"", "\"sign_ok\": true", 1));
	CHECK_INT(received(&f.http, "\"alarm\\\": \\\"ALM-000001\\\"", NULL) +
	    received(&f.http, "\\\"alarm\\\":\\\"ALM-000001\\\"", NULL), 1);
	CHECK_INT(received(&f.http, "msgtype", "access_token=T1&timestamp="), 1);
	CHECK(wait_outbox(f.lead, true, NULL, 4));
	rp = outbox(f.lead, true);
	CHECK(rp && rp->status == OK && rp->outbox && rp->outbox->matched == 0);
	client_reply_free(rp);
	/* Later still: every level was told once, nothing again. */
	set_clock(&f, 7200);
	harness_sleep_ms(800);
	CHECK_INT(received(&f.smtp, "alarm/1/", NULL), 2);
	CHECK_INT(received(&f.http, "alarm/1/", NULL), 2);
	teardown(&f);
}

/* Writes alarm id's state with yoked stopped, as the acknowledge and
 * resolve requests leave it. */
static bool
set_alarm_state(struct fixture *f, uint64_t id, Yoke__AlarmState st)
{
	struct store *s;
	struct arena a;
	struct txn t;
	unsigned char k[8];
	char err[300];
	Yoke__Alarm *al;
	bool ok = false;

	if (store_open(&s, f->y->data, err, sizeof err) != 0) {
		fprintf(stderr, "    %s\n", err);
		return false;
	}
	arena_init(&a);
	put_be64(k, id);
	if (store_begin_write(s, &t) == STORE_OK) {
		if (rec_get(&t, &a, T_ALARM, k, 8, &yoke__alarm__descriptor, (void **)&al) == STORE_OK) {
			Yoke__SignatureRecord *sig = arena_alloc(&a, sizeof *sig);
			yoke__signature_record__init(sig);
			sig->badge = (char *)"300";
			sig->name = (char *)"Lee Lead";
			sig->time_us = now_us();
			al->state = st;
			if (st == YOKE__ALARM_STATE__ALARM_RESOLVED)
				al->resolved = sig;
			else
				al->acknowledged = sig;
			ok = rec_put(&t, &a, T_ALARM, k, 8, (const ProtobufCMessage *)al, 0) == STORE_OK;
		}
		ok = ok && store_commit(&t) == STORE_OK;
		if (!ok)
			store_abort(&t);
	}
	arena_free(&a);
	store_close(s);
	return ok;
}

static uint32_t
alarm_escalated(struct fixture *f, uint64_t id)
{
	struct store *s;
	struct arena a;
	struct txn t;
	unsigned char k[8];
	char err[300];
	Yoke__Alarm *al;
	uint32_t level = 999;
	if (store_open(&s, f->y->data, err, sizeof err) != 0)
		return level;
	arena_init(&a);
	put_be64(k, id);
	if (store_begin_read(s, &t) == STORE_OK) {
		if (rec_get(&t, &a, T_ALARM, k, 8, &yoke__alarm__descriptor, (void **)&al) == STORE_OK)
			level = al->escalated;
		store_abort(&t);
	}
	arena_free(&a);
	store_close(s);
	return level;
}

static void
acknowledged_keeps_escalating_resolved_stops(void)
{
	struct fixture f;
	if (!setup(&f, false)) {
		teardown(&f);
		REQUIRE(!"setup");
	}
	CHECK_INT(status_of(andon(f.op, "acknowledged one", false)), OK);   /* ALM-000001 */
	CHECK_INT(status_of(andon(f.op, "resolved one", false)), OK);       /* ALM-000002 */
	CHECK(popup_seen(&f, "ALM-000002"));
	REQUIRE(harness_yoked_stop(f.y) == 0);
	CHECK_INT(alarm_escalated(&f, 1), 1);
	CHECK_INT(alarm_escalated(&f, 2), 1);
	REQUIRE(set_alarm_state(&f, 1, YOKE__ALARM_STATE__ALARM_ACKNOWLEDGED));
	REQUIRE(set_alarm_state(&f, 2, YOKE__ALARM_STATE__ALARM_RESOLVED));
	REQUIRE(harness_yoked_restart(f.y));

	/* Acknowledged, not resolved: level 2 still comes, to the inspectors;
	 * the stop=ack e-mail to the lead does not. */
	set_clock(&f, 601);
	CHECK(wait_received(&f.smtp, "alarm/1/level/2/ida@plant.example", NULL, 1));
	CHECK_INT(received(&f.smtp, "Acknowledged by Lee Lead but not resolved", "alarm/1/"), 1);
	set_clock(&f, 1801);
	CHECK(wait_received(&f.http, "alarm/1/level/3/line-hook", NULL, 1));
	CHECK(wait_received(&f.http, "/robot/send", NULL, 1));
	harness_sleep_ms(800);
	CHECK_INT(received(&f.smtp, "alarm/1/level/2/lee@plant.example", NULL), 0);
	/* Resolved: nothing more, at any time. */
	CHECK_INT(received(&f.smtp, "alarm/2/", NULL), 0);
	CHECK_INT(received(&f.http, "alarm/2/", NULL) + received(&f.http, "ALM-000002", NULL), 0);
	REQUIRE(harness_yoked_stop(f.y) == 0);
	CHECK_INT(alarm_escalated(&f, 1), 3);
	CHECK_INT(alarm_escalated(&f, 2), 1);
	teardown(&f);
}

/* An alarm raised while no ladder is stored climbs the ladder a later
 * load stores, from its raise time: level 1 at once, level 2 at 10 min. */
static void
alarm_before_the_ladder_escalates(void)
{
	struct fixture f;
	if (!setup_ladder(&f, false, false)) {
		teardown(&f);
		REQUIRE(!"setup");
	}
	CHECK_INT(status_of(andon(f.op, "before the ladder", false)), OK);   /* ALM-000001 */
	harness_sleep_ms(300);
	REQUIRE(load_ladder(&f));
	CHECK(popup_seen(&f, "ALM-000001"));
	set_clock(&f, 601);
	CHECK(wait_received(&f.smtp, "alarm/1/level/2/ida@plant.example", NULL, 1));
	REQUIRE(harness_yoked_stop(f.y) == 0);
	CHECK_INT(alarm_escalated(&f, 1), 2);
	teardown(&f);
}

/* The mail server wants STARTTLS and a login (aiosmtpd with a certificate
 * of its own CA, given to yoked with --smtp-ca; the password in a file
 * only its owner reads, --smtp-password-file): the level 2 mail arrives
 * over TLS from the account named in the definitions. */
static void
smtp_login_over_starttls(void)
{
	struct fixture f;
	if (!setup_full(&f, false, true, true)) {
		teardown(&f);
		REQUIRE(!"setup");
	}
	CHECK_INT(status_of(andon(f.op, "mail over TLS", false)), OK);   /* ALM-000001 */
	set_clock(&f, 601);
	CHECK(wait_received(&f.smtp, "alarm/1/level/2/ida@plant.example", NULL, 1));
	CHECK_INT(received(&f.smtp, "alarm/1/level/2/", "\"tls\": true"), 2);
	CHECK_INT(received(&f.smtp, "alarm/1/level/2/", "\"auth_user\": \"" MAIL_USER "\""), 2);
	CHECK_INT(received(&f.smtp, "auth_failed", NULL), 0);
	REQUIRE(harness_yoked_stop(f.y) == 0);
	teardown(&f);
}

/* WeCom and Feishu robots, as the plant group's channels: each gets its
 * own body at its own path, Feishu's signed (checked by the receiver). */
static void
wecom_and_feishu_delivered(void)
{
	struct fixture f;
	char text[1024];
	const char *name = "robots.def", *texts[1] = { text };
	struct client *eng;
	if (!setup_full(&f, false, false, false)) {
		teardown(&f);
		REQUIRE(!"setup");
	}
	snprintf(text, sizeof text,
	    "notify plant-wecom channel=wecom to=http://127.0.0.1:%d/cgi-bin/webhook/send?key=K1\n"
	    "notify plant-feishu channel=feishu to=http://127.0.0.1:%d/open-apis/bot/v2/hook/H1 "
	    "secret=" DING_SECRET "\n"
	    "escalate 1 after=0 to=plant-wecom\n"
	    "escalate 1 after=0 to=plant-feishu\n", f.http.port, f.http.port);
	eng = harness_engineer(f.y, f.p, "robots");
	REQUIRE(eng && status_of(harness_load_files(eng, &name, texts, 1, false)) == OK);
	client_free(eng);
	CHECK_INT(status_of(andon(f.op, "robots", false)), OK);   /* ALM-000001 */
	CHECK(wait_received(&f.http, "\"path\": \"/cgi-bin/webhook/send\"", "alarm/1/level/1/plant-wecom",
	    1));
	CHECK_INT(received(&f.http, "/cgi-bin/webhook/send", "msgtype"), 1);
	CHECK_INT(received(&f.http, "/cgi-bin/webhook/send", "ALM-000001"), 1);
	CHECK(wait_received(&f.http, "\"path\": \"/open-apis/bot/v2/hook/H1\"", "\"sign_ok\": true", 1));
	CHECK_INT(received(&f.http, "/open-apis/bot/v2/hook/H1", "msg_type"), 1);
	CHECK(wait_outbox(f.lead, true, NULL, 2));
	REQUIRE(harness_yoked_stop(f.y) == 0);
	teardown(&f);
}

static void
receiver_down_then_up(void)
{
	struct fixture f;
	if (!setup(&f, true)) {
		teardown(&f);
		REQUIRE(!"setup");
	}
	CHECK_INT(status_of(andon(f.op, "down then up", false)), OK);
	set_clock(&f, 1801);
	/* Both e-mails go; both HTTP messages fail and wait. */
	CHECK(wait_outbox(f.lead, true, "smtp", 2));
	CHECK(wait_outbox(f.lead, false, "webhook", 1));
	CHECK(wait_outbox(f.lead, false, "dingtalk", 1));
	REQUIRE(receiver_start(&f.http, "tests/lib/http_receiver.py", f.http.log, DING_SECRET));
	/* The back-off holds: not before 30 s on the clock. */
	harness_sleep_ms(1000);
	CHECK_INT(received(&f.http, "alarm/1/", NULL), 0);
	set_clock(&f, 1801 + 31);
	CHECK(wait_received(&f.http, "alarm/1/level/3/line-hook", NULL, 1));
	CHECK(wait_received(&f.http, "alarm/1/level/3/plant-ding", "\"sign_ok\": true", 1));
	CHECK(wait_outbox(f.lead, true, NULL, 4));
	/* Once each, however long the clock runs on. */
	set_clock(&f, 9000);
	harness_sleep_ms(800);
	CHECK_INT(received(&f.http, "alarm/1/level/3/line-hook", NULL), 1);
	CHECK_INT(received(&f.http, "alarm/1/level/3/plant-ding", NULL), 1);
	CHECK_INT(received(&f.smtp, "alarm/1/", NULL), 2);
	teardown(&f);
}

static void
sigkill_loses_nothing_sends_nothing_twice(void)
{
	struct fixture f;
	if (!setup(&f, true)) {
		teardown(&f);
		REQUIRE(!"setup");
	}
	CHECK_INT(status_of(andon(f.op, "crash", true)), OK);
	/* A crash right after the raise: levels 2 and 3 live only in the
	 * escalation table. The clock moves on while yoked is down. */
	harness_yoked_kill(f.y);
	set_clock(&f, 1801);
	REQUIRE(harness_yoked_restart(f.y));
	CHECK(wait_outbox(f.lead, true, "smtp", 2));
	CHECK(wait_outbox(f.lead, false, "webhook", 1));
	CHECK(wait_outbox(f.lead, false, "dingtalk", 1));
	/* A crash between writing the HTTP messages and delivering them. */
	harness_yoked_kill(f.y);
	REQUIRE(receiver_start(&f.http, "tests/lib/http_receiver.py", f.http.log, DING_SECRET));
	REQUIRE(harness_yoked_restart(f.y));
	set_clock(&f, 1801 + 31);
	CHECK(wait_received(&f.http, "alarm/1/level/3/line-hook", NULL, 1));
	CHECK(wait_received(&f.http, "alarm/1/level/3/plant-ding", NULL, 1));
	CHECK(wait_outbox(f.lead, true, NULL, 4));
	set_clock(&f, 9000);
	harness_sleep_ms(800);
	/* Counted by key at the receivers: every message once. */
	CHECK_INT(received(&f.smtp, "alarm/1/level/2/ida@plant.example", "\"x_yoke_key\""), 1);
	CHECK_INT(received(&f.smtp, "alarm/1/level/2/lee@plant.example", "\"x_yoke_key\""), 1);
	CHECK_INT(received(&f.http, "alarm/1/level/3/line-hook", NULL), 1);
	CHECK_INT(received(&f.http, "alarm/1/level/3/plant-ding", NULL), 1);
	CHECK_INT(received(&f.smtp, "alarm/", NULL), 2);
	CHECK_INT(received(&f.http, "alarm/", NULL), 2);
	teardown(&f);
}

static void
ladder_refused_with_its_line(void)
{
	struct yoked *y;
	struct plant *p;
	struct client *eng;
	Yoke__Reply *rp;
	const char *name = "bad.def";
	const char *texts[] = { "escalate 1 after=0 badge=7777 channel=popup\n" };
	const char *texts2[] = { "escalate 1 after=0 to=nobody\n" };
	const char *texts3[] = { "notify h channel=webhook to=http://127.0.0.1:1/x\n"
	    "escalate 2 after=5m to=h\nescalate 1 after=10m role=lead channel=popup\n" };
	const char *texts4[] = { "smtp smtp://127.0.0.1:25 from=yoke@plant.example user=yoke\n" };
	REQUIRE((y = harness_start_loaded(HARNESS_SMALL_PLANT, &p)) != NULL);
	eng = harness_engineer(y, p, "bad");
	REQUIRE(eng != NULL);
	rp = harness_load_files(eng, &name, texts, 1, true);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_INVALID_DEFINITION &&
	    strstr(rp->message, "bad.def:1") && strstr(rp->message, "7777"));
	client_reply_free(rp);
	rp = harness_load_files(eng, &name, texts2, 1, false);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_INVALID_DEFINITION &&
	    strstr(rp->message, "nobody"));
	client_reply_free(rp);
	rp = harness_load_files(eng, &name, texts3, 1, false);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_INVALID_DEFINITION &&
	    strstr(rp->message, "bad.def:3"));
	client_reply_free(rp);
	/* A password is never sent in clear. */
	rp = harness_load_files(eng, &name, texts4, 1, false);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_INVALID_DEFINITION &&
	    strstr(rp->message, "bad.def:1") && strstr(rp->message, "in clear"));
	client_reply_free(rp);
	client_free(eng);
	harness_yoked_free(y);
	harness_plant_free(p);
}

static void
test_clock_refused_off_loopback(void)
{
	char out[64];
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 2);
		execl(harness_yoked_path(), "yoked", "--plain", "--listen", "tcp://0.0.0.0:1",
		    "--test-clock", "/nonexistent", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	snprintf(out, sizeof out, "%d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	CHECK_STR(out, "2");
}

int
main(void)
{
	if (access(PYTHON, X_OK) != 0) {
		printf("FAIL it_notify: %s is missing (python3-aiosmtpd)\n", PYTHON);
		return 1;
	}
	RUN(escalates_popup_email_webhook);
	RUN(acknowledged_keeps_escalating_resolved_stops);
	RUN(alarm_before_the_ladder_escalates);
	RUN(smtp_login_over_starttls);
	RUN(wecom_and_feishu_delivered);
	RUN(receiver_down_then_up);
	RUN(sigkill_loses_nothing_sends_nothing_twice);
	RUN(ladder_refused_with_its_line);
	RUN(test_clock_refused_off_loopback);
	return check_done();
}
