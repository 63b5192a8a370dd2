/*
 * report_html.h — what the three parts of yokectl's HTML report share:
 *
 *   report_html.c       the command: its options, the language, the file
 *   report_html_data.c  the data of the period, from the server over the
 *                       wire with the requests the other commands use
 *   report_html_page.c  the page: header, tables and the charts (html_svg.h)
 *
 * The page is one UTF-8 file with its CSS and SVG inline and no reference
 * to anything outside it, so it opens offline, in a mail, on a phone, and
 * prints on A4.
 */
#ifndef YOKE_CTL_REPORT_HTML_H
#define YOKE_CTL_REPORT_HTML_H

#include "terminal/ctl/ctl.h"
#include "terminal/ctl/pareto.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* At most this many characteristics are charted (the rest are named). */
#define REPORT_SPC_MAX 40
/* The newest this many points of a characteristic in the period (SpcQuery.max). */
#define REPORT_SPC_POINTS 1000

/* One control chart: a characteristic at a station in the period. */
struct report_spc {
	char *characteristic, *station, *unit;
	bool xbar;                       /* X-bar chart: the points are subgroup means */
	int subgroup;
	size_t n;                        /* plotted points */
	double *values;
	bool *out;                       /* a rule of the definition broken at that point */
	size_t n_out;
	bool in_force;                   /* the station's limits in force (else from the points) */
	double cl, ucl, lcl;
	bool has_limits;                 /* limits could be drawn (enough points, or in force) */
	bool has_lsl, has_usl;
	double lsl, usl;
	uint32_t matched;                /* points the server matched since the period's start */
	bool cut;                        /* the server sent only the newest of them */
};

struct report_data {
	const char *from, *to;           /* YYYY-MM-DD, UTC days, both included */
	int period;                      /* 0 day, 1 week, 2 month */
	int64_t from_us, to_end_us;      /* [from 00:00, the day after to 00:00) */
	Yoke__Reply *coq;                /* the CoqReport by period */
	struct pareto ncr;               /* NCRs opened in the period, by defect code */
	bool ncr_partial;                /* the server listed only the newest NCRs */
	struct report_spc *spc;
	size_t n_spc;
	char **skipped;                  /* characteristics beyond REPORT_SPC_MAX */
	size_t n_skipped;
	bool spc_list_truncated;
};

/* Fetches everything the page shows (report_html_data.c). CTL_OK, or the
 * exit status of what failed (reported). Free with report_data_free. */
int report_gather(struct ctl *ctl, struct report_data *d);
void report_data_free(struct report_data *d);
/* True when the period has nothing to show at all. */
bool report_empty(const struct report_data *d);

/* What the header says besides the data. */
struct report_meta {
	const char *plant;               /* --plant, or the server's address */
	const char *generated;           /* "2025-03-31 17:02 UTC" */
	const char *lang;                /* the html lang attribute: "en", "zh-CN" */
};
/* Writes the page (report_html_page.c). False when writing failed. */
bool report_write_page(FILE *f, const struct report_data *d, const struct report_meta *m);

#endif
