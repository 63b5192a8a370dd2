/*
 * test_defs.c — the definition file parser and validator: the demo plant
 * loads, every deliberately broken file in tests/data/defs-bad/ is refused
 * with the file:line and message its first line expects, Chinese text
 * survives byte for byte, a failing file appends nothing, the deep copies
 * own their memory, and the quality loop's records (defect codes, measure
 * attempts, rework operations and the rework limit, CAPA triggers) are read
 * and checked.
 * Runs from the repository root.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/util.h"
#include "tests/lib/check.h"
#include "tests/lib/harness.h"

#define PLANT "assets/plant"
#define BAD "tests/data/defs-bad"

static const char *const plant_files[] = {
	PLANT "/bom.def", PLANT "/defects.def", PLANT "/operators.def", PLANT "/parts.def",
	PLANT "/routing-iotc-100.def", PLANT "/stations.def",
};

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Parses one file into d; false (with err) when it is missing or refused. */
static bool
parse_file(Yoke__Definitions *d, const char *path, char *err, size_t errsz)
{
	char *text = slurp(path);
	bool ok;
	if (text == NULL) {
		snprintf(err, errsz, "%s: cannot read", path);
		return false;
	}
	ok = defs_parse(d, path, text, err, errsz);
	free(text);
	return ok;
}

static Yoke__Definitions *
load_plant(char *err, size_t errsz)
{
	Yoke__Definitions *d = defs_new();
	for (size_t i = 0; i < sizeof plant_files / sizeof plant_files[0]; i++)
		if (!parse_file(d, plant_files[i], err, errsz)) {
			defs_free(d);
			return NULL;
		}
	return d;
}

static const Yoke__Routing *
find_routing(const Yoke__Definitions *d, const char *product, const char *rev)
{
	for (size_t i = 0; i < d->n_routings; i++)
		if (strcmp(d->routings[i]->product, product) == 0 &&
		    strcmp(d->routings[i]->revision, rev) == 0)
			return d->routings[i];
	return NULL;
}

static void
demo_plant_loads(void)
{
	char err[512];
	Yoke__Definitions *d = load_plant(err, sizeof err);
	if (d == NULL)
		check_fail(__FILE__, __LINE__, "%s", err);
	REQUIRE(d != NULL);
	if (!defs_validate(d, err, sizeof err))
		check_fail(__FILE__, __LINE__, "%s", err);
	CHECK_INT(d->n_parts, 13);
	CHECK_INT(d->n_boms, 1);
	CHECK_INT(d->n_routings, 1);
	CHECK_INT(d->n_stations, 9);
	CHECK_INT(d->n_operators, 9);
	CHECK_INT(d->n_defects, 15);
	CHECK_INT(d->n_capa_triggers, 1);

	const Yoke__Routing *r = find_routing(d, "IOTC-100", "B");
	REQUIRE(r != NULL);
	CHECK(r->released);
	CHECK_STR(r->source, PLANT "/routing-iotc-100.def:6");
	CHECK_INT(r->n_operations, 7);
	for (size_t i = 0; i < r->n_operations; i++) {
		CHECK(r->operations[i]->n_steps >= 3);
		CHECK(r->operations[i]->n_steps <= 7);
	}
	const Yoke__Operation *op = r->operations[1];
	CHECK_INT(op->number, 20);
	CHECK_STR(op->station_kind, "REFLOW");
	const Yoke__Step *m = op->steps[1];
	CHECK_INT(m->kind, YOKE__STEP_KIND__STEP_MEASURE);
	CHECK_STR(m->name, "peak_temp");
	CHECK_STR(m->unit, "C");
	CHECK(m->has_lsl && m->has_target && m->has_usl);
	CHECK_NEAR(m->lsl, 235, 1e-9);
	CHECK_NEAR(m->target, 245, 1e-9);
	CHECK_NEAR(m->usl, 250, 1e-9);
	CHECK_STR(m->text, "Peak temperature from the profiler");
	CHECK_STR(m->source, PLANT "/routing-iotc-100.def:19");

	const Yoke__Step *s = r->operations[0]->steps[1];
	CHECK_INT(s->kind, YOKE__STEP_KIND__STEP_SCAN);
	CHECK_STR(s->part, "PCB-100");
	CHECK_INT(s->qty, 1);
	const Yoke__Step *fa = r->operations[0]->steps[6];
	CHECK_INT(fa->kind, YOKE__STEP_KIND__STEP_INSPECT);
	CHECK(fa->needs_inspector);
	CHECK_INT(fa->frequency, YOKE__FREQUENCY__FREQ_FIRST_ARTICLE);
	const Yoke__Step *aoi = r->operations[2]->steps[2];
	CHECK_INT(aoi->frequency, YOKE__FREQUENCY__FREQ_ONE_IN_N);
	CHECK_INT(aoi->every_n, 5);
	CHECK_INT(r->operations[3]->steps[1]->qty, 2);

	const Yoke__Part *wifi = defs_find_part(d, "MOD-WIFI");
	REQUIRE(wifi != NULL);
	CHECK_INT(wifi->tracking, YOKE__TRACKING__TRACKING_SERIAL);
	CHECK_STR(wifi->revision, "A");
	CHECK(defs_find_part(d, "MOD-WIFI/1") == NULL);
	const Yoke__Bom *bom = defs_find_bom(d, "IOTC-100");
	REQUIRE(bom != NULL);
	CHECK_INT(bom->n_lines, 12);
	CHECK_STR(bom->lines[4]->component, "R-10K");
	CHECK_INT(bom->lines[4]->qty, 8);
	CHECK(bom->lines[4]->scan);
	CHECK(!bom->lines[5]->scan);
	const Yoke__Station *st = defs_find_station(d, "REFLOW-1");
	REQUIRE(st != NULL);
	CHECK_STR(st->kind, "REFLOW");
	const Yoke__Operator *adm = defs_find_operator(d, "9001");
	REQUIRE(adm != NULL);
	CHECK_INT(adm->role, YOKE__ROLE__ROLE_ADMIN);
	CHECK_INT(adm->n_qualified, 0);

	/* The quality loop: rework operations at REPAIR, a repair operator
	 * in each language, attempts on one measurement, the default on the
	 * others, and defect codes of every category. */
	CHECK_INT(r->rework_limit, 2);
	REQUIRE(r->n_rework_operations == 2);
	for (size_t i = 0; i < r->n_rework_operations; i++) {
		const Yoke__Operation *rw = r->rework_operations[i];
		const Yoke__Step *last = rw->steps[rw->n_steps - 1];
		CHECK(rw->rework);
		CHECK_STR(rw->station_kind, "REPAIR");
		CHECK(rw->n_steps >= 3 && rw->n_steps <= 4);
		CHECK_INT(last->kind, YOKE__STEP_KIND__STEP_INSPECT);
		CHECK(last->needs_inspector);
		CHECK_INT(last->frequency, YOKE__FREQUENCY__FREQ_EVERY);
		CHECK(defs_qualified(defs_find_operator(d, "1003"), "IOTC-100", rw->number));
		CHECK(defs_qualified(defs_find_operator(d, "1004"), "IOTC-100", rw->number));
	}
	CHECK_INT(r->rework_operations[0]->number, 900);
	CHECK_STR(r->rework_operations[0]->name, "Solder rework 焊接返修");
	CHECK_INT(r->rework_operations[1]->number, 910);
	CHECK_INT(r->rework_operations[1]->steps[1]->kind, YOKE__STEP_KIND__STEP_MEASURE);
	for (size_t i = 0; i < r->n_operations; i++)
		CHECK(!r->operations[i]->rework);
	CHECK_STR(defs_find_operator(d, "1004")->language, "zh_CN");
	CHECK_STR(defs_find_operator(d, "1003")->language, "");
	CHECK(defs_find_station(d, "REPAIR-1") != NULL);
	const Yoke__Step *volts = r->operations[4]->steps[1];
	CHECK_STR(volts->name, "supply_voltage");
	CHECK_INT(volts->attempts, 3);
	CHECK_INT(r->operations[4]->steps[2]->attempts, 0);
	CHECK_INT(m->attempts, 0);
	const Yoke__DefectCode *bridge = defs_find_defect(d, "BRIDGE");
	REQUIRE(bridge != NULL);
	CHECK_INT(bridge->category, YOKE__DEFECT_CATEGORY__DEFECT_METHOD);
	CHECK_STR(bridge->location, "U1");
	CHECK_STR(bridge->text, "Solder bridge between pins 引脚间连锡");
	CHECK_STR(bridge->source, PLANT "/defects.def:9");
	CHECK(defs_find_defect(d, "bridge") == NULL);
	bool category[7] = { false };
	for (size_t i = 0; i < d->n_defects; i++) {
		CHECK(d->defects[i]->category >= 1 && d->defects[i]->category <= 6);
		/* Bilingual: English first, then Chinese. */
		CHECK(d->defects[i]->text[0] >= 'A' && d->defects[i]->text[0] <= 'Z');
		CHECK(strstr(d->defects[i]->text, "\xE3\x80") != NULL ||
		    strpbrk(d->defects[i]->text, "\xE4\xE5\xE6\xE7\xE8\xE9") != NULL);
		category[d->defects[i]->category % 7] = true;
	}
	for (int c = 1; c <= 6; c++)
		if (!category[c])
			check_fail(__FILE__, __LINE__, "no defect code of category %s in the demo plant",
			    defs_category_name((Yoke__DefectCategory)c));
	defs_free(d);
}

