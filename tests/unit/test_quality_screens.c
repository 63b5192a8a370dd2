/* test_quality_screens.c — the quality screens finished in issue 8,
 * without curses: a CAPA's record as the terminal says it (capa_text.h),
 * an NCR raised by hand (ncr_raise.h, and at the lead's and the
 * inspector's views through the station model), the rework operation
 * picked from the NCR's list (inspector_rework_choice), and the lead's
 * CAPAs (F7: the closed ones left out, a CAPA opened and scrolled). */
#include "terminal/station.h"
#include "terminal/capa_text.h"
#include "terminal/ncr_raise.h"
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

/* ---- the plant's defect codes ---- */

static Yoke__DefectCode codes[3];
static Yoke__DefectCode *code_ptrs[3] = { &codes[0], &codes[1], &codes[2] };
static Yoke__DefectsReply code_list = YOKE__DEFECTS_REPLY__INIT;

static const Yoke__DefectsReply *
plant_codes(void)
{
	static const char *const c[3][2] = { { "BRIDGE", "Solder bridge" }, { "SCRATCH", "Scratch on the "
	    "housing" }, { "123", "A code of digits" } };

	for (int i = 0; i < 3; i++) {
		Yoke__DefectCode z = YOKE__DEFECT_CODE__INIT;
		codes[i] = z;
		codes[i].code = (char *)c[i][0];
		codes[i].text = (char *)c[i][1];
	}
	code_list.n_defects = 3;
	code_list.defects = code_ptrs;
	return &code_list;
}

/* Badged in at QC-1 with `role` in `lang`; the plant's codes read. */
static void
start(const char *badge, Yoke__Role role, const char *lang)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__BadgeInReply b = YOKE__BADGE_IN_REPLY__INIT;

	station_free(&sv);
	station_init(&sv, "QC-1");
	if (station_next_request(&sv, &rq))
		reply_plain(YOKE__STATUS__STATUS_OK, "");
	station_set_online(&sv, true);
	if (!line(badge))
		return;
	b.session = (char *)"sess-1";
	b.badge = (char *)badge;
	b.operator_name = (char *)"Somebody";
	b.role = role;
	b.station = (char *)"QC-1";
	b.station_kind = (char *)"QC";
	b.language = (char *)lang;
	rp.body_case = YOKE__REPLY__BODY_BADGE_IN;
	rp.badge_in = &b;
	station_on_reply(&sv, &rp);
	/* The codes: the first request after badge-in. */
	if (station_next_request(&sv, &rq) && rq.rq.body_case == YOKE__REQUEST__BODY_DEFECTS) {
		Yoke__Reply d = YOKE__REPLY__INIT;
		d.body_case = YOKE__REPLY__BODY_DEFECTS;
		d.defects = (Yoke__DefectsReply *)plant_codes();
		station_on_reply(&sv, &d);
	}
}

/* Answers every request the view makes with an empty OK of its kind. */
static void
settle(void)
{
	for (int i = 0; i < 10 && station_next_request(&sv, &rq); i++) {
		Yoke__Reply rp = YOKE__REPLY__INIT;
		Yoke__HoldsReply h = YOKE__HOLDS_REPLY__INIT;
		Yoke__NcrReply n = YOKE__NCR_REPLY__INIT;
		Yoke__WorklistReply w = YOKE__WORKLIST_REPLY__INIT;
		switch (rq.rq.body_case) {
		case YOKE__REQUEST__BODY_HOLDS:
			rp.body_case = YOKE__REPLY__BODY_HOLDS;
			rp.holds = &h;
			break;
		case YOKE__REQUEST__BODY_NCRS:
			rp.body_case = YOKE__REPLY__BODY_NCRS;
			rp.ncrs = &n;
			break;
		case YOKE__REQUEST__BODY_WORKLIST:
			rp.body_case = YOKE__REPLY__BODY_WORKLIST;
			rp.worklist = &w;
			break;
		default:
			break;
		}
		station_on_reply(&sv, &rp);
	}
}

/* ---- a CAPA as the server sends it ---- */

