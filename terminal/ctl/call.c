/*
 * call.c — yokectl talking to yoked: one request at a time (proto/client.h,
 * with the person's language stamped on every request so the server's
 * words come back in it), signing the person in when the server says a
 * request needs one, and reading a PIN without echo.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "shared/util.h"
#include "terminal/ctl/ctl.h"

bool
ctl_read_secret(int fd, const char *prompt, char *buf, size_t size)
{
	size_t n = 0;
	bool tty = fd < 0;
	struct termios old, quiet;
	char ch;

	if (tty && (fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0) {
		ctl_fail(CTL_ST_USAGE, _("%s is asked at a terminal, and there is none: give --pin-fd N"),
		    prompt);
		return false;
	}
	if (tty) {
		if (write(fd, prompt, strlen(prompt)) < 0 || write(fd, ": ", 2) < 0) {
			close(fd);
			return false;
		}
		tcgetattr(fd, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	for (;;) {
		ssize_t r = read(fd, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || ch == '\n')
			break;
		if (ch != '\r' && n + 1 < size)
			buf[n++] = ch;
	}
	buf[n] = '\0';
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) < 0) {
			/* nothing to do: the line was read */
		}
		close(fd);
	}
	if (n == 0) {
		ctl_fail(CTL_ST_USAGE, _("expected %s, got an empty line"), prompt);
		return false;
	}
	return true;
}

static struct client *
client_for(struct ctl *ctl)
{
	struct client_options opt = { .timeout_ms = ctl->timeout_ms, .offline_after = 1, .ping_ms = 0,
		.cert = ctl->has_cert ? &ctl->cert : NULL };
	struct client *c;
	char terminal[96];

	snprintf(terminal, sizeof terminal, "yokectl-%d-%lld", (int)getpid(), (long long)now_us());
	c = client_new(ctl->server, terminal, &opt);
	/* At a desk the server answers in the request's language. */
	client_set_language(c, i18n_current());
	return c;
}

Yoke__Reply *
ctl_call(struct ctl *ctl, Yoke__Request *rq)
{
	Yoke__Reply *rp;
	if (ctl->client == NULL)
		ctl->client = client_for(ctl);
	rp = client_call(ctl->client, rq, ctl->tries);
	if (rp == NULL && ctl->has_cert)
		ctl_fail(CTL_ST_OFFLINE, _("server %s did not answer: is yoked running there?"),
		    ctl->server);
	else if (rp == NULL)
		ctl_fail(CTL_ST_OFFLINE, _("server %s did not answer: is yoked running there? Without "
		    "--cert (or $YOKE_CERT) only a yoked started with --plain answers."), ctl->server);
	return rp;
}

int
ctl_sign_in(struct ctl *ctl)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	Yoke__Reply *rp;
	char pin[80] = "", prompt[160], lead[160];
	int rc = CTL_OK;

	if (ctl->signed_in)
		return CTL_OK;
	if (str_empty(ctl->badge))
		return ctl_fail(CTL_ST_USAGE, _("this needs a person: give --badge B (or $YOKE_BADGE), "
		    "with the PIN from --pin-fd N or typed at the terminal"));
	b.station = (char *)"";
	b.badge = (char *)ctl->badge;
	b.pin = pin;
	/* A signer's PIN, read already: sign in with it rather than ask again. */
	if (ctl->has_signin_pin)
		strlcpy_yk(pin, ctl->signin_pin, sizeof pin);
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	/* The server says whether a PIN is needed (the first admin has none). */
	for (int round = 0; round < 2; round++) {
		if ((rp = ctl_call(ctl, &rq)) == NULL) {
			rc = CTL_OFFLINE;
			break;
		}
		if (rp->status == YOKE__STATUS__STATUS_PIN_REQUIRED && round == 0 &&
		    !ctl->has_signin_pin) {
			client_reply_free(rp);
			snprintf(prompt, sizeof prompt, _("PIN of badge %s"), ctl->badge);
			if (!ctl_read_secret(ctl->pin_fd, prompt, pin, sizeof pin)) {
				rc = CTL_USAGE;
				break;
			}
			continue;
		}
		if (rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_BADGE_IN) {
			snprintf(lead, sizeof lead, _("sign-in of badge %s refused"), ctl->badge);
			rc = ctl_refused_as(rp, lead);
		} else {
			client_set_session(ctl->client, rp->badge_in->session);
			ctl->signed_in = true;
		}
		client_reply_free(rp);
		break;
	}
	explicit_bzero(pin, sizeof pin);
	return rc;
}