/* Reads the "# expect: MESSAGE" first line of a broken file. */
static bool
expected_error(const char *text, char *out, size_t size)
{
	const char *nl;
	if (strncmp(text, "# expect: ", 10) != 0 || (nl = strchr(text, '\n')) == NULL)
		return false;
	snprintf(out, size, "%.*s", (int)(nl - text - 10), text + 10);
	return true;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
broken_files_refused(void)
{
	DIR *dir = opendir(BAD);
	struct dirent *e;
	char *names[64];
	size_t n = 0;

	REQUIRE(dir != NULL);
	while ((e = readdir(dir)) != NULL && n < 64) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".def") == 0)
			names[n++] = xasprintf(BAD "/%s", e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof names[0], name_cmp);
	CHECK(n >= 20);
	for (size_t i = 0; i < n; i++) {
		char err[512], want[512];
		char *text = slurp(names[i]);
		Yoke__Definitions *d = load_plant(err, sizeof err);
		size_t parts, routings, operators, defects;
		bool parsed;

		if (text == NULL || d == NULL || !expected_error(text, want, sizeof want)) {
			check_fail(__FILE__, __LINE__, "%s: unreadable or no \"# expect:\" line", names[i]);
			goto next;
		}
		parts = d->n_parts;
		routings = d->n_routings;
		operators = d->n_operators;
		defects = d->n_defects;
		parsed = defs_parse(d, names[i], text, err, sizeof err);
		if (!parsed) {
			/* A refused file appends nothing. */
			CHECK_INT(d->n_parts, parts);
			CHECK_INT(d->n_routings, routings);
			CHECK_INT(d->n_operators, operators);
			CHECK_INT(d->n_defects, defects);
		} else if (defs_validate(d, err, sizeof err)) {
			check_fail(__FILE__, __LINE__, "%s: accepted, expected \"%s\"", names[i], want);
			goto next;
		}
		if (strcmp(err, want) != 0)
			check_fail(__FILE__, __LINE__, "%s:\n  got  %s\n  want %s", names[i], err, want);
next:
		defs_free(d);
		free(text);
		free(names[i]);
	}
}

/* Parses text alone as file "t.def"; returns the error, or "" when it parses. */
static const char *
parse_error(const char *text)
{
	static char err[512];
	Yoke__Definitions *d = defs_new();
	if (defs_parse(d, "t.def", text, err, sizeof err))
		err[0] = '\0';
	defs_free(d);
	return err;
}

