/*
 * receive.c — yokectl receive: a lot received at the dock, from one scan
 * of the supplier's label, a picture of it, or typed fields.
 *
 *   receive [--supplier S] [--po PO --line N]
 *           (--label TEXT | --image FILE | --part P --lot L --qty N [--expiry DATE])
 *           [--out DIR] [--size 2x1|4x2] [--json]
 *
 * The server reads the label (server/material/receive_fields.h): GTIN to
 * part, lot, expiry, quantity, PO; what is typed fills what the label
 * lacks and must agree with what it says. --image reads a PNG with the
 * barcode readers (shared/scan/image.h) and sends its first GS1 symbol as a
 * scanner would. The lot created (or the one already received) is printed,
 * and its internal lot label written to DIR (PNG with the QR code
 * PART/L-000001, and ZPL).
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/lot_show.h"
#include "shared/scan/image.h"
#include "shared/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int receive_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ N_("--label TEXT"), N_("the supplier's label as a scanner sends it: ]C1 and GS separators, "
	    "the (01)...(10)... form, or a GS1 Digital Link") },
	{ N_("--image FILE"), N_("a picture (PNG) of the supplier's label: its GS1 barcode is read") },
	{ N_("--supplier S"), N_("the supplier's code from the definitions (default: the part's only "
	    "supplier=)") },
	{ "--po PO", N_("the purchase order (when the label has no (400))") },
	{ "--line N", N_("the purchase order's line") },
	{ "--part P", N_("the part, when there is no label (or to check the label's GTIN)") },
	{ "--lot L", N_("the supplier's lot, when the label has no (10)") },
	{ "--qty N", N_("the quantity delivered, when the label has no (30) or (37)") },
	{ N_("--expiry DATE"), N_("the expiry date YYYY-MM-DD, when the label has no (17)") },
	{ N_("--out DIR"), N_("write the internal lot label there: L-....png (QR) and L-....zpl "
	    "(default lot-labels)") },
	{ "--size 2x1|4x2", N_("the label stock in inches, for ZPL (default 2x1)") },
	{ "--json", N_("print JSON for scripts: the lot, and whether it was received before") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl receive --label '(01)09521234543213(10)LOT-2411-07(17)271231(30)3000' --po "
	  "PO-4711 --line 1", N_("receive from the label's human-readable text") },
	{ "yokectl receive --image reel.png --po PO-4711 --line 2", N_("receive from a photo of the "
	    "reel's label") },
	{ "yokectl receive --supplier ACME --part IC-555 --lot LOT-9 --qty 500 --expiry 2027-06-30",
	    N_("a delivery without a GS1 label: everything typed") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_receive = {
	.name = "receive",
	.group = CTL_GROUP_MATERIALS,
	.usage = N_("[--supplier S] [--po PO --line N] (--label TEXT | --image FILE | --part P --lot L "
	    "--qty N [--expiry DATE]) [--out DIR] [--size 2x1|4x2] [--json]"),
	.summary = N_("receive a lot from the supplier's label, and print its internal lot label"),
	.description = N_("Receives a lot at the dock: one scan of the supplier's GS1 label (or a "
	    "picture of it) gives the part by its GTIN, the supplier's lot, expiry, quantity and "
	    "purchase order; what the label lacks is typed, and what is typed must agree with the "
	    "label. The same part, supplier and lot received again is that lot, not a second one. "
	    "Writes the internal lot label (QR code of PART/L-000001, and ZPL for a Zebra "
	    "printer), which a station accepts at a component scan. Needs a lead, inspector or "
	    "engineer (operators receive at a RECEIVING station)."),
	.options = options,
	.examples = examples,
	.exec = receive_exec,
};

/* The first GS1 symbol of the picture, as a scanner sends it, into *text
 * (malloc'd). CTL_OK or the failure's exit status. */
static int
label_of_image(const char *path, char **text)
{
	struct scan_result r;
	char err[600];
	int rc = ctl_fail(CTL_ST_INVALID, _("%s: no GS1 barcode found; photograph the label "
	    "closer, or give --label"), path);
	if (scan_image_png(path, &r, err, sizeof err) != SCAN_OK)
		return ctl_fail(CTL_ST_IO, "%s", err);
	for (size_t i = 0; i < r.n; i++) {
		const struct scan_symbol *s = &r.symbols[i];
		size_t cap = s->len + sizeof s->aim;
		if (!s->gs1 && strncmp(s->text, "http", 4) != 0)
			continue;
		*text = xmalloc(cap);
		scan_symbol_wire(s, *text, cap);
		rc = CTL_OK;
		break;
	}
	scan_result_free(&r);
	return rc;
}

