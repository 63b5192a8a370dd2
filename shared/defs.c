/*
 * defs.c — the definition file parser, deep copies and lookups (see defs.h;
 * the cross-reference validator is in defs_check.c).
 *
 * A file is read one line at a time. Each line is checked as bytes first
 * (length, UTF-8, control characters), then cut into tokens: bare words,
 * KEY=VALUE words, and double-quoted texts with \" and \\ escapes; a '#'
 * that starts a token starts a comment. The first word is the statement's
 * keyword, and a table (statements[] below) says for each keyword what
 * follows it: a positional value, a quoted text (none, optional or
 * required), which options and which bare flags it accepts, and in which
 * block it may stand. The generic pass checks the line against the table,
 * so "unknown option" and "missing value" read the same everywhere; the
 * builder for the keyword then converts and checks each value.
 *
 * Blocks: "bom" opens a BOM that following "line" statements fill;
 * "routing" opens a routing that "op" statements fill, and "op" opens an
 * operation that step statements (instruct, scan, measure, check, inspect)
 * fill. Any top-level statement closes the open blocks. Indentation is for
 * the reader only.
 *
 * Records are built into a private Definitions and moved into the caller's
 * only when the whole file has parsed, so a failing file appends nothing.
 * Everything is allocated with malloc, so protobuf-c's free_unpacked with
 * the default allocator releases the tree (defs_free), and a deep copy is a
 * pack followed by an unpack.
 */
#include "shared/defs.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/log.h"
#include "shared/utf8.h"
#include "shared/util.h"

#define OPTS_MAX 8
#define FLAGS_MAX 2
#define TOKENS_MAX 32

/* Where a statement may stand. */
enum block { IN_TOP, IN_BOM, IN_ROUTING, IN_OPERATION };

enum text_rule { TEXT_NONE, TEXT_OPTIONAL, TEXT_REQUIRED };

struct statement_rule {
	const char *keyword;
	const char *positional;      /* what the value after the keyword is; NULL: none */
	enum text_rule text;
	const char *text_what;       /* "a description", for messages */
	const char *options[OPTS_MAX];
	const char *required[OPTS_MAX];
	const char *flags[FLAGS_MAX];
	enum block block;
};

static const struct statement_rule statements[] = {
	{ "part", "a part number", TEXT_REQUIRED, "a quoted description",
	  { "rev", "tracking" }, { "rev", "tracking" }, { NULL }, IN_TOP },
	{ "bom", "the parent part number", TEXT_NONE, NULL,
	  { NULL }, { NULL }, { NULL }, IN_TOP },
	{ "line", "a component part number", TEXT_NONE, NULL,
	  { "qty" }, { NULL }, { "scan" }, IN_BOM },
	{ "routing", "the product part number", TEXT_NONE, NULL,
	  { "rev" }, { "rev" }, { "released" }, IN_TOP },
	{ "op", "an operation number", TEXT_REQUIRED, "a quoted operation name",
	  { "station" }, { "station" }, { NULL }, IN_ROUTING },
	{ "instruct", NULL, TEXT_REQUIRED, "a quoted work instruction",
	  { NULL }, { NULL }, { NULL }, IN_OPERATION },
	{ "scan", "a component part number", TEXT_OPTIONAL, NULL,
	  { "qty" }, { NULL }, { NULL }, IN_OPERATION },
	{ "measure", "a measurement name", TEXT_OPTIONAL, NULL,
	  { "unit", "lsl", "target", "usl" }, { NULL }, { NULL }, IN_OPERATION },
	{ "check", NULL, TEXT_REQUIRED, "a quoted check text",
	  { NULL }, { NULL }, { NULL }, IN_OPERATION },
	{ "inspect", NULL, TEXT_REQUIRED, "a quoted inspection text",
	  { "by", "every" }, { NULL }, { NULL }, IN_OPERATION },
	{ "station", "a station id", TEXT_REQUIRED, "a quoted station name",
	  { "kind" }, { "kind" }, { NULL }, IN_TOP },
	{ "operator", "a badge number", TEXT_REQUIRED, "the operator's quoted name",
	  { "role", "qualified" }, { "role" }, { NULL }, IN_TOP },
};
#define NSTATEMENTS (sizeof statements / sizeof statements[0])

