/*
 * report_html_data.c — the data of the HTML report, from the server over
 * the wire, with the requests the other commands send:
 *
 *   CoqQuery (yokectl coq)        totals per category, the trend per period,
 *                                 the Pareto by cost, FPY per station
 *   NcrQuery (defects pareto)     the NCRs opened in the period, counted by
 *                                 defect code (at most the newest 5000)
 *   SpcListQuery                  the names of the characteristics
 *   SpcQuery (spc --characteristic) each one's points since the period's
 *                                 start, its state per station, its definition
 *
 * Every answer is bounded by the server; here the points after the
 * period's last day are left out, the points are split per station (limits
 * are kept per station), and each chart is computed and its rules checked
 * as `yokectl spc --characteristic` does, against the limits in force at
 * the station when there are some.
 */
#include "terminal/ctl/coq.h"
#include "terminal/ctl/report_html.h"
#include "shared/quality/spc.h"
#include "shared/util.h"

#include <stdlib.h>
#include <string.h>

#define DAY_US INT64_C(86400000000)

static int
fetch_ncrs(struct ctl *ctl, struct report_data *d)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrQuery q = YOKE__NCR_QUERY__INIT;
	Yoke__Reply *rp;
	int rc;

	q.since_us = d->from_us;
	rq.body_case = YOKE__REQUEST__BODY_NCRS;
	rq.ncrs = &q;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		return rc;
	for (size_t i = 0; i < rp->ncrs->n_ncrs; i++) {
		const Yoke__Ncr *n = rp->ncrs->ncrs[i];
		if (n->opened_us >= d->to_end_us)
			continue;
		if (str_empty(n->defect))
			pareto_add(&d->ncr, "-", _("no defect code"));
		else
			pareto_add(&d->ncr, n->defect, n->defect_text);
	}
	pareto_finish(&d->ncr);
	d->ncr_partial = rp->ncrs->matched > rp->ncrs->n_ncrs;
	client_reply_free(rp);
	return CTL_OK;
}

static int
fetch_list(struct ctl *ctl, Yoke__Reply **out)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SpcListQuery q = YOKE__SPC_LIST_QUERY__INIT;

	rq.body_case = YOKE__REQUEST__BODY_SPC_LIST;
	rq.spc_list = &q;
	return ctl_request(ctl, &rq, out);
}

static const Yoke__SpcStationState *
state_at(const Yoke__SpcReply *r, const char *station)
{
	for (size_t i = 0; i < r->n_states; i++)
		if (strcmp(r->states[i]->station, station) == 0)
			return r->states[i];
	return NULL;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The chart of the values v (n of them) of one station. */
static void
chart(struct report_spc *s, const Yoke__SpcReply *r, const Yoke__SpcStationState *st,
    const double *v, size_t n)
{
	const Yoke__SpcCharacteristic *def = r->definition;
	enum spc_chart_type type = !def || def->chart == YOKE__SPC_CHART__SPC_CHART_IMR ? SPC_IMR :
	    def->chart == YOKE__SPC_CHART__SPC_CHART_XBAR_R ? SPC_XBAR_R : SPC_XBAR_S;
	unsigned rules = 0;
	struct spc_chart c;
	char err[200];
	int nv = (int)n;

	s->xbar = type != SPC_IMR;
	s->subgroup = s->xbar ? (int)def->subgroup : 1;
	if (s->xbar && s->subgroup >= 2)
		nv -= nv % s->subgroup;       /* whole subgroups only */
	for (size_t i = 0; def && i < def->n_rules; i++)
		rules |= def->rules[i]->rules;
	if (rules == 0)
		rules = SPC_RULES_WE;
	s->has_lsl = r->has_lsl;
	s->lsl = r->lsl;
	s->has_usl = r->has_usl;
	s->usl = r->usl;
	if (st && st->has_limits) {
		s->in_force = s->has_limits = true;
		s->cl = st->cl;
		s->ucl = st->ucl;
		s->lcl = st->lcl;
	}
	if (nv > 0 && spc_chart_compute(type, v, NULL, nv, s->subgroup, &c, err, sizeof err)) {
		s->n = (size_t)c.npoints;
		s->values = xcalloc(s->n + 1, sizeof *s->values);
		s->out = xcalloc(s->n + 1, sizeof *s->out);
		memcpy(s->values, c.point, s->n * sizeof *s->values);
		if (s->in_force) {
			c.cl = s->cl;
			for (int i = 0; i < c.npoints; i++) {
				c.ucl[i] = s->ucl;
				c.lcl[i] = s->lcl;
			}
		} else {
			s->has_limits = true;
			s->cl = c.cl;
			s->ucl = c.ucl[c.npoints - 1];
			s->lcl = c.lcl[c.npoints - 1];
		}
		int total = spc_rules_check(&c, rules, NULL, 0);
		struct spc_violation *viol = xcalloc((size_t)total + 1, sizeof *viol);
		spc_rules_check(&c, rules, viol, total);
		for (int i = 0; i < total; i++)
			if (viol[i].index >= 0 && (size_t)viol[i].index < s->n && !s->out[viol[i].index]) {
				s->out[viol[i].index] = true;
				s->n_out++;
			}
		free(viol);
		spc_chart_free(&c);
		return;
	}
	/* Too few points for limits of their own: the values as they are. */
	s->n = n;
	s->values = xcalloc(n + 1, sizeof *s->values);
	s->out = xcalloc(n + 1, sizeof *s->out);
	memcpy(s->values, v, n * sizeof *v);
	s->xbar = false;
	if (s->in_force)
		for (size_t i = 0; i < n; i++)
			if (v[i] > s->ucl || v[i] < s->lcl) {
				s->out[i] = true;
				s->n_out++;
			}
}

/* The charts of one characteristic: one per station with points in the period. */
static int
fetch_characteristic(struct ctl *ctl, struct report_data *d, const char *name)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SpcQuery q = YOKE__SPC_QUERY__INIT;
	Yoke__Reply *rp;
	const Yoke__SpcReply *r;
	char **stations;
	size_t ns = 0;
	int rc;

	q.characteristic = (char *)name;
	q.station = (char *)"";
	q.since_us = d->from_us;
	q.max = REPORT_SPC_POINTS;
	rq.body_case = YOKE__REQUEST__BODY_SPC;
	rq.spc = &q;
	/* (SpcQuery, 62, is answered by the SpcReply numbered 61: not
	 * ctl_request's rule, so the answer is checked here, as spc_stored.c does.) */
	if ((rp = ctl_call(ctl, &rq)) == NULL)
		return CTL_OFFLINE;
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		rc = ctl_refused(rp);
		client_reply_free(rp);
		return rc;
	}
	if (rp->body_case != YOKE__REPLY__BODY_SPC) {
		client_reply_free(rp);
		return ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no result for this "
		    "request (%s)"), name);
	}
	r = rp->spc;
	stations = xcalloc(r->n_points + 1, sizeof *stations);
	for (size_t i = 0; i < r->n_points; i++) {
		const Yoke__SpcPoint *p = r->points[i];
		bool seen = false;
		if (p->time_us >= d->to_end_us)
			continue;
		for (size_t j = 0; j < ns && !seen; j++)
			seen = strcmp(stations[j], p->station) == 0;
		if (!seen)
			stations[ns++] = p->station;
	}
	qsort(stations, ns, sizeof *stations, by_name);
	double *v = xcalloc(r->n_points + 1, sizeof *v);
	for (size_t j = 0; j < ns; j++) {
		size_t n = 0;
		for (size_t i = 0; i < r->n_points; i++)
			if (r->points[i]->time_us < d->to_end_us &&
			    strcmp(r->points[i]->station, stations[j]) == 0)
				v[n++] = r->points[i]->value;
		d->spc = xrealloc(d->spc, (d->n_spc + 1) * sizeof *d->spc);
		struct report_spc *s = &d->spc[d->n_spc++];
		*s = (struct report_spc){ .characteristic = xstrdup(name),
			.station = xstrdup(stations[j]), .unit = xstrdup(r->unit ? r->unit : ""),
			.matched = r->matched, .cut = r->matched > r->n_points };
		chart(s, r, state_at(r, stations[j]), v, n);
	}
	free(v);
	free(stations);
	client_reply_free(rp);
	return CTL_OK;
}

