/*
 * it_export.c — yokectl export against a real yoked after the scripted
 * run of tests/lib/work_run.h: the EPCIS 2.0 document is valid by GS1's
 * JSON schema (tests/data/epcis/, checked by /usr/bin/python3 with
 * jsonschema) and a broken one is not; components are aggregated into
 * their units; a part with a GTIN gets a Digital Link, one without yoke's
 * URN; the CSV and JSON exports of units, events and NCRs parse back; the
 * pages of an export cover the window once; who may export.
 */
#include "tests/lib/check.h"
#include "tests/lib/ctl_run.h"
#include "tests/lib/harness.h"
#include "tests/lib/work_run.h"
#include "shared/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define SCHEMA "tests/data/epcis/EPCIS-JSON-Schema.json"
#define PYTHON "/usr/bin/python3"

static struct work_run w;
static bool started;
static char from[32], to[32], dir[300];

static bool
ctl_ready(void)
{
	static bool ready;
	struct cert c;
	char certfile[700];
	time_t t0 = (time_t)(w.started_us / 1000000), t1 = (time_t)(w.ended_us / 1000000) + 1;
	struct tm tm;
	FILE *f;
	if (ready)
		return true;
	if (!started || access(ctl_path(), X_OK) != 0 || !harness_enrol(w.y, "ctl@export", "", &c))
		return false;
	snprintf(certfile, sizeof certfile, "%s/devices/ctl@export.cert", w.y->keys);
	ctl_run_paths(certfile, w.y->root);
	snprintf(dir, sizeof dir, "%s", w.y->root);
	if ((f = fopen(ctl_pins, "w")) == NULL)
		return false;
	fprintf(f, "%s\n", HARNESS_PIN);
	if (fclose(f) != 0)
		return false;
	localtime_r(&t0, &tm);
	strftime(from, sizeof from, "%Y-%m-%dT%H:%M:%S", &tm);
	localtime_r(&t1, &tm);
	strftime(to, sizeof to, "%Y-%m-%dT%H:%M:%S", &tm);
	ready = true;
	return true;
}

