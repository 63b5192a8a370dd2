/* fuzz_defs.c — the definition-file parser and validator never crash,
 * never read out of bounds, and either accept or give file:line. */
#include "shared/defs/defs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char err[512];
	Yoke__Definitions *d = defs_new();

	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = '\0';
	if (defs_parse(d, "fuzz.def", text, err, sizeof err))
		(void)defs_validate(d, err, sizeof err);
	else if (strncmp(err, "fuzz.def:", 9) != 0)
		abort();   /* every refusal names file:line */
	defs_free(d);
	free(text);
	return 0;
}