static Yoke__SignatureRecord sigs[4];
static Yoke__SignatureRecord *sig_ptrs[4] = { &sigs[0], &sigs[1], &sigs[2], &sigs[3] };
static char *whys[2] = { (char *)"housings laid face down", (char *)"no soft mat at QC-1" };
static char *capa_ncrs[2] = { (char *)"NCR-000001", (char *)"NCR-000004" };

/* CAPA-000002 at its action, overdue, signed at each step by 4001. */
static void
capa_at_action(Yoke__Capa *k)
{
	Yoke__Capa z = YOKE__CAPA__INIT;

	for (int i = 0; i < 4; i++) {
		Yoke__SignatureRecord s = YOKE__SIGNATURE_RECORD__INIT;
		sigs[i] = s;
		sigs[i].badge = (char *)(i == 3 ? "3001" : "4001");
		sigs[i].name = (char *)(i == 3 ? "Zhang Min" : "Liu Yang");
		sigs[i].time_us = 0;
	}
	*k = z;
	k->number = (char *)"CAPA-000002";
	k->title = (char *)"Scratched housings";
	k->state = YOKE__CAPA_STATE__CAPA_ACTION;
	k->defect = (char *)"SCRATCH";
	k->station = (char *)"QC-1";
	k->n_ncrs = 2;
	k->ncrs = capa_ncrs;
	k->containment = (char *)"every housing in stock looked at";
	k->cause_category = YOKE__DEFECT_CATEGORY__DEFECT_MAN;
	k->n_whys = 2;
	k->whys = whys;
	k->action = (char *)"soft mats at every bench";
	k->owner = (char *)"3002";
	k->due = (char *)"2020-01-31";
	k->overdue = true;
	k->n_signatures = 4;
	k->signatures = sig_ptrs;
}

static const struct capa_field *
field_of(const struct capa_field *f, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].label, label) == 0)
			return &f[i];
	return NULL;
}

/* ---- tests ---- */

