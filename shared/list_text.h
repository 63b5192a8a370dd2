/*
 * list_text.h — a list inside a sentence, in the current language (i18n.h):
 * "A", "A or B", "A, B or C" in English, "A、B或C" in Chinese. The items
 * are given as they are to read (data, or words already translated); the
 * joints are translated as whole patterns ("%s, %s" and "%s or %s"), so
 * that each language joins a list its own way and no sentence is glued
 * together from English words.
 */
#ifndef YOKE_LIST_TEXT_H
#define YOKE_LIST_TEXT_H

#include <stddef.h>

/* Writes the n items (n >= 0) joined into buf, cut to size between characters. */
void list_text(char *buf, size_t size, const char *const *items, size_t n);

#endif
