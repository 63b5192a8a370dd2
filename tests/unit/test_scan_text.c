/*
 * test_scan_text.c — what a scanner sends, turned into what yoke means:
 * every AIM identifier taken off, GS1 labels in each form read into their
 * fields, yoke's own labels left as they are, junk refused with its place.
 */
#include <stdio.h>
#include <string.h>

#include "shared/scan/scan_text.h"
#include "tests/lib/check.h"

#define GS "\x1d"

static bool
read_scan(const char *s, struct scan_text *t, struct gs1_error *e)
{
	return scan_text_read(s, strlen(s), t, e);
}

/* The plain text of t as a string. */
static const char *
plain(const struct scan_text *t)
{
	static char buf[300];
	snprintf(buf, sizeof buf, "%.*s", (int)t->len, t->text);
	return buf;
}

/* A supplier's label in every form reads as the same fields. */
static void
supplier_label_every_form(void)
{
	static const char *const forms[] = {
		"]C1010952123454321310LOT-2411-07",
		"]C110LOT-2411-07" GS "0109521234543213",
		"]d2010952123454321310LOT-2411-07\r\n",
		"]Q3010952123454321310LOT-2411-07",
		"]e0010952123454321310LOT-2411-07",
		"]J1010952123454321310LOT-2411-07",
		"10LOT-2411-07" GS "0109521234543213",          /* no identifier, a GS */
		"010952123454321310LOT-2411-07\t",              /* no identifier, GTIN first */
		"(01)09521234543213(10)LOT-2411-07",
		"]C0(01)09521234543213(10)LOT-2411-07",
		"https://id.example.com/01/09521234543213/10/LOT-2411-07",
		"]Q1https://id.example.com/01/09521234543213/10/LOT-2411-07",
		"]d1HTTPS://id.example.com/01/09521234543213/10/LOT-2411-07",
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct scan_text t;
		struct gs1_error e;
		if (!read_scan(forms[i], &t, &e)) {
			check_fail(__FILE__, __LINE__, "form %zu refused: %s", i, e.message);
			continue;
		}
		CHECK(t.gs1);
		CHECK_STR(t.gtin, "09521234543213");
		CHECK_STR(t.gtin_ai, "01");
		CHECK_STR(t.lot, "LOT-2411-07");
		CHECK(t.serial == NULL);
		CHECK(!t.has_expiry);
		CHECK(!t.has_qty);
	}
}

static void
serial_expiry_and_quantity(void)
{
	struct scan_text t;
	struct gs1_error e;

	REQUIRE(read_scan("]C101095212345432131735123110LOT-A1" GS "21SN000123" GS "3025", &t, &e));
	CHECK_STR(t.aim, "]C1");
	CHECK_STR(t.serial, "SN000123");
	CHECK_STR(t.lot, "LOT-A1");
	CHECK(t.has_expiry);
	CHECK_STR(t.expiry, "2035-12-31");
	CHECK(t.has_qty);
	CHECK_INT(t.qty, 25);
	CHECK_STR(t.qty_ai, "30");
	CHECK_INT(t.fields.nfields, 5);
	/* Day 00 is the month's last day. */
	REQUIRE(read_scan("(01)09521234543213(17)350200(10)L1", &t, &e));
	CHECK_STR(t.expiry, "2035-02-28");
	/* (02) with its (37) count: the GTIN of the trade items inside. */
	REQUIRE(read_scan("]C1000095214010000000130209521234543213" "37120", &t, &e));
	CHECK_STR(t.gtin, "09521234543213");
	CHECK_STR(t.gtin_ai, "02");
	CHECK_INT(t.qty, 120);
	CHECK_STR(t.qty_ai, "37");
	/* A Digital Link's query attributes. */
	REQUIRE(read_scan("https://id.example.com/01/09521234543213/10/L7?17=351130&30=4", &t, &e));
	CHECK_STR(t.expiry, "2035-11-30");
	CHECK_INT(t.qty, 4);
	/* EAN-13 and ITF-14 numbers are GTINs. */
	REQUIRE(read_scan("]E09521234543213", &t, &e));
	CHECK(t.gs1);
	CHECK_STR(t.gtin, "09521234543213");
	REQUIRE(read_scan("]I109521234543213", &t, &e));
	CHECK_STR(t.gtin, "09521234543213");
	CHECK(t.lot == NULL);
}