static void
syntax_mistakes(void)
{
	CHECK_STR(parse_error("part\n"),
	    "t.def:1: expected a part number after \"part\", found the end of the line");
	CHECK_STR(parse_error("part rev=A tracking=lot \"x\"\n"),
	    "t.def:1: expected a part number after \"part\", found \"rev=A\"");
	CHECK_STR(parse_error("\n\npart P-1 rev=A \"Panel\"\n"),
	    "t.def:3: \"part\" needs tracking=none|lot|serial, found none");
	CHECK_STR(parse_error("part P-1 rev=A tracking=lot\n"),
	    "t.def:1: \"part\" needs a quoted description, found none");
	CHECK_STR(parse_error("part P-1 rev=A tracking=lot \"a\" \"b\"\n"),
	    "t.def:1: expected one quoted text in \"part\", found a second: \"b\"");
	CHECK_STR(parse_error("part P-1 rev=A rev=B tracking=lot \"a\"\n"),
	    "t.def:1: rev= is given twice");
	CHECK_STR(parse_error("part P-1 rev=A tracking=lot \"a\"x\n"),
	    "t.def:1: expected a space after the closing '\"', found 'x'");
	CHECK_STR(parse_error("part P\"1 rev=A tracking=lot \"a\"\n"),
	    "t.def:1: unexpected '\"' inside a word; a quoted text must stand apart");
	CHECK_STR(parse_error("bom P-1 \"x\"\n"),
	    "t.def:1: \"bom\" takes no quoted text, found \"x\"");
	CHECK_STR(parse_error("line R-1 qty=2\n"),
	    "t.def:1: \"line\" outside a BOM; expected \"bom PARENT\" before it");
	CHECK_STR(parse_error("bom P-1\n line R-1 qty=0\n"),
	    "t.def:2: qty: expected a whole number from 1 to 100000, found \"0\"");
	CHECK_STR(parse_error("bom P-1\n line R-1 qty=-3\n"),
	    "t.def:2: qty: expected a whole number from 1 to 100000, found \"-3\"");
	CHECK_STR(parse_error("bom P-1\n line R-1 qty=2 scanned\n"),
	    "t.def:2: unexpected \"scanned\" in \"line\"; expected qty=N or scan");
	CHECK_STR(parse_error("op 10 \"x\" station=SMT\n"),
	    "t.def:1: \"op\" outside a routing; expected \"routing PRODUCT rev=REVISION\" before it");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 1e1 \"x\" station=SMT\n"),
	    "t.def:2: operation number: expected a whole number from 1 to 100000, found \"1e1\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=SMT\n"
	    "  measure t lsl=0x10\n"),
	    "t.def:3: lsl: expected a decimal number such as 245 or -0.5, found \"0x10\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=SMT\n"
	    "  measure t lsl=1e999\n"),
	    "t.def:3: lsl: expected a decimal number such as 245 or -0.5, found \"1e999\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=SMT\n"
	    "  measure t usl=inf\n"),
	    "t.def:3: usl: expected a decimal number such as 245 or -0.5, found \"inf\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=SMT\n"
	    "  inspect \"look\" by=lead\n"),
	    "t.def:3: by: expected operator or inspector, found \"lead\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=SMT\n"
	    "  inspect \"look\" every=sometimes\n"),
	    "t.def:3: every: expected unit, first-article or 1-in-N, found \"sometimes\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=SMT\n  instruct \"\"\n"),
	    "t.def:3: work instruction: expected a non-empty text, found \"\"");
	CHECK_STR(parse_error("operator 1 role=boss \"X\"\n"),
	    "t.def:1: role: expected operator, lead, inspector, engineer or admin, found \"boss\"");
	CHECK_STR(parse_error("operator 1 role=operator qualified=P-1/10,,P-1/20 \"X\"\n"),
	    "t.def:1: qualified: expected PRODUCT/OPNO, PRODUCT/* or *, found \"\"");
	CHECK_STR(parse_error("operator 1 role=operator qualified=P-1/ten \"X\"\n"),
	    "t.def:1: qualified: expected PRODUCT/OPNO, PRODUCT/* or *, found \"P-1/ten\"");
	CHECK_STR(parse_error("station S-1 kind=SMT \"bell\a\"\n"),
	    "t.def:1: control character 0x07 at byte 27; expected printable text");
	CHECK_STR(parse_error("\"part\"\n"), "t.def:1: expected a statement keyword, found a quoted text");
	CHECK_STR(parse_error("part P-1 rev=A tracking=lot \"a\tb\"\n"),
	    "t.def:1: a tab inside quoted text; expected spaces");

	/* Over-long fields and lines. */
	char *big = xasprintf("part %s rev=A tracking=lot \"x\"\n",
	    "P123456789012345678901234567890123456789X");
	CHECK_STR(parse_error(big), "t.def:1: part number \"P1234567890123456789...\" is 41 bytes "
	    "long; at most 40 are allowed");
	free(big);
	char text[DEFS_TEXT_MAX + 2];
	memset(text, 'a', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	big = xasprintf("routing P-1 rev=A\n op 10 \"x\" station=SMT\n  check \"%s\"\n", text);
	CHECK_STR(parse_error(big), "t.def:3: step text is 1001 bytes long; at most 1000 are allowed");
	free(big);
	char line[DEFS_LINE_MAX + 10];
	memset(line, ' ', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	CHECK_STR(parse_error(line), "t.def:1: the line is 4105 bytes long; at most 4096 are allowed");
}

static void
comments_escapes_and_layout(void)
{
	char err[256];
	Yoke__Definitions *d = defs_new();
	const char *text =
	    "\xEF\xBB\xBF# byte order mark, comment, CRLF, tabs\r\n"
	    "\r\n"
	    "part\tP-1  rev=A\ttracking=none \"Say \\\"hi\\\" \\\\ # not a comment\"   # comment\r\n"
	    "station S-1 kind=K \"Bench\"";   /* no final newline */
	REQUIRE(defs_parse(d, "x.def", text, err, sizeof err));
	REQUIRE(d->n_parts == 1);
	CHECK_STR(d->parts[0]->description, "Say \"hi\" \\ # not a comment");
	CHECK_STR(d->parts[0]->source, "x.def:3");
	REQUIRE(d->n_stations == 1);
	CHECK_STR(d->stations[0]->name, "Bench");
	CHECK_STR(d->stations[0]->source, "x.def:4");
	/* An empty file and a file of comments are fine and add nothing. */
	REQUIRE(defs_parse(d, "e.def", "", err, sizeof err));
	REQUIRE(defs_parse(d, "c.def", "# nothing\n\n   # here\n", err, sizeof err));
	CHECK_INT(d->n_parts, 1);
	CHECK_INT(d->n_stations, 1);
	defs_free(d);
}

static void
chinese_round_trip(void)
{
	static const char instr[] = "装板，基准点朝上。Load panel, fiducials up.";
	static const char name[] = "Li Wei 李伟";
	char err[256], *text;
	Yoke__Definitions *d = defs_new();

	text = xasprintf("part P-1 rev=A tracking=serial \"板\"\n"
	    "station S-1 kind=SMT \"贴片线\"\n"
	    "routing P-1 rev=A\n op 10 \"贴片\" station=SMT\n  instruct \"%s\"\n"
	    "operator 1001 role=operator qualified=P-1/10 \"%s\"\n", instr, name);
	REQUIRE(defs_parse(d, "zh.def", text, err, sizeof err));
	free(text);
	if (!defs_validate(d, err, sizeof err))
		check_fail(__FILE__, __LINE__, "%s", err);
	REQUIRE(d->n_routings == 1 && d->n_operators == 1);
	const Yoke__Step *s = d->routings[0]->operations[0]->steps[0];
	CHECK_INT(strlen(s->text), strlen(instr));
	CHECK(memcmp(s->text, instr, sizeof instr) == 0);
	CHECK_STR(d->operators[0]->name, name);
	CHECK_STR(d->routings[0]->operations[0]->name, "贴片");

	/* And through the wire form the server stores. */
	size_t n = yoke__routing__get_packed_size(d->routings[0]);
	uint8_t *buf = xmalloc(n);
	yoke__routing__pack(d->routings[0], buf);
	Yoke__Routing *back = yoke__routing__unpack(NULL, n, buf);
	REQUIRE(back != NULL);
	CHECK_STR(back->operations[0]->steps[0]->text, instr);
	yoke__routing__free_unpacked(back, NULL);
	free(buf);

	/* A truncated CJK character is invalid UTF-8 and is refused. */
	CHECK_STR(parse_error("station S-1 kind=SMT \"\xE8\xB4\"\n"),
	    "t.def:1: invalid UTF-8 at byte 23 (0xE8); expected the file to be saved as UTF-8");
	defs_free(d);
}

static void
failing_file_appends_nothing(void)
{
	char err[256];
	Yoke__Definitions *d = defs_new();
	REQUIRE(defs_parse(d, "a.def", "part P-1 rev=A tracking=lot \"a\"\n", err, sizeof err));
	/* Good records before the mistake, in the same file, must not stay. */
	CHECK(!defs_parse(d, "b.def", "part P-2 rev=A tracking=lot \"b\"\n"
	    "station S-1 kind=K \"s\"\n"
	    "routing P-2 rev=A\n op 10 \"x\" station=K\n  instruct \"i\"\n"
	    "operator 7 role=admin \"A\"\n"
	    "bom P-2\n line P-1 qty=1\n"
	    "defect D-1 category=man \"d\"\n"
	    "part P-3 rev=A tracking=lots \"c\"\n", err, sizeof err));
	CHECK_STR(err, "b.def:10: tracking: expected none, lot or serial, found \"lots\"");
	CHECK_INT(d->n_parts, 1);
	CHECK_INT(d->n_stations, 0);
	CHECK_INT(d->n_routings, 0);
	CHECK_INT(d->n_operators, 0);
	CHECK_INT(d->n_boms, 0);
	CHECK_INT(d->n_defects, 0);
	CHECK_STR(d->parts[0]->number, "P-1");
	defs_free(d);
}

/* A minimal valid set to which each test adds one problem. */
static const char base[] =
    "part P-1 rev=A tracking=serial \"Board\"\n"
    "part C-1 rev=A tracking=lot \"Chip\"\n"
    "bom P-1\n line C-1 qty=1 scan\n"
    "station S-1 kind=K \"Bench\"\n"
    "routing P-1 rev=A\n op 10 \"Build\" station=K\n  scan C-1\n";

static const char *
validate_error(const char *extra)
{
	static char err[512];
	Yoke__Definitions *d = defs_new();
	if (!defs_parse(d, "base.def", base, err, sizeof err) ||
	    !defs_parse(d, "x.def", extra, err, sizeof err))
		return err;
	if (defs_validate(d, err, sizeof err))
		err[0] = '\0';
	defs_free(d);
	return err;
}

static void
reference_mistakes(void)
{
	CHECK_STR(validate_error(""), "");
	CHECK_STR(validate_error("routing P-1 rev=A\n op 10 \"B\" station=K\n  instruct \"i\"\n"),
	    "x.def:1: routing P-1 rev A is defined twice (first at base.def:6)");
	CHECK_STR(validate_error("station S-1 kind=K \"Other\"\n"),
	    "x.def:1: station S-1 is defined twice (first at base.def:5)");
	CHECK_STR(validate_error("bom P-1\n line C-1 qty=2\n"),
	    "x.def:1: bom P-1 is defined twice (first at base.def:3)");
	CHECK_STR(validate_error("bom Q-1\n line C-1 qty=1\n"),
	    "x.def:1: bom Q-1: no part Q-1 is defined; expected a \"part Q-1\" statement");
	CHECK_STR(validate_error("bom C-1\n"),
	    "x.def:1: bom C-1 has no lines; expected at least one \"line COMPONENT qty=N\"");
	CHECK_STR(validate_error("bom C-1\n line C-1\n"), "x.def:1: bom C-1 lists itself as a component");
	CHECK_STR(validate_error("part D-1 rev=A tracking=lot \"d\"\nbom D-1\n line C-1\n line C-1\n"),
	    "x.def:2: bom D-1 lists component C-1 twice; expected one line with the total qty");
	CHECK_STR(validate_error("routing Q-1 rev=A\n op 10 \"B\" station=K\n  instruct \"i\"\n"),
	    "x.def:1: routing Q-1 rev A: no part Q-1 is defined; expected a \"part Q-1\" statement");
	CHECK_STR(validate_error("routing P-1 rev=B\n"),
	    "x.def:1: routing P-1 rev B has no operations; expected at least one "
	    "\"op NUMBER \\\"NAME\\\" station=KIND\"");
	CHECK_STR(validate_error("routing P-1 rev=B\n op 10 \"B\" station=K\n  instruct \"i\"\n"
	    " op 10 \"C\" station=K\n  instruct \"i\"\n"),
	    "x.def:4: op 10 appears twice in routing P-1 rev B");
	CHECK_STR(validate_error("part C-2 rev=A tracking=lot \"c\"\n"
	    "routing C-2 rev=A\n op 10 \"B\" station=K\n  scan C-1\n"),
	    "x.def:4: scan C-1: product C-2 has no BOM; expected \"bom C-2\" with a line for C-1");
	CHECK_STR(validate_error("routing P-1 rev=B\n op 10 \"B\" station=K\n"
	    "  measure v lsl=1 target=0.5 usl=2\n"),
	    "x.def:3: measure v: target 0.5 is below lsl 1");
	CHECK_STR(validate_error("routing P-1 rev=B\n op 10 \"B\" station=K\n"
	    "  measure v usl=2 target=2.5\n"),
	    "x.def:3: measure v: target 2.5 is above usl 2");
	CHECK_STR(validate_error("operator 5 role=operator qualified=Q-1/* \"Q\"\n"),
	    "x.def:1: operator 5: qualified Q-1/*: no routing makes Q-1");
	CHECK_STR(validate_error("operator 5 role=operator qualified=P-1/*,*,P-1/10 \"Q\"\n"), "");
	CHECK_STR(validate_error("operator 5 role=operator \"Q\"\noperator 5 role=lead \"R\"\n"),
	    "x.def:2: badge 5 is defined twice (first at x.def:1)");

	/* More steps than the server's 64-bit due mask can hold. */
	char *text = xstrdup("routing P-1 rev=B\n op 10 \"B\" station=K\n");
	for (int i = 0; i < DEFS_STEPS_MAX + 1; i++) {
		char *t = xasprintf("%s  check \"c%d\"\n", text, i);
		free(text);
		text = t;
	}
	CHECK_STR(validate_error(text), "x.def:2: op 10 has 65 steps; at most 64 fit in one operation");
	free(text);
}

static void
deep_copies_own_their_memory(void)
{
	char err[512];
	Yoke__Definitions *src = load_plant(err, sizeof err), *dst = defs_new();
	REQUIRE(src != NULL);
	for (size_t i = 0; i < src->n_parts; i++)
		defs_add_part(dst, src->parts[i]);
	for (size_t i = 0; i < src->n_boms; i++)
		defs_add_bom(dst, src->boms[i]);
	for (size_t i = 0; i < src->n_routings; i++)
		defs_add_routing(dst, src->routings[i]);
	for (size_t i = 0; i < src->n_stations; i++)
		defs_add_station(dst, src->stations[i]);
	for (size_t i = 0; i < src->n_operators; i++)
		defs_add_operator(dst, src->operators[i]);
	for (size_t i = 0; i < src->n_defects; i++)
		defs_add_defect(dst, src->defects[i]);
	CHECK(dst->defects[0] != src->defects[0]);
	CHECK(dst->defects[0]->text != src->defects[0]->text);
	CHECK(dst->routings[0]->rework_operations[0] != src->routings[0]->rework_operations[0]);
	CHECK(dst->routings[0] != src->routings[0]);
	CHECK(dst->routings[0]->operations[0]->steps[0]->text !=
	    src->routings[0]->operations[0]->steps[0]->text);
	/* Freeing the source must leave the copies whole (ASan would see otherwise). */
	defs_free(src);
	CHECK_INT(dst->n_parts, 13);
	CHECK_STR(dst->routings[0]->operations[1]->steps[1]->name, "peak_temp");
	CHECK_NEAR(dst->routings[0]->operations[1]->steps[1]->usl, 250, 1e-9);
	CHECK_STR(dst->routings[0]->source, PLANT "/routing-iotc-100.def:6");
	CHECK_INT(dst->boms[0]->n_lines, 12);
	CHECK_STR(dst->operators[0]->qualified[2], "IOTC-100/30");
	CHECK_STR(dst->stations[7]->id, "QC-1");
	REQUIRE(dst->n_defects == 15);
	CHECK_STR(dst->defects[0]->code, "BRIDGE");
	CHECK_STR(dst->defects[0]->location, "U1");
	CHECK_INT(dst->defects[0]->category, YOKE__DEFECT_CATEGORY__DEFECT_METHOD);
	CHECK(defs_find_defect(dst, "ESD") != NULL);
	REQUIRE(dst->routings[0]->n_rework_operations == 2);
	CHECK(dst->routings[0]->rework_operations[1]->rework);
	CHECK_STR(dst->routings[0]->rework_operations[1]->steps[1]->name, "rail_3v3");
	CHECK_INT(dst->routings[0]->rework_limit, 2);
	if (!defs_validate(dst, err, sizeof err))
		check_fail(__FILE__, __LINE__, "%s", err);
	/* Copying into a set that holds the same records makes duplicates. */
	defs_add_defect(dst, dst->defects[3]);
	CHECK(!defs_validate(dst, err, sizeof err));
	CHECK_STR(err, PLANT "/defects.def:12: defect TOMBSTONE is defined twice (first at "
	    PLANT "/defects.def:12)");
	defs_add_station(dst, dst->stations[0]);
	CHECK(!defs_validate(dst, err, sizeof err));
	CHECK_STR(err, PLANT "/stations.def:4: station SMT-1 is defined twice (first at "
	    PLANT "/stations.def:4)");
	defs_free(dst);
}

static void
qualifications_match(void)
{
	char *q[] = { (char *)"IOTC-100/10", (char *)"PCB-1/*" };
	Yoke__Operator op;
	yoke__operator__init(&op);
	op.qualified = q;
	op.n_qualified = 2;
	CHECK(defs_qualified(&op, "IOTC-100", 10));
	CHECK(!defs_qualified(&op, "IOTC-100", 20));
	CHECK(!defs_qualified(&op, "IOTC-10", 10));
	CHECK(!defs_qualified(&op, "IOTC-1000", 10));
	CHECK(defs_qualified(&op, "PCB-1", 99));
	CHECK(!defs_qualified(&op, "PCB-2", 99));
	char *star[] = { (char *)"*" };
	op.qualified = star;
	op.n_qualified = 1;
	CHECK(defs_qualified(&op, "ANY", 1));
	op.n_qualified = 0;
	CHECK(!defs_qualified(&op, "ANY", 1));
	CHECK(!defs_qualified(NULL, "ANY", 1));
}

/* lang= names the language a person reads: one yoke has a catalogue for. */
static void
operator_language(void)
{
	Yoke__Definitions *d = defs_new();
	char err[512];

	CHECK_STR(parse_error("operator 1 role=operator lang=fr \"X\"\n"),
	    "t.def:1: lang: expected one of en zh_CN, found \"fr\"");
	CHECK_STR(parse_error("\noperator 1 role=operator lang=zh_CN.UTF-8 \"X\"\n"),
	    "t.def:2: lang: expected one of en zh_CN, found \"zh_CN.UTF-8\"");
	CHECK_STR(parse_error("operator 1 role=operator lang= \"X\"\n"),
	    "t.def:1: missing value after \"lang=\"; expected lang=en|zh_CN");
	REQUIRE(defs_parse(d, "p.def", "operator 1 role=operator lang=zh_CN \"陈静\"\n"
	    "operator 2 role=inspector lang=en \"Ann\"\n"
	    "operator 3 role=lead \"Bo\"\n", err, sizeof err));
	REQUIRE(d->n_operators == 3);
	CHECK_STR(d->operators[0]->language, "zh_CN");
	CHECK_STR(d->operators[1]->language, "");      /* en: the default, stored empty */
	CHECK_STR(d->operators[2]->language, "");
	defs_free(d);
	/* In Chinese: the place and the data as written, the words translated. */
	REQUIRE(i18n_use("zh_CN"));
	CHECK_STR(parse_error("operator 1 role=operator lang=fr \"X\"\n"),
	    "t.def:1: lang：应为 en zh_CN 之一，实际为“fr”");
	CHECK_STR(parse_error("part P-1 rev=A tracking=lots \"x\"\n"),
	    "t.def:1: tracking：应为 none、lot 或 serial，实际为“lots”");
	CHECK_STR(parse_error("bom P-1\n line R-1 qty=2 scanned\n"),
	    "t.def:2: 无法识别的“scanned”（在“line”中）；应为 qty=N 或 scan");
	i18n_use("en");
}

/* defect CODE category=... [location=...] "text": parsed, refused with
 * file:line, and unique in a set. */
static void
defect_codes(void)
{
	Yoke__Definitions *d = defs_new();
	char err[512];

	REQUIRE(defs_parse(d, "q.def", "# codes\n"
	    "defect BRIDGE category=method location=U3 \"Solder bridge between pins 引脚间连锡\"\n"
	    "defect ESD \"Static damage 静电损伤\" category=environment\n", err, sizeof err));
	REQUIRE(d->n_defects == 2);
	CHECK_STR(d->defects[0]->code, "BRIDGE");
	CHECK_INT(d->defects[0]->category, YOKE__DEFECT_CATEGORY__DEFECT_METHOD);
	CHECK_STR(d->defects[0]->location, "U3");
	CHECK_STR(d->defects[0]->text, "Solder bridge between pins 引脚间连锡");
	CHECK_STR(d->defects[0]->source, "q.def:2");
	CHECK_STR(d->defects[1]->location, "");
	CHECK_INT(d->defects[1]->category, YOKE__DEFECT_CATEGORY__DEFECT_ENVIRONMENT);
	CHECK_STR(d->defects[1]->source, "q.def:3");
	CHECK(defs_validate(d, err, sizeof err));
	defs_free(d);

	/* Every category by its name, and a location that is not ASCII. */
	static const char *const names[] = { "man", "machine", "material", "method", "measurement",
		"environment" };
	for (int c = 0; c < 6; c++) {
		char *t = xasprintf("defect C-%d category=%s location=外壳 \"x\"\n", c, names[c]);
		d = defs_new();
		CHECK(defs_parse(d, "c.def", t, err, sizeof err));
		if (d->n_defects == 1) {
			CHECK_INT(d->defects[0]->category, c + 1);
			CHECK_STR(defs_category_name(d->defects[0]->category), names[c]);
			CHECK_STR(d->defects[0]->location, "外壳");
		}
		defs_free(d);
		free(t);
	}

	CHECK_STR(parse_error("defect BRIDGE \"Solder bridge\"\n"),
	    "t.def:1: \"defect\" needs category=man|machine|material|method|measurement|environment, "
	    "found none");
	CHECK_STR(parse_error("\ndefect BRIDGE category=people \"Solder bridge\"\n"),
	    "t.def:2: category: expected man, machine, material, method, measurement or environment, "
	    "found \"people\"");
	CHECK_STR(parse_error("defect BRIDGE category=Method \"Solder bridge\"\n"),
	    "t.def:1: category: expected man, machine, material, method, measurement or environment, "
	    "found \"Method\"");
	CHECK_STR(parse_error("defect BRIDGE category=method\n"),
	    "t.def:1: \"defect\" needs a quoted defect text, found none");
	CHECK_STR(parse_error("defect BRIDGE category=method \"\"\n"),
	    "t.def:1: defect text: expected a non-empty text, found \"\"");
	CHECK_STR(parse_error("defect category=method \"x\"\n"),
	    "t.def:1: expected a defect code after \"defect\", found \"category=method\"");
	CHECK_STR(parse_error("defect\n"),
	    "t.def:1: expected a defect code after \"defect\", found the end of the line");
	CHECK_STR(parse_error("defect BR/1 category=method \"x\"\n"),
	    "t.def:1: defect code: expected printable ASCII without spaces, '/' or '\"', found \"BR/1\"");
	CHECK_STR(parse_error("defect 连锡 category=method \"x\"\n"),
	    "t.def:1: defect code: expected printable ASCII without spaces, '/' or '\"', found \"连锡\"");
	CHECK_STR(parse_error("defect BRIDGE category=method location= \"x\"\n"),
	    "t.def:1: missing value after \"location=\"; expected location=PLACE");
	CHECK_STR(parse_error("defect BRIDGE category=method location=U3 location=U4 \"x\"\n"),
	    "t.def:1: location= is given twice");
	CHECK_STR(parse_error("defect BRIDGE category=method location=U1,U2,U3,U4,U5,U6,U7,U8,U9,U10,"
	    "U11,U12,X \"x\"\n"), "");
	CHECK_STR(parse_error("defect BRIDGE category=method location=U1,U2,U3,U4,U5,U6,U7,U8,U9,U10,"
	    "U11,U12,XY \"x\"\n"), "t.def:1: location is 41 bytes long; at most 40 are allowed");
	CHECK_STR(parse_error("defect BRIDGE category=method location=外壳外壳外壳外壳外壳外壳外壳 \"x\"\n"),
	    "t.def:1: location is 42 bytes long; at most 40 are allowed");
	CHECK_STR(parse_error("defect BRIDGE category=method severity=major \"x\"\n"),
	    "t.def:1: unknown option \"severity\" for \"defect\"; expected "
	    "category=man|machine|material|method|measurement|environment or location=PLACE");
	/* A defect line ends the routing above it, like any top-level line. */
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=K\n"
	    "defect D-1 category=man \"d\"\n  instruct \"i\"\n"),
	    "t.def:4: \"instruct\" outside an operation; expected \"op NUMBER \\\"NAME\\\" "
	    "station=KIND\" before it");

	/* Unique in the set, in one file or across files. */
	CHECK_STR(validate_error("defect D-1 category=man \"a\"\ndefect D-2 category=man \"b\"\n"), "");
	CHECK_STR(validate_error("defect D-1 category=man \"a\"\n\ndefect D-1 category=method \"b\"\n"),
	    "x.def:3: defect D-1 is defined twice (first at x.def:1)");
	d = defs_new();
	REQUIRE(defs_parse(d, "a.def", "defect D-1 category=man \"a\"\n", err, sizeof err));
	REQUIRE(defs_parse(d, "b.def", "\ndefect D-1 category=man \"a\"\n", err, sizeof err));
	CHECK(!defs_validate(d, err, sizeof err));
	CHECK_STR(err, "b.def:2: defect D-1 is defined twice (first at a.def:1)");
	/* What only a set not made by the parser can hold. */
	d->n_defects = 1;
	d->defects[0]->category = YOKE__DEFECT_CATEGORY__DEFECT_CATEGORY_NONE;
	CHECK(!defs_validate(d, err, sizeof err));
	CHECK_STR(err, "a.def:1: defect D-1: expected a category (man, machine, material, method, "
	    "measurement or environment), found none");
	d->n_defects = 2;
	defs_free(d);

	REQUIRE(i18n_use("zh_CN"));
	CHECK_STR(parse_error("defect BRIDGE category=people \"x\"\n"),
	    "t.def:1: category：应为 man、machine、material、method、measurement 或 environment，"
	    "实际为“people”");
	CHECK_STR(validate_error("defect D-1 category=man \"a\"\ndefect D-1 category=man \"b\"\n"),
	    "x.def:2: 缺陷代码 D-1 定义了两次（第一次在 x.def:1）");
	i18n_use("en");
}

