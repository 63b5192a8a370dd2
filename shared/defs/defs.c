/*
 * defs.c — the definition file parser: the driver that reads a file line
 * by line and the builders that turn each statement into records (see
 * defs.h). The line lexer is in defs_line.c, deep copies and lookups in
 * defs_copy.c, the cross-reference validator in defs_check.c and the
 * sorted key index it uses in defs_index.c.
 *
 * A file is read one line at a time; defs_line.c checks each line's bytes,
 * cuts it into tokens and checks it against the statement table, then the
 * builder for the keyword converts and checks each value.
 *
 * Blocks: "bom" opens a BOM that following "line" statements fill;
 * "routing" opens a routing that "op" and "rework" statements fill, and
 * each of those opens an operation (a rework one for "rework") that step
 * statements (instruct, scan, measure, check, inspect) fill. Any top-level
 * statement (part, bom, routing, station, operator, defect, capa_trigger,
 * supplier) closes the open blocks. Indentation is for the reader only.
 *
 * Records are built into a private Definitions and moved into the caller's
 * only when the whole file has parsed, so a failing file appends nothing.
 * Everything is allocated with malloc (see defs_copy.c).
 */
#include "shared/defs/defs_priv.h"
#include "shared/defs/defs_gate.h"
#include "shared/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shared/gs1/gs1.h"
#include "shared/util.h"
#include "shared/quality/sampling.h"

/* ---- values ---- */

/* An identifier: 1..DEFS_ID_MAX bytes of printable ASCII, no space, '/' or '"'
 * (a component label is "PART/ID", so '/' would make it ambiguous). */
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

static bool
check_text(struct parser *p, const char *what, const char *s, size_t max)
{
	size_t len = strlen(s);
	if (len == 0)
		return fail(p, _("%s: expected a non-empty text, found \"\""), what);
	if (len > max)
		return fail(p, _("%s is %zu bytes long; at most %zu are allowed"), what, len, max);
	return true;
}

/* A whole decimal number in [min, max]: digits only, no sign, no spaces. */
static bool
parse_count(struct parser *p, const char *what, const char *s, uint32_t min, uint32_t max,
    uint32_t *out)
{
	unsigned long v;
	char *end;
	if (s[0] < '0' || s[0] > '9')
		return fail(p, _("%s: expected a whole number from %u to %u, found \"%s\""), what, min, max,
		    s);
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end != '\0' || errno != 0 || v < min || v > max)
		return fail(p, _("%s: expected a whole number from %u to %u, found \"%s\""), what, min, max,
		    s);
	*out = (uint32_t)v;
	return true;
}

/* A finite decimal number; strtod must take the whole token. Hex forms,
 * NaN and infinities are refused by the character set before strtod. */
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
	if (!ok || !digit)
		return fail(p, _("%s: expected a decimal number such as 245 or -0.5, found \"%s\""), what,
		    s);
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(v))
		return fail(p, _("%s: expected a decimal number such as 245 or -0.5, found \"%s\""), what,
		    s);
	*out = v;
	return true;
}

static bool
parse_tracking(struct parser *p, const char *s, Yoke__Tracking *out)
{
	static const Yoke__Tracking all[] = { YOKE__TRACKING__TRACKING_NONE,
		YOKE__TRACKING__TRACKING_LOT, YOKE__TRACKING__TRACKING_SERIAL };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, defs_tracking_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	return fail(p, _("tracking: expected none, lot or serial, found \"%s\""), s);
}

static bool
parse_category(struct parser *p, const char *s, Yoke__DefectCategory *out)
{
	for (int c = YOKE__DEFECT_CATEGORY__DEFECT_MAN; c <= YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT; c++)
		if (strcmp(s, defs_category_name((Yoke__DefectCategory)c)) == 0) {
			*out = (Yoke__DefectCategory)c;
			return true;
		}
	return fail(p, _("category: expected man, machine, material, method, measurement or "
	    "environment, found \"%s\""), s);
}

static bool
parse_role(struct parser *p, const char *s, Yoke__Role *out)
{
	for (int r = YOKE__ROLE__ROLE_OPERATOR; r <= YOKE__ROLE__ROLE_ADMIN; r++)
		if (strcmp(s, defs_role_name((Yoke__Role)r)) == 0) {
			*out = (Yoke__Role)r;
			return true;
		}
	return fail(p, _("role: expected operator, lead, inspector, engineer or admin, found \"%s\""), s);
}

