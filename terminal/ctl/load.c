/*
 * ctl-load.c — yokectl load: check definition files here, then load them.
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

const struct ctl_cmd ctl_cmd_load = {
	"load", "DIR [--dry-run] [--json] [--partial]",
	"check the *.def definition files in DIR and load them (parts, BOMs, routings, stations, "
	"operators)",
	load_exec,
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

/* Reads a whole text file of at most LOAD_FILE_MAX bytes; prints why not. */
static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf;
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "yokectl: %s: cannot open: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "yokectl: %s: expected a regular file\n", path);
		fclose(f);
		return NULL;
	}
	if (st.st_size > (off_t)LOAD_FILE_MAX) {
		fprintf(stderr, "yokectl: %s: is %lld bytes; a definition file may have at most %u\n",
		    path, (long long)st.st_size, LOAD_FILE_MAX);
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	n = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f) || n != (size_t)st.st_size) {
		fprintf(stderr, "yokectl: %s: cannot read: %s\n", path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		fprintf(stderr, "yokectl: %s: contains a NUL byte; expected a UTF-8 text file\n", path);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Collects the files in DIR whose names end in .def (not hidden ones), sorted by name. Returns the count
 * or -1 after printing why. */
static int
list_files(const char *dir, struct deffile **out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct deffile *files = NULL;
	size_t n = 0, dlen = strlen(dir);
	bool slash = dlen > 0 && dir[dlen - 1] == '/';

	*out = NULL;
	if (d == NULL) {
		fprintf(stderr, "yokectl: %s: cannot open directory: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".def") != 0)
			continue;
		if (n == LOAD_FILES_MAX) {
			fprintf(stderr, "yokectl: %s: more than %d *.def files; load them in parts\n", dir,
			    LOAD_FILES_MAX);
			closedir(d);
			for (size_t i = 0; i < n; i++)
				free(files[i].path);
			free(files);
			return -1;
		}
		files = xrealloc(files, (n + 1) * sizeof *files);
		files[n].path = xasprintf("%s%s%s", dir, slash ? "" : "/", e->d_name);
		files[n++].text = NULL;
	}
	closedir(d);
	if (n == 0) {
		fprintf(stderr, "yokectl: %s: no *.def files; expected parts.def, bom.def, "
		    "routing-*.def, stations.def or operators.def\n", dir);
		return -1;
	}
	qsort(files, n, sizeof *files, path_cmp);
	*out = files;
	return (int)n;
}

static const char *
plural(uint32_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
print_counts(const Yoke__LoadReply *lr, bool dry_run, bool json)
{
	if (json) {
		printf("{\"dry_run\":%s,\"parts\":%u,\"boms\":%u,\"routings\":%u,\"stations\":%u,"
		    "\"operators\":%u,\"unchanged\":%u}\n", dry_run ? "true" : "false", lr->parts,
		    lr->boms, lr->routings, lr->stations, lr->operators, lr->unchanged);
		return;
	}
	printf("%s: %u %s, %u %s, %u %s, %u %s, %u %s", dry_run ? "valid (dry run, nothing stored)" :
	    "loaded", lr->parts, plural(lr->parts, "part", "parts"), lr->boms,
	    plural(lr->boms, "BOM", "BOMs"), lr->routings, plural(lr->routings, "routing", "routings"),
	    lr->stations, plural(lr->stations, "station", "stations"), lr->operators,
	    plural(lr->operators, "operator", "operators"));
	if (lr->unchanged > 0)
		printf(" (%u released %s already stored unchanged)", lr->unchanged,
		    plural(lr->unchanged, "routing", "routings"));
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
		else if (argv[i][0] == '-' || dir != NULL)
			return ctl_usage(&ctl_cmd_load);
		else
			dir = argv[i];
	}
	if (dir == NULL)
		return ctl_usage(&ctl_cmd_load);

	if ((n = list_files(dir, &files)) < 0)
		return CTL_REFUSED;
	defs = defs_new();
	for (int i = 0; i < n; i++) {
		if ((files[i].text = read_text(files[i].path)) == NULL)
			goto out;
		if (!defs_parse(defs, files[i].path, files[i].text, err, sizeof err)) {
			fprintf(stderr, "%s\n", err);
			goto out;
		}
	}
	if (!partial && !defs_validate(defs, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		fprintf(stderr, "yokectl: (checked %s on its own; if it refers to records the server "
		    "already holds, run again with --partial)\n", dir);
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
	for (int i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].text);
	}
	free(files);
	return rc;
}
