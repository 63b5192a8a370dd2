/*
 * message.h — what the sender puts on the wire, as pure functions of the
 * stored message (no sockets, no store, no clock of their own), so that
 * every byte is tested with known answers (tests/unit/test_notify_message.c).
 *
 *   e-mail      an RFC 5322 message: From, To, Subject (RFC 2047
 *               base64 encoded-words when it is not plain ASCII), Date,
 *               Message-ID made from the idempotency key (a receiver that
 *               sees a message again can tell), MIME-Version and a UTF-8
 *               text/plain body in base64 lines of 76
 *   webhook     the stored JSON, as it is
 *   wecom       {"msgtype":"text","text":{"content":TEXT}}
 *   dingtalk    the same body; with a secret the URL gets &timestamp=MS
 *               &sign=URLENC(BASE64(HMAC-SHA256(secret, "MS\nsecret")))
 *   feishu      {"timestamp":"S","sign":BASE64(HMAC-SHA256("S\nsecret", "")),
 *               "msg_type":"text","content":{"text":TEXT}} (sign only with a secret)
 *
 * Every function returns a malloc'd string (the caller frees it), or NULL
 * when a value cannot be made (an empty secret, no memory).
 */
#ifndef YOKE_NOTIFY_MESSAGE_H
#define YOKE_NOTIFY_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* s as a JSON string, quotes included; control characters escaped. */
char *msg_json_string(const char *s);
/* RFC 2047: s itself when it is printable ASCII, else =?UTF-8?B?...?= words. */
char *msg_header_text(const char *s);
/* "<key with every byte outside atext as =XX @domain>" */
char *msg_message_id(const char *key, const char *domain);
/* The whole e-mail, CRLF line ends. date_s: seconds since 1970 (UTC). */
char *msg_email(const char *from, const char *to, const char *subject, const char *body,
    const char *key, int64_t date_s);
/* The robot bodies. */
char *msg_wecom(const char *text);
char *msg_dingtalk(const char *text);
char *msg_feishu(const char *text, const char *secret, int64_t timestamp_s);
/* base64(HMAC-SHA256(key, data)). */
char *msg_hmac_b64(const void *key, size_t keylen, const void *data, size_t datalen);
/* DingTalk's sign for a timestamp in ms (base64, not yet URL-encoded). */
char *msg_dingtalk_sign(const char *secret, int64_t timestamp_ms);
/* Feishu's sign for a timestamp in seconds. */
char *msg_feishu_sign(const char *secret, int64_t timestamp_s);
/* The robot URL with &timestamp=&sign= (or ?timestamp= when it has no query). */
char *msg_dingtalk_url(const char *url, const char *secret, int64_t timestamp_ms);
/* True when a robot's reply says it took the message: no "errcode" or
 * "code" member other than 0 ({"errcode":0,...}, {"code":0,...}, {}). */
bool msg_robot_ok(const char *reply, char *why, size_t whysz);

#endif
