/*
 * csv.h — comma-separated values as RFC 4180 writes them, for the exports
 * and reports a spreadsheet opens: records end with CRLF; a field that
 * holds a comma, a double quote, CR or LF is enclosed in double quotes and
 * each double quote in it is doubled; every other field is written as it
 * is. Text is UTF-8 and passes through unchanged (a Chinese name stays
 * Chinese); the caller writes no byte-order mark.
 *
 * A field is data, never a formula: a spreadsheet may still read a field
 * that starts with '=' as one (docs/reports.md says how to open a file
 * safely); the writer does not alter data to prevent it.
 */
#ifndef YOKE_CSV_H
#define YOKE_CSV_H

#include <stdbool.h>
#include <stdio.h>

struct csv {
	FILE *f;
	int fields;          /* written in the current record */
};

void csv_start(struct csv *w, FILE *f);
/* One field (NULL: empty). */
void csv_field(struct csv *w, const char *s);
void csv_fieldf(struct csv *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Ends the record: CRLF. */
void csv_end(struct csv *w);
/* Whether a field needs enclosing quotes. */
bool csv_needs_quotes(const char *s);

#endif
