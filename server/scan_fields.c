/* scan_fields.c — see scan_fields.h. */
#include "server/scan_fields.h"
#include "shared/scan/scan_text.h"

#include <stdint.h>
#include <string.h>

static bool
scanned(const char *name)
{
	static const char *const names[] = { "serial", "badge", "work_order", "targets" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

static void
clean(char **field)
{
	const char *s;
	size_t len, n;

	if (*field == NULL || (*field)[0] == '\0')
		return;
	len = strlen(*field);
	n = scan_text_plain(*field, len, &s);
	if (s == *field && n == len)
		return;
	*field += s - *field;
	(*field)[n] = '\0';
}

static void walk(ProtobufCMessage *m);

static void
walk_field(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
	char *at = (char *)m + f->offset;
	size_t n = 1;

	if (f->label == PROTOBUF_C_LABEL_REPEATED)
		n = *(size_t *)((char *)m + f->quantifier_offset);
	if (f->type == PROTOBUF_C_TYPE_STRING && scanned(f->name)) {
		char **one = f->label == PROTOBUF_C_LABEL_REPEATED ? *(char ***)at : (char **)at;
		for (size_t i = 0; i < n && one; i++)
			clean(&one[i]);
	} else if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
		ProtobufCMessage **one = f->label == PROTOBUF_C_LABEL_REPEATED ?
		    *(ProtobufCMessage ***)at : (ProtobufCMessage **)at;
		for (size_t i = 0; i < n && one; i++)
			if (one[i])
				walk(one[i]);
	}
}

static void
walk(ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		/* A oneof's members share their memory: only the one set is real. */
		if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
		    *(uint32_t *)((char *)m + f->quantifier_offset) != f->id)
			continue;
		walk_field(m, f);
	}
}

void
scan_fields_clean(Yoke__Request *rq)
{
	if (rq)
		walk(&rq->base);
}