static void
capa_record_in_fields(void)
{
	static struct capa_field f[CAPA_FIELDS];
	Yoke__Capa k;
	Yoke__CapaEffectiveness e = YOKE__CAPA_EFFECTIVENESS__INIT;
	const struct capa_field *x;
	char buf[256];
	size_t n;

	capa_at_action(&k);
	n = capa_fields(&k, f, CAPA_FIELDS);
	CHECK_STR(f[0].label, "State");
	CHECK_STR(f[0].text, "action planned");
	REQUIRE((x = field_of(f, n, "Defect")) != NULL);
	CHECK_STR(x->text, "SCRATCH \u00b7 station QC-1");
	REQUIRE((x = field_of(f, n, "NCRs")) != NULL);
	CHECK_STR(x->text, "NCR-000001  NCR-000004");
	REQUIRE((x = field_of(f, n, "Containment")) != NULL);
	CHECK(strncmp(x->text, "every housing in stock looked at \u2014 signed by Liu Yang (4001), ",
	    strlen("every housing in stock looked at \u2014 signed by Liu Yang (4001), ")) == 0);
	REQUIRE((x = field_of(f, n, "Root cause")) != NULL);
	CHECK(strncmp(x->text, "man \u2014 signed by Liu Yang", 26) == 0);
	REQUIRE((x = field_of(f, n, "Why-chain")) != NULL);
	CHECK_STR(x->text, "1. housings laid face down");
	CHECK_STR(x[1].label, "");
	CHECK_STR(x[1].text, "2. no soft mat at QC-1");
	REQUIRE((x = field_of(f, n, "Action")) != NULL);
	CHECK(strstr(x->text, "soft mats at every bench \u2014 signed by Zhang Min (3001)") != NULL);
	REQUIRE((x = field_of(f, n, "Due")) != NULL);
	CHECK_STR(x->text, "2020-01-31 overdue");
	CHECK_INT(x->tone, CAPA_TONE_ALERT);
	/* Not yet there: nothing said of it. */
	CHECK(field_of(f, n, "Implemented by") == NULL);
	CHECK(field_of(f, n, "Effectiveness") == NULL);
	REQUIRE((x = field_of(f, n, "Next step")) != NULL);
	CHECK_STR(x->text, "implemented: yokectl capa update CAPA-000002 --to implemented");
	CHECK_STR(f[n - 1].label, "Next step");

	/* Further on: implemented, verified, effective with its numbers. */
	k.state = YOKE__CAPA_STATE__CAPA_EFFECTIVE;
	k.overdue = false;
	k.implemented_by = (char *)"3002";
	{
		static Yoke__SignatureRecord more[8];
		static Yoke__SignatureRecord *mp[8];
		for (int i = 0; i < 8; i++) {
			more[i] = sigs[i < 4 ? i : 0];
			mp[i] = &more[i];
		}
		more[4].name = (char *)"Maria Garcia";
		more[4].badge = (char *)"3002";
		more[5].name = (char *)"Zhang Min";
		more[5].badge = (char *)"3001";
		k.n_signatures = 7;
		k.signatures = mp;
		e.before_units = 40;
		e.before_defects = 3;
		e.after_units = 35;
		e.after_defects = 0;
		e.effective = true;
		k.effectiveness = &e;
		n = capa_fields(&k, f, CAPA_FIELDS);
	}
	REQUIRE((x = field_of(f, n, "Implemented by")) != NULL);
	CHECK(strncmp(x->text, "Maria Garcia (3002), ", 21) == 0);
	REQUIRE((x = field_of(f, n, "Verified by")) != NULL);
	CHECK(strncmp(x->text, "Zhang Min (3001), ", 18) == 0);
	REQUIRE((x = field_of(f, n, "Effectiveness")) != NULL);
	CHECK(strncmp(x->text, "effective", 9) == 0);
	CHECK_INT(x->tone, CAPA_TONE_DONE);
	REQUIRE((x = field_of(f, n, "Before")) != NULL);
	CHECK(strstr(x->text, ": 3 in 40 units (7.5 %)") != NULL);
	REQUIRE((x = field_of(f, n, "After")) != NULL);
	CHECK(strstr(x->text, ": 0 in 35 units (0.0 %)") != NULL);
	CHECK_STR(field_of(f, n, "Due")->text, "2020-01-31");
	CHECK_STR(field_of(f, n, "Next step")->text, "closed: yokectl capa update CAPA-000002 --to closed");
	/* The signature of a state not reached is none, even if one is there. */
	k.state = YOKE__CAPA_STATE__CAPA_VERIFIED;
	CHECK(capa_signature(&k, YOKE__CAPA_STATE__CAPA_EFFECTIVE) == NULL);
	CHECK(capa_signature(&k, YOKE__CAPA_STATE__CAPA_PROPOSED) == NULL);
	REQUIRE(capa_signature(&k, YOKE__CAPA_STATE__CAPA_VERIFIED) != NULL);
	CHECK_STR(capa_signature(&k, YOKE__CAPA_STATE__CAPA_VERIFIED)->name, "Zhang Min");

	/* A proposed one: why, and how to open it; a product's scope. */
	capa_at_action(&k);
	k.state = YOKE__CAPA_STATE__CAPA_PROPOSED;
	k.station = (char *)"";
	k.product = (char *)"IOTC-100";
	k.n_signatures = 0;
	k.containment = k.action = (char *)"";
	k.cause_category = 0;
	k.n_whys = 0;
	k.proposed_why = (char *)"SCRATCH 3 times in 40 units at QC-1";
	n = capa_fields(&k, f, 4);                  /* room for 4 only: no more written */
	CHECK_INT(n, 4);
	CHECK_STR(field_of(f, n, "Defect")->text, "SCRATCH \u00b7 product IOTC-100");
	CHECK_STR(capa_scope_id(&k), "IOTC-100");
	n = capa_fields(&k, f, CAPA_FIELDS);
	CHECK_STR(field_of(f, n, "Proposed")->text, "SCRATCH 3 times in 40 units at QC-1");
	CHECK_STR(field_of(f, n, "Next step")->text, "opened: yokectl capa open CAPA-000002");
	CHECK(field_of(f, n, "Opened by") == NULL);
	capa_due_text(&k, buf, sizeof buf);
	CHECK_STR(buf, "2020-01-31 overdue");
	k.due = (char *)"";
	capa_due_text(&k, buf, sizeof buf);
	CHECK_STR(buf, "");
}

