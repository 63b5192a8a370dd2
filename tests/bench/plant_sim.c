/*
 * plant_sim.c — the plant simulator as a program (tests/lib/sim.h,
 * docs/simulator.md): `make bench` runs it on 400 units; options change
 * the fault rates and the run.
 *
 *   build/release/bench/plant_sim [--units N] [--seed S] [--json] [--lang L] [--RATE X]...
 *
 * The table speaks the language of LANG / LC_MESSAGES (as yokectl does) or
 * of --lang (en, zh_CN). Every number given must be whole and in its range;
 * a rate is a fraction from 0 to 1.
 */
#include "tests/lib/harness.h"
#include "tests/lib/sim.h"

#include "shared/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fraction 0..1 (rates), or a positive number (wear), all of v. */
static bool
number(const char *v, double max, double *out)
{
	char *end;
	errno = 0;
	double x = strtod(v, &end);
	if (errno || end == v || *end || !(x >= 0 && x <= max))
		return false;
	*out = x;
	return true;
}

/* A whole number 1..max (0..max with zero), all of v. */
static bool
whole(const char *v, unsigned long long max, bool zero, unsigned long long *out)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(v, &end, 10);
	if (errno || end == v || *end || v[0] == '-' || x > max || (x == 0 && !zero))
		return false;
	*out = x;
	return true;
}

static const struct { const char *name; size_t off; double max; } rates[] = {
	{ "--wrong-part", offsetof(struct sim_config, p_wrong_part), 1.0 },
	{ "--skip", offsetof(struct sim_config, p_skip), 1.0 },
	{ "--typo", offsetof(struct sim_config, p_typo), 1.0 },
	{ "--slip", offsetof(struct sim_config, p_slip), 1.0 },
	{ "--expired", offsetof(struct sim_config, p_expired), 1.0 },
	{ "--gauge", offsetof(struct sim_config, p_gauge), 1.0 },
	{ "--bad-lot-share", offsetof(struct sim_config, bad_lot_share), 1.0 },
	{ "--bad-lot-defects", offsetof(struct sim_config, bad_lot_defect_rate), 1.0 },
	{ "--wear", offsetof(struct sim_config, wear_per_unit), 10.0 },
	{ "--final", offsetof(struct sim_config, p_final), 1.0 },
};

int
main(int argc, char **argv)
{
	struct sim_config c;
	struct sim_result with, without;
	bool json = false;
	char err[600];

	harness_i18n_init();
	i18n_from_environment();
	sim_config_default(&c);
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		unsigned long long n;
		size_t k;
		if (strcmp(argv[i], "--json") == 0) {
			json = true;
			continue;
		}
		if (v == NULL) {
			fprintf(stderr, "plant_sim: %s needs a value\n", argv[i]);
			goto usage;
		}
		if (strcmp(argv[i], "--units") == 0 && whole(v, 100000, false, &n)) {
			c.units = (unsigned)n;
		} else if (strcmp(argv[i], "--seed") == 0 && whole(v, UINT64_MAX, true, &n)) {
			c.seed = n;
		} else if (strcmp(argv[i], "--tool-life") == 0 && whole(v, 100000, false, &n)) {
			c.tool_life = (unsigned)n;
		} else if (strcmp(argv[i], "--lot-size") == 0 && whole(v, 500000, false, &n)) {
			c.lot_size = (unsigned)n;
		} else if (strcmp(argv[i], "--lang") == 0 && i18n_known(v)) {
			i18n_use(v);
		} else {
			for (k = 0; k < sizeof rates / sizeof rates[0]; k++)
				if (strcmp(argv[i], rates[k].name) == 0)
					break;
			if (k == sizeof rates / sizeof rates[0] ||
			    !number(v, rates[k].max, (double *)((char *)&c + rates[k].off))) {
				fprintf(stderr, "plant_sim: %s %s: not an option with a value in its range\n",
				    argv[i], v);
				goto usage;
			}
		}
		i++;
	}
	if (!sim_drive(&c, &with, err, sizeof err) || !sim_model(&c, &without, err, sizeof err)) {
		fprintf(stderr, "plant_sim: %s\n", err);
		return 1;
	}
	if (json)
		sim_print_json(stdout, &c, &with, &without);
	else
		sim_print(stdout, &c, &with, &without);
	return 0;
usage:
	fprintf(stderr, "usage: plant_sim [--units N (1-100000)] [--seed S] [--json] "
	    "[--lang en|zh_CN] [--tool-life N] [--lot-size N] [--wrong-part P] [--skip P] "
	    "[--typo P] [--slip P] [--expired P] [--gauge P] [--bad-lot-share P] "
	    "[--bad-lot-defects P] [--wear MV (0-10)] [--final P] (P: 0 to 1)\n");
	return 2;
}
