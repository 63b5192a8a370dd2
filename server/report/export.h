/*
 * export.h — one page of an export (ExportQuery): events, units or NCRs of
 * a window, for spreadsheets and for the EPCIS document yokectl writes
 * (docs/reports.md, docs/epcis.md). Bounds in report.h.
 */
#ifndef YOKE_EXPORT_H
#define YOKE_EXPORT_H

#include "server/report/report.h"

/* Distinct parts and work orders one page names at most. */
#define EXPORT_NAMES_MAX 1000

struct export_page {
	struct ctx *c;
	const Yoke__ExportQuery *q;
	Yoke__ExportReply *r;
	uint64_t scanned;
	int rc;
};

/* Lists the part (with its GTINs) once in the page; "" and unknown parts
 * are left out. A store status. */
int export_part(struct export_page *x, const char *part);
/* Lists the work order (with its product, and that part) once. */
int export_work_order(struct export_page *x, const char *wo);

/* Each kind's page: OUTCOME_COMMIT with x->r filled, or a refusal. */
enum outcome export_events(struct export_page *x);
enum outcome export_units(struct export_page *x);
enum outcome export_ncrs(struct export_page *x);

#endif
