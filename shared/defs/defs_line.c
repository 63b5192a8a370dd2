/*
 * defs_line.c — the definition file's lexer: one line checked as bytes,
 * cut into tokens and checked against the statement table (see defs.h and
 * defs_priv.h; the builders that turn a line into records are in defs.c).
 *
 * Each line is checked as bytes first (length, UTF-8, control
 * characters), then cut into tokens: bare words,
 * KEY=VALUE words, and double-quoted texts with \" and \\ escapes; a '#'
 * that starts a token starts a comment. The first word is the statement's
 * keyword, and a table (statements[] below) says for each keyword what
 * follows it: a positional value, a quoted text (none, optional or
 * required), which options and which bare flags it accepts, and in which
 * block it may stand. The generic pass checks the line against the table,
 * so "unknown option" and "missing value" read the same everywhere; the
 * builder for the keyword (defs.c) then converts and checks each value.
 */
#include "shared/defs/defs_priv.h"

#include <stdio.h>
#include <string.h>

#include "shared/i18n.h"
#include "shared/list_text.h"
#include "shared/utf8.h"

/* Where a statement may stand. */
enum block { IN_TOP, IN_BOM, IN_ROUTING, IN_OPERATION };

enum text_rule { TEXT_NONE, TEXT_OPTIONAL, TEXT_REQUIRED };

struct statement_rule {
	const char *keyword;
	const char *positional;      /* what the value after the keyword is; NULL: none */
	enum text_rule text;
	const char *text_what;       /* "a description", for messages */
	/* (positional and text_what are English message ids: _() where shown) */
	const char *options[OPTS_MAX];
	const char *required[OPTS_MAX];
	const char *flags[FLAGS_MAX];
	enum block block;
};

