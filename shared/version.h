/*
 * version.h — what `--version` prints, the same for every program:
 *
 *   yoked 0.7.0 (protocol 2; build 5199a57 2026-11-26)
 *
 * YOKE_VERSION is the release, bumped by hand when one is made; the build is
 * the git commit the binary was made from (with "-dirty" for uncommitted
 * changes) and its date, written by the Makefile into build/gen/build_info.h.
 * The protocol is the wire version the program speaks (proto/PROTOCOL.md).
 */
#ifndef YOKE_VERSION_H
#define YOKE_VERSION_H

#include <stdio.h>

#define YOKE_VERSION "0.7.0"

/* Prints the version line of `program` to f. */
void version_print(FILE *f, const char *program);

#endif