/* The questions of an NCR raised by hand, on their own. */
static void
raising_asks_in_order(void)
{
	const Yoke__DefectsReply *d = plant_codes();
	struct ncr_raise x;
	char said[512], buf[512];

	memset(&x, 0, sizeof x);
	CHECK(!ncr_raise_active(&x));
	ncr_raise_start(&x, "", "3002");
	CHECK_INT(x.ask, NCR_RAISE_SERIAL_ASKED);
	ncr_raise_prompt(&x, d, buf, sizeof buf);
	CHECK_STR(buf, "Raise an NCR: scan or type the unit's serial");
	CHECK_INT(ncr_raise_answer(&x, d, "", said, sizeof said), NCR_RAISE_WRONG);
	CHECK_INT(ncr_raise_answer(&x, d, "WO 1", said, sizeof said), NCR_RAISE_WRONG);
	CHECK(strstr(said, "Expected the serial of the unit the NCR is about") != NULL);
	CHECK_INT(ncr_raise_answer(&x, d, "@OK", said, sizeof said), NCR_RAISE_WRONG);
	CHECK_INT(ncr_raise_answer(&x, d, "WO-1-0007", said, sizeof said), NCR_RAISE_ASKING);
	CHECK_INT(x.ask, NCR_RAISE_CODE_ASKED);
	/* The code: unknown, the arrows and Enter, its number, a code of digits. */
	CHECK_INT(ncr_raise_answer(&x, d, "", said, sizeof said), NCR_RAISE_WRONG);
	CHECK(strstr(said, "pick it with") != NULL);
	CHECK_INT(ncr_raise_answer(&x, d, "DENT", said, sizeof said), NCR_RAISE_WRONG);
	CHECK(strstr(said, "Unknown defect code \"DENT\"") != NULL);
	CHECK_INT(ncr_raise_answer(&x, d, "@FAIL", said, sizeof said), NCR_RAISE_WRONG);
	ncr_raise_arrow(&x, d, +1);
	ncr_raise_arrow(&x, d, +1);
	CHECK_INT(x.pick, 1);
	CHECK_INT(ncr_raise_answer(&x, d, "", said, sizeof said), NCR_RAISE_ASKING);
	CHECK_STR(x.code, "SCRATCH");
	CHECK_STR(said, "Defect SCRATCH: Scratch on the housing");
	ncr_raise_start(&x, "WO-1-0007", "3002");   /* with a serial: the code first */
	CHECK_INT(x.ask, NCR_RAISE_CODE_ASKED);
	CHECK_INT(ncr_raise_answer(&x, d, "123", said, sizeof said), NCR_RAISE_ASKING);
	CHECK_STR(x.code, "123");                     /* the code as defined wins over number 123 */
	ncr_raise_start(&x, "WO-1-0007", "3002");
	CHECK_INT(ncr_raise_answer(&x, d, "1", said, sizeof said), NCR_RAISE_ASKING);
	CHECK_STR(x.code, "BRIDGE");
	ncr_raise_prompt(&x, d, buf, sizeof buf);
	CHECK_STR(buf, "Defect BRIDGE: where, such as U3? Enter: no location");
	CHECK_INT(ncr_raise_answer(&x, d, "@PASS", said, sizeof said), NCR_RAISE_WRONG);
	CHECK_INT(ncr_raise_answer(&x, d, "U3 and U4 and U5 and U6 and U7 and U8 and U9", said,
	    sizeof said), NCR_RAISE_WRONG);
	CHECK(strstr(said, "at most 40") != NULL);
	CHECK_INT(ncr_raise_answer(&x, d, "U3", said, sizeof said), NCR_RAISE_ASKING);
	CHECK_INT(ncr_raise_answer(&x, d, "", said, sizeof said), NCR_RAISE_ASKING);
	CHECK_INT(x.ask, NCR_RAISE_SIGN_ASKED);
	ncr_raise_prompt(&x, d, buf, sizeof buf);
	CHECK_STR(buf, "Sign \u201cNCR on unit WO-1-0007\u201d: scan your badge (Enter: 3002)");
	CHECK(!ncr_raise_masked(&x));
	CHECK_INT(ncr_raise_answer(&x, d, "", said, sizeof said), NCR_RAISE_ASKING);
	CHECK(ncr_raise_masked(&x));
	CHECK_INT(ncr_raise_answer(&x, d, "2468", said, sizeof said), NCR_RAISE_DONE);
	/* The request, and the PIN gone from the questions. */
	ncr_raise_request(&x, &rq);
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_RAISE_NCR);
	CHECK_STR(rq.rq.raise_ncr->serial, "WO-1-0007");
	REQUIRE(rq.rq.raise_ncr->defect != NULL);
	CHECK_STR(rq.rq.raise_ncr->defect->code, "BRIDGE");
	CHECK_STR(rq.rq.raise_ncr->defect->location, "U3");
	CHECK_STR(rq.rq.raise_ncr->defect->note, "");
	REQUIRE(rq.rq.raise_ncr->signature != NULL);
	CHECK_STR(rq.rq.raise_ncr->signature->badge, "3002");
	CHECK_STR(rq.rq.raise_ncr->signature->pin, "2468");
	CHECK(!ncr_raise_active(&x));
	CHECK_STR(x.sign.pin[0], "");
	/* Without a list, any code goes (the server judges it); @BACK drops all. */
	ncr_raise_start(&x, "WO-1-0007", "");
	CHECK_INT(ncr_raise_answer(&x, NULL, "", said, sizeof said), NCR_RAISE_WRONG);
	CHECK(strstr(said, "defect code sheet") != NULL);
	CHECK_INT(ncr_raise_answer(&x, NULL, "DENT", said, sizeof said), NCR_RAISE_ASKING);
	CHECK_STR(x.code, "DENT");
	CHECK_INT(ncr_raise_answer(&x, NULL, "@BACK", said, sizeof said), NCR_RAISE_CANCELLED);
	CHECK(!ncr_raise_active(&x));
	CHECK_STR(x.code, "");
}

