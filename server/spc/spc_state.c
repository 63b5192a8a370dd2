/* spc_state.c — see spc_state.h. */
#include "server/spc/spc_state.h"
#include "shared/util.h"

#include <string.h>

size_t
spc_key(char *key, const char *characteristic, const char *station)
{
	size_t a = strlen(characteristic), b = strlen(station);

	if (a + 1 + b + 5 > KEY_MAX)
		return 0;
	memcpy(key, characteristic, a);
	key[a] = '\0';
	memcpy(key + a + 1, station, b);
	return a + 1 + b;
}

int
spc_state_get(struct ctx *c, const char *characteristic, const char *station,
    Yoke__SpcState **st)
{
	char key[KEY_MAX];
	size_t kl = spc_key(key, characteristic, station);

	if (kl == 0)
		return STORE_NOTFOUND;
	return rec_get(c->txn, c->a, T_SPC, key, kl, &yoke__spc_state__descriptor, (void **)st);
}

int
spc_state_put(struct ctx *c, const char *characteristic, const char *station,
    const Yoke__SpcState *st)
{
	char key[KEY_MAX];
	size_t kl = spc_key(key, characteristic, station);

	if (kl == 0)
		return STORE_ERROR;
	return rec_put(c->txn, c->a, T_SPC, key, kl, (const ProtobufCMessage *)st, 0);
}

static int
copy_in(double *dst, int cap, const double *src, size_t n)
{
	size_t first = n > (size_t)cap ? n - (size_t)cap : 0;

	if (n > first)
		memcpy(dst, src + first, (n - first) * sizeof *dst);
	return (int)(n - first);
}

void
spc_state_to_window(const Yoke__SpcState *s, struct spc_window *w)
{
	memset(w, 0, sizeof *w);
	w->npoints = copy_in(w->points, SPC_WINDOW_POINTS, s->points, s->n_points);
	w->nvalues = copy_in(w->values, SPC_WINDOW_VALUES_MAX, s->values, s->n_values);
	w->open = s->open <= (uint32_t)w->nvalues ? (int)s->open : 0;
	w->count = s->count;
	w->has_limits = s->has_limits;
	w->cl = s->cl;
	w->ucl = s->ucl;
	w->lcl = s->lcl;
	w->learn = s->learn;
	w->learnt = s->learnt;
	w->sum_points = s->sum_points;
	w->sum_disp = s->sum_disp;
	w->drift_warned = s->drift_warned;
	w->has_disp = s->has_disp;
	w->dcl = s->disp_cl;
	w->ducl = s->disp_ucl;
	w->dlcl = s->disp_lcl;
}

void
spc_state_from_window(struct ctx *c, const struct spc_window *w, Yoke__SpcState *s)
{
	s->n_points = (size_t)w->npoints;
	s->points = ARENA_NEW(c->a, double, (size_t)w->npoints + 1);
	memcpy(s->points, w->points, (size_t)w->npoints * sizeof *s->points);
	s->n_values = (size_t)w->nvalues;
	s->values = ARENA_NEW(c->a, double, (size_t)w->nvalues + 1);
	memcpy(s->values, w->values, (size_t)w->nvalues * sizeof *s->values);
	s->open = (uint32_t)w->open;
	s->count = w->count;
	s->has_limits = w->has_limits;
	s->cl = w->cl;
	s->ucl = w->ucl;
	s->lcl = w->lcl;
	s->learn = w->learn;
	s->learnt = w->learnt;
	s->sum_points = w->sum_points;
	s->sum_disp = w->sum_disp;
	s->drift_warned = w->drift_warned;
	s->has_disp = w->has_disp;
	s->disp_cl = w->dcl;
	s->disp_ucl = w->ducl;
	s->disp_lcl = w->dlcl;
}

int
spc_limits_keep(struct ctx *c, Yoke__SpcState *st, const char *characteristic,
    const char *station, Yoke__SpcLimitsChange *ch)
{
	char key[KEY_MAX];
	size_t kl = spc_key(key, characteristic, station);

	if (kl == 0)
		return STORE_ERROR;
	ch->number = ++st->changes;
	ch->characteristic = (char *)characteristic;
	ch->station = (char *)station;
	ch->time_us = c->now;
	key[kl++] = '\0';
	put_be32((unsigned char *)key + kl, ch->number);
	kl += 4;
	return rec_put(c->txn, c->a, T_SPC_LIMITS, key, kl, (const ProtobufCMessage *)ch, 0);
}
