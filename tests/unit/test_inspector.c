/* test_inspector.c — the inspector's view without curses: an inspector
 * badges in, the worklist is read and picked from, an NCR is opened with
 * its trace and decided (rework, repair, scrap, use as is by an MRB,
 * close), each signed badge then PIN; lines, keys and replies in,
 * requests and what is shown out. Also the signatures (signing.h) and
 * the sentences of an NCR (ncr_detail.h) on their own. */
#include "terminal/station.h"
#include "terminal/ncr_detail.h"
#include "terminal/signing.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <string.h>

static struct station_view sv;
static struct station_request rq;

static bool
line(const char *text)
{
	return station_on_line(&sv, text, false, &rq);
}

static void
reply_plain(Yoke__Status st, const char *msg)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	station_on_reply(&sv, &rp);
}

/* Started, the server answered, inspector 3002 badged in at QC-1 in `lang`. */
static void
start_inspector(const char *lang)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;

	station_free(&sv);
	station_init(&sv, "QC-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	if (!line("3002"))
		return;
	b.session = (char *)"sess-9";
	b.badge = (char *)"3002";
	b.operator_name = (char *)"Maria Garcia";
	b.role = YOKE__ROLE__ROLE_INSPECTOR;
	b.station = (char *)"QC-1";
	b.station_kind = (char *)"QC";
	b.language = (char *)lang;
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	sv.want_defects = false;     /* the station's defect codes: test_station.c */
}

/* ---- a worklist ---- */

static Yoke__WorkItem work[40];
static Yoke__WorkItem *work_ptrs[40];

static void
item(size_t i, Yoke__WorkKind kind, const char *ref, const char *serial, const char *station)
{
	Yoke__WorkItem w = YOKE__WORK_ITEM__INIT;
	work[i] = w;
	work[i].kind = kind;
	work[i].ref = (char *)ref;
	work[i].serial = (char *)serial;
	work[i].station = (char *)station;
	work[i].since_us = 1000 + (int64_t)i;
	work[i].text = (char *)"peak_temp 261 C is above USL 250";
	work_ptrs[i] = &work[i];
}

/* The worklist query in flight is answered with n items: an open NCR, an
 * inspection at QC-1 (here), an NCR to close, an inspection elsewhere,
 * then as many open NCRs as asked. */
static void
answer_worklist(size_t n)
{
	static char refs[40][16];
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__WorklistReply w = YOKE__WORKLIST_REPLY__INIT;

	item(0, YOKE__WORK_KIND__WORK_NCR, "NCR-000001", "WO-1-0001", "REFLOW-1");
	item(1, YOKE__WORK_KIND__WORK_INSPECTION, "WO-1-0002", "WO-1-0002", "QC-1");
	item(2, YOKE__WORK_KIND__WORK_NCR_CLOSE, "NCR-000002", "WO-1-0003", "TEST-1");
	item(3, YOKE__WORK_KIND__WORK_INSPECTION, "WO-1-0004", "WO-1-0004", "SMT-1");
	for (size_t i = 4; i < n && i < 40; i++) {
		snprintf(refs[i], sizeof refs[i], "NCR-%06zu", i + 10);
		item(i, YOKE__WORK_KIND__WORK_NCR, refs[i], "WO-9", "AOI-1");
	}
	w.n_items = n;
	w.items = work_ptrs;
	rp.body_case = YOKE__REPLY__BODY_WORKLIST;
	rp.worklist = &w;
	station_on_reply(&sv, &rp);
}

/* Badged in, the worklist asked and answered with n items. */
static void
with_worklist(size_t n)
{
	start_inspector("en");
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	answer_worklist(n);
}

/* ---- an NCR ---- */

static Yoke__Ncr ncr;
static Yoke__Ncr *ncr_ptr = &ncr;
static char *components[] = { (char *)"PCB-100/L1", (char *)"MOD-WIFI/WF000123" };
static Yoke__SignatureRecord sig_rec;
static Yoke__SignatureRecord *sig_ptrs[1] = { &sig_rec };

static void
make_ncr(Yoke__NcrState state)
{
	Yoke__Ncr n = YOKE__NCR__INIT;
	Yoke__SignatureRecord s = YOKE__SIGNATURE_RECORD__INIT;

	ncr = n;
	ncr.number = (char *)"NCR-000001";
	ncr.state = state;
	ncr.serial = (char *)"WO-1-0001";
	ncr.work_order = (char *)"WO-1";
	ncr.product = (char *)"IOTC-100";
	ncr.operation = 20;
	ncr.operation_name = (char *)"Reflow soldering";
	ncr.step = 2;
	ncr.text = (char *)"peak_temp 261 C is above USL 250 (op 20 step 2)";
	ncr.defect = (char *)"OVEN-PROFILE";
	ncr.defect_text = (char *)"Reflow profile outside the window";
	ncr.location = (char *)"PANEL-2";
	ncr.name = (char *)"peak_temp";
	ncr.value = 261;
	ncr.unit = (char *)"C";
	ncr.has_lsl = ncr.has_usl = true;
	ncr.lsl = 235;
	ncr.usl = 250;
	ncr.badge = (char *)"1001";
	ncr.operator_name = (char *)"Li Wei";
	ncr.station = (char *)"REFLOW-1";
	ncr.opened_us = 1700000000000000LL;
	ncr.n_components = 2;
	ncr.components = components;
	if (state != YOKE__NCR_STATE__NCR_OPEN) {
		sig_rec = s;
		sig_rec.badge = (char *)"3002";
		sig_rec.name = (char *)"Maria Garcia";
		ncr.disposition = YOKE__DISPOSITION_KIND__DISPOSITION_REWORK;
		ncr.rework_operation = 900;
		ncr.n_signatures = 1;
		ncr.signatures = sig_ptrs;
	}
}

