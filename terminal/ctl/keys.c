/*
 * ctl-keys.c — yokectl keys: the server's key pair and the allowlist of
 * devices, kept as files in yoked's key directory (server/auth.h has the
 * layout). Run on the server machine by an admin; yoked rereads the
 * allowlist within a second, so enrolment and revocation need no restart.
 *
 *   yokectl keys init [--keys DIR]
 *   yokectl keys enrol ID [--station S]... [--server ENDPOINT] [--out FILE] [--keys DIR]
 *   yokectl keys list [--keys DIR] [--json]
 *   yokectl keys revoke ID [--keys DIR]
 *
 * DIR defaults to $YOKE_KEYS, else var/keys (yoked's default with --data var).
 */
#include "terminal/ctl/ctl.h"
#include "proto/curve.h"
#include "shared/cert.h"
#include "shared/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int keys_exec(struct ctl *ctl, int argc, char **argv);

const struct ctl_cmd ctl_cmd_keys = {
	"keys", "init | enrol ID [--station S]... [--server EP] [--out FILE] | list [--json] | "
	    "revoke ID   [--keys DIR]",
	"on the server machine: create yoked's keys, enrol a terminal or yokectl (writes its "
	    "certificate), list, revoke",
	keys_exec,
};

struct keys_args {
	const char *dir, *id, *server, *out;
	const char *stations[CERT_STATIONS_MAX + 1];
	int nstations;
	bool json;
};

static void
utc_now(char *buf, size_t size)
{
	format_time_us(now_us(), buf, size);
	strlcpy_yk(buf + strlen(buf), " UTC", size - strlen(buf));
}

/* mkdir -p, the last level private. */
static bool
make_dir(const char *path)
{
	char tmp[1200];
	strlcpy_yk(tmp, path, sizeof tmp);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0750) != 0 && errno != EEXIST) {
			fprintf(stderr, "yokectl: cannot create %s: %s\n", tmp, strerror(errno));
			return false;
		}
		*p = '/';
	}
	if (mkdir(tmp, 0700) == 0 || errno == EEXIST)
		return true;
	fprintf(stderr, "yokectl: cannot create %s: %s\n", path, strerror(errno));
	return false;
}

static int
keys_init(const struct keys_args *k)
{
	char path[1200], err[400];
	struct cert c;

	memset(&c, 0, sizeof c);
	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "yokectl: %s exists already: the server keeps its key pair (starting over "
		    "means enrolling every device again)\n", path);
		return CTL_REFUSED;
	}
	if (!curve_available()) {
		fprintf(stderr, "yokectl: this libzmq has no CURVE (built without libsodium)\n");
		return CTL_REFUSED;
	}
	if (!make_dir(k->dir))
		return CTL_REFUSED;
	snprintf(path, sizeof path, "%s/terminals", k->dir);
	if (!make_dir(path))
		return CTL_REFUSED;
	snprintf(path, sizeof path, "%s/revoked", k->dir);
	if (!make_dir(path))
		return CTL_REFUSED;
	if (!curve_keypair(&c)) {
		fprintf(stderr, "yokectl: cannot make a key pair\n");
		return CTL_REFUSED;
	}
	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (!cert_write(path, CERT_SERVER, &c, false, err, sizeof err)) {
		fprintf(stderr, "yokectl: %s\n", err);
		return CTL_REFUSED;
	}
	printf("Server key pair written to %s (keep it secret; back it up with the store).\n"
	    "Server public key: %s\n"
	    "Next: enrol each station terminal and each yokectl installation:\n"
	    "  yokectl keys enrol SMT-1 --station SMT-1 --keys %s\n", path, c.public_key, k->dir);
	return CTL_OK;
}

