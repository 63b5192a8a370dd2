/* req-hello.c — handshake and idle ping: who the server knows this
 * connection as (the terminal bound to its key), and the last request
 * number stored for that terminal, so a restarted client numbers above it.
 * It reports only the caller's own terminal. */
#include "server/requests.h"
#include "server/unit/unit.h"
#include "shared/util.h"

#include <string.h>

enum outcome
req_hello(struct ctx *c)
{
	Yoke__HelloReply *h = arena_alloc(c->a, sizeof *h);
	Yoke__TerminalRecord *term = NULL;
	int rc;

	yoke__hello_reply__init(h);
	if (ident_ok(c->terminal, CERT_ID_MAX)) {
		rc = REC_GET(c->txn, c->a, T_TERMINAL, c->terminal, yoke__terminal_record, &term);
		if (rc != STORE_OK && rc != STORE_NOTFOUND)
			return store_failed(c, rc);
	}
	h->server_version = YOKE_PROTOCOL;
	h->last_request_no = term ? term->last_request_no : 0;
	h->server_time_us = c->now;
	h->epoch = c->srv->epoch;
	h->pub_port = c->srv->pub_port;
	h->terminal = (char *)c->terminal;
	c->rp->body_case = YOKE__REPLY__BODY_HELLO;
	c->rp->hello = h;
	return OUTCOME_COMMIT;
}