static const struct statement_rule statements[] = {
	{ "part", N_("a part number"), TEXT_REQUIRED, N_("a quoted description"),
	  { "rev", "tracking", "gtin", "supplier", "lots", "iqc", "aql", "check" }, { "rev", "tracking" },
	  { NULL }, IN_TOP },
	{ "bom", N_("the parent part number"), TEXT_NONE, NULL,
	  { NULL }, { NULL }, { NULL }, IN_TOP },
	{ "line", N_("a component part number"), TEXT_NONE, NULL,
	  { "qty" }, { NULL }, { "scan" }, IN_BOM },
	{ "routing", N_("the product part number"), TEXT_NONE, NULL,
	  { "rev", "rework_limit" }, { "rev" }, { "released" }, IN_TOP },
	{ "op", N_("an operation number"), TEXT_REQUIRED, N_("a quoted operation name"),
	  { "station" }, { "station" }, { NULL }, IN_ROUTING },
	{ "rework", N_("a rework operation number"), TEXT_REQUIRED, N_("a quoted operation name"),
	  { "station" }, { "station" }, { NULL }, IN_ROUTING },
	{ "instruct", NULL, TEXT_REQUIRED, N_("a quoted work instruction"),
	  { NULL }, { NULL }, { NULL }, IN_OPERATION },
	{ "scan", N_("a component part number"), TEXT_OPTIONAL, NULL,
	  { "qty", "from" }, { NULL }, { NULL }, IN_OPERATION },
	{ "measure", N_("a measurement name"), TEXT_OPTIONAL, NULL,
	  { "unit", "lsl", "target", "usl", "attempts", "from", "match", "window", "gauge" }, { NULL },
	  { NULL }, IN_OPERATION },
	{ "check", NULL, TEXT_REQUIRED, N_("a quoted check text"),
	  { "gauge" }, { NULL }, { NULL }, IN_OPERATION },
	{ "inspect", NULL, TEXT_REQUIRED, N_("a quoted inspection text"),
	  { "by", "every", "fai" }, { NULL }, { NULL }, IN_OPERATION },
	{ "station", N_("a station id"), TEXT_REQUIRED, N_("a quoted station name"),
	  { "kind" }, { "kind" }, { NULL }, IN_TOP },
	{ "operator", N_("a badge number"), TEXT_REQUIRED, N_("the operator's quoted name"),
	  { "role", "qualified", "lang", "email" }, { "role" }, { NULL }, IN_TOP },
	{ "defect", N_("a defect code"), TEXT_REQUIRED, N_("a quoted defect text"),
	  { "category", "location" }, { "category" }, { NULL }, IN_TOP },
	{ "capa_trigger", N_("a defect code or *"), TEXT_NONE, NULL,
	  { "count", "within", "per" }, { "count", "within", "per" }, { NULL }, IN_TOP },
	{ "supplier", N_("a supplier code"), TEXT_REQUIRED, N_("the supplier's quoted name"),
	  { NULL }, { NULL }, { NULL }, IN_TOP },
	/* Notifications (defs_notify.c). */
	{ "escalate", N_("an escalation level"), TEXT_NONE, NULL, { "after", "role", "badge", "to",
	  "channel", "stop", "source", "severity" }, { "after" }, { NULL }, IN_TOP },
	{ "notify", N_("a receiver name"), TEXT_NONE, NULL, { "channel", "to", "secret", "lang" },
	  { "channel", "to" }, { NULL }, IN_TOP },
	{ "smtp", N_("the mail server's URL"), TEXT_NONE, NULL, { "from", "user", "starttls" },
	  { "from" }, { NULL },
	  IN_TOP },
	{ "equipment_param", N_("a parameter name"), TEXT_OPTIONAL, NULL,
	  { "station", "unit", "lsl", "usl", "sparkplug" }, { "station" }, { NULL }, IN_TOP },
	{ "spc", NULL, TEXT_NONE, NULL, { "chart", "n", "learn", "cl", "ucl", "lcl", "mean", "sigma",
	  "drift", "window" }, { "chart" }, { NULL }, IN_OPERATION },      /* defs_spc.c */
	{ "spc_rule", N_("run rules such as we1,we2 or drift"), TEXT_NONE, NULL,
	  { "warning", "violation" }, { NULL }, { NULL }, IN_OPERATION },
	/* The pre-start gate (defs_gate.c). */
	{ "gauge", N_("a gauge id"), TEXT_REQUIRED, N_("the gauge's quoted name"),
	  { "kind", "due" }, { "kind", "due" }, { NULL }, IN_TOP },
	{ "equipment", N_("an equipment id"), TEXT_REQUIRED, N_("the equipment's quoted name"),
	  { "kind", "due" }, { "kind", "due" }, { NULL }, IN_TOP },
	{ "shift", N_("a shift name"), TEXT_NONE, NULL,
	  { "start", "end" }, { "start", "end" }, { NULL }, IN_TOP },
	{ "gate", NULL, TEXT_NONE, NULL,
	  { "qual_warn_days" }, { "qual_warn_days" }, { NULL }, IN_TOP },
	/* The cost of quality's rates (defs_coq.c). */
	{ "coq", NULL, TEXT_NONE, NULL, { "version", "currency", "desk_rate", "inspect_min",
	  "final_min", "fai_min", "iqc_min", "mrb_min", "repair_min" },
	  { "version", "currency", "desk_rate" }, { NULL }, IN_TOP },
	{ "coq_rate", N_("a station kind"), TEXT_NONE, NULL, { "hour" }, { "hour" }, { NULL }, IN_TOP },
	{ "coq_minutes", N_("PRODUCT/OPNO"), TEXT_NONE, NULL, { "minutes" }, { "minutes" }, { NULL },
	  IN_TOP },
	{ "coq_cost", N_("a part number"), TEXT_NONE, NULL, { "cost" }, { "cost" }, { NULL }, IN_TOP },
};
#define NSTATEMENTS (sizeof statements / sizeof statements[0])

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
		{ "qualified", "qualified=PRODUCT/OPNO[:YYYY-MM-DD],PRODUCT/*,*" }, { "lang", "lang=en|zh_CN" },
		{ "attempts", "attempts=1..9" }, { "rework_limit", "rework_limit=1..99" },
		{ "category", "category=man|machine|material|method|measurement|environment" },
		{ "location", "location=PLACE" }, { "count", "count=2..10000" },
		{ "within", "within=2..10000" }, { "per", "per=station|part" },
		{ "gtin", "gtin=GTIN,..." }, { "supplier", "supplier=SUPPLIER:PARTNO,..." },
		{ "lots", "lots=received" },
		{ "from", "from=setup" }, { "match", "match=serial|latest" }, { "window", "window=30s" },
		{ "sparkplug", "sparkplug=GROUP/NODE/DEVICE" },
		{ "iqc", "iqc=I|II|III|S-1..S-4" }, { "aql", "aql=0.010..10" },
		{ "check", "check=NAME,..." },
		/* Notifications (defs_notify.c). */
		{ "after", "after=0|90s|10m|2h|1d" }, { "badge", "badge=BADGE" },
		{ "to", "to=NAME|ADDRESS|URL" },
		{ "channel", "channel=popup|email|webhook|wecom|dingtalk|feishu" },
		{ "stop", "stop=ack|resolve" }, { "source", "source=andon,rule,drift,equipment,gate" },
		{ "severity", "severity=warning|violation" }, { "secret", "secret=SECRET" },
		{ "email", "email=ADDRESS" },
		{ "chart", "chart=imr|xbar-r|xbar-s" }, { "n", "n=2..25" }, { "learn", "learn=2..1000" },
		{ "drift", "drift=UNITS" }, { "window", "window=3..50" },
		{ "warning", "warning=log|alarm|hold-unit|hold-lot|stop-station" },
		{ "violation", "violation=log|alarm|hold-unit|hold-lot|stop-station" },
		{ "due", "due=YYYY-MM-DD" }, { "start", "start=HH:MM" }, { "end", "end=HH:MM" },
		{ "qual_warn_days", "qual_warn_days=0..365" }, { "gauge", "gauge=KIND" },
		{ "fai", "fai=wo|shift|setup" },
		{ "version", "version=NAME" }, { "currency", "currency=CNY" },
		{ "desk_rate", "desk_rate=AMOUNT" }, { "inspect_min", "inspect_min=MINUTES" },
		{ "final_min", "final_min=MINUTES" }, { "fai_min", "fai_min=MINUTES" },
		{ "iqc_min", "iqc_min=MINUTES" }, { "mrb_min", "mrb_min=MINUTES" },
		{ "repair_min", "repair_min=MINUTES" }, { "hour", "hour=AMOUNT" },
		{ "minutes", "minutes=MINUTES" }, { "cost", "cost=AMOUNT" },
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
	size_t n = 0;
	for (int i = 0; i < OPTS_MAX && r->options[i]; i++)
		items[n++] = option_hint(r->options[i]);
	for (int i = 0; i < FLAGS_MAX && r->flags[i]; i++)
		items[n++] = r->flags[i];
	if (n == 0)
		snprintf(buf, size, "%s", _("nothing more"));
	else
		list_text(buf, size, items, n);
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
bool
defs_line_check_bytes(struct parser *p, const char *s, size_t len)
{
	if (len > DEFS_LINE_MAX)
		return fail(p, _("the line is %zu bytes long; at most %d are allowed"), len, DEFS_LINE_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(p, _("control character 0x%02X at byte %zu; expected printable text"), c,
			    i + 1);
	}
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return fail(p, _("invalid UTF-8 at byte %zu (0x%02X); expected the file to be "
			    "saved as UTF-8"), i + 1, (unsigned char)s[i]);
		i += (size_t)n;
	}
	return true;
}