/* One line cut into its parts. Strings point into the line buffer. */
struct line {
	const struct statement_rule *rule;
	const char *keyword;
	const char *positional;
	const char *text;
	const char *opt_key[OPTS_MAX], *opt_val[OPTS_MAX];
	int nopts;
	const char *flag[FLAGS_MAX];
	int nflags;
};

struct parser {
	const char *file;
	int lineno;
	char *err;
	size_t errsz;
	Yoke__Definitions *out;      /* private until the whole file parsed */
	Yoke__Bom *bom;              /* open blocks */
	Yoke__Routing *routing;
	Yoke__Operation *operation;
};

static bool fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes "file:line: message" and returns false, so callers `return fail(...)`. */
static bool
fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(p->err, p->errsz, "%s:%d: ", p->file, p->lineno);
	if (n < 0 || (size_t)n >= p->errsz)
		return false;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

#define APPEND(arr, n, item) do { \
	(arr) = xrealloc((arr), ((n) + 1) * sizeof *(arr)); \
	(arr)[(n)++] = (item); } while (0)

/* ---- values ---- */

/* An identifier: 1..DEFS_ID_MAX bytes of printable ASCII, no space, '/' or '"'
 * (a component label is "PART/ID", so '/' would make it ambiguous). */
static bool
check_id(struct parser *p, const char *what, const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return fail(p, "expected %s, found nothing", what);
	if (len > DEFS_ID_MAX)
		return fail(p, "%s \"%.20s...\" is %zu bytes long; at most %d are allowed", what, s, len,
		    DEFS_ID_MAX);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '/' || *c == '"')
			return fail(p, "%s: expected printable ASCII without spaces, '/' or '\"', "
			    "found \"%s\"", what, s);
	return true;
}

static bool
check_text(struct parser *p, const char *what, const char *s, size_t max)
{
	size_t len = strlen(s);
	if (len == 0)
		return fail(p, "%s: expected a non-empty text, found \"\"", what);
	if (len > max)
		return fail(p, "%s is %zu bytes long; at most %zu are allowed", what, len, max);
	return true;
}

/* A whole decimal number in [min, max]: digits only, no sign, no spaces. */
static bool
parse_count(struct parser *p, const char *what, const char *s, uint32_t min, uint32_t max,
    uint32_t *out)
{
	unsigned long v;
	char *end;
	if (s[0] < '0' || s[0] > '9')
		return fail(p, "%s: expected a whole number from %u to %u, found \"%s\"", what, min, max,
		    s);
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max)
		return fail(p, "%s: expected a whole number from %u to %u, found \"%s\"", what, min, max,
		    s);
	*out = (uint32_t)v;
	return true;
}

/* A finite decimal number; strtod must take the whole token. Hex forms,
 * NaN and infinities are refused by the character set before strtod. */
static bool
parse_real(struct parser *p, const char *what, const char *s, double *out)
{
	char *end;
	double v;
	bool digit = false, ok = true;
	for (const char *c = s; *c; c++) {
		if (*c >= '0' && *c <= '9')
			digit = true;
		else if (!strchr("+-.eE", *c))
			ok = false;
	}
	if (!ok || !digit)
		return fail(p, "%s: expected a decimal number such as 245 or -0.5, found \"%s\"", what,
		    s);
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(v))
		return fail(p, "%s: expected a decimal number such as 245 or -0.5, found \"%s\"", what,
		    s);
	*out = v;
	return true;
}

static bool
parse_tracking(struct parser *p, const char *s, Yoke__Tracking *out)
{
	static const Yoke__Tracking all[] = { YOKE__TRACKING__TRACKING_NONE,
		YOKE__TRACKING__TRACKING_LOT, YOKE__TRACKING__TRACKING_SERIAL };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, defs_tracking_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	return fail(p, "tracking: expected none, lot or serial, found \"%s\"", s);
}

static bool
parse_role(struct parser *p, const char *s, Yoke__Role *out)
{
	for (int r = YOKE__ROLE__ROLE_OPERATOR; r <= YOKE__ROLE__ROLE_ADMIN; r++)
		if (strcmp(s, defs_role_name((Yoke__Role)r)) == 0) {
			*out = (Yoke__Role)r;
			return true;
		}
	return fail(p, "role: expected operator, lead, inspector, engineer or admin, found \"%s\"", s);
}

/* Checks one entry of qualified=: a lone star, "PRODUCT/" then a star, or
 * "PRODUCT/OPNO". */