static void
reply_ncr(Yoke__Status st, const char *msg)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__NcrReply nr = YOKE__NCR_REPLY__INIT;
	rp.status = st;
	rp.message = (char *)msg;
	nr.n_ncrs = 1;
	nr.ncrs = &ncr_ptr;
	rp.body_case = YOKE__REPLY__BODY_NCRS;
	rp.ncrs = &nr;
	station_on_reply(&sv, &rp);
}

static void
reply_trace(Yoke__UnitStatus status)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__TraceReply t = YOKE__TRACE_REPLY__INIT;
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	u.serial = (char *)"WO-1-0001";
	u.status = status;
	u.operation = 20;
	u.operation_name = (char *)"Reflow soldering";
	u.station_kind = (char *)"REFLOW";
	t.unit = &u;
	rp.body_case = YOKE__REPLY__BODY_TRACE;
	rp.trace = &t;
	station_on_reply(&sv, &rp);
}

/* The worklist read, NCR-000001 opened in `state`, its trace read. */
static void
open_ncr(Yoke__NcrState state)
{
	with_worklist(3);
	REQUIRE(line("NCR-000001"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	CHECK_STR(rq.rq.ncrs->number, "NCR-000001");
	make_ncr(state);
	reply_ncr(YOKE__STATUS__STATUS_OK, "1 NCR");
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	CHECK_STR(rq.rq.trace->serial, "WO-1-0001");
	reply_trace(YOKE__UNIT_STATUS__UNIT_FAILED);
	REQUIRE(sv.insp.detail.ncr != NULL);
	REQUIRE(sv.insp.detail.trace != NULL);
}

static bool
has_hint(const char *key, const char *what)
{
	struct station_hint h[STATION_MAX_HINTS];
	size_t n = station_hints(&sv, h, STATION_MAX_HINTS);

	for (size_t i = 0; i < n; i++)
		if (strcmp(h[i].key, key) == 0 && (what == NULL || strcmp(h[i].what, what) == 0))
			return true;
	return false;
}

static void
prompt(char *buf, size_t size)
{
	inspector_prompt(&sv, buf, size);
}

/* ---- tests ---- */

static void
badge_in_reads_the_worklist(void)
{
	Yoke__Notice n = YOKE__NOTICE__INIT;

	start_inspector("en");
	CHECK_INT(sv.mode, STATION_INSPECTOR);
	CHECK_STR(sv.topic, "station/QC");
	CHECK(sv.subscribe);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	CHECK_STR(rq.rq.worklist->station_kind, "");      /* the whole line */
	CHECK(!station_next_request(&sv, &rq));          /* one request in flight */
	answer_worklist(3);
	REQUIRE(sv.insp.worklist != NULL);
	CHECK_INT(sv.insp.worklist->n_items, 3);
	CHECK_INT(sv.insp.pick, -1);
	CHECK(!station_next_request(&sv, &rq));
	/* A new NCR: the bell, and the list read again. */
	sv.bell = 0;
	n.topic = (char *)"role/inspector";
	n.serial = (char *)"WO-1-0009";
	n.text = (char *)"NCR opened";
	station_on_notice(&sv, &n);
	CHECK_INT(sv.bell, 1);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	/* A lead's notice is not the inspector's. */
	answer_worklist(3);
	n.topic = (char *)"role/lead";
	station_on_notice(&sv, &n);
	CHECK(!station_next_request(&sv, &rq));
	/* The timer: nothing before INSPECTOR_REFRESH_US, the list after it. */
	station_tick(&sv, INSPECTOR_REFRESH_US - 1);
	CHECK(!station_next_request(&sv, &rq));
	station_tick(&sv, INSPECTOR_REFRESH_US + 1);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	answer_worklist(3);
	station_tick(&sv, INSPECTOR_REFRESH_US + 2);
	CHECK(!station_next_request(&sv, &rq));
	/* F5 reads it again at once. */
	CHECK(!station_on_function(&sv, 5, false, &rq));
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	/* A refusal is said in the server's words. */
	reply_plain(YOKE__STATUS__STATUS_INTERNAL, "busy, try again");
	CHECK_STR(sv.message, "busy, try again");
}

static void
picking_an_item(void)
{
	char buf[256];

	with_worklist(4);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "Pick an item") != NULL);
	CHECK(has_hint("\u2191 \u2193", "choose"));
	CHECK(!has_hint("Enter", "open it"));
	/* The arrows: down from nothing is the first, and it stops at the ends. */
	station_on_arrow(&sv, +1);
	CHECK_INT(sv.insp.pick, 0);
	station_on_arrow(&sv, -1);
	CHECK_INT(sv.insp.pick, 0);
	station_on_arrow(&sv, +1);
	station_on_arrow(&sv, +1);
	station_on_arrow(&sv, +1);
	station_on_arrow(&sv, +1);
	CHECK_INT(sv.insp.pick, 3);
	CHECK(has_hint("Enter", "open it"));
	/* The highlight stays on its item when the list comes again, moved. */
	station_on_arrow(&sv, -1);
	CHECK_INT(sv.insp.pick, 2);
	CHECK(station_on_function(&sv, 5, false, &rq) == false);
	REQUIRE(station_next_request(&sv, &rq));
	item(0, YOKE__WORK_KIND__WORK_NCR_CLOSE, "NCR-000002", "WO-1-0003", "TEST-1");
	{
		Yoke__Reply rp = YOKE__REPLY__INIT;
		Yoke__WorklistReply w = YOKE__WORKLIST_REPLY__INIT;
		w.n_items = 1;
		w.items = work_ptrs;
		rp.body_case = YOKE__REPLY__BODY_WORKLIST;
		rp.worklist = &w;
		station_on_reply(&sv, &rp);
	}
	CHECK_INT(sv.insp.pick, 0);
	CHECK_STR(sv.insp.pick_ref, "NCR-000002");

	/* Enter on the chosen one: an NCR to close opens the NCR. */
	REQUIRE(line(""));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	CHECK_STR(rq.rq.ncrs->number, "NCR-000002");
	CHECK_INT(sv.insp.screen, INSPECTOR_NCR);

	/* By number: an inspection due here opens the unit at this station. */
	with_worklist(4);
	REQUIRE(line("2"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_OPEN_UNIT);
	CHECK_STR(rq.rq.open_unit->serial, "WO-1-0002");
	reply_plain(YOKE__STATUS__STATUS_UNIT_BUSY, "Unit WO-1-0002 is open at QC-2 by Wang Fang");
	CHECK_INT(sv.mode, STATION_INSPECTOR);
	CHECK_STR(sv.message, "Unit WO-1-0002 is open at QC-2 by Wang Fang");
	/* An inspection due elsewhere: said where, nothing sent. */
	CHECK(!line("4"));
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	CHECK(strstr(sv.message, "waits at station SMT-1") != NULL);
	/* A number beyond the list is no number: a serial, opened here. */
	REQUIRE(line("5"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_OPEN_UNIT);
	CHECK_STR(rq.rq.open_unit->serial, "5");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No unit 5");

	/* The NCR's unit serial opens its NCR; its number too, in any case. */
	REQUIRE(line("WO-1-0001"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	CHECK_STR(rq.rq.ncrs->number, "NCR-000001");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No NCR NCR-000001");
	/* Nothing to show: back on the list, with the server's words. */
	CHECK_INT(sv.insp.screen, INSPECTOR_LIST);
	CHECK_STR(sv.message, "No NCR NCR-000001");
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	answer_worklist(4);
	REQUIRE(line("ncr-000077"));
	CHECK_STR(rq.rq.ncrs->number, "NCR-000077");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No NCR NCR-000077");
	station_next_request(&sv, &rq);
	answer_worklist(4);
	/* A command that means nothing here. */
	CHECK(!line("@PASS"));
	CHECK(strstr(sv.message, "got the command \"@PASS\"") != NULL);
	CHECK_INT(sv.tone, STATION_TONE_ERROR);
	/* @LOGOUT and @HELP still work. */
	CHECK(!line("@HELP"));
	CHECK(sv.help);
	station_show_help(&sv, false);
	REQUIRE(line("@LOGOUT"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_BADGE_OUT);
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	CHECK_INT(sv.mode, STATION_BADGE);
	CHECK(sv.insp.worklist == NULL);
}

static void
paging(void)
{
	size_t page = inspector_page_rows(24);

	CHECK_INT(page, 14);
	with_worklist(40);
	CHECK(has_hint("PgUp PgDn", "page"));
	station_on_page(&sv, +1);
	CHECK_INT(sv.insp.pick, 14);
	station_on_page(&sv, +1);
	CHECK_INT(sv.insp.pick, 28);
	station_on_page(&sv, +1);                    /* the last page stays */
	CHECK_INT(sv.insp.pick, 28);
	station_on_page(&sv, -1);
	CHECK_INT(sv.insp.pick, 14);
	station_on_arrow(&sv, +1);
	station_on_page(&sv, -1);
	CHECK_INT(sv.insp.pick, 0);
	station_on_page(&sv, -1);
	CHECK_INT(sv.insp.pick, 0);
	/* Numbers count across the pages. */
	REQUIRE(line("33"));
	CHECK_STR(rq.rq.ncrs->number, "NCR-000042");
	/* A short list has one page and says nothing of pages. */
	with_worklist(3);
	CHECK(!has_hint("PgUp PgDn", NULL));
	station_on_page(&sv, +1);
	CHECK_INT(sv.insp.pick, 0);
}

static void
rework_signed_by_badge_and_pin(void)
{
	char buf[512];

	open_ncr(YOKE__NCR_STATE__NCR_OPEN);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "1 rework") != NULL && strstr(buf, "4 use as is") != NULL);
	CHECK(has_hint("1-4", "decide"));
	CHECK(!line("7"));
	CHECK(strstr(sv.message, "Expected 1 rework, 2 repair") != NULL);
	CHECK(!line("1"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_REWORK_OP);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "Which rework operation") != NULL);
	CHECK(has_hint("Enter", "the first"));
	CHECK(!line("9x0"));
	CHECK(strstr(sv.message, "Expected the number of a rework operation") != NULL);
	CHECK(!line("0"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_REWORK_OP);
	CHECK(!line("900"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NOTE);
	/* A question asked: the worklist's refresh waits (nothing moves under it). */
	station_tick(&sv, INSPECTOR_REFRESH_US * 3);
	CHECK(!station_next_request(&sv, &rq));
	CHECK(!line("@PASS"));
	CHECK(strstr(sv.message, "not the command \"@PASS\"") != NULL);
	CHECK(!line("reflow again"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_SIGN);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "Sign \u201crework of NCR-000001\u201d: scan your badge (Enter: 3002)");
	CHECK(has_hint("Enter", "3002"));
	CHECK(!station_masked(&sv));
	/* Enter: the inspector badged in here; then the PIN, typed blind. */
	CHECK(!line(""));
	CHECK(station_masked(&sv));
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "PIN of badge 3002") != NULL);
	/* @HELP while a PIN is typed is the PIN, as at the station. */
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_DISPOSITION);
	CHECK_STR(rq.rq.disposition->number, "NCR-000001");
	CHECK_INT(rq.rq.disposition->kind, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK);
	CHECK_INT(rq.rq.disposition->rework_operation, 900);
	CHECK_STR(rq.rq.disposition->note, "reflow again");
	REQUIRE(rq.rq.disposition->n_signatures == 1);
	CHECK_STR(rq.rq.disposition->signatures[0]->badge, "3002");
	CHECK_STR(rq.rq.disposition->signatures[0]->pin, "2468");
	/* Nothing of the decision stays in the model, the PIN least of all. */
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NONE);
	CHECK_STR(sv.insp.sign.pin[0], "");
	CHECK_STR(sv.insp.note, "");
	CHECK(!station_masked(&sv));
	/* The server's answer: its words, the NCR as it is now, the list and
	 * the trace read again. */
	make_ncr(YOKE__NCR_STATE__NCR_DISPOSITIONED);
	reply_ncr(YOKE__STATUS__STATUS_OK, "NCR-000001: rework at op 900 \"Solder rework\" (REPAIR), "
	    "then op 20 again");
	CHECK_STR(sv.message, "NCR-000001: rework at op 900 \"Solder rework\" (REPAIR), then op 20 again");
	CHECK_INT(sv.tone, STATION_TONE_OK);
	CHECK_INT(sv.insp.detail.ncr->state, YOKE__NCR_STATE__NCR_DISPOSITIONED);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_TRACE);
	reply_trace(YOKE__UNIT_STATUS__UNIT_QUEUED);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	answer_worklist(3);
	/* Enter: the first rework operation (0 on the wire), another signer. */
	open_ncr(YOKE__NCR_STATE__NCR_OPEN);
	CHECK(!line("1"));
	CHECK(!line(""));
	CHECK(!line(""));
	CHECK(!line("3001"));
	REQUIRE(line("1357"));
	CHECK_INT(rq.rq.disposition->rework_operation, 0);
	CHECK_STR(rq.rq.disposition->note, "");
	CHECK_STR(rq.rq.disposition->signatures[0]->badge, "3001");
	/* Refused: the server's words, the NCR as it was, nothing asked. */
	sv.bell = 0;
	reply_plain(YOKE__STATUS__STATUS_REWORK_LIMIT, "Unit WO-1-0001 was reworked 2 times, the limit");
	CHECK_STR(sv.message, "Unit WO-1-0001 was reworked 2 times, the limit");
	CHECK_INT(sv.bell, 1);
	CHECK_INT(sv.insp.detail.ncr->state, YOKE__NCR_STATE__NCR_OPEN);
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NONE);
	CHECK_INT(sv.insp.screen, INSPECTOR_NCR);
}

