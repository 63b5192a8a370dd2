/*
 * spc_state.h — where the live SPC of a characteristic is kept: one
 * SpcState record per characteristic and station in the spc table (the
 * window of recent points and values, the limits in force, the learning),
 * and the history of its limits in the spc_limits table, one
 * SpcLimitsChange per change, numbered 1, 2, ... per characteristic and
 * station (store.h has the key layouts).
 *
 * Per station, not across stations: a tool wears, a fixture shifts or an
 * oven drifts at one station, and the points of two stations mixed in one
 * window would hide that (and break the rules of both). The characteristic
 * is named by its measure step's name, plant-wide: every step that
 * measures "peak_temp" feeds the same chart at a station.
 */
#ifndef YOKE_SPC_STATE_H
#define YOKE_SPC_STATE_H

#include "server/server.h"
#include "server/spc/spc_window.h"

/* "name \0 station"; 0 when it does not fit KEY_MAX. */
size_t spc_key(char *key, const char *characteristic, const char *station);
/* STORE_OK and *st, or STORE_NOTFOUND. */
int spc_state_get(struct ctx *c, const char *characteristic, const char *station,
    Yoke__SpcState **st);
int spc_state_put(struct ctx *c, const char *characteristic, const char *station,
    const Yoke__SpcState *st);
/* Between the record and the window (spc_window.h); the record's arrays
 * are made in the request's arena. */
void spc_state_to_window(const Yoke__SpcState *s, struct spc_window *w);
void spc_state_from_window(struct ctx *c, const struct spc_window *w, Yoke__SpcState *s);
/* Keeps one change of limits: ch gets the next number of st (st->changes
 * grows; the caller writes st), its characteristic, station and time. */
int spc_limits_keep(struct ctx *c, Yoke__SpcState *st, const char *characteristic,
    const char *station, Yoke__SpcLimitsChange *ch);

#endif