static bool
check_qualification(struct parser *p, const char *s)
{
	const char *slash = strchr(s, '/');
	char product[DEFS_ID_MAX + 1];
	uint32_t opno;
	size_t plen;

	if (strcmp(s, "*") == 0)
		return true;
	if (slash == NULL || slash == s || (plen = (size_t)(slash - s)) > DEFS_ID_MAX)
		return fail(p, "qualified: expected PRODUCT/OPNO, PRODUCT/* or *, found \"%s\"", s);
	memcpy(product, s, plen);
	product[plen] = '\0';
	if (!check_id(p, "qualified product", product))
		return false;
	if (strcmp(slash + 1, "*") == 0)
		return true;
	if (slash[1] < '0' || slash[1] > '9')
		return fail(p, "qualified: expected PRODUCT/OPNO, PRODUCT/* or *, found \"%s\"", s);
	return parse_count(p, "qualified operation number", slash + 1, 1, DEFS_NUMBER_MAX, &opno);
}

/* ---- one line ---- */

static const char *
option_hint(const char *key)
{
	static const char *const hints[][2] = {
		{ "rev", "rev=REVISION" }, { "tracking", "tracking=none|lot|serial" },
		{ "qty", "qty=N" }, { "station", "station=KIND" }, { "unit", "unit=UNIT" },
		{ "lsl", "lsl=NUMBER" }, { "target", "target=NUMBER" }, { "usl", "usl=NUMBER" },
		{ "by", "by=operator|inspector" }, { "every", "every=unit|first-article|1-in-N" },
		{ "kind", "kind=KIND" }, { "role", "role=operator|lead|inspector|engineer|admin" },
		{ "qualified", "qualified=PRODUCT/OPNO,PRODUCT/*,*" },
	};
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (strcmp(hints[i][0], key) == 0)
			return hints[i][1];
	return key;
}

/* "rev=REVISION, tracking=none|lot|serial or scan": what a statement accepts. */
static void
accepted(const struct statement_rule *r, char *buf, size_t size)
{
	const char *items[OPTS_MAX + FLAGS_MAX];
	size_t n = 0, off = 0;
	for (int i = 0; i < OPTS_MAX && r->options[i]; i++)
		items[n++] = option_hint(r->options[i]);
	for (int i = 0; i < FLAGS_MAX && r->flags[i]; i++)
		items[n++] = r->flags[i];
	buf[0] = '\0';
	if (n == 0) {
		snprintf(buf, size, "nothing more");
		return;
	}
	for (size_t i = 0; i < n && off < size; i++) {
		int w = snprintf(buf + off, size - off, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
		    items[i]);
		if (w < 0)
			break;
		off += (size_t)w;
	}
}

