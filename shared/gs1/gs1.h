/*
 * gs1.h — GS1 element strings as a scanner sends them, their
 * human-readable form, and GS1 Digital Link URIs.
 *
 * gs1_parse takes the bytes of one scan and returns its fields, each with
 * the Application Identifier (AI), the value, the AI's title and what the
 * value means where the standard says so (a date, a measure with its
 * implied decimals). Every refusal carries a message saying what is wrong
 * and the byte offset in the input where it is.
 *
 * Accepted forms (standards.md §1):
 *   - element strings after an AIM symbology identifier that signals FNC1
 *     in first position (]C1 ]e0 ]d2 ]Q3 ]J1), or with no identifier at all,
 *     variable-length fields ended by GS (0x1D) or by a substitute character
 *     chosen by the caller (keyboard-wedge scanners, §1.10);
 *   - the human-readable form "(01)09521234543213(10)LOT42";
 *   - GS1 Digital Link URIs "https://id.example.com/01/.../10/...?17=...",
 *     bare or after the plain identifiers ]Q1, ]d1, ]C0;
 *   - plain EAN/UPC/ITF-14 numbers (]E0, ]E4, ]I1), read as AI (01).
 *
 * The library is pure: no I/O, no allocation that outlives a call.
 */
#ifndef YOKE_GS1_H
#define YOKE_GS1_H

#include <stdbool.h>
#include <stddef.h>

#define GS1_GS          0x1d
#define GS1_MAX_FIELDS  32
#define GS1_MAX_VALUE   90          /* AIs 91–99 carry up to 90 characters (the
                                     * generator refuses a longer AI) */
#define GS1_MAX_INPUT   4096

enum gs1_form {
	GS1_FORM_SCAN,      /* element string, separators as GS */
	GS1_FORM_HRI,       /* (AI)value(AI)value */
	GS1_FORM_DL,        /* Digital Link URI */
	GS1_FORM_GTIN,      /* plain EAN-8/UPC-A/EAN-13/ITF-14 number */
};

/* How a value is interpreted beyond its characters. */
enum gs1_meaning {
	GS1_TEXT,           /* plain data */
	GS1_KEY,            /* N with a mod-10 check digit: GTIN, SSCC, GLN */
	GS1_DATE,           /* YYMMDD, day 00 not allowed */
	GS1_DATE_D0,        /* YYMMDD, day 00 = last day of the month */
	GS1_DATETIME,       /* YYMMDDHHMM (7003) */
	GS1_MEASURE,        /* 31nn–36nn: N6, the AI's last digit = implied decimals */
};

/* The checks the GS1 syntax dictionary names after a component's type
 * ("N13,csum,gcppos1"); each is yoke's own code in gs1_lint*.c. The names
 * are the dictionary's, so the generated table can refer to them. */
enum gs1_lint {
	GS1_LINT_NONE = 0,
	GS1_LINT_CSUM, GS1_LINT_CSUMALPHA, GS1_LINT_GCPPOS1, GS1_LINT_GCPPOS2, GS1_LINT_IBAN,
	GS1_LINT_YYMMD0, GS1_LINT_YYMMDD, GS1_LINT_YYYYMMD0, GS1_LINT_YYYYMMDD,
	GS1_LINT_HHMI, GS1_LINT_HH, GS1_LINT_MI, GS1_LINT_SS,
	GS1_LINT_ISO3166, GS1_LINT_ISO3166999, GS1_LINT_ISO3166ALPHA2, GS1_LINT_ISO4217,
	GS1_LINT_PACKAGETYPE, GS1_LINT_MEDIATYPE, GS1_LINT_ISO5218,
	GS1_LINT_COUPONCODE, GS1_LINT_COUPONPOSOFFER,
	GS1_LINT_LATITUDE, GS1_LINT_LONGITUDE,
	GS1_LINT_ZERO, GS1_LINT_NONZERO, GS1_LINT_NOZEROPREFIX, GS1_LINT_HASNONDIGIT,
	GS1_LINT_YESNO, GS1_LINT_WINDING, GS1_LINT_HYPHEN, GS1_LINT_PIECEOFTOTAL,
	GS1_LINT_POSINSEQSLASH, GS1_LINT_IMPORTERIDX, GS1_LINT_PCENC,
	GS1_LINT_CSET39, GS1_LINT_CSET64, GS1_LINT_CSET82, GS1_LINT_CSETNUMERIC,
};

/* One part of an AI's value: "N13,csum,gcppos1", "[X..17]". Only the last
 * part may vary in length; optional parts come last. */
struct gs1_component {
	char cset;              /* 'N' digits, 'X' CSET 82, 'Y' CSET 39, 'Z' CSET 64 */
	unsigned char min, max;
	bool optional;
	unsigned char lint[3];  /* enum gs1_lint, GS1_LINT_NONE after the last */
};

#define GS1_AI_PREDEFINED   0x01    /* "*": predefined length, no FNC1 after it */
#define GS1_AI_DL_ATTR      0x02    /* "?": may be a Digital Link query attribute */

/* One AI of the GS1 syntax dictionary (gs1_ai.c; the table is generated
 * from assets/gs1/gs1-syntax-dictionary.txt at build time). */
