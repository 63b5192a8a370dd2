/*
 * export.h — what yokectl report and yokectl export share: the window of
 * time (--from, --to), the pages of an export (ExportQuery, one request per
 * page until the server says the window is done), the file written, and
 * the words of times and enums in files for programs.
 */
#ifndef YOKE_CTL_EXPORT_H
#define YOKE_CTL_EXPORT_H

#include "terminal/ctl/ctl.h"

#include <stdio.h>

/*
 * --from and --to as microseconds, in this machine's local time:
 * "YYYY-MM-DD" (a --to date runs through its whole day) or
 * "YYYY-MM-DDTHH:MM[:SS]" (or a space for the T). Without --from: today's
 * midnight; without --to: the end of --from's day (of today when
 * neither is given). A usage error of cmd when either is not such a time,
 * or the end is not after the start.
 */
int export_window(const struct ctl_cmd *cmd, const char *from, const char *to, int64_t *from_us,
    int64_t *to_us);
/* A time as the parser above reads it; *date_only when it has no time of day. */
bool export_time_parse(const char *s, int64_t *us, bool *date_only);

/* Each page of an export, oldest first; fn returns CTL_OK to go on. */
typedef int (*export_page_fn)(void *ud, const Yoke__ExportReply *r);
int export_pages(struct ctl *ctl, Yoke__ExportKind kind, int64_t from_us, int64_t to_us,
    const char *wo, export_page_fn fn, void *ud);

/*
 * The output: "-" is stdout; any other path is written as PATH.part and
 * renamed to PATH by export_close when everything was written, so a failed
 * export never leaves a half file behind. NULL after reporting (io).
 */
struct export_out {
	FILE *f;
	const char *path;
	char part[4096];
};
FILE *export_open(struct export_out *o, const char *path);
/* ok: rename into place; else remove the part. CTL_OK, or the io failure. */
int export_close(struct export_out *o, bool ok);

/* "2026-11-26T21:45:57+08:00": local time with its offset (ISO 8601). "" for 0. */
void export_time_text(char *buf, size_t size, int64_t us);
/* An enum value's name without its prefix, lower case: "UNIT_DONE" -> "done". */
const char *export_enum_word(const ProtobufCEnumDescriptor *d, int value, const char *prefix,
    char *buf, size_t size);

#endif