static bool
in_list(const char *const *list, int max, const char *s)
{
	for (int i = 0; i < max && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* Bytes: length, UTF-8, no control characters other than tab. */
static bool
check_bytes(struct parser *p, const char *s, size_t len)
{
	if (len > DEFS_LINE_MAX)
		return fail(p, "the line is %zu bytes long; at most %d are allowed", len, DEFS_LINE_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(p, "control character 0x%02X at byte %zu; expected printable text", c,
			    i + 1);
	}
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return fail(p, "invalid UTF-8 at byte %zu (0x%02X); expected the file to be "
			    "saved as UTF-8", i + 1, (unsigned char)s[i]);
		i += (size_t)n;
	}
	return true;
}

/* Cuts buf (modified in place) into words and quoted texts. */
static bool
tokenize(struct parser *p, char *buf, char **tok, bool *quoted, int *ntok)
{
	char *c = buf;
	*ntok = 0;
	for (;;) {
		while (*c == ' ' || *c == '\t')
			c++;
		if (*c == '\0' || *c == '#')
			return true;
		if (*ntok == TOKENS_MAX)
			return fail(p, "too many words on one line; at most %d are allowed", TOKENS_MAX);
		if (*c == '"') {
			char *w = ++c;
			tok[*ntok] = w;
			quoted[(*ntok)++] = true;
			for (;;) {
				if (*c == '\0')
					return fail(p, "unterminated quoted text; expected a closing '\"'");
				if (*c == '\\') {
					if (c[1] != '"' && c[1] != '\\')
						return fail(p, "unknown escape \"\\%.1s\" in quoted text; only "
						    "\\\" and \\\\ are allowed", c[1] ? c + 1 : "");
					*w++ = c[1];
					c += 2;
				} else if (*c == '"') {
					c++;
					break;
				} else if (*c == '\t') {
					return fail(p, "a tab inside quoted text; expected spaces");
				} else {
					*w++ = *c++;
				}
			}
			if (*c != '\0' && *c != ' ' && *c != '\t')
				return fail(p, "expected a space after the closing '\"', found '%c'", *c);
			*w = '\0';
			if (*c)
				c++;
		} else {
			tok[*ntok] = c;
			quoted[(*ntok)++] = false;
			while (*c && *c != ' ' && *c != '\t') {
				if (*c == '"')
					return fail(p, "unexpected '\"' inside a word; a quoted text must "
					    "stand apart");
				c++;
			}
			if (*c)
				*c++ = '\0';
		}
	}
}

/* Checks the tokens against the statement table and fills ln. */
static bool
read_statement(struct parser *p, char **tok, const bool *quoted, int ntok, struct line *ln)
{
	const struct statement_rule *r = NULL;
	char list[300];

	memset(ln, 0, sizeof *ln);
	if (quoted[0])
		return fail(p, "expected a statement keyword, found a quoted text");
	for (size_t i = 0; i < NSTATEMENTS; i++)
		if (strcmp(statements[i].keyword, tok[0]) == 0)
			r = &statements[i];
	if (r == NULL)
		return fail(p, "unknown statement \"%.40s\"; expected part, bom, line, routing, op, "
		    "instruct, scan, measure, check, inspect, station or operator", tok[0]);
	ln->rule = r;
	ln->keyword = r->keyword;

	switch (r->block) {
	case IN_TOP:
		p->bom = NULL;
		p->routing = NULL;
		p->operation = NULL;
		break;
	case IN_BOM:
		if (p->bom == NULL)
			return fail(p, "\"%s\" outside a BOM; expected \"bom PARENT\" before it", r->keyword);
		break;
	case IN_ROUTING:
		if (p->routing == NULL)
			return fail(p, "\"%s\" outside a routing; expected \"routing PRODUCT rev=REVISION\" "
			    "before it", r->keyword);
		break;
	case IN_OPERATION:
		if (p->operation == NULL)
			return fail(p, "\"%s\" outside an operation; expected \"op NUMBER \\\"NAME\\\" "
			    "station=KIND\" before it", r->keyword);
		break;
	}

	if (r->positional) {
		if (ntok < 2)
			return fail(p, "expected %s after \"%s\", found the end of the line",
			    r->positional, r->keyword);
		if (quoted[1] || strchr(tok[1], '='))
			return fail(p, "expected %s after \"%s\", found %s%.40s%s", r->positional,
			    r->keyword, "\"", tok[1], "\"");
		ln->positional = tok[1];
	}
	for (int i = r->positional ? 2 : 1; i < ntok; i++) {
		char *eq;
		if (quoted[i]) {
			if (r->text == TEXT_NONE)
				return fail(p, "\"%s\" takes no quoted text, found \"%.40s\"", r->keyword,
				    tok[i]);
			if (ln->text)
				return fail(p, "expected one quoted text in \"%s\", found a second: \"%.40s\"",
				    r->keyword, tok[i]);
			ln->text = tok[i];
		} else if ((eq = strchr(tok[i], '=')) != NULL) {
			*eq = '\0';
			if (tok[i][0] == '\0')
				return fail(p, "expected KEY=VALUE, found \"=%.40s\"", eq + 1);
			if (!in_list(r->options, OPTS_MAX, tok[i])) {
				accepted(r, list, sizeof list);
				return fail(p, "unknown option \"%.40s\" for \"%s\"; expected %s", tok[i],
				    r->keyword, list);
			}
			if (eq[1] == '\0')
				return fail(p, "missing value after \"%s=\"; expected %s", tok[i],
				    option_hint(tok[i]));
			for (int k = 0; k < ln->nopts; k++)
				if (strcmp(ln->opt_key[k], tok[i]) == 0)
					return fail(p, "%s= is given twice", tok[i]);
			ln->opt_key[ln->nopts] = tok[i];
			ln->opt_val[ln->nopts++] = eq + 1;
		} else if (in_list(r->flags, FLAGS_MAX, tok[i])) {
			for (int k = 0; k < ln->nflags; k++)
				if (strcmp(ln->flag[k], tok[i]) == 0)
					return fail(p, "\"%s\" is given twice", tok[i]);
			ln->flag[ln->nflags++] = tok[i];
		} else {
			accepted(r, list, sizeof list);
			return fail(p, "unexpected \"%.40s\" in \"%s\"; expected %s", tok[i], r->keyword,
			    list);
		}
	}
	if (r->text == TEXT_REQUIRED && ln->text == NULL)
		return fail(p, "\"%s\" needs %s, found none", r->keyword, r->text_what);
	for (int k = 0; k < OPTS_MAX && r->required[k]; k++) {
		bool have = false;
		for (int i = 0; i < ln->nopts; i++)
			have |= strcmp(ln->opt_key[i], r->required[k]) == 0;
		if (!have)
			return fail(p, "\"%s\" needs %s, found none", r->keyword,
			    option_hint(r->required[k]));
	}
	return true;
}

static const char *
opt(const struct line *ln, const char *key)
{
	for (int i = 0; i < ln->nopts; i++)
		if (strcmp(ln->opt_key[i], key) == 0)
			return ln->opt_val[i];
	return NULL;
}

static bool
flag(const struct line *ln, const char *name)
{
	for (int i = 0; i < ln->nflags; i++)
		if (strcmp(ln->flag[i], name) == 0)
			return true;
	return false;
}

static char *
source(const struct parser *p)
{
	return xasprintf("%s:%d", p->file, p->lineno);
}

/* ---- builders, one per statement ---- */

static bool
build_part(struct parser *p, const struct line *ln)
{
	Yoke__Tracking t = YOKE__TRACKING__TRACKING_NONE;
	if (!check_id(p, "part number", ln->positional) || !check_id(p, "rev", opt(ln, "rev")) ||
	    !parse_tracking(p, opt(ln, "tracking"), &t) ||
	    !check_text(p, "description", ln->text, DEFS_NAME_MAX))
		return false;
	Yoke__Part *x = xmalloc(sizeof *x);
	yoke__part__init(x);
	x->number = xstrdup(ln->positional);
	x->revision = xstrdup(opt(ln, "rev"));
	x->description = xstrdup(ln->text);
	x->tracking = t;
	x->source = source(p);
	APPEND(p->out->parts, p->out->n_parts, x);
	return true;
}

static bool
build_bom(struct parser *p, const struct line *ln)
{
	if (!check_id(p, "parent part number", ln->positional))
		return false;
	Yoke__Bom *x = xmalloc(sizeof *x);
	yoke__bom__init(x);
	x->parent = xstrdup(ln->positional);
	x->source = source(p);
	APPEND(p->out->boms, p->out->n_boms, x);
	p->bom = x;
	return true;
}

static bool
build_line(struct parser *p, const struct line *ln)
{
	uint32_t qty = 1;
	if (!check_id(p, "component part number", ln->positional) ||
	    (opt(ln, "qty") && !parse_count(p, "qty", opt(ln, "qty"), 1, DEFS_NUMBER_MAX, &qty)))
		return false;
	Yoke__BomLine *x = xmalloc(sizeof *x);
	yoke__bom_line__init(x);
	x->component = xstrdup(ln->positional);
	x->qty = qty;
	x->scan = flag(ln, "scan");
	APPEND(p->bom->lines, p->bom->n_lines, x);
	return true;
}

static bool
build_routing(struct parser *p, const struct line *ln)
{
	if (!check_id(p, "product part number", ln->positional) ||
	    !check_id(p, "rev", opt(ln, "rev")))
		return false;
	Yoke__Routing *x = xmalloc(sizeof *x);
	yoke__routing__init(x);
	x->product = xstrdup(ln->positional);
	x->revision = xstrdup(opt(ln, "rev"));
	x->released = flag(ln, "released");
	x->source = source(p);
	APPEND(p->out->routings, p->out->n_routings, x);
	p->routing = x;
	return true;
}

static bool
build_op(struct parser *p, const struct line *ln)
{
	uint32_t n;
	if (!parse_count(p, "operation number", ln->positional, 1, DEFS_NUMBER_MAX, &n) ||
	    !check_text(p, "operation name", ln->text, DEFS_NAME_MAX) ||
	    !check_id(p, "station kind", opt(ln, "station")))
		return false;
	Yoke__Operation *x = xmalloc(sizeof *x);
	yoke__operation__init(x);
	x->number = n;
	x->name = xstrdup(ln->text);
	x->station_kind = xstrdup(opt(ln, "station"));
	x->source = source(p);
	APPEND(p->routing->operations, p->routing->n_operations, x);
	p->operation = x;
	return true;
}

static Yoke__Step *
new_step(struct parser *p, Yoke__StepKind kind, const char *text)
{
	Yoke__Step *x = xmalloc(sizeof *x);
	yoke__step__init(x);
	x->kind = kind;
	x->text = xstrdup(text ? text : "");
	x->source = source(p);
	APPEND(p->operation->steps, p->operation->n_steps, x);
	return x;
}

static bool
build_step(struct parser *p, const struct line *ln)
{
	const char *kw = ln->keyword, *v;
	Yoke__Step *x;

	if (ln->text && !check_text(p, strcmp(kw, "instruct") == 0 ? "work instruction" : "step text",
	    ln->text, DEFS_TEXT_MAX))
		return false;
	if (strcmp(kw, "instruct") == 0) {
		new_step(p, YOKE__STEP_KIND__STEP_INSTRUCT, ln->text);
	} else if (strcmp(kw, "check") == 0) {
		new_step(p, YOKE__STEP_KIND__STEP_CHECK, ln->text);
	} else if (strcmp(kw, "scan") == 0) {
		uint32_t qty = 1;
		if (!check_id(p, "component part number", ln->positional) ||
		    ((v = opt(ln, "qty")) && !parse_count(p, "qty", v, 1, DEFS_NUMBER_MAX, &qty)))
			return false;
		x = new_step(p, YOKE__STEP_KIND__STEP_SCAN, ln->text);
		x->part = xstrdup(ln->positional);
		x->qty = qty;
	} else if (strcmp(kw, "measure") == 0) {
		double lsl = 0, target = 0, usl = 0;
		const char *unit = opt(ln, "unit");
		if (!check_id(p, "measurement name", ln->positional))
			return false;
		if (unit && strlen(unit) > DEFS_UNIT_MAX)
			return fail(p, "unit \"%s\" is %zu bytes long; at most %d are allowed", unit,
			    strlen(unit), DEFS_UNIT_MAX);
		if (((v = opt(ln, "lsl")) && !parse_real(p, "lsl", v, &lsl)) ||
		    ((v = opt(ln, "target")) && !parse_real(p, "target", v, &target)) ||
		    ((v = opt(ln, "usl")) && !parse_real(p, "usl", v, &usl)))
			return false;
		x = new_step(p, YOKE__STEP_KIND__STEP_MEASURE, ln->text);
		x->name = xstrdup(ln->positional);
		x->unit = xstrdup(unit ? unit : "");
		x->has_lsl = opt(ln, "lsl") != NULL;
		x->lsl = lsl;
		x->has_target = opt(ln, "target") != NULL;
		x->target = target;
		x->has_usl = opt(ln, "usl") != NULL;
		x->usl = usl;
	} else {
		bool inspector = false;
		Yoke__Frequency f = YOKE__FREQUENCY__FREQ_EVERY;
		uint32_t n = 0;
		if ((v = opt(ln, "by")) != NULL) {
			if (strcmp(v, "inspector") == 0)
				inspector = true;
			else if (strcmp(v, "operator") != 0)
				return fail(p, "by: expected operator or inspector, found \"%s\"", v);
		}
		if ((v = opt(ln, "every")) != NULL) {
			if (strcmp(v, "first-article") == 0) {
				f = YOKE__FREQUENCY__FREQ_FIRST_ARTICLE;
			} else if (strncmp(v, "1-in-", 5) == 0) {
				f = YOKE__FREQUENCY__FREQ_ONE_IN_N;
				if (!parse_count(p, "every=1-in-N", v + 5, 2, DEFS_NUMBER_MAX, &n))
					return false;
			} else if (strcmp(v, "unit") != 0) {
				return fail(p, "every: expected unit, first-article or 1-in-N, found \"%s\"",
				    v);
			}
		}
		x = new_step(p, YOKE__STEP_KIND__STEP_INSPECT, ln->text);
		x->needs_inspector = inspector;
		x->frequency = f;
		x->every_n = n;
	}
	return true;
}

static bool
build_station(struct parser *p, const struct line *ln)
{
	if (!check_id(p, "station id", ln->positional) ||
	    !check_id(p, "station kind", opt(ln, "kind")) ||
	    !check_text(p, "station name", ln->text, DEFS_NAME_MAX))
		return false;
	Yoke__Station *x = xmalloc(sizeof *x);
	yoke__station__init(x);
	x->id = xstrdup(ln->positional);
	x->kind = xstrdup(opt(ln, "kind"));
	x->name = xstrdup(ln->text);
	x->source = source(p);
	APPEND(p->out->stations, p->out->n_stations, x);
	return true;
}

static bool
build_operator(struct parser *p, const struct line *ln)
{
	Yoke__Role role = YOKE__ROLE__ROLE_NONE;
	const char *q = opt(ln, "qualified");
	if (!check_id(p, "badge", ln->positional) || !parse_role(p, opt(ln, "role"), &role) ||
	    !check_text(p, "operator name", ln->text, DEFS_NAME_MAX))
		return false;
	Yoke__Operator *x = xmalloc(sizeof *x);
	yoke__operator__init(x);
	x->badge = xstrdup(ln->positional);
	x->name = xstrdup(ln->text);
	x->role = role;
	x->source = source(p);
	/* Appended before the list is checked, so a failure frees it with the rest. */
	APPEND(p->out->operators, p->out->n_operators, x);
	while (q) {
		const char *comma = strchr(q, ',');
		char *item = comma ? xstrndup(q, (size_t)(comma - q)) : xstrdup(q);
		APPEND(x->qualified, x->n_qualified, item);
		if (x->n_qualified > DEFS_QUALIFIED_MAX)
			return fail(p, "qualified: more than %d entries; use PRODUCT/* or *",
			    DEFS_QUALIFIED_MAX);
		if (!check_qualification(p, item))
			return false;
		q = comma ? comma + 1 : NULL;
	}
	return true;
}

static bool
parse_line(struct parser *p, const char *s, size_t len)
{
	char buf[DEFS_LINE_MAX + 1];
	char *tok[TOKENS_MAX];
	bool quoted[TOKENS_MAX];
	struct line ln;
	int ntok;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (!check_bytes(p, s, len))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!tokenize(p, buf, tok, quoted, &ntok))
		return false;
	if (ntok == 0)
		return true;
	if (!read_statement(p, tok, quoted, ntok, &ln))
		return false;
	switch (ln.keyword[0]) {
	case 'p': return build_part(p, &ln);
	case 'b': return build_bom(p, &ln);
	case 'l': return build_line(p, &ln);
	case 'r': return build_routing(p, &ln);
	case 's':
		if (strcmp(ln.keyword, "station") == 0)
			return build_station(p, &ln);
		return build_step(p, &ln);
	default:
		if (strcmp(ln.keyword, "op") == 0)
			return build_op(p, &ln);
		if (strcmp(ln.keyword, "operator") == 0)
			return build_operator(p, &ln);
		return build_step(p, &ln);
	}
}