static void
repair_scrap_and_cancel(void)
{
	char buf[512];

	open_ncr(YOKE__NCR_STATE__NCR_OPEN);
	CHECK(!line("2"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_REMOVE);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "the component taken out") != NULL);
	CHECK(!line(""));
	CHECK(strstr(sv.message, "Expected the component taken out") != NULL);
	CHECK(!line("3"));                           /* the list has two */
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_REMOVE);
	CHECK(!line("2"));                           /* MOD-WIFI/WF000123 */
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_FIT);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "replaces MOD-WIFI/WF000123") != NULL);
	CHECK(!line("MOD-WIFI"));
	CHECK(strstr(sv.message, "Expected the new component's label") != NULL);
	CHECK(!line("MOD-WIFI/WF000999"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NOTE);
	CHECK(!line("antenna cracked"));
	CHECK(!line(""));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.disposition->kind, YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR);
	CHECK_STR(rq.rq.disposition->remove, "MOD-WIFI/WF000123");
	CHECK_STR(rq.rq.disposition->fit, "MOD-WIFI/WF000999");
	CHECK_STR(rq.rq.disposition->note, "antenna cracked");
	reply_plain(YOKE__STATUS__STATUS_SERIAL_ALREADY_USED, "MOD-WIFI serial WF000999 is already "
	    "built into unit WO-1-0007: scan another one");
	CHECK(strstr(sv.message, "already built into unit WO-1-0007") != NULL);

	/* Scrap: a note, a signature; a label typed as a removed part is
	 * taken as it is (the server checks it). */
	CHECK(!line("3"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NOTE);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "scrap of NCR-000001: a note") != NULL);
	CHECK(!line("cracked board"));
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "\u201cscrap of NCR-000001\u201d") != NULL);
	CHECK(!line("3001"));
	CHECK(station_masked(&sv));
	/* @BACK at the PIN cancels, and wipes what was typed. */
	CHECK(!line("@BACK"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NONE);
	CHECK_STR(sv.message, "Cancelled: nothing was sent");
	CHECK_STR(sv.insp.sign.badge[0], "");
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
	/* Esc then Enter at the note; an empty PIN: cancelled too. */
	CHECK(!line("3"));
	station_on_cancel(&sv);
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NONE);
	CHECK(!line("3"));
	CHECK(!line(""));
	CHECK(!line(""));
	CHECK(!line(""));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NONE);
	CHECK_STR(sv.message, "Cancelled: nothing was sent");
	/* The badge question takes no command. */
	CHECK(!line("3"));
	CHECK(!line(""));
	CHECK(!line("@OK"));
	CHECK(strstr(sv.message, "Expected a badge, got the command \"@OK\"") != NULL);
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_SIGN);
	CHECK(!line("30 02"));
	CHECK(strstr(sv.message, "no spaces") != NULL);
	CHECK(!line("3002"));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.disposition->kind, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP);
	CHECK_INT(rq.rq.disposition->n_signatures, 1);
	/* Enter at the NCR: the list again. */
	reply_plain(YOKE__STATUS__STATUS_SIGNATURE_REFUSED, "Wrong PIN for badge 3002: 4 tries left");
	REQUIRE(line(""));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	CHECK_INT(sv.insp.screen, INSPECTOR_LIST);
	CHECK(sv.insp.detail.ncr == NULL);
}

