/*
 * defs_notify.c — the notification statements of the definitions (issue
 * 10): who is told about an alarm, by which channel, after how long.
 *
 *   escalate LEVEL after=DURATION (role=ROLE | badge=BADGE | to=NAME)
 *            [channel=popup|email] [stop=ack|resolve]
 *            [source=andon,rule,drift,equipment,gate] [severity=warning|violation]
 *   notify NAME channel=email|webhook|wecom|dingtalk|feishu to=ADDRESS-OR-URL
 *            [secret=SECRET] [lang=en|zh_CN]
 *   smtp URL from=ADDRESS [user=LOGIN] [starttls=yes|no]
 *   operator BADGE ... email=ADDRESS
 *
 * The rules of one statement are checked here, line by line; the rules
 * between statements (a level's time, a named receiver that exists, a
 * badge that exists) by defs_notify_validate on the whole load, since a
 * load that carries any of them replaces all of them (docs/definitions.md).
 */
#include "shared/defs/defs_priv.h"
#include "shared/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *
opt(const struct line *ln, const char *key)
{
	for (int i = 0; i < ln->nopts; i++)
		if (strcmp(ln->opt_key[i], key) == 0)
			return ln->opt_val[i];
	return NULL;
}

static char *
where(const struct parser *p)
{
	return xasprintf("%s:%d", p->file, p->lineno);
}

static const char *const channel_names[] = {
	[YOKE__CHANNEL__CHANNEL_NONE] = "none",
	[YOKE__CHANNEL__CHANNEL_POPUP] = "popup",
	[YOKE__CHANNEL__CHANNEL_EMAIL] = "email",
	[YOKE__CHANNEL__CHANNEL_WEBHOOK] = "webhook",
	[YOKE__CHANNEL__CHANNEL_WECOM] = "wecom",
	[YOKE__CHANNEL__CHANNEL_DINGTALK] = "dingtalk",
	[YOKE__CHANNEL__CHANNEL_FEISHU] = "feishu",
};

const char *
defs_channel_name(Yoke__Channel ch)
{
	if ((unsigned)ch < sizeof channel_names / sizeof channel_names[0])
		return channel_names[ch];
	return "none";
}

static bool
parse_channel(const char *s, Yoke__Channel *out)
{
	for (unsigned i = 1; i < sizeof channel_names / sizeof channel_names[0]; i++)
		if (strcmp(s, channel_names[i]) == 0) {
			*out = (Yoke__Channel)i;
			return true;
		}
	return false;
}

/* 1..DEFS_ID_MAX bytes of printable ASCII without spaces, '/' or '"'. */
static bool
name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > DEFS_ID_MAX)
		return false;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '/' || *c == '"')
			return false;
	return true;
}

bool
defs_email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);
	if (n < 3 || n > DEFS_ADDRESS_MAX || at == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@'))
		return false;
	/* What an SMTP envelope carries safely: no spaces, angle brackets,
	 * quotes, commas or control characters (no header can be injected). */
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || strchr("<>\"(),;:\\[]", *c))
			return false;
	return true;
}

static bool
url_ok(const char *s, const char *const *schemes)
{
	size_t n = strlen(s);
	if (n > DEFS_ADDRESS_MAX)
		return false;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '"' || *c == '\\' || *c == '<' || *c == '>')
			return false;
	for (; *schemes; schemes++) {
		size_t k = strlen(*schemes);
		if (strncmp(s, *schemes, k) == 0 && s[k] != '\0' && s[k] != '/')
			return true;
	}
	return false;
}

/* "0", "90s", "10m", "2h", "1d": seconds, at most DEFS_AFTER_MAX. */
static bool
parse_after(const char *s, uint32_t *out)
{
	unsigned long v, unit = 60;
	char *end;
	if (s[0] < '0' || s[0] > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || v > DEFS_AFTER_MAX)
		return false;
	if (*end == '\0' && v == 0)
		unit = 1;
	else if (strcmp(end, "s") == 0)
		unit = 1;
	else if (strcmp(end, "m") == 0)
		unit = 60;
	else if (strcmp(end, "h") == 0)
		unit = 3600;
	else if (strcmp(end, "d") == 0)
		unit = 86400;
	else
		return false;
	if (v * unit > DEFS_AFTER_MAX)
		return false;
	*out = (uint32_t)(v * unit);
	return true;
}

static const char *const source_names[] = { "", "rule", "drift", "equipment", "andon", "gate" };

const char *
defs_alarm_source_name(uint32_t s)
{
	return s > 0 && s < sizeof source_names / sizeof source_names[0] ? source_names[s] : "any";
}

