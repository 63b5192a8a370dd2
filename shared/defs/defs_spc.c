/*
 * defs_spc.c — the SPC statements after a measure step, which make it a
 * characteristic (docs/definitions.md, "SPC"):
 *
 *   measure peak_temp unit=C lsl=230 usl=250
 *   spc chart=imr learn=25 drift=12 window=10
 *   spc_rule we1 violation=stop-station
 *   spc_rule we2,we3 warning=hold-unit
 *   spc_rule drift warning=alarm
 *
 *   spc chart=imr|xbar-r|xbar-s [n=2..25] [cl= ucl= lcl= | mean= sigma= |
 *       learn=2..1000] [drift=UNITS [window=3..50]]
 *   spc_rule RULES warning=ACTION | violation=ACTION
 *       RULES: we1..we4, n1..n8, we (all four), nelson (all eight), drift;
 *       comma-separated. ACTION: log, alarm, hold-unit, hold-lot,
 *       stop-station.
 *
 * The spc statement follows the measure step it describes (its options say
 * the chart and where the limits come from); each spc_rule follows the
 * spc statement. Without spc_rule lines the server applies WE1 as a
 * violation and WE2-WE4 as warnings, each raising an alarm; a drift
 * warning without its spc_rule raises a warning alarm. defs_spc_check
 * checks a step's characteristic again where the definitions arrive as
 * data (the server's load).
 */
#include "shared/defs/defs_priv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shared/i18n.h"
#include "shared/quality/spc.h"

#define SPC_LEARN_MIN 2
#define SPC_LEARN_MAX 1000
#define SPC_DRIFT_UNITS_MAX 10000
#define SPC_WINDOW_MIN 3
#define SPC_WINDOW_MAX 50
#define SPC_SUBGROUP_MAX 25

static const char *
get(const struct line *ln, const char *key)
{
	for (int i = 0; i < ln->nopts; i++)
		if (strcmp(ln->opt_key[i], key) == 0)
			return ln->opt_val[i];
	return NULL;
}

static bool
count(struct parser *p, const char *what, const char *s, uint32_t min, uint32_t max,
    uint32_t *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = s[0] >= '0' && s[0] <= '9' ? strtoul(s, &end, 10) : 0;
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 || v < min || v > max)
		return fail(p, _("%s: expected a whole number from %u to %u, found \"%s\""), what, min,
		    max, s);
	*out = (uint32_t)v;
	return true;
}

static bool
real(struct parser *p, const char *what, const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(*out) || strspn(s, "0123456789+-.eE") !=
	    strlen(s))
		return fail(p, _("%s: expected a decimal number such as 245 or -0.5, found \"%s\""), what,
		    s);
	return true;
}

/* The step the statement belongs to: the operation's last, a measure step. */
static Yoke__Step *
measure_step(struct parser *p, const char *kw)
{
	Yoke__Operation *op = p->operation;
	Yoke__Step *s = op && op->n_steps ? op->steps[op->n_steps - 1] : NULL;

	if (s == NULL || s->kind != YOKE__STEP_KIND__STEP_MEASURE) {
		fail(p, _("%s: expected it right after a measure step, which it describes"), kw);
		return NULL;
	}
	return s;
}

static bool
limits(struct parser *p, const struct line *ln, Yoke__SpcCharacteristic *x)
{
	const char *cl = get(ln, "cl"), *ucl = get(ln, "ucl"), *lcl = get(ln, "lcl");
	const char *mean = get(ln, "mean"), *sigma = get(ln, "sigma"), *learn = get(ln, "learn");
	bool given = cl || ucl || lcl, from_sigma = mean || sigma;
	double m, s;

	if (given + from_sigma + (learn != NULL) > 1)
		return fail(p, _("spc: expected one way to the control limits: cl= ucl= lcl=, mean= "
		    "sigma=, or learn=N, found more than one"));
	if (given && !(cl && ucl && lcl))
		return fail(p, _("spc: expected cl=, ucl= and lcl= together"));
	if (from_sigma && !(mean && sigma))
		return fail(p, _("spc: expected mean= and sigma= together"));
	if (given) {
		if (!real(p, "cl", cl, &x->cl) || !real(p, "ucl", ucl, &x->ucl) ||
		    !real(p, "lcl", lcl, &x->lcl))
			return false;
		if (!(x->lcl < x->cl && x->cl < x->ucl))
			return fail(p, _("spc: expected lcl < cl < ucl, found lcl %g, cl %g, ucl %g"),
			    x->lcl, x->cl, x->ucl);
		x->has_limits = true;
		return true;
	}
	if (from_sigma) {
		if (!real(p, "mean", mean, &m) || !real(p, "sigma", sigma, &s))
			return false;
		if (!(s > 0))
			return fail(p, _("spc: sigma: expected a number above 0, found \"%s\""), sigma);
		/* I-MR: mean ± 3σ; X̄: mean ± 3σ/√n (as spc_window_limits_from_sigma). */
		double half = x->subgroup > 1 ? 3 * s / sqrt(x->subgroup) : 3 * s;
		x->cl = m;
		x->ucl = m + half;
		x->lcl = m - half;
		x->has_limits = true;
		return true;
	}
	x->learn = 20;
	return !learn || count(p, "learn", learn, SPC_LEARN_MIN, SPC_LEARN_MAX, &x->learn);
}

