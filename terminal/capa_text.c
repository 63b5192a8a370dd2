/* capa_text.c — see capa_text.h. */
#include "terminal/capa_text.h"

#include "shared/i18n.h"
#include "shared/util.h"
#include "terminal/ncr_detail.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *
s_(const char *s)
{
	return s ? s : "";
}

const char *
capa_state_name(Yoke__CapaState s)
{
	switch (s) {
	case YOKE__CAPA_STATE__CAPA_PROPOSED: return _("proposed");
	case YOKE__CAPA_STATE__CAPA_OPEN: return _("opened");
	case YOKE__CAPA_STATE__CAPA_CONTAINED: return _("contained");
	case YOKE__CAPA_STATE__CAPA_ROOT_CAUSE: return _("root cause found");
	case YOKE__CAPA_STATE__CAPA_ACTION: return _("action planned");
	case YOKE__CAPA_STATE__CAPA_IMPLEMENTED: return _("implemented");
	case YOKE__CAPA_STATE__CAPA_VERIFIED: return _("verified");
	case YOKE__CAPA_STATE__CAPA_EFFECTIVE: return _("effective");
	case YOKE__CAPA_STATE__CAPA_CLOSED: return _("closed");
	default: return "?";
	}
}

const char *
capa_category_name(Yoke__DefectCategory c)
{
	switch (c) {
	case YOKE__DEFECT_CATEGORY__DEFECT_MAN: return _("man");
	case YOKE__DEFECT_CATEGORY__DEFECT_MACHINE: return _("machine");
	case YOKE__DEFECT_CATEGORY__DEFECT_MATERIAL: return _("material");
	case YOKE__DEFECT_CATEGORY__DEFECT_METHOD: return _("method");
	case YOKE__DEFECT_CATEGORY__DEFECT_MEASUREMENT: return _("measurement");
	case YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT: return _("environment");
	default: return "?";
	}
}

void
capa_scope_text(const Yoke__Capa *k, char *buf, size_t size)
{
	if (!str_empty(k->station))
		snprintf(buf, size, _("station %s"), k->station);
	else
		snprintf(buf, size, _("product %s"), s_(k->product));
}

const char *
capa_scope_id(const Yoke__Capa *k)
{
	return !str_empty(k->station) ? k->station : s_(k->product);
}

void
capa_due_text(const Yoke__Capa *k, char *buf, size_t size)
{
	if (str_empty(k->due))
		buf[0] = '\0';
	else if (k->overdue)
		snprintf(buf, size, _("%s overdue"), k->due);
	else
		snprintf(buf, size, "%s", k->due);
}

const Yoke__SignatureRecord *
capa_signature(const Yoke__Capa *k, Yoke__CapaState s)
{
	size_t i;

	if (s < YOKE__CAPA_STATE__CAPA_OPEN || k->state < s)
		return NULL;
	i = (size_t)(s - YOKE__CAPA_STATE__CAPA_OPEN);
	return i < k->n_signatures ? k->signatures[i] : NULL;
}

void
capa_next_text(const Yoke__Capa *k, char *buf, size_t size)
{
	/* The step after each state, as yokectl capa update --to names it. */
	static const char *const word[] = {
		[YOKE__CAPA_STATE__CAPA_OPEN] = "contained",
		[YOKE__CAPA_STATE__CAPA_CONTAINED] = "root-cause",
		[YOKE__CAPA_STATE__CAPA_ROOT_CAUSE] = "action",
		[YOKE__CAPA_STATE__CAPA_ACTION] = "implemented",
		[YOKE__CAPA_STATE__CAPA_IMPLEMENTED] = "verified",
		[YOKE__CAPA_STATE__CAPA_VERIFIED] = "effective",
		[YOKE__CAPA_STATE__CAPA_EFFECTIVE] = "closed",
	};

	buf[0] = '\0';
	if (k->state == YOKE__CAPA_STATE__CAPA_PROPOSED)
		snprintf(buf, size, _("opened: yokectl capa open %s"), s_(k->number));
	else if (k->state >= YOKE__CAPA_STATE__CAPA_OPEN && k->state < YOKE__CAPA_STATE__CAPA_CLOSED)
		/* TRANSLATORS: the next state of a CAPA, then the command that records it. */
		snprintf(buf, size, _("%s: yokectl capa update %s --to %s"),
		    capa_state_name((Yoke__CapaState)(k->state + 1)), s_(k->number), word[k->state]);
}

