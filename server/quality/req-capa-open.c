/*
 * req-capa-open.c — opens a CAPA, signed by a lead, an inspector or an
 * engineer: a new one from one or more NCRs (a title, the NCRs: they share
 * a defect code, and a station or else a product, which is the scope), or
 * one the server proposed (its number; a title and more NCRs may be
 * given, in its scope). capa.h has the states that follow.
 */
#include "server/requests.h"
#include "server/people/signature.h"
#include "server/quality/capa.h"
#include "server/quality/counter.h"
#include "server/quality/ncr.h"
#include "shared/util.h"
#include "shared/i18n.h"

#include <string.h>

/* The NCRs named, loaded, each once; *got the loaded ones. */
static enum outcome
load_ncrs(struct ctx *c, char *const *names, size_t n, Yoke__Ncr ***got)
{
	Yoke__Ncr **ncrs = ARENA_NEW(c->a, Yoke__Ncr *, n + 1);
	for (size_t i = 0; i < n; i++) {
		int rc;
		if (!text_ok(names[i], 40))
			return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
			    _("Expected NCR numbers such as NCR-000042"));
		rc = ncr_get(c, names[i], &ncrs[i]);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No NCR %s"), names[i]);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		for (size_t j = 0; j < i; j++)
			if (strcmp(ncrs[j]->number, ncrs[i]->number) == 0)
				return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
				    _("%s is named twice"), ncrs[i]->number);
	}
	*got = ncrs;
	return OUTCOME_COMMIT;
}

/* The scope of a new CAPA from its NCRs. */
static enum outcome
scope_of(struct ctx *c, Yoke__Ncr *const *ncrs, size_t n, Yoke__Capa *k)
{
	bool one_station = !str_empty(ncrs[0]->station), one_product = true;
	for (size_t i = 0; i < n; i++) {
		if (str_empty(ncrs[i]->defect))
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
			    _("%s names no defect code: a CAPA is about one defect code"),
			    ncrs[i]->number);
		if (strcmp(ncrs[i]->defect, ncrs[0]->defect) != 0)
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
			    _("%s is %s and %s is %s: the NCRs of one CAPA share one defect code"),
			    ncrs[0]->number, ncrs[0]->defect, ncrs[i]->number, ncrs[i]->defect);
		one_station &= strcmp(ncrs[i]->station, ncrs[0]->station) == 0;
		one_product &= strcmp(ncrs[i]->product, ncrs[0]->product) == 0;
	}
	if (!one_station && !one_product)
		return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
		    _("The NCRs are at several stations and on several products: a CAPA is about one "
		    "station or one product"));
	k->defect = ncrs[0]->defect;
	if (one_station)
		k->station = ncrs[0]->station;
	else
		k->product = ncrs[0]->product;
	return OUTCOME_COMMIT;
}

/* More NCRs for a proposed CAPA: in its scope, not named already. */
static enum outcome
add_ncrs(struct ctx *c, Yoke__Capa *k, Yoke__Ncr *const *ncrs, size_t n)
{
	char **all = ARENA_NEW(c->a, char *, k->n_ncrs + n + 1);
	size_t m = k->n_ncrs;
	if (k->n_ncrs)
		memcpy(all, k->ncrs, k->n_ncrs * sizeof *all);
	for (size_t i = 0; i < n; i++) {
		const Yoke__Ncr *x = ncrs[i];
		bool in = strcmp(x->defect, k->defect) == 0 && (str_empty(k->station) ?
		    strcmp(x->product, k->product) == 0 : strcmp(x->station, k->station) == 0);
		bool have = false;
		if (!in)
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
			    _("%s (%s at %s on %s) is not in the scope of %s"), x->number, x->defect,
			    str_empty(x->station) ? "-" : x->station, x->product, k->number);
		for (size_t j = 0; j < m && !have; j++)
			have = strcmp(all[j], x->number) == 0;
		if (!have)
			all[m++] = x->number;
	}
	if (m > CAPA_NCRS_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A CAPA names at most %d NCRs"), CAPA_NCRS_MAX);
	k->ncrs = all;
	k->n_ncrs = m;
	return OUTCOME_COMMIT;
}