/* attempts= on a measure step: 1..9, absent stored 0; on any other step
 * refused where it stands. */
static void
measure_attempts(void)
{
	static const char head[] = "routing P-1 rev=A\n op 10 \"x\" station=K\n";
	Yoke__Definitions *d = defs_new();
	char err[512], *t;

	t = xasprintf("%s  measure v unit=V lsl=1 usl=2 attempts=3 \"Volts\"\n"
	    "  measure w usl=2\n  measure z usl=2 attempts=9\n  measure y usl=2 attempts=1\n", head);
	REQUIRE(defs_parse(d, "m.def", t, err, sizeof err));
	free(t);
	REQUIRE(d->n_routings == 1 && d->routings[0]->operations[0]->n_steps == 4);
	CHECK_INT(d->routings[0]->operations[0]->steps[0]->attempts, 3);
	CHECK_STR(d->routings[0]->operations[0]->steps[0]->text, "Volts");
	CHECK_INT(d->routings[0]->operations[0]->steps[1]->attempts, 0);
	CHECK_INT(d->routings[0]->operations[0]->steps[2]->attempts, 9);
	CHECK_INT(d->routings[0]->operations[0]->steps[3]->attempts, 1);
	defs_free(d);

	static const struct { const char *step, *want; } bad[] = {
		{ "  measure v usl=2 attempts=0\n",
		  "t.def:3: attempts: expected a whole number from 1 to 9, found \"0\"" },
		{ "  measure v usl=2 attempts=10\n",
		  "t.def:3: attempts: expected a whole number from 1 to 9, found \"10\"" },
		{ "  measure v usl=2 attempts=-1\n",
		  "t.def:3: attempts: expected a whole number from 1 to 9, found \"-1\"" },
		{ "  measure v usl=2 attempts=2.5\n",
		  "t.def:3: attempts: expected a whole number from 1 to 9, found \"2.5\"" },
		{ "  measure v usl=2 attempts=\n",
		  "t.def:3: missing value after \"attempts=\"; expected attempts=1..9" },
		{ "  check \"LEDs green\" attempts=2\n",
		  "t.def:3: unknown option \"attempts\" for \"check\"; expected gauge=KIND" },
		{ "  instruct \"Apply 24 V\" attempts=2\n",
		  "t.def:3: unknown option \"attempts\" for \"instruct\"; expected nothing more" },
		{ "  scan C-1 attempts=2\n",
		  "t.def:3: unknown option \"attempts\" for \"scan\"; expected qty=N or from=setup" },
		{ "  inspect \"Look\" attempts=2\n",
		  "t.def:3: unknown option \"attempts\" for \"inspect\"; expected by=operator|inspector, "
		  "every=unit|first-article|1-in-N or fai=wo|shift|setup" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = xasprintf("%s%s", head, bad[i].step);
		CHECK_STR(parse_error(t), bad[i].want);
		free(t);
	}
	CHECK_STR(parse_error("part P-1 rev=A tracking=lot attempts=2 \"x\"\n"),
	    "t.def:1: unknown option \"attempts\" for \"part\"; expected rev=REVISION, "
	    "tracking=none|lot|serial, gtin=GTIN,..., supplier=SUPPLIER:PARTNO,..., lots=received, "
	    "iqc=I|II|III|S-1..S-4, aql=0.010..10 or check=NAME,...");
	CHECK_STR(parse_error("routing P-1 rev=A attempts=2\n"),
	    "t.def:1: unknown option \"attempts\" for \"routing\"; expected rev=REVISION, "
	    "rework_limit=1..99 or released");

	/* What only a set not made by the parser can hold. */
	d = defs_new();
	REQUIRE(defs_parse(d, "base.def", base, err, sizeof err));
	REQUIRE(defs_parse(d, "m.def", "routing P-1 rev=B\n op 10 \"x\" station=K\n"
	    "  measure v usl=2\n  check \"c\"\n", err, sizeof err));
	CHECK(defs_validate(d, err, sizeof err));
	d->routings[1]->operations[0]->steps[0]->attempts = 10;
	CHECK(!defs_validate(d, err, sizeof err));
	CHECK_STR(err, "m.def:3: measure v: attempts: expected a whole number from 1 to 9, found 10");
	d->routings[1]->operations[0]->steps[0]->attempts = 9;
	d->routings[1]->operations[0]->steps[1]->attempts = 2;
	CHECK(!defs_validate(d, err, sizeof err));
	CHECK_STR(err, "m.def:4: expected attempts= on a measure step only, found it on another kind "
	    "of step");
	defs_free(d);
}

/* A routing's rework operations: their own steps and station kind, a
 * number of their own, a re-inspection of every unit; rework_limit=. */
static void
rework_operations(void)
{
	Yoke__Definitions *d = defs_new();
	char err[512], *t;
	static const char good[] =
	    "station R-1 kind=REPAIR \"Repair bench 返修台\"\n"
	    "routing P-1 rev=B released rework_limit=5\n"
	    " op 10 \"Build\" station=K\n  scan C-1\n"
	    " rework 900 \"Solder rework 焊接返修\" station=REPAIR\n"
	    "  instruct \"Resolder 重焊\"\n"
	    "  scan C-1 qty=1 \"New chip\"\n"
	    "  measure v unit=V lsl=1 usl=2 attempts=2\n"
	    "  check \"Joint shiny\"\n"
	    "  inspect \"Re-inspection after rework 返修后复检\" by=inspector every=unit\n"
	    " rework 100 \"Test rework\" station=K\n"
	    "  inspect \"Again\"\n"
	    " op 20 \"Pack\" station=K\n  instruct \"Box it\"\n"
	    "operator 7 role=operator qualified=P-1/900,P-1/100,P-1/20 \"Rita\"\n";

	REQUIRE(defs_parse(d, "base.def", base, err, sizeof err));
	REQUIRE(defs_parse(d, "w.def", good, err, sizeof err));
	if (!defs_validate(d, err, sizeof err))
		check_fail(__FILE__, __LINE__, "%s", err);
	REQUIRE(d->n_routings == 2);
	const Yoke__Routing *r = d->routings[1];
	CHECK(r->released);
	CHECK_INT(r->rework_limit, 5);
	CHECK_INT(d->routings[0]->rework_limit, 0);       /* absent: the default, stored 0 */
	CHECK_INT(d->routings[0]->n_rework_operations, 0);
	REQUIRE(r->n_operations == 2 && r->n_rework_operations == 2);
	CHECK_INT(r->operations[1]->number, 20);          /* an op after a rework is an op */
	CHECK(!r->operations[1]->rework);
	const Yoke__Operation *rw = r->rework_operations[0];
	CHECK(rw->rework);
	CHECK_INT(rw->number, 900);
	CHECK_STR(rw->name, "Solder rework 焊接返修");
	CHECK_STR(rw->station_kind, "REPAIR");
	CHECK_STR(rw->source, "w.def:5");
	REQUIRE(rw->n_steps == 5);
	CHECK_INT(rw->steps[0]->kind, YOKE__STEP_KIND__STEP_INSTRUCT);
	CHECK_STR(rw->steps[1]->part, "C-1");
	CHECK_STR(rw->steps[1]->text, "New chip");
	CHECK_INT(rw->steps[2]->attempts, 2);
	CHECK_INT(rw->steps[3]->kind, YOKE__STEP_KIND__STEP_CHECK);
	CHECK_INT(rw->steps[4]->kind, YOKE__STEP_KIND__STEP_INSPECT);
	CHECK(rw->steps[4]->needs_inspector);
	CHECK_STR(rw->steps[4]->source, "w.def:10");
	CHECK_INT(r->rework_operations[1]->number, 100);  /* any order, inspect every unit by default */
	CHECK(defs_qualified(d->operators[0], "P-1", 900));
	defs_free(d);

	/* The syntax, each mistake where it stands. */
	CHECK_STR(parse_error("rework 900 \"Rework\" station=REPAIR\n"),
	    "t.def:1: \"rework\" outside a routing; expected \"routing PRODUCT rev=REVISION\" before it");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=K\n  instruct \"i\"\n"
	    "station S-2 kind=K \"s\"\n rework 900 \"Rework\" station=REPAIR\n"),
	    "t.def:5: \"rework\" outside a routing; expected \"routing PRODUCT rev=REVISION\" before it");
	CHECK_STR(parse_error("routing P-1 rev=A\n rework nine \"Rework\" station=REPAIR\n"),
	    "t.def:2: rework operation number: expected a whole number from 1 to 100000, found \"nine\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n rework 0 \"Rework\" station=REPAIR\n"),
	    "t.def:2: rework operation number: expected a whole number from 1 to 100000, found \"0\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n rework 900 \"Rework\"\n"),
	    "t.def:2: \"rework\" needs station=KIND, found none");
	CHECK_STR(parse_error("routing P-1 rev=A\n rework 900 station=REPAIR\n"),
	    "t.def:2: \"rework\" needs a quoted operation name, found none");
	CHECK_STR(parse_error("routing P-1 rev=A\n rework\n"),
	    "t.def:2: expected a rework operation number after \"rework\", found the end of the line");
	CHECK_STR(parse_error("routing P-1 rev=A\n rework 900 \"R\" station=RE/PAIR\n"),
	    "t.def:2: station kind: expected printable ASCII without spaces, '/' or '\"', found "
	    "\"RE/PAIR\"");
	CHECK_STR(parse_error("routing P-1 rev=A\n op 10 \"x\" station=K rework_limit=2\n"),
	    "t.def:2: unknown option \"rework_limit\" for \"op\"; expected station=KIND");
	CHECK_STR(parse_error("routing P-1 rev=A\n rework 900 \"R\" station=K released\n"),
	    "t.def:2: unexpected \"released\" in \"rework\"; expected station=KIND");
	CHECK_STR(parse_error("routing P-1 rev=A rework_limit=0\n"),
	    "t.def:1: rework_limit: expected a whole number from 1 to 99, found \"0\"");
	CHECK_STR(parse_error("routing P-1 rev=A rework_limit=100\n"),
	    "t.def:1: rework_limit: expected a whole number from 1 to 99, found \"100\"");
	CHECK_STR(parse_error("routing P-1 rev=A rework_limit=two\n"),
	    "t.def:1: rework_limit: expected a whole number from 1 to 99, found \"two\"");
	CHECK_STR(parse_error("routing P-1 rev=A rework_limit=\n"),
	    "t.def:1: missing value after \"rework_limit=\"; expected rework_limit=1..99");
	d = defs_new();
	REQUIRE(defs_parse(d, "l.def", "routing P-1 rev=A rework_limit=1\n"
	    "routing P-1 rev=B released rework_limit=99\n", err, sizeof err));
	CHECK_INT(d->routings[0]->rework_limit, 1);
	CHECK_INT(d->routings[1]->rework_limit, 99);
	defs_free(d);

	/* Checked with the set: as an operation, and more. */
	static const char op10[] = "routing P-1 rev=B\n op 10 \"B\" station=K\n  instruct \"i\"\n";
	static const struct { const char *rework, *want; } bad[] = {
		{ " rework 900 \"R\" station=K\n  instruct \"Resolder\"\n  check \"Shiny\"\n",
		  "x.def:4: rework 900: expected an inspect step with every=unit (a reworked unit is "
		  "always inspected again), found none" },
		{ " rework 900 \"R\" station=K\n  inspect \"Look\" every=first-article\n",
		  "x.def:4: rework 900: expected an inspect step with every=unit (a reworked unit is "
		  "always inspected again), found none" },
		{ " rework 900 \"R\" station=K\n  inspect \"Look\" by=inspector every=1-in-2\n",
		  "x.def:4: rework 900: expected an inspect step with every=unit (a reworked unit is "
		  "always inspected again), found none" },
		{ " rework 900 \"R\" station=K\n",
		  "x.def:4: rework 900 has no steps; expected at least one instruct, scan, measure, check "
		  "or inspect" },
		{ " rework 10 \"R\" station=K\n  inspect \"Look\"\n",
		  "x.def:4: rework 10: routing P-1 rev B has op 10 already (at x.def:2); expected a number "
		  "of its own" },
		{ " rework 900 \"R\" station=K\n  inspect \"Look\"\n op 900 \"Late\" station=K\n"
		  "  instruct \"i\"\n",
		  "x.def:4: rework 900: routing P-1 rev B has op 900 already (at x.def:6); expected a "
		  "number of its own" },
		{ " rework 910 \"R\" station=K\n  inspect \"Look\"\n rework 900 \"S\" station=K\n"
		  "  inspect \"Look\"\n rework 910 \"T\" station=K\n  inspect \"Look\"\n",
		  "x.def:8: rework 910 appears twice in routing P-1 rev B (first at x.def:4)" },
		{ " rework 900 \"R\" station=REPAIR\n  inspect \"Look\"\n",
		  "x.def:4: rework 900: no station has kind REPAIR; expected K" },
		{ " rework 900 \"R\" station=K\n  scan X-1\n  inspect \"Look\"\n",
		  "x.def:5: scan X-1: X-1 is not on the BOM of P-1 (base.def:3)" },
		{ " rework 900 \"R\" station=K\n  measure v lsl=2 usl=1\n  inspect \"Look\"\n",
		  "x.def:5: measure v: lsl 2 is above usl 1" },
		{ " rework 900 \"R\" station=K\n  measure v unit=V\n  inspect \"Look\"\n",
		  "x.def:5: measure v: expected at least one limit (lsl= or usl=), found none" },
		{ " rework 900 \"R\" station=K\n  inspect \"Look\"\n"
		  "operator 5 role=operator qualified=P-1/901 \"Q\"\n",
		  "x.def:6: operator 5: qualified P-1/901: no routing of P-1 has op 901" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = xasprintf("%s%s", op10, bad[i].rework);
		CHECK_STR(validate_error(t), bad[i].want);
		free(t);
	}
	/* A routing of rework operations only has no operations. */
	CHECK_STR(validate_error("routing P-1 rev=B\n rework 900 \"R\" station=K\n  inspect \"Look\"\n"),
	    "x.def:1: routing P-1 rev B has no operations; expected at least one "
	    "\"op NUMBER \\\"NAME\\\" station=KIND\"");
	/* More steps than one operation holds. */
	t = xasprintf("%s rework 900 \"R\" station=K\n", op10);
	for (int i = 0; i < DEFS_STEPS_MAX + 1; i++) {
		char *u = xasprintf("%s  inspect \"c%d\"\n", t, i);
		free(t);
		t = u;
	}
	CHECK_STR(validate_error(t), "x.def:4: rework 900 has 65 steps; at most 64 fit in one operation");
	free(t);

	/* What only a set not made by the parser can hold. */
	d = defs_new();
	REQUIRE(defs_parse(d, "base.def", base, err, sizeof err));
	d->routings[0]->rework_limit = 100;
	CHECK(!defs_validate(d, err, sizeof err));
	CHECK_STR(err, "base.def:6: routing P-1 rev A: rework_limit: expected a whole number from 1 to "
	    "99, found 100");
	d->routings[0]->rework_limit = 99;
	CHECK(defs_validate(d, err, sizeof err));
	defs_free(d);

	REQUIRE(i18n_use("zh_CN"));
	t = xasprintf("%s rework 900 \"R\" station=K\n  instruct \"Resolder\"\n", op10);
	CHECK_STR(validate_error(t), "x.def:4: 返工工序 900：需要一条 every=unit 的 inspect 步骤"
	    "（返工后的产品必须重新检验），实际没有");
	free(t);
	CHECK_STR(parse_error("rework 900 \"R\" station=K\n"),
	    "t.def:1: “rework”不在工艺路线内；前面应有“routing PRODUCT rev=REVISION”");
	i18n_use("en");
}

