/*
 * it_language.c — the server's words follow the person (PROTOCOL.md
 * "Languages"), against a real yoked:
 *   - at a station the words are the badged-in person's (their operator
 *     definition's lang=), whatever the request says: BadgeInReply.language
 *     tells the terminal; refusals carry the same status codes in both
 *     languages, with the data (serials, part numbers) as it was scanned;
 *     two stations in two languages at once each get their own;
 *   - notices to many terminals carry English message ids; the note to the
 *     terminal whose session another badge-in ended is in the person's words;
 *     why the sweep ended a session (written in English) is said again in
 *     the reader's language;
 *   - at a desk the request's language, else the person's; an unknown one
 *     is refused naming the accepted ones.
 */
#include "tests/lib/check.h"
#include "tests/lib/harness.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK YOKE__STATUS__STATUS_OK
#define NOT_FOUND YOKE__STATUS__STATUS_NOT_FOUND
#define WRONG_STEP YOKE__STATUS__STATUS_WRONG_STEP
#define WRONG_PART YOKE__STATUS__STATUS_WRONG_PART
#define INVALID YOKE__STATUS__STATUS_INVALID_DEFINITION
#define NOT_FOUND YOKE__STATUS__STATUS_NOT_FOUND
#define WRONG_STEP YOKE__STATUS__STATUS_WRONG_STEP
#define WRONG_PART YOKE__STATUS__STATUS_WRONG_PART
#define INVALID YOKE__STATUS__STATUS_INVALID_DEFINITION

/* Step indexes of WIDGET op 10 (tests/data/plant-small). */
enum { S_INSTRUCT, S_BOARD };

/* People of the small plant who read Chinese, loaded over it. */
static const char people_zh[] =
    "operator 110 \"陈静 Chen Jing\" role=operator lang=zh_CN qualified=WIDGET/10\n"
    "operator 910 \"刘洋 Liu Yang\" role=engineer lang=zh_CN qualified=*\n";

static struct yoked *y;
static struct plant *plant;

static Yoke__Status
status_of(Yoke__Reply *rp)
{
	Yoke__Status st = rp ? rp->status : (Yoke__Status)-1;
	client_reply_free(rp);
	return st;
}

/* The reply has status st and its message contains every one of the texts
 * (NULL-terminated). Frees the reply. */