/* ---- public ---- */

Yoke__Definitions *
defs_new(void)
{
	Yoke__Definitions *d = xmalloc(sizeof *d);
	yoke__definitions__init(d);
	return d;
}

void
defs_free(Yoke__Definitions *d)
{
	if (d)
		protobuf_c_message_free_unpacked(&d->base, NULL);
}

/* Moves every record of from into to; from is freed. */
static void
defs_move(Yoke__Definitions *to, Yoke__Definitions *from)
{
	for (size_t i = 0; i < from->n_parts; i++)
		APPEND(to->parts, to->n_parts, from->parts[i]);
	for (size_t i = 0; i < from->n_boms; i++)
		APPEND(to->boms, to->n_boms, from->boms[i]);
	for (size_t i = 0; i < from->n_routings; i++)
		APPEND(to->routings, to->n_routings, from->routings[i]);
	for (size_t i = 0; i < from->n_stations; i++)
		APPEND(to->stations, to->n_stations, from->stations[i]);
	for (size_t i = 0; i < from->n_operators; i++)
		APPEND(to->operators, to->n_operators, from->operators[i]);
	free(from->parts);
	free(from->boms);
	free(from->routings);
	free(from->stations);
	free(from->operators);
	free(from);
}

bool
defs_parse(Yoke__Definitions *d, const char *file, const char *text, char *err, size_t errsz)
{
	struct parser p = { .file = file ? file : "(unnamed)", .err = err, .errsz = errsz,
		.out = defs_new() };
	const char *s = text ? text : "";

	if (errsz > 0)
		err[0] = '\0';
	/* A byte order mark some editors write is not part of the first line. */
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		p.lineno++;
		if (!parse_line(&p, s, len)) {
			defs_free(p.out);
			return false;
		}
		s += len + (nl != NULL);
	}
	defs_move(d, p.out);
	return true;
}

