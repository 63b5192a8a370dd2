/*
 * fz.h — what the request fuzz targets (fuzz_dispatch.c, fuzz_wire.c) and
 * their seed generator (seeds.c) share: the framing of a dispatch input,
 * the seeded plant's names, packing a request, and a walk over every string
 * a decoded message holds.
 *
 * A fuzz_dispatch input is a sequence of messages, each
 *
 *   ctl(1) len(2, little-endian) bytes(len)
 *
 * (a length past the end of the input takes what is left). ctl says how
 * the message is fed to dispatch_batch:
 *
 *   FZ_RENUMBER   append request_no = the number stored for the request's
 *                 terminal + 1 (protobuf: the last occurrence of a scalar
 *                 wins), so a mutating request reaches its handler instead
 *                 of being dropped as a stale retry
 *   FZ_NEW_BATCH  start a new batch with this message (the batch before it
 *                 commits first)
 *   FZ_FRAMES     the message arrived as 2 + ((ctl >> 4) & 3) frames
 *
 * Session tokens are random, so the bytes FZ_SESSION_* (32 of them, like a
 * token) are replaced in every message by the current token of that seeded
 * terminal's session before the message is dispatched.
 */
#ifndef YOKE_FZ_H
#define YOKE_FZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

#include "proto/yoke.pb-c.h"

#define FZ_RENUMBER 0x01
#define FZ_NEW_BATCH 0x02
#define FZ_FRAMES 0x80
#define FZ_HEADER 3

/* The seeded plant (fuzz_dispatch.c loads it; the seeds name it). */
#define FZ_TERM_DESK "desk@fuzz"           /* admin 900 signed in at a desk */
#define FZ_TERM_ASSY "ASSY-1@fuzz"         /* operator 100 badged in at ASSY-1 */
#define FZ_TERM_TEST "TEST-1@fuzz"         /* operator 101 badged in at TEST-1 */
#define FZ_SESSION_DESK "@@session-of-desk@fuzz@@@@@@@@@@"
#define FZ_SESSION_ASSY "@@session-of-ASSY-1@fuzz@@@@@@@@"
#define FZ_SESSION_TEST "@@session-of-TEST-1@fuzz@@@@@@@@"
#define FZ_TOKEN_LEN 32
#define FZ_PIN_ADMIN "2468"                /* badge 900 */
#define FZ_PIN_INSPECTOR "1357"            /* badge 200 */
#define FZ_PIN_ENGINEER "8642"             /* badge 400 */
#define FZ_WO "WO-F1"                      /* released with FZ_WO_QTY units of WIDGET */
#define FZ_WO_QTY 8

/*
 * Where the seeded units of FZ_WO stand (WIDGET rev A, op 10 at ASSY: 0
 * instruct, 1 scan BOARD-1, 2 scan CELL x2, 3 scan IC-555, 4 measure supply,
 * 5 check, 6 inspect by an inspector; op 20 at TEST).
 */
#define FZ_UNIT_STEP0 "WO-F1-0001"         /* open at ASSY-1, step 0 */
#define FZ_UNIT_SCAN "WO-F1-0002"          /* open at ASSY-1, step 1 (scan BOARD-1) */
#define FZ_UNIT_MEASURE "WO-F1-0003"       /* open at ASSY-1, step 4 (measure) */
#define FZ_UNIT_INSPECT "WO-F1-0004"       /* open at ASSY-1, step 6 (signed inspection) */
#define FZ_UNIT_DONE10 "WO-F1-0005"        /* open at ASSY-1, every step of op 10 done */
#define FZ_UNIT_TEST "WO-F1-0006"          /* op 10 complete, open at TEST-1, step 0 */
#define FZ_UNIT_QUEUED "WO-F1-0007"        /* queued at op 10 */

extern const char fz_plant_def[];

/* Packs rq with the envelope (version 2, terminal, session, request_no).
 * Returns a malloc'd buffer. */
uint8_t *fz_pack(Yoke__Request *rq, const char *terminal, const char *session,
    uint64_t request_no, size_t *len);

/* Appends one framed message to *buf (realloc'd). */
void fz_frame(uint8_t **buf, size_t *len, uint8_t ctl, const uint8_t *msg, size_t msglen);

/* Calls fn for every string field reachable in m: set oneof members only,
 * every element of repeated fields, sub-messages at any depth. */
typedef void (*fz_string_fn)(void *ud, const ProtobufCFieldDescriptor *f, const char *s);
void fz_walk_strings(const ProtobufCMessage *m, fz_string_fn fn, void *ud);

/* True when every string reachable in m is valid UTF-8 (a C string holds
 * no NUL); otherwise false and the field's name in *bad. */
bool fz_strings_utf8(const ProtobufCMessage *m, const char **bad);

#endif