static void
use_as_is_needs_the_board(void)
{
	char buf[512];

	open_ncr(YOKE__NCR_STATE__NCR_OPEN);
	CHECK(!line("4"));
	CHECK(!line("within the customer's deviation D-17"));
	CHECK(strstr(sv.message, "Material Review Board") != NULL);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "MRB for \u201cuse as is of NCR-000001\u201d: signer 1 scans a badge (Enter: 3002)");
	CHECK(!line(""));
	CHECK(!line("2468"));
	/* Signer 2: nobody twice, and Enter is not enough yet. */
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "MRB for \u201cuse as is of NCR-000001\u201d: signer 2 scans a badge");
	CHECK(!has_hint("Enter", NULL));
	CHECK(!line("3002"));
	CHECK(strstr(sv.message, "Badge 3002 has signed already") != NULL);
	CHECK(!line(""));
	CHECK(strstr(sv.message, "at least 2 people sign") != NULL);
	CHECK(!line("2001"));
	CHECK(!line("1111"));
	/* Two in: Enter sends, or a third signs. */
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "signer 3 scans a badge, or Enter to send with 2 signers") != NULL);
	CHECK(has_hint("Enter", "send"));
	CHECK(!line("4001"));
	CHECK(!line("2222"));
	REQUIRE(line(""));
	CHECK_INT(rq.rq.disposition->kind, YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS);
	CHECK_STR(rq.rq.disposition->note, "within the customer's deviation D-17");
	REQUIRE(rq.rq.disposition->n_signatures == 3);
	CHECK_STR(rq.rq.disposition->signatures[0]->badge, "3002");
	CHECK_STR(rq.rq.disposition->signatures[1]->badge, "2001");
	CHECK_STR(rq.rq.disposition->signatures[1]->pin, "1111");
	CHECK_STR(rq.rq.disposition->signatures[2]->badge, "4001");
	/* The server judges the board: its words. */
	reply_plain(YOKE__STATUS__STATUS_SIGNATURE_REFUSED, "The Material Review Board needs quality");
	CHECK_STR(sv.message, "The Material Review Board needs quality");
	/* Four signers is the most: the fourth PIN sends. */
	CHECK(!line("4"));
	CHECK(!line(""));
	CHECK(!line("3002"));
	CHECK(!line("1"));
	CHECK(!line("3001"));
	CHECK(!line("2"));
	CHECK(!line("2001"));
	CHECK(!line("3"));
	CHECK(!line("4001"));
	REQUIRE(line("4"));
	CHECK_INT(rq.rq.disposition->n_signatures, 4);
	CHECK_STR(rq.rq.disposition->signatures[3]->pin, "4");
}