/* source=andon,rule: AlarmSource numbers. */
static bool
parse_sources(struct parser *p, Yoke__Escalation *x, const char *list)
{
	while (list && *list) {
		const char *comma = strchr(list, ',');
		size_t n = comma ? (size_t)(comma - list) : strlen(list);
		uint32_t found = 0;
		for (uint32_t i = 1; i < sizeof source_names / sizeof source_names[0]; i++)
			if (strlen(source_names[i]) == n && strncmp(list, source_names[i], n) == 0)
				found = i;
		if (found == 0)
			return fail(p, _("source: expected a list of andon, rule, drift, equipment and "
			    "gate, found \"%.*s\""), (int)(n > 40 ? 40 : n), list);
		for (size_t k = 0; k < x->n_sources; k++)
			if (x->sources[k] == found)
				return fail(p, _("source: %s is listed twice"), source_names[found]);
		APPEND(x->sources, x->n_sources, found);
		list = comma ? comma + 1 : NULL;
		if (list && *list == '\0')
			return fail(p, _("source: expected a name after the last ','"));
	}
	return true;
}

static bool
parse_role_name(const char *s, Yoke__Role *out)
{
	for (int r = YOKE__ROLE__ROLE_OPERATOR; r <= YOKE__ROLE__ROLE_ADMIN; r++)
		if (strcmp(s, defs_role_name((Yoke__Role)r)) == 0) {
			*out = (Yoke__Role)r;
			return true;
		}
	return false;
}

bool
defs_build_escalate(struct parser *p, const struct line *ln)
{
	const char *role = opt(ln, "role"), *badge = opt(ln, "badge"), *to = opt(ln, "to");
	const char *ch = opt(ln, "channel"), *stop = opt(ln, "stop"), *sev = opt(ln, "severity");
	char *end;
	unsigned long level;
	Yoke__Escalation *x;

	errno = 0;
	level = strtoul(ln->positional, &end, 10);
	if (ln->positional[0] < '1' || ln->positional[0] > '9' || *end != '\0' || errno != 0 ||
	    level > DEFS_LEVEL_MAX)
		return fail(p, _("expected an escalation level from 1 to %d, found \"%s\""),
		    DEFS_LEVEL_MAX, ln->positional);
	if ((role != NULL) + (badge != NULL) + (to != NULL) != 1)
		return fail(p, _("escalate %lu: expected exactly one of role=ROLE, badge=BADGE or "
		    "to=NAME (who is told)"), level);
	x = xmalloc(sizeof *x);
	yoke__escalation__init(x);
	x->source = where(p);
	APPEND(p->out->escalations, p->out->n_escalations, x);
	x->level = (uint32_t)level;
	if (!parse_after(opt(ln, "after"), &x->after_s))
		return fail(p, _("after: expected a time such as 0, 90s, 10m, 2h or 1d (at most 30 "
		    "days), found \"%s\""), opt(ln, "after"));
	if (role && !parse_role_name(role, &x->role))
		return fail(p, _("role: expected operator, lead, inspector, engineer or admin, found "
		    "\"%s\""), role);
	if (badge && !name_ok(badge))
		return fail(p, _("badge: expected a badge number (printable ASCII without spaces), "
		    "found \"%.40s\""), badge);
	if (to && !name_ok(to))
		return fail(p, _("to: expected the name of a notify statement, found \"%.40s\""), to);
	x->badge = xstrdup(badge ? badge : "");
	x->target = xstrdup(to ? to : "");
	if (ch && !parse_channel(ch, &x->channel))
		return fail(p, _("channel: expected popup, email, webhook, wecom, dingtalk or feishu, "
		    "found \"%s\""), ch);
	if (to) {
		if (ch)
			return fail(p, _("escalate %lu: to=%s sends by its own channel (its notify "
			    "statement); expected no channel= here"), level, to);
	} else if (ch == NULL) {
		return fail(p, _("escalate %lu: expected channel=popup or channel=email for a role or "
		    "a badge"), level);
	} else if (x->channel != YOKE__CHANNEL__CHANNEL_POPUP &&
	    x->channel != YOKE__CHANNEL__CHANNEL_EMAIL) {
		return fail(p, _("escalate %lu: a role or a badge is told by popup or email, not by "
		    "%s; name a notify statement with to= for a webhook"), level, ch);
	}
	if (stop && strcmp(stop, "ack") != 0 && strcmp(stop, "resolve") != 0)
		return fail(p, _("stop: expected ack or resolve, found \"%s\""), stop);
	x->until_ack = stop && strcmp(stop, "ack") == 0;
	if (sev) {
		if (strcmp(sev, "warning") == 0)
			x->severity = 1;
		else if (strcmp(sev, "violation") == 0)
			x->severity = 2;
		else
			return fail(p, _("severity: expected warning or violation, found \"%s\""), sev);
	}
	return parse_sources(p, x, opt(ln, "source"));
}

