/*
 * alarm_words.h — an alarm in words for the people an escalation tells
 * (alarm_words.c): a subject and a text in one language, and the alarm as
 * the JSON a generic webhook receives.
 */
#ifndef YOKE_ALARM_WORDS_H
#define YOKE_ALARM_WORDS_H

#include "server/server.h"

struct alarm_words {
	const char *subject;     /* one line */
	const char *text;        /* a few lines, each ending in \n */
};

/* The words for level `level` of alarm al at time now, in lang ("" English),
 * in the arena. The thread's language is the same after as before. */
void alarm_text(struct arena *a, const Yoke__Alarm *al, uint32_t level, int64_t now,
    const char *lang, struct alarm_words *out);
/* {"key","alarm","id","level","station","source","severity","state","serial",
 *  "work_order","characteristic","rule","detail","raised_us","subject","text"} */
const char *alarm_json(struct arena *a, const Yoke__Alarm *al, uint32_t level, const char *key,
    const struct alarm_words *w);

#endif