bool
defs_build_spc(struct parser *p, const struct line *ln)
{
	const char *chart = get(ln, "chart"), *n = get(ln, "n"), *drift = get(ln, "drift");
	const char *window = get(ln, "window");
	enum spc_chart_type t;
	Yoke__Step *s;

	if (strcmp(ln->keyword, "spc_rule") == 0)
		return defs_build_spc_rule(p, ln);
	if ((s = measure_step(p, "spc")) == NULL)
		return false;
	if (s->spc)
		return fail(p, _("spc: measure %s already has its spc statement"), s->name);
	if (!spc_parse_chart_type(chart, &t) || t > SPC_XBAR_S)
		return fail(p, _("chart: expected imr, xbar-r or xbar-s, found \"%s\""), chart);
	Yoke__SpcCharacteristic *x = xmalloc(sizeof *x);
	yoke__spc_characteristic__init(x);
	x->source = xasprintf("%s:%d", p->file, p->lineno);
	s->spc = x;    /* owned by the step from here: a failure frees it with the rest */
	x->chart = t == SPC_IMR ? YOKE__SPC_CHART__SPC_CHART_IMR : t == SPC_XBAR_R ?
	    YOKE__SPC_CHART__SPC_CHART_XBAR_R : YOKE__SPC_CHART__SPC_CHART_XBAR_S;
	x->subgroup = 1;
	if (t == SPC_IMR && n)
		return fail(p, _("spc: n= is the subgroup size of an X-bar chart; an I-MR chart plots "
		    "single values"));
	if (t != SPC_IMR && !n)
		return fail(p, _("spc: chart=%s needs the subgroup size n=2..25"), chart);
	if (n && !count(p, "n", n, 2, SPC_SUBGROUP_MAX, &x->subgroup))
		return false;
	if (!limits(p, ln, x))
		return false;
	if (window && !drift)
		return fail(p, _("spc: window= is the drift fit's; give drift=UNITS with it"));
	if (drift) {
		if (!count(p, "drift", drift, 1, SPC_DRIFT_UNITS_MAX, &x->drift_units))
			return false;
		if (!s->has_lsl && !s->has_usl)
			return fail(p, _("spc: drift= warns before a specification limit; measure %s has "
			    "neither lsl= nor usl="), s->name);
		x->drift_window = 10;
		if (window && !count(p, "window", window, SPC_WINDOW_MIN, SPC_WINDOW_MAX,
		    &x->drift_window))
			return false;
	}
	return true;
}

static const char *const actions[] = { "log", "alarm", "hold-unit", "hold-lot", "stop-station" };

const char *
defs_spc_action_name(Yoke__SpcAction a)
{
	return (unsigned)a < sizeof actions / sizeof actions[0] ? actions[a] : "?";
}

/* "we1", "n3", "we", "nelson", "drift" (one token of the list); 0: unknown. */
static unsigned
rule_bits(const char *t, size_t len, bool *drift)
{
	char buf[16];
	int k;

	if (len == 0 || len >= sizeof buf)
		return 0;
	memcpy(buf, t, len);
	buf[len] = '\0';
	if (strcmp(buf, "drift") == 0)
		return *drift = true, 0;
	if (strcmp(buf, "we") == 0)
		return SPC_RULES_WE;
	if (strcmp(buf, "nelson") == 0)
		return SPC_RULES_NELSON;
	if (len == 3 && strncmp(buf, "we", 2) == 0 && (k = buf[2] - '0') >= 1 && k <= 4)
		return SPC_WE1 << (k - 1);
	if (len == 2 && buf[0] == 'n' && (k = buf[1] - '0') >= 1 && k <= 8)
		return SPC_NELSON1 << (k - 1);
	return 0;
}

