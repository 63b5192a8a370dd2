/* station_commands.c — see station_commands.h. */
#include "shared/station_commands.h"

#include "shared/i18n.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const pass_forms[] = { "PASS", "P", "Y", "YES", NULL };
/* Failing a unit opens a nonconformance: it takes the word, its barcode or
 * its key (F9), never a single letter typed as the answer to a question. */
static const char *const fail_forms[] = { "FAIL", NULL };

const struct command_info command_table[] = {
	{ COMMAND_OK, "@OK", NULL,
	  N_("confirm the instruction (Enter does the same)") },
	{ COMMAND_PASS, "@PASS", pass_forms, N_("the check or inspection passed") },
	{ COMMAND_FAIL, "@FAIL", fail_forms, N_("the check or inspection failed") },
	{ COMMAND_BACK, "@BACK", NULL, N_("back to the queue; cancels a question") },
	{ COMMAND_LOGOUT, "@LOGOUT", NULL, N_("badge out") },
	{ COMMAND_HELP, "@HELP", NULL, N_("this help, as F1 shows it") },
	{ COMMAND_PIN, "@PIN", NULL, N_("change a PIN (your own when badged in)") },
	{ COMMAND_SETUP, "@SETUP", NULL, N_("load reels or bulk lots at the station, one label each") },
};
const size_t command_count = sizeof command_table / sizeof command_table[0];
_Static_assert(sizeof command_table / sizeof command_table[0] == COMMAND_TABLE_SIZE,
    "one entry per command");

const struct command_info alarm_command_table[] = {
	{ COMMAND_NONE, ALARM_COMMAND_ANDON, NULL,
	  N_("call for help: the team lead is told at once (F8 does the same)") },
	{ COMMAND_NONE, ALARM_COMMAND_STOP, NULL,
	  N_("call for help and stop the station until a lead acknowledges") },
};
const size_t alarm_command_count = sizeof alarm_command_table / sizeof alarm_command_table[0];

const struct key_info key_table[] = {
	{ "Enter", N_("ends the line; an empty line confirms, refreshes or cancels") },
	{ "Backspace", N_("deletes the last character") },
	{ "Ctrl-U", N_("clears the line") },
	{ "Ctrl-W", N_("deletes the word before the cursor") },
	{ "F1, Esc 1", N_("this help; any key or scan returns") },
	{ "F2, F9", N_("@PASS and @FAIL, at a check or an inspection") },
	{ "F8, Esc 8", N_("call for help, as @ANDON") },
	{ "F10, Esc 0, Esc q", N_("quit (asks first)") },
	{ "Esc 2 ... Esc 9", N_("F2 ... F9 on a keyboard without function keys") },
};
const size_t key_count = sizeof key_table / sizeof key_table[0];

enum command
command_of(const char *line, bool verdict)
{
	for (size_t i = 0; i < command_count; i++) {
		const struct command_info *c = &command_table[i];
		if (strcasecmp(line, c->word) == 0)
			return c->id;
		if (!verdict || c->short_forms == NULL)
			continue;
		for (const char *const *f = c->short_forms; *f; f++)
			if (strcasecmp(line, *f) == 0)
				return c->id;
	}
	return COMMAND_NONE;
}

const char *
command_word(enum command id)
{
	for (size_t i = 0; i < command_count; i++)
		if (command_table[i].id == id)
			return command_table[i].word;
	return "";
}

void
command_short_forms(const struct command_info *c, char *buf, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (const char *const *f = c->short_forms; f && *f; f++) {
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? " " : "", *f);
		if (n >= size) {
			buf[size - 1] = '\0';
			return;
		}
	}
}
