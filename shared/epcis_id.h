/*
 * epcis_id.h — the identifiers of a GS1 EPCIS 2.0 document (docs/epcis.md).
 *
 * A thing whose part has a GTIN is named by a GS1 Digital Link URI on the
 * canonical host, which EPCIS 2.0 accepts wherever an EPC URI goes:
 *
 *   a serialised item     https://id.gs1.org/01/<GTIN>/21/<serial>
 *   a lot (class level)   https://id.gs1.org/01/<GTIN>/10/<lot>
 *   a part (class level)  https://id.gs1.org/01/<GTIN>
 *
 * (The EPC URNs, urn:epc:id:sgtin:..., need the GS1 company prefix's
 * length, which the definitions do not give.) A serial or lot becomes a
 * Digital Link only when it is a valid AI (21) / (10) value: 1-20
 * characters of GS1's character set 82; such a value is percent-encoded in
 * the path. Everything else is named in yoke's private URN scheme, under
 * the plant's name (--plant, docs/epcis.md):
 *
 *   urn:yoke:<plant>:unit:<serial>            a unit yoke built
 *   urn:yoke:<plant>:serial:<part>:<serial>   a serialised component
 *   urn:yoke:<plant>:lot:<part>:<lot>         a lot (class level)
 *   urn:yoke:<plant>:part:<part>              a part (class level)
 *   urn:yoke:<plant>:station:<station>        a read point / location
 *   urn:yoke:<plant>:wo:<work order>          a production order
 *   urn:yoke:<plant>:event:<seq>              an event's id
 *
 * Each <...> is percent-encoded (every byte but A-Z a-z 0-9 - . _ ~), so a
 * ':' in a serial cannot be read as a separator. Every function writes a
 * NUL-terminated identifier into out and returns false (out "") when it
 * does not fit or an input is empty; a GTIN must be 14 digits with its
 * check digit, else the private form is used.
 */
#ifndef YOKE_EPCIS_ID_H
#define YOKE_EPCIS_ID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EPCIS_ID_MAX 512
#define EPCIS_DL_HOST "https://id.gs1.org"

/* A plant name fit for the URN: 1-32 of A-Z a-z 0-9 and '-'. */
bool epcis_plant_ok(const char *plant);
/* 14 digits with a valid check digit. */
bool epcis_gtin_ok(const char *gtin);
/* A valid value of AI (21) or (10): 1-20 characters of CSET 82. */
bool epcis_ai_text_ok(const char *s);
/* s percent-encoded as above. */
bool epcis_pct(char *out, size_t size, const char *s);

/* gtin may be NULL or "" (or not valid): the private form. */
bool epcis_unit_id(char *out, size_t size, const char *plant, const char *gtin,
    const char *serial);
bool epcis_serial_id(char *out, size_t size, const char *plant, const char *gtin,
    const char *part, const char *serial);
bool epcis_lot_class(char *out, size_t size, const char *plant, const char *gtin,
    const char *part, const char *lot);
bool epcis_part_class(char *out, size_t size, const char *plant, const char *gtin,
    const char *part);
bool epcis_station_id(char *out, size_t size, const char *plant, const char *station);
bool epcis_work_order_id(char *out, size_t size, const char *plant, const char *wo);
bool epcis_event_id(char *out, size_t size, const char *plant, uint64_t seq);

#endif
