/* ncr_detail.c — see ncr_detail.h. */
#include "terminal/ncr_detail.h"

#include "shared/i18n.h"
#include "shared/pb_copy.h"
#include "shared/util.h"
#include "terminal/station.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *
s_(const char *s)
{
	return s ? s : "";
}

/* Appends to buf what fmt makes, cut to size. */
static void
add(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
add(char *buf, size_t size, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
}

void
ncr_detail_drop(struct ncr_detail *d)
{
	if (d->ncr)
		yoke__ncr__free_unpacked(d->ncr, NULL);
	if (d->trace)
		yoke__trace_reply__free_unpacked(d->trace, NULL);
	memset(d, 0, sizeof *d);
}

void
ncr_detail_open(struct ncr_detail *d, const char *number)
{
	ncr_detail_drop(d);
	strlcpy_yk(d->number, s_(number), sizeof d->number);
	d->want_ncr = true;
}

bool
ncr_detail_take(struct ncr_detail *d, const Yoke__NcrReply *nr)
{
	const Yoke__Ncr *n;

	if (!nr || nr->n_ncrs < 1 || !nr->ncrs[0])
		return false;
	n = nr->ncrs[0];
	if (d->number[0] && strcmp(d->number, s_(n->number)) != 0)
		return false;
	if (d->ncr)
		yoke__ncr__free_unpacked(d->ncr, NULL);
	d->ncr = pb_copy(&n->base);
	strlcpy_yk(d->number, s_(n->number), sizeof d->number);
	d->want_ncr = false;
	d->want_trace = !str_empty(n->serial);
	return true;
}

void
ncr_detail_take_trace(struct ncr_detail *d, const Yoke__TraceReply *t)
{
	if (d->trace)
		yoke__trace_reply__free_unpacked(d->trace, NULL);
	d->trace = t ? pb_copy(&t->base) : NULL;
}

const char *
ncr_state_name(Yoke__NcrState s)
{
	switch (s) {
	case YOKE__NCR_STATE__NCR_OPEN: return _("open");
	case YOKE__NCR_STATE__NCR_DISPOSITIONED: return _("dispositioned");
	case YOKE__NCR_STATE__NCR_CLOSED: return _("closed");
	default: return "?";
	}
}

const char *
ncr_disposition_name(Yoke__DispositionKind k)
{
	switch (k) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK: return _("rework");
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR: return _("repair");
	case YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP: return _("scrap");
	case YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS: return _("use as is");
	case YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER: return _("return to supplier");
	case YOKE__DISPOSITION_KIND__DISPOSITION_SORT: return _("full sort");
	default: return "?";
	}
}

void
ncr_time_text(int64_t us, char *buf, size_t size)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	if (us <= 0 || localtime_r(&t, &tm) == NULL) {
		snprintf(buf, size, "-");
		return;
	}
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

void
ncr_failed_text(const Yoke__Ncr *n, char *buf, size_t size)
{
	if (n->step > 0)
		/* TRANSLATORS: where an NCR's unit failed: operation number and name, step. */
		snprintf(buf, size, _("op %u %s, step %u"), n->operation, s_(n->operation_name), n->step);
	else if (n->operation > 0)
		snprintf(buf, size, _("op %u %s (raised by hand)"), n->operation, s_(n->operation_name));
	else
		snprintf(buf, size, "%s", _("raised by hand"));
}

bool
ncr_value_text(const Yoke__Ncr *n, char *buf, size_t size)
{
	char lo[32], hi[32];

	buf[0] = '\0';
	if (str_empty(n->name))
		return false;
	if (!str_empty(n->unit))
		snprintf(buf, size, "%s = %g %s", n->name, n->value, n->unit);
	else
		snprintf(buf, size, "%s = %g", n->name, n->value);
	snprintf(lo, sizeof lo, "%g", n->lsl);
	snprintf(hi, sizeof hi, "%g", n->usl);
	if (n->has_lsl && n->has_usl)
		add(buf, size, _("  (limits %s \u2013 %s)"), lo, hi);
	else if (n->has_lsl)
		add(buf, size, _("  (at least %s)"), lo);
	else if (n->has_usl)
		add(buf, size, _("  (at most %s)"), hi);
	return true;
}

void
ncr_defect_text(const Yoke__Ncr *n, char *buf, size_t size)
{
	buf[0] = '\0';
	if (str_empty(n->defect)) {
		snprintf(buf, size, "%s", _("no defect code"));
		return;
	}
	add(buf, size, "%s", n->defect);
	if (!str_empty(n->defect_text))
		add(buf, size, "  %s", n->defect_text);
	if (!str_empty(n->location))
		add(buf, size, _(" \u00b7 at %s"), n->location);
}

void
ncr_by_text(const Yoke__Ncr *n, char *buf, size_t size)
{
	char when[32];

	ncr_time_text(n->opened_us, when, sizeof when);
	if (!str_empty(n->station))
		/* TRANSLATORS: who opened an NCR (name, badge), at which station, when. */
		snprintf(buf, size, _("%s (%s) at %s, %s"), s_(n->operator_name), s_(n->badge), n->station,
		    when);
	else
		snprintf(buf, size, _("%s (%s), %s"), s_(n->operator_name), s_(n->badge), when);
}

void
ncr_components_text(const Yoke__Ncr *n, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n->n_components; i++)
		add(buf, size, "%s%s", i ? "  " : "", s_(n->components[i]));
}