bool
defs_build_spc_rule(struct parser *p, const struct line *ln)
{
	const char *warn = get(ln, "warning"), *viol = get(ln, "violation"), *act = warn ? warn : viol;
	const char *list = ln->positional;
	unsigned rules = 0, taken = 0;
	bool drift = false;
	Yoke__Step *s;
	size_t a;

	if ((s = measure_step(p, "spc_rule")) == NULL)
		return false;
	if (s->spc == NULL)
		return fail(p, _("spc_rule: expected it after the spc statement of measure %s"), s->name);
	if ((warn != NULL) == (viol != NULL))
		return fail(p, _("spc_rule: expected warning=ACTION or violation=ACTION (one level)"));
	for (const char *q = list; ; ) {
		size_t len = strcspn(q, ",");
		bool d = false;
		unsigned b = rule_bits(q, len, &d);
		if (b == 0 && !d)
			return fail(p, _("spc_rule: expected rules such as we1,we2 (we1-we4, n1-n8, we, "
			    "nelson) or drift, found \"%.*s\""), (int)len, q);
		rules |= b;
		drift |= d;
		if (q[len] == '\0')
			break;
		q += len + 1;
	}
	for (a = 0; a < sizeof actions / sizeof actions[0]; a++)
		if (strcmp(act, actions[a]) == 0)
			break;
	if (a == sizeof actions / sizeof actions[0])
		return fail(p, _("spc_rule: expected the action log, alarm, hold-unit, hold-lot or "
		    "stop-station, found \"%s\""), act);
	for (size_t i = 0; i < s->spc->n_rules; i++)
		taken |= s->spc->rules[i]->rules;
	if ((taken & rules) || (drift && s->spc->drift))
		return fail(p, _("spc_rule: a rule of \"%s\" already has its action on an earlier "
		    "spc_rule line"), list);
	if (drift && s->spc->drift_units == 0)
		return fail(p, _("spc_rule: drift needs drift=UNITS on the spc statement"));
	Yoke__SpcRuleAction *r = xmalloc(sizeof *r);
	yoke__spc_rule_action__init(r);
	r->violation = viol != NULL;
	r->action = (Yoke__SpcAction)a;
	if (drift) {
		Yoke__SpcRuleAction *d = xmalloc(sizeof *d);
		*d = *r;
		s->spc->drift = d;
	}
	if (rules) {
		r->rules = rules;
		APPEND(s->spc->rules, s->spc->n_rules, r);
	} else {
		free(r);
	}
	return true;
}

/* Writes "source: message" and returns false. */
static bool bad(const Yoke__Step *s, char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool
bad(const Yoke__Step *s, char *err, size_t errsz, const char *fmt, ...)
{
	const char *src = s->spc && !str_empty(s->spc->source) ? s->spc->source : s->source;
	va_list ap;
	int n = snprintf(err, errsz, "%s: ", str_empty(src) ? _("(no source)") : src);

	if (n < 0 || (size_t)n >= errsz)
		return false;
	va_start(ap, fmt);
	vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

bool
defs_spc_check(const Yoke__Step *s, char *err, size_t errsz)
{
	const Yoke__SpcCharacteristic *x = s->spc;
	bool xbar = x->chart != YOKE__SPC_CHART__SPC_CHART_IMR;

	if (s->kind != YOKE__STEP_KIND__STEP_MEASURE)
		return bad(s, err, errsz, _("spc: expected it on a measure step only"));
	if ((unsigned)x->chart > YOKE__SPC_CHART__SPC_CHART_XBAR_S)
		return bad(s, err, errsz, _("spc: chart of unknown kind %d"), (int)x->chart);
	if (xbar ? x->subgroup < 2 || x->subgroup > SPC_SUBGROUP_MAX : x->subgroup > 1)
		return bad(s, err, errsz, _("spc: subgroup size %u does not fit chart %s"), x->subgroup,
		    xbar ? "xbar" : "imr");
	if (x->has_limits ? !(x->lcl < x->cl && x->cl < x->ucl) || !isfinite(x->lcl) ||
	    !isfinite(x->ucl) : x->learn < SPC_LEARN_MIN || x->learn > SPC_LEARN_MAX)
		return bad(s, err, errsz, _("spc: expected limits lcl < cl < ucl or learn=2..1000"));
	if (x->drift_units > SPC_DRIFT_UNITS_MAX || (x->drift_units &&
	    (x->drift_window < SPC_WINDOW_MIN || x->drift_window > SPC_WINDOW_MAX)))
		return bad(s, err, errsz, _("spc: expected drift=1..%d with window=3..50"),
		    SPC_DRIFT_UNITS_MAX);
	for (size_t i = 0; i < x->n_rules; i++)
		if ((x->rules[i]->rules & ~(unsigned)(SPC_RULES_WE | SPC_RULES_NELSON)) ||
		    (unsigned)x->rules[i]->action > YOKE__SPC_ACTION__SPC_ACTION_STOP_STATION)
			return bad(s, err, errsz, _("spc_rule: unknown rule or action"));
	if (x->drift && (unsigned)x->drift->action > YOKE__SPC_ACTION__SPC_ACTION_STOP_STATION)
		return bad(s, err, errsz, _("spc_rule: unknown rule or action"));
	return true;
}
