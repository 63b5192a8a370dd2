/*
 * decimal.h — reads a measured value as an operator types it: a plain
 * decimal number and nothing else. Pure code (no locale, no I/O): the
 * station terminal reads every value at a measure step through it, the
 * unit tests call it directly.
 *
 * Accepted, with any spaces before and after:
 *
 *   [sign] digits [separator digits]      12   -0.5   3.30   3,30   +1.5
 *   [sign] separator digits               .5   -,25
 *
 * where sign is one '-' or '+' and separator one '.' or ',' (a decimal
 * comma is a decimal point: 3,30 is 3.3). Everything else is refused,
 * because strtod would read it as some number the operator did not mean:
 * an exponent (2.45e1 is 24.5), hex (0x10, 0x1p3), inf and nan, a second
 * sign (--1, +-1), a second separator (1.2.3, 1,234.5), digits after a
 * space (1 2), a separator with no digits after it (5., a value cut
 * short), letters or units (245C), full-width digits, and more than
 * DECIMAL_MAX characters between the spaces.
 */
#ifndef YOKE_DECIMAL_H
#define YOKE_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>

#define DECIMAL_MAX 32         /* characters of one value, sign and separator included */

/*
 * True when text is a plain decimal as above: *v is its value (finite),
 * and shown (when not NULL, size > DECIMAL_MAX) the entry as it was typed
 * without the spaces around it, for the screen ("3,30"). False leaves *v
 * and shown as they were.
 */
bool decimal_read(const char *text, double *v, char *shown, size_t size);

#endif
