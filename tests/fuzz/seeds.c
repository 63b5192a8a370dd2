/*
 * seeds.c — writes the seed corpora of fuzz_dispatch and fuzz_wire: real
 * packed requests against the plant fuzz_dispatch seeds (fz.h), and a few
 * malformed ones. Not a fuzz target (run.sh takes fuzz_*.c only). The
 * corpora are committed; run this again after a change to yoke.proto or
 * to the seeded plant:
 *
 *   make build/gen/proto/yoke.pb-c.h
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -I. -Ibuild/gen -o build/fuzz-seeds tests/fuzz/seeds.c \
 *       tests/fuzz/fz.c shared/utf8.c build/gen/proto/yoke.pb-c.c build/gen/proto/defs.pb-c.c \
 *       -lprotobuf-c
 *   build/fuzz-seeds tests/fuzz/corpus
 *
 * corpus/wire/NAME is one packed Request; corpus/dispatch/NAME is one or
 * more framed messages (fz.h), renumbered unless the name says raw.
 */
#include "tests/fuzz/fz.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *out_dir;

static void
write_file(const char *set, const char *name, const uint8_t *p, size_t len)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", out_dir, set);
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof path, "%s/%s/%s", out_dir, set, name);
	if ((f = fopen(path, "wb")) == NULL || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* A dispatch input being built, message by message. */
static uint8_t *input;
static size_t input_len;

static void
add(uint8_t ctl, const uint8_t *msg, size_t len)
{
	fz_frame(&input, &input_len, ctl, msg, len);
}

static void
flush(const char *name)
{
	write_file("dispatch", name, input, input_len);
	free(input);
	input = NULL;
	input_len = 0;
}

/* Packs rq; writes it as a wire seed (when wire_name) and adds it to the
 * dispatch input with ctl. */
static void
request(Yoke__Request *rq, const char *terminal, const char *session, const char *wire_name,
    uint8_t ctl)
{
	size_t len;
	uint8_t *p = fz_pack(rq, terminal, session, 1, &len);
	if (wire_name)
		write_file("wire", wire_name, p, len);
	add(ctl, p, len);
	free(p);
}

static void
hello(uint8_t ctl)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello h = YOKE__HELLO__INIT;
	h.program = (char *)"fuzz";
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &h;
	request(&rq, FZ_TERM_ASSY, "", ctl == FZ_RENUMBER ? "hello" : NULL, ctl);
}

static void
badge_in(const char *terminal, const char *station, const char *badge, const char *pin,
    const char *wire_name)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	b.station = (char *)station;
	b.badge = (char *)badge;
	b.pin = (char *)pin;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	request(&rq, terminal, "", wire_name, FZ_RENUMBER);
}

/* The same, not renumbered (request_no 1). */
static void
badge_in_raw(const char *terminal, const char *station, const char *badge, uint8_t ctl)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	b.station = (char *)station;
	b.badge = (char *)badge;
	b.pin = (char *)"";
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	request(&rq, terminal, "", NULL, ctl);
}

static void
unit_request(int body, const char *terminal, const char *session, const char *serial,
    const char *wire_name)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__OpenUnit ou = YOKE__OPEN_UNIT__INIT;
	Yoke__CompleteOperation co = YOKE__COMPLETE_OPERATION__INIT;
	Yoke__TraceQuery tq = YOKE__TRACE_QUERY__INIT;
	rq.body_case = body;
	ou.serial = co.serial = tq.serial = (char *)serial;
	rq.open_unit = &ou;   /* the body union: set the member body_case names */
	if (body == YOKE__REQUEST__BODY_COMPLETE)
		rq.complete = &co;
	else if (body == YOKE__REQUEST__BODY_TRACE)
		rq.trace = &tq;
	request(&rq, terminal, session, wire_name, FZ_RENUMBER);
}

