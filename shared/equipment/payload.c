/*
 * payload.c — the plain JSON layout of equipment values (payload.h): the
 * topic and a small reader for one flat JSON object. Only what a value
 * needs is read: strings, numbers, true, false and null; a nested object
 * or array is refused, as is anything after the object.
 */
#include "shared/equipment/payload.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool say(char *err, size_t errsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool
say(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return false;
}

/* One level of a topic: 1..max printable ASCII without space, '/', '"', '+', '#'. */
static bool
level_ok(const char *s, size_t len, size_t max)
{
	if (len == 0 || len > max)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '/' || c == '"' || c == '+' || c == '#')
			return false;
	}
	return true;
}

bool
payload_topic(const char *root, const char *topic, struct reading *r, char *err, size_t errsz)
{
	size_t rl = strlen(root);
	const char *st, *slash;
	if (strncmp(topic, root, rl) != 0 || topic[rl] != '/')
		return say(err, errsz, "topic \"%.80s\": expected %s/STATION/PARAMETER", topic, root);
	st = topic + rl + 1;
	slash = strchr(st, '/');
	if (slash == NULL || !level_ok(st, (size_t)(slash - st), sizeof r->station - 1) ||
	    !level_ok(slash + 1, strlen(slash + 1), sizeof r->parameter - 1))
		return say(err, errsz, "topic \"%.80s\": expected %s/STATION/PARAMETER (each 1 to 40 "
		    "characters of printable ASCII)", topic, root);
	memcpy(r->station, st, (size_t)(slash - st));
	r->station[slash - st] = '\0';
	strcpy(r->parameter, slash + 1);
	return true;
}

/* ---- a flat JSON object ---- */

struct json {
	const char *p, *end;
	char *err;
	size_t errsz;
};

static void
skip_ws(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static size_t
put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | (cp >> 12));
	o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* A string into out (size bytes with the NUL); longer is an error. */
static bool
json_string(struct json *j, char *out, size_t size, const char *what)
{
	size_t n = 0;
	if (j->p >= j->end || *j->p != '"')
		return say(j->err, j->errsz, "%s: expected a string", what);
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		char buf[4];
		size_t bl = 1;
		if (c < 0x20)
			return say(j->err, j->errsz, "%s: a control character inside a string", what);
		buf[0] = (char)c;
		if (c == '\\') {
			if (j->p >= j->end)
				break;
			c = (unsigned char)*j->p++;
			switch (c) {
			case '"': case '\\': case '/': buf[0] = (char)c; break;
			case 'b': buf[0] = '\b'; break;
			case 'f': buf[0] = '\f'; break;
			case 'n': buf[0] = '\n'; break;
			case 'r': buf[0] = '\r'; break;
			case 't': buf[0] = '\t'; break;
			case 'u': {
				unsigned cp = 0;
				for (int k = 0; k < 4; k++) {
					int h = j->p < j->end ? *j->p++ : 0;
					cp <<= 4;
					if (h >= '0' && h <= '9')
						cp |= (unsigned)(h - '0');
					else if (h >= 'a' && h <= 'f')
						cp |= (unsigned)(h - 'a' + 10);
					else if (h >= 'A' && h <= 'F')
						cp |= (unsigned)(h - 'A' + 10);
					else
						return say(j->err, j->errsz, "%s: a bad \\u escape", what);
				}
				if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
					return say(j->err, j->errsz, "%s: \\u%04X is not accepted", what, cp);
				bl = put_utf8(buf, cp);
				break;
			}
			default:
				return say(j->err, j->errsz, "%s: unknown escape \\%c", what, c);
			}
		}
		if (n + bl >= size)
			return say(j->err, j->errsz, "%s: longer than %zu bytes", what, size - 1);
		memcpy(out + n, buf, bl);
		n += bl;
	}
	if (j->p >= j->end)
		return say(j->err, j->errsz, "%s: the string does not end", what);
	j->p++;
	out[n] = '\0';
	return true;
}

/* A JSON number (the grammar's own: no hex, no NaN, no leading '+'). */
static bool
json_number(struct json *j, double *v, const char *what)
{
	const char *s = j->p;
	char buf[64];
	char *endp;
	size_t len;
	if (s < j->end && *s == '-')
		s++;
	if (s >= j->end || *s < '0' || *s > '9')
		return say(j->err, j->errsz, "%s: expected a number", what);
	while (s < j->end && ((*s >= '0' && *s <= '9') || *s == '.' || *s == 'e' || *s == 'E' ||
	    *s == '+' || *s == '-'))
		s++;
	len = (size_t)(s - j->p);
	if (len >= sizeof buf)
		return say(j->err, j->errsz, "%s: a number of more than %zu characters", what,
		    sizeof buf - 1);
	memcpy(buf, j->p, len);
	buf[len] = '\0';
	errno = 0;
	*v = strtod(buf, &endp);
	if (*endp != '\0' || errno == ERANGE || !isfinite(*v))
		return say(j->err, j->errsz, "%s: \"%s\" is not a finite number", what, buf);
	j->p = s;
	return true;
}

