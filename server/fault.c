/* fault.c — see fault.h. */
#include "server/fault.h"
#include "shared/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	bool grow_fail;
	uint64_t commit_fail_from;    /* 0: never */
	uint64_t commits;             /* top-level write commits counted so far */
} fault;

#define COMMIT_FAIL_FROM "commit-fail-from="

/* "commit-fail-from=N", N a decimal number from 1: N; else 0. */
static uint64_t
commit_fail_from(const char *item)
{
	size_t pl = strlen(COMMIT_FAIL_FROM);
	char *end;
	uint64_t v;
	if (strncmp(item, COMMIT_FAIL_FROM, pl) != 0 || item[pl] < '1' || item[pl] > '9')
		return 0;
	v = strtoull(item + pl, &end, 10);
	return *end == '\0' ? v : 0;
}

int
fault_init(const char *spec, char *err, size_t errsz)
{
	char buf[256], *item, *save;

	memset(&fault, 0, sizeof fault);
	if (spec == NULL || *spec == '\0')
		return 0;
	if (strlen(spec) >= sizeof buf) {
		snprintf(err, errsz, "%s", _("YOKE_FAULT is too long"));
		return -1;
	}
	strcpy(buf, spec);
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (strcmp(item, "grow-fail") == 0) {
			fault.grow_fail = true;
		} else if ((fault.commit_fail_from = commit_fail_from(item)) == 0) {
			snprintf(err, errsz, _("YOKE_FAULT: unknown fault \"%s\" (known: grow-fail, "
			    "%sN with N from 1)"), item, COMMIT_FAIL_FROM);
			memset(&fault, 0, sizeof fault);
			return -1;
		}
	}
	return 0;
}

bool
fault_armed(void)
{
	return fault.grow_fail || fault.commit_fail_from;
}

bool
fault_grow_fail(void)
{
	return fault.grow_fail;
}

bool
fault_commit_fails(void)
{
	return fault.commit_fail_from && ++fault.commits >= fault.commit_fail_from;
}