/* A step of a unit open at ASSY-1 (or TEST-1 for FZ_UNIT_TEST). */
static void
step(const char *serial, uint32_t index, int entry, const char *scan, double value,
    const char *wire_name, uint8_t ctl)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord sr = YOKE__STEP_RECORD__INIT;
	Yoke__InspectionResult in = YOKE__INSPECTION_RESULT__INIT;
	Yoke__Signature sig = YOKE__SIGNATURE__INIT;
	bool test = strcmp(serial, FZ_UNIT_TEST) == 0;

	sr.serial = (char *)serial;
	sr.step = index;
	sr.entry_case = entry;
	switch (entry) {
	case YOKE__STEP_RECORD__ENTRY_CONFIRM:
		sr.confirm = true;
		break;
	case YOKE__STEP_RECORD__ENTRY_SCAN:
		sr.scan = (char *)scan;
		break;
	case YOKE__STEP_RECORD__ENTRY_VALUE:
		sr.value = value;
		break;
	case YOKE__STEP_RECORD__ENTRY_PASS:
		sr.pass = true;
		break;
	default:
		sig.badge = (char *)"200";
		sig.pin = (char *)FZ_PIN_INSPECTOR;
		in.pass = true;
		in.note = (char *)"no bent pins";
		in.signature = &sig;
		sr.inspection = &in;
	}
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &sr;
	request(&rq, test ? FZ_TERM_TEST : FZ_TERM_ASSY, test ? FZ_SESSION_TEST : FZ_SESSION_ASSY,
	    wire_name, ctl);
}

static void
load(void)
{
	static const char text[] =
	    "part GIZMO \"Gizmo\" rev=A tracking=serial\n"
	    "routing GIZMO rev=A released\n"
	    "  op 10 \"Gizmo assembly\" station=ASSY\n"
	    "    measure gap unit=mm lsl=0.1 usl=0.5\n"
	    "    inspect \"Flush\" every=1-in-2\n"
	    "station ASSY-3 \"Bench 3\" kind=ASSY\n"
	    "operator 103 \"Di Gizmo\" role=operator qualified=GIZMO/10\n";
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LoadDefinitions ld = YOKE__LOAD_DEFINITIONS__INIT;
	Yoke__DefinitionFile f = YOKE__DEFINITION_FILE__INIT, *files[1] = { &f };
	f.name = (char *)"gizmo.def";
	f.text = (char *)text;
	ld.n_files = 1;
	ld.files = files;
	rq.body_case = YOKE__REQUEST__BODY_LOAD;
	rq.load = &ld;
	request(&rq, FZ_TERM_DESK, FZ_SESSION_DESK, "load", FZ_RENUMBER);
}

/* A load that work in progress refuses (CONFLICT): units in work scan CELL,
 * units are open at ASSY-1. */
static void
load_wip(const char *text, const char *name)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LoadDefinitions ld = YOKE__LOAD_DEFINITIONS__INIT;
	Yoke__DefinitionFile f = YOKE__DEFINITION_FILE__INIT, *files[1] = { &f };
	f.name = (char *)"change.def";
	f.text = (char *)text;
	ld.n_files = 1;
	ld.files = files;
	rq.body_case = YOKE__REQUEST__BODY_LOAD;
	rq.load = &ld;
	request(&rq, FZ_TERM_DESK, FZ_SESSION_DESK, NULL, FZ_RENUMBER);
	flush(name);
}

static void
release_by(const char *terminal, const char *session, uint32_t quantity)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ReleaseWorkOrder r = YOKE__RELEASE_WORK_ORDER__INIT;
	r.work_order = (char *)"WO-F3";
	r.product = (char *)"WIDGET";
	r.quantity = quantity;
	r.due = (char *)"2026-12-31";
	rq.body_case = YOKE__REQUEST__BODY_RELEASE;
	rq.release = &r;
	request(&rq, terminal, session, NULL, FZ_RENUMBER);
}

static void
release(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ReleaseWorkOrder r = YOKE__RELEASE_WORK_ORDER__INIT;
	r.work_order = (char *)"WO-F2";
	r.product = (char *)"WIDGET";
	r.quantity = 3;
	r.due = (char *)"2026-12-31";
	r.priority = 1;
	rq.body_case = YOKE__REQUEST__BODY_RELEASE;
	rq.release = &r;
	request(&rq, FZ_TERM_DESK, FZ_SESSION_DESK, "release", FZ_RENUMBER);
}

