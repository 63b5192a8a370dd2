/*
 * defs_coq.c — the cost of quality's statements (defs_coq.h): coq,
 * coq_rate, coq_minutes and coq_cost. The line lexer (defs_line.c) has
 * checked which options each may have; these builders read the values.
 * Rates of several files join into one set; a later file's coq settings
 * win, and defs_coq_validate checks the whole.
 */
#include "shared/defs/defs_coq.h"
#include "shared/defs/defs_priv.h"

#include <stdlib.h>
#include <string.h>

#include "shared/i18n.h"
#include "shared/quality/coq_money.h"
#include "shared/util.h"

static const char *
opt(const struct line *ln, const char *key)
{
	for (int i = 0; i < ln->nopts; i++)
		if (strcmp(ln->opt_key[i], key) == 0)
			return ln->opt_val[i];
	return NULL;
}

static Yoke__CoqRates *
rates(struct parser *p)
{
	if (p->out->coq_rates == NULL) {
		p->out->coq_rates = xmalloc(sizeof *p->out->coq_rates);
		yoke__coq_rates__init(p->out->coq_rates);
	}
	return p->out->coq_rates;
}

static bool
money(struct parser *p, const char *what, const char *s, int64_t max, int64_t *out)
{
	if (!coq_money_read(s, out) || *out > max)
		return fail(p, _("%s: expected an amount such as 45.00 (at most two decimals, no "
		    "sign), found \"%.40s\""), what, s);
	return true;
}

static bool
minutes(struct parser *p, const char *what, const char *s, uint32_t *out)
{
	*out = 0;
	if (s == NULL)
		return true;
	if (!coq_cmin_read(s, out))
		return fail(p, _("%s: expected minutes such as 2.5 (at most two decimals), found "
		    "\"%.40s\""), what, s);
	return true;
}

/* A station kind, part or currency: printable ASCII without spaces. */
static bool
word(struct parser *p, const char *what, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	if (len == 0 || len > DEFS_ID_MAX)
		return fail(p, _("%s: expected 1 to %d bytes, found \"%.40s\""), what, DEFS_ID_MAX,
		    s ? s : "");
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '"')
			return fail(p, _("%s: expected printable ASCII without spaces, found \"%.40s\""),
			    what, s);
	return true;
}

static bool
build_coq(struct parser *p, const struct line *ln)
{
	Yoke__CoqRates *r = rates(p);
	const char *cur = opt(ln, "currency");
	int64_t desk;
	if (!str_empty(r->version))
		return fail(p, _("\"coq\" is given twice in one file (first at %s)"), r->source);
	if (!word(p, "version", opt(ln, "version")) ||
	    !money(p, "desk_rate", opt(ln, "desk_rate"), COQ_RATE_MAX, &desk))
		return false;
	if (strlen(cur) != 3 || cur[0] < 'A' || cur[0] > 'Z' || cur[1] < 'A' || cur[1] > 'Z' ||
	    cur[2] < 'A' || cur[2] > 'Z')
		return fail(p, _("currency: expected a three-letter ISO 4217 code such as CNY, found "
		    "\"%.40s\""), cur);
	if (!minutes(p, "inspect_min", opt(ln, "inspect_min"), &r->inspect_cmin) ||
	    !minutes(p, "final_min", opt(ln, "final_min"), &r->final_cmin) ||
	    !minutes(p, "fai_min", opt(ln, "fai_min"), &r->fai_cmin) ||
	    !minutes(p, "iqc_min", opt(ln, "iqc_min"), &r->iqc_cmin) ||
	    !minutes(p, "mrb_min", opt(ln, "mrb_min"), &r->mrb_cmin) ||
	    !minutes(p, "repair_min", opt(ln, "repair_min"), &r->repair_cmin))
		return false;
	r->version = xstrdup(opt(ln, "version"));
	r->currency = xstrdup(cur);
	r->desk_rate = desk;
	r->source = xasprintf("%s:%d", p->file, p->lineno);
	return true;
}

static bool
build_rate(struct parser *p, const struct line *ln)
{
	Yoke__CoqRates *r = rates(p);
	int64_t v;
	if (!word(p, _("station kind"), ln->positional) ||
	    !money(p, "hour", opt(ln, "hour"), COQ_RATE_MAX, &v))
		return false;
	Yoke__CoqLabourRate *x = xmalloc(sizeof *x);
	yoke__coq_labour_rate__init(x);
	x->station_kind = xstrdup(ln->positional);
	x->per_hour = v;
	APPEND(r->labour, r->n_labour, x);
	return true;
}

static bool
build_minutes(struct parser *p, const struct line *ln)
{
	Yoke__CoqRates *r = rates(p);
	const char *slash = strchr(ln->positional, '/');
	char *end;
	unsigned long opno = slash ? strtoul(slash + 1, &end, 10) : 0;
	uint32_t cmin;
	if (slash == NULL || slash == ln->positional || slash[1] < '0' || slash[1] > '9' ||
	    *end != '\0' || opno == 0 || opno > 99999)
		return fail(p, _("expected PRODUCT/OPNO such as IOTC-100/10, found \"%.60s\""),
		    ln->positional);
	if (!minutes(p, "minutes", opt(ln, "minutes"), &cmin))
		return false;
	Yoke__CoqOpMinutes *x = xmalloc(sizeof *x);
	yoke__coq_op_minutes__init(x);
	x->product = xstrndup(ln->positional, (size_t)(slash - ln->positional));
	if (!word(p, _("product"), x->product)) {
		free(x->product);
		free(x);
		return false;
	}
	x->operation = (uint32_t)opno;
	x->cmin = cmin;
	APPEND(r->minutes, r->n_minutes, x);
	return true;
}