/* Checks one entry of qualified=: a lone star, "PRODUCT/" then a star, or
 * "PRODUCT/OPNO". */
static bool
check_qualification(struct parser *p, const char *s)
{
	const char *slash = strchr(s, '/');
	char product[DEFS_ID_MAX + 1];
	uint32_t opno;
	size_t plen;

	if (strcmp(s, "*") == 0)
		return true;
	if (slash == NULL || slash == s || (plen = (size_t)(slash - s)) > DEFS_ID_MAX)
		return fail(p, _("qualified: expected PRODUCT/OPNO, PRODUCT/* or *, found \"%s\""), s);
	memcpy(product, s, plen);
	product[plen] = '\0';
	if (!check_id(p, _("qualified product"), product))
		return false;
	if (strcmp(slash + 1, "*") == 0)
		return true;
	if (slash[1] < '0' || slash[1] > '9')
		return fail(p, _("qualified: expected PRODUCT/OPNO, PRODUCT/* or *, found \"%s\""), s);
	return parse_count(p, _("qualified operation number"), slash + 1, 1, DEFS_NUMBER_MAX, &opno);
}

static const char *
opt(const struct line *ln, const char *key)
{
	for (int i = 0; i < ln->nopts; i++)
		if (strcmp(ln->opt_key[i], key) == 0)
			return ln->opt_val[i];
	return NULL;
}

static bool
flag(const struct line *ln, const char *name)
{
	for (int i = 0; i < ln->nflags; i++)
		if (strcmp(ln->flag[i], name) == 0)
			return true;
	return false;
}

static char *
source(const struct parser *p)
{
	return xasprintf("%s:%d", p->file, p->lineno);
}

/* The next comma-separated item of a list option, or NULL at its end;
 * *rest moves past it. An empty item is returned as "" (refused by the
 * caller, naming the list). */
static char *
list_item(const char **rest)
{
	const char *q = *rest, *comma;
	if (q == NULL)
		return NULL;
	comma = strchr(q, ',');
	*rest = comma ? comma + 1 : NULL;
	return comma ? xstrndup(q, (size_t)(comma - q)) : xstrdup(q);
}

/*
 * gtin=09521234543213[,...]: the GTINs a supplier's GS1 label may carry for
 * the part, as (01) or (02). Each is a GTIN-8, -12, -13 or -14 with its
 * check digit, kept as 14 digits (zero-padded on the left, as GS1 writes a
 * shorter GTIN in a 14-digit field), so the label's value matches as it is.
 */
static bool
part_gtins(struct parser *p, Yoke__Part *x, const char *list)
{
	char *item;
	while ((item = list_item(&list)) != NULL) {
		size_t n = strlen(item), digits = strspn(item, "0123456789");
		char padded[15];
		if (digits != n || (n != 8 && n != 12 && n != 13 && n != 14)) {
			fail(p, _("gtin: expected 8, 12, 13 or 14 digits, found \"%.40s\""), item);
			free(item);
			return false;
		}
		if (!gs1_check_digit_valid(item, n)) {
			fail(p, _("gtin %s: the check digit is wrong (expected %d)"), item,
			    gs1_check_digit(item, n - 1));
			free(item);
			return false;
		}
		memset(padded, '0', 14 - n);
		memcpy(padded + 14 - n, item, n + 1);
		free(item);
		for (size_t i = 0; i < x->n_gtins; i++)
			if (strcmp(x->gtins[i], padded) == 0)
				return fail(p, _("gtin %s is listed twice for part %s"), padded, x->number);
		if (x->n_gtins == DEFS_GTINS_MAX)
			return fail(p, _("gtin: more than %d GTINs for one part"), DEFS_GTINS_MAX);
		APPEND(x->gtins, x->n_gtins, xstrdup(padded));
	}
	return true;
}

/*
 * supplier=SUPPLIER:PARTNO[,...]: the suppliers' own numbers for the part.
 * SUPPLIER is an identifier (a supplier code); PARTNO is the supplier's
 * text, printable ASCII without spaces, '"' or ','.
 */
