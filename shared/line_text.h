/*
 * line_text.h — the line monitor's row as a lead reads it (LineStation,
 * proto/yoke.proto): the state word, the first-pass yield, ages, and the
 * cells of one row, shared by the terminal's line screen and `yokectl
 * line`. Pure functions of the row and a clock; words in the current
 * language (i18n.h).
 */
#ifndef YOKE_LINE_TEXT_H
#define YOKE_LINE_TEXT_H

#include "proto/yoke.pb-c.h"

#include <stddef.h>
#include <stdint.h>

enum line_state { LINE_OFFLINE = 0, LINE_ONLINE, LINE_STOPPED };

/* Stopped (an alarm stopped it) wins over online and offline. */
enum line_state line_state_of(const Yoke__LineStation *r);
/* "online", "offline", "stopped"; translated with words true. */
const char *line_state_word(enum line_state s, int words);
/* First-pass yield in whole percent (rounded half up): first passes over
 * first tries ended (passes + first failures); -1 when none ended today. */
int line_fpy_percent(uint32_t first_pass, uint32_t first_fail);
/* Whole minutes from since_us to now_us (0 when since is 0 or later). */
int64_t line_minutes(int64_t since_us, int64_t now_us);
/* A short age for a narrow column: "7m", "3h", "2d"; "" for none. */
void line_age_text(int64_t since_us, int64_t now_us, char *buf, size_t size);

/* One row's cells for the line table, in the column order of
 * line_headings. */
enum { LINE_COL_STATION, LINE_COL_STATE, LINE_COL_WHO, LINE_COL_UNIT, LINE_COL_MIN,
	LINE_COL_QUEUE, LINE_COL_FPY, LINE_COL_ALARMS, LINE_COL_HOLDS, LINE_COLS };
struct line_cells {
	char text[LINE_COLS][96];
};
void line_cells(const Yoke__LineStation *r, int64_t now_us, struct line_cells *out);
/* The headings, translated. */
const char *line_heading(int col);
/* The widest each column is shown at 80 columns (display columns). */
int line_column_width(int col);

#endif
