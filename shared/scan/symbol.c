/*
 * symbol.c — a symbol found in a picture as a scanner would send it, as a
 * person reads it, and the names of its symbology (image.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "shared/scan/image.h"
#include "shared/utf8.h"

const char *
scan_symbol_name(const struct scan_symbol *s)
{
	switch (s->symbology) {
	case SCAN_CODE128: return s->gs1 ? "GS1-128" : "Code 128";
	case SCAN_EAN13: return "EAN-13";
	case SCAN_EAN8: return "EAN-8";
	case SCAN_UPCE: return "UPC-E";
	case SCAN_CODE39: return "Code 39";
	case SCAN_QR: return s->gs1 ? "GS1 QR Code" : "QR Code";
	case SCAN_DATAMATRIX: return s->gs1 ? "GS1 DataMatrix" : "Data Matrix";
	}
	return "?";
}

const char *
scan_symbology_key(enum scan_symbology sym)
{
	switch (sym) {
	case SCAN_CODE128: return "code128";
	case SCAN_EAN13: return "ean13";
	case SCAN_EAN8: return "ean8";
	case SCAN_UPCE: return "upce";
	case SCAN_CODE39: return "code39";
	case SCAN_QR: return "qr";
	case SCAN_DATAMATRIX: return "datamatrix";
	}
	return "?";
}

size_t
scan_symbol_wire(const struct scan_symbol *s, char *buf, size_t size)
{
	size_t alen = strlen(s->aim), total = alen + s->len;

	if (size == 0)
		return total;
	if (alen >= size) {
		memcpy(buf, s->aim, size - 1);
		buf[size - 1] = '\0';
		return total;
	}
	memcpy(buf, s->aim, alen);
	size_t n = s->len < size - 1 - alen ? s->len : size - 1 - alen;
	memcpy(buf + alen, s->text, n);
	buf[alen + n] = '\0';
	return total;
}

/* Appends n bytes of piece to buf (size) at *at, counting what did not fit. */
static void
put(char *buf, size_t size, size_t *at, const char *piece, size_t n)
{
	if (*at < size) {
		size_t room = size - 1 - *at;
		memcpy(buf + *at, piece, n < room ? n : room);
	}
	*at += n;
}

size_t
scan_text_visible(const char *text, size_t len, char *buf, size_t size)
{
	size_t at = 0;
	char tmp[8];

	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		uint32_t cp;
		int n;

		if (c >= 0x20 && c < 0x7f) {
			put(buf, size, &at, text + i, 1);
			i++;
			continue;
		}
		if (c == 0x1d || c == 0x1e || c == 0x04) {
			const char *name = c == 0x1d ? "<GS>" : c == 0x1e ? "<RS>" : "<EOT>";
			put(buf, size, &at, name, strlen(name));
			i++;
			continue;
		}
		n = c >= 0x80 ? utf8_decode(text + i, len - i, &cp) : 0;
		if (n > 0 && utf8_cp_width(cp) >= 0) {
			put(buf, size, &at, text + i, (size_t)n);
			i += (size_t)n;
			continue;
		}
		snprintf(tmp, sizeof tmp, "<0x%02X>", c);
		put(buf, size, &at, tmp, strlen(tmp));
		i++;
	}
	if (size > 0)
		buf[at < size ? at : size - 1] = '\0';
	return at;
}
