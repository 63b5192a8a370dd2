/*
 * client.c — see client.h. The DEALER side of the request channel with
 * Lazy Pirate retries, idle pings and the SUB side of the notice feed.
 *
 * State: at most one user request in flight (`inflight`, its packed bytes
 * kept for resending) and at most one ping (Hello with request_no 0, which
 * the server never stores). `silent_since` is when we first sent something
 * that has not been answered yet; after timeout_ms * offline_after of
 * silence the client calls itself offline.
 *
 * Numbering: until the first Hello is answered (`synced`), a submitted
 * request waits unnumbered (`inflight_wait`: packed with number 0) and a
 * ping goes out; the answer's last_request_no sets the next number, and the
 * request is numbered, packed again and sent.
 */
#include "proto/client.h"
#include "shared/log.h"
#include "shared/util.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#define MAX_TOPICS 16
#define UNSENT_RETRY_MS 10

struct client {
	void *ctx, *dealer, *sub;
	char *endpoint, *terminal, *session, *language;
	char *station;                  /* said in every ping (Hello.station) */
	struct client_options opt;
	struct cert cert;
	bool curve;
	bool synced, replaced;

	uint64_t next_no;
	uint64_t inflight_no;           /* 0: nothing in flight */
	uint8_t *inflight_buf;
	size_t inflight_len;
	int64_t inflight_sent_ms;
	bool inflight_unsent;           /* ZeroMQ refused it: no connection yet */
	bool inflight_wait;             /* not numbered yet: waits for the first Hello */
	int inflight_tries;

	bool ping_out, ping_unsent;
	int64_t ping_sent_ms;
	int64_t last_heard_ms, silent_since_ms, last_sent_ms;
	bool online, state_changed;

	uint64_t epoch;
	uint32_t pub_port;
	char *topics[MAX_TOPICS];
	int ntopics;
	bool sub_connected;

	Yoke__Reply *reply;
	Yoke__Notice *notice;
};

static void
set_int(void *sock, int opt, int v)
{
	zmq_setsockopt(sock, opt, &v, sizeof v);
}

/* Makes sock a CURVE client of the certificate's server. */
static void
secure(struct client *c, void *sock)
{
	if (!c->curve)
		return;
	if (zmq_setsockopt(sock, ZMQ_CURVE_SERVERKEY, c->cert.server_key, CERT_KEY_LEN) != 0 ||
	    zmq_setsockopt(sock, ZMQ_CURVE_PUBLICKEY, c->cert.public_key, CERT_KEY_LEN) != 0 ||
	    zmq_setsockopt(sock, ZMQ_CURVE_SECRETKEY, c->cert.secret_key, CERT_KEY_LEN) != 0)
		log_fatal("the certificate's keys are not CURVE keys: %s", zmq_strerror(errno));
}

struct client *
client_new(const char *endpoint, const char *terminal, const struct client_options *opt)
{
	struct client *c = xcalloc(1, sizeof *c);

	if (opt && opt->cert) {
		c->cert = *opt->cert;
		c->curve = true;
		terminal = c->cert.terminal;
	}
	c->endpoint = xstrdup(endpoint);
	c->terminal = xstrdup(terminal ? terminal : "");
	c->session = xstrdup("");
	c->language = xstrdup("");
	c->station = xstrdup("");
	c->opt.timeout_ms = opt && opt->timeout_ms > 0 ? opt->timeout_ms : 1000;
	c->opt.offline_after = opt && opt->offline_after > 0 ? opt->offline_after : 3;
	c->opt.ping_ms = opt ? opt->ping_ms : 2000;
	if (opt == NULL)
		c->opt.ping_ms = 2000;
	/* Numbers continue above what the server stored for this terminal
	 * (Hello's last_request_no, learnt before the first request). */
	c->next_no = 1;
	c->online = true;
	c->last_heard_ms = mono_ms();

	c->ctx = zmq_ctx_new();
	YK_ASSERT(c->ctx != NULL);
	c->dealer = zmq_socket(c->ctx, ZMQ_DEALER);
	YK_ASSERT(c->dealer != NULL);
	set_int(c->dealer, ZMQ_LINGER, 0);
	/* Do not queue requests for a server that is not connected: the retry
	 * timer resends, and a reconnect then delivers one copy, not a pile. */
	set_int(c->dealer, ZMQ_IMMEDIATE, 1);
	set_int(c->dealer, ZMQ_RECONNECT_IVL, 100);
	set_int(c->dealer, ZMQ_RECONNECT_IVL_MAX, 1000);
	set_int(c->dealer, ZMQ_MAXMSGSIZE, 16 << 20);
	secure(c, c->dealer);
	if (zmq_connect(c->dealer, endpoint) != 0)
		log_warn("cannot connect to %s: %s", endpoint, zmq_strerror(errno));
	return c;
}

