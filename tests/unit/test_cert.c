/* test_cert.c — certificate files: read back what was written, refuse a
 * wrong file with file:line, keep secrets out of allowlist entries, and the
 * station list (with "*" for a roaming device). Also the wire text rules
 * (proto/wire_check.c): a NUL or invalid UTF-8 in any string field, at any
 * depth, is named by its field. */
#include "proto/curve.h"
#include "proto/wire_check.h"
#include "proto/store.pb-c.h"
#include "proto/yoke.pb-c.h"
#include "shared/cert.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
round_trip(void)
{
	char dir[] = "/tmp/yoke-cert.XXXXXX", path[200], err[300];
	struct cert c, back;
	struct stat st;
	REQUIRE(mkdtemp(dir) != NULL);
	memset(&c, 0, sizeof c);
	strcpy(c.terminal, "SMT-1");
	REQUIRE(cert_set_stations(&c, "SMT-1, SMT-2", err, sizeof err));
	CHECK_INT(c.nstations, 2);
	REQUIRE(curve_keypair(&c));
	CHECK(curve_pair_matches(&c));
	memcpy(c.server_key, c.public_key, sizeof c.server_key);
	strcpy(c.server, "tcp://mes:7700");
	strcpy(c.enrolled, "2026-11-26 09:46:02 UTC");
	snprintf(path, sizeof path, "%s/SMT-1.cert", dir);
	REQUIRE(cert_write(path, CERT_DEVICE, &c, false, err, sizeof err));
	REQUIRE(stat(path, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK(!cert_write(path, CERT_DEVICE, &c, false, err, sizeof err));   /* not replaced */
	REQUIRE(cert_read(path, CERT_DEVICE, &back, err, sizeof err));
	CHECK_STR(back.terminal, "SMT-1");
	CHECK_STR(back.secret_key, c.secret_key);
	CHECK_STR(back.server, "tcp://mes:7700");
	CHECK(cert_has_station(&back, "SMT-2"));
	CHECK(!cert_has_station(&back, "SMT-3"));
	/* An allowlist entry holds no secret, and is readable by all. */
	snprintf(path, sizeof path, "%s/SMT-1.pub", dir);
	REQUIRE(cert_write(path, CERT_ALLOWED, &c, false, err, sizeof err));
	REQUIRE(stat(path, &st) == 0);
	CHECK_INT(st.st_mode & 0777, 0644);
	REQUIRE(cert_read(path, CERT_ALLOWED, &back, err, sizeof err));
	CHECK_STR(back.secret_key, "");
	CHECK_STR(back.public_key, c.public_key);
	/* A device certificate is not an allowlist entry, and the other way round. */
	CHECK(!cert_read(path, CERT_DEVICE, &back, err, sizeof err));
	CHECK(strstr(err, "secret-key") != NULL);
	snprintf(path, sizeof path, "rm -rf %s", dir);
	CHECK(system(path) == 0);
}

static void
wrong_files(void)
{
	struct cert c;
	char err[300];
	const char *key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
	char text[600];
	REQUIRE(cert_key_ok(key));
	snprintf(text, sizeof text, "terminal = A\npublic-key = %s\nsecret-key = %s\nserver-key = %s\n"
	    "colour = blue\n", key, key, key);
	CHECK(!cert_parse("x.cert", text, CERT_DEVICE, &c, err, sizeof err));
	CHECK_STR(err, "x.cert:5: expected terminal, stations, server, server-key, public-key, "
	    "secret-key, enrolled or revoked, got \"colour\"");
	CHECK(!cert_parse("x.cert", "terminal = A\npublic-key = short\n", CERT_ALLOWED, &c, err, sizeof err));
	CHECK(strstr(err, "x.cert:2: public-key: expected 40 characters of Z85") != NULL);
	CHECK(!cert_parse("x.cert", "terminal = A/B\n", CERT_ALLOWED, &c, err, sizeof err));
	CHECK(strstr(err, "x.cert:1: terminal: expected an id") != NULL);
	CHECK(!cert_parse("x.cert", "terminal = A\nterminal = B\n", CERT_ALLOWED, &c, err, sizeof err));
	CHECK(strstr(err, "x.cert:2: terminal is given twice") != NULL);
	CHECK(!cert_parse("x.cert", "# just a comment\nterminal = A\n", CERT_ALLOWED, &c, err, sizeof err));
	CHECK_STR(err, "x.cert: expected a line \"public-key = ...\"; there is none");
	CHECK(!cert_parse("x.cert", "just words\n", CERT_ALLOWED, &c, err, sizeof err));
	CHECK(strstr(err, "x.cert:1: expected \"name = value\"") != NULL);
	CHECK(!cert_parse("x.cert", "stations = A B/C\n", CERT_ALLOWED, &c, err, sizeof err));
	CHECK(strstr(err, "x.cert:1: stations: expected a station id") != NULL);
	snprintf(text, sizeof text, "terminal = A\npublic-key = %s\nsecret-key = %s\n", key, key);
	CHECK(!cert_parse("x.pub", text, CERT_ALLOWED, &c, err, sizeof err));
	CHECK(strstr(err, "must not hold a secret key") != NULL);
	CHECK(!cert_id_ok(".hidden"));
	CHECK(!cert_id_ok("a b"));
	CHECK(cert_id_ok("SMT-1@line2"));
}

static void
roaming_device(void)
{
	struct cert c;
	char err[200];
	memset(&c, 0, sizeof c);
	REQUIRE(cert_set_stations(&c, "*", err, sizeof err));
	CHECK(cert_has_station(&c, "ANY-1"));
	memset(&c, 0, sizeof c);
	CHECK(!cert_has_station(&c, "ANY-1"));
}

/* ---- wire text rules ---- */

static uint8_t *
packed(const Yoke__Request *rq, size_t *len)
{
	uint8_t *buf;
	*len = yoke__request__get_packed_size(rq);
	buf = malloc(*len + 1);
	yoke__request__pack(rq, buf);
	return buf;
}

/* Turns the '#' of the first "24#8" in the bytes into a NUL (a '#' alone
 * could be a length byte). */
static void
nul_in_pin(uint8_t *buf, size_t len)
{
	for (size_t i = 0; i + 4 <= len; i++)
		if (memcmp(buf + i, "24#8", 4) == 0) {
			buf[i + 2] = 0;
			return;
		}
}

static void
wire_text_rules(void)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord st = YOKE__STEP_RECORD__INIT;
	Yoke__InspectionResult in = YOKE__INSPECTION_RESULT__INIT;
	Yoke__Signature sg = YOKE__SIGNATURE__INIT;
	char err[200];
	size_t len;
	rq.version = 2;
	rq.terminal = (char *)"T";
	rq.session = (char *)"s";
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &st;
	st.serial = (char *)"WO1-0001";
	st.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
	st.inspection = &in;
	in.note = (char *)"针脚无弯曲 fine";
	in.signature = &sg;
	sg.badge = (char *)"200";
	sg.pin = (char *)"24#8";
	uint8_t *buf = packed(&rq, &len);
	CHECK(wire_check_strings(&yoke__request__descriptor, buf, len, err, sizeof err));
	/* A NUL three levels down is named by its path. */
	nul_in_pin(buf, len);
	CHECK(!wire_check_strings(&yoke__request__descriptor, buf, len, err, sizeof err));
	CHECK_STR(err, "field step.inspection.signature.pin: contains a NUL byte (U+0000)");
	free(buf);
	/* Invalid UTF-8 in a note. */
	in.note = (char *)"ok \xff";
	sg.pin = (char *)"2468";
	buf = packed(&rq, &len);
	CHECK(!wire_check_strings(&yoke__request__descriptor, buf, len, err, sizeof err));
	CHECK_STR(err, "field step.inspection.note: is not valid UTF-8");
	free(buf);
	/* Truncated data is left to the decoder. */
	in.note = (char *)"ok";
	buf = packed(&rq, &len);
	CHECK(wire_check_strings(&yoke__request__descriptor, buf, len - 3, err, sizeof err));
	free(buf);
	/* Bytes fields are not text. */
	Yoke__TerminalRecord tr = YOKE__TERMINAL_RECORD__INIT;
	uint8_t raw[] = { 0, 0xff, 0 };
	tr.last_reply.data = raw;
	tr.last_reply.len = sizeof raw;
	len = yoke__terminal_record__get_packed_size(&tr);
	buf = malloc(len);
	yoke__terminal_record__pack(&tr, buf);
	CHECK(wire_check_strings(&yoke__terminal_record__descriptor, buf, len, err, sizeof err));
	free(buf);
}

int
main(void)
{
	RUN(round_trip);
	RUN(wrong_files);
	RUN(roaming_device);
	RUN(wire_text_rules);
	return check_done();
}
