/* test_commands.c — the one table of scan commands and keys that the line
 * reader, the help screen and --help share. */
#include "shared/station_commands.h"
#include "terminal/usage.h"
#include "tests/lib/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
every_word_is_read_as_its_command(void)
{
	char lower[32];

	REQUIRE(command_count >= 7);
	for (size_t i = 0; i < command_count; i++) {
		const struct command_info *c = &command_table[i];
		CHECK(c->word[0] == '@');
		CHECK(c->what != NULL && c->what[0] != '\0');
		CHECK_INT(command_of(c->word, false), c->id);
		CHECK_INT(command_of(c->word, true), c->id);
		CHECK_STR(command_word(c->id), c->word);
		/* Any case. */
		size_t n = strlen(c->word);
		REQUIRE(n < sizeof lower);
		for (size_t k = 0; k <= n; k++)
			lower[k] = (char)(c->word[k] >= 'A' && c->word[k] <= 'Z' ? c->word[k] + 32 : c->word[k]);
		CHECK_INT(command_of(lower, false), c->id);
		/* Each command once. */
		for (size_t j = 0; j < i; j++)
			CHECK(command_table[j].id != c->id);
	}
	/* The ones the issue names are all there. */
	static const char *const named[] = { "@OK", "@PASS", "@FAIL", "@BACK", "@LOGOUT", "@HELP", "@PIN" };
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		CHECK(command_of(named[i], false) != COMMAND_NONE);
	CHECK_INT(command_of("@SKIP", true), COMMAND_NONE);
	CHECK_INT(command_of("", true), COMMAND_NONE);
	CHECK_INT(command_of("@PASS ", true), COMMAND_NONE);
	CHECK_STR(command_word(COMMAND_NONE), "");
}

static void
short_forms_only_at_a_verdict(void)
{
	static const char *const pass[] = { "PASS", "P", "y", "Yes" };
	/* Failing takes the word: a bare n, no or f is no verdict at all. */
	static const char *const not_fail[] = { "f", "N", "no", "F" };
	char forms[64];

	for (size_t i = 0; i < 4; i++) {
		CHECK_INT(command_of(pass[i], true), COMMAND_PASS);
		CHECK_INT(command_of(pass[i], false), COMMAND_NONE);
		CHECK_INT(command_of(not_fail[i], true), COMMAND_NONE);
		CHECK_INT(command_of(not_fail[i], false), COMMAND_NONE);
	}
	CHECK_INT(command_of("FAIL", true), COMMAND_FAIL);
	CHECK_INT(command_of("fail", true), COMMAND_FAIL);
	CHECK_INT(command_of("FAIL", false), COMMAND_NONE);
	for (size_t i = 0; i < command_count; i++) {
		command_short_forms(&command_table[i], forms, sizeof forms);
		if (command_table[i].id == COMMAND_PASS)
			CHECK_STR(forms, "PASS P Y YES");
		else if (command_table[i].id == COMMAND_FAIL)
			CHECK_STR(forms, "FAIL");
		else
			CHECK_STR(forms, "");
	}
	/* A small buffer is cut, never overrun. */
	char tiny[6];
	command_short_forms(&command_table[1], tiny, sizeof tiny);
	CHECK(strlen(tiny) < sizeof tiny);
}

/* --help lists every command with its short forms and every key of the
 * tables, and keeps to 80 columns. */
static void
help_lists_the_table(void)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	char forms[64], line[160];

	REQUIRE(f != NULL);
	yoke_help(f);
	fclose(f);
	REQUIRE(text != NULL);
	for (size_t i = 0; i < command_count; i++) {
		command_short_forms(&command_table[i], forms, sizeof forms);
		snprintf(line, sizeof line, "  %-8s%s", command_table[i].word, forms);
		if (strstr(text, line) == NULL)
			check_fail(__FILE__, __LINE__, "--help lacks \"%s\"", line);
		if (strstr(text, command_table[i].what) == NULL)
			check_fail(__FILE__, __LINE__, "--help lacks \"%s\"", command_table[i].what);
	}
	for (size_t i = 0; i < key_count; i++)
		if (strstr(text, key_table[i].keys) == NULL)
			check_fail(__FILE__, __LINE__, "--help lacks the key \"%s\"", key_table[i].keys);
	static const char *const must[] = { "Options:", "Environment:", "Examples:", "NO_COLOR", "YOKE_CERT",
		"YOKE_SERVER", "YOKE_LOCALEDIR", "LANG", "TERM", "--lang", "--version", "Esc 0" };
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		if (strstr(text, must[i]) == NULL)
			check_fail(__FILE__, __LINE__, "--help lacks \"%s\"", must[i]);
	for (char *p = text, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		REQUIRE(nl != NULL);
		if (nl - p > 80)
			check_fail(__FILE__, __LINE__, "a line of %d columns: %.*s", (int)(nl - p), (int)(nl - p), p);
	}
	free(text);
}

int
main(void)
{
	RUN(every_word_is_read_as_its_command);
	RUN(short_forms_only_at_a_verdict);
	RUN(help_lists_the_table);
	return check_done();
}
