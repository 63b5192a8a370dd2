/* capa_rule.c — see capa_rule.h. */
#include "shared/quality/capa_rule.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool
capa_effective(uint32_t before_units, uint32_t before_defects, uint32_t after_units,
    uint32_t after_defects)
{
	if (after_units < CAPA_AFTER_UNITS_MIN || before_units == 0)
		return false;
	/* Each product is below 2^64: both factors are below 2^32. */
	return (uint64_t)after_defects * before_units < (uint64_t)before_defects * after_units;
}

void
capa_windows(int64_t opened_us, int64_t implemented_us, int64_t now_us, const int64_t given[4],
    struct capa_window *before, struct capa_window *after)
{
	before->from_us = given[0] ? given[0] : opened_us - CAPA_BEFORE_DAYS * CAPA_DAY_US;
	before->to_us = given[1] ? given[1] : opened_us;
	after->from_us = given[2] ? given[2] : implemented_us;
	after->to_us = given[3] ? given[3] : now_us + 1;
}

bool
capa_day_us(const char *date, int64_t *us)
{
	struct tm tm;
	if (date == NULL || !date_valid(date))
		return false;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	*us = (int64_t)timegm(&tm) * 1000000;
	return true;
}

bool
capa_overdue(const char *due, int64_t now_us)
{
	int64_t day;
	return capa_day_us(due, &day) && now_us >= day + CAPA_DAY_US;
}

bool
capa_parse_window(const char *s, int64_t *from_us, int64_t *to_us)
{
	const char *dots = s ? strstr(s, "..") : NULL;
	char from[16], to[16];
	size_t lf;

	*from_us = *to_us = 0;
	if (dots == NULL || (lf = (size_t)(dots - s)) >= sizeof from || strlen(dots + 2) >= sizeof to)
		return false;
	memcpy(from, s, lf);
	from[lf] = '\0';
	strlcpy_yk(to, dots + 2, sizeof to);
	if (from[0] == '\0' && to[0] == '\0')
		return false;
	if (from[0] && !capa_day_us(from, from_us))
		return false;
	if (to[0]) {
		if (!capa_day_us(to, to_us))
			return false;
		*to_us += CAPA_DAY_US;
	}
	return !(*from_us && *to_us && *from_us >= *to_us);
}