static bool
says_all(Yoke__Reply *rp, Yoke__Status st, const char *const *texts, int line)
{
	bool ok = rp && rp->status == st;
	for (size_t i = 0; ok && texts[i]; i++)
		ok = strstr(rp->message, texts[i]) != NULL;
	if (!ok)
		check_fail(__FILE__, line, "expected %s with \"%s\"%s, got %s \"%s\"",
		    status_name(st), texts[0], texts[1] ? " ..." : "",
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
	client_reply_free(rp);
	return ok;
}
#define SAYS(rp, st, ...) says_all((rp), (st), (const char *const[]){ __VA_ARGS__, NULL }, __LINE__)

/* The reply's message starts with prefix. Frees the reply. */
static bool
starts(Yoke__Reply *rp, Yoke__Status st, const char *prefix, int line)
{
	bool ok = rp && rp->status == st && strncmp(rp->message, prefix, strlen(prefix)) == 0;
	if (!ok)
		check_fail(__FILE__, line, "expected %s starting \"%s\", got %s \"%s\"",
		    status_name(st), prefix, rp ? status_name(rp->status) : "no answer",
		    rp ? rp->message : "");
	client_reply_free(rp);
	return ok;
}
#define STARTS(rp, st, prefix) starts((rp), (st), (prefix), __LINE__)

/* A desk client signed in as badge (HARNESS_PIN), asking in language lang. */
static struct client *
desk(const char *tag, const char *badge, const char *lang)
{
	char name[64];
	struct client *c;
	snprintf(name, sizeof name, "engineer@%s", tag);
	c = harness_client_at(y, name, "");
	client_set_language(c, lang);
	if (!harness_sign_in(c, badge)) {
		client_free(c);
		return NULL;
	}
	return c;
}

/* The small plant, a work order of 40 units, the Chinese readers loaded
 * and the Chinese engineer given HARNESS_PIN by the plant's admin. */
static bool
setup(void)
{
	const char *names[] = { "people-zh.def" }, *texts[] = { people_zh };
	struct client *eng, *admin;
	bool ok;

	y = harness_start_loaded(HARNESS_SMALL_PLANT, &plant);
	if (y == NULL)
		return false;
	ok = status_of(harness_release_eng(y, plant, "WO1", "WIDGET", 40, "2030-01-31", 0,
	    NULL)) == OK;
	eng = harness_engineer(y, plant, "lang-setup");
	ok = ok && eng && status_of(harness_load_files(eng, names, texts, 1, false)) == OK;
	admin = desk("lang-admin", "901", "");
	ok = ok && admin && status_of(harness_set_pin(admin, "910", HARNESS_PIN)) == OK;
	if (eng)
		client_free(eng);
	if (admin)
		client_free(admin);
	if (!ok)
		fprintf(stderr, "it_language: setup failed\n");
	return ok;
}

static void
station_words_follow_the_person(void)
{
	struct client *zh = harness_client(y, "ASSY-1@lang");
	struct client *en = harness_client(y, "ASSY-2@lang");
	Yoke__Reply *rp;

	/* Whatever the terminal asked for last, the badge decides at a station. */
	client_set_language(zh, "en");
	rp = harness_badge_in(zh, "ASSY-1", "110");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_BADGE_IN);
	CHECK_STR(rp->badge_in->language, "zh_CN");
	CHECK_STR(rp->message, "欢迎，陈静 Chen Jing");
	client_reply_free(rp);
	client_set_language(zh, "zh_CN");   /* what a terminal then sends */
	rp = harness_badge_in(en, "ASSY-2", "100");
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_BADGE_IN);
	CHECK_STR(rp->badge_in->language, "en");
	CHECK_STR(rp->message, "Welcome, Ann Assembler");
	client_reply_free(rp);

	/* An unknown serial: the same status, the serial as scanned. */
	SAYS(harness_open_unit(zh, "NOPE-7"), NOT_FOUND, "没有产品 NOPE-7：请核对标签");
	SAYS(harness_open_unit(en, "NOPE-7"), NOT_FOUND, "No unit NOPE-7: check the label");

	/* The wrong step, then the wrong part: codes alike, words each their own. */
	CHECK_INT(status_of(harness_open_unit(zh, "WO1-0001")), OK);
	CHECK_INT(status_of(harness_open_unit(en, "WO1-0002")), OK);
	SAYS(harness_step_confirm(zh, "WO1-0001", S_BOARD), WRONG_STEP,
	    "步骤 2 不是当前步骤", "当前是第 1 步");
	SAYS(harness_step_confirm(en, "WO1-0002", S_BOARD), WRONG_STEP,
	    "Step 2 is not the current step: the current step is 1");
	CHECK_INT(status_of(harness_step_confirm(zh, "WO1-0001", S_INSTRUCT)), OK);
	CHECK_INT(status_of(harness_step_confirm(en, "WO1-0002", S_INSTRUCT)), OK);
	SAYS(harness_step_scan(zh, "WO1-0001", S_BOARD, "IC-556/L9"), WRONG_PART,
	    "物料不对：扫描的是 IC-556，本步骤需要 BOARD-1");
	SAYS(harness_step_scan(en, "WO1-0002", S_BOARD, "IC-556/L9"), WRONG_PART,
	    "Wrong part: scanned IC-556, this step needs BOARD-1");
	/* A confirmation in the person's words too. */
	SAYS(harness_step_scan(zh, "WO1-0001", S_BOARD, "BOARD-1/ZH-1"), OK, "已扫描 BOARD-1/ZH-1");
	client_free(zh);
	client_free(en);
}

