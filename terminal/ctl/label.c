/*
 * ctl-label.c — yokectl label: unit labels as QR code PNGs (any printer)
 * and ZPL files (Zebra printers), one of each per serial, in a folder.
 *
 *   yokectl label (--wo WORK_ORDER | SERIAL...) [--out DIR] [--zpl]
 *                 [--size 2x1|4x2] [--scale N] [--verify] [--json]
 *
 * With --wo the server lists the work order's units (UnitsQuery) and each
 * label shows serial, product, work order and due date. Serials given on
 * the command line make labels that show the serial only, with no server
 * call. A serial becomes a file name, so one that could escape DIR or
 * upset a shell (a '/', "." or "..", control characters, bad UTF-8) is
 * refused. --verify reads every PNG back with zbar and fails unless it
 * yields the very same serial: a label that does not scan as its unit must
 * not reach the line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <sys/types.h>

#include "shared/label/label.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"

static int label_exec(struct ctl *ctl, int argc, char **argv);

const struct ctl_cmd ctl_cmd_label = {
	"label",
	"(--wo WORK_ORDER | SERIAL...) [--out DIR] [--zpl] [--size 2x1|4x2] [--scale N] [--verify] [--json]",
	"write unit labels: DIR/<serial>.png QR codes and, with --zpl, ZPL for Zebra printers",
	label_exec,
};

/* A file name is at most 255 bytes; the longest suffix is ".png"/".zpl". */
#define SERIAL_MAX_FILE 250

struct label_opts {
	const char *out;
	int scale;
	enum label_media media;
	bool zpl, verify, json;
};

/*
 * Why serial cannot name a file in DIR, or NULL when it can. The same rule
 * for serials typed here and serials the server sends.
 */
static const char *
serial_unsafe(const char *s)
{
	size_t n = strlen(s);
	if (n == 0)
		return "it is empty";
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return "it names a directory";
	if (n > SERIAL_MAX_FILE)
		return "it is longer than 250 bytes";
	if (!utf8_valid(s, n))
		return "it is not valid UTF-8";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '/')
			return "it contains '/'";
		if (*p < 0x20 || *p == 0x7f)
			return "it contains a control character";
	}
	return NULL;
}

/* mkdir -p: creates dir and its missing parents. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *q = p;
	struct stat st;
	int rc = 0;

	while (*q == '/')
		q++;
	for (;; q++) {
		char c = *q;
		if (c != '/' && c != '\0')
			continue;
		*q = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*q = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && stat(dir, &st) != 0)
		rc = -1;
	else if (rc == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

static int
write_text(const char *path, const char *text, char *err, size_t errsz)
{
	FILE *f = fopen(path, "w");
	size_t n = strlen(text);
	if (f == NULL) {
		snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	if (fwrite(text, 1, n, f) != n || fflush(f) != 0 || ferror(f)) {
		snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
		fclose(f);
		remove(path);
		return -1;
	}
	if (fclose(f) != 0) {
		snprintf(err, errsz, "cannot write %s: %s", path, strerror(errno));
		remove(path);
		return -1;
	}
	return 0;
}

/*
 * Writes one unit's label files and prints its line (or JSON object).
 * Returns 0, or -1 after printing why to stderr.
 */
static int
one_label(const struct label_opts *o, const struct label *l, int *nprinted)
{
	char err[512], *png, *zpl = NULL, *text, *read = NULL;
	const char *why;
	int rc = -1;

	if ((why = serial_unsafe(l->serial)) != NULL) {
		fprintf(stderr, "yokectl: serial \"");
		for (const unsigned char *p = (const unsigned char *)l->serial; *p; p++)
			fprintf(stderr, *p < 0x20 || *p == 0x7f ? "\\x%02x" : "%c", *p);
		fprintf(stderr, "\" cannot name a label file: %s\n", why);
		return -1;
	}
	png = xasprintf("%s/%s.png", o->out, l->serial);
	if (label_qr_png(l->serial, o->scale, png, err, sizeof err) != 0) {
		fprintf(stderr, "yokectl: label %s: %s\n", l->serial, err);
		goto out;
	}
	if (o->zpl) {
		zpl = xasprintf("%s/%s.zpl", o->out, l->serial);
		if ((text = label_zpl(l, o->media, err, sizeof err)) == NULL) {
			fprintf(stderr, "yokectl: label %s: %s\n", l->serial, err);
			goto out;
		}
		if (write_text(zpl, text, err, sizeof err) != 0) {
			fprintf(stderr, "yokectl: label %s: %s\n", l->serial, err);
			free(text);
			goto out;
		}
		free(text);
	}
	if (o->verify) {
		size_t cap = strlen(l->serial) + 64;
		int n;
		read = xmalloc(cap);
		n = label_decode_png(png, read, cap, err, sizeof err);
		if (n < 0) {
			fprintf(stderr, "yokectl: verify %s: %s\n", png, err);
			goto out;
		}
		if (n == 0) {
			fprintf(stderr, "yokectl: verify %s: no QR code could be read\n", png);
			goto out;
		}
		if (strcmp(read, l->serial) != 0) {
			fprintf(stderr, "yokectl: verify %s: reads as \"%s\", expected \"%s\"\n", png,
			    read, l->serial);
			goto out;
		}
	}
	if (o->json) {
		printf("%s\n  {\"serial\":", *nprinted ? "," : "");
		json_string(stdout, l->serial);
		json_field(stdout, "png", png);
		if (zpl) {
			json_field(stdout, "zpl", zpl);
		}
		if (o->verify)
			printf(",\"verified\":true");
		printf("}");
	} else if (zpl) {
		printf("%s\t%s\n", png, zpl);
	} else {
		printf("%s\n", png);
	}
	(*nprinted)++;
	rc = 0;
out:
	free(png);
	free(zpl);
	free(read);
	return rc;
}