/* ---- the record as fields ---- */

struct fields {
	struct capa_field *f;
	size_t n, max;
};

static struct capa_field *
field(struct fields *fs, const char *label, enum capa_tone tone, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static struct capa_field *
field(struct fields *fs, const char *label, enum capa_tone tone, const char *fmt, ...)
{
	struct capa_field *f;
	va_list ap;

	if (fs->n >= fs->max)
		return NULL;
	f = &fs->f[fs->n++];
	f->label = label;
	f->tone = tone;
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof f->text, fmt, ap);
	va_end(ap);
	for (char *p = f->text; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return f;
}

/* Appends " — signed by NAME (BADGE), WHEN" for the step that reached s. */
static void
signed_by(struct capa_field *f, const Yoke__Capa *k, Yoke__CapaState s)
{
	const Yoke__SignatureRecord *sg = capa_signature(k, s);
	char when[32], by[256];
	size_t len;

	if (!f || !sg)
		return;
	ncr_time_text(sg->time_us, when, sizeof when);
	/* TRANSLATORS: who signed a step (name, badge) and when. */
	snprintf(by, sizeof by, _("signed by %s (%s), %s"), s_(sg->name), s_(sg->badge), when);
	len = strlen(f->text);
	snprintf(f->text + len, sizeof f->text - len, "%s%s", len ? " \u2014 " : "", by);
}

static void
rate(char *buf, size_t size, uint32_t defects, uint32_t units)
{
	if (units == 0)
		snprintf(buf, size, _("%u in %u units"), defects, units);
	else
		snprintf(buf, size, _("%u in %u units (%.1f %%)"), defects, units, 100.0 * defects / units);
}

static void
day(int64_t us, char *buf, size_t size)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (us <= 0 || localtime_r(&t, &tm) == NULL)
		snprintf(buf, size, "-");
	else
		strftime(buf, size, "%Y-%m-%d", &tm);
}

static void
window(struct fields *fs, const char *label, int64_t from, int64_t to, uint32_t defects,
    uint32_t units, enum capa_tone tone)
{
	char a[16], b[16], r[80];

	day(from, a, sizeof a);
	day(to, b, sizeof b);
	rate(r, sizeof r, defects, units);
	/* TRANSLATORS: a window of days and the defect's rate in it. */
	field(fs, label, tone, _("%s to %s: %s"), a, b, r);
}