static void
rework_picked_from_the_list(void)
{
	Yoke__Ncr n = YOKE__NCR__INIT;
	Yoke__ReworkOption o[2] = { YOKE__REWORK_OPTION__INIT, YOKE__REWORK_OPTION__INIT };
	Yoke__ReworkOption *op[2] = { &o[0], &o[1] };
	uint32_t got;

	/* No list (an older server): a typed number goes, Enter is the first. */
	CHECK(inspector_rework_choice(NULL, "", -1, &got));
	CHECK_INT(got, 0);
	CHECK(inspector_rework_choice(&n, "930", -1, &got));
	CHECK_INT(got, 930);
	CHECK(!inspector_rework_choice(&n, "9a", -1, &got));
	CHECK(!inspector_rework_choice(&n, "0", -1, &got));
	CHECK(!inspector_rework_choice(&n, "1000000", -1, &got));
	/* A list: its number, the operation's own, the one chosen, the first. */
	o[0].operation = 900;
	o[0].name = (char *)"Solder rework";
	o[1].operation = 910;
	o[1].name = (char *)"Test rework";
	n.n_rework_options = 2;
	n.rework_options = op;
	CHECK(inspector_rework_choice(&n, "2", -1, &got));
	CHECK_INT(got, 910);
	CHECK(inspector_rework_choice(&n, "900", -1, &got));
	CHECK_INT(got, 900);
	CHECK(inspector_rework_choice(&n, "", 1, &got));
	CHECK_INT(got, 910);
	CHECK(inspector_rework_choice(&n, "", -1, &got));
	CHECK_INT(got, 900);
	CHECK(!inspector_rework_choice(&n, "3", -1, &got));      /* neither in the list nor a rework op */
	CHECK(!inspector_rework_choice(&n, "930", -1, &got));
	CHECK(!inspector_rework_choice(&n, "@BACK", -1, &got));
}

/* The inspector: F9 raises, the answer opens the new NCR; at the NCR, a
 * rework from its list with the arrows. */
