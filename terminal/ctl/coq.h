/*
 * coq.h — what yokectl's cost of quality commands share (coq.c,
 * report_html.c): one report fetched from the server.
 */
#ifndef YOKE_CTL_COQ_H
#define YOKE_CTL_COQ_H

#include "terminal/ctl/ctl.h"

/* Asks the server for the report of from..to (YYYY-MM-DD) grouped by
 * `by` and per `period`: CTL_OK with *out (free with client_reply_free),
 * or the exit status of what failed (reported). */
int ctl_coq_fetch(struct ctl *ctl, const char *from, const char *to, Yoke__CoqBy by,
    Yoke__CoqPeriod period, Yoke__Reply **out);
/* A row's four categories added up. */
int64_t ctl_coq_row_total(const Yoke__CoqRow *r);

#endif
