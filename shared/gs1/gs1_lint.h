/*
 * gs1_lint.h — the checks ("linters") the GS1 syntax dictionary names after
 * a component of an AI value, as yoke implements them. Internal to
 * shared/gs1/.
 *
 * A linter sees one component: its characters, already of the right
 * character set and length. On refusal it fills err through gs1_lint_fail,
 * which prefixes "AI (nn): " and turns the position in the component into
 * the byte offset in the person's input.
 *
 * Families, one file each: gs1_lint.c (the dispatcher, character sets and
 * small value rules), gs1_lint_check.c (check digits and characters, GS1
 * Company Prefix, IBAN), gs1_lint_date.c (dates and times), gs1_lint_codes.c
 * (ISO 3166, ISO 4217, package types, media types: lists generated from
 * assets/gs1/), gs1_lint_coupon.c (North American coupon codes).
 */
#ifndef YOKE_GS1_LINT_H
#define YOKE_GS1_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "shared/gs1/gs1.h"

struct gs1_lint_arg {
	const char *ai;             /* "01" */
	const char *v;              /* the component's characters */
	size_t n;
	size_t pos;                 /* of v[0] within the whole value */
	const size_t *map;          /* value byte -> input offset, or NULL */
	size_t val_at;              /* input offset of the value when map is NULL */
	int current_year;           /* four digits; 0 = the clock's */
	struct gs1_error *err;
};

/* Runs one linter; false with err filled when the component breaks it. */
bool gs1_lint_run(enum gs1_lint l, const struct gs1_lint_arg *a);
/* The dictionary's name of a linter ("csum"), for messages and tests. */
const char *gs1_lint_name(enum gs1_lint l);

/* Refuses at character i of the component: err = "AI (ai): " + message. */
bool gs1_lint_fail(const struct gs1_lint_arg *a, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The input offset of character i of the component. */
size_t gs1_lint_offset(const struct gs1_lint_arg *a, size_t i);
/* The value of n digits at s (n <= 9), or -1 if one is not a digit. */
long gs1_lint_number(const char *s, size_t n);

/* The families. Each returns true when the component passes. */
bool gs1_lint_csum(const struct gs1_lint_arg *a);
bool gs1_lint_csumalpha(const struct gs1_lint_arg *a);
bool gs1_lint_gcp(const struct gs1_lint_arg *a, size_t from);
bool gs1_lint_iban(const struct gs1_lint_arg *a);
bool gs1_lint_date(const struct gs1_lint_arg *a, int year_digits, bool day00);
bool gs1_lint_time(const struct gs1_lint_arg *a, enum gs1_lint l);
bool gs1_lint_iso3166(const struct gs1_lint_arg *a, bool or999);
bool gs1_lint_iso3166alpha2(const struct gs1_lint_arg *a);
bool gs1_lint_iso4217(const struct gs1_lint_arg *a);
bool gs1_lint_packagetype(const struct gs1_lint_arg *a);
bool gs1_lint_couponcode(const struct gs1_lint_arg *a);
bool gs1_lint_couponposoffer(const struct gs1_lint_arg *a);

/* True if c belongs to the character set of component type cset (N, X, Y,
 * Z). The padding rule of Z (base64url) is checked by gs1_lint_cset64. */
bool gs1_cset_has(char cset, unsigned char c);
/* CSET 64 padding: at most two "=" at the end, then a length divisible by 3. */
bool gs1_lint_cset64(const struct gs1_lint_arg *a);

/* True if the two letters are an ISO 3166-1 alpha-2 code (for the IBAN). */
bool gs1_iso3166_alpha2_known(char c1, char c2);

/* Dates shared by the date linters and the decoding in gs1_field.c. */
int gs1_full_year(int yy, int current_year);
int gs1_days_in_month(int year, int month);

#endif
