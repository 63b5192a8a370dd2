/* message.c — see message.h. */
#include "server/notify/message.h"
#include "shared/util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *
msg_json_string(const char *s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (f == NULL)
		return NULL;
	fputc('"', f);
	for (const unsigned char *c = (const unsigned char *)(s ? s : ""); *c; c++) {
		switch (*c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*c < 0x20 || *c == 0x7f)
				fprintf(f, "\\u%04x", *c);
			else
				fputc(*c, f);
		}
	}
	fputc('"', f);
	fclose(f);
	return out;
}

static char *
b64(const void *data, size_t n)
{
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *out = xmalloc(cap);
	sodium_bin2base64(out, cap, data, n, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

static bool
plain_ascii(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c < 0x20 || *c >= 0x7f)
			return false;
	return true;
}

/* The length of the longest UTF-8 prefix of s of at most max bytes that
 * ends at a character boundary. */
static size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	size_t k;
	if (n <= max)
		return n;
	k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k > 0 ? k : max;
}

char *
msg_header_text(const char *s)
{
	char *out = NULL;
	size_t len = 0, n = strlen(s ? s : "");
	FILE *f;
	if (s == NULL)
		s = "";
	if (plain_ascii(s))
		return xasprintf("%s", s);
	if ((f = open_memstream(&out, &len)) == NULL)
		return NULL;
	/* An encoded-word is at most 75 characters: 45 bytes of text become
	 * 60 of base64, plus "=?UTF-8?B?" and "?=". Words are folded onto
	 * lines of their own; a character is never split between two. */
	for (size_t at = 0; at < n;) {
		size_t k = utf8_cut(s + at, n - at, 45);
		char *w = b64(s + at, k);
		fprintf(f, "%s=?UTF-8?B?%s?=", at ? "\r\n " : "", w);
		free(w);
		at += k;
	}
	fclose(f);
	return out;
}

static bool
atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    strchr("!#$%&'*+-/?^_`{|}~", c) != NULL;
}

char *
msg_message_id(const char *key, const char *domain)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (f == NULL)
		return NULL;
	fputc('<', f);
	/* '=' is itself written as =3D, so two keys never give one id. */
	for (const unsigned char *c = (const unsigned char *)key; *c; c++)
		if (atext(*c))
			fputc(*c, f);
		else
			fprintf(f, "=%02X", *c);
	fprintf(f, "@%s>", domain && *domain ? domain : "yoke.invalid");
	fclose(f);
	return out;
}

char *
msg_email(const char *from, const char *to, const char *subject, const char *body,
    const char *key, int64_t date_s)
{
	char *out = NULL, *subj, *id, *enc, date[64];
	const char *domain = strchr(from, '@');
	size_t len = 0, n = strlen(body);
	time_t t = (time_t)date_s;
	struct tm tm;
	FILE *f;

	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if ((f = open_memstream(&out, &len)) == NULL)
		return NULL;
	subj = msg_header_text(subject);
	id = msg_message_id(key, domain ? domain + 1 : NULL);
	fprintf(f, "From: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: %s\r\n"
	    "X-Yoke-Key: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", from, to, subj ? subj : "", date,
	    id ? id : "", plain_ascii(key) ? key : "");
	free(subj);
	free(id);
	enc = b64(body, n);
	for (size_t at = 0, m = strlen(enc); at < m; at += 76)
		fprintf(f, "%.76s\r\n", enc + at);
	free(enc);
	fclose(f);
	return out;
}

static char *
text_body(const char *fmt_head, const char *text, const char *tail)
{
	char *j = msg_json_string(text), *out;
	if (j == NULL)
		return NULL;
	out = xasprintf("%s%s%s", fmt_head, j, tail);
	free(j);
	return out;
}

char *
msg_wecom(const char *text)
{
	return text_body("{\"msgtype\":\"text\",\"text\":{\"content\":", text, "}}");
}

