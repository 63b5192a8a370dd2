/*
 * gs1_dl.c — GS1 Digital Link URIs (standards.md §1.8).
 *
 *   https://{domain}/{stem…}/{keyAI}/{key}[/{qualifierAI}/{value}…][?{AI}={value}&…]
 *
 * Any domain and any path stem are allowed, so the key path is found from
 * the end of the path: the longest tail of (AI, value) segment pairs that
 * starts with a primary key and whose qualifiers come in the dictionary's
 * order. Values are percent-decoded. Query parameters whose name is all
 * digits are AIs and are checked like any other field; other parameters
 * are ignored, as the standard says. A fragment (#…) is ignored.
 *
 * Which AIs are primary keys, and their qualifiers, come from the GS1
 * syntax dictionary ("dlpkey=22,10,21|235", gs1_ai.c). The query string
 * carries data attributes only: an AI there must be flagged "?" in the
 * dictionary, and must not be one that would make a valid key-qualifier
 * sequence if put into the path (a (10) beside /01/… belongs in the path,
 * as /01/…/10/…), as GS1's Syntax Engine also rules.
 */
#include <string.h>

#include "shared/gs1/gs1.h"
#include "shared/i18n.h"

#define MAX_SEGMENTS 64

struct span {
	size_t at, len;         /* relative to the URI */
};

/* An AI in the path, as the URI spells it. */
struct text {
	const char *s;
	size_t n;
};

/* The qualifier list of a primary key ("22,10,21|235", "" for none), or
 * NULL if s[0..n) is not a primary key. */
static const char *
key_qualifiers(const char *s, size_t n)
{
	const struct gs1_ai *a = gs1_ai_find(s, n);

	return a != NULL ? a->dlpkey : NULL;
}

/* The position of AI q within alternative alt of the list, or -1. */
static int
qualifier_rank(const char *list, const char *q, size_t n, int alt)
{
	int a = 0, rank = 0;

	for (const char *p = list; *p; ) {
		size_t w = strcspn(p, ",|");
		if (a == alt && w == n && memcmp(p, q, n) == 0)
			return rank;
		rank++;
		p += w;
		if (*p == '|') {
			a++;
			rank = 0;
		}
		if (*p)
			p++;
	}
	return -1;
}

/* True if ais[1..n) are qualifiers of the key ais[0] (whose list this is),
 * all from one alternative and in its order; a qualifier may be left out. */
static bool
sequence_valid(const char *list, const struct text *ais, int n)
{
	int alts = 1;

	for (const char *p = list; *p; p++)
		alts += *p == '|';
	for (int alt = 0; alt < alts; alt++) {
		int last = -1;
		bool ok = true;
		for (int i = 1; i < n && ok; i++) {
			int r = qualifier_rank(list, ais[i].s, ais[i].n, alt);
			ok = r > last;
			last = r;
		}
		if (ok)
			return true;
	}
	return false;
}

static bool
qualifiers_in_order(const char *uri, const struct span *seg, int from, int m, const char *list)
{
	struct text ais[MAX_SEGMENTS / 2 + 1];
	int n = 0;

	for (int i = from; i < m; i += 2)
		ais[n++] = (struct text){ uri + seg[i].at, seg[i].len };
	return sequence_valid(list, ais, n);
}

static int
find_key_path(const char *uri, const struct span *seg, int m)
{
	for (int start = m % 2; start < m; start += 2) {
		const char *q = key_qualifiers(uri + seg[start].at, seg[start].len);
		if (q != NULL && qualifiers_in_order(uri, seg, start, m, q))
			return start;
	}
	return -1;
}

static int
hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) into buf; returns the decoded length, or -1
 * after setting err. map[k] gets the input offset of decoded byte k: the
 * '%' of its triplet when it was encoded, so that a bad character found
 * later is shown where the person can see it. */
static long
decode(const char *s, size_t n, size_t at, char *buf, size_t *map, size_t size,
    struct gs1_error *err)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		size_t from = i;
		if (c == '%') {
			if (i + 2 >= n || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) {
				gs1_error_set(err, at + i, _("bad percent-encoding: '%%' must be followed "
				    "by two hex digits"));
				return -1;
			}
			c = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		}
		if (k + 1 >= size) {
			gs1_error_set(err, at, _("value too long: more than %d characters"), GS1_MAX_VALUE);
			return -1;
		}
		map[k] = at + from;
		buf[k++] = c;
	}
	return (long)k;
}

static bool
add_pair(const char *uri, struct span ai, struct span val, size_t base, int year,
    struct gs1_result *out, struct gs1_error *err)
{
	char buf[GS1_MAX_VALUE + 2];
	size_t map[GS1_MAX_VALUE + 2];
	long n = decode(uri + val.at, val.len, base + val.at, buf, map, sizeof buf, err);

	if (n < 0)
		return false;
	return gs1_add_field(out, uri + ai.at, ai.len, buf, (size_t)n, base + ai.at,
	    base + val.at, map, year, err);
}

static bool
all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The key path found: its AIs in order, the key's qualifier list. */
struct path {
	struct text ais[MAX_SEGMENTS / 2 + 2];
	int n;
	const char *list;
};

/* True if AI q put anywhere after the key would still make a valid
 * key-qualifier sequence: then it belongs in the path. */
static bool
belongs_in_path(const struct path *p, const char *q, size_t qn)
{
	struct text trial[MAX_SEGMENTS / 2 + 2];

	for (int at = 1; at <= p->n; at++) {
		int k = 0;
		for (int i = 0; i < p->n; i++) {
			if (i == at)
				trial[k++] = (struct text){ q, qn };
			trial[k++] = p->ais[i];
		}
		if (at == p->n)
			trial[k++] = (struct text){ q, qn };
		if (sequence_valid(p->list, trial, k))
			return true;
	}
	return false;
}

