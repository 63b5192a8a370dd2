/* fault.c — see fault.h. */
#include "server/fault.h"

#include <stdio.h>
#include <string.h>

static struct {
	bool grow_fail;
} fault;

int
fault_init(const char *spec, char *err, size_t errsz)
{
	char buf[256], *item, *save;

	memset(&fault, 0, sizeof fault);
	if (spec == NULL || *spec == '\0')
		return 0;
	if (strlen(spec) >= sizeof buf) {
		snprintf(err, errsz, "YOKE_FAULT is too long");
		return -1;
	}
	strcpy(buf, spec);
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (strcmp(item, "grow-fail") == 0) {
			fault.grow_fail = true;
		} else {
			snprintf(err, errsz, "YOKE_FAULT: unknown fault \"%s\" (known: grow-fail)", item);
			memset(&fault, 0, sizeof fault);
			return -1;
		}
	}
	return 0;
}

bool
fault_armed(void)
{
	return fault.grow_fail;
}

bool
fault_grow_fail(void)
{
	return fault.grow_fail;
}