/* yoke's own labels, serials, badges and commands: the identifier off,
 * nothing else changed, never read as GS1. */
static void
plain_text_stays(void)
{
	static const char *const in[][2] = {
		{ "CAP-L/LOT-42", "CAP-L/LOT-42" },
		{ "PCB-S/S000123\r\n", "PCB-S/S000123" },
		{ "]Q1WO-DEMO-1-0007", "WO-DEMO-1-0007" },
		{ "]C0MCU-F407/LOT-2411-07", "MCU-F407/LOT-2411-07" },
		{ "]A0WO-DEMO-1-0001\t", "WO-DEMO-1-0001" },
		{ "]L0R-10K", "R-10K" },
		{ "]d1@PASS", "@PASS" },
		{ "]Q1@OK", "@OK" },
		{ "]C2ABC", "ABC" },
		{ "]X0", "" },
		{ "1001", "1001" },
		{ "0123456789012345", "0123456789012345" },   /* 16 digits, no GS1 check digit */
		{ "(R1)/X", "(R1)/X" },
		{ "]", "]" },
		{ "]1A", "]1A" },           /* not an identifier: no letter after ']' */
		{ "", "" },
		{ "\r\n", "" },
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		struct scan_text t;
		struct gs1_error e;
		if (!read_scan(in[i][0], &t, &e)) {
			check_fail(__FILE__, __LINE__, "\"%s\" refused: %s", in[i][0], e.message);
			continue;
		}
		if (t.gs1)
			check_fail(__FILE__, __LINE__, "\"%s\" read as GS1", in[i][0]);
		CHECK_STR(plain(&t), in[i][1]);
	}
}

/* Badges and serials: any identifier comes off, ]C1 too. */
static void
plain_fields(void)
{
	const char *s;
	size_t n = scan_text_plain("]C11001\r", 8, &s);
	CHECK_INT(n, 4);
	CHECK(strncmp(s, "1001", 4) == 0);
	n = scan_text_plain("]Q1WO-DEMO-1-0007", 17, &s);
	CHECK_INT(n, 14);
	CHECK(strncmp(s, "WO-DEMO-1-0007", 14) == 0);
	n = scan_text_plain("1002\n", 5, &s);
	CHECK_INT(n, 4);
	CHECK(strncmp(s, "1002", 4) == 0);
	n = scan_text_plain("]C", 2, &s);
	CHECK_INT(n, 2);
	CHECK(scan_text_has_aim("]e0", 3));
	CHECK(!scan_text_has_aim("]e", 2));
	CHECK(!scan_text_has_aim("]-0", 3));
	CHECK(!scan_text_has_aim("x]C1", 4));
}

/* GS1-shaped scans that are not right are refused, saying where. */
static void
junk_refused(void)
{
	static const struct { const char *in; size_t at; } bad[] = {
		{ "]C1010952123454321410LOT", 3 + 2 + 13 },   /* wrong check digit */
		{ "]C1", 3 },                                    /* no data */
		{ "]C110" GS "0109521234543213", 3 },            /* an empty lot */
		{ "(01)0952123454321", 1 },                      /* 13 digits: at the AI */
		{ "https://id.example.com/10/LOT", 0 },          /* no primary key */
		{ "]E0ABC", 3 },
		{ "10LOT" GS "21" GS, 0 },                       /* an empty serial */
		{ "(17)351332(01)09521234543213", 4 },           /* month 13 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct scan_text t;
		struct gs1_error e;
		if (read_scan(bad[i].in, &t, &e)) {
			check_fail(__FILE__, __LINE__, "junk %zu accepted", i);
			continue;
		}
		CHECK(t.gs1);
		CHECK(e.message[0] != '\0');
		if (e.offset + 2 < bad[i].at)
			check_fail(__FILE__, __LINE__, "junk %zu: offset %zu, expected about %zu (%s)", i,
			    e.offset, bad[i].at, e.message);
	}
}

int
main(void)
{
	RUN(supplier_label_every_form);
	RUN(serial_expiry_and_quantity);
	RUN(plain_text_stays);
	RUN(plain_fields);
	RUN(junk_refused);
	return check_done();
}