Yoke__Reply__BodyCase
ctl_reply_body(Yoke__Request__BodyCase rq)
{
	switch (rq) {
	case YOKE__REQUEST__BODY_OPEN_UNIT:
	case YOKE__REQUEST__BODY_STEP:
	case YOKE__REQUEST__BODY_COMPLETE:
	case YOKE__REQUEST__BODY_MOVE_UNIT:
		return YOKE__REPLY__BODY_UNIT;
	case YOKE__REQUEST__BODY_HOLD:
	case YOKE__REQUEST__BODY_RELEASE_HOLD:
		return YOKE__REPLY__BODY_HOLD;
	case YOKE__REQUEST__BODY_HOLDS:
		return YOKE__REPLY__BODY_HOLDS;
	case YOKE__REQUEST__BODY_RAISE_NCR:
	case YOKE__REQUEST__BODY_NCRS:
	case YOKE__REQUEST__BODY_DISPOSITION:
	case YOKE__REQUEST__BODY_CLOSE_NCR:
		return YOKE__REPLY__BODY_NCRS;
	case YOKE__REQUEST__BODY_DEFECTS:
		return YOKE__REPLY__BODY_DEFECTS;
	case YOKE__REQUEST__BODY_CAPA_OPEN:
	case YOKE__REQUEST__BODY_CAPA_UPDATE:
	case YOKE__REQUEST__BODY_CAPAS:
		return YOKE__REPLY__BODY_CAPAS;
	case YOKE__REQUEST__BODY_RECEIVE:
	case YOKE__REQUEST__BODY_LOTS:
	case YOKE__REQUEST__BODY_LOT_STATUS:
		return YOKE__REPLY__BODY_LOTS;
	case YOKE__REQUEST__BODY_RECALL:
	case YOKE__REQUEST__BODY_RECALL_HOLD:
		return YOKE__REPLY__BODY_RECALL;
	case YOKE__REQUEST__BODY_SCAR_OPEN:
	case YOKE__REQUEST__BODY_SCAR_UPDATE:
	case YOKE__REQUEST__BODY_SCARS:
		return YOKE__REPLY__BODY_SCARS;
	case YOKE__REQUEST__BODY_SETUP_LOAD:
	case YOKE__REQUEST__BODY_SETUP:
	case YOKE__REQUEST__BODY_SETUP_UNLOAD:
		return YOKE__REPLY__BODY_SETUP;
	case YOKE__REQUEST__BODY_IQC_RECORD:
	case YOKE__REQUEST__BODY_IQC_DECIDE:
	case YOKE__REQUEST__BODY_IQC_LIFT:
		return YOKE__REPLY__BODY_IQC;
	case YOKE__REQUEST__BODY_ANDON:
	case YOKE__REQUEST__BODY_ALARM_QUERY:
	case YOKE__REQUEST__BODY_ALARM_ACK:
	case YOKE__REQUEST__BODY_ALARM_RESOLVE:
		return YOKE__REPLY__BODY_ALARMS;
	case YOKE__REQUEST__BODY_SPC_LIMITS_SET:
	case YOKE__REQUEST__BODY_SPC:
		return YOKE__REPLY__BODY_SPC;       /* one reply number for both (61) */
	case YOKE__REQUEST__BODY_GAUGES:
	case YOKE__REQUEST__BODY_GAUGE_CALIBRATE:
	case YOKE__REQUEST__BODY_GAUGE_BLOCK:
		return YOKE__REPLY__BODY_GAUGES;
	case YOKE__REQUEST__BODY_SET_PIN:
	case YOKE__REQUEST__BODY_CHANGE_PIN:
	case YOKE__REQUEST__BODY_BADGE_OUT:
		return YOKE__REPLY__BODY__NOT_SET;   /* words only */
	default:
		return (Yoke__Reply__BodyCase)rq;
	}
}

int
ctl_request(struct ctl *ctl, Yoke__Request *rq, Yoke__Reply **out)
{
	Yoke__Reply *rp = ctl_call(ctl, rq);
	int rc;

	*out = NULL;
	if (rp == NULL)
		return CTL_OFFLINE;
	if (rp->status == YOKE__STATUS__STATUS_NOT_BADGED_IN && !ctl->signed_in) {
		/* The server's table says this needs a person: sign in, ask again. */
		client_reply_free(rp);
		if ((rc = ctl_sign_in(ctl)) != CTL_OK)
			return rc;
		if ((rp = ctl_call(ctl, rq)) == NULL)
			return CTL_OFFLINE;
	}
	if (rp->status != YOKE__STATUS__STATUS_OK) {
		rc = ctl_refused(rp);
		client_reply_free(rp);
		return rc;
	}
	if (rp->body_case != ctl_reply_body(rq->body_case)) {
		rc = ctl_fail(CTL_ST_PROTOCOL, _("the server's answer has no result for this request "
		    "(%s)"), rp->message);
		client_reply_free(rp);
		return rc;
	}
	*out = rp;
	return CTL_OK;
}
