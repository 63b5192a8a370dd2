/*
 * test_i18n.c — the language of a thread (shared/i18n.h) with the real
 * catalogue: two threads in two languages at the same time each get their
 * own words; an unknown language is English; plurals; the language a
 * locale string names; $LANGUAGE does not override a thread's language;
 * lists joined in each language's way (shared/list_text.h).
 *
 * The catalogue is the one `make` compiled beside the binaries under test
 * (harness_i18n_init).
 */
#include "shared/i18n.h"
#include "shared/list_text.h"
#include "tests/lib/check.h"
#include "tests/lib/harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A message of the server's part and its zh_CN translation (po/zh_CN/server.po). */
#define MSG "Unknown badge %s"
#define MSG_ZH "未知工牌 %s"
#define ROUNDS 20000

struct speaker {
	const char *lang;
	const char *want;
	pthread_barrier_t *start;
	int wrong;            /* translations that were not the thread's own */
	bool used;
};

static void *
speak(void *arg)
{
	struct speaker *s = arg;
	s->used = i18n_use(s->lang);
	pthread_barrier_wait(s->start);
	for (int i = 0; i < ROUNDS; i++) {
		if (strcmp(_(MSG), s->want) != 0 || strcmp(i18n_current(), s->lang) != 0)
			s->wrong++;
		/* Switching away and back, as yoked does between requests. */
		if (i % 1000 == 999) {
			i18n_use(strcmp(s->lang, "en") == 0 ? "zh_CN" : "en");
			i18n_use(s->lang);
		}
	}
	return NULL;
}

static void
two_threads_two_languages(void)
{
	pthread_barrier_t start;
	pthread_t t[4];
	struct speaker s[4] = {
		{ "zh_CN", MSG_ZH, &start, 0, false }, { "en", MSG, &start, 0, false },
		{ "zh_CN", MSG_ZH, &start, 0, false }, { "en", MSG, &start, 0, false },
	};
	REQUIRE(pthread_barrier_init(&start, NULL, 4) == 0);
	for (int i = 0; i < 4; i++)
		REQUIRE(pthread_create(&t[i], NULL, speak, &s[i]) == 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < 4; i++) {
		CHECK(s[i].used);
		CHECK_INT(s[i].wrong, 0);
	}
	/* This thread never chose: English. */
	CHECK_STR(i18n_current(), "en");
	CHECK_STR(_(MSG), MSG);
}

static void
unknown_language_is_english(void)
{
	CHECK(i18n_use("zh_CN"));
	CHECK_STR(_(MSG), MSG_ZH);
	CHECK(!i18n_use("fr"));
	CHECK_STR(i18n_current(), "en");
	CHECK_STR(_(MSG), MSG);
	CHECK(!i18n_use("zh_TW"));
	CHECK_STR(_(MSG), MSG);
	CHECK(i18n_use(""));
	CHECK_STR(i18n_current(), "en");
	CHECK(i18n_use("C"));
	CHECK(i18n_use(NULL));
	CHECK(i18n_known("en"));
	CHECK(i18n_known("zh_CN"));
	CHECK(!i18n_known("fr"));
	CHECK(!i18n_known(""));
	CHECK(!i18n_known(NULL));
	CHECK(!i18n_known("zh_CN.UTF-8"));
	CHECK_STR(i18n_languages(), "en zh_CN");
	/* A message the catalogue does not have stays as written. */
	CHECK(i18n_use("zh_CN"));
	CHECK_STR(_("no such message in any catalogue"), "no such message in any catalogue");
	i18n_use("en");
}

static void
plurals(void)
{
	char buf[64];
	i18n_use("en");
	snprintf(buf, sizeof buf, P_("%d minute", "%d minutes", 1), 1);
	CHECK_STR(buf, "1 minute");
	snprintf(buf, sizeof buf, P_("%d minute", "%d minutes", 60), 60);
	CHECK_STR(buf, "60 minutes");
	snprintf(buf, sizeof buf, P_("%d minute", "%d minutes", 0), 0);
	CHECK_STR(buf, "0 minutes");
	REQUIRE(i18n_use("zh_CN"));
	snprintf(buf, sizeof buf, P_("%d minute", "%d minutes", 1), 1);
	CHECK_STR(buf, "1 分钟");
	snprintf(buf, sizeof buf, P_("%d minute", "%d minutes", 60), 60);
	CHECK_STR(buf, "60 分钟");
	i18n_use("en");
}

static void
language_of_a_locale(void)
{
	CHECK_STR(i18n_from_locale("zh_CN.UTF-8"), "zh_CN");
	CHECK_STR(i18n_from_locale("zh_CN"), "zh_CN");
	CHECK_STR(i18n_from_locale("zh_CN.GB18030"), "zh_CN");
	CHECK_STR(i18n_from_locale("zh_CN:en"), "zh_CN");
	CHECK_STR(i18n_from_locale("zh_Hans"), "zh_CN");
	CHECK_STR(i18n_from_locale("zh"), "zh_CN");
	CHECK_STR(i18n_from_locale("zh_TW.UTF-8"), "en");
	CHECK_STR(i18n_from_locale("en_US.UTF-8"), "en");
	CHECK_STR(i18n_from_locale("fr_FR.UTF-8"), "en");
	CHECK_STR(i18n_from_locale("C"), "en");
	CHECK_STR(i18n_from_locale(""), "en");
	CHECK_STR(i18n_from_locale(NULL), "en");
}

/* main() started with LANGUAGE=en_US:en and LANG=zh_CN.UTF-8. */
static void
language_variable_overrides_no_thread(void)
{
	/* Kept for i18n_from_environment, out of the environment for gettext. */
	CHECK(getenv("LANGUAGE") == NULL);
	REQUIRE(i18n_use("zh_CN"));
	CHECK_STR(_(MSG), MSG_ZH);
	/* LANGUAGE comes first, as it did before i18n_init took it. */
	i18n_from_environment();
	CHECK_STR(i18n_current(), "en");
	CHECK_STR(_(MSG), MSG);
	i18n_use("en");
}

static void
lists_in_each_language(void)
{
	const char *kinds[] = { "SMT", "REFLOW", "TEST" };
	char buf[80];
	i18n_use("en");
	list_text(buf, sizeof buf, kinds, 3);
	CHECK_STR(buf, "SMT, REFLOW or TEST");
	list_text(buf, sizeof buf, kinds, 2);
	CHECK_STR(buf, "SMT or REFLOW");
	list_text(buf, sizeof buf, kinds, 1);
	CHECK_STR(buf, "SMT");
	list_text(buf, sizeof buf, kinds, 0);
	CHECK_STR(buf, "");
	REQUIRE(i18n_use("zh_CN"));
	list_text(buf, sizeof buf, kinds, 3);
	CHECK_STR(buf, "SMT、REFLOW 或 TEST");
	/* Cut to the buffer between characters: "、" needs 3 bytes more. */
	list_text(buf, 6, kinds, 3);
	CHECK_STR(buf, "SMT");
	list_text(buf, 7, kinds, 3);
	CHECK_STR(buf, "SMT、");
	i18n_use("en");
}

int
main(void)
{
	setenv("LANGUAGE", "en_US:en", 1);
	setenv("LANG", "zh_CN.UTF-8", 1);
	harness_i18n_init();
	RUN(two_threads_two_languages);
	RUN(unknown_language_is_english);
	RUN(plurals);
	RUN(language_of_a_locale);
	RUN(language_variable_overrides_no_thread);
	RUN(lists_in_each_language);
	return check_done();
}