static int
fetch_spc(struct ctl *ctl, struct report_data *d)
{
	Yoke__Reply *rp;
	int rc;

	if ((rc = fetch_list(ctl, &rp)) != CTL_OK)
		return rc;
	d->spc_list_truncated = rp->spc_list->truncated;
	for (size_t i = 0; i < rp->spc_list->n_characteristics; i++) {
		const char *name = rp->spc_list->characteristics[i];
		if (i >= REPORT_SPC_MAX) {
			d->skipped = xrealloc(d->skipped, (d->n_skipped + 1) * sizeof *d->skipped);
			d->skipped[d->n_skipped++] = xstrdup(name);
			continue;
		}
		if ((rc = fetch_characteristic(ctl, d, name)) != CTL_OK)
			break;
	}
	client_reply_free(rp);
	return rc;
}

int
report_gather(struct ctl *ctl, struct report_data *d)
{
	int rc;

	if (!ctl_date_us(d->from, &d->from_us) || !ctl_date_us(d->to, &d->to_end_us))
		return ctl_fail(CTL_ST_INVALID, _("expected dates YYYY-MM-DD, got \"%s\" and \"%s\""),
		    d->from, d->to);
	d->to_end_us += DAY_US;
	if ((rc = ctl_coq_fetch(ctl, d->from, d->to, YOKE__COQ_BY__COQ_BY_PERIOD,
	    (Yoke__CoqPeriod)d->period, &d->coq)) != CTL_OK)
		return rc;
	if ((rc = fetch_ncrs(ctl, d)) != CTL_OK)
		return rc;
	return fetch_spc(ctl, d);
}

bool
report_empty(const struct report_data *d)
{
	const Yoke__CoqReport *r = d->coq ? d->coq->coq : NULL;
	bool coq = r && (r->total->entries || r->total->started || r->total->completed ||
	    r->total->op_starts || r->n_pareto || ctl_coq_row_total(r->total));
	return !coq && d->ncr.n == 0 && d->n_spc == 0;
}

void
report_data_free(struct report_data *d)
{
	if (d->coq)
		client_reply_free(d->coq);
	pareto_free(&d->ncr);
	for (size_t i = 0; i < d->n_spc; i++) {
		free(d->spc[i].characteristic);
		free(d->spc[i].station);
		free(d->spc[i].unit);
		free(d->spc[i].values);
		free(d->spc[i].out);
	}
	free(d->spc);
	for (size_t i = 0; i < d->n_skipped; i++)
		free(d->skipped[i]);
	free(d->skipped);
	d->coq = NULL;
	d->spc = NULL;
	d->skipped = NULL;
	d->n_spc = d->n_skipped = 0;
}
