/*
 * load.c — yokectl load: check definition files here, then load them.
 *
 *   yokectl load DIR [--dry-run] [--json] [--partial]
 *
 * Reads every *.def file in DIR in name order, parses each with the same
 * parser the server uses and validates the whole set, so a mistake is
 * reported as "file:line: message" without a round trip; only then sends
 * one LoadDefinitions request with every file's name and text. The server
 * parses and validates again, merged with what it already stores, and is
 * the judge: it refuses the load whole or stores all of it.
 *
 * --partial skips the local cross-reference check, for a directory that
 * refers to records the server already holds (a new routing revision for
 * parts loaded earlier); the syntax is still checked here.
 */
#include "terminal/ctl/ctl.h"
#include "shared/defs/defs.h"
#include "shared/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LOAD_FILE_MAX (1u << 20)
#define LOAD_FILES_MAX 200

static int load_exec(struct ctl *ctl, int argc, char **argv);

static const struct ctl_option options[] = {
	{ "--dry-run", N_("check everything, on the server too, and store nothing") },
	{ "--partial", N_("skip the check here that every reference is in DIR: for files that refer "
	    "to records the server holds already (a new routing revision for parts loaded "
	    "earlier)") },
	{ "--json", N_("print JSON for scripts: the counts") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl load assets/plant", N_("load the demo plant: parts, BOMs, routings, stations, "
	    "operators") },
	{ "yokectl load plant/ --dry-run", N_("only check the files; nothing is stored") },
	{ NULL, NULL },
};

const struct ctl_cmd ctl_cmd_load = {
	.name = "load",
	.group = CTL_GROUP_WORK,
	.usage = N_("DIR [--dry-run] [--partial] [--json]"),
	.summary = N_("check the definition files in DIR and load them"),
	.description = N_("Reads every *.def file in DIR (parts, BOMs, routings, stations, operators; "
	    "docs/definitions.md has the format) and checks them here first, so a mistake is shown "
	    "as file:line: what is wrong. Then the server checks them again, with what it holds "
	    "already, and stores all of them or nothing. Loading needs a person who may load "
	    "definitions (--badge), except the first load into an empty store."),
	.options = options,
	.examples = examples,
	.exec = load_exec,
};

struct deffile {
	char *path;
	char *text;
};

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(((const struct deffile *)a)->path, ((const struct deffile *)b)->path);
}

/* Reads a whole text file of at most LOAD_FILE_MAX bytes. NULL after
 * reporting why, with *rc the exit status. */
static char *
read_text(const char *path, int *rc)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf;
	size_t n;

	if (f == NULL) {
		*rc = ctl_fail(CTL_ST_IO, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		*rc = ctl_fail(CTL_ST_IO, _("%s: expected a regular file"), path);
		fclose(f);
		return NULL;
	}
	if (st.st_size > (off_t)LOAD_FILE_MAX) {
		*rc = ctl_fail(CTL_ST_INVALID, _("%s: is %lld bytes; a definition file may have at most "
		    "%u"), path, (long long)st.st_size, LOAD_FILE_MAX);
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	n = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f) || n != (size_t)st.st_size) {
		*rc = ctl_fail(CTL_ST_IO, _("%s: cannot read: %s"), path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		*rc = ctl_fail(CTL_ST_INVALID, _("%s: contains a NUL byte; expected a UTF-8 text file"),
		    path);
		free(buf);
		return NULL;
	}
	return buf;
}

static void
free_files(struct deffile *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].text);
	}
	free(files);
}

/* Collects the files in DIR whose names end in .def (not hidden ones),
 * sorted by name. Returns the count, or -1 after reporting why with *rc
 * the exit status. */
static int
list_files(const char *dir, struct deffile **out, int *rc)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct deffile *files = NULL;
	size_t n = 0, dlen = strlen(dir);
	bool slash = dlen > 0 && dir[dlen - 1] == '/';

	*out = NULL;
	if (d == NULL) {
		*rc = ctl_fail(CTL_ST_IO, _("%s: cannot open the folder: %s"), dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".def") != 0)
			continue;
		if (n == LOAD_FILES_MAX) {
			*rc = ctl_fail(CTL_ST_INVALID, _("%s: more than %d *.def files; load them in parts"),
			    dir, LOAD_FILES_MAX);
			closedir(d);
			free_files(files, n);
			return -1;
		}
		files = xrealloc(files, (n + 1) * sizeof *files);
		files[n].path = xasprintf("%s%s%s", dir, slash ? "" : "/", e->d_name);
		files[n++].text = NULL;
	}
	closedir(d);
	if (n == 0) {
		*rc = ctl_fail(CTL_ST_INVALID, _("%s: no *.def files; expected parts.def, bom.def, "
		    "routing-*.def, stations.def or operators.def"), dir);
		return -1;
	}
	qsort(files, n, sizeof *files, path_cmp);
	*out = files;
	return (int)n;
}