static int
keys_enrol(const struct keys_args *k)
{
	char path[1200], out[1200], err[400];
	struct cert server, c;

	if (!cert_id_ok(k->id)) {
		fprintf(stderr, "yokectl: expected a terminal id (1-%d printable characters without spaces, "
		    "'/' or '\"', not starting with '.'), got \"%s\"\n", CERT_ID_MAX, k->id);
		return CTL_USAGE;
	}
	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (!cert_read(path, CERT_SERVER, &server, err, sizeof err)) {
		fprintf(stderr, "yokectl: %s (create the server keys once with `yokectl keys init "
		    "--keys %s`)\n", err, k->dir);
		return CTL_REFUSED;
	}
	snprintf(path, sizeof path, "%s/terminals/%s.pub", k->dir, k->id);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "yokectl: terminal %s is enrolled already (%s): revoke it first to give it "
		    "a new key\n", k->id, path);
		return CTL_REFUSED;
	}
	memset(&c, 0, sizeof c);
	strlcpy_yk(c.terminal, k->id, sizeof c.terminal);
	for (int i = 0; i < k->nstations; i++) {
		struct cert one;
		memset(&one, 0, sizeof one);
		if (!cert_set_stations(&one, k->stations[i], err, sizeof err)) {
			fprintf(stderr, "yokectl: --station: %s\n", err);
			return CTL_USAGE;
		}
		for (int s = 0; s < one.nstations; s++) {
			if (cert_has_station(&c, one.stations[s]))
				continue;
			if (c.nstations == CERT_STATIONS_MAX) {
				fprintf(stderr, "yokectl: at most %d stations per terminal\n", CERT_STATIONS_MAX);
				return CTL_USAGE;
			}
			memcpy(c.stations[c.nstations++], one.stations[s], sizeof one.stations[s]);
		}
	}
	if (k->server)
		strlcpy_yk(c.server, k->server, sizeof c.server);
	memcpy(c.server_key, server.public_key, sizeof c.server_key);
	utc_now(c.enrolled, sizeof c.enrolled);
	if (!curve_keypair(&c)) {
		fprintf(stderr, "yokectl: cannot make a key pair\n");
		return CTL_REFUSED;
	}
	if (k->out)
		strlcpy_yk(out, k->out, sizeof out);
	else
		snprintf(out, sizeof out, "%s.cert", k->id);
	/* The device's certificate first: the allowlist never names a key whose
	 * secret half was not saved. */
	if (!cert_write(out, CERT_DEVICE, &c, false, err, sizeof err) ||
	    !cert_write(path, CERT_ALLOWED, &c, false, err, sizeof err)) {
		fprintf(stderr, "yokectl: %s\n", err);
		return CTL_REFUSED;
	}
	if (c.nstations)
		printf("Enrolled terminal %s for station%s", c.terminal, c.nstations > 1 ? "s" : "");
	else
		printf("Enrolled %s (no station: a yokectl installation)", c.terminal);
	for (int i = 0; i < c.nstations; i++)
		printf(" %s", c.stations[i]);
	printf(".\nIts certificate is %s (SECRET): copy it to that device only, then run\n"
	    "  %s --cert %s\n", out, c.nstations ? "yoke" : "yokectl", out);
	return CTL_OK;
}

struct listed {
	struct cert c;
	bool revoked;
};

static int
listed_cmp(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	int c = strcmp(x->c.terminal, y->c.terminal);
	return c ? c : (int)x->revoked - (int)y->revoked;
}

static void
read_dir(const char *dir, bool revoked, struct listed **items, size_t *n, size_t *cap)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[1400], err[400];
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".pub") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 32;
			*items = xrealloc(*items, *cap * sizeof **items);
		}
		if (!cert_read(path, CERT_ALLOWED, &(*items)[*n].c, err, sizeof err)) {
			fprintf(stderr, "yokectl: %s (skipped)\n", err);
			continue;
		}
		(*items)[(*n)++].revoked = revoked;
	}
	closedir(d);
}

