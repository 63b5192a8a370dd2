/*
 * test_client_bound.c — client_call gives up within tries + 1 timeouts,
 * here with nothing listening at the endpoint. (it_devices once waited
 * for ever in client_call after its key was refused at the handshake,
 * once in many runs; that race is not reproduced here. This case ended
 * before the bound too: the test holds the bound, which covers both.)
 */
#include "tests/lib/check.h"
#include "proto/client.h"
#include "shared/util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

/* A loopback port nobody listens on: bound, then closed. */
static int
dead_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static void
call_to_nobody_ends(void)
{
	char ep[64];
	int port = dead_port();
	REQUIRE(port > 0);
	snprintf(ep, sizeof ep, "tcp://127.0.0.1:%d", port);
	struct client_options o = { .timeout_ms = 200, .offline_after = 1 };
	struct client *c = client_new(ep, "nobody@test", &o);
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	h.program = (char *)"test";
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	int64_t t0 = mono_ms();
	Yoke__Reply *rp = client_call(c, &rq, 3);
	int64_t took = mono_ms() - t0;
	CHECK(rp == NULL);
	CHECK(took <= 4 * 200 + 300);
	client_reply_free(rp);
	client_free(c);
}

int
main(void)
{
	RUN(call_to_nobody_ends);
	return check_done();
}
