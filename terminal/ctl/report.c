/*
 * report.c — how yokectl says what went wrong: one message for a person
 * on stderr, or one JSON object for a program on stdout (ctl.h), and the
 * JSON string helpers.
 *
 * Under --json, stdout holds exactly one JSON document: the result, or the
 * first failure. A second failure in the same run (rare: a hint after an
 * error) goes to stderr as text, so stdout stays parseable.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"

static bool json_mode;
static bool json_reported;

bool
ctl_json(void)
{
	return json_mode;
}

void
ctl_set_json(bool on)
{
	json_mode = on;
}

int
ctl_exit_status(const char *status)
{
	if (strcmp(status, CTL_ST_USAGE) == 0)
		return CTL_USAGE;
	if (strcmp(status, CTL_ST_OFFLINE) == 0)
		return CTL_OFFLINE;
	if (strcmp(status, CTL_ST_IO) == 0 || strcmp(status, CTL_ST_LOCAL) == 0)
		return CTL_LOCAL;
	return CTL_REFUSED;
}

/* The one place a failure is printed. usage (may be NULL) is the command's
 * usage line, shown after the message or as the JSON "usage" field. */
static int
report(const char *status, const char *message, const char *usage, const char *more)
{
	if (json_mode && !json_reported) {
		json_reported = true;
		printf("{\"error\":");
		json_string(stdout, message);
		json_field(stdout, "status", status);
		if (usage)
			json_field(stdout, "usage", usage);
		printf("}\n");
		fflush(stdout);
	} else {
		fprintf(stderr, "yokectl: %s\n", message);
		if (usage)
			fprintf(stderr, _("usage: %s\n"), usage);
		if (more)
			fprintf(stderr, "%s\n", more);
	}
	return ctl_exit_status(status);
}

static char *
vformat(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *s;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return xstrdup(fmt);
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

int
ctl_fail(const char *status, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int rc;

	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	rc = report(status, msg, NULL, NULL);
	free(msg);
	return rc;
}

void
ctl_warn(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	fprintf(stderr, "yokectl: %s\n", msg);
	free(msg);
}

/* The server's statuses whose message reads better with a few words before
 * it; every other refusal speaks for itself (the message says what was
 * expected and what was found). */
static const char *
refusal_label(Yoke__Status s)
{
	switch (s) {
	case YOKE__STATUS__STATUS_INTERNAL: return _("the server failed");
	case YOKE__STATUS__STATUS_UNSUPPORTED_VERSION:
		return _("this yokectl and the server speak different protocol versions");
	case YOKE__STATUS__STATUS_NOT_AUTHORIZED: return _("not allowed");
	case YOKE__STATUS__STATUS_REPLACED:
		return _("another yokectl with this certificate took over the connection");
	default: return NULL;
	}
}

int
ctl_refused_as(const Yoke__Reply *rp, const char *lead)
{
	const char *label = refusal_label(rp->status);
	const char *msg = str_empty(rp->message) ? _("refused by the server") : rp->message;
	char *text;
	int rc;

	if (lead && label)
		text = xasprintf("%s: %s: %s", lead, label, msg);
	else if (lead || label)
		text = xasprintf("%s: %s", lead ? lead : label, msg);
	else
		text = xstrdup(msg);
	rc = report(status_name(rp->status), text, NULL, NULL);
	free(text);
	return rc;
}

int
ctl_refused(const Yoke__Reply *rp)
{
	return ctl_refused_as(rp, NULL);
}

static int
usage_report(const struct ctl_cmd *cmd, const char *why)
{
	char path[128], *line, *more;
	int rc;

	ctl_cmd_path(cmd, path, sizeof path);
	line = xasprintf("yokectl %s %s", path, _(cmd->usage));
	more = xasprintf(_("(yokectl %s --help shows every option, with examples)"), path);
	rc = report(CTL_ST_USAGE, why, line, more);
	free(line);
	free(more);
	return rc;
}

int
ctl_usage(const struct ctl_cmd *cmd)
{
	char path[128], *why;
	int rc;

	ctl_cmd_path(cmd, path, sizeof path);
	why = xasprintf(_("wrong arguments for yokectl %s"), path);
	rc = usage_report(cmd, why);
	free(why);
	return rc;
}

int
ctl_usage_why(const struct ctl_cmd *cmd, const char *fmt, ...)
{
	va_list ap;
	char *why;
	int rc;

	va_start(ap, fmt);
	why = vformat(fmt, ap);
	va_end(ap);
	rc = usage_report(cmd, why);
	free(why);
	return rc;
}

/* JSON text must be UTF-8: a byte that does not start a valid sequence
 * (a scan typed with a stray byte, a file name) becomes U+FFFD. */
void
json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *end = p + strlen((const char *)p);

	fputc('"', f);
	for (; *p; p++) {
		if (*p >= 0x80) {
			uint32_t cp;
			int n = utf8_decode((const char *)p, (size_t)(end - p), &cp);
			if (n == 0) {
				fputs("\ufffd", f);
			} else {
				fwrite(p, 1, (size_t)n, f);
				p += n - 1;
			}
			continue;
		}
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void
json_field(FILE *f, const char *key, const char *value)
{
	fprintf(f, ",\"%s\":", key);
	json_string(f, value);
}