static int
receive_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LotReceive r = YOKE__LOT_RECEIVE__INIT;
	Yoke__Reply *rp = NULL;
	const char *label = NULL, *image = NULL, *supplier = NULL, *po = NULL, *line = NULL,
	    *part = NULL, *lot = NULL, *qty = NULL, *expiry = NULL, *out = NULL, *size = NULL;
	char *from_image = NULL, err[600];
	enum label_media media = LABEL_2X1;
	bool json;
	size_t nw;
	int rc;
	const struct ctl_opt opts[] = {
		{ .name = "--label", .value = &label }, { .name = "--image", .value = &image },
		{ .name = "--supplier", .value = &supplier }, { .name = "--po", .value = &po },
		{ .name = "--line", .value = &line }, { .name = "--part", .value = &part },
		{ .name = "--lot", .value = &lot }, { .name = "--qty", .value = &qty },
		{ .name = "--expiry", .value = &expiry }, { .name = "--out", .value = &out },
		{ .name = "--size", .value = &size }, { .name = "--json", .flag = &json },
		{ .name = NULL },
	};

	if ((rc = ctl_parse(&ctl_cmd_receive, argc, argv, opts, NULL, 0, &nw)) != CTL_OK)
		return rc;
	if (label && image)
		return ctl_usage_why(&ctl_cmd_receive, _("give --label or --image, not both"));
	if (!label && !image && !(part && lot && qty))
		return ctl_usage_why(&ctl_cmd_receive, _("what is received? Give --label TEXT, --image "
		    "FILE, or --part, --lot and --qty"));
	if (size && strcmp(size, "2x1") != 0 && strcmp(size, "4x2") != 0)
		return ctl_usage_why(&ctl_cmd_receive, _("--size: expected 2x1 or 4x2, got \"%s\""), size);
	if (size && strcmp(size, "4x2") == 0)
		media = LABEL_4X2;
	if (qty) {
		char *end;
		errno = 0;
		r.qty = strtod(qty, &end);
		if (*end != '\0' || errno != 0 || !(r.qty > 0))
			return ctl_usage_why(&ctl_cmd_receive, _("--qty: expected a number above 0, got "
			    "\"%s\""), qty);
	}
	if (image && (rc = label_of_image(image, &from_image)) != CTL_OK)
		return rc;
	r.label = (char *)(from_image ? from_image : label ? label : "");
	r.supplier = (char *)(supplier ? supplier : "");
	r.purchase_order = (char *)(po ? po : "");
	r.po_line = (char *)(line ? line : "");
	r.part = (char *)(part ? part : "");
	r.supplier_lot = (char *)(lot ? lot : "");
	r.expiry = (char *)(expiry ? expiry : "");
	rq.body_case = YOKE__REQUEST__BODY_RECEIVE;
	rq.receive = &r;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		goto done;
	if (rp->lots->n_lots != 1) {
		rc = ctl_fail(CTL_ST_PROTOCOL, _("the server's answer names no lot"));
		goto done;
	}
	const Yoke__Lot *l = rp->lots->lots[0];
	if (lot_label_write(l, out ? out : "lot-labels", media, err, sizeof err) != 0) {
		rc = ctl_fail(CTL_ST_IO, "%s", err);
		goto done;
	}
	if (json) {
		printf("{\"lot\":");
		lot_json(stdout, l);
		printf(",\"already_received\":%s", rp->lots->already_received ? "true" : "false");
		json_field(stdout, "message", rp->message);
		printf(",\"label_png\":");
		char *p = xasprintf("%s/%s.png", out ? out : "lot-labels", l->id);
		json_string(stdout, p);
		free(p);
		printf("}\n");
	} else {
		printf("%s\n", rp->message);
		lot_detail(stdout, l);
		printf(_("Internal lot label: %s/%s.png and %s.zpl (scan it as %s/%s)\n"),
		    out ? out : "lot-labels", l->id, l->id, l->part, l->id);
	}
done:
	client_reply_free(rp);
	free(from_image);
	return rc;
}
