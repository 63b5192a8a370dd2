/* fz.c — see fz.h. */
#include "tests/fuzz/fz.h"
#include "shared/utf8.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof FZ_SESSION_DESK == FZ_TOKEN_LEN + 1, "a placeholder is as long as a token");
_Static_assert(sizeof FZ_SESSION_ASSY == FZ_TOKEN_LEN + 1, "a placeholder is as long as a token");
_Static_assert(sizeof FZ_SESSION_TEST == FZ_TOKEN_LEN + 1, "a placeholder is as long as a token");

/*
 * tests/data/plant-small/plant.def with what the fuzzer needs besides: an
 * engineer, a lead and an admin (release, set_pin), and op 20 inspections
 * due by frequency (first article, 1 in 3).
 */
const char fz_plant_def[] =
    "part WIDGET \"Widget, the finished product\" rev=A tracking=serial\n"
    "part BOARD-1 \"Main board\" rev=A tracking=serial\n"
    "part CELL \"Coin cell, serialised\" rev=A tracking=serial\n"
    "part IC-555 \"Timer IC\" rev=A tracking=lot\n"
    "part IC-556 \"Dual timer IC, not on the widget's BOM\" rev=A tracking=lot\n"
    "part SCREW-M3 \"Screw M3x6\" rev=A tracking=none\n"
    "\n"
    "bom WIDGET\n"
    "  line BOARD-1 qty=1 scan\n"
    "  line CELL qty=2 scan\n"
    "  line IC-555 qty=1 scan\n"
    "  line SCREW-M3 qty=1 scan\n"
    "\n"
    "routing WIDGET rev=A released\n"
    "  op 10 \"Assembly\" station=ASSY\n"
    "    instruct \"Place the board in the fixture, connector to the left. 连接器朝左。\"\n"
    "    scan BOARD-1\n"
    "    scan CELL qty=2\n"
    "    scan IC-555\n"
    "    measure supply unit=V lsl=4.75 target=5 usl=5.25\n"
    "    check \"Board seated flat\"\n"
    "    inspect \"Visual: no bent pins\" by=inspector every=unit\n"
    "  op 20 \"Final test\" station=TEST\n"
    "    instruct \"Connect the tester\"\n"
    "    scan SCREW-M3\n"
    "    measure current unit=mA lsl=10 usl=20\n"
    "    inspect \"First article signed off\" by=inspector every=first-article\n"
    "    inspect \"Label present and readable\" every=1-in-3\n"
    "\n"
    "station ASSY-1 \"Assembly bench 1\" kind=ASSY\n"
    "station ASSY-2 \"Assembly bench 2\" kind=ASSY\n"
    "station TEST-1 \"Test bench 1\" kind=TEST\n"
    "\n"
    "operator 100 \"Ann Assembler\" role=operator qualified=WIDGET/10\n"
    "operator 101 \"Bo Tester\" role=operator qualified=WIDGET/20\n"
    "operator 102 \"Cy Allround\" role=operator qualified=WIDGET/*\n"
    "operator 200 \"Ida Inspector\" role=inspector qualified=*\n"
    "operator 201 \"Jo Inspector\" role=inspector qualified=WIDGET/*\n"
    "operator 300 \"Lee Lead\" role=lead qualified=WIDGET/*\n"
    "operator 400 \"Eve Engineer\" role=engineer qualified=*\n"
    "operator 900 \"Ada Admin\" role=admin\n"
    "\n"
    "routing WIDGET rev=C\n"
    "  op 10 \"Assembly, draft\" station=ASSY\n"
    "    instruct \"Draft: place the board\"\n";

uint8_t *
fz_pack(Yoke__Request *rq, const char *terminal, const char *session, uint64_t request_no,
    size_t *len)
{
	uint8_t *buf;

	rq->version = 2;
	rq->terminal = (char *)terminal;
	rq->session = (char *)session;
	rq->request_no = request_no;
	*len = yoke__request__get_packed_size(rq);
	buf = malloc(*len + 1);
	if (buf == NULL)
		abort();
	yoke__request__pack(rq, buf);
	return buf;
}

void
fz_frame(uint8_t **buf, size_t *len, uint8_t ctl, const uint8_t *msg, size_t msglen)
{
	uint8_t *p = realloc(*buf, *len + FZ_HEADER + msglen);
	if (p == NULL || msglen > 0xffff)
		abort();
	p[*len] = ctl;
	p[*len + 1] = (uint8_t)(msglen & 0xff);
	p[*len + 2] = (uint8_t)(msglen >> 8);
	if (msglen)
		memcpy(p + *len + FZ_HEADER, msg, msglen);
	*buf = p;
	*len += FZ_HEADER + msglen;
}

static void
walk_field(const ProtobufCFieldDescriptor *f, const void *member, fz_string_fn fn, void *ud)
{
	if (f->type == PROTOBUF_C_TYPE_STRING) {
		const char *s = *(char *const *)member;
		if (s)
			fn(ud, f, s);
	} else if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
		const ProtobufCMessage *sub = *(ProtobufCMessage *const *)member;
		if (sub)
			fz_walk_strings(sub, fn, ud);
	}
}

void
fz_walk_strings(const ProtobufCMessage *m, fz_string_fn fn, void *ud)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	const char *base = (const char *)m;

	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		if (f->type != PROTOBUF_C_TYPE_STRING && f->type != PROTOBUF_C_TYPE_MESSAGE)
			continue;
		if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
			/* Only the member the case names is there (the others share its storage). */
			uint32_t which = *(const uint32_t *)(const void *)(base + f->quantifier_offset);
			if (which != f->id)
				continue;
		}
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t n = *(const size_t *)(const void *)(base + f->quantifier_offset);
			char *const *items = *(char *const *const *)(const void *)(base + f->offset);
			for (size_t k = 0; k < n; k++)
				walk_field(f, &items[k], fn, ud);
		} else {
			walk_field(f, base + f->offset, fn, ud);
		}
	}
}

struct utf8_walk {
	const char *bad;
};

static void
utf8_field(void *ud, const ProtobufCFieldDescriptor *f, const char *s)
{
	struct utf8_walk *w = ud;
	if (w->bad == NULL && !utf8_valid(s, strlen(s)))
		w->bad = f->name;
}

bool
fz_strings_utf8(const ProtobufCMessage *m, const char **bad)
{
	struct utf8_walk w = { NULL };
	fz_walk_strings(m, utf8_field, &w);
	*bad = w.bad;
	return w.bad == NULL;
}
