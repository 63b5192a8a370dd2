/*
 * fuzz_gs1.c — libFuzzer target for the GS1 parser: any bytes, with and
 * without a GS substitute and with and without the pairing rules, must give
 * either fields or an error whose offset lies within the input, and never
 * crash. Fields accepted with the rules must also pass them again, and the
 * human-readable text of a result must parse back to the same fields.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shared/gs1/gs1.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gs1_options opt = { .current_year = 2025 };
	struct gs1_result r;
	struct gs1_error e;
	struct gs1_result back;
	char hri[8192];

	for (int pass = 0; pass < 4; pass++) {
		opt.gs_substitute = pass & 1 ? '|' : 0;
		opt.no_pairing = pass & 2;
		if (gs1_parse((const char *)data, size, &opt, &r, &e)) {
			if (r.nfields < 1 || r.nfields > GS1_MAX_FIELDS)
				abort();
			for (int i = 0; i < r.nfields; i++)
				if (strlen(r.fields[i].value) > GS1_MAX_VALUE || r.fields[i].title == NULL)
					abort();
			if (!opt.no_pairing && !gs1_ai_check_pairing(&r, &e))
				abort();
			gs1_format_hri(&r, hri, sizeof hri);
			if (strlen(hri) > GS1_MAX_INPUT)
				continue;       /* escapes can make the text longer than a scan */
			if (!gs1_parse(hri, strlen(hri), &opt, &back, &e) || back.nfields != r.nfields)
				abort();
			for (int i = 0; i < r.nfields; i++)
				if (strcmp(back.fields[i].value, r.fields[i].value) != 0)
					abort();
		} else if (e.offset > size || e.message[0] == '\0') {
			abort();
		}
	}
	return 0;
}