static void
set_pin(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetPin sp = YOKE__SET_PIN__INIT;
	sp.badge = (char *)"201";
	sp.pin = (char *)"9753";
	rq.body_case = YOKE__REQUEST__BODY_SET_PIN;
	rq.set_pin = &sp;
	request(&rq, FZ_TERM_DESK, FZ_SESSION_DESK, "set_pin", FZ_RENUMBER);
}

static void
change_pin(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ChangePin cp = YOKE__CHANGE_PIN__INIT;
	cp.badge = (char *)"200";
	cp.old_pin = (char *)FZ_PIN_INSPECTOR;
	cp.new_pin = (char *)"1111";
	rq.body_case = YOKE__REQUEST__BODY_CHANGE_PIN;
	rq.change_pin = &cp;
	request(&rq, FZ_TERM_ASSY, "", "change_pin", FZ_RENUMBER);
}

static void
change_pin_wrong(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ChangePin cp = YOKE__CHANGE_PIN__INIT;
	cp.badge = (char *)"400";
	cp.old_pin = (char *)"0000";
	cp.new_pin = (char *)"5555";
	rq.body_case = YOKE__REQUEST__BODY_CHANGE_PIN;
	rq.change_pin = &cp;
	request(&rq, FZ_TERM_ASSY, "", NULL, FZ_RENUMBER);
}

static void
queries(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__QueueQuery q = YOKE__QUEUE_QUERY__INIT;
	Yoke__UnitsQuery u = YOKE__UNITS_QUERY__INIT;
	Yoke__WhereUsedQuery wu = YOKE__WHERE_USED_QUERY__INIT;
	q.station = (char *)"ASSY-1";
	rq.body_case = YOKE__REQUEST__BODY_QUEUE;
	rq.queue = &q;
	request(&rq, FZ_TERM_ASSY, "", "queue", 0);
	u.work_order = (char *)FZ_WO;
	rq.body_case = YOKE__REQUEST__BODY_UNITS;
	rq.units = &u;
	request(&rq, FZ_TERM_ASSY, "", NULL, 0);
	wu.component = (char *)"IC-555/LOT-2411-07";
	rq.body_case = YOKE__REQUEST__BODY_WHERE_USED;
	rq.where_used = &wu;
	request(&rq, FZ_TERM_ASSY, "", "where_used", 0);
}

/* Sets byte `from` (which must occur once) of the packed form to `to`. */
static void
patched(Yoke__Request *rq, const char *terminal, const char *session, char from, char to,
    const char *name)
{
	size_t len;
	uint8_t *p = fz_pack(rq, terminal, session, 1, &len), *at = memchr(p, from, len);
	if (at == NULL || memchr(at + 1, from, len - (size_t)(at - p) - 1)) {
		fprintf(stderr, "seeds: %s: '%c' must occur once\n", name, from);
		exit(1);
	}
	*at = (uint8_t)to;
	write_file("wire", name, p, len);
	add(FZ_RENUMBER, p, len);
	flush(name);
	free(p);
}