/* A deep copy through the wire form: the copy owns all its memory, which
 * protobuf-c's default allocator took with malloc. */
static void *
copy_message(const ProtobufCMessage *m)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	uint8_t *buf = xmalloc(n ? n : 1);
	ProtobufCMessage *c;

	protobuf_c_message_pack(m, buf);
	c = protobuf_c_message_unpack(m->descriptor, NULL, n, buf);
	free(buf);
	YK_ASSERT(c != NULL);
	return c;
}

void
defs_add_part(Yoke__Definitions *d, const Yoke__Part *x)
{
	APPEND(d->parts, d->n_parts, copy_message(&x->base));
}

void
defs_add_bom(Yoke__Definitions *d, const Yoke__Bom *x)
{
	APPEND(d->boms, d->n_boms, copy_message(&x->base));
}

void
defs_add_routing(Yoke__Definitions *d, const Yoke__Routing *x)
{
	APPEND(d->routings, d->n_routings, copy_message(&x->base));
}

void
defs_add_station(Yoke__Definitions *d, const Yoke__Station *x)
{
	APPEND(d->stations, d->n_stations, copy_message(&x->base));
}

void
defs_add_operator(Yoke__Definitions *d, const Yoke__Operator *x)
{
	APPEND(d->operators, d->n_operators, copy_message(&x->base));
}