/* capa_trigger CODE|* count=N within=M per=station|part: the counts, the
 * choice of per=, a code the set defines, once per code and per=. */
static void
capa_triggers(void)
{
	Yoke__Definitions *d = defs_new();
	char err[512];
	static const char codes[] = "defect BRIDGE category=method \"Bridge\"\n";

	REQUIRE(defs_parse(d, "c.def", codes, err, sizeof err));
	REQUIRE(defs_parse(d, "t.def", "# when to propose a CAPA\n"
	    "capa_trigger BRIDGE count=3 within=50 per=station\n"
	    "capa_trigger * per=part within=10000 count=2\n"
	    "capa_trigger BRIDGE count=5 within=5 per=part\n", err, sizeof err));
	REQUIRE(d->n_capa_triggers == 3);
	const Yoke__CapaTrigger *t = d->capa_triggers[0];
	CHECK_STR(t->defect, "BRIDGE");
	CHECK_INT(t->count, 3);
	CHECK_INT(t->within, 50);
	CHECK(!t->per_part);
	CHECK_STR(t->source, "t.def:2");
	t = d->capa_triggers[1];
	CHECK_STR(t->defect, "*");
	CHECK_INT(t->count, 2);
	CHECK_INT(t->within, 10000);
	CHECK(t->per_part);
	CHECK_STR(defs_capa_per_name(t->per_part), "part");
	CHECK_INT(d->capa_triggers[2]->count, 5);
	if (!defs_validate(d, err, sizeof err))
		check_fail(__FILE__, __LINE__, "%s", err);
	/* A deep copy owns its memory. */
	Yoke__Definitions *copy = defs_new();
	defs_add_capa_trigger(copy, d->capa_triggers[0]);
	defs_free(d);
	REQUIRE(copy->n_capa_triggers == 1);
	CHECK_STR(copy->capa_triggers[0]->defect, "BRIDGE");
	CHECK_STR(copy->capa_triggers[0]->source, "t.def:2");
	defs_free(copy);

	/* Each line on its own. */
	static const struct { const char *line, *want; } bad[] = {
		{ "capa_trigger BRIDGE count=1 within=50 per=station\n",
		  "t.def:1: count: expected a whole number from 2 to 10000, found \"1\"" },
		{ "capa_trigger BRIDGE count=3 within=10001 per=station\n",
		  "t.def:1: within: expected a whole number from 2 to 10000, found \"10001\"" },
		{ "capa_trigger BRIDGE count=three within=50 per=station\n",
		  "t.def:1: count: expected a whole number from 2 to 10000, found \"three\"" },
		{ "capa_trigger BRIDGE count=6 within=5 per=station\n",
		  "t.def:1: count=6 is more than within=5; expected at most as many defects as units" },
		{ "capa_trigger BRIDGE count=3 within=50 per=line\n",
		  "t.def:1: per: expected station or part, found \"line\"" },
		{ "capa_trigger BRIDGE count=3 within=50\n",
		  "t.def:1: \"capa_trigger\" needs per=station|part, found none" },
		{ "capa_trigger BRIDGE within=50 per=part\n",
		  "t.def:1: \"capa_trigger\" needs count=2..10000, found none" },
		{ "capa_trigger count=3 within=50 per=part\n",
		  "t.def:1: expected a defect code or * after \"capa_trigger\", found \"count=3\"" },
		{ "capa_trigger BR/1 count=3 within=50 per=part\n",
		  "t.def:1: defect code: expected printable ASCII without spaces, '/' or '\"', found "
		  "\"BR/1\"" },
		{ "capa_trigger BRIDGE count=3 within=50 per=part days=30\n",
		  "t.def:1: unknown option \"days\" for \"capa_trigger\"; expected count=2..10000, "
		  "within=2..10000 or per=station|part" },
		{ "capa_trigger BRIDGE count=3 within=50 per=part \"why\"\n",
		  "t.def:1: \"capa_trigger\" takes no quoted text, found \"why\"" },
		{ "capa_trigger BRIDGE count=3 count=4 within=50 per=part\n",
		  "t.def:1: count= is given twice" },
		{ "routing P-1 rev=A\n op 10 \"x\" station=K\ncapa_trigger * count=3 within=50 "
		  "per=part\n  instruct \"i\"\n",
		  "t.def:4: \"instruct\" outside an operation; expected \"op NUMBER \\\"NAME\\\" "
		  "station=KIND\" before it" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_STR(parse_error(bad[i].line), bad[i].want);

	/* With the set: the code must be defined; one trigger per code and per=. */
	CHECK_STR(validate_error("capa_trigger * count=2 within=2 per=station\n"), "");
	CHECK_STR(validate_error("defect D-1 category=man \"a\"\n"
	    "capa_trigger D-1 count=2 within=9 per=station\ncapa_trigger D-1 count=2 within=9 "
	    "per=part\n"), "");
	CHECK_STR(validate_error("capa_trigger D-1 count=3 within=50 per=station\n"),
	    "x.def:1: capa_trigger D-1: no defect D-1 is defined; expected a defect code or *");
	CHECK_STR(validate_error("defect D-1 category=man \"a\"\n"
	    "capa_trigger D-1 count=3 within=50 per=station\n\n"
	    "capa_trigger D-1 count=4 within=60 per=station\n"),
	    "x.def:4: capa_trigger D-1 per=station is defined twice (first at x.def:2)");
	CHECK_STR(validate_error("capa_trigger * count=3 within=50 per=part\n"
	    "capa_trigger * count=3 within=50 per=part\n"),
	    "x.def:2: capa_trigger * per=part is defined twice (first at x.def:1)");
	/* What only a set not made by the parser can hold. */
	d = defs_new();
	REQUIRE(defs_parse(d, "c.def", "capa_trigger * count=3 within=50 per=part\n", err, sizeof err));
	d->capa_triggers[0]->count = 51;
	CHECK(!defs_validate(d, err, sizeof err));
	CHECK_STR(err, "c.def:1: capa_trigger *: expected 2 <= count <= within <= 10000, found "
	    "count=51 within=50");
	d->capa_triggers[0]->count = 1;
	CHECK(!defs_validate(d, err, sizeof err));
	d->capa_triggers[0]->count = 50;
	CHECK(defs_validate(d, err, sizeof err));
	defs_free(d);

	REQUIRE(i18n_use("zh_CN"));
	CHECK_STR(parse_error("capa_trigger BRIDGE count=6 within=5 per=station\n"),
	    "t.def:1: count=6 大于 within=5；缺陷次数不能多于产品数");
	CHECK_STR(validate_error("capa_trigger D-1 count=3 within=50 per=station\n"),
	    "x.def:1: capa_trigger D-1：未定义缺陷代码 D-1；应为已定义的缺陷代码或 *");
	i18n_use("en");
}

/* gtin= and supplier= on a part: each GTIN's digits and check digit, kept
 * as 14 digits; one GTIN names one part, across files, with file:line. */
static void
part_gtins_and_suppliers(void)
{
	char err[512];
	Yoke__Definitions *d = defs_new();
	REQUIRE(defs_parse(d, "m.def", "part MCU-F407 rev=A tracking=lot gtin=09521234543213,95212340,"
	    "012345678905 supplier=ACME:ACM-4471,LCSC:C8734 \"MCU\"\n", err, sizeof err));
	REQUIRE(d->parts[0]->n_gtins == 3);
	CHECK_STR(d->parts[0]->gtins[0], "09521234543213");
	CHECK_STR(d->parts[0]->gtins[1], "00000095212340");
	CHECK_STR(d->parts[0]->gtins[2], "00012345678905");
	REQUIRE(d->parts[0]->n_supplier_parts == 2);
	CHECK_STR(d->parts[0]->supplier_parts[0]->supplier, "ACME");
	CHECK_STR(d->parts[0]->supplier_parts[0]->part_number, "ACM-4471");
	CHECK_STR(d->parts[0]->supplier_parts[1]->supplier, "LCSC");
	/* A deep copy keeps both lists. */
	Yoke__Definitions *e = defs_new();
	defs_add_part(e, d->parts[0]);
	CHECK_STR(e->parts[0]->gtins[2], "00012345678905");
	CHECK_STR(e->parts[0]->supplier_parts[1]->part_number, "C8734");
	defs_free(e);
	defs_free(d);

	CHECK_STR(parse_error("part P rev=A tracking=lot gtin=09521234543214 \"x\"\n"),
	    "t.def:1: gtin 09521234543214: the check digit is wrong (expected 3)");
	CHECK_STR(parse_error("part P rev=A tracking=lot gtin=0952123454321 \"x\"\n"),
	    "t.def:1: gtin 0952123454321: the check digit is wrong (expected 4)");
	CHECK_STR(parse_error("part P rev=A tracking=lot gtin=952123454321X \"x\"\n"),
	    "t.def:1: gtin: expected 8, 12, 13 or 14 digits, found \"952123454321X\"");
	CHECK_STR(parse_error("part P rev=A tracking=lot gtin=123 \"x\"\n"),
	    "t.def:1: gtin: expected 8, 12, 13 or 14 digits, found \"123\"");
	CHECK_STR(parse_error("part P rev=A tracking=lot gtin=09521234543213, \"x\"\n"),
	    "t.def:1: gtin: expected 8, 12, 13 or 14 digits, found \"\"");
	CHECK_STR(parse_error("part P rev=A tracking=lot gtin= \"x\"\n"),
	    "t.def:1: missing value after \"gtin=\"; expected gtin=GTIN,...");
	CHECK_STR(parse_error("part P rev=A tracking=lot gtin=09521234543213,9521234543213 \"x\"\n"),
	    "t.def:1: gtin 09521234543213 is listed twice for part P");
	CHECK_STR(parse_error("part P rev=A tracking=lot supplier=ACME \"x\"\n"),
	    "t.def:1: supplier: expected SUPPLIER:PARTNO (a supplier code, ':' and the supplier's "
	    "part number, at most 40 characters), found \"ACME\"");
	CHECK_STR(parse_error("part P rev=A tracking=lot supplier=:X \"x\"\n"),
	    "t.def:1: supplier: expected SUPPLIER:PARTNO (a supplier code, ':' and the supplier's "
	    "part number, at most 40 characters), found \":X\"");
	CHECK_STR(parse_error("part P rev=A tracking=lot supplier=AC/ME:X \"x\"\n"),
	    "t.def:1: supplier code: expected printable ASCII without spaces, '/' or '\"', found "
	    "\"AC/ME\"");
	CHECK_STR(parse_error("part P rev=A tracking=lot supplier=A:X,A:X \"x\"\n"),
	    "t.def:1: supplier A:X is listed twice for part P");

	/* One GTIN, two parts: refused at the later one, naming the first. */
	CHECK_STR(validate_error("part D-1 rev=A tracking=lot gtin=95212340 \"d\"\n"
	    "part D-2 rev=A tracking=lot gtin=00000095212340 \"e\"\n"),
	    "x.def:2: part D-2: gtin 00000095212340 is also part D-1's (at x.def:1); a GTIN "
	    "names one part");
	CHECK_STR(validate_error("part D-1 rev=A tracking=lot gtin=09521234543213 \"d\"\n"), "");
}

/* supplier CODE "name", once per code; once any supplier is defined a
 * part's supplier=CODE:... names one; lots=received and nothing else. */
static void
suppliers_and_lots_received(void)
{
	char err[512];
	Yoke__Definitions *d = defs_new();
	REQUIRE(defs_parse(d, "s.def", "supplier ACME \"Acme Components\"\n"
	    "part IC rev=A tracking=lot lots=received supplier=ACME:A-1 \"IC\"\n"
	    "part R rev=A tracking=lot \"Resistor\"\n", err, sizeof err));
	REQUIRE(d->n_suppliers == 1);
	CHECK_STR(d->suppliers[0]->code, "ACME");
	CHECK_STR(d->suppliers[0]->name, "Acme Components");
	CHECK_STR(d->suppliers[0]->source, "s.def:1");
	CHECK(d->parts[0]->lots_received);
	CHECK(!d->parts[1]->lots_received);
	CHECK(defs_validate(d, err, sizeof err));
	defs_free(d);

	CHECK_STR(parse_error("part P rev=A tracking=lot lots=any \"x\"\n"),
	    "t.def:1: lots: expected lots=received, found \"any\"");
	CHECK_STR(parse_error("supplier ACME\n"),
	    "t.def:1: \"supplier\" needs the supplier's quoted name, found none");
	CHECK_STR(parse_error("supplier AC/ME \"x\"\n"),
	    "t.def:1: supplier code: expected printable ASCII without spaces, '/' or '\"', found "
	    "\"AC/ME\"");
	CHECK_STR(validate_error("supplier ACME \"A\"\nsupplier ACME \"B\"\n"),
	    "x.def:2: supplier ACME is defined twice (first at x.def:1)");
	CHECK_STR(validate_error("supplier ACME \"A\"\n"
	    "part Q rev=A tracking=lot supplier=LCSC:C1 \"x\"\n"),
	    "x.def:2: part Q: supplier=LCSC:...: no supplier LCSC is defined; expected one of the "
	    "supplier statements' codes");
	/* Without any supplier statement, supplier= names anyone. */
	CHECK_STR(validate_error("part Q rev=A tracking=lot supplier=LCSC:C1 \"x\"\n"), "");
}

int
main(void)
{
	harness_i18n_init();
	RUN(demo_plant_loads);
	RUN(broken_files_refused);
	RUN(syntax_mistakes);
	RUN(comments_escapes_and_layout);
	RUN(chinese_round_trip);
	RUN(failing_file_appends_nothing);
	RUN(reference_mistakes);
	RUN(deep_copies_own_their_memory);
	RUN(qualifications_match);
	RUN(operator_language);
	RUN(defect_codes);
	RUN(measure_attempts);
	RUN(rework_operations);
	RUN(capa_triggers);
	RUN(part_gtins_and_suppliers);
	RUN(suppliers_and_lots_received);
	return check_done();
}