void
client_free(struct client *c)
{
	if (c == NULL)
		return;
	if (c->reply)
		yoke__reply__free_unpacked(c->reply, NULL);
	if (c->notice)
		yoke__notice__free_unpacked(c->notice, NULL);
	zmq_close(c->dealer);
	if (c->sub)
		zmq_close(c->sub);
	zmq_ctx_term(c->ctx);
	for (int i = 0; i < c->ntopics; i++)
		free(c->topics[i]);
	free(c->inflight_buf);
	free(c->endpoint);
	free(c->terminal);
	free(c->session);
	free(c->language);
	free(c->station);
	free(c);
}

void
client_set_language(struct client *c, const char *language)
{
	free(c->language);
	c->language = xstrdup(language ? language : "");
}

void
client_set_station(struct client *c, const char *station)
{
	free(c->station);
	c->station = xstrdup(station ? station : "");
}

void
client_set_session(struct client *c, const char *session)
{
	free(c->session);
	c->session = xstrdup(session ? session : "");
}

const char *
client_terminal(const struct client *c)
{
	return c->terminal;
}

bool
client_busy(const struct client *c)
{
	return c->inflight_no != 0 || c->inflight_wait;
}

bool
client_online(const struct client *c)
{
	return c->online;
}

bool
client_replaced(const struct client *c)
{
	return c->replaced;
}

uint64_t
client_epoch(const struct client *c)
{
	return c->epoch;
}

/* False when ZeroMQ would not take it (EAGAIN: not connected yet, since
 * ZMQ_IMMEDIATE keeps requests off half-made connections). */
static bool
send_bytes(struct client *c, const uint8_t *buf, size_t len)
{
	int64_t now = mono_ms();
	bool sent;
	if (c->replaced)
		return true;     /* nothing goes out any more */
	sent = zmq_send(c->dealer, buf, len, ZMQ_DONTWAIT) >= 0;
	c->last_sent_ms = now;
	if (c->silent_since_ms == 0)
		c->silent_since_ms = now;
	return sent;
}

static uint8_t *
pack_request(struct client *c, Yoke__Request *rq, uint64_t no, size_t *len)
{
	uint8_t *buf;
	rq->version = YOKE_PROTOCOL_VERSION;
	rq->terminal = c->terminal;
	rq->session = c->session;
	rq->language = c->language;
	rq->request_no = no;
	*len = yoke__request__get_packed_size(rq);
	buf = xmalloc(*len);
	yoke__request__pack(rq, buf);
	return buf;
}

static void send_ping(struct client *c);

/* Numbers the waiting request once the first Hello told where to go on. */
static void
number_waiting(struct client *c)
{
	Yoke__Request *rq;
	if (!c->inflight_wait || !c->synced)
		return;
	/* Packed at submit with number 0; only the number changes. */
	rq = yoke__request__unpack(NULL, c->inflight_len, c->inflight_buf);
	YK_ASSERT(rq != NULL);
	c->inflight_no = c->next_no++;
	rq->request_no = c->inflight_no;
	free(c->inflight_buf);
	c->inflight_len = yoke__request__get_packed_size(rq);
	c->inflight_buf = xmalloc(c->inflight_len);
	yoke__request__pack(rq, c->inflight_buf);
	yoke__request__free_unpacked(rq, NULL);
	c->inflight_wait = false;
	c->inflight_tries = 1;
	c->inflight_sent_ms = mono_ms();
	c->inflight_unsent = !send_bytes(c, c->inflight_buf, c->inflight_len);
}

uint64_t
client_submit(struct client *c, Yoke__Request *rq)
{
	if (c->inflight_no != 0 || c->inflight_wait || c->replaced)
		return 0;
	if (c->next_no >= (UINT64_C(1) << 62))
		log_fatal("request numbers are used up for terminal %s", c->terminal);
	free(c->inflight_buf);
	if (!c->synced) {
		/* Wait for the first Hello; numbered by number_waiting(). */
		c->inflight_buf = pack_request(c, rq, 0, &c->inflight_len);
		c->inflight_wait = true;
		c->inflight_sent_ms = mono_ms();
		if (!c->ping_out)
			send_ping(c);
		return c->next_no;
	}
	c->inflight_no = c->next_no++;
	c->inflight_buf = pack_request(c, rq, c->inflight_no, &c->inflight_len);
	c->inflight_tries = 1;
	c->inflight_sent_ms = mono_ms();
	c->inflight_unsent = !send_bytes(c, c->inflight_buf, c->inflight_len);
	return c->inflight_no;
}