struct worker {
	struct client *c;
	const char *station, *badge, *prefix;
	const char *before, *after;   /* the refusal around the serial */
	int wrong, answered;
};

/* Refusals as fast as the server answers them, batched with the other
 * language's. */
static void *
work(void *arg)
{
	struct worker *w = arg;
	for (int i = 0; i < 60; i++) {
		char serial[32], want[96];
		Yoke__Reply *rp;
		snprintf(serial, sizeof serial, "%s-%d", w->prefix, i);
		snprintf(want, sizeof want, "%s%s%s", w->before, serial, w->after);
		rp = harness_open_unit(w->c, serial);
		if (rp)
			w->answered++;
		if (rp == NULL || rp->status != YOKE__STATUS__STATUS_NOT_FOUND ||
		    strcmp(rp->message, want) != 0) {
			if (w->wrong++ == 0)
				fprintf(stderr, "  %s: expected \"%s\", got \"%s\"\n", w->station,
				    want, rp ? rp->message : "no answer");
		}
		client_reply_free(rp);
	}
	return NULL;
}

static void
two_languages_at_once(void)
{
	struct worker w[2] = {
		{ harness_client(y, "ASSY-1@both"), "ASSY-1", "110", "ZH", "没有产品 ", "：请核对标签",
		  0, 0 },
		{ harness_client(y, "ASSY-2@both"), "ASSY-2", "102", "EN", "No unit ",
		  ": check the label", 0, 0 },
	};
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		REQUIRE(status_of(harness_badge_in(w[i].c, w[i].station, w[i].badge)) == OK);
	for (int i = 0; i < 2; i++)
		REQUIRE(pthread_create(&t[i], NULL, work, &w[i]) == 0);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 2; i++) {
		CHECK_INT(w[i].answered, 60);
		CHECK_INT(w[i].wrong, 0);
		client_free(w[i].c);
	}
}

static void
notices_and_notes(void)
{
	struct client *a = harness_client(y, "ASSY-1@note");
	struct client *b = harness_client(y, "ASSY-2@note");
	Yoke__Notice *n;
	CHECK_INT(status_of(harness_badge_in(a, "ASSY-1", "110")), OK);
	client_set_language(a, "zh_CN");    /* as the terminal does: the language it shows */
	client_subscribe(a, "terminal/ASSY-1@note");
	client_subscribe(a, "station/ASSY");
	harness_sleep_ms(300);
	CHECK_INT(status_of(harness_hello(a)), OK);   /* the notice socket is connected */
	harness_sleep_ms(300);

	/* A notice to every ASSY terminal: the English message id, which each
	 * terminal translates for its reader. */
	CHECK_INT(status_of(harness_open_unit(a, "WO1-0003")), OK);
	n = harness_notice_wait(a, 3000);
	REQUIRE(n != NULL);
	CHECK_STR(n->topic, "station/ASSY");
	CHECK_STR(n->serial, "WO1-0003");
	CHECK_STR(n->text, "in work");
	REQUIRE(i18n_use("zh_CN"));
	CHECK_STR(_(n->text), "加工中");
	i18n_use("en");
	yoke__notice__free_unpacked(n, NULL);

	/* The same person badges in elsewhere: the note to the first terminal
	 * is in their words (what they read there), the place as it is. */
	CHECK_INT(status_of(harness_badge_in(b, "ASSY-2", "110")), OK);
	n = harness_notice_wait(a, 3000);
	REQUIRE(n != NULL);
	CHECK_STR(n->topic, "terminal/ASSY-1@note");
	CHECK(strstr(n->text, "陈静 Chen Jing（工牌 110）已在工位 ASSY-2（终端 ASSY-2@note）"
	    "刷卡上岗") != NULL);
	yoke__notice__free_unpacked(n, NULL);
	/* Its next request (nobody is badged in there now: the words the
	 * terminal asks for) quotes the note. */
	SAYS(harness_step_confirm(a, "WO1-0003", S_INSTRUCT), YOKE__STATUS__STATUS_NOT_BADGED_IN,
	    "你的登录会话已结束：陈静 Chen Jing（工牌 110）已在工位 ASSY-2",
	    "请重新扫描工牌");
	client_free(a);
	client_free(b);
}

