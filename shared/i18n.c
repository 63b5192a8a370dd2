/* i18n.c — see i18n.h. */
#include "shared/i18n.h"
#include "shared/util.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *lang, *locale;
} languages[] = {
	{ "en", NULL },                 /* the messages as written */
	{ "zh_CN", "zh_CN.UTF-8" },
};
#define NLANG (sizeof languages / sizeof languages[0])

/* A language's locale, made by the first thread that speaks it and kept for
 * the life of the process; threads may ask for it at the same time. */
static _Atomic(locale_t) cached[NLANG];
static pthread_mutex_t cached_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int current;      /* index into languages */
/* $LANGUAGE as it was at i18n_init (see there). */
static char *language_env;

const char *
i18n_text(const char *msgid)
{
	return current == 0 ? msgid : dgettext(I18N_DOMAIN, msgid);
}

const char *
i18n_plural(const char *one, const char *many, unsigned long n)
{
	if (current == 0)
		return n == 1 ? one : many;
	return dngettext(I18N_DOMAIN, one, many, n);
}

/* share/locale beside the program's bin/: /usr/local/bin/yoked ->
 * /usr/local/share/locale; bin/yoked -> share/locale in the source tree;
 * build/san/bin/yoked -> build/san/share/locale. */
static void
find_localedir(char *out, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *env = getenv("YOKE_LOCALEDIR");
	char *slash;
	if (env && *env) {
		strlcpy_yk(out, env, size);
		return;
	}
	strlcpy_yk(out, "/usr/local/share/locale", size);
	if (n <= 0)
		return;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return;
	*slash = '\0';                       /* .../bin */
	if ((slash = strrchr(exe, '/')) == NULL)
		return;
	*slash = '\0';                       /* ... */
	if ((size_t)snprintf(out, size, "%.*s/share/locale", (int)(size - 14), exe) >= size)
		strlcpy_yk(out, "/usr/local/share/locale", size);
}

void
i18n_init(void)
{
	char dir[PATH_MAX];
	/* UTF-8 text (wide characters for the screen); messages stay "C" until
	 * a language is chosen. */
	if (setlocale(LC_CTYPE, "") == NULL || strstr(setlocale(LC_CTYPE, NULL), "UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	find_localedir(dir, sizeof dir);
	/* gettext lets $LANGUAGE override the language of every thread whose
	 * locale is not "C" (LANGUAGE=en_US:en is common on desktops): a
	 * yoked started with it would answer a zh_CN session in English. It
	 * names the person at this terminal only, so it is kept for
	 * i18n_from_environment and taken out of the environment, before any
	 * thread starts. */
	if (language_env == NULL && getenv("LANGUAGE") != NULL) {
		language_env = xstrdup(getenv("LANGUAGE"));
		unsetenv("LANGUAGE");
	}
	bindtextdomain(I18N_DOMAIN, dir);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
}

const char *
i18n_from_locale(const char *locale)
{
	if (locale && strncmp(locale, "zh_CN", 5) == 0)
		return "zh_CN";
	if (locale && (strncmp(locale, "zh_Hans", 7) == 0 || strcmp(locale, "zh") == 0))
		return "zh_CN";
	return "en";
}

void
i18n_from_environment(void)
{
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = i == 0 && language_env ? language_env : getenv(vars[i]);
		if (v && *v) {
			i18n_use(i18n_from_locale(v));
			return;
		}
	}
}

bool
i18n_known(const char *lang)
{
	if (lang == NULL)
		return false;
	for (size_t i = 0; i < NLANG; i++)
		if (strcmp(languages[i].lang, lang) == 0)
			return true;
	return false;
}

const char *
i18n_languages(void)
{
	return "en zh_CN";
}

bool
i18n_use(const char *lang)
{
	locale_t l;
	size_t i;
	if (lang == NULL || *lang == '\0' || strcmp(lang, "C") == 0)
		lang = "en";
	for (i = 0; i < NLANG; i++)
		if (strcmp(languages[i].lang, lang) == 0)
			break;
	if (i == NLANG || i == 0) {
		current = 0;
		uselocale(LC_GLOBAL_LOCALE);
		return i == 0;
	}
	if ((l = atomic_load(&cached[i])) == (locale_t)0) {
		pthread_mutex_lock(&cached_lock);
		if ((l = atomic_load(&cached[i])) == (locale_t)0) {
			locale_t base = duplocale(LC_GLOBAL_LOCALE);
			l = base ? newlocale(LC_MESSAGES_MASK, languages[i].locale, base) : (locale_t)0;
			if (l == (locale_t)0 && base)
				freelocale(base);
			if (l != (locale_t)0)
				atomic_store(&cached[i], l);
		}
		pthread_mutex_unlock(&cached_lock);
		if (l == (locale_t)0) {
			current = 0;
			uselocale(LC_GLOBAL_LOCALE);
			return false;
		}
	}
	uselocale(l);
	current = (int)i;
	return true;
}

const char *
i18n_current(void)
{
	return languages[current].lang;
}