/* Runs a command; its exit status, and its output (malloc'd) in *out. */
static int
run(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0, cap = 4096;
	char *buf = xmalloc(cap);
	int st;
	if (p == NULL) {
		free(buf);
		return -1;
	}
	while (!feof(p)) {
		if (n + 1024 > cap)
			buf = xrealloc(buf, cap *= 2);
		n += fread(buf + n, 1, cap - n - 1, p);
	}
	buf[n] = '\0';
	st = pclose(p);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
validate(const char *file, char **out)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, PYTHON " tests/lib/epcis_validate.py " SCHEMA " '%s' 2>&1", file);
	return run(cmd, out);
}

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
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	buf[fread(buf, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return buf;
}

static void
test_epcis_document_valid_by_the_schema(void)
{
	char file[400], *out = NULL, *doc;
	REQUIRE(access(PYTHON, X_OK) == 0);
	REQUIRE(ctl_ready());
	snprintf(file, sizeof file, "%s/run.jsonld", dir);
	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "export", "epcis", "--from", from, "--to", to,
	    "--plant", "sz1", file);
	CHECK_INT(validate(file, &out), 0);
	if (out && strstr(out, "\nvalid") == NULL)
		fprintf(stderr, "    %s\n", out);
	free(out);
	REQUIRE((doc = slurp(file)) != NULL);
	HAS(doc, "\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"");
	HAS(doc, "\"type\":\"EPCISDocument\"");
	HAS(doc, "\"schemaVersion\":\"2.0\"");
	/* The unit (GADGET has a GTIN): a Digital Link; commissioned, assembled, inspected. */
	HAS(doc, "\"epcList\":[\"https://id.gs1.org/01/09521234000037/21/WO1-0001\"],\"action\":\"ADD\","
	    "\"bizStep\":\"commissioning\"");
	HAS(doc, "\"action\":\"OBSERVE\",\"bizStep\":\"assembling\",\"disposition\":\"in_progress\","
	    "\"readPoint\":{\"id\":\"urn:yoke:sz1:station:ASSY-1\"}");
	HAS(doc, "\"bizStep\":\"inspecting\",\"disposition\":\"conformant\"");
	HAS(doc, "\"bizStep\":\"inspecting\",\"disposition\":\"non_conformant\"");
	HAS(doc, "\"bizTransactionList\":[{\"type\":\"prodorder\",\"bizTransaction\":"
	    "\"urn:yoke:sz1:wo:WO1\"}]");
	/* Aggregation: the board (no GTIN) by yoke's URN, the IC's lot by its GTIN. */
	HAS(doc, "\"type\":\"AggregationEvent\"");
	HAS(doc, "\"parentID\":\"https://id.gs1.org/01/09521234000037/21/WO1-0002\","
	    "\"childEPCs\":[\"urn:yoke:sz1:serial:BOARD-1:B2\"],\"action\":\"ADD\"");
	HAS(doc, "\"childQuantityList\":[{\"epcClass\":\"https://id.gs1.org/01/09521234543213/10/L1\","
	    "\"quantity\":1}]");
	/* The scrapped unit. */
	HAS(doc, "\"epcList\":[\"https://id.gs1.org/01/09521234000037/21/WO1-0003\"],"
	    "\"action\":\"DELETE\",\"bizStep\":\"destroying\",\"disposition\":\"destroyed\"");
	LACKS(doc, "\"epcList\":[\"urn:yoke:sz1:unit:");
	free(doc);
}

/* The same document broken three ways: each must fail the schema. */
static void
test_broken_documents_fail_the_schema(void)
{
	char file[400], bad[400], cmd[1600], *out = NULL;
	const char *breaks[] = {
		/* an action EPCIS does not have */
		"s.replace('\\x22action\\x22:\\x22OBSERVE\\x22', '\\x22action\\x22:\\x22LOOK\\x22', 1)",
		/* an event without its time zone */
		"s.replace('\\x22eventTimeZoneOffset\\x22:', '\\x22eventTimeZone\\x22:', 1)",
		/* a parent that is no URI */
		"s.replace('\\x22parentID\\x22:\\x22https://id.gs1.org', '\\x22parentID\\x22:\\x22not a uri ', 1)",
	};
	REQUIRE(ctl_ready());
	snprintf(file, sizeof file, "%s/run.jsonld", dir);
	if (access(file, R_OK) != 0)
		EXPECT_RC(0, "C.UTF-8", "--badge", "300", "export", "epcis", "--from", from, "--to", to,
		    file);
	snprintf(bad, sizeof bad, "%s/broken.jsonld", dir);
	for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
		snprintf(cmd, sizeof cmd, PYTHON " -c \"import sys; s=open(sys.argv[1]).read(); "
		    "t=%s; assert t != s; open(sys.argv[2],'w').write(t)\" '%s' '%s'", breaks[i], file,
		    bad);
		REQUIRE(run(cmd, NULL) == 0);
		CHECK_INT(validate(bad, &out), 1);
		HAS(out, "invalid at /epcisBody/eventList/");
		free(out);
		out = NULL;
	}
}

/* A Python one-liner over a file: its output. */
static char *
python(const char *code, const char *file)
{
	char cmd[2000], *out = NULL;
	snprintf(cmd, sizeof cmd, PYTHON " -c \"%s\" '%s' 2>&1", code, file);
	if (run(cmd, &out) != 0) {
		fprintf(stderr, "    python: %s\n", out ? out : "");
	}
	return out;
}