static bool
part_suppliers(struct parser *p, Yoke__Part *x, const char *list)
{
	char *item;
	while ((item = list_item(&list)) != NULL) {
		char *colon = strchr(item, ':');
		Yoke__SupplierPart *sp;
		bool ok = colon != NULL && colon != item && colon[1] != '\0' &&
		    strlen(colon + 1) <= DEFS_ID_MAX;
		for (const unsigned char *c = (const unsigned char *)(colon ? colon + 1 : item); ok && *c;
		    c++)
			ok = *c > 0x20 && *c < 0x7f && *c != '"';
		if (!ok) {
			fail(p, _("supplier: expected SUPPLIER:PARTNO (a supplier code, ':' and the "
			    "supplier's part number, at most %d characters), found \"%.60s\""), DEFS_ID_MAX,
			    item);
			free(item);
			return false;
		}
		*colon = '\0';
		if (!check_id(p, _("supplier code"), item)) {
			free(item);
			return false;
		}
		for (size_t i = 0; i < x->n_supplier_parts; i++)
			if (strcmp(x->supplier_parts[i]->supplier, item) == 0 &&
			    strcmp(x->supplier_parts[i]->part_number, colon + 1) == 0) {
				fail(p, _("supplier %s:%s is listed twice for part %s"), item, colon + 1,
				    x->number);
				free(item);
				return false;
			}
		if (x->n_supplier_parts == DEFS_SUPPLIER_PARTS_MAX) {
			free(item);
			return fail(p, _("supplier: more than %d supplier part numbers for one part"),
			    DEFS_SUPPLIER_PARTS_MAX);
		}
		sp = xmalloc(sizeof *sp);
		yoke__supplier_part__init(sp);
		sp->supplier = xstrdup(item);
		sp->part_number = xstrdup(colon + 1);
		free(item);
		APPEND(x->supplier_parts, x->n_supplier_parts, sp);
	}
	return true;
}

/*
 * lots=received: a station may build the part in only from a lot received
 * at the dock (a Lot record); a scan of a lot never received is refused.
 * Without it, any lot text is taken as written (and checked against a
 * lot record when one was received).
 */
static bool
part_lots(struct parser *p, Yoke__Part *x, const char *v)
{
	if (v == NULL)
		return true;
	if (strcmp(v, "received") != 0)
		return fail(p, _("lots: expected lots=received, found \"%s\""), v);
	x->lots_received = true;
	return true;
}

/*
 * A part's incoming inspection: iqc=LEVEL aql=AQL [check=NAME,...]. The
 * level is an ISO 2859-1 inspection level; the AQL one of its preferred
 * values up to 10 (percent nonconforming: incoming inspection counts
 * defective units, and above 10 the standard's AQLs are nonconformities per
 * hundred units only); the checks name what the inspector looks at on each
 * sample unit, each counted apart. aql= and check= need iqc=.
 */
