/*
 * i18n.h — every string a person reads goes through here: GNU gettext, text
 * domain "yoke", catalogues in <prefix>/share/locale (po/ has the sources).
 *
 *   _("text")           the translation in the current language
 *   P_("one", "many", n) a plural form
 *   N_("text")          marks text for the catalogue that is translated later
 *
 * Languages: "en" (the messages as written; also "" and "C") and "zh_CN".
 * The language is per thread (uselocale), so yoked answers each request in
 * the language of the person who asked (dispatch.c sets it) while its other
 * threads and the terminal's screen switch on their own. yokectl takes its
 * language from LANG / LC_MESSAGES / LANGUAGE (i18n_from_environment).
 *
 * A language needs its system locale (zh_CN.UTF-8; `make deps` generates it
 * with localedef). Without it i18n_use() says false and the text stays
 * English; yoked logs that once.
 *
 * Text that carries data (serials, part numbers, badges, values) is never
 * translated: it goes into the translated format as an argument.
 */
#ifndef YOKE_I18N_H
#define YOKE_I18N_H

#include <stdbool.h>
#include <stddef.h>

#define I18N_DOMAIN "yoke"

const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
const char *i18n_plural(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));

#define _(s) i18n_text(s)
#define P_(one, many, n) i18n_plural((one), (many), (unsigned long)(n))
#define N_(s) (s)

/*
 * Binds the catalogue: $YOKE_LOCALEDIR, else share/locale beside the
 * program's bin/ (an installed yoke and the source tree alike), and sets
 * LC_CTYPE from the environment (UTF-8 text). Call once at start, before
 * any thread: it takes $LANGUAGE out of the environment (gettext would let
 * it override every thread's language) and keeps it for
 * i18n_from_environment.
 */
void i18n_init(void);
/* yokectl: the language of LANGUAGE, LC_ALL, LC_MESSAGES or LANG. */
void i18n_from_environment(void);
/* Switches this thread to a language ("" or "en": English). False when the
 * language is unknown or its locale is not installed (English then). */
bool i18n_use(const char *lang);
/* The language this thread speaks now ("en" or "zh_CN"). */
const char *i18n_current(void);
/* A language yoke has a catalogue for: "en", "zh_CN". */
bool i18n_known(const char *lang);
/* "en zh_CN", for messages. */
const char *i18n_languages(void);
/* The language named by a locale string ("zh_CN.UTF-8" -> "zh_CN";
 * anything else -> "en"). */
const char *i18n_from_locale(const char *locale);

#endif