static void
test_csv_and_json_parse_back(void)
{
	char file[400], *out;
	REQUIRE(ctl_ready());
	/* Units as CSV: three units, where each stands. */
	snprintf(file, sizeof file, "%s/units.csv", dir);
	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "export", "units", "--from", from, "--to", to,
	    file);
	out = python("import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding='utf-8',"
	    "newline=''))); print(len(r), ' '.join(x['serial']+'='+x['status'] for x in r))", file);
	HAS(out, "3 WO1-0001=done WO1-0002=done WO1-0003=scrapped");
	free(out);
	/* Events as CSV: the name with a comma survives the round trip. */
	snprintf(file, sizeof file, "%s/events.csv", dir);
	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "export", "events", "--from", from, "--to", to,
	    "--csv", file);
	out = python("import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding='utf-8',"
	    "newline=''))); print(len(r), '|'.join(sorted(set(x['operator'] for x in r "
	    "if x['kind']=='op_completed'))), sum(x['kind']=='scrapped' for x in r))", file);
	HAS(out, "Bo Tester|Rae Repairer|王小明, 二组 1");
	free(out);
	/* NCRs as JSON. */
	snprintf(file, sizeof file, "%s/ncrs.json", dir);
	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "export", "ncrs", "--from", from, "--to", to,
	    "--json", file);
	out = python("import json,sys; r=json.load(open(sys.argv[1],encoding='utf-8')); "
	    "print(len(r), ' '.join(x['number']+'='+x['disposition'] for x in r))", file);
	HAS(out, "2 NCR-000001=rework NCR-000002=scrap");
	free(out);
	/* Units of a work order, as JSON on stdout. */
	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "export", "units", "--wo", "WO1", "--from", from,
	    "--to", to, "--json", "-");
	HAS(ctl_out, "\"serial\":\"WO1-0003\",\"work_order\":\"WO1\",\"product\":\"GADGET\"");
	/* A window with nothing: an empty file still parses. */
	snprintf(file, sizeof file, "%s/empty.json", dir);
	EXPECT_RC(0, "C.UTF-8", "--badge", "300", "export", "events", "--from", "2001-01-01",
	    "--json", file);
	out = python("import json,sys; print(len(json.load(open(sys.argv[1]))))", file);
	HAS(out, "0");
	free(out);
	/* A file that cannot be written leaves nothing behind. */
	EXPECT_RC(4, "C.UTF-8", "--badge", "300", "export", "units", "--from", from, "--to", to,
	    "/nonexistent/dir/units.csv");
}

/* The events of a window, page by page: each once, in order. */
static void
test_pages_cover_the_window_once(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ExportQuery q = YOKE__EXPORT_QUERY__INIT;
	Yoke__Reply *rp;
	REQUIRE(started);
	q.kind = YOKE__EXPORT_KIND__EXPORT_EVENTS;
	q.from_us = w.started_us;
	q.to_us = w.ended_us;
	q.after = (char *)"";
	rq.body_case = YOKE__REQUEST__BODY_EXPORTS;
	rq.exports = &q;
	rp = harness_call(w.lead, &rq, HARNESS_TRIES);
	REQUIRE(rp && rp->status == OK && rp->body_case == YOKE__REPLY__BODY_EXPORTS);
	size_t all = rp->exports->n_events;
	CHECK(all > 20);
	CHECK_STR(rp->exports->next, "");
	for (size_t i = 1; i < all; i++)
		CHECK(rp->exports->events[i]->seq > rp->exports->events[i - 1]->seq);
	/* The GTINs came with the page: the product's and the IC's. */
	bool gadget = false, ic = false;
	for (size_t i = 0; i < rp->exports->n_parts; i++) {
		gadget |= strcmp(rp->exports->parts[i]->part, "GADGET") == 0 &&
		    rp->exports->parts[i]->n_gtins == 1;
		ic |= strcmp(rp->exports->parts[i]->part, "IC-555") == 0;
	}
	CHECK(gadget && ic);
	/* From a cursor in the middle: exactly the rest. */
	char after[24];
	uint64_t mid = rp->exports->events[all / 2]->seq;
	snprintf(after, sizeof after, "%llu", (unsigned long long)mid);
	client_reply_free(rp);
	q.after = after;
	rp = harness_call(w.lead, &rq, HARNESS_TRIES);
	REQUIRE(rp && rp->status == OK);
	CHECK_INT(rp->exports->n_events, all - all / 2 - 1);
	if (rp->exports->n_events)
		CHECK(rp->exports->events[0]->seq > mid);
	client_reply_free(rp);
	/* A cursor that is not one. */
	q.after = (char *)"x1";
	rp = harness_call(w.lead, &rq, HARNESS_TRIES);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_BAD_REQUEST);
	client_reply_free(rp);
	/* An operator may not export. */
	q.after = (char *)"";
	rp = harness_call(w.assy, &rq, HARNESS_TRIES);
	CHECK(rp && rp->status == YOKE__STATUS__STATUS_NOT_AUTHORIZED);
	client_reply_free(rp);
}

int
main(void)
{
	harness_i18n_init();
	started = work_run_start(&w);
	RUN(test_epcis_document_valid_by_the_schema);
	RUN(test_broken_documents_fail_the_schema);
	RUN(test_csv_and_json_parse_back);
	RUN(test_pages_cover_the_window_once);
	work_run_free(&w);
	return check_done();
}
