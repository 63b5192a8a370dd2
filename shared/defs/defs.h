/*
 * defs.h — the plain-text definition files (parts, BOMs, routings,
 * stations, operators, defect codes, CAPA triggers): parser, validator,
 * deep copies and lookups.
 *
 * The format is described for engineers in docs/definitions.md. The parser
 * builds the protobuf-c messages of proto/defs.proto directly, every string
 * and array allocated with malloc, so the server can pack a record as it is
 * and defs_free can release the whole tree with protobuf-c's own walker.
 *
 * Two stages, two kinds of mistakes:
 *   defs_parse    one file's syntax and each record's own values (a number
 *                 that is not a number, an unknown option, bad UTF-8);
 *   defs_validate a complete set: duplicates, references between records,
 *                 sane limits. The server runs it on what is stored merged
 *                 with what is loaded; yokectl runs it on the files alone.
 * Every error is one line, "file:line: what is wrong", naming what was
 * expected and what was found, in the current language (i18n.h); the
 * place, the keywords and what the file holds are never translated.
 */
#ifndef YOKE_DEFS_H
#define YOKE_DEFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"

/* Limits, in bytes (docs/definitions.md lists them for engineers). */
#define DEFS_ID_MAX 40          /* part number, revision, station id and kind, badge, measure name */
#define DEFS_UNIT_MAX 16        /* measurement unit, e.g. "C", "mA", "N·m" */
#define DEFS_NAME_MAX 200       /* descriptions and names */
#define DEFS_TEXT_MAX 1000      /* step texts (work instructions) */
#define DEFS_LINE_MAX 4096
#define DEFS_IQC_CHECKS_MAX 16   /* part check=: characteristics of its incoming inspection */
#define DEFS_QUALIFIED_MAX 200  /* entries in one operator's qualified= list */
#define DEFS_STEPS_MAX 64       /* steps per operation (the server's due mask is 64 bits) */
#define DEFS_NUMBER_MAX 100000  /* operation numbers, quantities, N of 1-in-N */
#define DEFS_ATTEMPTS_MAX 9     /* measure attempts= (absent, stored 0: DEFS_ATTEMPTS_DEFAULT) */
#define DEFS_ATTEMPTS_DEFAULT 2
#define DEFS_REWORK_LIMIT_MAX 99 /* routing rework_limit= (absent, stored 0: DEFS_REWORK_LIMIT_DEFAULT) */
#define DEFS_REWORK_LIMIT_DEFAULT 2
#define DEFS_CAPA_COUNT_MIN 2    /* capa_trigger: 2 <= count <= within <= DEFS_CAPA_WITHIN_MAX */
#define DEFS_CAPA_WITHIN_MAX 10000
#define DEFS_GTINS_MAX 16         /* gtin= entries of one part */
#define DEFS_SUPPLIER_PARTS_MAX 16 /* supplier= entries of one part */
#define DEFS_LEVEL_MAX 9          /* escalate LEVEL: 1..9 */
#define DEFS_AFTER_MAX (30u * 86400u)  /* escalate after=: at most 30 days, in seconds */
#define DEFS_ADDRESS_MAX 500      /* an e-mail address or a webhook URL */
#define DEFS_EQUIPMENT_NAME_MAX 120   /* equipment_param sparkplug= device and metric name */
#define DEFS_EQUIPMENT_WINDOW_MAX 86400 /* measure from=equipment window= (seconds) */
#define DEFS_EQUIPMENT_WINDOW_DEFAULT 30 /* window= absent (stored 0) */

Yoke__Definitions *defs_new(void);
/* Frees d and everything defs_parse and defs_add_* put in it. NULL is fine. */
void defs_free(Yoke__Definitions *d);

/*
 * Parses one file's text, appending its records to d. On error returns
 * false and writes "file:line: message" into err; nothing is appended from
 * a file that fails. Each record's source is "file:line" where it starts.
 */
bool defs_parse(Yoke__Definitions *d, const char *file, const char *text, char *err,
    size_t errsz);