static int
parse_scale(const char *s, int *scale)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > LABEL_MAX_SCALE)
		return -1;
	*scale = (int)v;
	return 0;
}

static int
label_exec(struct ctl *ctl, int argc, char **argv)
{
	struct label_opts o = { .out = "labels", .scale = 8, .media = LABEL_2X1 };
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__UnitsQuery q = YOKE__UNITS_QUERY__INIT;
	Yoke__Reply *rp = NULL;
	const char *wo = NULL;
	char **serials = xcalloc((size_t)argc, sizeof *serials);
	int nserials = 0, nprinted = 0, failed = 0, rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;
		if (strcmp(a, "--wo") == 0 && more)
			wo = argv[++i];
		else if (strcmp(a, "--out") == 0 && more)
			o.out = argv[++i];
		else if (strcmp(a, "--zpl") == 0)
			o.zpl = true;
		else if (strcmp(a, "--verify") == 0)
			o.verify = true;
		else if (strcmp(a, "--json") == 0)
			o.json = true;
		else if (strcmp(a, "--scale") == 0 && more) {
			if (parse_scale(argv[++i], &o.scale) != 0) {
				fprintf(stderr, "yokectl: --scale expects pixels per module, 1 to %d, not \"%s\"\n",
				    LABEL_MAX_SCALE, argv[i]);
				free(serials);
				return CTL_USAGE;
			}
		} else if (strcmp(a, "--size") == 0 && more) {
			const char *sz = argv[++i];
			if (strcmp(sz, "2x1") == 0)
				o.media = LABEL_2X1;
			else if (strcmp(sz, "4x2") == 0)
				o.media = LABEL_4X2;
			else {
				fprintf(stderr, "yokectl: --size expects 2x1 or 4x2 (inches), not \"%s\"\n", sz);
				free(serials);
				return CTL_USAGE;
			}
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				serials[nserials++] = argv[i];
		} else if (a[0] == '-') {
			fprintf(stderr, "yokectl: label: unknown option %s\n", a);
			free(serials);
			return ctl_usage(&ctl_cmd_label);
		} else {
			serials[nserials++] = argv[i];
		}
	}
	if ((wo == NULL) == (nserials == 0) || (wo != NULL && wo[0] == '\0') || o.out[0] == '\0') {
		free(serials);
		return ctl_usage(&ctl_cmd_label);
	}

	if (wo != NULL) {
		q.work_order = (char *)wo;
		rq.body_case = YOKE__REQUEST__BODY_UNITS;
		rq.units = &q;
		if ((rc = ctl_request(ctl, &rq, &rp)) != CTL_OK) {
			free(serials);
			return rc;
		}
		if (rp->units->n_units == 0) {
			fprintf(stderr, "yokectl: work order %s has no units\n", wo);
			rc = CTL_REFUSED;
			goto done;
		}
	}

	if (make_dirs(o.out) != 0) {
		fprintf(stderr, "yokectl: cannot create folder %s: %s\n", o.out, strerror(errno));
		rc = CTL_REFUSED;
		goto done;
	}
	if (o.json)
		printf("[");
	if (rp != NULL) {
		for (size_t i = 0; i < rp->units->n_units; i++) {
			const Yoke__QueueEntry *e = rp->units->units[i];
			struct label l = { .serial = e->serial, .product = e->product,
				.work_order = e->work_order, .due = e->due };
			if (one_label(&o, &l, &nprinted) != 0)
				failed++;
		}
	} else {
		for (int i = 0; i < nserials; i++) {
			struct label l = { .serial = serials[i] };
			if (one_label(&o, &l, &nprinted) != 0)
				failed++;
		}
	}
	if (o.json)
		printf("%s]\n", nprinted ? "\n" : "");
	if (failed)
		fprintf(stderr, "yokectl: %d label%s not made\n", failed, failed == 1 ? "" : "s");
	rc = failed ? CTL_REFUSED : CTL_OK;
done:
	if (rp != NULL)
		client_reply_free(rp);
	free(serials);
	return rc;
}