enum outcome
req_capa_open(struct ctx *c)
{
	const Yoke__CapaOpen *q = c->rq->capa_open;
	Yoke__SignatureRecord *by;
	Yoke__Ncr **ncrs = NULL;
	Yoke__Capa *k;
	bool proposed = !str_empty(q->number);
	enum outcome o;
	uint64_t no;
	int rc;

	if (!text_ok(q->title, CAPA_TITLE_MAX) || (!proposed && str_empty(q->title)))
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("Expected a title of 1 to %d bytes of text without control characters"),
		    CAPA_TITLE_MAX);
	if (q->n_ncrs > CAPA_NCRS_MAX)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A CAPA names at most %d NCRs"), CAPA_NCRS_MAX);
	if (!proposed && q->n_ncrs == 0)
		return refuse(c, YOKE__STATUS__STATUS_BAD_REQUEST,
		    _("A CAPA is opened from one or more NCRs: name them"));
	if ((o = load_ncrs(c, q->ncrs, q->n_ncrs, &ncrs)) != OUTCOME_COMMIT)
		return o;
	if (proposed) {
		rc = capa_get(c, q->number, &k);
		if (rc == STORE_NOTFOUND)
			return refuse(c, YOKE__STATUS__STATUS_NOT_FOUND, _("No CAPA %.40s"), q->number);
		if (rc != STORE_OK)
			return store_failed(c, rc);
		if (k->state != YOKE__CAPA_STATE__CAPA_PROPOSED)
			return refuse(c, YOKE__STATUS__STATUS_CONFLICT,
			    _("%s is %s: only a proposed CAPA is opened again"), k->number,
			    capa_state_text(k->state));
		if ((o = add_ncrs(c, k, ncrs, q->n_ncrs)) != OUTCOME_COMMIT)
			return o;
		if (!str_empty(q->title))
			k->title = q->title;
	} else {
		k = arena_alloc(c->a, sizeof *k);
		yoke__capa__init(k);
		if ((o = scope_of(c, ncrs, q->n_ncrs, k)) != OUTCOME_COMMIT)
			return o;
		k->title = q->title;
		/* As the NCRs name themselves ("NCR-000042"), however they were given. */
		k->ncrs = ARENA_NEW(c->a, char *, q->n_ncrs);
		for (size_t i = 0; i < q->n_ncrs; i++)
			k->ncrs[i] = ncrs[i]->number;
		k->n_ncrs = q->n_ncrs;
	}
	if ((o = sign_as(c, q->signature, ROLES_QUALITY, proposed ? arena_printf(c->a,
	    _("opened %s"), k->number) : _("opened a CAPA"), &by)) != OUTCOME_COMMIT)
		return o;
	if (!proposed) {
		if ((rc = counter_next(c, COUNTER_CAPA, &no)) != STORE_OK)
			return store_failed(c, rc);
		k->number = (char *)capa_name(c, no);
		by->meaning = arena_printf(c->a, _("opened %s"), k->number);
	}
	k->state = YOKE__CAPA_STATE__CAPA_OPEN;
	k->n_signatures = 1;
	k->signatures = ARENA_NEW(c->a, Yoke__SignatureRecord *, 1);
	k->signatures[0] = by;
	k->opened_us = c->now;
	k->updated_us = c->now;
	const char *where = str_empty(k->station) ? k->product : k->station;
	const char *text = arena_printf(c->a, _("%s opened by %s: %s (%s at %s)"), k->number, by->name,
	    k->title, k->defect, where);
	if ((rc = capa_put(c, k)) != STORE_OK || (rc = capa_event(c, k, text, by, "")) != STORE_OK)
		return store_failed(c, rc);
	capa_reply_one(c, k);
	reply_message(c, "%s", text);
	return OUTCOME_COMMIT;
}
