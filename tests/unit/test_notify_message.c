/*
 * test_notify_message.c — what the sender puts on the wire
 * (server/notify/message.h) and the notification statements of the
 * definitions (shared/defs/defs_notify.c), with known answers.
 *
 * The signatures were computed independently with Python's hmac module:
 *
 *   python3 -c 'import hmac,hashlib,base64; s="SEC0123456789abcdef"; t="1700000000000";
 *     print(base64.b64encode(hmac.new(s.encode(), (t+"\n"+s).encode(),
 *     hashlib.sha256).digest()).decode())'                  # DingTalk
 *   python3 -c 'import hmac,hashlib,base64; s="feishu-secret"; t="1700000000";
 *     print(base64.b64encode(hmac.new((t+"\n"+s).encode(), b"",
 *     hashlib.sha256).digest()).decode())'                  # Feishu
 */
#include "tests/lib/check.h"
#include "server/notify/message.h"
#include "server/notify/sender.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DING_SECRET "SEC0123456789abcdef"
#define DING_TS 1700000000000LL
#define DING_SIGN "TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk="
#define DING_SIGN_URL "TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D"
#define FEISHU_SECRET "feishu-secret"
#define FEISHU_TS 1700000000LL
#define FEISHU_SIGN "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU="

static void
dingtalk_sign_known_answer(void)
{
	char *s = msg_dingtalk_sign(DING_SECRET, DING_TS);
	char *u = msg_dingtalk_url("https://oapi.dingtalk.com/robot/send?access_token=abc",
	    DING_SECRET, DING_TS);
	CHECK_STR(s, DING_SIGN);
	CHECK_STR(u, "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000"
	    "&sign=" DING_SIGN_URL);
	free(s);
	free(u);
	/* No secret: the URL as it is, and no sign at all. */
	u = msg_dingtalk_url("http://h/x", "", DING_TS);
	CHECK_STR(u, "http://h/x");
	CHECK(msg_dingtalk_sign("", DING_TS) == NULL);
	free(u);
	/* A URL without a query gets '?'. */
	u = msg_dingtalk_url("http://h/x", DING_SECRET, DING_TS);
	CHECK(u && strncmp(u, "http://h/x?timestamp=1700000000000&sign=", 40) == 0);
	free(u);
}

static void
feishu_sign_known_answer(void)
{
	char *s = msg_feishu_sign(FEISHU_SECRET, FEISHU_TS);
	char *b = msg_feishu("line \"1\"\nline 2", FEISHU_SECRET, FEISHU_TS);
	CHECK_STR(s, FEISHU_SIGN);
	CHECK_STR(b, "{\"timestamp\":\"1700000000\",\"sign\":\"" FEISHU_SIGN "\",\"msg_type\":\"text\","
	    "\"content\":{\"text\":\"line \\\"1\\\"\\nline 2\"}}");
	free(s);
	free(b);
	b = msg_feishu("x", "", FEISHU_TS);
	CHECK_STR(b, "{\"msg_type\":\"text\",\"content\":{\"text\":\"x\"}}");
	free(b);
}

static void
robot_bodies(void)
{
	char *w = msg_wecom("报警 ALM-000001\n\x01"), *d = msg_dingtalk("a\\b");
	CHECK_STR(w, "{\"msgtype\":\"text\",\"text\":{\"content\":\"报警 ALM-000001\\n\\u0001\"}}");
	CHECK_STR(d, "{\"msgtype\":\"text\",\"text\":{\"content\":\"a\\\\b\"}}");
	free(w);
	free(d);
}

static void
robot_answers(void)
{
	char why[300];
	CHECK(msg_robot_ok("{\"errcode\":0,\"errmsg\":\"ok\"}", why, sizeof why));
	CHECK(msg_robot_ok("{\"code\": 0, \"msg\": \"success\"}", why, sizeof why));
	CHECK(msg_robot_ok("", why, sizeof why));
	CHECK(!msg_robot_ok("{\"errcode\":310000,\"errmsg\":\"sign not match\"}", why, sizeof why));
	CHECK(strstr(why, "310000") != NULL);
	CHECK(!msg_robot_ok("{\"code\":19021,\"msg\":\"sign match fail\"}", why, sizeof why));
	CHECK(!msg_robot_ok("{\"StatusCode\": 9499}", why, sizeof why));
}