/* Skips a value of a key nobody reads: a string, number, true, false, null. */
static bool
json_skip(struct json *j, const char *key)
{
	char tmp[PAYLOAD_JSON_MAX];
	double d;
	if (j->p < j->end && *j->p == '"')
		return json_string(j, tmp, sizeof tmp, key);
	if (j->p < j->end && (*j->p == '{' || *j->p == '['))
		return say(j->err, j->errsz, "%s: expected a flat object, found a nested %s", key,
		    *j->p == '{' ? "object" : "array");
	for (const char *w = "true\0false\0null\0"; *w; w += strlen(w) + 1) {
		size_t l = strlen(w);
		if ((size_t)(j->end - j->p) >= l && memcmp(j->p, w, l) == 0) {
			j->p += l;
			return true;
		}
	}
	return json_number(j, &d, key);
}

bool
payload_time(const char *s, int64_t *us)
{
	struct tm tm;
	int y, mo, d, h, mi, sec, n = 0;
	long frac = 0, scale = 1000000;
	time_t t;
	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return false;
	s += n;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9') {
			if (scale > 1) {
				scale /= 10;
				frac += (*s - '0') * scale;
			}
			s++;
		}
	}
	long off = 0;
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int oh, om, m = 0;
		if (sscanf(s + 1, "%2d:%2d%n", &oh, &om, &m) != 2 || m != 5 || oh > 23 || om > 59)
			return false;
		off = (oh * 60L + om) * 60L * (*s == '-' ? -1 : 1);
		s += 6;
	} else {
		return false;
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 ||
	    y < 1970)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return false;
	*us = ((int64_t)t - off) * 1000000 + frac;
	return true;
}

bool
payload_json(const char *buf, size_t len, struct reading *r, char *err, size_t errsz)
{
	struct json j = { .p = buf, .end = buf + len, .err = err, .errsz = errsz };
	bool have_value = false, seen[5] = { false };
	static const char *const keys[] = { "value", "unit", "serial", "ts", "program" };
	/* payload_topic named the parameter first: "program" carries a name, not a value */
	bool is_program = strcmp(r->parameter, "program") == 0;

	if (len > PAYLOAD_JSON_MAX)
		return say(err, errsz, "payload of %zu bytes; at most %d are read", len, PAYLOAD_JSON_MAX);
	r->unit[0] = r->serial[0] = r->program[0] = '\0';
	r->time_us = 0;
	skip_ws(&j);
	if (j.p < j.end && *j.p != '{' && !is_program) {       /* a bare number */
		if (!json_number(&j, &r->value, "payload"))
			return say(err, errsz, "payload: expected a JSON object {\"value\":NUMBER,...} or a "
			    "number");
		skip_ws(&j);
		return j.p == j.end || say(err, errsz, "payload: text after the number");
	}
	if (j.p >= j.end)
		return say(err, errsz, "payload: empty; expected {\"value\":NUMBER,...}");
	j.p++;
	skip_ws(&j);
	if (j.p < j.end && *j.p == '}')
		j.p++;
	else
		for (;;) {
			char key[64];
			int k;
			skip_ws(&j);
			if (!json_string(&j, key, sizeof key, "key"))
				return false;
			skip_ws(&j);
			if (j.p >= j.end || *j.p++ != ':')
				return say(err, errsz, "after \"%s\": expected ':'", key);
			skip_ws(&j);
			for (k = 0; k < 5 && strcmp(keys[k], key) != 0; k++)
				;
			if (k < 5 && seen[k])
				return say(err, errsz, "\"%s\" is given twice", key);
			if (k < 5)
				seen[k] = true;
			if (k == 0) {
				if (!json_number(&j, &r->value, "value"))
					return false;
				have_value = true;
			} else if (k == 1) {
				if (!json_string(&j, r->unit, sizeof r->unit, "unit"))
					return false;
			} else if (k == 2) {
				if (!json_string(&j, r->serial, sizeof r->serial, "serial"))
					return false;
				for (const char *c = r->serial; *c; c++)
					if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f || *c == '/')
						return say(err, errsz, "serial: expected printable ASCII without "
						    "spaces or '/'");
			} else if (k == 3) {
				char ts[64];
				double secs;
				if (j.p < j.end && *j.p == '"') {
					if (!json_string(&j, ts, sizeof ts, "ts"))
						return false;
					if (!payload_time(ts, &r->time_us))
						return say(err, errsz, "ts: expected an RFC 3339 time such as "
						    "2026-11-26T10:00:00Z, found \"%s\"", ts);
				} else {
					if (!json_number(&j, &secs, "ts"))
						return false;
					if (secs < 0 || secs > 4e9)
						return say(err, errsz, "ts: %g seconds since the epoch is out of "
						    "range", secs);
					r->time_us = (int64_t)(secs * 1e6);
				}
			} else if (k == 4) {
				if (!json_string(&j, r->program, sizeof r->program, "program"))
					return false;
			} else if (!json_skip(&j, key)) {
				return false;
			}
			skip_ws(&j);
			if (j.p < j.end && *j.p == ',') {
				j.p++;
				continue;
			}
			if (j.p < j.end && *j.p == '}') {
				j.p++;
				break;
			}
			return say(err, errsz, "expected ',' or '}' after \"%s\"", key);
		}
	skip_ws(&j);
	if (j.p != j.end)
		return say(err, errsz, "text after the object");
	if (is_program)
		return r->program[0] != '\0' ||
		    say(err, errsz, "no \"program\"; expected {\"program\":\"NAME\"}");
	if (!have_value)
		return say(err, errsz, "no \"value\"; expected {\"value\":NUMBER,...}");
	return true;
}