/*
 * Checks a complete set: duplicates (part number, BOM parent, routing
 * product+revision, station id, badge, defect code), references (BOM
 * parent and components are parts; a routing's product is a part, with a
 * BOM when it has scan steps; every scan step's part is a scanned line of
 * that BOM; every operation's and rework operation's station kind is the
 * kind of some station; operators' qualifications name an existing
 * product/operation or rework operation, a whole product ("PRODUCT/" then
 * a star) or everything (a lone star)) and sane values (lsl <= target <=
 * usl, at least one limit per measurement, attempts 1..9 and on measure
 * steps only, qty >= 1, 1-in-N with N >= 2, operation numbers increasing
 * and unique, rework operation numbers unique among all the routing's
 * operations, 1..64 steps per operation, at least one operation per
 * routing, an inspection of every unit in each rework operation,
 * rework_limit 0..99, a category for every defect code; a CAPA trigger
 * names a defined defect code or "*", once per code and per=, with
 * 2 <= count <= within <= 10000; a supplier code once, and once any
 * supplier is defined, every part's supplier=CODE:... names one). The
 * steps of a rework operation are checked as an operation's. The first problem found is written to err as
 * "file:line: ...".
 */
bool defs_validate(const Yoke__Definitions *d, char *err, size_t errsz);
/* The equipment_param checks of defs_validate (defs_equipment.c). */
bool defs_check_equipment(const Yoke__Definitions *d, char *err, size_t errsz);

/* Deep copies of one record appended to d, in amortised constant time. d
 * must come from defs_new and be filled only by defs_parse and these (its
 * arrays grow by doubling; see APPEND in defs_priv.h). */
void defs_add_part(Yoke__Definitions *d, const Yoke__Part *p);
void defs_add_bom(Yoke__Definitions *d, const Yoke__Bom *b);
void defs_add_routing(Yoke__Definitions *d, const Yoke__Routing *r);
void defs_add_station(Yoke__Definitions *d, const Yoke__Station *s);
void defs_add_operator(Yoke__Definitions *d, const Yoke__Operator *o);
void defs_add_defect(Yoke__Definitions *d, const Yoke__DefectCode *x);
void defs_add_capa_trigger(Yoke__Definitions *d, const Yoke__CapaTrigger *x);
void defs_add_supplier(Yoke__Definitions *d, const Yoke__Supplier *x);

/* Lookups by key; NULL when absent. Each scans the set: for tools and tests
 * over a few records. Over a whole plant, build a defs_index (defs_index.h). */
const Yoke__Part *defs_find_part(const Yoke__Definitions *d, const char *number);
const Yoke__Bom *defs_find_bom(const Yoke__Definitions *d, const char *parent);
const Yoke__Station *defs_find_station(const Yoke__Definitions *d, const char *id);
const Yoke__Operator *defs_find_operator(const Yoke__Definitions *d, const char *badge);
const Yoke__DefectCode *defs_find_defect(const Yoke__Definitions *d, const char *code);

/* Whether op may perform operation opno of product: one of its
 * qualifications is "PRODUCT/OPNO", "PRODUCT/" then a star (the
 * whole product) or a lone star (everything). */
bool defs_qualified(const Yoke__Operator *op, const char *product, uint32_t opno);
/* A measure step's SPC characteristic checked as data (defs_spc.c): false
 * with "source: message" in err. */
bool defs_spc_check(const Yoke__Step *s, char *err, size_t errsz);
/* "log", "alarm", "hold-unit", "hold-lot", "stop-station": the file's words. */
const char *defs_spc_action_name(Yoke__SpcAction a);

/* Names as written in the files: "serial", "inspector", "method". */
const char *defs_tracking_name(Yoke__Tracking t);
const char *defs_role_name(Yoke__Role r);
const char *defs_category_name(Yoke__DefectCategory c);
/* A CAPA trigger's per=: "part" or "station". */
const char *defs_capa_per_name(bool per_part);

/* Notifications (defs_notify.c): the rules between the escalate, notify
 * and smtp statements of one load (false with "file:line: message"); the
 * channel's and alarm source's names as the statements spell them; an
 * e-mail address an SMTP envelope carries safely. */
bool defs_notify_validate(const Yoke__Definitions *d, char *err, size_t errsz);
const char *defs_channel_name(Yoke__Channel ch);
const char *defs_alarm_source_name(uint32_t source);
bool defs_email_ok(const char *s);

#endif