size_t
capa_fields(const Yoke__Capa *k, struct capa_field *f, size_t max)
{
	struct fields fs = { f, 0, max };
	const Yoke__CapaEffectiveness *e = k->effectiveness;
	const Yoke__SignatureRecord *sg;
	struct capa_field *x;
	char buf[CAPA_FIELD_TEXT], when[32];

	field(&fs, _("State"), k->state == YOKE__CAPA_STATE__CAPA_CLOSED ? CAPA_TONE_DONE :
	    CAPA_TONE_NORMAL, "%s", capa_state_name(k->state));
	capa_scope_text(k, buf, sizeof buf);
	field(&fs, _("Defect"), CAPA_TONE_NORMAL, "%s \u00b7 %s", s_(k->defect), buf);
	if (k->n_ncrs) {
		buf[0] = '\0';
		for (size_t i = 0; i < k->n_ncrs; i++) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof buf - len, "%s%s", i ? "  " : "", s_(k->ncrs[i]));
		}
		field(&fs, _("NCRs"), CAPA_TONE_NORMAL, "%s", buf);
	}
	if (!str_empty(k->proposed_why))
		field(&fs, _("Proposed"), CAPA_TONE_NORMAL, "%s", k->proposed_why);
	if ((sg = capa_signature(k, YOKE__CAPA_STATE__CAPA_OPEN)) != NULL) {
		ncr_time_text(sg->time_us, when, sizeof when);
		field(&fs, _("Opened by"), CAPA_TONE_NORMAL, _("%s (%s), %s"), s_(sg->name), s_(sg->badge),
		    when);
	}
	if (!str_empty(k->containment)) {
		x = field(&fs, _("Containment"), CAPA_TONE_NORMAL, "%s", k->containment);
		signed_by(x, k, YOKE__CAPA_STATE__CAPA_CONTAINED);
	}
	if (k->cause_category) {
		x = field(&fs, _("Root cause"), CAPA_TONE_NORMAL, "%s",
		    capa_category_name(k->cause_category));
		signed_by(x, k, YOKE__CAPA_STATE__CAPA_ROOT_CAUSE);
	}
	for (size_t i = 0; i < k->n_whys; i++)
		field(&fs, i == 0 ? _("Why-chain") : "", CAPA_TONE_NORMAL, "%zu. %s", i + 1, s_(k->whys[i]));
	if (!str_empty(k->action)) {
		x = field(&fs, _("Action"), CAPA_TONE_NORMAL, "%s", k->action);
		signed_by(x, k, YOKE__CAPA_STATE__CAPA_ACTION);
	}
	if (!str_empty(k->owner))
		field(&fs, _("Owner"), CAPA_TONE_NORMAL, "%s", k->owner);
	if (!str_empty(k->due)) {
		capa_due_text(k, buf, sizeof buf);
		field(&fs, _("Due"), k->overdue ? CAPA_TONE_ALERT : CAPA_TONE_NORMAL, "%s", buf);
	}
	if ((sg = capa_signature(k, YOKE__CAPA_STATE__CAPA_IMPLEMENTED)) != NULL) {
		ncr_time_text(sg->time_us, when, sizeof when);
		field(&fs, _("Implemented by"), CAPA_TONE_NORMAL, _("%s (%s), %s"), s_(sg->name),
		    s_(sg->badge), when);
	}
	if ((sg = capa_signature(k, YOKE__CAPA_STATE__CAPA_VERIFIED)) != NULL) {
		ncr_time_text(sg->time_us, when, sizeof when);
		field(&fs, _("Verified by"), CAPA_TONE_NORMAL, _("%s (%s), %s"), s_(sg->name), s_(sg->badge),
		    when);
	}
	if (e) {
		enum capa_tone t = e->effective ? CAPA_TONE_DONE : CAPA_TONE_ALERT;
		x = field(&fs, _("Effectiveness"), t, "%s", e->effective ? _("effective") : _("not shown"));
		if (x && !str_empty(e->rule))
			snprintf(x->text + strlen(x->text), sizeof x->text - strlen(x->text), " \u00b7 %s",
			    e->rule);
		signed_by(x, k, YOKE__CAPA_STATE__CAPA_EFFECTIVE);
		window(&fs, _("Before"), e->before_from_us, e->before_to_us, e->before_defects,
		    e->before_units, CAPA_TONE_NORMAL);
		window(&fs, _("After"), e->after_from_us, e->after_to_us, e->after_defects, e->after_units,
		    t);
	}
	if ((sg = capa_signature(k, YOKE__CAPA_STATE__CAPA_CLOSED)) != NULL) {
		ncr_time_text(sg->time_us, when, sizeof when);
		field(&fs, _("Closed by"), CAPA_TONE_DONE, _("%s (%s), %s"), s_(sg->name), s_(sg->badge),
		    when);
	}
	capa_next_text(k, buf, sizeof buf);
	if (buf[0])
		field(&fs, _("Next step"), CAPA_TONE_DIM, "%s", buf);
	return fs.n;
}
