/*
 * label.c — yokectl label: unit labels as QR code PNGs (any printer)
 * and ZPL files (Zebra printers), one of each per serial, in a folder.
 * `yokectl label commands` (sheet.c) prints the terminal's scan commands,
 * `yokectl label defects` (defect_sheet.c) the plant's defect codes.
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
 * not reach the line. Under --json the result is one array: a label that
 * could not be made is an entry with "error" and "status" instead of files.
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
extern const struct ctl_cmd ctl_cmd_label_commands, ctl_cmd_label_defects;

static const struct ctl_option options[] = {
	{ N_("--wo WORK_ORDER"), N_("a label for every unit of the work order, with product, work "
	    "order and due date (asks the server)") },
	{ N_("--out DIR"), N_("the folder for the files (default labels; made when missing)") },
	{ "--zpl", N_("also write DIR/<serial>.zpl for Zebra printers (203 dpi)") },
	{ "--size 2x1|4x2", N_("the label stock in inches, for ZPL (default 2x1)") },
	{ "--scale N", N_("pixels per QR module in the PNG, 1 to 64 (default 8)") },
	{ "--verify", N_("read every PNG back with a barcode reader and fail unless it gives the very "
	    "same serial") },
	{ "--json", N_("print JSON for scripts: one entry per label, with its files or its error") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "yokectl label --wo WO-1001 --out labels --zpl --verify", N_("QR PNG and ZPL for every "
	    "unit of WO-1001, each read back to check") },
	{ "yokectl label WO-1001-0007 --out reprint", N_("one label again, for a unit whose label was "
	    "damaged (no server needed)") },
	{ "yokectl label -- commands", N_("a label for a unit whose serial is \"commands\"") },
	{ NULL, NULL },
};

static const struct ctl_cmd *const label_subs[] = { &ctl_cmd_label_commands,
	&ctl_cmd_label_defects, NULL };

const struct ctl_cmd ctl_cmd_label = {
	.name = "label",
	.group = CTL_GROUP_LABELS,
	.usage = N_("(--wo WORK_ORDER | SERIAL...) [--out DIR] [--zpl] [--size 2x1|4x2] [--scale N] "
	    "[--verify] [--json]"),
	.summary = N_("write unit labels: a QR code PNG per serial and, with --zpl, ZPL for Zebra "
	    "printers"),
	.description = N_("Writes a label for each unit: DIR/<serial>.png, a QR code of the serial "
	    "for any printer, and with --zpl DIR/<serial>.zpl for a Zebra printer, which also "
	    "shows product, work order and due date. With --wo the server lists the work order's "
	    "units; serials given here need no server. A serial that cannot name a file safely "
	    "('/', control characters, bad UTF-8) is refused. yokectl label commands and yokectl "
	    "label defects print the sheets of the terminal's scan commands and of the defect codes "
	    "instead; a unit whose serial is \"commands\" or \"defects\" is written with yokectl "
	    "label -- commands (or -- defects)."),
	.options = options,
	.examples = examples,
	.subs = label_subs,
	.exec = label_exec,
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
		return _("it is empty");
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return _("it names a folder");
	if (n > SERIAL_MAX_FILE)
		return _("it is longer than 250 bytes");
	if (!utf8_valid(s, n))
		return _("it is not valid UTF-8");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '/')
			return _("it contains '/'");
		if (*p < 0x20 || *p == 0x7f)
			return _("it contains a control character");
	}
	return NULL;
}

int
ctl_make_dirs(const char *dir)
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
		snprintf(err, errsz, _("cannot write %s: %s"), path, strerror(errno));
		return -1;
	}
	if (fwrite(text, 1, n, f) != n || fflush(f) != 0 || ferror(f)) {
		snprintf(err, errsz, _("cannot write %s: %s"), path, strerror(errno));
		fclose(f);
		remove(path);
		return -1;
	}
	if (fclose(f) != 0) {
		snprintf(err, errsz, _("cannot write %s: %s"), path, strerror(errno));
		remove(path);
		return -1;
	}
	return 0;
}

/*
 * A label that could not be made: under --json an entry of the array, else
 * a line on stderr (the run goes on with the next label). Returns the exit
 * status the failure asks for.
 */
static int
label_failed(const struct label_opts *o, int *nprinted, const char *serial, const char *status,
    const char *msg)
{
	if (o->json) {
		printf("%s\n  {\"serial\":", *nprinted ? "," : "");
		json_string(stdout, serial);
		json_field(stdout, "error", msg);
		json_field(stdout, "status", status);
		printf("}");
		(*nprinted)++;
	} else {
		ctl_warn("%s", msg);
	}
	return ctl_exit_status(status);
}

/* The serial with control characters shown as \xNN, for a message. */
static char *
shown(const char *serial)
{
	size_t n = strlen(serial);
	char *out = xmalloc(4 * n + 1), *q = out;
	for (const unsigned char *p = (const unsigned char *)serial; *p; p++)
		q += sprintf(q, *p < 0x20 || *p == 0x7f ? "\\x%02x" : "%c", *p);
	*q = '\0';
	return out;
}

/*
 * Writes one unit's label files and prints its line (or JSON entry).
 * Returns CTL_OK, or the exit status of what went wrong (reported).
 */
