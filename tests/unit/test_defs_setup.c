/*
 * test_defs_setup.c — the scan step option from=setup (the lot comes from
 * the station's material setup): read onto Step.from_setup; any other
 * value, and a part that is not lot-tracked, refused with file:line and
 * what was expected; the fixture plant tests/data/plant-setup reads.
 */
#include <stdio.h>
#include <string.h>

#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "tests/lib/check.h"

#define HEAD \
	"part P \"Product\" rev=A tracking=serial\n" \
	"part R \"Reel part\" rev=A tracking=lot\n" \
	"part S \"Serial part\" rev=A tracking=serial\n" \
	"part N \"Untracked part\" rev=A tracking=none\n" \
	"station A-1 \"Bench\" kind=A\n" \
	"bom P\n  line R qty=1 scan\n  line S qty=1 scan\n  line N qty=1 scan\n" \
	"routing P rev=A released\n  op 10 \"Assembly\" station=A\n"

/* Parses and validates HEAD + the step line; the error (or "") in err. */
static bool
load(const char *step, Yoke__Definitions **out, char *err, size_t errsz)
{
	char text[2048];
	Yoke__Definitions *d = defs_new();
	snprintf(text, sizeof text, "%s    %s\n", HEAD, step);
	err[0] = '\0';
	bool ok = defs_parse(d, "plant.def", text, err, errsz) && defs_validate(d, err, errsz);
	if (ok && out)
		*out = d;
	else
		defs_free(d);
	return ok;
}

static void
test_from_setup_read(void)
{
	Yoke__Definitions *d = NULL;
	char err[512];
	REQUIRE(load("scan R from=setup", &d, err, sizeof err));
	const Yoke__Step *s = d->routings[0]->operations[0]->steps[0];
	CHECK(s->from_setup);
	CHECK_STR(s->part, "R");
	defs_free(d);
	REQUIRE(load("scan R qty=3", &d, err, sizeof err));
	CHECK(!d->routings[0]->operations[0]->steps[0]->from_setup);
	defs_free(d);
}

static void
test_from_setup_refused(void)
{
	char err[512];
	CHECK(!load("scan R from=feeder", NULL, err, sizeof err));
	CHECK(strstr(err, "plant.def:12:") == err);
	CHECK(strstr(err, "expected setup") != NULL);
	CHECK(strstr(err, "feeder") != NULL);

	CHECK(!load("scan S from=setup", NULL, err, sizeof err));
	CHECK(strstr(err, "plant.def:12:") == err);
	CHECK(strstr(err, "lot-tracked") != NULL);
	CHECK(strstr(err, "serial") != NULL);

	CHECK(!load("scan N from=setup", NULL, err, sizeof err));
	CHECK(strstr(err, "plant.def:12:") == err);
	CHECK(strstr(err, "none") != NULL);

	/* Only a scan step takes the option. */
	CHECK(!load("check \"Seated\" from=setup", NULL, err, sizeof err));
	CHECK(strstr(err, "plant.def:12:") == err);
}

int
main(void)
{
	i18n_init();
	i18n_use("en");
	RUN(test_from_setup_read);
	RUN(test_from_setup_refused);
	return check_done();
}
