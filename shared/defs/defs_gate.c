/*
 * defs_gate.c — the pre-start gate's statements and options (defs_gate.h):
 *
 *   gauge ID "name" kind=KIND due=YYYY-MM-DD       a measuring gauge
 *   equipment ID "name" kind=KIND due=YYYY-MM-DD   a machine or tool
 *   shift NAME start=HH:MM end=HH:MM               a plant shift
 *   gate qual_warn_days=N                          settings, once
 *   measure ... gauge=KIND, check ... gauge=KIND    the step needs a scan of one
 *   inspect ... fai=wo|shift|setup                 a first-article inspection
 *   operator ... qualified=PCBA-100/10:2027-03-31  a qualification that expires
 *
 * The line lexer (defs_line.c) has checked the options each statement may
 * have; these builders convert and check the values, and defs_gate_validate
 * checks the set: an id or shift name defined once, a fai= step at most
 * once per operation.
 */
#include "shared/defs/defs_gate.h"
#include "shared/defs/defs_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/defs/defs_index.h"
#include "shared/i18n.h"
#include "shared/util.h"

/* ---- dates ---- */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int32_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

bool
defs_date_days(const char *s, int32_t *days)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	if (days)
		*days = days_from_civil(y, m, d);
	return true;
}

void
defs_date_text(int32_t days, char *buf, size_t size)
{
	int32_t z = days + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int32_t d = doy - (153 * mp + 2) / 5 + 1;
	int32_t m = mp + (mp < 10 ? 3 : -9);
	int32_t y = yoe + era * 400 + (m <= 2);
	snprintf(buf, size, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

const char *
defs_fai_name(Yoke__FaiTrigger t)
{
	switch (t) {
	case YOKE__FAI_TRIGGER__FAI_WORK_ORDER: return "wo";
	case YOKE__FAI_TRIGGER__FAI_SHIFT: return "shift";
	case YOKE__FAI_TRIGGER__FAI_SETUP: return "setup";
	default: return "";
	}
}

bool
defs_qualification_expiry(const Yoke__Operator *op, const char *product, uint32_t opno,
    int32_t *until, const char **entry)
{
	bool any = false;
	*until = 0;
	*entry = NULL;
	if (op == NULL || op->n_expiries == 0)
		return false;
	for (size_t i = 0; i < op->n_qualified; i++) {
		Yoke__Operator one = *op;
		const char *date = NULL;
		int32_t d;
		one.n_qualified = 1;
		one.qualified = &op->qualified[i];
		if (!defs_qualified(&one, product, opno))
			continue;
		for (size_t k = 0; k < op->n_expiries && date == NULL; k++)
			if (strcmp(op->expiries[k]->qualification, op->qualified[i]) == 0)
				date = op->expiries[k]->until;
		if (date == NULL || !defs_date_days(date, &d))
			return false;       /* this one never expires */
		if (!any || d > *until) {
			*until = d;
			*entry = op->qualified[i];
		}
		any = true;
	}
	return any;
}

/* ---- statements ---- */

static const char *
opt(const struct line *ln, const char *key)
{
	for (int i = 0; i < ln->nopts; i++)
		if (strcmp(ln->opt_key[i], key) == 0)
			return ln->opt_val[i];
	return NULL;
}

/* An id as defs.c's check_id wants it: printable ASCII, no space, '/' or '"'. */
static bool
gate_id(struct parser *p, const char *what, const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > DEFS_ID_MAX)
		return fail(p, _("%s: expected 1 to %d bytes, found \"%.40s\""), what, DEFS_ID_MAX, s);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '/' || *c == '"' || *c == ':')
			return fail(p, _("%s: expected printable ASCII without spaces, '/', ':' or '\"', "
			    "found \"%s\""), what, s);
	return true;
}

static bool
gate_date(struct parser *p, const char *what, const char *s)
{
	if (!defs_date_days(s, NULL))
		return fail(p, _("%s: expected a date YYYY-MM-DD, found \"%.40s\""), what, s);
	return true;
}