static int
keys_list(const struct keys_args *k)
{
	char path[1200], stations[CERT_STATIONS_MAX * (CERT_ID_MAX + 1) + 1];
	struct listed *items = NULL;
	size_t n = 0, cap = 0;

	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (access(path, F_OK) != 0) {
		fprintf(stderr, "yokectl: no server keys in %s (create them with `yokectl keys init`)\n",
		    k->dir);
		return CTL_REFUSED;
	}
	snprintf(path, sizeof path, "%s/terminals", k->dir);
	read_dir(path, false, &items, &n, &cap);
	snprintf(path, sizeof path, "%s/revoked", k->dir);
	read_dir(path, true, &items, &n, &cap);
	if (n)
		qsort(items, n, sizeof *items, listed_cmp);
	if (k->json)
		printf("[");
	else
		printf("%-20s %-9s %-24s %-24s %s\n", "TERMINAL", "STATUS", "STATIONS", "ENROLLED",
		    "PUBLIC KEY");
	for (size_t i = 0; i < n; i++) {
		const struct cert *c = &items[i].c;
		cert_stations_text(c, stations, sizeof stations);
		if (k->json) {
			printf("%s{\"terminal\":", i ? "," : "");
			json_string(stdout, c->terminal);
			json_field(stdout, "status", items[i].revoked ? "revoked" : "enrolled");
			json_field(stdout, "stations", stations);
			json_field(stdout, "enrolled", c->enrolled);
			json_field(stdout, "revoked", c->revoked);
			json_field(stdout, "public_key", c->public_key);
			printf("}");
		} else {
			printf("%-20s %-9s %-24s %-24s %s\n", c->terminal, items[i].revoked ? "revoked" :
			    "enrolled", stations[0] ? stations : "(yokectl)", c->enrolled, c->public_key);
		}
	}
	if (k->json)
		printf("]\n");
	free(items);
	return CTL_OK;
}

static int
keys_revoke(const struct keys_args *k)
{
	char path[1200], dest[1300], err[400], stamp[32];
	struct cert c;
	time_t t = time(NULL);
	struct tm tm;

	if (!cert_id_ok(k->id)) {
		fprintf(stderr, "yokectl: expected a terminal id, got \"%s\"\n", k->id);
		return CTL_USAGE;
	}
	snprintf(path, sizeof path, "%s/terminals/%s.pub", k->dir, k->id);
	if (!cert_read(path, CERT_ALLOWED, &c, err, sizeof err)) {
		fprintf(stderr, "yokectl: terminal %s is not enrolled in %s (%s)\n", k->id, k->dir, err);
		return CTL_REFUSED;
	}
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	utc_now(c.revoked, sizeof c.revoked);
	snprintf(dest, sizeof dest, "%s/revoked/%s-%s.pub", k->dir, k->id, stamp);
	snprintf(err, sizeof err, "%s/revoked", k->dir);
	if (!make_dir(err))
		return CTL_REFUSED;
	if (!cert_write(dest, CERT_ALLOWED, &c, false, err, sizeof err)) {
		fprintf(stderr, "yokectl: %s\n", err);
		return CTL_REFUSED;
	}
	if (unlink(path) != 0) {
		fprintf(stderr, "yokectl: cannot remove %s: %s\n", path, strerror(errno));
		return CTL_REFUSED;
	}
	printf("Revoked terminal %s: yoked refuses its key from now on (within a second, no restart).\n"
	    "The record is kept in %s.\n", k->id, dest);
	return CTL_OK;
}

static int
keys_exec(struct ctl *ctl, int argc, char **argv)
{
	struct keys_args k = { 0 };
	const char *verb;
	(void)ctl;

	if (argc < 2)
		return ctl_usage(&ctl_cmd_keys);
	verb = argv[1];
	k.dir = getenv("YOKE_KEYS");
	if (str_empty(k.dir))
		k.dir = "var/keys";
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--json") == 0) {
			k.json = true;
			continue;
		}
		if (a[0] != '-') {
			if (k.id)
				return ctl_usage(&ctl_cmd_keys);
			k.id = a;
			continue;
		}
		if (v == NULL)
			return ctl_usage(&ctl_cmd_keys);
		if (strcmp(a, "--keys") == 0)
			k.dir = v;
		else if (strcmp(a, "--server") == 0)
			k.server = v;
		else if (strcmp(a, "--out") == 0)
			k.out = v;
		else if (strcmp(a, "--station") == 0 && k.nstations < CERT_STATIONS_MAX)
			k.stations[k.nstations++] = v;
		else
			return ctl_usage(&ctl_cmd_keys);
		i++;
	}
	if (strcmp(verb, "init") == 0 && !k.id)
		return keys_init(&k);
	if ((strcmp(verb, "enrol") == 0 || strcmp(verb, "enroll") == 0) && k.id)
		return keys_enrol(&k);
	if (strcmp(verb, "list") == 0 && !k.id)
		return keys_list(&k);
	if (strcmp(verb, "revoke") == 0 && k.id)
		return keys_revoke(&k);
	return ctl_usage(&ctl_cmd_keys);
}