bool
defs_build_notify(struct parser *p, const struct line *ln)
{
	static const char *const web[] = { "https://", "http://", NULL };
	const char *ch = opt(ln, "channel"), *to = opt(ln, "to"), *secret = opt(ln, "secret");
	const char *lang = opt(ln, "lang");
	Yoke__NotifyTarget *x;

	if (!name_ok(ln->positional))
		return fail(p, _("expected a receiver name (printable ASCII without spaces, at most "
		    "%d bytes) after \"notify\", found \"%.40s\""), DEFS_ID_MAX, ln->positional);
	x = xmalloc(sizeof *x);
	yoke__notify_target__init(x);
	x->source = where(p);
	APPEND(p->out->notify_targets, p->out->n_notify_targets, x);
	x->name = xstrdup(ln->positional);
	if (!parse_channel(ch, &x->channel) || x->channel == YOKE__CHANNEL__CHANNEL_POPUP)
		return fail(p, _("channel: expected email, webhook, wecom, dingtalk or feishu, found "
		    "\"%s\""), ch);
	if (x->channel == YOKE__CHANNEL__CHANNEL_EMAIL) {
		if (strncmp(to, "mailto:", 7) == 0)
			to += 7;
		if (!defs_email_ok(to))
			return fail(p, _("to: expected an e-mail address (name@domain, at most %d bytes), "
			    "found \"%.60s\""), DEFS_ADDRESS_MAX, to);
	} else if (!url_ok(to, web)) {
		return fail(p, _("to: expected an http:// or https:// URL (at most %d bytes, no "
		    "spaces or quotes), found \"%.60s\""), DEFS_ADDRESS_MAX, to);
	}
	x->to = xstrdup(to);
	if (secret) {
		if (x->channel != YOKE__CHANNEL__CHANNEL_DINGTALK &&
		    x->channel != YOKE__CHANNEL__CHANNEL_FEISHU)
			return fail(p, _("secret= signs dingtalk and feishu messages only; %s takes none"),
			    ch);
		if (strlen(secret) > 200)
			return fail(p, _("secret: at most 200 bytes are allowed"));
	} else if (x->channel == YOKE__CHANNEL__CHANNEL_FEISHU ||
	    x->channel == YOKE__CHANNEL__CHANNEL_DINGTALK) {
		/* A robot without signing is allowed by both; say nothing. */
	}
	x->secret = xstrdup(secret ? secret : "");
	if (lang && !i18n_known(lang))
		return fail(p, _("lang: expected one of %s, found \"%s\""), i18n_languages(), lang);
	x->language = xstrdup(lang && strcmp(lang, "en") != 0 ? lang : "");
	return true;
}

bool
defs_build_smtp(struct parser *p, const struct line *ln)
{
	static const char *const mail[] = { "smtp://", "smtps://", NULL };
	const char *from = opt(ln, "from"), *user = opt(ln, "user"), *tls = opt(ln, "starttls");
	bool starttls = false;
	Yoke__SmtpServer *x;

	if (p->out->smtp)
		return fail(p, _("a second smtp statement; the first is at %s"), p->out->smtp->source);
	if (!url_ok(ln->positional, mail))
		return fail(p, _("expected the mail server as smtp://HOST[:PORT] or smtps://HOST[:PORT], "
		    "found \"%.60s\""), ln->positional);
	if (!defs_email_ok(from))
		return fail(p, _("from: expected an e-mail address (name@domain), found \"%.60s\""),
		    from);
	if (tls && strcmp(tls, "yes") != 0 && strcmp(tls, "no") != 0)
		return fail(p, _("starttls: expected yes or no, found \"%.20s\""), tls);
	starttls = tls && strcmp(tls, "yes") == 0;
	if (starttls && strncmp(ln->positional, "smtp://", 7) != 0)
		return fail(p, _("starttls=yes upgrades smtp:// to TLS; smtps:// is TLS already"));
	if (user && (user[0] == '\0' || strlen(user) > 128 || strpbrk(user, " \t\r\n") != NULL))
		return fail(p, _("user: expected the mail account's login name (no spaces, at most "
		    "128 bytes), found \"%.60s\""), user);
	/* A password never crosses the network in clear. */
	if (user && !starttls && strncmp(ln->positional, "smtps://", 8) != 0)
		return fail(p, _("user= logs in with a password: give smtps:// or starttls=yes, so "
		    "it is not sent in clear"));
	x = xmalloc(sizeof *x);
	yoke__smtp_server__init(x);
	x->url = xstrdup(ln->positional);
	x->from = xstrdup(from);
	x->user = xstrdup(user ? user : "");
	x->starttls = starttls;
	x->source = where(p);
	p->out->smtp = x;
	return true;
}

