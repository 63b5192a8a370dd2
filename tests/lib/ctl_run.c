/* ctl_run.c — see ctl_run.h. */
#include "tests/lib/ctl_run.h"
#include "shared/util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

char ctl_cert[700], ctl_pins[700];
char *ctl_out, *ctl_err;
static char out_path[700], err_path[700];

const char *
ctl_path(void)
{
	static char path[512];
	const char *bin = getenv("YOKE_BIN");
	snprintf(path, sizeof path, "%s/yokectl", str_empty(bin) ? "bin" : bin);
	return path;
}

void
ctl_run_paths(const char *cert, const char *dir)
{
	snprintf(ctl_cert, sizeof ctl_cert, "%s", cert);
	snprintf(ctl_pins, sizeof ctl_pins, "%s/pins", dir);
	snprintf(out_path, sizeof out_path, "%s/ctl.out", dir);
	snprintf(err_path, sizeof err_path, "%s/ctl.err", dir);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	if (f == NULL)
		return xstrdup("");
	do {
		if (n + 1 >= cap)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 8192);
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int
ctl_run(const char *lang, const char *const *args)
{
	pid_t pid;
	int st;

	free(ctl_out);
	free(ctl_err);
	ctl_out = ctl_err = NULL;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		const char *argv[40];
		int n = 0, fd;
		argv[n++] = ctl_path();
		argv[n++] = "--cert";
		argv[n++] = ctl_cert;
		argv[n++] = "--pin-fd";
		argv[n++] = "3";
		for (; *args && n < 39; args++)
			argv[n++] = *args;
		argv[n] = NULL;
		unsetenv("LANGUAGE");
		unsetenv("LC_ALL");
		unsetenv("LC_MESSAGES");
		unsetenv("YOKE_BADGE");
		setenv("LANG", lang, 1);
		if ((fd = open(ctl_pins, O_RDONLY)) < 0 || dup2(fd, 3) < 0 ||
		    freopen(out_path, "w", stdout) == NULL || freopen(err_path, "w", stderr) == NULL)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	ctl_out = slurp(out_path);
	ctl_err = slurp(err_path);
	return WEXITSTATUS(st);
}