/* A component lot's NCR: no trace to read, and its own four decisions
 * (return to supplier, full sort, scrap, use as is); a unit's rework or
 * repair is not among them. */
static void
lot_ncr_decisions(void)
{
	char buf[512];

	with_worklist(3);
	REQUIRE(line("NCR-000001"));
	make_ncr(YOKE__NCR_STATE__NCR_OPEN);
	ncr.serial = ncr.work_order = ncr.product = (char *)"";
	ncr.lot_part = (char *)"IC-555";
	ncr.lot = (char *)"LOT-2411-07";
	reply_ncr(YOKE__STATUS__STATUS_OK, "1 NCR");
	CHECK(!station_next_request(&sv, &rq));      /* a lot has no unit trace */
	REQUIRE(sv.insp.detail.ncr != NULL);
	CHECK(inspector_lot_ncr(sv.insp.detail.ncr));
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "1 return to supplier") != NULL);
	CHECK(strstr(buf, "rework") == NULL);
	CHECK(!line("5"));
	CHECK(strstr(sv.message, "Expected 1 return to supplier, 2 full sort") != NULL);
	CHECK(!line("1"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NOTE);  /* no rework operation asked */
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "return to supplier of NCR-000001") != NULL);
	CHECK(!line("solder balls on every reel"));
	CHECK(!line("3002"));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_DISPOSITION);
	CHECK_INT(rq.rq.disposition->kind, YOKE__DISPOSITION_KIND__DISPOSITION_RETURN_TO_SUPPLIER);
	reply_plain(YOKE__STATUS__STATUS_SIGNATURE_REFUSED, "Wrong PIN for badge 3002: 4 tries left");
	CHECK(!line("2"));
	CHECK(!line(""));
	CHECK(!line("3002"));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.disposition->kind, YOKE__DISPOSITION_KIND__DISPOSITION_SORT);
	reply_plain(YOKE__STATUS__STATUS_SIGNATURE_REFUSED, "Wrong PIN for badge 3002: 3 tries left");
	CHECK(!line("4"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_NOTE);
	CHECK(!line("deviation D-12"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_SIGN);
	CHECK_INT(sv.insp.sign.min, 2);              /* use as is: the MRB */
}

static void
closing_a_dispositioned_ncr(void)
{
	char buf[512];

	open_ncr(YOKE__NCR_STATE__NCR_DISPOSITIONED);
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "1 close the NCR") != NULL);
	CHECK(has_hint("1", "close"));
	CHECK(!line("2"));
	CHECK(strstr(sv.message, "Expected 1 to close NCR-000001") != NULL);
	CHECK(!line("1"));
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "Closing NCR-000001: a note") != NULL);
	CHECK(!line("passed op 20 again"));
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "\u201cclosing NCR-000001\u201d") != NULL);
	CHECK(!line(""));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_CLOSE_NCR);
	CHECK_STR(rq.rq.close_ncr->number, "NCR-000001");
	CHECK_STR(rq.rq.close_ncr->note, "passed op 20 again");
	REQUIRE(rq.rq.close_ncr->signature != NULL);
	CHECK_STR(rq.rq.close_ncr->signature->badge, "3002");
	CHECK_STR(rq.rq.close_ncr->signature->pin, "2468");
	make_ncr(YOKE__NCR_STATE__NCR_CLOSED);
	reply_ncr(YOKE__STATUS__STATUS_OK, "NCR-000001 closed");
	CHECK_STR(sv.message, "NCR-000001 closed");
	prompt(buf, sizeof buf);
	CHECK(strstr(buf, "Closed") != NULL);
	CHECK(!line("1"));
	CHECK(strstr(sv.message, "is closed: nothing is left to decide") != NULL);
	CHECK_INT(sv.pending, STATION_PENDING_NONE);
}

