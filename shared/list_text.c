/* list_text.c — see list_text.h. */
#include "shared/list_text.h"
#include "shared/i18n.h"
#include "shared/utf8.h"
#include "shared/util.h"

#include <stdio.h>
#include <string.h>

/* Copies whole characters of src that fit into dst (a list cut short never
 * ends in half a Chinese character). */
static void
copy_whole(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src), at = 0;
	while (at < len) {
		uint32_t cp;
		int n = utf8_decode(src + at, len - at, &cp);
		if (n == 0)
			n = 1;
		if (at + (size_t)n >= size)
			break;
		at += (size_t)n;
	}
	memcpy(dst, src, at);
	dst[at] = '\0';
}

void
list_text(char *buf, size_t size, const char *const *items, size_t n)
{
	char head[1024];

	if (size == 0)
		return;
	buf[0] = '\0';
	if (n == 0)
		return;
	strlcpy_yk(head, items[0], sizeof head);
	for (size_t i = 1; i < n; i++) {
		char next[sizeof head];
		/* TRANSLATORS: the joints of a list, the last ("an engineer or an
		 * admin") and every other ("none, lot or serial"). */
		snprintf(next, sizeof next, i + 1 == n ? _("%s or %s") : _("%s, %s"), head,
		    items[i]);
		strlcpy_yk(head, next, sizeof head);
	}
	copy_whole(buf, size, head);
}
