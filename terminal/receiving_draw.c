/*
 * receiving_draw.c — renders the RECEIVING station's view (receiving.h)
 * through screen.h. Reads the model, never changes it.
 *
 * At 80×24 (the body is rows 3 to 18, station_draw.c):
 *   1      "Receiving — DOCK-1"
 *   3..9   the label being received: what it says so far
 *   11..   the last lot received (or recognised): its id large, part,
 *          supplier, lot, quantity, expiry, status, and the label file
 */
#include "terminal/receiving.h"
#include "terminal/station.h"

#include "shared/i18n.h"
#include "shared/util.h"
#include "terminal/draw.h"
#include "terminal/screen.h"

#include <stdio.h>
#include <string.h>

static void
line(int y, int cols, const char *label, const char *value, enum screen_role role)
{
	char buf[400];
	snprintf(buf, sizeof buf, "%-12s %s", label, value && value[0] ? value : "-");
	screen_put_fit(y, 3, cols - 4, role, false, buf);
}

void
receiving_draw(const struct station_view *sv, int top, int bottom, int cols)
{
	const struct receiving_state *rc = &sv->recv;
	char buf[256], qty[32];
	int y = top;

	snprintf(buf, sizeof buf, _("Receiving \u2014 %s"), sv->station);
	screen_put_fit(1, 1, cols - 2, SCREEN_ALERT, true, buf);
	if (rc->label[0]) {
		screen_put_fit(y++, 1, cols - 2, SCREEN_DIM, true, _("This label"));
		line(y++, cols, "GTIN", rc->read.gtin, SCREEN_NORMAL);
		line(y++, cols, _("Lot"), rc->read.lot[0] ? rc->read.lot : rc->lot, SCREEN_NORMAL);
		if (rc->read.has_qty)
			snprintf(qty, sizeof qty, "%g", rc->read.qty);
		else if (rc->qty > 0)
			snprintf(qty, sizeof qty, "%g", rc->qty);
		else
			qty[0] = '\0';
		line(y++, cols, _("Quantity"), qty, SCREEN_NORMAL);
		line(y++, cols, _("Expiry"), rc->read.expiry[0] ? rc->read.expiry : rc->expiry,
		    SCREEN_NORMAL);
		line(y++, cols, _("Order"), rc->read.po[0] ? rc->read.po : rc->po, SCREEN_NORMAL);
		y++;
	}
	if (rc->last && y + 4 < bottom) {
		const Yoke__Lot *l = rc->last;
		snprintf(buf, sizeof buf, rc->last_again ? _("%s \u2014 already received") :
		    _("%s \u2014 received"), l->id);
		screen_put_fit(y++, 1, cols - 2, rc->last_again ? SCREEN_WAITING : SCREEN_OK, true, buf);
		snprintf(buf, sizeof buf, _("%s from %s"), l->part, l->supplier);
		line(y++, cols, _("Part"), buf, SCREEN_NORMAL);
		line(y++, cols, _("Lot"), l->supplier_lot, SCREEN_NORMAL);
		snprintf(qty, sizeof qty, "%g", l->qty_received);
		if (y < bottom)
			line(y++, cols, _("Quantity"), qty, SCREEN_NORMAL);
		if (y < bottom)
			line(y++, cols, _("Expiry"), l->expiry, SCREEN_NORMAL);
		if (y < bottom) {
			snprintf(buf, sizeof buf, "%s/%s", l->part, l->id);
			line(y++, cols, _("Lot label"), rc->label_file[0] ? rc->label_file : buf,
			    SCREEN_NORMAL);
		}
	} else if (!rc->label[0]) {
		screen_put_fit(y + 1, 3, cols - 4, SCREEN_DIM, false, _("Scan the supplier's label on "
		    "the box or reel; yoke asks for what it lacks."));
	}
}
