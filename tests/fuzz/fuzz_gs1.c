/*
 * fuzz_gs1.c — libFuzzer target for the GS1 parser: any bytes, with and
 * without a GS substitute, must give either fields or an error whose
 * offset lies within the input, and never crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shared/gs1.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gs1_options opt = { .current_year = 2025 };
	struct gs1_result r;
	struct gs1_error e;
	char hri[2048];

	for (int pass = 0; pass < 2; pass++) {
		opt.gs_substitute = pass ? '|' : 0;
		if (gs1_parse((const char *)data, size, &opt, &r, &e)) {
			if (r.nfields < 1 || r.nfields > GS1_MAX_FIELDS)
				abort();
			for (int i = 0; i < r.nfields; i++)
				if (strlen(r.fields[i].value) > GS1_MAX_VALUE || r.fields[i].title == NULL)
					abort();
			gs1_format_hri(&r, hri, sizeof hri);
		} else if (e.offset > size || e.message[0] == '\0') {
			abort();
		}
	}
	return 0;
}