static void
desk_words_follow_the_request(void)
{
	const char *names[] = { "bad.def" };
	const char *texts[] = { "# one mistake\npart P-1 rev=A tracking=lots \"Panel\"\n" };
	struct client *c;

	/* Asking in Chinese: the words translated, the place and data as written. */
	REQUIRE((c = desk("zh-asks", "900", "zh_CN")) != NULL);
	STARTS(harness_load_files(c, names, texts, 1, true), INVALID,
	    "bad.def:2: tracking：应为 none、lot 或 serial，实际为“lots”");
	SAYS(harness_set_pin(c, "110", "9999"), YOKE__STATUS__STATUS_NOT_AUTHORIZED,
	    "设置 PIN 码需要由管理员进行；Eve Engineer（900）是工程师");
	client_free(c);

	/* Asking in nothing: the person's language. */
	REQUIRE((c = desk("zh-person", "910", "")) != NULL);
	STARTS(harness_load_files(c, names, texts, 1, true), INVALID,
	    "bad.def:2: tracking：应为");
	client_free(c);

	/* English asked by a person who reads Chinese: English. */
	REQUIRE((c = desk("en-asks", "910", "en")) != NULL);
	STARTS(harness_load_files(c, names, texts, 1, true), INVALID,
	    "bad.def:2: tracking: expected none, lot or serial, found \"lots\"");
	SAYS(harness_set_pin(c, "110", "9999"), YOKE__STATUS__STATUS_NOT_AUTHORIZED,
	    "Setting a PIN needs an admin; 刘洋 Liu Yang (910) is an engineer");
	client_free(c);
}

static void
unknown_language_refused(void)
{
	struct client *c = harness_client(y, "ASSY-1@fr");
	client_set_language(c, "fr");
	SAYS(harness_hello(c), YOKE__STATUS__STATUS_BAD_REQUEST,
	    "language: expected one of en zh_CN or empty, found \"fr\"");
	SAYS(harness_badge_in(c, "ASSY-1", "110"), YOKE__STATUS__STATUS_BAD_REQUEST, "en zh_CN");
	client_set_language(c, "zh_CN.UTF-8");
	SAYS(harness_queue(c, "ASSY-1"), YOKE__STATUS__STATUS_BAD_REQUEST, "found \"zh_CN.UTF-8\"");
	/* Known again: served. */
	client_set_language(c, "zh_CN");
	CHECK_INT(status_of(harness_queue(c, "ASSY-1")), OK);
	client_free(c);
}

/* A session that expired: the sweep writes why in English (nobody asked),
 * and the person's terminal is told in their words. A yoked of its own,
 * with --session-idle 2s. */
static void
expired_session_in_the_readers_words(void)
{
	static const char *const extra[] = { "--session-idle", "2s", NULL };
	const char *names[] = { "people-zh.def" }, *texts[] = { people_zh };
	struct plant *p;
	struct yoked *y2 = harness_start_loaded_args(HARNESS_SMALL_PLANT, &p, extra);
	struct client *eng, *zh;
	REQUIRE(y2 != NULL);
	eng = harness_engineer(y2, p, "lang-idle");
	CHECK(eng && status_of(harness_load_files(eng, names, texts, 1, false)) == OK);
	if (eng)
		client_free(eng);
	zh = harness_client(y2, "ASSY-1@idle");
	CHECK_INT(status_of(harness_badge_in(zh, "ASSY-1", "110")), OK);
	client_set_language(zh, "zh_CN");
	harness_sleep_ms(2300);
	/* Idle past its time: refused as idle, or, when the sweep (every
	 * second here) came first, as ended by it; either way in Chinese. */
	SAYS(harness_open_unit(zh, "NOPE-1"), YOKE__STATUS__STATUS_NOT_BADGED_IN,
	    "2 秒 没有操作");
	harness_sleep_ms(1500);     /* the sweep has ended it in the store */
	SAYS(harness_open_unit(zh, "NOPE-1"), YOKE__STATUS__STATUS_NOT_BADGED_IN,
	    "你的登录会话已结束：2 秒 没有操作，已超时。请重新扫描工牌");
	client_set_language(zh, "en");
	SAYS(harness_open_unit(zh, "NOPE-1"), YOKE__STATUS__STATUS_NOT_BADGED_IN,
	    "Your session ended: it expired after 2 seconds without work");
	client_free(zh);
	harness_yoked_free(y2);
	harness_plant_free(p);
}

