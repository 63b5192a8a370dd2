/* input.c — see input.h. */
#include "terminal/input.h"

#include "shared/i18n.h"
#include "shared/utf8.h"

#include <stdio.h>
#include <string.h>

void
input_clear(struct input *in)
{
	/* Wiped, not just emptied: the line may have been a PIN. */
	explicit_bzero(in->buf, sizeof in->buf);
	in->len = 0;
	in->overflow = false;
	/* after_cr survives: a CR LF pair spans the clear after its CR. */
}

/* Removes the last code point: steps back over continuation bytes. */
static void
drop_last(struct input *in)
{
	while (in->len > 0) {
		unsigned char c = (unsigned char)in->buf[--in->len];
		if ((c & 0xC0) != 0x80)
			break;
	}
}

static bool
blank_at_end(const struct input *in)
{
	return in->len > 0 && (in->buf[in->len - 1] == ' ' || in->buf[in->len - 1] == '\t');
}

static void
wipe_from(struct input *in, size_t len)
{
	/* What is cut off may be part of a PIN: wiped, not just cut. */
	explicit_bzero(in->buf + len, sizeof in->buf - len);
	in->len = len;
	if (in->len < INPUT_MAX)
		in->overflow = false;
}

enum input_event
input_key(struct input *in, uint32_t key)
{
	char enc[4];
	int n;

	if (key == '\n' && in->after_cr) {
		in->after_cr = false;
		return INPUT_NONE;
	}
	in->after_cr = (key == '\r');
	if (key == '\r' || key == '\n')
		return INPUT_LINE;
	if (key == 0x7F || key == 0x08) {
		drop_last(in);
		wipe_from(in, in->len);
		return INPUT_NONE;
	}
	if (key == INPUT_CTRL_U) {
		wipe_from(in, 0);
		return INPUT_NONE;
	}
	if (key == INPUT_CTRL_W) {
		/* The blanks before the cursor, then the word before them. */
		while (blank_at_end(in))
			in->len--;
		while (in->len > 0 && !blank_at_end(in))
			drop_last(in);
		wipe_from(in, in->len);
		return INPUT_NONE;
	}
	n = utf8_encode(key, enc);
	if (n == 0)
		n = utf8_encode(UTF8_REPLACEMENT, enc);
	if (in->len + (size_t)n > INPUT_MAX) {
		in->overflow = true;
		return INPUT_NONE;
	}
	memcpy(in->buf + in->len, enc, (size_t)n);
	in->len += (size_t)n;
	in->buf[in->len] = '\0';
	return INPUT_NONE;
}

bool
input_finish(const char *raw, size_t len, bool overflow, char *out, size_t outsize,
    char *err, size_t errsize)
{
	size_t i = 0;

	out[0] = '\0';
	err[0] = '\0';
	if (overflow || len > INPUT_MAX || len >= outsize) {
		snprintf(err, errsize, _("Scan too long: at most %d bytes are read"), INPUT_MAX);
		return false;
	}
	while (len > 0 && (raw[len - 1] == '\r' || raw[len - 1] == '\n' || raw[len - 1] == '\t'))
		len--;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(raw + i, len - i, &cp);
		if (n == 0) {
			snprintf(err, errsize, _("Scan is not valid UTF-8 text (byte %zu is 0x%02X)"),
			    i + 1, (unsigned)(unsigned char)raw[i]);
			return false;
		}
		/* GS separates the fields of a supplier's GS1 label: the server
		 * reads it (scan_text.h). */
		if ((cp < 0x20 && cp != INPUT_GS) || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
			snprintf(err, errsize, _("Scan contains a control character (0x%02X at position %zu); "
			    "expected printable text"), (unsigned)cp, i + 1);
			return false;
		}
		i += (size_t)n;
	}
	memcpy(out, raw, len);
	out[len] = '\0';
	return true;
}

size_t
input_visible(const char *line, char *out, size_t size)
{
	size_t n = 0, len = strlen(line);

	if (size == 0)
		return 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode(line + i, len - i, &cp);
		const char *put = line + i;
		size_t pl = k > 0 ? (size_t)k : 1;
		char hex[8];
		if (k > 0 && cp == INPUT_GS) {
			put = INPUT_GS_SHOWN;
			pl = strlen(INPUT_GS_SHOWN);
		} else if (k == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
			/* Refused at Enter (input_finish); until then never a raw
			 * control byte on the screen. */
			snprintf(hex, sizeof hex, "<%02X>", k > 0 ? (unsigned)cp :
			    (unsigned)(unsigned char)line[i]);
			put = hex;
			pl = strlen(hex);
		}
		if (n + pl >= size)
			break;
		memcpy(out + n, put, pl);
		n += pl;
		i += k > 0 ? (size_t)k : 1;
	}
	out[n] = '\0';
	return n;
}
