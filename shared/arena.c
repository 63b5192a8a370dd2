/* arena.c — see arena.h. */
#include "shared/arena.h"
#include "shared/util.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define TRIM_ABOVE (8u << 20)     /* give memory back after a batch this big */

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	_Alignas(16) unsigned char data[];
};

static struct arena_chunk *
chunk_new(size_t size)
{
	struct arena_chunk *c = xmalloc(sizeof *c + size);
	c->next = NULL;
	c->size = size;
	return c;
}

static void *
pb_alloc(void *data, size_t size)
{
	return arena_alloc(data, size);
}

static void
pb_free(void *data, void *p)
{
	(void)data;
	(void)p;
}

void
arena_init(struct arena *a)
{
	a->head = chunk_new(CHUNK_MIN);
	a->used = 0;
	a->total = CHUNK_MIN;
	a->pb.alloc = pb_alloc;
	a->pb.free = pb_free;
	a->pb.allocator_data = a;
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head, *keep = NULL;
	/* Keep the last chunk in the list: the first one ever made. */
	while (c) {
		struct arena_chunk *next = c->next;
		if (next == NULL)
			keep = c;
		else
			free(c);
		c = next;
	}
	a->head = keep;
	a->used = 0;
	if (a->total > TRIM_ABOVE)
		malloc_trim(0);
	a->total = keep ? keep->size : 0;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	void *p;
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	if (a->used + n > a->head->size) {
		size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
		struct arena_chunk *c = chunk_new(size);
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->total += size;
	}
	p = a->head->data + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	size_t n = strlen(s ? s : "");
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s ? s : "", n);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;
	char *p;

	/* Formatted once when it fits the buffer (nearly always), twice when not. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof small) {
		memcpy(p, small, (size_t)n + 1);
		return p;
	}
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

ProtobufCAllocator *
arena_protobuf(struct arena *a)
{
	return &a->pb;
}

struct budget {
	ProtobufCAllocator pb;
	struct arena *a;
	size_t left;
};

static void *
budget_alloc(void *data, size_t size)
{
	struct budget *b = data;
	if (size > b->left)
		return NULL;
	b->left -= size;
	return arena_alloc(b->a, size);
}

ProtobufCAllocator *
arena_protobuf_budget(struct arena *a, size_t budget)
{
	struct budget *b = arena_alloc(a, sizeof *b);
	b->pb.alloc = budget_alloc;
	b->pb.free = pb_free;
	b->pb.allocator_data = b;
	b->a = a;
	b->left = budget;
	return &b->pb;
}