/* Sends a BadgeIn of badge at station over r as request number no. */
static bool
send_badge_in(struct raw *r, const char *terminal, uint64_t no, const char *station,
    const char *badge)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	size_t len;
	uint8_t *buf;
	bool ok;
	harness_envelope(&rq, terminal, no, NULL);
	b.station = (char *)station;
	b.badge = (char *)badge;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	buf = harness_pack(&rq, &len);
	ok = harness_raw_send1(r, buf, len);
	free(buf);
	return ok;
}

/*
 * A batch that cannot commit (YOKE_FAULT=commit-fail-from=1) is answered
 * after the fact for all its requests at once: each still in the words of
 * its own person. Requests of both languages are sent together, so that
 * batches hold both.
 */
static void
uncommitted_batch_in_each_language(void)
{
	static const char *const who[2][4] = {
		{ "ASSY-1@fail", "ASSY-1", "110", "服务器未能保存；没有任何更改" },
		{ "ASSY-2@fail", "ASSY-2", "102",
		  "The server could not store this; nothing was changed" },
	};
	struct raw *r[2];
	int right = 0;

	CHECK_INT(harness_yoked_stop(y), 0);
	setenv("YOKE_FAULT", "commit-fail-from=1", 1);
	bool up = harness_yoked_restart(y);
	unsetenv("YOKE_FAULT");
	REQUIRE(up);
	for (int k = 0; k < 2; k++)
		r[k] = harness_raw_new_as(y, who[k][0]);
	harness_sleep_ms(30);      /* both connected before either sends */
	for (uint64_t no = 1; no <= 3; no++)
		for (int k = 0; k < 2; k++)
			CHECK(send_badge_in(r[k], who[k][0], no, who[k][1], who[k][2]));
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 3; i++) {
			size_t len;
			uint8_t *buf = harness_raw_recv(r[k], 5000, &len);
			Yoke__Reply *rp = buf ? yoke__reply__unpack(NULL, len, buf) : NULL;
			if (rp && rp->status == YOKE__STATUS__STATUS_INTERNAL &&
			    strcmp(rp->message, who[k][3]) == 0)
				right++;
			else
				check_fail(__FILE__, __LINE__,
				    "%s: expected INTERNAL \"%s\", got %s \"%s\"", who[k][0], who[k][3],
				    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
			if (rp)
				yoke__reply__free_unpacked(rp, NULL);
			free(buf);
		}
	CHECK_INT(right, 6);
	for (int k = 0; k < 2; k++)
		harness_raw_free(r[k]);
}

static void
setup_ok(void)
{
	REQUIRE(setup());
}

int
main(void)
{
	harness_i18n_init();
	RUN(setup_ok);
	if (y) {
		RUN(station_words_follow_the_person);
		RUN(two_languages_at_once);
		RUN(notices_and_notes);
		RUN(desk_words_follow_the_request);
		RUN(unknown_language_refused);
		RUN(expired_session_in_the_readers_words);
		RUN(uncommitted_batch_in_each_language);    /* last: leaves yoked failing */
	}
	harness_yoked_free(y);
	harness_plant_free(plant);
	return check_done();
}