static int
one_label(const struct label_opts *o, const struct label *l, int *nprinted)
{
	char err[512], *png, *zpl = NULL, *text, *read = NULL, *msg = NULL, *s;
	const char *why, *status = CTL_ST_IO;
	int rc = CTL_OK;

	if ((why = serial_unsafe(l->serial)) != NULL) {
		s = shown(l->serial);
		msg = xasprintf(_("serial \"%s\" cannot name a label file: %s"), s, why);
		free(s);
		rc = label_failed(o, nprinted, l->serial, CTL_ST_INVALID, msg);
		free(msg);
		return rc;
	}
	png = xasprintf("%s/%s.png", o->out, l->serial);
	if (label_qr_png(l->serial, o->scale, png, err, sizeof err) != 0) {
		msg = xasprintf(_("label %s: %s"), l->serial, err);
		goto out;
	}
	if (o->zpl) {
		zpl = xasprintf("%s/%s.zpl", o->out, l->serial);
		if ((text = label_zpl(l, o->media, err, sizeof err)) == NULL) {
			status = CTL_ST_INVALID;
			msg = xasprintf(_("label %s: %s"), l->serial, err);
			goto out;
		}
		if (write_text(zpl, text, err, sizeof err) != 0) {
			msg = xasprintf(_("label %s: %s"), l->serial, err);
			free(text);
			goto out;
		}
		free(text);
	}
	if (o->verify) {
		size_t cap = strlen(l->serial) + 64;
		int n;
		read = xmalloc(cap);
		status = CTL_ST_INVALID;
		n = label_decode_png(png, read, cap, err, sizeof err);
		if (n < 0)
			msg = xasprintf(_("verify %s: %s"), png, err);
		else if (n == 0)
			msg = xasprintf(_("verify %s: no QR code could be read"), png);
		else if (strcmp(read, l->serial) != 0)
			msg = xasprintf(_("verify %s: reads as \"%s\", expected \"%s\""), png, read,
			    l->serial);
		if (msg)
			goto out;
	}
	if (o->json) {
		printf("%s\n  {\"serial\":", *nprinted ? "," : "");
		json_string(stdout, l->serial);
		json_field(stdout, "png", png);
		if (zpl)
			json_field(stdout, "zpl", zpl);
		if (o->verify)
			printf(",\"verified\":true");
		printf("}");
	} else if (zpl) {
		printf("%s\t%s\n", png, zpl);
	} else {
		printf("%s\n", png);
	}
	(*nprinted)++;
out:
	if (msg)
		rc = label_failed(o, nprinted, l->serial, status, msg);
	free(msg);
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
	int nserials = 0, nprinted = 0, failed = 0, rc = CTL_OK, one;

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
				free(serials);
				return ctl_usage_why(&ctl_cmd_label, _("--scale expects pixels per module, 1 to "
				    "%d, not \"%s\""), LABEL_MAX_SCALE, argv[i]);
			}
		} else if (strcmp(a, "--size") == 0 && more) {
			const char *sz = argv[++i];
			if (strcmp(sz, "2x1") == 0)
				o.media = LABEL_2X1;
			else if (strcmp(sz, "4x2") == 0)
				o.media = LABEL_4X2;
			else {
				free(serials);
				return ctl_usage_why(&ctl_cmd_label, _("--size expects 2x1 or 4x2 (inches), "
				    "not \"%s\""), sz);
			}
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				serials[nserials++] = argv[i];
		} else if (a[0] == '-') {
			free(serials);
			if (!more && (strcmp(a, "--wo") == 0 || strcmp(a, "--out") == 0 ||
			    strcmp(a, "--scale") == 0 || strcmp(a, "--size") == 0))
				return ctl_usage_why(&ctl_cmd_label, _("%s needs a value"), a);
			return ctl_usage_why(&ctl_cmd_label, _("unknown option %s"), a);
		} else {
			serials[nserials++] = argv[i];
		}
	}
	if ((wo == NULL) == (nserials == 0) || (wo != NULL && wo[0] == '\0') || o.out[0] == '\0') {
		free(serials);
		return ctl_usage_why(&ctl_cmd_label, _("give either --wo WORK_ORDER or serials"));
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
			rc = ctl_fail(CTL_ST_REFUSED, _("work order %s has no units"), wo);
			goto done;
		}
	}

	if (ctl_make_dirs(o.out) != 0) {
		rc = ctl_fail(CTL_ST_IO, _("cannot create the folder %s: %s"), o.out, strerror(errno));
		goto done;
	}
	if (o.json)
		printf("[");
	if (rp != NULL) {
		for (size_t i = 0; i < rp->units->n_units; i++) {
			const Yoke__QueueEntry *e = rp->units->units[i];
			struct label l = { .serial = e->serial, .product = e->product,
				.work_order = e->work_order, .due = e->due };
			if ((one = one_label(&o, &l, &nprinted)) != CTL_OK && failed++ == 0)
				rc = one;
		}
	} else {
		for (int i = 0; i < nserials; i++) {
			struct label l = { .serial = serials[i] };
			if ((one = one_label(&o, &l, &nprinted)) != CTL_OK && failed++ == 0)
				rc = one;
		}
	}
	if (o.json)
		printf("%s]\n", nprinted ? "\n" : "");
	else if (failed)
		ctl_warn(P_("%d label not made", "%d labels not made", failed), failed);
	if (!failed)
		rc = CTL_OK;
done:
	if (rp != NULL)
		client_reply_free(rp);
	free(serials);
	return rc;
}