static void
send_ping(struct client *c)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello hello = YOKE__HELLO__INIT;
	size_t len;
	uint8_t *buf;

	hello.program = (char *)"client";
	hello.station = c->station;
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &hello;
	buf = pack_request(c, &rq, 0, &len);
	c->ping_unsent = !send_bytes(c, buf, len);
	free(buf);
	c->ping_out = true;
	c->ping_sent_ms = mono_ms();
}

static void
connect_sub(struct client *c)
{
	char host[256], ep[300];
	const char *p, *colon;

	if (c->pub_port == 0 || c->ntopics == 0 || c->sub_connected)
		return;
	p = strstr(c->endpoint, "://");
	p = p ? p + 3 : c->endpoint;
	colon = strrchr(p, ':');
	if (colon == NULL || (size_t)(colon - p) >= sizeof host)
		return;
	memcpy(host, p, (size_t)(colon - p));
	host[colon - p] = '\0';
	snprintf(ep, sizeof ep, "tcp://%s:%u", host, c->pub_port);
	if (c->sub == NULL) {
		c->sub = zmq_socket(c->ctx, ZMQ_SUB);
		YK_ASSERT(c->sub != NULL);
		set_int(c->sub, ZMQ_LINGER, 0);
		set_int(c->sub, ZMQ_RECONNECT_IVL, 100);
		set_int(c->sub, ZMQ_RECONNECT_IVL_MAX, 1000);
		secure(c, c->sub);
		for (int i = 0; i < c->ntopics; i++)
			zmq_setsockopt(c->sub, ZMQ_SUBSCRIBE, c->topics[i], strlen(c->topics[i]));
	}
	if (zmq_connect(c->sub, ep) == 0)
		c->sub_connected = true;
	else
		log_warn("cannot connect notices to %s: %s", ep, zmq_strerror(errno));
}

void
client_subscribe(struct client *c, const char *topic)
{
	for (int i = 0; i < c->ntopics; i++)
		if (strcmp(c->topics[i], topic) == 0)
			return;
	if (c->ntopics == MAX_TOPICS)
		return;
	c->topics[c->ntopics++] = xstrdup(topic);
	if (c->sub)
		zmq_setsockopt(c->sub, ZMQ_SUBSCRIBE, topic, strlen(topic));
	connect_sub(c);
	if (!c->sub_connected && !c->ping_out)
		send_ping(c);   /* learn the PUB port */
}

static void
heard(struct client *c)
{
	c->last_heard_ms = mono_ms();
	c->silent_since_ms = 0;
	if (!c->online) {
		c->online = true;
		c->state_changed = true;
	}
}

/* Reads one message from the DEALER; keeps it when it is the reply we wait for. */
static void
read_reply(struct client *c)
{
	zmq_msg_t msg;
	Yoke__Reply *rp;

	zmq_msg_init(&msg);
	/* Take the last frame: a peer may have answered with a delimiter first. */
	for (;;) {
		if (zmq_msg_recv(&msg, c->dealer, ZMQ_DONTWAIT) < 0) {
			zmq_msg_close(&msg);
			return;
		}
		if (!zmq_msg_more(&msg))
			break;
	}
	rp = yoke__reply__unpack(NULL, zmq_msg_size(&msg), zmq_msg_data(&msg));
	zmq_msg_close(&msg);
	heard(c);
	if (rp == NULL) {
		log_warn("undecodable reply from %s dropped", c->endpoint);
		return;
	}
	if (rp->status == YOKE__STATUS__STATUS_REPLACED && !c->replaced) {
		log_warn("terminal %s: %s", c->terminal, rp->message);
		c->replaced = true;
		c->state_changed = true;
	}
	if (rp->body_case == YOKE__REPLY__BODY_HELLO && rp->hello) {
		if (rp->hello->last_request_no >= c->next_no)
			c->next_no = rp->hello->last_request_no + 1;
		c->synced = true;
		c->epoch = rp->hello->epoch;
		if (rp->hello->pub_port && rp->hello->pub_port != c->pub_port) {
			c->pub_port = rp->hello->pub_port;
			connect_sub(c);
		}
	}
	if (rp->request_no == 0) {
		c->ping_out = false;
		if (c->inflight_wait && rp->status != YOKE__STATUS__STATUS_OK) {
			/* The server refuses this terminal (replaced, revoked, another
			 * version): the waiting request would never go; hand the
			 * caller this answer instead. */
			c->inflight_wait = false;
			if (c->reply == NULL) {
				c->reply = rp;
				return;
			}
		}
		yoke__reply__free_unpacked(rp, NULL);
		number_waiting(c);
		return;
	}
	if (c->inflight_no != 0 && rp->request_no == c->inflight_no && c->reply == NULL) {
		c->reply = rp;
		c->inflight_no = 0;
		/* Answered: its bytes (maybe a PIN) are not needed for a resend. */
		explicit_bzero(c->inflight_buf, c->inflight_len);
		return;
	}
	yoke__reply__free_unpacked(rp, NULL);   /* a late answer to an old try */
}

