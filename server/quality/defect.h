/*
 * defect.h — the defect codes of the definitions (defect CODE category=...),
 * as a failure names them. The codes are loaded with the other definitions
 * (req-load.c) into the defect table; a failing entry must name one of them
 * when any is defined (a plant without codes records failures without one).
 */
#ifndef YOKE_DEFECT_H
#define YOKE_DEFECT_H

#include "server/server.h"

/*
 * Checks the defect a failing entry names, and returns it in *out (NULL
 * when the plant defines no codes and none was given). Refuses with
 * DEFECT_REQUIRED when a code is needed and missing or unknown, and with
 * BAD_REQUEST for a location or note that is not plain text of its size.
 * `what` says what failed, for the refusal ("Check \"...\": FAIL").
 */
enum outcome defect_require(struct ctx *c, const Yoke__Defect *d, const char *what,
    const Yoke__DefectCode **out);
/* The 6M category's name in the definitions' words ("method"). */
const char *defect_category_name(Yoke__DefectCategory cat);

#endif
