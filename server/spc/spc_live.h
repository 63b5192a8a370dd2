/*
 * spc_live.h — SPC on what the line measures: the one call req_step makes
 * for a measure step that is a characteristic (Step.spc), after the value's
 * EVENT_MEASURED is in the unit's history, in the same transaction.
 *
 * It reads and rewrites the characteristic's state at the station (one
 * record, spc_state.h), adds the value (spc_window.h), and when a run rule
 * breaks or the drift warning is due applies the action the definitions
 * give it before the reply goes back:
 *
 *   log           an EVENT_SPC_SIGNAL in the unit's history; the reply says it
 *   alarm         alarm_raise (source RULE or DRIFT, severity warning or
 *                 violation, the characteristic, the rule, the values), an
 *                 EVENT_ALARM_RAISED in the unit's history, and the reply's
 *                 status is SPC_SIGNAL
 *   hold-unit     the same, and a hold of source SPC on the unit
 *   hold-lot      the same, and a hold of source SPC on the unit's work
 *                 order: the lot of production (every unit of it, now and
 *                 released later, stops at its next request)
 *   stop-station  the same, and the alarm stops the station (alarm.h)
 *
 * The reply's message gets what broke and what was done appended, and the
 * step's result in the UnitView says it too. When several rules break at
 * one point, one alarm names them all with the strongest action and level
 * among theirs. Limits learnt or taken from the definitions are kept in the
 * history of limits (spc_limits), as an engineer's changes are.
 */
#ifndef YOKE_SPC_LIVE_H
#define YOKE_SPC_LIVE_H

#include "server/server.h"

enum outcome spc_measured(struct ctx *c, const Yoke__Step *step, Yoke__UnitRecord *u,
    const Yoke__Event *ev);

/* The rules and their actions a characteristic applies: its spc_rule lines,
 * or without any the default (WE1 a violation, WE2-WE4 warnings, each an
 * alarm). Writes at most max and returns how many. */
size_t spc_rule_actions(const Yoke__SpcCharacteristic *x, const Yoke__SpcRuleAction **out,
    size_t max);
/* "WE2", "N3": the short code of one SPC_* bit. */
const char *spc_rule_code(unsigned bit);

#endif