/* An inspector still signs at this station: a serial opens its unit, and
 * @BACK returns to the worklist. */
static void
the_station_view_and_back(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	Yoke__StepView st = YOKE__STEP_VIEW__INIT, *stp = &st;

	with_worklist(3);
	REQUIRE(line("WO-1-0005"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_OPEN_UNIT);
	st.kind = YOKE__STEP_KIND__STEP_INSPECT;
	st.text = (char *)"First article";
	st.needs_inspector = true;
	st.due = true;
	u.serial = (char *)"WO-1-0005";
	u.operation = 70;
	u.n_steps = 1;
	u.steps = &stp;
	u.status = YOKE__UNIT_STATUS__UNIT_IN_WORK;
	rp.body_case = YOKE__REPLY__BODY_UNIT;
	rp.unit = &u;
	station_on_reply(&sv, &rp);
	CHECK_INT(sv.mode, STATION_UNIT);
	CHECK(has_hint("@BACK", "worklist"));
	/* The inspector badged in signs: straight to their PIN. */
	CHECK(!line("@PASS"));
	CHECK_INT(sv.ask, STATION_ASK_SIGN_PIN);
	CHECK_STR(sv.ask_badge, "3002");
	CHECK(!line("@BACK"));
	CHECK(!line("@BACK"));
	CHECK_INT(sv.mode, STATION_INSPECTOR);
	CHECK_INT(sv.insp.screen, INSPECTOR_LIST);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
	/* The connection back: the list read again. */
	answer_worklist(3);
	station_set_online(&sv, false);
	station_set_online(&sv, true);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_WORKLIST);
}

