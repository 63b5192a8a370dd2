/* requests.c — the request table; see requests.h. */
#include "server/requests.h"

#include <stddef.h>

static const struct request_type types[] = {
	{ YOKE__REQUEST__BODY_HELLO, "hello", 0, req_hello },
	{ YOKE__REQUEST__BODY_BADGE_IN, "badge_in", REQ_MUTATING, req_badge_in },
	{ YOKE__REQUEST__BODY_BADGE_OUT, "badge_out", REQ_MUTATING | REQ_SESSION, req_badge_out },
	{ YOKE__REQUEST__BODY_QUEUE, "queue", 0, req_queue },
	{ YOKE__REQUEST__BODY_OPEN_UNIT, "open_unit", REQ_MUTATING | REQ_SESSION, req_open_unit },
	{ YOKE__REQUEST__BODY_STEP, "step", REQ_MUTATING | REQ_SESSION, req_step },
	{ YOKE__REQUEST__BODY_COMPLETE, "complete", REQ_MUTATING | REQ_SESSION, req_complete },
	{ YOKE__REQUEST__BODY_LOAD, "load", REQ_MUTATING, req_load },
	{ YOKE__REQUEST__BODY_RELEASE, "release", REQ_MUTATING, req_release },
	{ YOKE__REQUEST__BODY_TRACE, "trace", 0, req_trace },
	{ YOKE__REQUEST__BODY_UNITS, "units", 0, req_units },
	{ YOKE__REQUEST__BODY_WHERE_USED, "where_used", 0, req_where_used },
};

const struct request_type *
request_lookup(int body)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i].body == body)
			return &types[i];
	return NULL;
}