static void
inspector_raises_and_picks(void)
{
	char buf[512];
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__NcrReply nr = YOKE__NCR_REPLY__INIT;
	Yoke__Ncr n = YOKE__NCR__INIT, *np = &n;
	Yoke__ReworkOption o[2] = { YOKE__REWORK_OPTION__INIT, YOKE__REWORK_OPTION__INIT };
	Yoke__ReworkOption *op[2] = { &o[0], &o[1] };

	start("3002", YOKE__ROLE__ROLE_INSPECTOR, "en");
	settle();
	CHECK(!station_on_function(&sv, 9, false, &rq));
	CHECK(inspector_asking(&sv));
	inspector_prompt(&sv, buf, sizeof buf);
	CHECK_STR(buf, "Raise an NCR: scan or type the unit's serial");
	CHECK(!line("WO-1-0007"));
	station_on_arrow(&sv, +1);                 /* the codes' highlight */
	CHECK_INT(sv.insp.raise.pick, 0);
	CHECK(!line(""));
	CHECK_STR(sv.message, "Defect BRIDGE: Solder bridge");
	CHECK(!line("U3"));
	CHECK(!line("found at the final look"));
	CHECK(!line(""));
	CHECK(station_masked(&sv));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_RAISE_NCR);
	CHECK_STR(rq.rq.raise_ncr->defect->note, "found at the final look");
	CHECK_STR(sv.message, "Raising an NCR on unit WO-1-0007\u2026");
	/* Refused: the server's words; nothing asked any more. */
	reply_plain(YOKE__STATUS__STATUS_CONFLICT, "Unit WO-1-0007 already has NCR-000003 open");
	CHECK_STR(sv.message, "Unit WO-1-0007 already has NCR-000003 open");
	CHECK(!inspector_asking(&sv));
	CHECK_INT(sv.insp.screen, INSPECTOR_LIST);
	/* Again, and taken: the NCR is read by its number. */
	station_on_function(&sv, 9, false, &rq);
	line("WO-1-0008");
	line("SCRATCH");
	line("");
	line("");
	line("");
	REQUIRE(line("2468"));
	n.number = (char *)"NCR-000005";
	n.serial = (char *)"WO-1-0008";
	n.state = YOKE__NCR_STATE__NCR_OPEN;
	nr.n_ncrs = 1;
	nr.ncrs = &np;
	rp.body_case = YOKE__REPLY__BODY_NCRS;
	rp.ncrs = &nr;
	rp.message = (char *)"NCR-000005 opened on unit WO-1-0008; the unit is held until its disposition";
	station_on_reply(&sv, &rp);
	CHECK_INT(sv.insp.screen, INSPECTOR_NCR);
	CHECK(strncmp(sv.message, "NCR-000005 opened", 17) == 0);
	CHECK_INT(sv.tone, STATION_TONE_OK);
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_NCRS);
	CHECK_STR(rq.rq.ncrs->number, "NCR-000005");
	o[0].operation = 900;
	o[1].operation = 910;
	n.n_rework_options = 2;
	n.rework_options = op;
	rp.message = (char *)"";
	station_on_reply(&sv, &rp);
	REQUIRE(sv.insp.detail.ncr != NULL);
	CHECK_INT(sv.insp.detail.ncr->n_rework_options, 2);
	CHECK(strncmp(sv.message, "NCR-000005 opened", 17) == 0);   /* still said */
	settle();
	CHECK(!line("1"));
	CHECK_INT(sv.insp.ask, INSPECTOR_ASK_REWORK_OP);
	inspector_prompt(&sv, buf, sizeof buf);
	CHECK(strstr(buf, "Its number in the list") != NULL);
	station_on_arrow(&sv, +1);
	station_on_arrow(&sv, +1);
	CHECK_INT(sv.insp.rework_pick, 1);
	CHECK(!line("5"));
	CHECK(strstr(sv.message, "its number in the list (1 to 2)") != NULL);
	CHECK(!line(""));
	CHECK_INT(sv.insp.rework_op, 910);
	CHECK_STR(sv.message, "Rework at op 910");
	CHECK(!line(""));
	CHECK(!line(""));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_DISPOSITION);
	CHECK_INT(rq.rq.disposition->rework_operation, 910);
}