/* "06:00" -> 360. */
static bool
gate_time(struct parser *p, const char *what, const char *s, uint32_t *min)
{
	if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9' || atoi(s) > 23)
		return fail(p, _("%s: expected a time of day HH:MM from 00:00 to 23:59, found \"%.40s\""),
		    what, s);
	*min = (uint32_t)(atoi(s) * 60 + atoi(s + 3));
	return true;
}

static bool
build_gauge(struct parser *p, const struct line *ln)
{
	bool equipment = strcmp(ln->keyword, "equipment") == 0;
	if (!gate_id(p, equipment ? _("equipment id") : _("gauge id"), ln->positional) ||
	    !gate_id(p, "kind", opt(ln, "kind")) || !gate_date(p, "due", opt(ln, "due")))
		return false;
	if (ln->text[0] == '\0' || strlen(ln->text) > DEFS_NAME_MAX)
		return fail(p, _("%s: expected a name of 1 to %d bytes"), ln->positional, DEFS_NAME_MAX);
	Yoke__Gauge *x = xmalloc(sizeof *x);
	yoke__gauge__init(x);
	x->id = xstrdup(ln->positional);
	x->name = xstrdup(ln->text);
	x->kind = xstrdup(opt(ln, "kind"));
	x->due = xstrdup(opt(ln, "due"));
	x->equipment = equipment;
	x->source = xasprintf("%s:%d", p->file, p->lineno);
	APPEND(p->out->gauges, p->out->n_gauges, x);
	return true;
}

static bool
build_shift(struct parser *p, const struct line *ln)
{
	uint32_t start, end;
	if (!gate_id(p, _("shift name"), ln->positional) ||
	    !gate_time(p, "start", opt(ln, "start"), &start) ||
	    !gate_time(p, "end", opt(ln, "end"), &end))
		return false;
	Yoke__Shift *x = xmalloc(sizeof *x);
	yoke__shift__init(x);
	x->name = xstrdup(ln->positional);
	x->start_min = start;
	x->end_min = end;
	x->source = xasprintf("%s:%d", p->file, p->lineno);
	APPEND(p->out->shifts, p->out->n_shifts, x);
	return true;
}

static bool
build_gate(struct parser *p, const struct line *ln)
{
	const char *v = opt(ln, "qual_warn_days");
	char *end;
	unsigned long n;
	if (p->out->gate)
		return fail(p, _("\"gate\" is given twice in one file (first at %s)"), p->out->gate->source);
	n = strtoul(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || n > DEFS_QUAL_WARN_DAYS_MAX)
		return fail(p, _("qual_warn_days: expected a whole number from 0 to %d, found \"%s\""),
		    DEFS_QUAL_WARN_DAYS_MAX, v);
	p->out->gate = xmalloc(sizeof *p->out->gate);
	yoke__gate_settings__init(p->out->gate);
	p->out->gate->qual_warn_days = (uint32_t)n;
	p->out->gate->source = xasprintf("%s:%d", p->file, p->lineno);
	return true;
}

bool
defs_gate_statement(struct parser *p, const struct line *ln, bool *handled)
{
	*handled = true;
	if (strcmp(ln->keyword, "gauge") == 0 || strcmp(ln->keyword, "equipment") == 0)
		return build_gauge(p, ln);
	if (strcmp(ln->keyword, "shift") == 0)
		return build_shift(p, ln);
	if (strcmp(ln->keyword, "gate") == 0)
		return build_gate(p, ln);
	*handled = false;
	return true;
}

bool
defs_gate_step(struct parser *p, const struct line *ln, Yoke__Step *x)
{
	const char *g = opt(ln, "gauge"), *f = opt(ln, "fai");
	if (g) {
		if (!gate_id(p, "gauge", g))
			return false;
		x->gauge = xstrdup(g);
	}
	if (f) {
		if (strcmp(f, "wo") == 0)
			x->fai = YOKE__FAI_TRIGGER__FAI_WORK_ORDER;
		else if (strcmp(f, "shift") == 0)
			x->fai = YOKE__FAI_TRIGGER__FAI_SHIFT;
		else if (strcmp(f, "setup") == 0)
			x->fai = YOKE__FAI_TRIGGER__FAI_SETUP;
		else
			return fail(p, _("fai: expected wo, shift or setup, found \"%s\""), f);
		if (opt(ln, "every"))
			return fail(p, _("fai= and every= cannot both be given: a first-article "
			    "inspection is done once per work order, shift or setup at each station"));
	}
	return true;
}