/* Cuts buf (modified in place) into words and quoted texts. */
bool
defs_line_tokenize(struct parser *p, char *buf, char **tok, bool *quoted, int *ntok)
{
	char *c = buf;
	*ntok = 0;
	for (;;) {
		while (*c == ' ' || *c == '\t')
			c++;
		if (*c == '\0' || *c == '#')
			return true;
		if (*ntok == TOKENS_MAX)
			return fail(p, _("too many words on one line; at most %d are allowed"), TOKENS_MAX);
		if (*c == '"') {
			char *w = ++c;
			tok[*ntok] = w;
			quoted[(*ntok)++] = true;
			for (;;) {
				if (*c == '\0')
					return fail(p, _("unterminated quoted text; expected a closing '\"'"));
				if (*c == '\\') {
					if (c[1] != '"' && c[1] != '\\')
						return fail(p, _("unknown escape \"\\%.1s\" in quoted text; only "
						    "\\\" and \\\\ are allowed"), c[1] ? c + 1 : "");
					*w++ = c[1];
					c += 2;
				} else if (*c == '"') {
					c++;
					break;
				} else if (*c == '\t') {
					return fail(p, _("a tab inside quoted text; expected spaces"));
				} else {
					*w++ = *c++;
				}
			}
			if (*c != '\0' && *c != ' ' && *c != '\t')
				return fail(p, _("expected a space after the closing '\"', found '%c'"), *c);
			*w = '\0';
			if (*c)
				c++;
		} else {
			tok[*ntok] = c;
			quoted[(*ntok)++] = false;
			while (*c && *c != ' ' && *c != '\t') {
				if (*c == '"')
					return fail(p, _("unexpected '\"' inside a word; a quoted text must "
					    "stand apart"));
				c++;
			}
			if (*c)
				*c++ = '\0';
		}
	}
}

