/* decimal.c — see decimal.h. */
#include "shared/decimal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool
decimal_read(const char *text, double *v, char *shown, size_t size)
{
	const char *p = text, *start, *end;
	char canon[DECIMAL_MAX + 1];
	size_t n = 0, whole = 0, frac = 0;
	bool separator = false;
	char *stop;
	double d;

	if (text == NULL)
		return false;
	while (*p == ' ')
		p++;
	start = p;
	end = start + strlen(start);
	while (end > start && end[-1] == ' ')
		end--;
	if (end == start || (size_t)(end - start) > DECIMAL_MAX)
		return false;
	if (*p == '-' || *p == '+')
		canon[n++] = *p++;
	for (; p < end; p++) {
		if (is_digit(*p)) {
			if (separator)
				frac++;
			else
				whole++;
			canon[n++] = *p;
		} else if ((*p == '.' || *p == ',') && !separator) {
			separator = true;
			canon[n++] = '.';
		} else {
			return false;
		}
	}
	canon[n] = '\0';
	/* Digits before the separator or after it; after it when there is one. */
	if (whole + frac == 0 || (separator && frac == 0))
		return false;
	/* Only digits, one sign and one '.' are left: strtod reads them as a
	 * decimal in any locale whose decimal point is '.', which is the C
	 * locale every yoke program keeps for numbers (i18n.h). */
	d = strtod(canon, &stop);
	if (*stop != '\0' || !isfinite(d))
		return false;
	*v = d;
	if (shown != NULL && size > 0) {
		size_t len = (size_t)(end - start);
		if (len >= size)
			len = size - 1;
		memcpy(shown, start, len);
		shown[len] = '\0';
	}
	return true;
}
