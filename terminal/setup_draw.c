/*
 * setup_draw.c — the setup line of the queue and unit screens (setup.h):
 * "Setup: IC-555 L-000001 · RES-10K L-000002", a part with nothing loaded
 * or a lot that may not be used now in red.
 */
#include "terminal/setup.h"
#include "terminal/station.h"
#include "terminal/station_priv.h"
#include "terminal/screen.h"

#include "shared/i18n.h"
#include "shared/utf8.h"

#include <stdio.h>
#include <string.h>

void
setup_draw(const struct station_view *sv, int y, int cols)
{
	const Yoke__SetupReply *s = sv->setup.now;
	char item[200];
	int x = 1;

	if (!setup_used(sv))
		return;
	x += screen_put_fit(y, x, cols - 1 - x, SCREEN_DIM, true, _("Setup:"));
	for (size_t i = 0; i < s->n_parts && x < cols - 2; i++) {
		const Yoke__SetupEntry *e = setup_loaded(sv, s->parts[i]);
		enum screen_role role = SCREEN_NORMAL;
		if (e == NULL) {
			snprintf(item, sizeof item, _(" %s \u2014 nothing loaded"), s->parts[i]);
			role = SCREEN_ERROR;
		} else {
			snprintf(item, sizeof item, " %s %s", s->parts[i], str(e->lot));
			if (!e->usable)
				role = SCREEN_ERROR;
		}
		if (i > 0)
			x += screen_put_fit(y, x, cols - 1 - x, SCREEN_DIM, false, " \u00b7");
		x += screen_put_fit(y, x, cols - 1 - x, role, role == SCREEN_ERROR, item);
	}
}
