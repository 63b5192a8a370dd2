/* draw.c — see draw.h. */
#include "terminal/draw.h"

#include "shared/i18n.h"
#include "shared/layout.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

void
draw_centred(int y, int cols, enum screen_role role, bool bold, const char *text)
{
	int w = utf8_width(text);

	screen_put_fit(y, w < cols ? (cols - w) / 2 : 0, cols, role, bold, text);
}

int
draw_wrapped(int y, int x, int w, int maxrows, enum screen_role role, bool bold, const char *text)
{
	struct utf8_line lines[64];
	size_t n = layout_wrap(text, w, lines, 64);
	int r;

	for (r = 0; r < maxrows && (size_t)r < n && r < 64; r++) {
		char buf[1024];
		size_t len = lines[r].len < sizeof buf - 1 ? lines[r].len : sizeof buf - 1;
		memcpy(buf, text + lines[r].off, len);
		buf[len] = '\0';
		/* A tab shows as a blank, not as a control character. */
		for (char *p = buf; *p; p++)
			if (*p == '\t')
				*p = ' ';
		if (r == maxrows - 1 && n > (size_t)maxrows) {
			/* More follows: the row gives its last column to the ellipsis. */
			int used = 0;
			buf[utf8_fit(buf, w - 1, &used)] = '\0';
			if (bold)
				screen_put_bold(y + r, x, w - 1, role, buf);
			else
				screen_put(y + r, x, w - 1, role, buf);
			screen_put(y + r, x + used, 1, role, LAYOUT_ELLIPSIS);
		} else {
			screen_put_fit(y + r, x, w, role, bold, buf);
		}
	}
	return r;
}

void
draw_age(int64_t since_us, char *buf, size_t size)
{
	int64_t s = since_us > 0 ? (now_us() - since_us) / 1000000 : -1;

	/* Minutes, hours and days as the shop reads a clock: m, h, d stay. */
	if (s < 0)
		snprintf(buf, size, "-");
	else if (s < 60)
		snprintf(buf, size, "<1m");
	else if (s < 3600)
		snprintf(buf, size, "%dm", (int)(s / 60));
	else if (s < 86400)
		snprintf(buf, size, "%dh%02d", (int)(s / 3600), (int)(s % 3600 / 60));
	else
		snprintf(buf, size, "%dd", (int)(s / 86400));
}

void
draw_page_line(int y, int cols, size_t first, size_t page_rows, size_t count)
{
	char buf[128];

	if (count <= page_rows || page_rows == 0)
		return;
	snprintf(buf, sizeof buf, P_("page %zu of %zu \u00b7 %zu item", "page %zu of %zu \u00b7 %zu items",
	    count), first / page_rows + 1, (count + page_rows - 1) / page_rows, count);
	screen_put_fit(y, 3, cols - 4, SCREEN_DIM, false, buf);
}

int
draw_field(int y, int cols, int labelw, const char *label, enum screen_role role,
    const char *text, int maxrows)
{
	if (maxrows < 1)
		return 0;
	screen_put_fit(y, 2, labelw, SCREEN_DIM, true, label);
	return draw_wrapped(y, 3 + labelw, cols - 4 - labelw, maxrows, role, false, text);
}
