/*
 * defs_priv.h — what the definition parser's files share and nobody else
 * sees: one line cut into its parts (struct line), the parser's state
 * (struct parser), its error writer and APPEND, and the line lexer of
 * defs_line.c that the statement builders of defs.c call.
 */
#ifndef YOKE_DEFS_PRIV_H
#define YOKE_DEFS_PRIV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "shared/defs/defs.h"
#include "shared/util.h"

#define OPTS_MAX 12
#define FLAGS_MAX 2
#define TOKENS_MAX 32

/* One statement's rule in the table of defs_line.c. */
struct statement_rule;

/* One line cut into its parts. Strings point into the line buffer. */
struct line {
	const struct statement_rule *rule;
	const char *keyword;
	const char *positional;
	const char *text;
	const char *opt_key[OPTS_MAX], *opt_val[OPTS_MAX];
	int nopts;
	const char *flag[FLAGS_MAX];
	int nflags;
};

struct parser {
	const char *file;
	int lineno;
	char *err;
	size_t errsz;
	Yoke__Definitions *out;      /* private until the whole file parsed */
	Yoke__Bom *bom;              /* open blocks */
	Yoke__Routing *routing;
	Yoke__Operation *operation;
};

static inline bool fail(struct parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes "file:line: message" and returns false, so callers `return fail(...)`. */
static inline bool
fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(p->err, p->errsz, "%s:%d: ", p->file, p->lineno);
	if (n < 0 || (size_t)n >= p->errsz)
		return false;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

/*
 * Appends item to the array arr of n items. The array doubles when n is 0
 * or a power of two, so a set of 160 000 parts is built in linear time
 * (realloc by one each time copied the array each time under ASan, and
 * often in release). It follows that an array given to APPEND must have
 * been built by APPEND alone, from empty: one unpacked by protobuf-c has
 * exactly n slots. Every array of a set made by defs_new, defs_parse and
 * defs_add_* is.
 */
#define APPEND(arr, n, item) do { \
	if (((n) & ((n) - 1)) == 0) \
		(arr) = xrealloc((arr), ((n) ? 2 * (n) : 1) * sizeof *(arr)); \
	(arr)[(n)++] = (item); } while (0)

/* Equipment data (defs_equipment.c): the equipment_param statement, a
 * measure step's from=equipment, match= and window=, moving the parsed
 * parameters into the caller's set, and their checks (defs_validate). */
bool defs_build_equipment_param(struct parser *p, const struct line *ln);
bool defs_measure_from(struct parser *p, const struct line *ln, Yoke__Step *x);
void defs_move_equipment(Yoke__Definitions *to, Yoke__Definitions *from);

/* The line lexer (defs_line.c), in the order parse_line calls it. */
bool defs_line_check_bytes(struct parser *p, const char *s, size_t len);
bool defs_line_tokenize(struct parser *p, char *buf, char **tok, bool *quoted, int *ntok);
bool defs_line_read_statement(struct parser *p, char **tok, const bool *quoted, int ntok,
    struct line *ln);
/* The spc and spc_rule statements after a measure step (defs_spc.c). */
bool defs_build_spc(struct parser *p, const struct line *ln);
bool defs_build_spc_rule(struct parser *p, const struct line *ln);

/* The notification statements (defs_notify.c). */
bool defs_build_escalate(struct parser *p, const struct line *ln);
bool defs_build_notify(struct parser *p, const struct line *ln);
bool defs_build_smtp(struct parser *p, const struct line *ln);
bool defs_operator_email(struct parser *p, Yoke__Operator *x, const char *email);
void defs_notify_move(Yoke__Definitions *to, Yoke__Definitions *from);

/* The pre-start gate's builders (defs_gate.c): its statements (*handled
 * false for any other), the gauge= and fai= options of the step just
 * built, and one qualified= entry's ":YYYY-MM-DD" (cut off item). */
bool defs_gate_statement(struct parser *p, const struct line *ln, bool *handled);
bool defs_gate_step(struct parser *p, const struct line *ln, Yoke__Step *x);
bool defs_gate_qualification(struct parser *p, Yoke__Operator *x, char *item);

/* The cost of quality's rates (defs_coq.c): coq, coq_rate, coq_minutes,
 * coq_cost; moving a file's rates into the caller's set. */
bool defs_build_coq(struct parser *p, const struct line *ln);
void defs_coq_move(Yoke__Definitions *to, Yoke__Definitions *from);

#endif
