/*
 * defs_coq.h — the cost of quality's rates in the definitions
 * (defs_coq.c; docs/cost-of-quality.md):
 *
 *   coq version=2025-03 currency=CNY desk_rate=60.00 inspect_min=1.5
 *       final_min=3 fai_min=20 iqc_min=30 mrb_min=30 repair_min=20
 *   coq_rate SMT hour=90.00             labour rate of a station kind
 *   coq_minutes IOTC-100/10 minutes=2.5 standard minutes of an operation
 *   coq_cost PCB-100 cost=18.40         standard cost of a part
 *
 * Money is read as a decimal in major units (at most two decimals) and
 * kept in minor units; minutes as hundredths of a minute.
 */
#ifndef YOKE_DEFS_COQ_H
#define YOKE_DEFS_COQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"

/* The set's checks: a coq statement with the version and currency when
 * any rate is given, each station kind, operation and part rated once. */
bool defs_coq_validate(const Yoke__Definitions *d, char *err, size_t errsz);

/* Lookups in one rates version (NULL rates: nothing). */
int64_t defs_coq_labour_rate(const Yoke__CoqRates *r, const char *station_kind);
uint32_t defs_coq_op_cmin(const Yoke__CoqRates *r, const char *product, uint32_t operation);
int64_t defs_coq_part_cost(const Yoke__CoqRates *r, const char *part);
/* The same content (what the server compares before storing a version). */
bool defs_coq_same(const Yoke__CoqRates *a, const Yoke__CoqRates *b);

#endif