/* The words follow the person: a zh_CN inspector reads the view in Chinese. */
static void
chinese_inspector(void)
{
	char buf[512];

	REQUIRE(i18n_use("en"));
	start_inspector("zh_CN");
	CHECK_STR(sv.language, "zh_CN");
	REQUIRE(station_next_request(&sv, &rq));
	answer_worklist(3);
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "选择事项：↑ ↓ 加 Enter，或输入编号；也可扫描报告编号或序列号");
	CHECK_STR(inspector_kind_name(YOKE__WORK_KIND__WORK_NCR), "处置");
	REQUIRE(line("1"));
	make_ncr(YOKE__NCR_STATE__NCR_OPEN);
	reply_ncr(YOKE__STATUS__STATUS_OK, "");
	CHECK(!line("1"));
	CHECK(!line(""));
	CHECK(!line(""));
	prompt(buf, sizeof buf);
	CHECK_STR(buf, "签字确认“NCR-000001 返工”：扫描你的工牌（Enter：3002）");
	station_on_cancel(&sv);
	CHECK_STR(sv.message, "已取消：未发送任何内容");
	REQUIRE(line("@LOGOUT"));
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	CHECK_STR(sv.language, "en");
}

/* ---- the pieces on their own ---- */

static void
signing_rules(void)
{
	struct signing s;
	char why[256];

	memset(&s, 0, sizeof s);
	/* Limits are clamped: at least one signer, at most SIGNING_MAX. */
	signing_start(&s, 0, 9, "", "x");
	CHECK_INT(s.min, 1);
	CHECK_INT(s.max, SIGNING_MAX);
	signing_start(&s, 3, 2, "", "x");
	CHECK_INT(s.min, 2);
	/* No own badge: Enter is no answer at the first badge. */
	signing_start(&s, 1, 1, "", "release of hold 3");
	CHECK(!signing_enter_takes(&s));
	CHECK_INT(signing_answer(&s, "", why, sizeof why), SIGNING_WRONG);
	CHECK(strstr(why, "signer 1") != NULL);
	CHECK_INT(signing_answer(&s, "2001", why, sizeof why), SIGNING_ASKING);
	CHECK(signing_masked(&s));
	CHECK_INT(signing_answer(&s, "@HELP", why, sizeof why), SIGNING_DONE);   /* a PIN is a PIN */
	{
		char b[SIGNING_BADGE], p[INPUT_MAX + 1];
		signing_signer(&s, 0, b, sizeof b, p, sizeof p);
		CHECK_STR(b, "2001");
		CHECK_STR(p, "@HELP");
		signing_signer(&s, 1, b, sizeof b, p, sizeof p);
		CHECK_STR(b, "");
	}
	signing_drop(&s);
	CHECK(!s.active);
	CHECK_STR(s.pin[0], "");
	/* A badge of 64 bytes is the most (the server's rule). */
	signing_start(&s, 1, 1, "", "x");
	CHECK_INT(signing_answer(&s, "B2345678901234567890123456789012345678901234567890123456789012345",
	    why, sizeof why), SIGNING_WRONG);
	CHECK_INT(signing_answer(&s, "B234567890123456789012345678901234567890123456789012345678901234",
	    why, sizeof why), SIGNING_ASKING);
	CHECK_INT(signing_answer(&s, "", why, sizeof why), SIGNING_CANCELLED);
	CHECK(!s.active);
}

