/*
 * usage.h — what `yoke --help` prints (grouped: options, scan commands,
 * keys, environment, exit status, examples) and the short usage line for
 * a mistake. The scan commands and keys come from shared/station_commands.h, the table
 * the terminal reads lines with and draws its help screen from; the words
 * are in the language of the moment (--lang, else LANG), wrapped at their
 * display width to 80 columns.
 */
#ifndef YOKE_USAGE_H
#define YOKE_USAGE_H

#include <stdio.h>

void yoke_usage(FILE *f);
void yoke_help(FILE *f);

#endif