static Yoke__Capa capas[3];
static Yoke__Capa *capa_ptrs[3] = { &capas[0], &capas[1], &capas[2] };

/* The answer to the CAPA query in flight: CAPA-000003 (closed), -2, -1. */
static void
answer_capas(void)
{
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__CapaReply cr = YOKE__CAPA_REPLY__INIT;

	capa_at_action(&capas[1]);
	capas[0] = capas[1];
	capas[0].number = (char *)"CAPA-000003";
	capas[0].state = YOKE__CAPA_STATE__CAPA_CLOSED;
	capas[2] = capas[1];
	capas[2].number = (char *)"CAPA-000001";
	capas[2].overdue = false;
	capas[2].state = YOKE__CAPA_STATE__CAPA_CONTAINED;
	cr.n_capas = 3;
	cr.capas = capa_ptrs;
	rp.body_case = YOKE__REPLY__BODY_CAPAS;
	rp.capas = &cr;
	station_on_reply(&sv, &rp);
}

static void
lead_capas(void)
{
	char buf[512];
	struct station_hint h[STATION_MAX_HINTS];
	size_t nh;
	bool f7 = false;

	start("2002", YOKE__ROLE__ROLE_LEAD, "en");
	settle();
	nh = station_hints(&sv, h, STATION_MAX_HINTS);
	for (size_t i = 0; i < nh; i++)
		f7 |= strcmp(h[i].key, "F7") == 0 && strcmp(h[i].what, "CAPAs") == 0;
	CHECK(f7);
	CHECK_STR(h[nh - 1].key, "F10");             /* the keys that stay never drop off */
	CHECK(!station_on_function(&sv, 7, false, &rq));
	CHECK_INT(sv.lead.screen, LEAD_CAPAS);
	/* The holds and NCRs behind it, then the CAPAs of every state. */
	REQUIRE(station_next_request(&sv, &rq));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_CAPAS);
	CHECK_STR(rq.rq.capas->number, "");
	CHECK_INT(rq.rq.capas->state, 0);
	answer_capas();
	REQUIRE(sv.lead.capas != NULL);
	CHECK_INT(sv.lead.capas->n_capas, 2);        /* the closed one left out */
	CHECK_STR(sv.lead.capas->capas[0]->number, "CAPA-000002");
	settle();
	lead_prompt(&sv, buf, sizeof buf);
	CHECK(strncmp(buf, "Pick a CAPA", 11) == 0);
	/* By its number in the list: shown at once, read again by its number. */
	CHECK(line("2"));
	CHECK_INT(sv.lead.screen, LEAD_CAPA);
	REQUIRE(sv.lead.capa != NULL);
	CHECK_STR(sv.lead.capa->number, "CAPA-000001");
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_CAPAS);
	CHECK_STR(rq.rq.capas->number, "CAPA-000001");
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No CAPA CAPA-000001");
	CHECK_STR(sv.message, "No CAPA CAPA-000001");
	CHECK_INT(sv.lead.screen, LEAD_CAPA);         /* what it had stays shown */
	/* Scrolled by the arrows, within its record. */
	station_on_arrow(&sv, +1);
	CHECK_INT(sv.lead.capa_scroll, 1);
	for (int i = 0; i < 40; i++)
		station_on_arrow(&sv, +1);
	{
		static struct capa_field f[CAPA_FIELDS];
		CHECK_INT(sv.lead.capa_scroll, (int)capa_fields(sv.lead.capa, f, CAPA_FIELDS) - 1);
	}
	station_on_page(&sv, -1);
	station_on_page(&sv, -1);
	station_on_page(&sv, -1);
	CHECK_INT(sv.lead.capa_scroll, 0);
	/* Read-only here. */
	CHECK(!line("close it"));
	CHECK(strstr(sv.message, "yokectl capa") != NULL);
	/* Enter: the list again; a CAPA by its number as typed. */
	REQUIRE(line(""));
	CHECK_INT(sv.lead.screen, LEAD_CAPAS);
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_CAPAS);
	answer_capas();
	REQUIRE(line("capa-000009"));
	CHECK_INT(sv.lead.screen, LEAD_CAPA);
	CHECK_STR(rq.rq.capas->number, "CAPA-000009");
	CHECK(sv.lead.capa == NULL);
	reply_plain(YOKE__STATUS__STATUS_NOT_FOUND, "No CAPA CAPA-000009");
	CHECK_INT(sv.lead.screen, LEAD_CAPAS);        /* nothing to show: the list */
	/* F7 again: the holds. */
	settle();
	CHECK(!station_on_function(&sv, 7, false, &rq));
	CHECK_INT(sv.lead.screen, LEAD_HOLDS);
	CHECK(sv.lead.capa == NULL);
}

