/* fuzz_scan.c — a component scan, whatever bytes a scanner sends, is
 * parsed or refused with a message; a parsed one checks against a step.
 * The same bytes through scan_text_read: a GS1 label read or refused with
 * a message, plain text left within the input. */
#include "shared/step_rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char msg[512];
	struct component_scan scan;
	Yoke__Step step = YOKE__STEP__INIT;

	memcpy(text, data, size);
	text[size] = '\0';
	msg[0] = '\0';
	step.kind = YOKE__STEP_KIND__STEP_SCAN;
	step.part = (char *)"IC-555";
	step.qty = 1;
	if (step_parse_component(text, &scan, msg, sizeof msg)) {
		if (strlen(scan.part) == 0 || strchr(scan.part, '/') || strchr(scan.id, '/'))
			abort();
		for (int t = 0; t < 3; t++)
			(void)step_check_scan(&step, (Yoke__Tracking)t, &scan, msg, sizeof msg);
	} else if (msg[0] == '\0') {
		abort();   /* a refusal always says why */
	}
	struct scan_text st;
	struct gs1_error ge;
	struct component_scan gs;
	if (!scan_text_read(text, size, &st, &ge)) {
		if (!st.gs1 || ge.message[0] == '\0')
			abort();
	} else if (st.gs1) {
		for (int t = 0; t < 3; t++)
			(void)step_check_gs1(&step, (Yoke__Tracking)t, &st, "IC-555", &gs, msg, sizeof msg);
	} else if (st.text < text || st.text + st.len > text + size) {
		abort();
	}
	free(text);
	return 0;
}
