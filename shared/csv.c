/* csv.c — RFC 4180 records; see csv.h. */
#include "shared/csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
csv_start(struct csv *w, FILE *f)
{
	w->f = f;
	w->fields = 0;
}

bool
csv_needs_quotes(const char *s)
{
	return s && strpbrk(s, ",\"\r\n") != NULL;
}

void
csv_field(struct csv *w, const char *s)
{
	if (w->fields++)
		fputc(',', w->f);
	if (s == NULL)
		return;
	if (!csv_needs_quotes(s)) {
		fputs(s, w->f);
		return;
	}
	fputc('"', w->f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', w->f);
		fputc(*s, w->f);
	}
	fputc('"', w->f);
}

void
csv_fieldf(struct csv *w, const char *fmt, ...)
{
	char buf[256], *big = NULL;
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof buf && (big = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	csv_field(w, big ? big : (n < 0 ? "" : buf));
	free(big);
}

void
csv_end(struct csv *w)
{
	fputs("\r\n", w->f);
	w->fields = 0;
}