bool
defs_operator_email(struct parser *p, Yoke__Operator *x, const char *email)
{
	if (email == NULL)
		return true;
	if (strncmp(email, "mailto:", 7) == 0)
		email += 7;
	if (!defs_email_ok(email))
		return fail(p, _("email: expected an e-mail address (name@domain, at most %d bytes), "
		    "found \"%.60s\""), DEFS_ADDRESS_MAX, email);
	x->email = xstrdup(email);
	return true;
}

void
defs_notify_move(Yoke__Definitions *to, Yoke__Definitions *from)
{
	for (size_t i = 0; i < from->n_escalations; i++)
		APPEND(to->escalations, to->n_escalations, from->escalations[i]);
	for (size_t i = 0; i < from->n_notify_targets; i++)
		APPEND(to->notify_targets, to->n_notify_targets, from->notify_targets[i]);
	free(from->escalations);
	free(from->notify_targets);
	from->escalations = NULL;
	from->notify_targets = NULL;
	from->n_escalations = from->n_notify_targets = 0;
	/* One mail server: a second file's smtp statement replaces the first's. */
	if (from->smtp) {
		if (to->smtp)
			protobuf_c_message_free_unpacked(&to->smtp->base, NULL);
		to->smtp = from->smtp;
		from->smtp = NULL;
	}
}

static const Yoke__NotifyTarget *
target(const Yoke__Definitions *d, const char *name)
{
	for (size_t i = 0; i < d->n_notify_targets; i++)
		if (strcmp(d->notify_targets[i]->name, name) == 0)
			return d->notify_targets[i];
	return NULL;
}

bool
defs_notify_validate(const Yoke__Definitions *d, char *err, size_t errsz)
{
	for (size_t i = 0; i < d->n_notify_targets; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(d->notify_targets[i]->name, d->notify_targets[k]->name) == 0) {
				snprintf(err, errsz, _("%s: notify %s is defined twice (first at %s)"),
				    d->notify_targets[i]->source, d->notify_targets[i]->name,
				    d->notify_targets[k]->source);
				return false;
			}
	for (size_t i = 0; i < d->n_escalations; i++) {
		const Yoke__Escalation *x = d->escalations[i];
		const Yoke__NotifyTarget *t = NULL;
		if (!str_empty(x->target) && (t = target(d, x->target)) == NULL) {
			snprintf(err, errsz, _("%s: escalate %u names to=%s, but no notify statement of "
			    "this load defines it"), x->source, x->level, x->target);
			return false;
		}
		if (x->channel == YOKE__CHANNEL__CHANNEL_EMAIL && d->smtp == NULL) {
			snprintf(err, errsz, _("%s: escalate %u sends e-mail, but this load has no smtp "
			    "statement (the mail server)"), x->source, x->level);
			return false;
		}
		if (!str_empty(x->target) && t->channel == YOKE__CHANNEL__CHANNEL_EMAIL &&
		    d->smtp == NULL) {
			snprintf(err, errsz, _("%s: escalate %u sends e-mail to %s, but this load has no "
			    "smtp statement (the mail server)"), x->source, x->level, x->target);
			return false;
		}
		for (size_t k = 0; k < d->n_escalations; k++) {
			const Yoke__Escalation *y = d->escalations[k];
			if (y->level == x->level && y->after_s != x->after_s) {
				snprintf(err, errsz, _("%s: escalate %u has after=%us, but %s gives the same "
				    "level after=%us; one level has one time"), x->source, x->level,
				    x->after_s, y->source, y->after_s);
				return false;
			}
			if (y->level < x->level && y->after_s > x->after_s) {
				snprintf(err, errsz, _("%s: escalate %u comes after %us, sooner than level %u "
				    "(%s, after %us); expected a higher level to come later"), x->source,
				    x->level, x->after_s, y->level, y->source, y->after_s);
				return false;
			}
		}
	}
	return true;
}
