/*
 * defs_equipment.c — equipment data in the definitions (issue 10): the
 * parameters a station's equipment publishes over MQTT, and the measure
 * step that takes its value from equipment instead of a person.
 *
 *   equipment_param NAME station=STATION [unit=UNIT] [lsl=NUMBER] [usl=NUMBER]
 *                   [sparkplug=GROUP/NODE/DEVICE ["metric name"]]
 *   measure NAME ... from=equipment [match=serial|latest] [window=30s]
 *
 * A parameter is known by its station and name (the measure step's name);
 * its limits decide which values the condensed series keeps point by
 * point (server/equipment/equipment.h). sparkplug= names the Sparkplug B
 * device that carries it, and the quoted text the metric's name there
 * (absent: the parameter's name). docs/equipment.md is the engineer's text.
 *
 * The builders here are called from defs.c (parse_line, build_step), the
 * check from defs_check.c (defs_validate), the move from defs.c
 * (defs_move), each by one call.
 */
#include "shared/defs/defs_priv.h"
#include "shared/defs/defs_index.h"
#include "shared/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
opt(const struct line *ln, const char *key)
{
	for (int i = 0; i < ln->nopts; i++)
		if (strcmp(ln->opt_key[i], key) == 0)
			return ln->opt_val[i];
	return NULL;
}

/* An identifier as defs.c checks one (same words, same message). */
static bool
check_id(struct parser *p, const char *what, const char *s)
{
	size_t len = strlen(s);
	if (len == 0)
		return fail(p, _("expected %s, found nothing"), what);
	if (len > DEFS_ID_MAX)
		return fail(p, _("%s \"%.20s...\" is %zu bytes long; at most %d are allowed"), what, s, len,
		    DEFS_ID_MAX);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '/' || *c == '"')
			return fail(p, _("%s: expected printable ASCII without spaces, '/' or '\"', "
			    "found \"%s\""), what, s);
	return true;
}

/* A finite decimal number, as defs.c reads lsl= and usl=. */
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
	errno = 0;
	v = ok && digit ? strtod(s, &end) : 0;
	if (!ok || !digit || *end != '\0' || errno == ERANGE || !isfinite(v))
		return fail(p, _("%s: expected a decimal number such as 245 or -0.5, found \"%s\""), what,
		    s);
	*out = v;
	return true;
}

/* GROUP/NODE/DEVICE: three identifiers of MQTT topic text (no '+', '#',
 * '/' inside one, no spaces), as Sparkplug B names them. */
static bool
check_device(struct parser *p, const char *s)
{
	int parts = 1;
	size_t len = strlen(s);
	bool ok = len > 0 && len <= DEFS_EQUIPMENT_NAME_MAX && s[0] != '/' && s[len - 1] != '/';
	for (const unsigned char *c = (const unsigned char *)s; ok && *c; c++) {
		if (*c == '/')
			ok = c[1] != '/' && ++parts <= 3;
		else if (*c <= 0x20 || *c >= 0x7f || *c == '+' || *c == '#' || *c == '"')
			ok = false;
	}
	if (!ok || parts != 3)
		return fail(p, _("sparkplug: expected GROUP/NODE/DEVICE (three names without spaces, "
		    "'+' or '#'), found \"%s\""), s);
	return true;
}

bool
defs_build_equipment_param(struct parser *p, const struct line *ln)
{
	const char *unit = opt(ln, "unit"), *dev = opt(ln, "sparkplug"), *v;
	double lsl = 0, usl = 0;

	if (!check_id(p, _("parameter name"), ln->positional) ||
	    !check_id(p, _("station id"), opt(ln, "station")))
		return false;
	if (unit && strlen(unit) > DEFS_UNIT_MAX)
		return fail(p, _("unit \"%s\" is %zu bytes long; at most %d are allowed"), unit,
		    strlen(unit), DEFS_UNIT_MAX);
	if (((v = opt(ln, "lsl")) && !parse_real(p, "lsl", v, &lsl)) ||
	    ((v = opt(ln, "usl")) && !parse_real(p, "usl", v, &usl)) ||
	    (dev && !check_device(p, dev)))
		return false;
	if (ln->text && !dev)
		return fail(p, _("equipment_param %s: a quoted metric name without sparkplug=; "
		    "expected sparkplug=GROUP/NODE/DEVICE before it"), ln->positional);
	if (ln->text && (strlen(ln->text) == 0 || strlen(ln->text) > DEFS_EQUIPMENT_NAME_MAX))
		return fail(p, _("equipment_param %s: expected a metric name of 1 to %d bytes"),
		    ln->positional, DEFS_EQUIPMENT_NAME_MAX);
	Yoke__EquipmentParam *x = xmalloc(sizeof *x);
	yoke__equipment_param__init(x);
	x->station = xstrdup(opt(ln, "station"));
	x->name = xstrdup(ln->positional);
	x->unit = xstrdup(unit ? unit : "");
	x->has_lsl = opt(ln, "lsl") != NULL;
	x->lsl = lsl;
	x->has_usl = opt(ln, "usl") != NULL;
	x->usl = usl;
	x->sparkplug_device = xstrdup(dev ? dev : "");
	x->sparkplug_metric = xstrdup(dev ? (ln->text ? ln->text : ln->positional) : "");
	x->source = xasprintf("%s:%d", p->file, p->lineno);
	APPEND(p->out->equipment_params, p->out->n_equipment_params, x);
	return true;
}