bool
ncr_disposition_text(const Yoke__Ncr *n, char *buf, size_t size)
{
	size_t first, end;

	buf[0] = '\0';
	if (n->disposition == YOKE__DISPOSITION_KIND__DISPOSITION_NONE)
		return false;
	switch (n->disposition) {
	case YOKE__DISPOSITION_KIND__DISPOSITION_REWORK:
		if (n->rework_operation)
			snprintf(buf, size, _("rework at op %u"), n->rework_operation);
		else
			snprintf(buf, size, "%s", _("rework"));
		break;
	case YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR:
		if (!str_empty(n->removed))
			snprintf(buf, size, _("repair: %s replaced by %s"), n->removed, s_(n->fitted));
		else
			snprintf(buf, size, "%s", _("repair"));
		break;
	default:
		snprintf(buf, size, "%s", ncr_disposition_name(n->disposition));
		break;
	}
	/* The signatures, in order: the one that raised it by hand (an NCR
	 * of no step), the disposition's (the MRB's several), the closing one. */
	first = n->step == 0 && n->n_signatures > 0 ? 1 : 0;
	end = n->n_signatures;
	if (n->state == YOKE__NCR_STATE__NCR_CLOSED && end > first + 1)
		end--;
	for (size_t i = first; i < end; i++) {
		const Yoke__SignatureRecord *sg = n->signatures[i];
		if (!sg)
			continue;
		if (i == first)
			add(buf, size, _(" \u2014 signed by %s (%s)"), s_(sg->name), s_(sg->badge));
		else
			add(buf, size, ", %s (%s)", s_(sg->name), s_(sg->badge));
	}
	if (!str_empty(n->disposition_note))
		add(buf, size, _(" \u00b7 note: %s"), n->disposition_note);
	return true;
}

void
ncr_unit_text(const Yoke__TraceReply *t, char *buf, size_t size)
{
	const Yoke__UnitView *u = t ? t->unit : NULL;
	size_t open = 0;

	buf[0] = '\0';
	if (!u)
		return;
	switch (u->status) {
	case YOKE__UNIT_STATUS__UNIT_DONE:
		snprintf(buf, size, _("%s: done"), s_(u->serial));
		break;
	case YOKE__UNIT_STATUS__UNIT_SCRAPPED:
		snprintf(buf, size, _("%s: scrapped"), s_(u->serial));
		break;
	default:
		/* TRANSLATORS: a unit, its status, and where it stands (operation and station kind). */
		snprintf(buf, size, _("%s: %s at op %u %s (%s)"), s_(u->serial),
		    station_unit_status_name(u->status), u->operation, s_(u->operation_name),
		    s_(u->station_kind));
		if (u->rework)
			add(buf, size, "%s", _(", a rework operation"));
		break;
	}
	if (u->rework_count)
		add(buf, size, P_(" \u00b7 reworked %u time", " \u00b7 reworked %u times", u->rework_count),
		    u->rework_count);
	for (size_t i = 0; i < t->n_holds; i++)
		if (t->holds[i] && t->holds[i]->open)
			open++;
	if (open)
		add(buf, size, P_(" \u00b7 %zu hold in force", " \u00b7 %zu holds in force", open), open);
}

static const char *
event_kind_name(Yoke__EventKind k)
{
	switch (k) {
	case YOKE__EVENT_KIND__EVENT_NCR_OPENED: return _("NCR opened");
	case YOKE__EVENT_KIND__EVENT_HELD: return _("held");
	case YOKE__EVENT_KIND__EVENT_HOLD_RELEASED: return _("hold released");
	case YOKE__EVENT_KIND__EVENT_DISPOSITIONED: return _("dispositioned");
	case YOKE__EVENT_KIND__EVENT_SCRAPPED: return _("scrapped");
	case YOKE__EVENT_KIND__EVENT_COMPONENT_REMOVED: return _("component removed");
	case YOKE__EVENT_KIND__EVENT_NCR_CLOSED: return _("NCR closed");
	case YOKE__EVENT_KIND__EVENT_RELEASED: return _("released");
	case YOKE__EVENT_KIND__EVENT_OP_STARTED: return _("operation started");
	case YOKE__EVENT_KIND__EVENT_STEP_CONFIRMED: return _("confirmed");
	case YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED: return _("component");
	case YOKE__EVENT_KIND__EVENT_MEASURED: return _("measured");
	case YOKE__EVENT_KIND__EVENT_CHECKED: return _("checked");
	case YOKE__EVENT_KIND__EVENT_INSPECTED: return _("inspected");
	case YOKE__EVENT_KIND__EVENT_OP_COMPLETED: return _("operation complete");
	case YOKE__EVENT_KIND__EVENT_FAILED: return _("FAILED");
	case YOKE__EVENT_KIND__EVENT_UNIT_MOVED: return _("unit moved");
	default: return _("event");
	}
}

void
ncr_event_text(const Yoke__Event *e, char *buf, size_t size)
{
	char when[32];
	time_t t = (time_t)(e->time_us / 1000000);
	struct tm tm;

	if (e->time_us > 0 && localtime_r(&t, &tm) != NULL)
		strftime(when, sizeof when, "%m-%d %H:%M", &tm);
	else
		snprintf(when, sizeof when, "-");
	snprintf(buf, size, "%s %-8s %s", when, s_(e->station), event_kind_name(e->kind));
	if (e->kind == YOKE__EVENT_KIND__EVENT_MEASURED && !str_empty(e->name))
		add(buf, size, "  %s = %g %s%s", e->name, e->value, s_(e->unit),
		    e->pass ? "" : _(" OUT OF SPEC"));
	else if (e->kind == YOKE__EVENT_KIND__EVENT_COMPONENT_SCANNED && !str_empty(e->part))
		add(buf, size, "  %s/%s", e->part, !str_empty(e->component_serial) ? e->component_serial :
		    s_(e->lot));
	else if (!str_empty(e->text))
		add(buf, size, "  %s", e->text);
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}
