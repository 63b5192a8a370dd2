/* export_window.c — the window, pages and output of report and export; see export.h. */
#include "terminal/ctl/export.h"
#include "shared/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static bool
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool
export_time_parse(const char *s, int64_t *us, bool *date_only)
{
	struct tm tm = { 0 }, check;
	size_t n = s ? strlen(s) : 0;
	time_t t;

	if (n != 10 && n != 16 && n != 19)
		return false;
	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	*date_only = n == 10;
	if (n > 10) {
		if ((s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) || s[13] != ':' ||
		    !digits(s + 14, 2))
			return false;
		tm.tm_hour = atoi(s + 11);
		tm.tm_min = atoi(s + 14);
		if (n == 19) {
			if (s[16] != ':' || !digits(s + 17, 2))
				return false;
			tm.tm_sec = atoi(s + 17);
		}
		if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
			return false;
	}
	tm.tm_isdst = -1;
	check = tm;
	if ((t = mktime(&tm)) == (time_t)-1)
		return false;
	/* mktime moves 2026-02-30 to March: not a real date. */
	if (tm.tm_year != check.tm_year || tm.tm_mon != check.tm_mon || tm.tm_mday != check.tm_mday)
		return false;
	*us = (int64_t)t * 1000000;
	return true;
}

/* The local midnight after the day of us. */
static int64_t
next_midnight(int64_t us)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday++;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000000;
}

static int64_t
midnight_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000000;
}

int
export_window(const struct ctl_cmd *cmd, const char *from, const char *to, int64_t *from_us,
    int64_t *to_us)
{
	bool date_only;
	if (from == NULL) {
		*from_us = midnight_today();
	} else if (!export_time_parse(from, from_us, &date_only)) {
		return ctl_usage_why(cmd, _("--from: expected a date YYYY-MM-DD or a time "
		    "YYYY-MM-DDTHH:MM[:SS], got \"%s\""), from);
	}
	if (to == NULL) {
		*to_us = next_midnight(*from_us);
	} else if (!export_time_parse(to, to_us, &date_only)) {
		return ctl_usage_why(cmd, _("--to: expected a date YYYY-MM-DD or a time "
		    "YYYY-MM-DDTHH:MM[:SS], got \"%s\""), to);
	} else if (date_only) {
		*to_us = next_midnight(*to_us);
	}
	if (*to_us <= *from_us)
		return ctl_usage_why(cmd, _("--to must be after --from"));
	return CTL_OK;
}

int
export_pages(struct ctl *ctl, Yoke__ExportKind kind, int64_t from_us, int64_t to_us,
    const char *wo, export_page_fn fn, void *ud)
{
	char *after = xstrdup("");
	int rc = CTL_OK;

	for (;;) {
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__ExportQuery q = YOKE__EXPORT_QUERY__INIT;
		Yoke__Reply *rp;
		q.kind = kind;
		q.from_us = from_us;
		q.to_us = to_us;
		q.work_order = (char *)(wo ? wo : "");
		q.after = after;
		rq.body_case = YOKE__REQUEST__BODY_EXPORTS;
		rq.exports = &q;
		if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
			break;
		if (rp->body_case != YOKE__REPLY__BODY_EXPORTS) {
			client_reply_free(rp);
			rc = ctl_fail(CTL_ST_PROTOCOL, _("the server's answer is not an export page"));
			break;
		}
		rc = fn(ud, rp->exports);
		/* A page that ends where the one before did would never end. */
		bool more = !str_empty(rp->exports->next) && strcmp(rp->exports->next, after) != 0;
		free(after);
		after = xstrdup(rp->exports->next ? rp->exports->next : "");
		client_reply_free(rp);
		if (rc != CTL_OK || !more)
			break;
	}
	free(after);
	return rc;
}

FILE *
export_open(struct export_out *o, const char *path)
{
	o->path = path;
	o->part[0] = '\0';
	if (strcmp(path, "-") == 0) {
		o->f = stdout;
		return o->f;
	}
	if ((size_t)snprintf(o->part, sizeof o->part, "%s.part", path) >= sizeof o->part) {
		ctl_fail(CTL_ST_IO, _("%s: the file name is too long"), path);
		return NULL;
	}
	if ((o->f = fopen(o->part, "wb")) == NULL)
		ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), o->part, strerror(errno));
	return o->f;
}

int
export_close(struct export_out *o, bool ok)
{
	if (o->f == NULL)
		return CTL_LOCAL;
	if (o->f == stdout) {
		if (fflush(stdout) != 0 && ok)
			return ctl_fail(CTL_ST_IO, _("cannot write the standard output: %s"), strerror(errno));
		return CTL_OK;
	}
	bool written = fflush(o->f) == 0 && fsync(fileno(o->f)) == 0;
	int err = errno;
	written = fclose(o->f) == 0 && written;
	o->f = NULL;
	if (!ok || !written) {
		unlink(o->part);
		if (ok)
			return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), o->part, strerror(err));
		return CTL_OK;
	}
	if (rename(o->part, o->path) != 0) {
		err = errno;
		unlink(o->part);
		return ctl_fail(CTL_ST_IO, _("cannot write %s: %s"), o->path, strerror(err));
	}
	return CTL_OK;
}

void
export_time_text(char *buf, size_t size, int64_t us)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	char zone[40];
	long off;
	if (us == 0) {
		snprintf(buf, size, "%s", "");
		return;
	}
	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(zone, sizeof zone, "%c%02ld:%02ld", off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	size_t n = strlen(buf);
	snprintf(buf + n, size - n, "%s", zone);
}

const char *
export_enum_word(const ProtobufCEnumDescriptor *d, int value, const char *prefix, char *buf,
    size_t size)
{
	const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(d, value);
	const char *name = v ? v->name : "";
	size_t pl = strlen(prefix), i = 0;
	if (strncmp(name, prefix, pl) == 0)
		name += pl;
	for (; name[i] && i + 1 < size; i++)
		buf[i] = (char)tolower((unsigned char)name[i]);
	buf[i] = '\0';
	return buf;
}