const Yoke__Part *
defs_find_part(const Yoke__Definitions *d, const char *number)
{
	for (size_t i = 0; number && i < d->n_parts; i++)
		if (strcmp(d->parts[i]->number, number) == 0)
			return d->parts[i];
	return NULL;
}

const Yoke__Bom *
defs_find_bom(const Yoke__Definitions *d, const char *parent)
{
	for (size_t i = 0; parent && i < d->n_boms; i++)
		if (strcmp(d->boms[i]->parent, parent) == 0)
			return d->boms[i];
	return NULL;
}

const Yoke__Station *
defs_find_station(const Yoke__Definitions *d, const char *id)
{
	for (size_t i = 0; id && i < d->n_stations; i++)
		if (strcmp(d->stations[i]->id, id) == 0)
			return d->stations[i];
	return NULL;
}

const Yoke__Operator *
defs_find_operator(const Yoke__Definitions *d, const char *badge)
{
	for (size_t i = 0; badge && i < d->n_operators; i++)
		if (strcmp(d->operators[i]->badge, badge) == 0)
			return d->operators[i];
	return NULL;
}

bool
defs_qualified(const Yoke__Operator *op, const char *product, uint32_t opno)
{
	size_t plen = product ? strlen(product) : 0;
	if (op == NULL || product == NULL)
		return false;
	for (size_t i = 0; i < op->n_qualified; i++) {
		const char *q = op->qualified[i], *rest;
		char *end;
		unsigned long n;
		if (strcmp(q, "*") == 0)
			return true;
		if (strncmp(q, product, plen) != 0 || q[plen] != '/')
			continue;
		rest = q + plen + 1;
		if (strcmp(rest, "*") == 0)
			return true;
		if (rest[0] < '0' || rest[0] > '9')
			continue;
		errno = 0;
		n = strtoul(rest, &end, 10);
		if (*end == '\0' && errno == 0 && n == opno)
			return true;
	}
	return false;
}

const char *
defs_tracking_name(Yoke__Tracking t)
{
	switch (t) {
	case YOKE__TRACKING__TRACKING_LOT: return "lot";
	case YOKE__TRACKING__TRACKING_SERIAL: return "serial";
	default: return "none";
	}
}

const char *
defs_role_name(Yoke__Role r)
{
	switch (r) {
	case YOKE__ROLE__ROLE_OPERATOR: return "operator";
	case YOKE__ROLE__ROLE_LEAD: return "lead";
	case YOKE__ROLE__ROLE_INSPECTOR: return "inspector";
	case YOKE__ROLE__ROLE_ENGINEER: return "engineer";
	case YOKE__ROLE__ROLE_ADMIN: return "admin";
	default: return "none";
	}
}
