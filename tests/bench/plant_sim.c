/*
 * plant_sim.c — the plant simulator as a program (tests/lib/sim.h,
 * docs/simulator.md): `make bench` runs it on 400 units; options change
 * the fault rates and the run.
 *
 *   build/release/bench/plant_sim [--units N] [--seed S] [--json] [--RATE X]...
 */
#include "tests/lib/harness.h"
#include "tests/lib/sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; size_t off; } rates[] = {
	{ "--wrong-part", offsetof(struct sim_config, p_wrong_part) },
	{ "--skip", offsetof(struct sim_config, p_skip) },
	{ "--typo", offsetof(struct sim_config, p_typo) },
	{ "--expired", offsetof(struct sim_config, p_expired) },
	{ "--gauge", offsetof(struct sim_config, p_gauge) },
	{ "--bad-lot-share", offsetof(struct sim_config, bad_lot_share) },
	{ "--bad-lot-defects", offsetof(struct sim_config, bad_lot_defect_rate) },
	{ "--wear", offsetof(struct sim_config, wear_per_unit) },
	{ "--final", offsetof(struct sim_config, p_final) },
};

int
main(int argc, char **argv)
{
	struct sim_config c;
	struct sim_result with, without;
	bool json = false;
	char err[600];

	harness_i18n_init();
	sim_config_default(&c);
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t k;
		if (strcmp(argv[i], "--json") == 0) {
			json = true;
			continue;
		}
		if (v == NULL)
			goto usage;
		if (strcmp(argv[i], "--units") == 0) {
			c.units = (unsigned)strtoul(v, NULL, 10);
		} else if (strcmp(argv[i], "--seed") == 0) {
			c.seed = strtoull(v, NULL, 10);
		} else if (strcmp(argv[i], "--tool-life") == 0) {
			c.tool_life = (unsigned)strtoul(v, NULL, 10);
		} else {
			for (k = 0; k < sizeof rates / sizeof rates[0]; k++)
				if (strcmp(argv[i], rates[k].name) == 0)
					break;
			if (k == sizeof rates / sizeof rates[0])
				goto usage;
			*(double *)((char *)&c + rates[k].off) = atof(v);
		}
		i++;
	}
	if (c.units == 0 || c.units > 100000)
		goto usage;
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
	fprintf(stderr, "usage: plant_sim [--units N (1-100000)] [--seed S] [--json] [--tool-life N] "
	    "[--wrong-part P] [--skip P] [--typo P] [--expired P] [--gauge P] [--bad-lot-share P] "
	    "[--bad-lot-defects P] [--wear MV] [--final P]\n");
	return 2;
}
