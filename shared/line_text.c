/* line_text.c — see line_text.h. */
#include "shared/line_text.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <stdio.h>

enum line_state
line_state_of(const Yoke__LineStation *r)
{
	if (!str_empty(r->stopped_by))
		return LINE_STOPPED;
	return r->online ? LINE_ONLINE : LINE_OFFLINE;
}

const char *
line_state_word(enum line_state s, int words)
{
	static const char *const en[] = { "offline", "online", "stopped" };
	static const char *const tr[] = { N_("offline"), N_("online"), N_("stopped") };
	if ((unsigned)s > LINE_STOPPED)
		s = LINE_OFFLINE;
	return words ? _(tr[s]) : en[s];
}

int
line_fpy_percent(uint32_t first_pass, uint32_t first_fail)
{
	uint64_t tries = (uint64_t)first_pass + first_fail;
	if (tries == 0)
		return -1;
	return (int)((200 * (uint64_t)first_pass + tries) / (2 * tries));
}

int64_t
line_minutes(int64_t since_us, int64_t now_us)
{
	if (since_us <= 0 || now_us <= since_us)
		return 0;
	return (now_us - since_us) / 60000000;
}

void
line_age_text(int64_t since_us, int64_t now_us, char *buf, size_t size)
{
	int64_t m = line_minutes(since_us, now_us);
	if (since_us <= 0)
		snprintf(buf, size, "%s", "");
	else if (m < 100)
		snprintf(buf, size, "%lldm", (long long)m);
	else if (m < 48 * 60)
		snprintf(buf, size, "%lldh", (long long)(m / 60));
	else
		snprintf(buf, size, "%lldd", (long long)(m / 1440));
}

void
line_cells(const Yoke__LineStation *r, int64_t now_us, struct line_cells *out)
{
	char age[16];
	int fpy = line_fpy_percent(r->first_pass, r->first_fail);

	snprintf(out->text[LINE_COL_STATION], sizeof out->text[0], "%s", r->station);
	snprintf(out->text[LINE_COL_STATE], sizeof out->text[0], "%s",
	    line_state_word(line_state_of(r), 1));
	snprintf(out->text[LINE_COL_WHO], sizeof out->text[0], "%s",
	    !str_empty(r->person) ? r->person : !str_empty(r->badge) ? r->badge : "-");
	snprintf(out->text[LINE_COL_UNIT], sizeof out->text[0], "%s",
	    str_empty(r->serial) ? "-" : r->serial);
	if (str_empty(r->serial))
		snprintf(out->text[LINE_COL_MIN], sizeof out->text[0], "%s", "");
	else
		snprintf(out->text[LINE_COL_MIN], sizeof out->text[0], "%lld",
		    (long long)line_minutes(r->unit_since_us, now_us));
	line_age_text(r->oldest_us, now_us, age, sizeof age);
	if (r->queue)
		snprintf(out->text[LINE_COL_QUEUE], sizeof out->text[0], "%u/%s", r->queue, age);
	else
		snprintf(out->text[LINE_COL_QUEUE], sizeof out->text[0], "%s", "0");
	if (fpy < 0)
		snprintf(out->text[LINE_COL_FPY], sizeof out->text[0], "%s", "-");
	else
		snprintf(out->text[LINE_COL_FPY], sizeof out->text[0], "%d%%", fpy);
	snprintf(out->text[LINE_COL_ALARMS], sizeof out->text[0], "%u", r->alarms);
	snprintf(out->text[LINE_COL_HOLDS], sizeof out->text[0], "%u%s", r->holds, r->held ? "!" : "");
}

const char *
line_heading(int col)
{
	static const char *const h[LINE_COLS] = {
		/* TRANSLATORS: the line monitor's column headings: keep them short */
		N_("STATION"), N_("STATE"), N_("WHO"), N_("UNIT"), N_("MIN"), N_("QUEUE"),
		N_("FPY"), N_("ALM"), N_("HOLDS"),
	};
	return col >= 0 && col < LINE_COLS ? _(h[col]) : "";
}

int
line_column_width(int col)
{
	static const int w[LINE_COLS] = { 10, 7, 10, 15, 4, 8, 6, 4, 5 };
	return col >= 0 && col < LINE_COLS ? w[col] : 0;
}