static void
header_words(void)
{
	char *plain = msg_header_text("ALM-000001 at SMT-1");
	char *zh = msg_header_text("ALM-000001 在 SMT-1：呼叫帮助");
	char long_zh[400] = "";
	char *folded;
	CHECK_STR(plain, "ALM-000001 at SMT-1");
	CHECK_STR(zh, "=?UTF-8?B?QUxNLTAwMDAwMSDlnKggU01ULTHvvJrlkbzlj6vluK7liqk=?=");
	/* A long subject is folded into words of at most 75 characters, and a
	 * character of three bytes is never cut between two words. */
	for (int i = 0; i < 40; i++)
		strcat(long_zh, "报警");
	folded = msg_header_text(long_zh);
	REQUIRE(folded != NULL);
	for (char *line = folded; line;) {
		char *end = strstr(line, "\r\n");
		size_t n = end ? (size_t)(end - line) : strlen(line);
		CHECK(n <= 76);
		line = end ? end + 2 : NULL;
	}
	{
		/* Every word decodes to whole characters. */
		const char *at = folded;
		while ((at = strstr(at, "=?UTF-8?B?")) != NULL) {
			const char *end = strstr(at + 10, "?=");
			unsigned char bin[200];
			size_t binlen = 0;
			REQUIRE(end != NULL);
			CHECK(sodium_base642bin(bin, sizeof bin, at + 10, (size_t)(end - at - 10), NULL,
			    &binlen, NULL, sodium_base64_VARIANT_ORIGINAL) == 0);
			CHECK(binlen % 3 == 0);
			at = end;
		}
	}
	free(plain);
	free(zh);
	free(folded);
}

static void
message_id_from_key(void)
{
	char *a = msg_message_id("alarm/12/level/2/quality@plant.example", "plant.example");
	char *b = msg_message_id("alarm/12/level/2/quality=40plant.example", "plant.example");
	CHECK_STR(a, "<alarm/12/level/2/quality=40plant=2Eexample@plant.example>");
	/* '=' is escaped too, so two keys never make one id. */
	CHECK_STR(b, "<alarm/12/level/2/quality=3D40plant=2Eexample@plant.example>");
	free(a);
	free(b);
}

static void
email_message(void)
{
	char *m = msg_email("yoke@plant.example", "ida@plant.example", "报警 ALM-000001",
	    "Alarm ALM-000001 at station SMT-1.\n", "alarm/1/level/2/ida@plant.example",
	    1700000000);
	REQUIRE(m != NULL);
	CHECK(strstr(m, "From: <yoke@plant.example>\r\n") != NULL);
	CHECK(strstr(m, "To: <ida@plant.example>\r\n") != NULL);
	CHECK(strstr(m, "Subject: =?UTF-8?B?") != NULL);
	CHECK(strstr(m, "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n") != NULL);
	CHECK(strstr(m, "Message-ID: <alarm/1/level/2/ida=40plant=2Eexample@plant.example>\r\n"));
	CHECK(strstr(m, "X-Yoke-Key: alarm/1/level/2/ida@plant.example\r\n") != NULL);
	CHECK(strstr(m, "Content-Type: text/plain; charset=UTF-8\r\n") != NULL);
	CHECK(strstr(m, "Content-Transfer-Encoding: base64\r\n\r\n") != NULL);
	/* base64 of the body after the blank line. */
	CHECK(strstr(m, "\r\n\r\nQWxhcm0gQUxNLTAwMDAwMSBhdCBzdGF0aW9uIFNNVC0xLgo=\r\n") != NULL);
	/* No bare LF anywhere: every line ends in CRLF. */
	for (char *c = m; *c; c++)
		if (*c == '\n' && (c == m || c[-1] != '\r')) {
			CHECK(!"bare LF");
			break;
		}
	free(m);
}

static void
sender_refuses_what_it_cannot_send(void)
{
	struct send_job j = { 0 };
	j.key = (char *)"k";
	j.channel = (char *)"smtp";
	j.to = (char *)"a@b";
	j.subject = (char *)"s";
	j.body = (char *)"b";
	j.smtp_url = (char *)"";
	j.smtp_from = (char *)"";
	send_job_run(&j);
	CHECK(!j.delivered);
	CHECK(strstr(j.error, "smtp") != NULL);
	j.channel = (char *)"pigeon";
	send_job_run(&j);
	CHECK(!j.delivered);
	CHECK(strstr(j.error, "pigeon") != NULL);
	/* A URL scheme curl must not follow for a webhook. */
	j.channel = (char *)"webhook";
	j.to = (char *)"file:///etc/passwd";
	send_job_run(&j);
	CHECK(!j.delivered);
}

static bool
parses(const char *text, char *err, size_t errsz)
{
	Yoke__Definitions *d = defs_new();
	bool ok = defs_parse(d, "n.def", text, err, errsz) && defs_notify_validate(d, err, errsz);
	defs_free(d);
	return ok;
}