/* Checks the tokens against the statement table and fills ln. */
bool
defs_line_read_statement(struct parser *p, char **tok, const bool *quoted, int ntok,
    struct line *ln)
{
	const struct statement_rule *r = NULL;
	char list[300];

	memset(ln, 0, sizeof *ln);
	if (quoted[0])
		return fail(p, _("expected a statement keyword, found a quoted text"));
	for (size_t i = 0; i < NSTATEMENTS; i++)
		if (strcmp(statements[i].keyword, tok[0]) == 0)
			r = &statements[i];
	if (r == NULL)
		return fail(p, _("unknown statement \"%.40s\"; expected part, bom, line, routing, op, "
		    "rework, instruct, scan, measure, check, inspect, station, operator, defect, "
		    "capa_trigger, supplier, spc, spc_rule, escalate, notify, smtp, equipment_param, "
		    "gauge, equipment, shift or gate"), tok[0]);
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
			return fail(p, _("\"%s\" outside a BOM; expected \"bom PARENT\" before it"), r->keyword);
		break;
	case IN_ROUTING:
		if (p->routing == NULL)
			return fail(p, _("\"%s\" outside a routing; expected \"routing PRODUCT rev=REVISION\" "
			    "before it"), r->keyword);
		break;
	case IN_OPERATION:
		if (p->operation == NULL)
			return fail(p, _("\"%s\" outside an operation; expected \"op NUMBER \\\"NAME\\\" "
			    "station=KIND\" before it"), r->keyword);
		break;
	}

	if (r->positional) {
		if (ntok < 2)
			return fail(p, _("expected %s after \"%s\", found the end of the line"),
			    _(r->positional), r->keyword);
		if (quoted[1] || strchr(tok[1], '='))
			return fail(p, _("expected %s after \"%s\", found \"%.40s\""), _(r->positional),
			    r->keyword, tok[1]);
		ln->positional = tok[1];
	}
	for (int i = r->positional ? 2 : 1; i < ntok; i++) {
		char *eq;
		if (quoted[i]) {
			if (r->text == TEXT_NONE)
				return fail(p, _("\"%s\" takes no quoted text, found \"%.40s\""), r->keyword,
				    tok[i]);
			if (ln->text)
				return fail(p, _("expected one quoted text in \"%s\", found a second: \"%.40s\""),
				    r->keyword, tok[i]);
			ln->text = tok[i];
		} else if ((eq = strchr(tok[i], '=')) != NULL) {
			*eq = '\0';
			if (tok[i][0] == '\0')
				return fail(p, _("expected KEY=VALUE, found \"=%.40s\""), eq + 1);
			if (!in_list(r->options, OPTS_MAX, tok[i])) {
				accepted(r, list, sizeof list);
				return fail(p, _("unknown option \"%.40s\" for \"%s\"; expected %s"), tok[i],
				    r->keyword, list);
			}
			if (eq[1] == '\0')
				return fail(p, _("missing value after \"%s=\"; expected %s"), tok[i],
				    option_hint(tok[i]));
			for (int k = 0; k < ln->nopts; k++)
				if (strcmp(ln->opt_key[k], tok[i]) == 0)
					return fail(p, _("%s= is given twice"), tok[i]);
			ln->opt_key[ln->nopts] = tok[i];
			ln->opt_val[ln->nopts++] = eq + 1;
		} else if (in_list(r->flags, FLAGS_MAX, tok[i])) {
			for (int k = 0; k < ln->nflags; k++)
				if (strcmp(ln->flag[k], tok[i]) == 0)
					return fail(p, _("\"%s\" is given twice"), tok[i]);
			ln->flag[ln->nflags++] = tok[i];
		} else {
			accepted(r, list, sizeof list);
			return fail(p, _("unexpected \"%.40s\" in \"%s\"; expected %s"), tok[i], r->keyword,
			    list);
		}
	}
	if (r->text == TEXT_REQUIRED && ln->text == NULL)
		return fail(p, _("\"%s\" needs %s, found none"), r->keyword, _(r->text_what));
	for (int k = 0; k < OPTS_MAX && r->required[k]; k++) {
		bool have = false;
		for (int i = 0; i < ln->nopts; i++)
			have |= strcmp(ln->opt_key[i], r->required[k]) == 0;
		if (!have)
			return fail(p, _("\"%s\" needs %s, found none"), r->keyword,
			    option_hint(r->required[k]));
	}
	return true;
}
