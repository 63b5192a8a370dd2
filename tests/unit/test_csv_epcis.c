/*
 * test_csv_epcis.c — the CSV writer (RFC 4180: which fields are quoted,
 * doubled quotes, CRLF, UTF-8 untouched) and the EPCIS identifiers (a
 * Digital Link only for a valid GTIN and a valid AI value, parsed back by
 * yoke's own GS1 reader; yoke's URN, percent-encoded, otherwise).
 */
#include "tests/lib/check.h"
#include "shared/csv.h"
#include "shared/epcis_id.h"
#include "shared/gs1/gs1.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The record the writer makes of fields (NULL-terminated). */
static char *
record(const char *const *fields)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv w;
	csv_start(&w, f);
	for (size_t i = 0; fields[i]; i++)
		csv_field(&w, fields[i]);
	csv_end(&w);
	fclose(f);
	return buf;
}

static void
test_csv_plain_fields_as_they_are(void)
{
	char *r = record((const char *const[]){ "WO-1", "10", "Assembly", NULL });
	CHECK_STR(r, "WO-1,10,Assembly\r\n");
	free(r);
}

static void
test_csv_quotes_commas_quotes_and_newlines(void)
{
	char *r = record((const char *const[]){ "a,b", "say \"hi\"", "two\nlines", "cr\rx", "", NULL });
	CHECK_STR(r, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\",\r\n");
	free(r);
	CHECK(!csv_needs_quotes("plain text with spaces"));
	CHECK(csv_needs_quotes("x\"y"));
}

static void
test_csv_chinese_as_is(void)
{
	char *r = record((const char *const[]){ "王小明, 二组", "装配", NULL });
	CHECK_STR(r, "\"王小明, 二组\",装配\r\n");
	free(r);
}

static void
test_csv_empty_and_null_fields(void)
{
	char *r = record((const char *const[]){ "", NULL });
	CHECK_STR(r, "\r\n");
	free(r);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct csv w;
	csv_start(&w, f);
	csv_field(&w, NULL);
	csv_fieldf(&w, "%d-%s", 7, "x");
	csv_field(&w, NULL);
	csv_end(&w);
	fclose(f);
	CHECK_STR(buf, ",7-x,\r\n");
	free(buf);
}

static void
test_gtin_check_digit(void)
{
	CHECK(epcis_gtin_ok("09521234543213"));
	CHECK(!epcis_gtin_ok("09521234543214"));
	CHECK(!epcis_gtin_ok("9521234543213"));
	CHECK(!epcis_gtin_ok("0952123454321X"));
	CHECK(!epcis_gtin_ok(NULL));
}

/* A Digital Link the GS1 reader takes back to the same AIs. */
static void
dl_has(const char *uri, const char *ai, const char *value)
{
	struct gs1_options opt = { .current_year = 2026 };
	struct gs1_result r;
	struct gs1_error e;
	REQUIRE(gs1_parse(uri, strlen(uri), &opt, &r, &e));
	CHECK(r.form == GS1_FORM_DL);
	const struct gs1_field *f = gs1_find(&r, ai);
	REQUIRE(f != NULL);
	CHECK_STR(f->value, value);
}

static void
test_digital_link_for_a_gtin(void)
{
	char id[EPCIS_ID_MAX];
	CHECK(epcis_unit_id(id, sizeof id, "sz1", "09521234543213", "WO1-0001"));
	CHECK_STR(id, "https://id.gs1.org/01/09521234543213/21/WO1-0001");
	dl_has(id, "01", "09521234543213");
	dl_has(id, "21", "WO1-0001");
	/* A serial with characters a path must encode. */
	CHECK(epcis_serial_id(id, sizeof id, "sz1", "09521234543213", "IC", "A/B%1"));
	CHECK_STR(id, "https://id.gs1.org/01/09521234543213/21/A%2FB%251");
	dl_has(id, "21", "A/B%1");
	/* A space is no AI (21) character: yoke's URN instead. */
	CHECK(epcis_serial_id(id, sizeof id, "sz1", "09521234543213", "IC", "A B"));
	CHECK_STR(id, "urn:yoke:sz1:serial:IC:A%20B");
	CHECK(epcis_lot_class(id, sizeof id, "sz1", "09521234543213", "IC-555", "L1"));
	CHECK_STR(id, "https://id.gs1.org/01/09521234543213/10/L1");
	dl_has(id, "10", "L1");
	CHECK(epcis_part_class(id, sizeof id, "sz1", "09521234543213", "IC-555"));
	CHECK_STR(id, "https://id.gs1.org/01/09521234543213");
}