char *
msg_dingtalk(const char *text)
{
	return text_body("{\"msgtype\":\"text\",\"text\":{\"content\":", text, "}}");
}

char *
msg_hmac_b64(const void *key, size_t keylen, const void *data, size_t datalen)
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	if (crypto_auth_hmacsha256_init(&st, key, keylen) != 0 ||
	    crypto_auth_hmacsha256_update(&st, data, datalen) != 0 ||
	    crypto_auth_hmacsha256_final(&st, mac) != 0)
		return NULL;
	return b64(mac, sizeof mac);
}

char *
msg_dingtalk_sign(const char *secret, int64_t timestamp_ms)
{
	char *data, *out;
	if (secret == NULL || *secret == '\0')
		return NULL;
	data = xasprintf("%lld\n%s", (long long)timestamp_ms, secret);
	out = msg_hmac_b64(secret, strlen(secret), data, strlen(data));
	free(data);
	return out;
}

char *
msg_feishu_sign(const char *secret, int64_t timestamp_s)
{
	char *key, *out;
	if (secret == NULL || *secret == '\0')
		return NULL;
	key = xasprintf("%lld\n%s", (long long)timestamp_s, secret);
	out = msg_hmac_b64(key, strlen(key), "", 0);
	free(key);
	return out;
}

char *
msg_feishu(const char *text, const char *secret, int64_t timestamp_s)
{
	char *j = msg_json_string(text), *sign = NULL, *out;
	if (j == NULL)
		return NULL;
	if (secret && *secret && (sign = msg_feishu_sign(secret, timestamp_s)) != NULL)
		out = xasprintf("{\"timestamp\":\"%lld\",\"sign\":\"%s\",\"msg_type\":\"text\","
		    "\"content\":{\"text\":%s}}", (long long)timestamp_s, sign, j);
	else
		out = xasprintf("{\"msg_type\":\"text\",\"content\":{\"text\":%s}}", j);
	free(sign);
	free(j);
	return out;
}

char *
msg_dingtalk_url(const char *url, const char *secret, int64_t timestamp_ms)
{
	char *sign, *out = NULL;
	size_t len = 0;
	FILE *f;
	if (secret == NULL || *secret == '\0')
		return xasprintf("%s", url);
	if ((sign = msg_dingtalk_sign(secret, timestamp_ms)) == NULL)
		return NULL;
	if ((f = open_memstream(&out, &len)) == NULL) {
		free(sign);
		return NULL;
	}
	fprintf(f, "%s%ctimestamp=%lld&sign=", url, strchr(url, '?') ? '&' : '?',
	    (long long)timestamp_ms);
	for (const unsigned char *c = (const unsigned char *)sign; *c; c++)
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
			fputc(*c, f);
		else
			fprintf(f, "%%%02X", *c);
	fclose(f);
	free(sign);
	return out;
}

/* The number after "name": in a JSON text, when there is one. */
static bool
member_number(const char *json, const char *name, long *out)
{
	char pat[32];
	const char *at = json;
	snprintf(pat, sizeof pat, "\"%s\"", name);
	while ((at = strstr(at, pat)) != NULL) {
		char *end;
		at += strlen(pat);
		while (*at == ' ' || *at == '\t' || *at == '\r' || *at == '\n')
			at++;
		if (*at != ':')
			continue;
		at++;
		while (*at == ' ' || *at == '\t' || *at == '\r' || *at == '\n')
			at++;
		*out = strtol(at, &end, 10);
		if (end == at)
			*out = -1;     /* a code that is not a number: not taken */
		return true;
	}
	return false;
}

bool
msg_robot_ok(const char *reply, char *why, size_t whysz)
{
	static const char *const names[] = { "errcode", "code", "StatusCode" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		long v;
		if (reply && member_number(reply, names[i], &v) && v != 0) {
			snprintf(why, whysz, "the robot answered %s %ld: %.160s", names[i], v, reply);
			return false;
		}
	}
	return true;
}
