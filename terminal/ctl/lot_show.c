/* lot_show.c — see lot_show.h. */
#include "terminal/ctl/lot_show.h"
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"
#include "shared/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct {
	Yoke__LotStatus st;
	const char *word;
	const char *text;        /* N_() */
} statuses[] = {
	{ YOKE__LOT_STATUS__LOT_PENDING_INSPECTION, "pending", N_("waiting for incoming inspection") },
	{ YOKE__LOT_STATUS__LOT_RELEASED, "released", N_("released for use") },
	{ YOKE__LOT_STATUS__LOT_REJECTED, "rejected", N_("rejected by incoming inspection") },
	{ YOKE__LOT_STATUS__LOT_QUARANTINED, "quarantined", N_("quarantined") },
	{ YOKE__LOT_STATUS__LOT_EXPIRED, "expired", N_("expired") },
	{ YOKE__LOT_STATUS__LOT_BLOCKED, "blocked", N_("blocked") },
};

const char *
lot_status_word(Yoke__LotStatus st)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].st == st)
			return statuses[i].word;
	return "none";
}

const char *
lot_status_words(Yoke__LotStatus st)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].st == st)
			return _(statuses[i].text);
	return "-";
}

bool
lot_status_parse(const char *word, Yoke__LotStatus *st)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcmp(statuses[i].word, word) == 0) {
			*st = statuses[i].st;
			return true;
		}
	return false;
}

static void
when(int64_t us, char *buf, size_t size)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	if (us <= 0 || gmtime_r(&t, &tm) == NULL)
		snprintf(buf, size, "-");
	else
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static void
qty_text(double q, char *buf, size_t size)
{
	snprintf(buf, size, "%g", q);
}

void
lot_json(FILE *f, const Yoke__Lot *l)
{
	fprintf(f, "{\"id\":");
	json_string(f, l->id);
	json_field(f, "part", l->part);
	json_field(f, "supplier", l->supplier);
	json_field(f, "supplier_lot", l->supplier_lot);
	json_field(f, "purchase_order", l->purchase_order);
	json_field(f, "po_line", l->po_line);
	fprintf(f, ",\"qty_received\":%.17g,\"qty_left\":%.17g,\"count_wrong\":%s", l->qty_received,
	    l->qty_left, l->qty_left < 0 ? "true" : "false");
	json_field(f, "expiry", l->expiry);
	json_field(f, "status", lot_status_word(l->status));
	json_field(f, "status_reason", l->status_reason);
	json_field(f, "status_by", l->status_by);
	fprintf(f, ",\"status_us\":%lld,\"received_us\":%lld", (long long)l->status_us,
	    (long long)l->received_us);
	json_field(f, "received_by", l->received_by);
	json_field(f, "gtin", l->gtin);
	json_field(f, "label", l->label);
	fprintf(f, "}");
}

void
lot_table(FILE *f, Yoke__Lot *const *lots, size_t n)
{
	struct table *t = table_new(8);
	table_column(t, 0, _("Lot"), 10);
	table_column(t, 1, _("Part"), 20);
	table_column(t, 2, _("Supplier"), 12);
	table_column(t, 3, _("Supplier lot"), 20);
	table_column(t, 4, _("Left"), 24);
	table_column(t, 5, _("Expiry"), 10);
	table_column(t, 6, _("Status"), 30);
	table_column(t, 7, _("Received"), 16);
	for (size_t i = 0; i < n; i++) {
		const Yoke__Lot *l = lots[i];
		char left[64], recv[32], q[24], r[24];
		qty_text(l->qty_left, q, sizeof q);
		qty_text(l->qty_received, r, sizeof r);
		if (l->qty_left < 0)
			snprintf(left, sizeof left, _("%s of %s (count wrong)"), q, r);
		else
			snprintf(left, sizeof left, _("%s of %s"), q, r);
		when(l->received_us, recv, sizeof recv);
		table_row(t, (const char *const[]){ l->id, l->part, l->supplier, l->supplier_lot, left,
		    str_empty(l->expiry) ? "-" : l->expiry, lot_status_words(l->status), recv });
	}
	table_print(t, f);
	table_free(t);
}

void
lot_detail(FILE *f, const Yoke__Lot *l)
{
	char recv[32], st[32], q[24], r[24];
	when(l->received_us, recv, sizeof recv);
	when(l->status_us, st, sizeof st);
	qty_text(l->qty_left, q, sizeof q);
	qty_text(l->qty_received, r, sizeof r);
	fprintf(f, _("Lot %s: %s from %s, supplier lot %s\n"), l->id, l->part, l->supplier,
	    l->supplier_lot);
	fprintf(f, _("  status:    %s (%s, %s%s%s)\n"), lot_status_words(l->status), l->status_reason,
	    st, str_empty(l->status_by) ? "" : ", ", l->status_by);
	fprintf(f, _("  left:      %s of %s received%s\n"), q, r,
	    l->qty_left < 0 ? _(" — below 0: the count was wrong, count the lot") : "");
	fprintf(f, _("  expiry:    %s\n"), str_empty(l->expiry) ? "-" : l->expiry);
	fprintf(f, _("  received:  %s by %s, PO %s line %s\n"), recv, l->received_by,
	    str_empty(l->purchase_order) ? "-" : l->purchase_order,
	    str_empty(l->po_line) ? "-" : l->po_line);
	if (!str_empty(l->label))
		fprintf(f, _("  label:     %s\n"), l->label);
}

static int
write_file(const char *path, const char *text, char *err, size_t errsz)
{
	FILE *f = fopen(path, "w");
	size_t n = strlen(text);
	if (f == NULL || fwrite(text, 1, n, f) != n || fclose(f) != 0) {
		snprintf(err, errsz, _("cannot write %s: %s"), path, strerror(errno));
		if (f)
			remove(path);
		return -1;
	}
	return 0;
}

int
lot_label_write(const Yoke__Lot *l, const char *dir, enum label_media media, char *err,
    size_t errsz)
{
	char qty[32];
	struct lot_label ll = { l->id, l->part, l->supplier, l->supplier_lot, qty, l->expiry };
	char *code = label_lot_code(&ll), *zpl = NULL, *png = NULL, *zp = NULL;
	int rc = -1;

	snprintf(qty, sizeof qty, "%g", l->qty_received);
	/* The id names the files: only yoke's own form, never a path. */
	if (strncmp(l->id, "L-", 2) != 0 || strlen(l->id) < 3 || strlen(l->id) > 20 ||
	    strspn(l->id + 2, "0123456789") != strlen(l->id) - 2) {
		snprintf(err, errsz, _("the server's lot id \"%.30s\" is not of the form L-000001"),
		    l->id);
		goto out;
	}
	if (ctl_make_dirs(dir) != 0) {
		snprintf(err, errsz, _("cannot make the folder %s: %s"), dir, strerror(errno));
		goto out;
	}
	png = xasprintf("%s/%s.png", dir, l->id);
	zp = xasprintf("%s/%s.zpl", dir, l->id);
	if (label_qr_png(code, 8, png, err, errsz) != 0 ||
	    (zpl = label_lot_zpl(&ll, media, err, errsz)) == NULL ||
	    write_file(zp, zpl, err, errsz) != 0)
		goto out;
	rc = 0;
out:
	free(code);
	free(zpl);
	free(png);
	free(zp);
	return rc;
}