static void
ncr_sentences(void)
{
	char buf[512];
	Yoke__SignatureRecord a = YOKE__SIGNATURE_RECORD__INIT, b = YOKE__SIGNATURE_RECORD__INIT,
	    c = YOKE__SIGNATURE_RECORD__INIT, d = YOKE__SIGNATURE_RECORD__INIT;
	Yoke__SignatureRecord *sigs[4] = { &a, &b, &c, &d };

	REQUIRE(i18n_use("en"));
	make_ncr(YOKE__NCR_STATE__NCR_OPEN);
	ncr_failed_text(&ncr, buf, sizeof buf);
	CHECK_STR(buf, "op 20 Reflow soldering, step 2");
	CHECK(ncr_value_text(&ncr, buf, sizeof buf));
	CHECK_STR(buf, "peak_temp = 261 C  (limits 235 \u2013 250)");
	ncr.has_usl = false;
	ncr_value_text(&ncr, buf, sizeof buf);
	CHECK_STR(buf, "peak_temp = 261 C  (at least 235)");
	ncr.name = (char *)"";
	CHECK(!ncr_value_text(&ncr, buf, sizeof buf));
	CHECK_STR(buf, "");
	ncr_defect_text(&ncr, buf, sizeof buf);
	CHECK_STR(buf, "OVEN-PROFILE  Reflow profile outside the window \u00b7 at PANEL-2");
	ncr.defect = (char *)"";
	ncr_defect_text(&ncr, buf, sizeof buf);
	CHECK_STR(buf, "no defect code");
	ncr_components_text(&ncr, buf, sizeof buf);
	CHECK_STR(buf, "PCB-100/L1  MOD-WIFI/WF000123");
	CHECK(!ncr_disposition_text(&ncr, buf, sizeof buf));
	/* Raised by hand (step 0: its first signature raised it), decided
	 * by an MRB of two, closed by a third. */
	a.name = (char *)"Zhao Lei";
	a.badge = (char *)"2001";
	b.name = (char *)"Maria Garcia";
	b.badge = (char *)"3002";
	c.name = (char *)"Liu Yang";
	c.badge = (char *)"4001";
	d.name = (char *)"Zhang Min";
	d.badge = (char *)"3001";
	ncr.step = 0;
	ncr.operation = 0;
	ncr_failed_text(&ncr, buf, sizeof buf);
	CHECK_STR(buf, "raised by hand");
	ncr.state = YOKE__NCR_STATE__NCR_CLOSED;
	ncr.disposition = YOKE__DISPOSITION_KIND__DISPOSITION_USE_AS_IS;
	ncr.disposition_note = (char *)"deviation D-17";
	ncr.n_signatures = 4;
	ncr.signatures = sigs;
	CHECK(ncr_disposition_text(&ncr, buf, sizeof buf));
	CHECK_STR(buf, "use as is \u2014 signed by Maria Garcia (3002), Liu Yang (4001) \u00b7 note: "
	    "deviation D-17");
	/* A repair says what went out and what came in. */
	ncr.step = 2;
	ncr.state = YOKE__NCR_STATE__NCR_DISPOSITIONED;
	ncr.disposition = YOKE__DISPOSITION_KIND__DISPOSITION_REPAIR;
	ncr.removed = (char *)"MOD-WIFI/WF1";
	ncr.fitted = (char *)"MOD-WIFI/WF2";
	ncr.disposition_note = (char *)"";
	ncr.n_signatures = 1;
	ncr.signatures = &sigs[1];
	ncr_disposition_text(&ncr, buf, sizeof buf);
	CHECK_STR(buf, "repair: MOD-WIFI/WF1 replaced by MOD-WIFI/WF2 \u2014 signed by Maria Garcia (3002)");
	/* The NCR reply of another NCR than the one shown is not taken. */
	{
		struct ncr_detail d0;
		Yoke__NcrReply nr = YOKE__NCR_REPLY__INIT;
		memset(&d0, 0, sizeof d0);
		ncr_detail_open(&d0, "NCR-000009");
		nr.n_ncrs = 1;
		nr.ncrs = &ncr_ptr;
		CHECK(!ncr_detail_take(&d0, &nr));
		CHECK(d0.ncr == NULL);
		ncr_detail_open(&d0, "NCR-000001");
		CHECK(ncr_detail_take(&d0, &nr));
		CHECK(d0.want_trace);
		nr.n_ncrs = 0;
		CHECK(!ncr_detail_take(&d0, &nr));
		ncr_detail_drop(&d0);
	}
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(badge_in_reads_the_worklist);
	RUN(picking_an_item);
	RUN(paging);
	RUN(rework_signed_by_badge_and_pin);
	RUN(repair_scrap_and_cancel);
	RUN(lot_ncr_decisions);
	RUN(use_as_is_needs_the_board);
	RUN(closing_a_dispositioned_ncr);
	RUN(the_station_view_and_back);
	RUN(chinese_inspector);
	RUN(signing_rules);
	RUN(ncr_sentences);
	station_free(&sv);
	return check_done();
}
