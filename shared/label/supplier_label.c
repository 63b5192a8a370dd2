/* supplier_label.c — see supplier_label.h. */
#include "shared/label/supplier_label.h"
#include "shared/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
take(char *dst, size_t size, const struct gs1_field *f)
{
	size_t n = f ? strnlen(f->value, size - 1) : 0;
	if (n)
		memcpy(dst, f->value, n);
	dst[n] = '\0';
}

bool
supplier_label_read(const char *text, struct supplier_label *out, char *msg, size_t msgsz)
{
	struct gs1_result r;
	struct gs1_error err;
	const struct gs1_field *f;
	size_t n = text ? strlen(text) : 0;

	memset(out, 0, sizeof *out);
	while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == '\n' || text[n - 1] == '\t'))
		n--;
	if (n == 0) {
		snprintf(msg, msgsz, "%s", _("The supplier label is empty: scan it again"));
		return false;
	}
	if (n > SUPPLIER_LABEL_MAX) {
		snprintf(msg, msgsz, _("The supplier label is %zu bytes long; at most %d are read"), n,
		    SUPPLIER_LABEL_MAX);
		return false;
	}
	if (!gs1_parse(text, n, NULL, &r, &err)) {
		snprintf(msg, msgsz, _("The supplier label is not a GS1 label yoke can read (byte %zu): %s"),
		    err.offset + 1, err.message);
		return false;
	}
	if ((f = gs1_find(&r, "01")) == NULL)
		f = gs1_find(&r, "02");
	if (f == NULL) {
		snprintf(msg, msgsz, "%s", _("The supplier label has no GTIN, (01) or (02): scan the "
		    "label that carries it, or type the part"));
		return false;
	}
	take(out->gtin, sizeof out->gtin, f);
	take(out->lot, sizeof out->lot, gs1_find(&r, "10"));
	take(out->po, sizeof out->po, gs1_find(&r, "400"));
	if ((f = gs1_find(&r, "17")) != NULL && f->has_date)
		snprintf(out->expiry, sizeof out->expiry, "%04u-%02u-%02u",
		    (unsigned)f->date.year % 10000u, (unsigned)f->date.month % 100u,
		    (unsigned)f->date.day % 100u);
	if ((f = gs1_find(&r, "30")) == NULL)
		f = gs1_find(&r, "37");
	if (f != NULL) {
		out->has_qty = true;
		out->qty = strtod(f->value, NULL);
	}
	gs1_format_hri(&r, out->hri, sizeof out->hri);
	return true;
}
