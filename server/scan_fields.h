/*
 * scan_fields.h — a request's scanned fields as the person meant them.
 *
 * A scanner set to send AIM symbology identifiers (as supplier labels
 * need, scan_text.h) puts one in front of every scan: "]Q1WO-DEMO-1-0007"
 * for a unit's QR label, "]C11001" for a badge printed as Code 128. Once
 * per request, before any handler runs, dispatch takes the identifier and
 * the scanner's suffix (CR, LF, TAB) off the fields that only ever hold a
 * unit serial, a badge, a work order or a hold target. Component labels
 * (StepRecord.scan, where-used, repair) are left as they came: a GS1
 * label's identifier says how to read it, and their readers
 * (step_parse_component, scan_text_read) take it off themselves.
 */
#ifndef YOKE_SCAN_FIELDS_H
#define YOKE_SCAN_FIELDS_H

#include "proto/yoke.pb-c.h"

/*
 * The unit serials, badges (a signature's too), work orders and hold
 * targets of the request lose their identifier and suffix, in place. rq's
 * strings must be writable (as an unpacked request's are).
 */
void scan_fields_clean(Yoke__Request *rq);

#endif