bool
defs_gate_qualification(struct parser *p, Yoke__Operator *x, char *item)
{
	char *colon = strrchr(item, ':');
	Yoke__QualificationExpiry *e;
	if (colon == NULL)
		return true;
	if (!defs_date_days(colon + 1, NULL))
		return fail(p, _("qualified: expected ENTRY:YYYY-MM-DD (the date it expires), found "
		    "\"%.60s\""), item);
	*colon = '\0';
	e = xmalloc(sizeof *e);
	yoke__qualification_expiry__init(e);
	e->qualification = xstrdup(item);
	e->until = xstrdup(colon + 1);
	APPEND(x->expiries, x->n_expiries, e);
	return true;
}

void
defs_gate_move(Yoke__Definitions *to, Yoke__Definitions *from)
{
	for (size_t i = 0; i < from->n_gauges; i++)
		APPEND(to->gauges, to->n_gauges, from->gauges[i]);
	for (size_t i = 0; i < from->n_shifts; i++)
		APPEND(to->shifts, to->n_shifts, from->shifts[i]);
	free(from->gauges);
	free(from->shifts);
	from->gauges = NULL;
	from->shifts = NULL;
	from->n_gauges = from->n_shifts = 0;
	if (from->gate) {
		if (to->gate)
			protobuf_c_message_free_unpacked(&to->gate->base, NULL);
		to->gate = from->gate;     /* a later file's settings win */
		from->gate = NULL;
	}
}

/* ---- the set ---- */

static bool
gate_bad(char *err, size_t errsz, const char *src, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool
gate_bad(char *err, size_t errsz, const char *src, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errsz, "%s: ", src);
	if (n < 0 || (size_t)n >= errsz)
		return false;
	va_start(ap, fmt);
	vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

bool
defs_gate_validate(const Yoke__Definitions *d, char *err, size_t errsz)
{
	struct defs_index ids = { 0 }, shifts = { 0 };
	size_t later, first;
	bool ok = true;

	for (size_t i = 0; i < d->n_gauges; i++)
		defs_index_add(&ids, d->gauges[i]->id, NULL, 0, i);
	defs_index_sort(&ids);
	if (defs_index_duplicate(&ids, &later, &first))
		ok = gate_bad(err, errsz, d->gauges[later]->source, _("gauge or equipment %s is defined "
		    "twice (first at %s)"), d->gauges[later]->id, d->gauges[first]->source);
	for (size_t i = 0; ok && i < d->n_shifts; i++)
		defs_index_add(&shifts, d->shifts[i]->name, NULL, 0, i);
	defs_index_sort(&shifts);
	if (ok && defs_index_duplicate(&shifts, &later, &first))
		ok = gate_bad(err, errsz, d->shifts[later]->source, _("shift %s is defined twice "
		    "(first at %s)"), d->shifts[later]->name, d->shifts[first]->source);
	for (size_t i = 0; ok && i < d->n_routings; i++) {
		const Yoke__Routing *r = d->routings[i];
		for (size_t o = 0; ok && o < r->n_operations + r->n_rework_operations; o++) {
			const Yoke__Operation *op = o < r->n_operations ? r->operations[o] :
			    r->rework_operations[o - r->n_operations];
			const Yoke__Step *one = NULL;
			for (size_t k = 0; ok && k < op->n_steps; k++) {
				if (op->steps[k]->fai == YOKE__FAI_TRIGGER__FAI_NONE)
					continue;
				if (one)
					ok = gate_bad(err, errsz, op->steps[k]->source, _("op %u has a second "
					    "first-article step (the first at %s); one per operation"),
					    op->number, one->source);
				one = op->steps[k];
			}
		}
	}
	defs_index_free(&ids);
	defs_index_free(&shifts);
	return ok;
}