struct gs1_ai {
	const char *code;   /* "10", "3103" */
	const char *title;
	char type;          /* cset of the first component */
	unsigned char min, max;     /* of the whole value */
	enum gs1_meaning meaning;
	const char *unit;   /* "kg", "m" ... for measures, else NULL */
	const char *req;    /* pairing: AIs required in the same barcode, or NULL */
	const char *ex;     /* pairing: AIs excluded from it, or NULL */
	unsigned char flags;        /* GS1_AI_* */
	unsigned char ncomp;
	const struct gs1_component *comp;
	const char *dlpkey;         /* NULL: not a Digital Link primary key; else its
	                             * qualifier sequences, "22,10,21|235" ("" none) */
};

struct gs1_date {
	int year, month, day;   /* day as decoded: 00 becomes the last day */
	int hour, minute;       /* -1 when the AI carries no time */
	bool day_given;         /* false when the data said DD = 00 */
};

struct gs1_field {
	char ai[5];
	char value[GS1_MAX_VALUE + 1];
	const char *title;
	const struct gs1_ai *def;
	size_t offset;          /* byte offset of the AI in the input */
	bool has_date;
	struct gs1_date date;
	bool has_measure;
	int decimals;
	double measure;         /* value / 10^decimals */
	char measure_text[24];  /* "12.50" — exact, no floating point */
};

struct gs1_result {
	enum gs1_form form;
	char symbology[4];      /* "]C1", or "" when the scan carried none */
	int nfields;
	struct gs1_field fields[GS1_MAX_FIELDS];
};

struct gs1_error {
	size_t offset;          /* byte in the input where the problem is */
	char message[400];      /* room for a translation (3 bytes a Chinese character) */
};

struct gs1_options {
	char gs_substitute;     /* a character read as GS (e.g. '|'); 0 = none */
	int current_year;       /* four digits, for the YY century rule; 0 = clock */
	bool no_pairing;        /* true: skip the req/ex rules, for a scanner that
	                         * reads one of several labels on an item; the
	                         * caller checks the combined fields later with
	                         * gs1_ai_check_pairing */
};

/*
 * Parses len bytes of input (need not be NUL-terminated). Returns true and
 * fills out, or false and fills err. opt may be NULL (no substitute, the
 * clock's year, pairing checked).
 *
 * After the fields are read and each is valid, the pairing rules of the
 * GS1 syntax dictionary are checked (gs1_ai_check_pairing) unless
 * opt->no_pairing is set. They are what catches most missing separators:
 * "10LOT4221SN1" is one lot with no serial, and a (250) in the same scan
 * then lacks the (21) it needs.
 */
bool gs1_parse(const char *input, size_t len, const struct gs1_options *opt,
    struct gs1_result *out, struct gs1_error *err);

/* The mod-10 check digit for n body digits (weights 3,1,3,… from the
 * right), or -1 if one of them is not a digit. */
int gs1_check_digit(const char *body, size_t n);
/* True if the last of n digits is the check digit of the ones before. */
bool gs1_check_digit_valid(const char *digits, size_t n);

/* The field with this AI, or NULL. */
const struct gs1_field *gs1_find(const struct gs1_result *r, const char *ai);
/* "(01)09521234543213(10)LOT42" into buf (always terminated). A '(' in a
 * value is written "\(", as the GS1 bracketed-AI syntax does, so the text
 * parses back to the same fields. */
void gs1_format_hri(const struct gs1_result *r, char *buf, size_t size);

/* The AI table (gs1_ai.c). */
/* The release of the GS1 syntax dictionary the table was generated from,
 * "2026-01-27" (its "# Release:" line). */
const char *gs1_dict_release(void);
/* The AI at the start of s (up to avail bytes), or NULL; *ai_len gets its
 * length (2–4). */
const struct gs1_ai *gs1_ai_lookup(const char *s, size_t avail, size_t *ai_len);
/* The AI that is exactly s[0..n), or NULL. */
const struct gs1_ai *gs1_ai_find(const char *s, size_t n);
/* The table in order, for listing: entry i, or NULL past the end. */
const struct gs1_ai *gs1_ai_at(size_t i);
/* Data length fixed by the AI's first two digits (§1.3): no GS follows
 * such a field. 0 when the AI is not of predefined length. */
int gs1_ai_predefined_length(const char *ai);
/*
 * The dictionary's pairing rules over all fields of r: every AI's "req"
 * groups met and none of its "ex" AIs present. On failure err says which
 * AI needs (or excludes) which, at the offset of the AI that breaks the
 * rule (for an exclusion, the later of the two). Several carriers on one
 * item may be merged into one result and checked together.
 */
bool gs1_ai_check_pairing(const struct gs1_result *r, struct gs1_error *err);

/* Internal steps shared by the gs1 files. A value that was rewritten on
 * the way in (percent-decoded, "\(" unescaped, a GTIN zero-padded) comes
 * with val_map: val_map[i] is the input offset of value byte i, so errors
 * point at the byte the person typed. NULL means byte i is at val_at + i. */
bool gs1_field_set(struct gs1_field *f, const char *ai, size_t ai_len, const char *val,
    size_t val_len, size_t ai_at, size_t val_at, const size_t *val_map, int current_year,
    struct gs1_error *err);
bool gs1_dl_parse(const char *s, size_t len, size_t base, int current_year,
    struct gs1_result *out, struct gs1_error *err);
bool gs1_add_field(struct gs1_result *out, const char *ai, size_t ai_len, const char *val,
    size_t val_len, size_t ai_at, size_t val_at, const size_t *val_map, int current_year,
    struct gs1_error *err);
void gs1_error_set(struct gs1_error *err, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