/* A query AI must be a data attribute of the dictionary ("?") and not a
 * qualifier that belongs in the path. Unknown AIs are left to the field
 * check, which names them. */
static bool
query_ai_allowed(const struct path *p, const char *uri, struct span ai, size_t base,
    struct gs1_error *err)
{
	const struct gs1_ai *def = gs1_ai_find(uri + ai.at, ai.len);

	if (def == NULL)
		return true;
	if (belongs_in_path(p, uri + ai.at, ai.len)) {
		gs1_error_set(err, base + ai.at, _("Digital Link: AI (%s) %s qualifies the key (%.*s) "
		    "and belongs in the path (/%.*s/…/%s/…), not in the query string"), def->code,
		    def->title, (int)p->ais[0].n, p->ais[0].s, (int)p->ais[0].n, p->ais[0].s, def->code);
		return false;
	}
	if (!(def->flags & GS1_AI_DL_ATTR)) {
		gs1_error_set(err, base + ai.at, _("Digital Link: AI (%s) %s is not a data attribute "
		    "and cannot be in the query string"), def->code, def->title);
		return false;
	}
	return true;
}

static bool
read_query(const struct path *p, const char *uri, size_t from, size_t to, size_t base, int year,
    struct gs1_result *out, struct gs1_error *err)
{
	size_t i = from;

	while (i < to) {
		size_t end = i, eq;
		while (end < to && uri[end] != '&')
			end++;
		eq = i;
		while (eq < end && uri[eq] != '=')
			eq++;
		if (eq < end && all_digits(uri + i, eq - i)) {
			struct span ai = { i, eq - i }, val = { eq + 1, end - eq - 1 };
			if (!query_ai_allowed(p, uri, ai, base, err) ||
			    !add_pair(uri, ai, val, base, year, out, err))
				return false;
		}
		i = end + 1;
	}
	return true;
}

static int
split_path(const char *uri, size_t from, size_t to, size_t base, struct span *seg,
    struct gs1_error *err)
{
	int m = 0;

	if (to > from && uri[to - 1] == '/') {
		gs1_error_set(err, base + to - 1, _("Digital Link: the path must not end with '/'"));
		return -1;
	}
	for (size_t i = from; i < to; ) {
		size_t j = i + 1;
		while (j < to && uri[j] != '/')
			j++;
		if (m == MAX_SEGMENTS) {
			gs1_error_set(err, base + i, _("Digital Link: more than %d path segments"),
			    MAX_SEGMENTS);
			return -1;
		}
		if (j == i + 1) {
			gs1_error_set(err, base + i, _("Digital Link: empty path segment"));
			return -1;
		}
		seg[m].at = i + 1;
		seg[m].len = j - i - 1;
		m++;
		i = j;
	}
	return m;
}

static bool
no_key_path(const char *uri, const struct span *seg, int m, size_t base,
    struct gs1_error *err)
{
	for (int s = m % 2; s < m; s += 2) {
		const char *list = key_qualifiers(uri + seg[s].at, seg[s].len);
		if (list != NULL && list[0] != '\0') {
			gs1_error_set(err, base + seg[s].at, _("Digital Link: /%.*s/… is not a valid "
			    "key-qualifier sequence (after %.*s may come, in this order: %s; '|' separates "
			    "alternatives)"), (int)seg[s].len, uri + seg[s].at, (int)seg[s].len,
			    uri + seg[s].at, list);
			return false;
		}
		if (list != NULL) {
			gs1_error_set(err, base + seg[s].at, _("Digital Link: /%.*s/… is not a valid "
			    "key-qualifier sequence (%.*s takes no qualifiers)"), (int)seg[s].len,
			    uri + seg[s].at, (int)seg[s].len, uri + seg[s].at);
			return false;
		}
	}
	gs1_error_set(err, base, _("Digital Link: no GS1 primary key (such as 00, 01, 414 or 8004) "
	    "with its value in the path"));
	return false;
}

bool
gs1_dl_parse(const char *uri, size_t len, size_t base, int year, struct gs1_result *out,
    struct gs1_error *err)
{
	struct span seg[MAX_SEGMENTS];
	struct path kp = { .n = 0 };
	size_t host = uri[4] == 's' || uri[4] == 'S' ? 8 : 7, path, end, q;
	int m, start;

	path = host;
	while (path < len && uri[path] != '/' && uri[path] != '?' && uri[path] != '#')
		path++;
	if (path == host) {
		gs1_error_set(err, base + host, _("Digital Link: expected a domain name after the scheme"));
		return false;
	}
	end = len;
	for (size_t i = path; i < len; i++)
		if (uri[i] == '#') {
			end = i;
			break;
		}
	q = path;
	while (q < end && uri[q] != '?')
		q++;
	m = split_path(uri, path, q, base, seg, err);
	if (m < 0)
		return false;
	start = find_key_path(uri, seg, m);
	if (start < 0)
		return no_key_path(uri, seg, m, base, err);
	kp.list = key_qualifiers(uri + seg[start].at, seg[start].len);
	for (int i = start; i < m; i += 2) {
		kp.ais[kp.n++] = (struct text){ uri + seg[i].at, seg[i].len };
		if (!add_pair(uri, seg[i], seg[i + 1], base, year, out, err))
			return false;
	}
	return q >= end || read_query(&kp, uri, q + 1, end, base, year, out, err);
}