static void
test_private_urn_otherwise(void)
{
	char id[EPCIS_ID_MAX];
	CHECK(epcis_unit_id(id, sizeof id, "sz1", NULL, "WO1-0001"));
	CHECK_STR(id, "urn:yoke:sz1:unit:WO1-0001");
	/* A GTIN with a wrong check digit is no GTIN. */
	CHECK(epcis_unit_id(id, sizeof id, "sz1", "09521234543214", "S1"));
	CHECK_STR(id, "urn:yoke:sz1:unit:S1");
	/* A serial longer than AI (21) allows, or outside its characters. */
	CHECK(epcis_unit_id(id, sizeof id, "sz1", "09521234543213", "S123456789012345678901"));
	CHECK_STR(id, "urn:yoke:sz1:unit:S123456789012345678901");
	CHECK(epcis_unit_id(id, sizeof id, "sz1", "09521234543213", "单元1"));
	CHECK_STR(id, "urn:yoke:sz1:unit:%E5%8D%95%E5%85%831");
	/* ':' in a part or serial cannot pose as a separator. */
	CHECK(epcis_serial_id(id, sizeof id, "sz1", "", "BOARD:1", "B:1"));
	CHECK_STR(id, "urn:yoke:sz1:serial:BOARD%3A1:B%3A1");
	CHECK(epcis_lot_class(id, sizeof id, "sz1", NULL, "PASTE", "L 7"));
	CHECK_STR(id, "urn:yoke:sz1:lot:PASTE:L%207");
	CHECK(epcis_part_class(id, sizeof id, "sz1", NULL, "SCREW-M3"));
	CHECK_STR(id, "urn:yoke:sz1:part:SCREW-M3");
	CHECK(epcis_station_id(id, sizeof id, "sz1", "ASSY-1"));
	CHECK_STR(id, "urn:yoke:sz1:station:ASSY-1");
	CHECK(epcis_work_order_id(id, sizeof id, "sz1", "WO 1"));
	CHECK_STR(id, "urn:yoke:sz1:wo:WO%201");
	CHECK(epcis_event_id(id, sizeof id, "sz1", 42));
	CHECK_STR(id, "urn:yoke:sz1:event:42");
}

static void
test_refusals(void)
{
	char id[EPCIS_ID_MAX], small[24];
	CHECK(!epcis_plant_ok(""));
	CHECK(!epcis_plant_ok("a:b"));
	CHECK(!epcis_plant_ok("abcdefghijklmnopqrstuvwxyz0123456"));
	CHECK(epcis_plant_ok("plant-2"));
	CHECK(!epcis_unit_id(id, sizeof id, "bad plant", NULL, "S1"));
	CHECK_STR(id, "");
	CHECK(!epcis_unit_id(id, sizeof id, "p", NULL, ""));
	CHECK(!epcis_station_id(id, sizeof id, "p", ""));
	CHECK(!epcis_event_id(id, sizeof id, "p", 0));
	CHECK(!epcis_unit_id(small, sizeof small, "p", NULL, "SERIAL-THAT-DOES-NOT-FIT"));
	CHECK_STR(small, "");
	CHECK(!epcis_pct(small, 4, "abcd"));
}

int
main(void)
{
	RUN(test_csv_plain_fields_as_they_are);
	RUN(test_csv_quotes_commas_quotes_and_newlines);
	RUN(test_csv_chinese_as_is);
	RUN(test_csv_empty_and_null_fields);
	RUN(test_gtin_check_digit);
	RUN(test_digital_link_for_a_gtin);
	RUN(test_private_urn_otherwise);
	RUN(test_refusals);
	return check_done();
}
