/*
 * requests.h — the table of requests yoked serves, one handler file each
 * (server/req-<name>.c). The flags drive dispatch: MUTATING requests run in
 * the batch's write transaction with idempotent retry; SESSION requests
 * need a badge-in and get ctx->session, ctx->op and ctx->station filled.
 */
#ifndef YOKE_REQUESTS_H
#define YOKE_REQUESTS_H

#include "server/server.h"

enum { REQ_MUTATING = 1, REQ_SESSION = 2 };

struct request_type {
	int body;                       /* Yoke__Request__BodyCase */
	const char *name;
	unsigned flags;
	enum outcome (*handle)(struct ctx *c);
};

const struct request_type *request_lookup(int body);

enum outcome req_hello(struct ctx *c);
enum outcome req_badge_in(struct ctx *c);
enum outcome req_badge_out(struct ctx *c);
enum outcome req_queue(struct ctx *c);
enum outcome req_open_unit(struct ctx *c);
enum outcome req_step(struct ctx *c);
enum outcome req_complete(struct ctx *c);
enum outcome req_load(struct ctx *c);
enum outcome req_release(struct ctx *c);
enum outcome req_trace(struct ctx *c);
enum outcome req_units(struct ctx *c);
enum outcome req_where_used(struct ctx *c);

#endif