static void
read_notice(struct client *c)
{
	zmq_msg_t topic, body;
	Yoke__Notice *n;

	zmq_msg_init(&topic);
	zmq_msg_init(&body);
	if (zmq_msg_recv(&topic, c->sub, ZMQ_DONTWAIT) < 0)
		goto out;
	if (!zmq_msg_more(&topic) || zmq_msg_recv(&body, c->sub, ZMQ_DONTWAIT) < 0)
		goto out;
	n = yoke__notice__unpack(NULL, zmq_msg_size(&body), zmq_msg_data(&body));
	if (n == NULL)
		goto out;
	if (c->notice)
		yoke__notice__free_unpacked(c->notice, NULL);   /* only the newest matters */
	c->notice = n;
out:
	zmq_msg_close(&topic);
	zmq_msg_close(&body);
}

/* Resends and pings that are due; returns ms until the next one is due. */
static int
timers(struct client *c)
{
	int64_t now = mono_ms();
	int64_t next = now + 60000;

	if (c->inflight_wait) {
		/* The first Hello is what we wait for: keep asking; a ping
		 * ZeroMQ would not take yet (no connection) goes again soon. */
		if (c->ping_out && now - c->ping_sent_ms >= c->opt.timeout_ms) {
			c->ping_out = false;
			c->inflight_tries++;
			c->inflight_sent_ms = now;
		}
		if (!c->ping_out || c->ping_unsent) {
			int64_t first = c->ping_sent_ms;
			send_ping(c);
			if (c->ping_out && first && now - first < c->opt.timeout_ms)
				c->ping_sent_ms = first;   /* quick tries do not restart the clock */
		}
		if (c->ping_unsent && now + UNSENT_RETRY_MS < next)
			next = now + UNSENT_RETRY_MS;
		if (c->ping_sent_ms + c->opt.timeout_ms < next)
			next = c->ping_sent_ms + c->opt.timeout_ms;
	} else if (c->inflight_no) {
		if (now - c->inflight_sent_ms >= c->opt.timeout_ms) {
			c->inflight_tries++;
			c->inflight_sent_ms = now;
			c->inflight_unsent = !send_bytes(c, c->inflight_buf, c->inflight_len);
		} else if (c->inflight_unsent) {
			/* A new client's first request usually finds the connection
			 * not up yet: try again soon instead of after a whole timeout.
			 * These quick tries are not counted as tries. */
			c->inflight_unsent = !send_bytes(c, c->inflight_buf, c->inflight_len);
			if (c->inflight_unsent && now + UNSENT_RETRY_MS < next)
				next = now + UNSENT_RETRY_MS;
		}
		if (c->inflight_sent_ms + c->opt.timeout_ms < next)
			next = c->inflight_sent_ms + c->opt.timeout_ms;
	} else if (c->opt.ping_ms > 0) {
		if (c->ping_out && now - c->ping_sent_ms >= c->opt.timeout_ms)
			c->ping_out = false;       /* lost; send another */
		if (!c->ping_out && now - c->last_sent_ms >= c->opt.ping_ms &&
		    now - c->last_heard_ms >= c->opt.ping_ms)
			send_ping(c);
		else if (!c->ping_out && !c->online && now - c->ping_sent_ms >= c->opt.timeout_ms)
			send_ping(c);
		int64_t due = c->ping_out ? c->ping_sent_ms + c->opt.timeout_ms
		    : (c->online ? c->last_sent_ms + c->opt.ping_ms : now + c->opt.timeout_ms);
		if (due < next)
			next = due;
	}
	if (c->silent_since_ms && c->online &&
	    now - c->silent_since_ms >= (int64_t)c->opt.timeout_ms * c->opt.offline_after) {
		c->online = false;
		c->state_changed = true;
	}
	if (c->silent_since_ms && c->online) {
		int64_t due = c->silent_since_ms + (int64_t)c->opt.timeout_ms * c->opt.offline_after;
		if (due < next)
			next = due;
	}
	return next <= now ? 0 : (int)(next - now);
}