static void
print_counts(const Yoke__LoadReply *lr, bool dry_run, bool json)
{
	const char *sep = _(", ");

	if (json) {
		printf("{\"dry_run\":%s,\"parts\":%u,\"boms\":%u,\"routings\":%u,\"stations\":%u,"
		    "\"operators\":%u,\"defects\":%u,\"unchanged\":%u}\n", dry_run ? "true" : "false",
		    lr->parts, lr->boms, lr->routings, lr->stations, lr->operators, lr->defects,
		    lr->unchanged);
		return;
	}
	printf("%s", dry_run ? _("valid (dry run, nothing stored): ") : _("loaded: "));
	printf(P_("%u part", "%u parts", lr->parts), lr->parts);
	printf("%s", sep);
	printf(P_("%u BOM", "%u BOMs", lr->boms), lr->boms);
	printf("%s", sep);
	printf(P_("%u routing", "%u routings", lr->routings), lr->routings);
	printf("%s", sep);
	printf(P_("%u station", "%u stations", lr->stations), lr->stations);
	printf("%s", sep);
	printf(P_("%u operator", "%u operators", lr->operators), lr->operators);
	printf("%s", sep);
	printf(P_("%u defect code", "%u defect codes", lr->defects), lr->defects);
	if (lr->unchanged > 0)
		printf(P_(" (%u released routing already stored unchanged)",
		    " (%u released routings already stored unchanged)", lr->unchanged), lr->unchanged);
	printf("\n");
}

static int
load_exec(struct ctl *ctl, int argc, char **argv)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LoadDefinitions ld = YOKE__LOAD_DEFINITIONS__INIT;
	Yoke__DefinitionFile *df = NULL, **dfp = NULL;
	Yoke__Definitions *defs = NULL;
	Yoke__Reply *rp = NULL;
	struct deffile *files = NULL;
	const char *dir = NULL;
	bool dry_run = false, json = false, partial = false;
	char err[1024];
	int n = 0, rc = CTL_REFUSED;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry_run = true;
		else if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--partial") == 0)
			partial = true;
		else if (argv[i][0] == '-')
			return ctl_usage_why(&ctl_cmd_load, _("unknown option %s"), argv[i]);
		else if (dir != NULL)
			return ctl_usage_why(&ctl_cmd_load, _("one folder at a time, got %s and %s"), dir,
			    argv[i]);
		else
			dir = argv[i];
	}
	if (dir == NULL)
		return ctl_usage_why(&ctl_cmd_load, _("which folder? Give the folder of the *.def files"));

	if ((n = list_files(dir, &files, &rc)) < 0)
		return rc;
	defs = defs_new();
	for (int i = 0; i < n; i++) {
		if ((files[i].text = read_text(files[i].path, &rc)) == NULL)
			goto out;
		if (!defs_parse(defs, files[i].path, files[i].text, err, sizeof err)) {
			rc = ctl_fail(CTL_ST_INVALID, "%s", err);
			goto out;
		}
	}
	if (!partial && !defs_validate(defs, err, sizeof err)) {
		rc = ctl_fail(CTL_ST_INVALID, _("%s\n(checked %s on its own; if it refers to records the "
		    "server holds already, run again with --partial)"), err, dir);
		goto out;
	}

	df = xcalloc((size_t)n, sizeof *df);
	dfp = xcalloc((size_t)n, sizeof *dfp);
	for (int i = 0; i < n; i++) {
		yoke__definition_file__init(&df[i]);
		df[i].name = files[i].path;
		df[i].text = files[i].text;
		dfp[i] = &df[i];
	}
	ld.files = dfp;
	ld.n_files = (size_t)n;
	ld.dry_run = dry_run;
	rq.body_case = YOKE__REQUEST__BODY_LOAD;
	rq.load = &ld;
	if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK)
		goto out;
	print_counts(rp->load, dry_run, json);
	rc = CTL_OK;
out:
	if (rp)
		client_reply_free(rp);
	free(df);
	free(dfp);
	defs_free(defs);
	free_files(files, (size_t)n);
	return rc;
}