static void
statements(void)
{
	char err[600];
	Yoke__Definitions *d = defs_new();
	const char *good =
	    "smtp smtp://127.0.0.1:2525 from=yoke@plant.example\n"
	    "operator 300 \"Lee Lead\" role=lead email=lee@plant.example\n"
	    "notify line-hook channel=webhook to=http://127.0.0.1:9/hook?a=b\n"
	    "notify ding channel=dingtalk to=https://oapi.dingtalk.com/robot/send?access_token=x "
	    "secret=SECabc lang=zh_CN\n"
	    "escalate 1 after=0 role=lead channel=popup stop=ack\n"
	    "escalate 2 after=10m role=inspector channel=email source=andon,rule severity=violation\n"
	    "escalate 3 after=30m to=ding\n"
	    "escalate 3 after=30m to=line-hook\n";
	REQUIRE(defs_parse(d, "n.def", good, err, sizeof err));
	CHECK(defs_notify_validate(d, err, sizeof err));
	CHECK_INT(d->n_escalations, 4);
	CHECK_INT(d->n_notify_targets, 2);
	REQUIRE(d->smtp != NULL);
	CHECK_STR(d->smtp->from, "yoke@plant.example");
	CHECK_STR(d->operators[0]->email, "lee@plant.example");
	CHECK_INT(d->escalations[0]->after_s, 0);
	CHECK(d->escalations[0]->until_ack);
	CHECK_INT(d->escalations[1]->after_s, 600);
	CHECK_INT(d->escalations[1]->n_sources, 2);
	CHECK_INT(d->escalations[1]->severity, 2);
	CHECK_INT(d->escalations[2]->after_s, 1800);
	CHECK_STR(d->escalations[2]->target, "ding");
	CHECK_STR(d->notify_targets[1]->secret, "SECabc");
	CHECK_STR(d->notify_targets[1]->language, "zh_CN");
	defs_free(d);

	/* Each mistake is refused with its line and what was expected. */
	CHECK(!parses("escalate 1 after=0 channel=popup\n", err, sizeof err));
	CHECK(strstr(err, "n.def:1:") && strstr(err, "exactly one of"));
	CHECK(!parses("escalate 0 after=0 role=lead channel=popup\n", err, sizeof err));
	CHECK(strstr(err, "from 1 to 9") != NULL);
	CHECK(!parses("escalate 1 after=10x role=lead channel=popup\n", err, sizeof err));
	CHECK(strstr(err, "after:") != NULL);
	CHECK(!parses("escalate 1 after=0 role=lead channel=webhook\n", err, sizeof err));
	CHECK(strstr(err, "popup or email") != NULL);
	CHECK(!parses("escalate 1 after=0 role=lead\n", err, sizeof err));
	CHECK(!parses("escalate 1 after=0 to=nowhere\n", err, sizeof err));
	CHECK(strstr(err, "nowhere") != NULL);
	CHECK(!parses("escalate 1 after=0 role=lead channel=email\n", err, sizeof err));
	CHECK(strstr(err, "smtp") != NULL);
	CHECK(!parses("escalate 1 after=10m role=lead channel=popup\n"
	    "escalate 1 after=20m role=admin channel=popup\n", err, sizeof err));
	CHECK(strstr(err, "one level has one time") != NULL);
	CHECK(!parses("escalate 2 after=5m role=lead channel=popup\n"
	    "escalate 1 after=20m role=admin channel=popup\n", err, sizeof err));
	CHECK(!parses("escalate 1 after=0 role=lead channel=popup source=andon,andon\n", err,
	    sizeof err));
	CHECK(!parses("notify x channel=webhook to=ftp://h/x\n", err, sizeof err));
	CHECK(strstr(err, "http://") != NULL);
	CHECK(!parses("notify x channel=webhook to=file:///etc/passwd\n", err, sizeof err));
	CHECK(!parses("notify x channel=email to=not-an-address\n", err, sizeof err));
	CHECK(!parses("notify x channel=webhook to=http://h/x secret=s\n", err, sizeof err));
	CHECK(!parses("notify x channel=popup to=http://h/x\n", err, sizeof err));
	CHECK(!parses("notify x channel=webhook to=http://h/x\nnotify x channel=webhook "
	    "to=http://h/y\n", err, sizeof err));
	CHECK(strstr(err, "twice") != NULL);
	CHECK(!parses("smtp http://h from=a@b\n", err, sizeof err));
	CHECK(!parses("smtp smtp://h from=a@b\nsmtp smtp://h from=a@b\n", err, sizeof err));
	CHECK(!parses("smtp smtp://h from=a<b>@c\n", err, sizeof err));
	CHECK(!parses("operator 1 \"A\" role=lead email=a@b@c\n", err, sizeof err));
	CHECK(parses("operator 1 \"A\" role=lead email=mailto:a@b.example\n", err, sizeof err));
}

int
main(void)
{
	i18n_init();
	if (sodium_init() < 0)
		return 1;
	RUN(dingtalk_sign_known_answer);
	RUN(feishu_sign_known_answer);
	RUN(robot_bodies);
	RUN(robot_answers);
	RUN(header_words);
	RUN(message_id_from_key);
	RUN(email_message);
	RUN(sender_refuses_what_it_cannot_send);
	RUN(statements);
	return check_done();
}