static bool
parse_iqc(struct parser *p, const struct line *ln, Yoke__Part *x)
{
	const char *level = opt(ln, "iqc"), *aql = opt(ln, "aql"), *checks = opt(ln, "check");
	enum sampling_level lv;
	char buf[DEFS_LINE_MAX + 1], *save = NULL;
	double v;
	size_t col;

	if (level == NULL) {
		if (aql || checks)
			return fail(p, _("%s= needs iqc=LEVEL: the part's incoming inspection"),
			    aql ? "aql" : "check");
		return true;
	}
	/* The standard's names only: I, II, III, S-1 ... S-4. */
	for (lv = SAMPLING_S1; lv <= SAMPLING_III; lv++)
		if (strcasecmp(level, sampling_level_name(lv)) == 0)
			break;
	if (lv > SAMPLING_III)
		return fail(p, _("iqc: expected an ISO 2859-1 inspection level I, II, III, S-1, S-2, "
		    "S-3 or S-4, found \"%s\""), level);
	if (aql == NULL)
		return fail(p, _("iqc= needs aql=AQL, the acceptance quality limit in percent "
		    "nonconforming (0.010 to 10)"));
	if (!parse_real(p, "aql", aql, &v))
		return false;
	for (col = 0; col < sampling_naqls; col++)
		if (fabs(v - sampling_aqls[col]) <= sampling_aqls[col] * 1e-6)
			break;
	if (col == sampling_naqls || sampling_aqls[col] > 10)
		return fail(p, _("aql: %s is not an ISO 2859-1 AQL for defective units; expected one of "
		    "0.010 0.015 0.025 0.040 0.065 0.10 0.15 0.25 0.40 0.65 1.0 1.5 2.5 4.0 6.5 10"), aql);
	x->iqc = xmalloc(sizeof *x->iqc);
	yoke__incoming_inspection__init(x->iqc);
	x->iqc->level = xstrdup(sampling_level_name(lv));
	x->iqc->aql = sampling_aqls[col];
	if (checks == NULL)
		return true;
	snprintf(buf, sizeof buf, "%s", checks);
	for (char *name = strtok_r(buf, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		if (strlen(name) > DEFS_ID_MAX)
			return fail(p, _("check: \"%.20s...\" is %zu bytes long; at most %d are allowed"),
			    name, strlen(name), DEFS_ID_MAX);
		for (size_t k = 0; k < x->iqc->n_characteristics; k++)
			if (strcmp(x->iqc->characteristics[k], name) == 0)
				return fail(p, _("check: %s is named twice"), name);
		if (x->iqc->n_characteristics == DEFS_IQC_CHECKS_MAX)
			return fail(p, _("check: at most %d characteristics are allowed"),
			    DEFS_IQC_CHECKS_MAX);
		APPEND(x->iqc->characteristics, x->iqc->n_characteristics, xstrdup(name));
	}
	if (x->iqc->n_characteristics == 0 || checks[0] == ',' || checks[strlen(checks) - 1] == ',' ||
	    strstr(checks, ",,"))
		return fail(p, _("check: expected names separated by commas, such as "
		    "check=Solderability,Marking; found \"%s\""), checks);
	return true;
}

/* ---- builders, one per statement ---- */

static bool
build_part(struct parser *p, const struct line *ln)
{
	Yoke__Tracking t = YOKE__TRACKING__TRACKING_NONE;
	if (!check_id(p, _("part number"), ln->positional) || !check_id(p, "rev", opt(ln, "rev")) ||
	    !parse_tracking(p, opt(ln, "tracking"), &t) ||
	    !check_text(p, _("description"), ln->text, DEFS_NAME_MAX))
		return false;
	Yoke__Part *x = xmalloc(sizeof *x);
	yoke__part__init(x);
	x->number = xstrdup(ln->positional);
	x->revision = xstrdup(opt(ln, "rev"));
	x->description = xstrdup(ln->text);
	x->tracking = t;
	x->source = source(p);
	/* Appended before the options are checked, so a failure frees it with the rest. */
	APPEND(p->out->parts, p->out->n_parts, x);
	return part_gtins(p, x, opt(ln, "gtin")) && part_suppliers(p, x, opt(ln, "supplier")) &&
	    part_lots(p, x, opt(ln, "lots")) && parse_iqc(p, ln, x);
}

static bool
build_bom(struct parser *p, const struct line *ln)
{
	if (!check_id(p, _("parent part number"), ln->positional))
		return false;
	Yoke__Bom *x = xmalloc(sizeof *x);
	yoke__bom__init(x);
	x->parent = xstrdup(ln->positional);
	x->source = source(p);
	APPEND(p->out->boms, p->out->n_boms, x);
	p->bom = x;
	return true;
}

static bool
build_line(struct parser *p, const struct line *ln)
{
	uint32_t qty = 1;
	if (!check_id(p, _("component part number"), ln->positional) ||
	    (opt(ln, "qty") && !parse_count(p, "qty", opt(ln, "qty"), 1, DEFS_NUMBER_MAX, &qty)))
		return false;
	Yoke__BomLine *x = xmalloc(sizeof *x);
	yoke__bom_line__init(x);
	x->component = xstrdup(ln->positional);
	x->qty = qty;
	x->scan = flag(ln, "scan");
	APPEND(p->bom->lines, p->bom->n_lines, x);
	return true;
}

static bool
build_routing(struct parser *p, const struct line *ln)
{
	uint32_t limit = 0;     /* absent: the default (defs.h) */
	const char *v;
	if (!check_id(p, _("product part number"), ln->positional) ||
	    !check_id(p, "rev", opt(ln, "rev")) ||
	    ((v = opt(ln, "rework_limit")) &&
	    !parse_count(p, "rework_limit", v, 1, DEFS_REWORK_LIMIT_MAX, &limit)))
		return false;
	Yoke__Routing *x = xmalloc(sizeof *x);
	yoke__routing__init(x);
	x->product = xstrdup(ln->positional);
	x->revision = xstrdup(opt(ln, "rev"));
	x->released = flag(ln, "released");
	x->rework_limit = limit;
	x->source = source(p);
	APPEND(p->out->routings, p->out->n_routings, x);
	p->routing = x;
	return true;
}

/* "op" and "rework": an operation of the routing, or one of its rework
 * operations, which the steps that follow fill alike. */
static bool
build_op(struct parser *p, const struct line *ln)
{
	bool rework = strcmp(ln->keyword, "rework") == 0;
	uint32_t n;
	if (!parse_count(p, rework ? _("rework operation number") : _("operation number"),
	    ln->positional, 1, DEFS_NUMBER_MAX, &n) ||
	    !check_text(p, _("operation name"), ln->text, DEFS_NAME_MAX) ||
	    !check_id(p, _("station kind"), opt(ln, "station")))
		return false;
	Yoke__Operation *x = xmalloc(sizeof *x);
	yoke__operation__init(x);
	x->number = n;
	x->name = xstrdup(ln->text);
	x->station_kind = xstrdup(opt(ln, "station"));
	x->source = source(p);
	x->rework = rework;
	if (rework)
		APPEND(p->routing->rework_operations, p->routing->n_rework_operations, x);
	else
		APPEND(p->routing->operations, p->routing->n_operations, x);
	p->operation = x;
	return true;
}

static Yoke__Step *
new_step(struct parser *p, Yoke__StepKind kind, const char *text)
{
	Yoke__Step *x = xmalloc(sizeof *x);
	yoke__step__init(x);
	x->kind = kind;
	x->text = xstrdup(text ? text : "");
	x->source = source(p);
	APPEND(p->operation->steps, p->operation->n_steps, x);
	return x;
}

/* scan ... from=setup: the step takes the lot loaded at the station
 * (server/material/setup.h) instead of a scan per unit. */
static bool
parse_from_setup(struct parser *p, const struct line *ln, bool *from_setup)
{
	const char *v = opt(ln, "from");
	*from_setup = false;
	if (v == NULL)
		return true;
	if (strcmp(v, "setup") != 0)
		return fail(p, _("from: expected setup, found \"%s\""), v);
	*from_setup = true;
	return true;
}

static bool
build_step(struct parser *p, const struct line *ln)
{
	const char *kw = ln->keyword, *v;
	Yoke__Step *x;

	if (ln->text && !check_text(p, strcmp(kw, "instruct") == 0 ? _("work instruction") : _("step text"),
	    ln->text, DEFS_TEXT_MAX))
		return false;
	if (strcmp(kw, "instruct") == 0) {
		new_step(p, YOKE__STEP_KIND__STEP_INSTRUCT, ln->text);
	} else if (strcmp(kw, "check") == 0) {
		new_step(p, YOKE__STEP_KIND__STEP_CHECK, ln->text);
	} else if (strcmp(kw, "scan") == 0) {
		uint32_t qty = 1;
		bool from_setup;
		if (!check_id(p, _("component part number"), ln->positional) ||
		    ((v = opt(ln, "qty")) && !parse_count(p, "qty", v, 1, DEFS_NUMBER_MAX, &qty)) ||
		    !parse_from_setup(p, ln, &from_setup))
			return false;
		x = new_step(p, YOKE__STEP_KIND__STEP_SCAN, ln->text);
		x->part = xstrdup(ln->positional);
		x->qty = qty;
		x->from_setup = from_setup;
	} else if (strcmp(kw, "measure") == 0) {
		double lsl = 0, target = 0, usl = 0;
		uint32_t attempts = 0;     /* absent: the default (defs.h) */
		const char *unit = opt(ln, "unit");
		if (!check_id(p, _("measurement name"), ln->positional) ||
		    ((v = opt(ln, "attempts")) &&
		    !parse_count(p, "attempts", v, 1, DEFS_ATTEMPTS_MAX, &attempts)))
			return false;
		if (unit && strlen(unit) > DEFS_UNIT_MAX)
			return fail(p, _("unit \"%s\" is %zu bytes long; at most %d are allowed"), unit,
			    strlen(unit), DEFS_UNIT_MAX);
		if (((v = opt(ln, "lsl")) && !parse_real(p, "lsl", v, &lsl)) ||
		    ((v = opt(ln, "target")) && !parse_real(p, "target", v, &target)) ||
		    ((v = opt(ln, "usl")) && !parse_real(p, "usl", v, &usl)))
			return false;
		x = new_step(p, YOKE__STEP_KIND__STEP_MEASURE, ln->text);
		x->name = xstrdup(ln->positional);
		x->unit = xstrdup(unit ? unit : "");
		x->has_lsl = opt(ln, "lsl") != NULL;
		x->lsl = lsl;
		x->has_target = opt(ln, "target") != NULL;
		x->target = target;
		x->has_usl = opt(ln, "usl") != NULL;
		x->usl = usl;
		x->attempts = attempts;
		if (!defs_measure_from(p, ln, x))
			return false;
	} else {
		bool inspector = false;
		Yoke__Frequency f = YOKE__FREQUENCY__FREQ_EVERY;
		uint32_t n = 0;
		if ((v = opt(ln, "by")) != NULL) {
			if (strcmp(v, "inspector") == 0)
				inspector = true;
			else if (strcmp(v, "operator") != 0)
				return fail(p, _("by: expected operator or inspector, found \"%s\""), v);
		}
		if ((v = opt(ln, "every")) != NULL) {
			if (strcmp(v, "first-article") == 0) {
				f = YOKE__FREQUENCY__FREQ_FIRST_ARTICLE;
			} else if (strncmp(v, "1-in-", 5) == 0) {
				f = YOKE__FREQUENCY__FREQ_ONE_IN_N;
				if (!parse_count(p, "every=1-in-N", v + 5, 2, DEFS_NUMBER_MAX, &n))
					return false;
			} else if (strcmp(v, "unit") != 0) {
				return fail(p, _("every: expected unit, first-article or 1-in-N, found \"%s\""),
				    v);
			}
		}
		x = new_step(p, YOKE__STEP_KIND__STEP_INSPECT, ln->text);
		x->needs_inspector = inspector;
		x->frequency = f;
		x->every_n = n;
	}
	return defs_gate_step(p, ln, p->operation->steps[p->operation->n_steps - 1]);
}

static bool
build_station(struct parser *p, const struct line *ln)
{
	if (!check_id(p, _("station id"), ln->positional) ||
	    !check_id(p, _("station kind"), opt(ln, "kind")) ||
	    !check_text(p, _("station name"), ln->text, DEFS_NAME_MAX))
		return false;
	Yoke__Station *x = xmalloc(sizeof *x);
	yoke__station__init(x);
	x->id = xstrdup(ln->positional);
	x->kind = xstrdup(opt(ln, "kind"));
	x->name = xstrdup(ln->text);
	x->source = source(p);
	APPEND(p->out->stations, p->out->n_stations, x);
	return true;
}

static bool
build_operator(struct parser *p, const struct line *ln)
{
	Yoke__Role role = YOKE__ROLE__ROLE_NONE;
	const char *q = opt(ln, "qualified");
	const char *lang = opt(ln, "lang");
	if (!check_id(p, _("badge"), ln->positional) || !parse_role(p, opt(ln, "role"), &role) ||
	    !check_text(p, _("operator name"), ln->text, DEFS_NAME_MAX))
		return false;
	if (lang && !i18n_known(lang))
		return fail(p, _("lang: expected one of %s, found \"%s\""), i18n_languages(), lang);
	Yoke__Operator *x = xmalloc(sizeof *x);
	yoke__operator__init(x);
	x->badge = xstrdup(ln->positional);
	x->name = xstrdup(ln->text);
	x->role = role;
	x->language = xstrdup(lang && strcmp(lang, "en") != 0 ? lang : "");
	x->source = source(p);
	/* Appended before the list is checked, so a failure frees it with the rest. */
	APPEND(p->out->operators, p->out->n_operators, x);
	if (!defs_operator_email(p, x, opt(ln, "email")))
		return false;
	while (q) {
		const char *comma = strchr(q, ',');
		char *item = comma ? xstrndup(q, (size_t)(comma - q)) : xstrdup(q);
		APPEND(x->qualified, x->n_qualified, item);
		if (!defs_gate_qualification(p, x, item))    /* :YYYY-MM-DD, the expiry */
			return false;
		if (x->n_qualified > DEFS_QUALIFIED_MAX)
			return fail(p, _("qualified: more than %d entries; use PRODUCT/* or *"),
			    DEFS_QUALIFIED_MAX);
		if (!check_qualification(p, item))
			return false;
		q = comma ? comma + 1 : NULL;
	}
	return true;
}

static bool
build_defect(struct parser *p, const struct line *ln)
{
	Yoke__DefectCategory cat = YOKE__DEFECT_CATEGORY__DEFECT_CATEGORY_NONE;
	const char *where = opt(ln, "location");
	/* The location is a place on the unit ("U3", "J1-pin2", "外壳"): one
	 * word of text, not an identifier (the lexer cut it at a space). */
	if (!check_id(p, _("defect code"), ln->positional) ||
	    !parse_category(p, opt(ln, "category"), &cat) ||
	    (where && !check_text(p, _("location"), where, DEFS_ID_MAX)) ||
	    !check_text(p, _("defect text"), ln->text, DEFS_NAME_MAX))
		return false;
	Yoke__DefectCode *x = xmalloc(sizeof *x);
	yoke__defect_code__init(x);
	x->code = xstrdup(ln->positional);
	x->text = xstrdup(ln->text);
	x->category = cat;
	x->location = xstrdup(where ? where : "");
	x->source = source(p);
	APPEND(p->out->defects, p->out->n_defects, x);
	return true;
}

/* When the server proposes a CAPA: the code (or "*", any code) count
 * times within so many units at one station or on one part. */
static bool
build_capa_trigger(struct parser *p, const struct line *ln)
{
	const char *code = ln->positional, *per = opt(ln, "per");
	uint32_t count, within;
	if ((strcmp(code, "*") != 0 && !check_id(p, _("defect code"), code)) ||
	    !parse_count(p, "count", opt(ln, "count"), DEFS_CAPA_COUNT_MIN, DEFS_CAPA_WITHIN_MAX,
	    &count) ||
	    !parse_count(p, "within", opt(ln, "within"), DEFS_CAPA_COUNT_MIN, DEFS_CAPA_WITHIN_MAX,
	    &within))
		return false;
	if (count > within)
		return fail(p, _("count=%u is more than within=%u; expected at most as many defects as "
		    "units"), count, within);
	if (strcmp(per, "station") != 0 && strcmp(per, "part") != 0)
		return fail(p, _("per: expected station or part, found \"%s\""), per);
	Yoke__CapaTrigger *x = xmalloc(sizeof *x);
	yoke__capa_trigger__init(x);
	x->defect = xstrdup(code);
	x->count = count;
	x->within = within;
	x->per_part = strcmp(per, "part") == 0;
	x->source = source(p);
	APPEND(p->out->capa_triggers, p->out->n_capa_triggers, x);
	return true;
}

/* supplier CODE "name": a supplier lots are received from. */
static bool
build_supplier(struct parser *p, const struct line *ln)
{
	if (!check_id(p, _("supplier code"), ln->positional) ||
	    !check_text(p, _("supplier name"), ln->text, DEFS_NAME_MAX))
		return false;
	Yoke__Supplier *x = xmalloc(sizeof *x);
	yoke__supplier__init(x);
	x->code = xstrdup(ln->positional);
	x->name = xstrdup(ln->text);
	x->source = source(p);
	APPEND(p->out->suppliers, p->out->n_suppliers, x);
	return true;
}

static bool
parse_line(struct parser *p, const char *s, size_t len)
{
	char buf[DEFS_LINE_MAX + 1];
	char *tok[TOKENS_MAX];
	bool quoted[TOKENS_MAX];
	struct line ln;
	int ntok;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (!defs_line_check_bytes(p, s, len))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!defs_line_tokenize(p, buf, tok, quoted, &ntok))
		return false;
	if (ntok == 0)
		return true;
	if (!defs_line_read_statement(p, tok, quoted, ntok, &ln))
		return false;
	if (strncmp(ln.keyword, "spc", 3) == 0) return defs_build_spc(p, &ln);
	if (strncmp(ln.keyword, "coq", 3) == 0) return defs_build_coq(p, &ln);   /* defs_coq.c */
	bool gate, ok = defs_gate_statement(p, &ln, &gate);   /* gauge, equipment, shift, gate */
	if (gate)
		return ok;
	switch (ln.keyword[0]) {
	case 'p': return build_part(p, &ln);
	case 'b': return build_bom(p, &ln);
	case 'l': return build_line(p, &ln);
	case 'd': return build_defect(p, &ln);
	case 'e':
		if (strcmp(ln.keyword, "equipment_param") == 0)
			return defs_build_equipment_param(p, &ln);
		return defs_build_escalate(p, &ln);
	case 'r':
		if (strcmp(ln.keyword, "rework") == 0)
			return build_op(p, &ln);
		return build_routing(p, &ln);
	case 's':
		if (strcmp(ln.keyword, "smtp") == 0)
			return defs_build_smtp(p, &ln);
		if (strcmp(ln.keyword, "station") == 0)
			return build_station(p, &ln);
		if (strcmp(ln.keyword, "supplier") == 0)
			return build_supplier(p, &ln);
		return build_step(p, &ln);
	default:
		if (strcmp(ln.keyword, "op") == 0)
			return build_op(p, &ln);
		if (strcmp(ln.keyword, "operator") == 0)
			return build_operator(p, &ln);
		if (strcmp(ln.keyword, "capa_trigger") == 0)
			return build_capa_trigger(p, &ln);
		if (strcmp(ln.keyword, "notify") == 0)
			return defs_build_notify(p, &ln);
		return build_step(p, &ln);
	}
}