/* The lead raises an NCR from a unit's screen: about that unit. */
static void
lead_raises_on_a_unit(void)
{
	char buf[512];
	Yoke__Reply rp = YOKE__REPLY__INIT;
	Yoke__TraceReply t = YOKE__TRACE_REPLY__INIT;
	Yoke__UnitView u = YOKE__UNIT_VIEW__INIT;
	Yoke__NcrReply nr = YOKE__NCR_REPLY__INIT;
	Yoke__Ncr n = YOKE__NCR__INIT, *np = &n;

	start("2001", YOKE__ROLE__ROLE_LEAD, "zh_CN");
	settle();
	REQUIRE(line("WO-1-0005"));
	u.serial = (char *)"WO-1-0005";
	u.status = YOKE__UNIT_STATUS__UNIT_QUEUED;
	t.unit = &u;
	rp.body_case = YOKE__REPLY__BODY_TRACE;
	rp.trace = &t;
	station_on_reply(&sv, &rp);
	CHECK(!station_on_function(&sv, 9, false, &rq));
	CHECK_STR(sv.lead.raise.serial, "WO-1-0005");
	lead_prompt(&sv, buf, sizeof buf);
	CHECK_STR(buf, "缺陷：扫描代码，输入序号，或用 ↑ ↓ 选择后按 Enter");
	CHECK(!line("9"));
	CHECK(strncmp(sv.message, "未知的缺陷代码“9”", strlen("未知的缺陷代码“9”")) == 0);
	CHECK(!line("SCRATCH"));
	CHECK(!line(""));
	CHECK(!line(""));
	lead_prompt(&sv, buf, sizeof buf);
	CHECK(strstr(buf, "产品 WO-1-0005 的不合格品报告") != NULL);
	CHECK(!line(""));
	REQUIRE(line("2468"));
	CHECK_INT(rq.rq.body_case, YOKE__REQUEST__BODY_RAISE_NCR);
	CHECK_STR(rq.rq.raise_ncr->serial, "WO-1-0005");
	CHECK_STR(rq.rq.raise_ncr->signature->badge, "2001");
	n.number = (char *)"NCR-000006";
	nr.n_ncrs = 1;
	nr.ncrs = &np;
	memset(&rp, 0, sizeof rp);
	{
		Yoke__Reply z = YOKE__REPLY__INIT;
		rp = z;
	}
	rp.body_case = YOKE__REPLY__BODY_NCRS;
	rp.ncrs = &nr;
	station_on_reply(&sv, &rp);
	CHECK_INT(sv.lead.screen, LEAD_NCR);
	CHECK_STR(sv.lead.detail.number, "NCR-000006");
	/* @BACK on a question drops it, in the lead's words. */
	settle();
	station_on_function(&sv, 9, false, &rq);
	CHECK(!line("@BACK"));
	CHECK(!lead_asking(&sv));
	CHECK_STR(sv.message, "已取消：未发送任何内容");
	REQUIRE(line("@LOGOUT"));
	reply_plain(YOKE__STATUS__STATUS_OK, "");
	REQUIRE(i18n_use("en"));
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(capa_record_in_fields);
	RUN(raising_asks_in_order);
	RUN(rework_picked_from_the_list);
	RUN(inspector_raises_and_picks);
	RUN(lead_capas);
	RUN(lead_raises_on_a_unit);
	station_free(&sv);
	return check_done();
}