static void
malformed(void)
{
	static const uint8_t truncated[] = { 0x08, 0x02, 0x12, 0x20, 'A', 'S' };
	static const uint8_t bad_varint[] = { 0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0x01 };
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	Yoke__StepRecord sr = YOKE__STEP_RECORD__INIT;
	Yoke__InspectionResult in = YOKE__INSPECTION_RESULT__INIT;
	Yoke__Signature sig = YOKE__SIGNATURE__INIT;
	Yoke__LoadDefinitions ld = YOKE__LOAD_DEFINITIONS__INIT;
	Yoke__DefinitionFile f = YOKE__DEFINITION_FILE__INIT, *files[1] = { &f };
	size_t len;
	uint8_t *p;

	write_file("wire", "bad_truncated", truncated, sizeof truncated);
	add(0, truncated, sizeof truncated);
	flush("bad_truncated");
	write_file("wire", "bad_varint", bad_varint, sizeof bad_varint);
	add(0, bad_varint, sizeof bad_varint);
	flush("bad_varint");

	/* A NUL inside a badge: "10" NUL "0" would be badge 10 to a C reader. */
	b.station = (char *)"ASSY-1";
	b.badge = (char *)"10#0";
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	patched(&rq, FZ_TERM_ASSY, "", '#', '\0', "bad_nul_badge");

	/* Not UTF-8 in a scan. */
	sr.serial = (char *)FZ_UNIT_SCAN;
	sr.step = 1;
	sr.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
	sr.scan = (char *)"BOARD-1/B#1";
	rq = (Yoke__Request)YOKE__REQUEST__INIT;
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &sr;
	patched(&rq, FZ_TERM_ASSY, FZ_SESSION_ASSY, '#', (char)0xff, "bad_utf8_scan");

	/* A NUL three messages deep: step.inspection.signature.pin. */
	sig.badge = (char *)"200";
	sig.pin = (char *)"13#7";
	in.pass = true;
	in.note = (char *)"";
	in.signature = &sig;
	sr.serial = (char *)FZ_UNIT_INSPECT;
	sr.step = 6;
	sr.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
	sr.inspection = &in;
	patched(&rq, FZ_TERM_ASSY, FZ_SESSION_ASSY, '#', '\0', "bad_nul_signature");

	/* A bad byte in a repeated message's string: load.files[0].name. */
	f.name = (char *)"x#.def";
	f.text = (char *)"station S \"s\" kind=ASSY\n";
	ld.n_files = 1;
	ld.files = files;
	rq = (Yoke__Request)YOKE__REQUEST__INIT;
	rq.body_case = YOKE__REQUEST__BODY_LOAD;
	rq.load = &ld;
	patched(&rq, FZ_TERM_DESK, FZ_SESSION_DESK, '#', (char)0xc0, "bad_utf8_file_name");

	/* Version 1, and no body at all. */
	rq = (Yoke__Request)YOKE__REQUEST__INIT;
	p = fz_pack(&rq, FZ_TERM_ASSY, "", 7, &len);
	write_file("wire", "no_body", p, len);
	add(FZ_RENUMBER, p, len);
	flush("no_body");
	free(p);
	rq.version = 1;
	rq.terminal = (char *)FZ_TERM_ASSY;
	rq.session = (char *)"";
	rq.request_no = 1;
	len = yoke__request__get_packed_size(&rq);
	p = malloc(len + 1);
	yoke__request__pack(&rq, p);
	add(FZ_RENUMBER, p, len);
	flush("version_1");
	free(p);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR (writes CORPUS_DIR/dispatch and CORPUS_DIR/wire)\n",
		    argv[0]);
		return 2;
	}
	out_dir = argv[1];

	hello(FZ_RENUMBER);
	flush("hello");
	hello(FZ_FRAMES | 0x10);
	flush("raw_frames");
	badge_in("desk2@fuzz", "", "400", FZ_PIN_ENGINEER, "badge_in_pin");
	flush("badge_in_pin");
	badge_in(FZ_TERM_ASSY, "ASSY-1", "102", "", "badge_in_station");
	flush("badge_in_station");
	unit_request(YOKE__REQUEST__BODY_OPEN_UNIT, FZ_TERM_ASSY, FZ_SESSION_ASSY, FZ_UNIT_QUEUED,
	    "open_unit");
	flush("open_unit");
	step(FZ_UNIT_STEP0, 0, YOKE__STEP_RECORD__ENTRY_CONFIRM, NULL, 0, "step_confirm", FZ_RENUMBER);
	step(FZ_UNIT_STEP0, 1, YOKE__STEP_RECORD__ENTRY_SCAN, "BOARD-1/B-77", 0, NULL, FZ_RENUMBER);
	flush("step_confirm_scan");
	step(FZ_UNIT_SCAN, 1, YOKE__STEP_RECORD__ENTRY_SCAN, "BOARD-1/B-9001", 0, "step_scan",
	    FZ_RENUMBER);
	flush("step_scan");
	step(FZ_UNIT_MEASURE, 4, YOKE__STEP_RECORD__ENTRY_VALUE, NULL, 5.1, "step_value", FZ_RENUMBER);
	flush("step_value");
	step(FZ_UNIT_INSPECT, 6, YOKE__STEP_RECORD__ENTRY_INSPECTION, NULL, 0, "step_inspection",
	    FZ_RENUMBER);
	flush("step_inspection");
	step(FZ_UNIT_TEST, 0, YOKE__STEP_RECORD__ENTRY_CONFIRM, NULL, 0, NULL, FZ_RENUMBER);
	step(FZ_UNIT_TEST, 1, YOKE__STEP_RECORD__ENTRY_SCAN, "SCREW-M3", 0, NULL,
	    FZ_RENUMBER | FZ_NEW_BATCH);
	flush("step_test_station");
	unit_request(YOKE__REQUEST__BODY_COMPLETE, FZ_TERM_ASSY, FZ_SESSION_ASSY, FZ_UNIT_DONE10,
	    "complete");
	flush("complete");
	load();
	flush("load");
	release();
	flush("release");
	unit_request(YOKE__REQUEST__BODY_TRACE, FZ_TERM_ASSY, "", FZ_UNIT_INSPECT, "trace");
	flush("trace");
	set_pin();
	flush("set_pin");
	change_pin();
	flush("change_pin");
	queries();
	flush("queries");
	/* A new terminal's request 1, then the same bytes again in a later
	 * batch: answered with the stored reply (a replay). */
	badge_in_raw("fresh@fuzz", "ASSY-2", "102", 0);
	badge_in_raw("fresh@fuzz", "ASSY-2", "102", FZ_NEW_BATCH);
	flush("raw_replay");
	/* Refusals of the door: a role (an operator releasing), a station (a
	 * desk session opening a unit), a request number too far ahead. */
	release_by(FZ_TERM_ASSY, FZ_SESSION_ASSY, 1);
	flush("refused_role");
	/* More units than fuzz_dispatch's small map holds, in a batch with a
	 * step: STORE_FULL, the map grows, the whole batch runs again. */
	step(FZ_UNIT_STEP0, 0, YOKE__STEP_RECORD__ENTRY_CONFIRM, NULL, 0, NULL, FZ_RENUMBER);
	release_by(FZ_TERM_DESK, FZ_SESSION_DESK, 5000);
	flush("store_full");
	unit_request(YOKE__REQUEST__BODY_OPEN_UNIT, FZ_TERM_DESK, FZ_SESSION_DESK, FZ_UNIT_QUEUED,
	    NULL);
	flush("refused_desk_open");
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__BadgeOut bo = YOKE__BADGE_OUT__INIT;
		size_t len;
		uint8_t *p;
		rq.body_case = YOKE__REQUEST__BODY_BADGE_OUT;
		rq.badge_out = &bo;
		p = fz_pack(&rq, FZ_TERM_TEST, FZ_SESSION_TEST, 5000000, &len);
		add(0, p, len);
		flush("raw_number_jump");
		free(p);
		request(&rq, FZ_TERM_TEST, FZ_SESSION_TEST, "badge_out", FZ_RENUMBER);
		flush("badge_out");
	}
	/* Badge 100 moves from ASSY-1 to ASSY-2: the session at ASSY-1 ends. */
	badge_in("ASSY-2@fuzz", "ASSY-2", "100", "", NULL);
	step(FZ_UNIT_STEP0, 0, YOKE__STEP_RECORD__ENTRY_CONFIRM, NULL, 0, NULL,
	    FZ_RENUMBER | FZ_NEW_BATCH);
	flush("badge_moves");
	/* Held units: out of spec twice (the first reading is measured again),
	 * and a wrong PIN on the signature (counted). */
	step(FZ_UNIT_MEASURE, 4, YOKE__STEP_RECORD__ENTRY_VALUE, NULL, 9.5, NULL, FZ_RENUMBER);
	flush("step_measure_again");
	step(FZ_UNIT_MEASURE, 4, YOKE__STEP_RECORD__ENTRY_VALUE, NULL, 9.5, NULL, FZ_RENUMBER);
	flush("step_out_of_spec");
	change_pin_wrong();
	flush("change_pin_wrong");
	load_wip("part CELL \"Coin cell\" rev=A tracking=lot\n", "load_retrack_wip");
	load_wip("station ASSY-1 \"Bench 1\" kind=TEST\n", "load_rekind_wip");
	malformed();
	return 0;
}
