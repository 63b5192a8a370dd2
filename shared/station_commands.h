/*
 * station_commands.h — the scan commands and the keys of the station
 * terminal, as data. One table serves the four places that must agree: the
 * reading of a line (terminal/station.c), the help screen (F1,
 * terminal/help_draw.c), `yoke --help` (terminal/usage.c) and the printed
 * sheet of command barcodes (`yokectl label commands`,
 * terminal/ctl/sheet.c). A command is a barcode an operator scans (or the word typed,
 * then Enter), so every action can be done without the keyboard.
 *
 * Words are matched without regard to case. Short forms (PASS, P, Y, YES
 * for @PASS; FAIL for @FAIL) are accepted only where the verdict is asked
 * (a check or an inspection), so that a badge or a serial that happens to
 * read "P" is never taken for a command. Failing has no one-letter form:
 * a bare n or f is no failure (a failure opens a nonconformance and asks
 * for a defect code); the keys F2 and F9 are @PASS and @FAIL.
 *
 * The descriptions are English message ids (N_), translated where shown.
 */
#ifndef YOKE_STATION_COMMANDS_H
#define YOKE_STATION_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

enum command {
	COMMAND_NONE = 0,
	COMMAND_OK,          /* confirm an instruction */
	COMMAND_PASS,        /* the verdict at a check or inspection */
	COMMAND_FAIL,
	COMMAND_BACK,        /* to the queue; drops a question */
	COMMAND_LOGOUT,      /* badge out */
	COMMAND_HELP,        /* the help screen */
	COMMAND_PIN,         /* change a PIN */
	COMMAND_SETUP,       /* load reels at the station (material setup) */
	COMMAND_LAST = COMMAND_SETUP
};
/* The table has one entry per command: COMMAND_LAST entries. */
#define COMMAND_TABLE_SIZE ((size_t)COMMAND_LAST)

struct command_info {
	enum command id;
	const char *word;          /* what the barcode holds: "@PASS" */
	const char *const *short_forms;  /* NULL-terminated; accepted only at a verdict */
	const char *what;          /* N_(): what it does, for the help */
};

struct key_info {
	const char *keys;          /* as printed on the keyboard: "F1, Esc 1" (never translated) */
	const char *what;          /* N_(): what it does */
};

extern const struct command_info command_table[];
extern const size_t command_count;

/* The calls for help (terminal/alarm_call.c reads them before the table
 * above: they open a question of their own). On the printed sheet after
 * the commands. id is COMMAND_NONE. */
#define ALARM_COMMAND_ANDON "@ANDON"
#define ALARM_COMMAND_STOP "@STOP"
extern const struct command_info alarm_command_table[];
extern const size_t alarm_command_count;
extern const struct key_info key_table[];
extern const size_t key_count;

/*
 * The command a line is: its word (any case), or with `verdict` one of the
 * short forms of @PASS and @FAIL too; COMMAND_NONE otherwise.
 */
enum command command_of(const char *line, bool verdict);
/* The word of a command ("@BACK"), "" for COMMAND_NONE. */
const char *command_word(enum command c);
/* The short forms of a command joined by spaces ("PASS P Y YES"), "" when none. */
void command_short_forms(const struct command_info *c, char *buf, size_t size);

#endif