/* ---- one file ---- */

/* Moves every record of from into to; from is freed. */
static void
defs_move(Yoke__Definitions *to, Yoke__Definitions *from)
{
	for (size_t i = 0; i < from->n_parts; i++)
		APPEND(to->parts, to->n_parts, from->parts[i]);
	for (size_t i = 0; i < from->n_boms; i++)
		APPEND(to->boms, to->n_boms, from->boms[i]);
	for (size_t i = 0; i < from->n_routings; i++)
		APPEND(to->routings, to->n_routings, from->routings[i]);
	for (size_t i = 0; i < from->n_stations; i++)
		APPEND(to->stations, to->n_stations, from->stations[i]);
	for (size_t i = 0; i < from->n_operators; i++)
		APPEND(to->operators, to->n_operators, from->operators[i]);
	for (size_t i = 0; i < from->n_defects; i++)
		APPEND(to->defects, to->n_defects, from->defects[i]);
	for (size_t i = 0; i < from->n_capa_triggers; i++)
		APPEND(to->capa_triggers, to->n_capa_triggers, from->capa_triggers[i]);
	free(from->parts);
	free(from->boms);
	free(from->routings);
	free(from->stations);
	free(from->operators);
	free(from->defects);
	free(from->capa_triggers);
	for (size_t i = 0; i < from->n_suppliers; i++)
		APPEND(to->suppliers, to->n_suppliers, from->suppliers[i]);
	free(from->suppliers);
	defs_notify_move(to, from);
	defs_move_equipment(to, from);
	defs_gate_move(to, from);
	defs_coq_move(to, from);
	free(from);
}

bool
defs_parse(Yoke__Definitions *d, const char *file, const char *text, char *err, size_t errsz)
{
	struct parser p = { .file = file ? file : "(unnamed)", .err = err, .errsz = errsz,
		.out = defs_new() };
	const char *s = text ? text : "";

	if (errsz > 0)
		err[0] = '\0';
	/* A byte order mark some editors write is not part of the first line. */
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		p.lineno++;
		if (!parse_line(&p, s, len)) {
			defs_free(p.out);
			return false;
		}
		s += len + (nl != NULL);
	}
	defs_move(d, p.out);
	return true;
}