/* window=30s, 2m or a plain number of seconds. */
static bool
parse_window(struct parser *p, const char *s, uint32_t *out)
{
	unsigned long v = 0, mult = 1;
	size_t len = strlen(s), digits = 0;
	while (digits < len && s[digits] >= '0' && s[digits] <= '9' && digits < 7)
		v = v * 10 + (unsigned long)(s[digits++] - '0');
	if (digits < len && strcmp(s + digits, "s") == 0)
		mult = 1;
	else if (digits < len && strcmp(s + digits, "m") == 0)
		mult = 60;
	else if (digits != len)
		digits = 0;
	v *= mult;
	if (digits == 0 || v < 1 || v > DEFS_EQUIPMENT_WINDOW_MAX)
		return fail(p, _("window: expected seconds (30s) or minutes (2m) from 1 s to %d s, "
		    "found \"%s\""), DEFS_EQUIPMENT_WINDOW_MAX, s);
	*out = (uint32_t)v;
	return true;
}

bool
defs_measure_from(struct parser *p, const struct line *ln, Yoke__Step *x)
{
	const char *from = opt(ln, "from"), *match = opt(ln, "match"), *window = opt(ln, "window");
	if (from == NULL) {
		if (match || window)
			return fail(p, _("measure %s: %s= is for a value from equipment; expected "
			    "from=equipment before it"), ln->positional, match ? "match" : "window");
		return true;
	}
	if (strcmp(from, "equipment") != 0)
		return fail(p, _("from: expected equipment, found \"%s\""), from);
	x->from_equipment = true;
	x->match_serial = false;
	if (match && strcmp(match, "serial") == 0)
		x->match_serial = true;
	else if (match && strcmp(match, "latest") != 0)
		return fail(p, _("match: expected serial or latest, found \"%s\""), match);
	return window == NULL || parse_window(p, window, &x->window_s);
}

void
defs_move_equipment(Yoke__Definitions *to, Yoke__Definitions *from)
{
	for (size_t i = 0; i < from->n_equipment_params; i++)
		APPEND(to->equipment_params, to->n_equipment_params, from->equipment_params[i]);
	free(from->equipment_params);
	from->equipment_params = NULL;
	from->n_equipment_params = 0;
}

static bool bad(char *err, size_t errsz, const char *src, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool
bad(char *err, size_t errsz, const char *src, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errsz, "%s: ", str_empty(src) ? _("(no source)") : src);
	if (n < 0 || (size_t)n >= errsz)
		return false;
	va_start(ap, fmt);
	vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

/*
 * Each station + name once, on a defined station; lsl <= usl; each
 * Sparkplug device + metric names one parameter. (That a from=equipment
 * step's station kind has stations with the parameter is not required:
 * the parameter may be defined in a later load; the step says so when a
 * unit reaches it.)
 */
bool
defs_check_equipment(const Yoke__Definitions *d, char *err, size_t errsz)
{
	struct defs_index stations = { 0 }, params = { 0 }, spb = { 0 };
	size_t later, first;
	bool ok = true;

	for (size_t i = 0; i < d->n_stations; i++)
		defs_index_add(&stations, d->stations[i]->id, NULL, 0, i);
	defs_index_sort(&stations);
	for (size_t i = 0; i < d->n_equipment_params; i++) {
		const Yoke__EquipmentParam *x = d->equipment_params[i];
		defs_index_add(&params, x->station, x->name, 0, i);
		if (!str_empty(x->sparkplug_device))
			defs_index_add(&spb, x->sparkplug_device, x->sparkplug_metric, 0, i);
	}
	defs_index_sort(&params);
	defs_index_sort(&spb);
	if (defs_index_duplicate(&params, &later, &first))
		ok = bad(err, errsz, d->equipment_params[later]->source, _("equipment_param %s of "
		    "station %s is defined twice (first at %s)"), d->equipment_params[later]->name,
		    d->equipment_params[later]->station, d->equipment_params[first]->source);
	else if (defs_index_duplicate(&spb, &later, &first))
		ok = bad(err, errsz, d->equipment_params[later]->source, _("sparkplug %s metric \"%s\" "
		    "already carries another parameter (at %s)"),
		    d->equipment_params[later]->sparkplug_device,
		    d->equipment_params[later]->sparkplug_metric, d->equipment_params[first]->source);
	for (size_t i = 0; ok && i < d->n_equipment_params; i++) {
		const Yoke__EquipmentParam *x = d->equipment_params[i];
		if (defs_index_find(&stations, x->station, NULL) < 0)
			ok = bad(err, errsz, x->source, _("equipment_param %s: no station %s is defined; "
			    "expected a \"station %s\" statement"), x->name, x->station, x->station);
		else if (x->has_lsl && x->has_usl && x->lsl > x->usl)
			ok = bad(err, errsz, x->source, _("equipment_param %s: lsl %g is above usl %g"),
			    x->name, x->lsl, x->usl);
	}
	defs_index_free(&stations);
	defs_index_free(&params);
	defs_index_free(&spb);
	return ok;
}
