/*
 * fuzz_wire.c — wire_check_strings (proto/wire_check.h) on raw bytes
 * against yoke__request__descriptor, cross-checked with the decoder.
 *
 *   - refused (false): err names the field, "field <path>: <what>";
 *   - passed (true) and yoke__request__unpack succeeds: every string
 *     reachable in the decoded message (set oneof members, repeated
 *     elements, sub-messages at any depth) is valid UTF-8 and as long as
 *     it was on the wire — so no string was cut at a NUL the check did not
 *     see, wherever the decoder found it.
 *
 * The wire length of a decoded string is known without parsing the wire a
 * second time: protobuf-c gives every string it decodes an allocation of
 * its wire length + 1 (the copy and a NUL), so the message is decoded with
 * an allocator that records each allocation's size. A string that owns no
 * allocation must be the field's default, "".
 */
#include "proto/wire_check.h"
#include "shared/utf8.h"
#include "tests/fuzz/fz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The allocations of one decode. */
struct allocs {
	struct alloc {
		void *p;
		size_t size;
	} *v;
	size_t n, cap;
	const char *bad, *why;
};

static void *
rec_alloc(void *ud, size_t size)
{
	struct allocs *a = ud;
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		return NULL;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = realloc(a->v, a->cap * sizeof *a->v);
		if (a->v == NULL)
			abort();
	}
	a->v[a->n++] = (struct alloc){ p, size };
	return p;
}

static void
rec_free(void *ud, void *p)
{
	struct allocs *a = ud;
	if (p == NULL)
		return;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].p == p) {
			a->v[i] = a->v[--a->n];
			break;
		}
	free(p);
}

static void
decoded_string(void *ud, const ProtobufCFieldDescriptor *f, const char *s)
{
	struct allocs *a = ud;
	size_t len = strlen(s), i;

	if (a->bad)
		return;
	for (i = 0; i < a->n && a->v[i].p != s; i++)
		;
	if (i == a->n && len != 0)
		a->why = "is not a string the decoder made";
	else if (i < a->n && len + 1 != a->v[i].size)
		a->why = "is shorter than on the wire (cut at a NUL)";
	else if (!utf8_valid(s, len))
		a->why = "is not valid UTF-8";
	else
		return;
	a->bad = f->name;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct allocs a = { 0 };
	ProtobufCAllocator alloc = { rec_alloc, rec_free, &a };
	Yoke__Request *rq;
	char err[300];

	memset(err, 0, sizeof err);
	if (!wire_check_strings(&yoke__request__descriptor, data, size, err, sizeof err)) {
		if (err[sizeof err - 1] != '\0' || strncmp(err, "field ", 6) != 0) {
			fprintf(stderr, "fuzz_wire: refused with \"%.*s\"\n", (int)sizeof err, err);
			abort();
		}
		return 0;
	}
	rq = yoke__request__unpack(&alloc, size, data);
	if (rq != NULL) {
		fz_walk_strings(&rq->base, decoded_string, &a);
		if (a.bad) {
			fprintf(stderr, "fuzz_wire: wire_check passed, but decoded field %s %s\n", a.bad,
			    a.why);
			abort();
		}
		yoke__request__free_unpacked(rq, &alloc);
	}
	free(a.v);
	return 0;
}