static bool
build_cost(struct parser *p, const struct line *ln)
{
	Yoke__CoqRates *r = rates(p);
	int64_t v;
	if (!word(p, _("part number"), ln->positional) ||
	    !money(p, "cost", opt(ln, "cost"), COQ_MONEY_MAX, &v))
		return false;
	Yoke__CoqPartCost *x = xmalloc(sizeof *x);
	yoke__coq_part_cost__init(x);
	x->part = xstrdup(ln->positional);
	x->cost = v;
	APPEND(r->costs, r->n_costs, x);
	return true;
}

bool
defs_build_coq(struct parser *p, const struct line *ln)
{
	if (strcmp(ln->keyword, "coq_rate") == 0)
		return build_rate(p, ln);
	if (strcmp(ln->keyword, "coq_minutes") == 0)
		return build_minutes(p, ln);
	if (strcmp(ln->keyword, "coq_cost") == 0)
		return build_cost(p, ln);
	return build_coq(p, ln);
}

void
defs_coq_move(Yoke__Definitions *to, Yoke__Definitions *from)
{
	Yoke__CoqRates *f = from->coq_rates, *t;
	if (f == NULL)
		return;
	from->coq_rates = NULL;
	if (to->coq_rates == NULL) {
		to->coq_rates = f;
		return;
	}
	t = to->coq_rates;
	for (size_t i = 0; i < f->n_labour; i++)
		APPEND(t->labour, t->n_labour, f->labour[i]);
	for (size_t i = 0; i < f->n_minutes; i++)
		APPEND(t->minutes, t->n_minutes, f->minutes[i]);
	for (size_t i = 0; i < f->n_costs; i++)
		APPEND(t->costs, t->n_costs, f->costs[i]);
	f->n_labour = f->n_minutes = f->n_costs = 0;
	if (!str_empty(f->version)) {      /* a later file's settings win */
		Yoke__CoqRates keep = *t;
		*t = *f;
		t->labour = keep.labour;
		t->n_labour = keep.n_labour;
		t->minutes = keep.minutes;
		t->n_minutes = keep.n_minutes;
		t->costs = keep.costs;
		t->n_costs = keep.n_costs;
		*f = keep;
		f->labour = NULL;
		f->minutes = NULL;
		f->costs = NULL;
		f->n_labour = f->n_minutes = f->n_costs = 0;
	}
	protobuf_c_message_free_unpacked(&f->base, NULL);
}

/* ---- the set ---- */

bool
defs_coq_validate(const Yoke__Definitions *d, char *err, size_t errsz)
{
	const Yoke__CoqRates *r = d->coq_rates;
	if (r == NULL)
		return true;
	if (str_empty(r->version)) {
		snprintf(err, errsz, _("rates are given (coq_rate, coq_minutes or coq_cost) without a "
		    "\"coq version=... currency=... desk_rate=...\" statement"));
		return false;
	}
	for (size_t i = 0; i < r->n_labour; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(r->labour[i]->station_kind, r->labour[k]->station_kind) == 0) {
				snprintf(err, errsz, _("coq_rate %s is given twice"), r->labour[i]->station_kind);
				return false;
			}
	for (size_t i = 0; i < r->n_minutes; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(r->minutes[i]->product, r->minutes[k]->product) == 0 &&
			    r->minutes[i]->operation == r->minutes[k]->operation) {
				snprintf(err, errsz, _("coq_minutes %s/%u is given twice"),
				    r->minutes[i]->product, r->minutes[i]->operation);
				return false;
			}
	for (size_t i = 0; i < r->n_costs; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(r->costs[i]->part, r->costs[k]->part) == 0) {
				snprintf(err, errsz, _("coq_cost %s is given twice"), r->costs[i]->part);
				return false;
			}
	return true;
}

int64_t
defs_coq_labour_rate(const Yoke__CoqRates *r, const char *station_kind)
{
	if (r == NULL)
		return 0;
	for (size_t i = 0; station_kind && i < r->n_labour; i++)
		if (strcmp(r->labour[i]->station_kind, station_kind) == 0)
			return r->labour[i]->per_hour;
	return r->desk_rate;
}

uint32_t
defs_coq_op_cmin(const Yoke__CoqRates *r, const char *product, uint32_t operation)
{
	for (size_t i = 0; r && product && i < r->n_minutes; i++)
		if (r->minutes[i]->operation == operation && strcmp(r->minutes[i]->product, product) == 0)
			return r->minutes[i]->cmin;
	return 0;
}

int64_t
defs_coq_part_cost(const Yoke__CoqRates *r, const char *part)
{
	for (size_t i = 0; r && part && i < r->n_costs; i++)
		if (strcmp(r->costs[i]->part, part) == 0)
			return r->costs[i]->cost;
	return 0;
}

bool
defs_coq_same(const Yoke__CoqRates *a, const Yoke__CoqRates *b)
{
	Yoke__CoqRates x = *a, y = *b;
	size_t na, nb;
	bool same;
	/* Where it was read and what the server stamped are not content. */
	x.source = y.source = (char *)"";
	x.number = y.number = 0;
	x.from_seq = y.from_seq = 0;
	x.loaded_us = y.loaded_us = 0;
	na = yoke__coq_rates__get_packed_size(&x);
	nb = yoke__coq_rates__get_packed_size(&y);
	if (na != nb)
		return false;
	uint8_t *pa = xmalloc(na + 1), *pb = xmalloc(nb + 1);
	yoke__coq_rates__pack(&x, pa);
	yoke__coq_rates__pack(&y, pb);
	same = memcmp(pa, pb, na) == 0;
	free(pa);
	free(pb);
	return same;
}