enum client_event
client_wait(struct client *c, int extra_fd, int timeout_ms)
{
	int64_t deadline = mono_ms() + (timeout_ms > 0 ? timeout_ms : 0);

	for (;;) {
		zmq_pollitem_t items[3];
		int n = 0, wait, rc;

		if (c->reply)
			return CLIENT_REPLY;
		if (c->state_changed) {
			c->state_changed = false;
			return CLIENT_STATE;
		}
		if (c->notice)
			return CLIENT_NOTICE;
		wait = timers(c);
		if (c->state_changed)
			continue;
		int64_t left = deadline - mono_ms();
		if (left < 0)
			left = 0;
		if (wait > left)
			wait = (int)left;
		items[n++] = (zmq_pollitem_t){ .socket = c->dealer, .events = ZMQ_POLLIN };
		if (c->sub)
			items[n++] = (zmq_pollitem_t){ .socket = c->sub, .events = ZMQ_POLLIN };
		if (extra_fd >= 0)
			items[n++] = (zmq_pollitem_t){ .fd = extra_fd, .events = ZMQ_POLLIN };
		rc = zmq_poll(items, n, wait);
		if (rc < 0 && errno != EINTR)
			log_fatal("zmq_poll: %s", zmq_strerror(errno));
		if (rc < 0)
			return CLIENT_TIMEOUT;   /* a signal: let the caller look */
		if (items[0].revents & ZMQ_POLLIN)
			read_reply(c);
		if (c->sub && (items[1].revents & ZMQ_POLLIN))
			read_notice(c);
		if (c->reply || c->state_changed || c->notice)
			continue;
		if (extra_fd >= 0 && (items[n - 1].revents & ZMQ_POLLIN))
			return CLIENT_FD;
		if (mono_ms() >= deadline)
			return CLIENT_TIMEOUT;
	}
}

Yoke__Reply *
client_take_reply(struct client *c)
{
	Yoke__Reply *rp = c->reply;
	c->reply = NULL;
	return rp;
}

Yoke__Notice *
client_take_notice(struct client *c)
{
	Yoke__Notice *n = c->notice;
	c->notice = NULL;
	return n;
}

Yoke__Reply *
client_call(struct client *c, Yoke__Request *rq, int tries)
{
	/* tries bounds the time too: a try that never leaves (no connection:
	 * a handshake the server refuses, a ping ZeroMQ will not take) is
	 * not counted by the timers, and must not make this wait for ever. */
	int64_t give_up = mono_ms() + (int64_t)(tries + 1) * c->opt.timeout_ms;
	if (c->inflight_no != 0 || c->inflight_wait || c->replaced)
		return NULL;
	client_submit(c, rq);
	for (;;) {
		enum client_event ev = client_wait(c, -1, c->opt.timeout_ms);
		if (ev == CLIENT_REPLY)
			return client_take_reply(c);
		if (ev == CLIENT_NOTICE) {
			yoke__notice__free_unpacked(client_take_notice(c), NULL);
			continue;
		}
		if (tries > 0 && ((c->inflight_tries >= tries &&
		    mono_ms() - c->inflight_sent_ms >= c->opt.timeout_ms) || mono_ms() >= give_up)) {
			c->inflight_no = 0;   /* give up; a late reply is dropped */
			c->inflight_wait = false;
			return NULL;
		}
	}
}

void
client_reply_free(Yoke__Reply *rp)
{
	if (rp)
		yoke__reply__free_unpacked(rp, NULL);
}

const char *
status_name(Yoke__Status s)
{
	const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(&yoke__status__descriptor, (int)s);
	if (v == NULL)
		return "UNKNOWN_STATUS";
	/* "STATUS_WRONG_PART" -> "WRONG_PART" */
	return strncmp(v->name, "STATUS_", 7) == 0 ? v->name + 7 : v->name;
}
