/*
 * args.c — the arguments after a command's name: words and options in any
 * order (ctl_parse), "WORD [--json]" (ctl_word_args), and the values
 * several commands take (a date, a count). Every refusal is a usage error
 * that names the argument and what was expected (ctl.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shared/util.h"
#include "terminal/ctl/ctl.h"

int
ctl_word_args(const struct ctl_cmd *cmd, int argc, char **argv, char **word, bool *json)
{
	*word = NULL;
	*json = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			*json = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return ctl_usage_why(cmd, _("unknown option %s"), argv[i]);
		else if (*word == NULL && argv[i][0] != '\0')
			*word = argv[i];
		else
			return ctl_usage(cmd);
	}
	return *word ? CTL_OK : ctl_usage(cmd);
}

static const struct ctl_opt *
find_opt(const struct ctl_opt *opts, const char *name)
{
	for (; opts && opts->name; opts++)
		if (strcmp(opts->name, name) == 0)
			return opts;
	return NULL;
}

int
ctl_parse(const struct ctl_cmd *cmd, int argc, char **argv, const struct ctl_opt *opts,
    const char **words, size_t max_words, size_t *n_words)
{
	bool options = true;

	*n_words = 0;
	for (const struct ctl_opt *o = opts; o && o->name; o++) {
		if (o->value)
			*o->value = NULL;
		if (o->flag)
			*o->flag = false;
		if (o->n_many)
			*o->n_many = 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct ctl_opt *o;

		if (options && strcmp(a, "--") == 0) {
			options = false;
			continue;
		}
		if (options && a[0] == '-' && a[1] != '\0') {
			if ((o = find_opt(opts, a)) == NULL)
				return ctl_usage_why(cmd, _("unknown option %s"), a);
			if (o->flag) {
				*o->flag = true;
				continue;
			}
			if (i + 1 >= argc || argv[i + 1][0] == '\0')
				return ctl_usage_why(cmd, _("%s needs a value"), a);
			if (o->value) {
				if (*o->value)
					return ctl_usage_why(cmd, _("%s is given twice (\"%s\" and \"%s\"); "
					    "give it once"), a, *o->value, argv[i + 1]);
				*o->value = argv[++i];
			} else {
				if (*o->n_many >= o->max)
					return ctl_usage_why(cmd, P_("%s is given more than %zu time",
					    "%s is given more than %zu times", o->max), a, o->max);
				o->many[(*o->n_many)++] = argv[++i];
			}
			continue;
		}
		if (a[0] == '\0')
			return ctl_usage_why(cmd, _("an empty argument; expected a value there"));
		if (*n_words >= max_words) {
			if (max_words == 0)
				return ctl_usage_why(cmd, _("unexpected argument \"%s\""), a);
			return ctl_usage_why(cmd, _("one argument too many: \"%s\""), a);
		}
		words[(*n_words)++] = a;
	}
	return CTL_OK;
}

bool
ctl_date_us(const char *s, int64_t *us)
{
	struct tm tm = { 0 };
	time_t t;

	if (s == NULL || !date_valid(s))
		return false;
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	if ((t = timegm(&tm)) == (time_t)-1)
		return false;
	*us = (int64_t)t * 1000000;
	return true;
}

bool
ctl_count(const char *s, unsigned long max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end != '\0' || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}
