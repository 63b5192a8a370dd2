/*
 * view_help.h — the keys of the inspector's and the lead's views, as data,
 * for their help screens (F1, help_draw.c) and `yoke --help` (usage.c), in
 * sections. A key column is the key as printed on the keyboard or the
 * command as scanned (never translated), or words (`words`, N_()) where it
 * names what is scanned ("badge, PIN"); every description is N_().
 */
#ifndef YOKE_VIEW_HELP_H
#define YOKE_VIEW_HELP_H

#include <stddef.h>

struct view_key {
	const char *keys;          /* "F3", "Enter, @BACK"; NULL when words says it */
	const char *words;         /* N_(): what is scanned or typed, when it is no key */
	const char *what;          /* N_(): what it does */
};

struct view_help_section {
	const char *title;         /* N_() */
	const struct view_key *keys;
	size_t count;
};

extern const struct view_help_section inspector_help[];
extern const size_t inspector_help_count;
extern const struct view_help_section lead_help[];
extern const size_t lead_help_count;

/* The key column of an entry, in the language of the moment. */
const char *view_key_text(const struct view_key *k);

#endif
