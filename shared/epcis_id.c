/* epcis_id.c — EPCIS identifiers: Digital Link or yoke's URN; see epcis_id.h. */
#include "shared/epcis_id.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

bool
epcis_plant_ok(const char *plant)
{
	size_t n = plant ? strlen(plant) : 0;
	if (n < 1 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = plant[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '-'))
			return false;
	}
	return true;
}

bool
epcis_gtin_ok(const char *gtin)
{
	int sum = 0;
	if (gtin == NULL || strlen(gtin) != 14)
		return false;
	for (int i = 0; i < 14; i++)
		if (gtin[i] < '0' || gtin[i] > '9')
			return false;
	/* Weights 3,1,3,... from the right of the 13 body digits. */
	for (int i = 0; i < 13; i++)
		sum += (gtin[12 - i] - '0') * (i % 2 == 0 ? 3 : 1);
	return (10 - sum % 10) % 10 == gtin[13] - '0';
}

bool
epcis_ai_text_ok(const char *s)
{
	/* GS1 General Specifications, figure 7.11-1: character set 82. */
	static const char cset82[] = "!\"%&'()*+,-./:;<=>?_";
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
			continue;
		if (strchr(cset82, ch) == NULL)
			return false;
	}
	return true;
}

bool
epcis_pct(char *out, size_t size, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	if (size == 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
		if (o + (plain ? 1 : 3) >= size) {
			out[0] = '\0';
			return false;
		}
		if (plain) {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
	return true;
}

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* prefix + each part percent-encoded, joined by ':'. */
static bool
urn(char *out, size_t size, const char *plant, const char *kind, const char *a, const char *b)
{
	char ea[EPCIS_ID_MAX], eb[EPCIS_ID_MAX];
	int n;
	out[0] = '\0';
	if (!epcis_plant_ok(plant) || empty(a) || !epcis_pct(ea, sizeof ea, a))
		return false;
	if (b && (empty(b) || !epcis_pct(eb, sizeof eb, b)))
		return false;
	if (b)
		n = snprintf(out, size, "urn:yoke:%s:%s:%s:%s", plant, kind, ea, eb);
	else
		n = snprintf(out, size, "urn:yoke:%s:%s:%s", plant, kind, ea);
	if (n < 0 || (size_t)n >= size) {
		out[0] = '\0';
		return false;
	}
	return true;
}

/* https://id.gs1.org/01/<gtin>[/<ai>/<value>] */
static bool
digital_link(char *out, size_t size, const char *gtin, const char *ai, const char *value)
{
	char ev[EPCIS_ID_MAX];
	int n;
	out[0] = '\0';
	if (ai) {
		if (!epcis_pct(ev, sizeof ev, value))
			return false;
		n = snprintf(out, size, EPCIS_DL_HOST "/01/%s/%s/%s", gtin, ai, ev);
	} else {
		n = snprintf(out, size, EPCIS_DL_HOST "/01/%s", gtin);
	}
	if (n < 0 || (size_t)n >= size) {
		out[0] = '\0';
		return false;
	}
	return true;
}

bool
epcis_unit_id(char *out, size_t size, const char *plant, const char *gtin, const char *serial)
{
	if (epcis_gtin_ok(gtin) && epcis_ai_text_ok(serial))
		return digital_link(out, size, gtin, "21", serial);
	return urn(out, size, plant, "unit", serial, NULL);
}

bool
epcis_serial_id(char *out, size_t size, const char *plant, const char *gtin, const char *part,
    const char *serial)
{
	if (epcis_gtin_ok(gtin) && epcis_ai_text_ok(serial))
		return digital_link(out, size, gtin, "21", serial);
	return urn(out, size, plant, "serial", part, serial);
}

bool
epcis_lot_class(char *out, size_t size, const char *plant, const char *gtin, const char *part,
    const char *lot)
{
	if (epcis_gtin_ok(gtin) && epcis_ai_text_ok(lot))
		return digital_link(out, size, gtin, "10", lot);
	return urn(out, size, plant, "lot", part, lot);
}

bool
epcis_part_class(char *out, size_t size, const char *plant, const char *gtin, const char *part)
{
	if (epcis_gtin_ok(gtin))
		return digital_link(out, size, gtin, NULL, NULL);
	return urn(out, size, plant, "part", part, NULL);
}

bool
epcis_station_id(char *out, size_t size, const char *plant, const char *station)
{
	return urn(out, size, plant, "station", station, NULL);
}

bool
epcis_work_order_id(char *out, size_t size, const char *plant, const char *wo)
{
	return urn(out, size, plant, "wo", wo, NULL);
}

bool
epcis_event_id(char *out, size_t size, const char *plant, uint64_t seq)
{
	char n[24];
	if (seq == 0) {
		out[0] = '\0';
		return false;
	}
	snprintf(n, sizeof n, "%" PRIu64, seq);
	return urn(out, size, plant, "event", n, NULL);
}
