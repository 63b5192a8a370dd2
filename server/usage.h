/*
 * usage.h — what yoked says about itself: `yoked --help` and the hint after
 * a wrong option. The text is in the language this thread speaks
 * (shared/i18n.h): yoked.c chooses LANG's language for --help only, as the
 * server otherwise answers each request in the language of its asker.
 *
 * The same facts at length are in yoked(8) (docs/man/yoked.8.md);
 * tests/checks/man.sh fails when an option listed here is missing there.
 */
#ifndef YOKE_USAGE_H
#define YOKE_USAGE_H

#include <stdio.h>

/* Every option, grouped, with its default; the environment, signals, exit
 * statuses and examples. Fits 80 columns. */
void yoked_usage(FILE *f);
/* Two lines for stderr after a wrong option: the synopsis and where the
 * options are listed. */
void yoked_usage_hint(FILE *f);

#endif
