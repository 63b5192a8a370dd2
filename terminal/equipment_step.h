/*
 * equipment_step.h — a measure step whose value comes from equipment
 * (from=equipment; server/equipment/equipment.h): the operator types
 * nothing; Enter (or @OK) asks the server to take the value the station's
 * equipment published. When there is none the server says why and the
 * operator presses Enter again once the equipment has measured.
 *
 *   prompt  "peak_temp in C from the equipment (235 – 250): press Enter to take it"
 */
#ifndef YOKE_TERMINAL_EQUIPMENT_STEP_H
#define YOKE_TERMINAL_EQUIPMENT_STEP_H

#include <stdbool.h>
#include <stddef.h>

#include "terminal/station.h"

/* A line at a from=equipment step: the request (a confirm), or false with
 * the reason said. */
bool equipment_step_line(struct station_view *sv, const Yoke__StepView *st, const char *line,
    struct station_request *r);
/* The step's prompt; range is its limits as text ("" when none). */
void equipment_step_prompt(const Yoke__StepView *st, const char *range, char *buf, size_t size);

#endif
