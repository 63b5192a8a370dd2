/*
 * keys.c — yokectl keys: the server's key pair and the allowlist of
 * devices, kept as files in yoked's key directory (server/auth.h has the
 * layout). Run on the server machine by an admin; yoked rereads the
 * allowlist within a second, so enrolment and revocation need no restart.
 *
 *   yokectl keys init [--keys DIR] [--json]
 *   yokectl keys enrol ID [--station S]... [--server ENDPOINT] [--out FILE] [--keys DIR] [--json]
 *   yokectl keys list [--keys DIR] [--json]
 *   yokectl keys revoke ID [--keys DIR] [--json]
 *
 * DIR defaults to $YOKE_KEYS, else var/keys (yoked's default with --data var).
 */
#include "terminal/ctl/ctl.h"
#include "terminal/ctl/table.h"
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

extern const struct ctl_cmd ctl_cmd_keys;
static int init_exec(struct ctl *ctl, int argc, char **argv);
static int enrol_exec(struct ctl *ctl, int argc, char **argv);
static int list_exec(struct ctl *ctl, int argc, char **argv);
static int revoke_exec(struct ctl *ctl, int argc, char **argv);

#define KEYS_OPTION { N_("--keys DIR"), N_("yoked's key folder (default $YOKE_KEYS, else var/keys)") }
#define JSON_OPTION { "--json", N_("print JSON for scripts") }

static const struct ctl_option init_options[] = { KEYS_OPTION, JSON_OPTION, { NULL, NULL } };
static const struct ctl_option enrol_options[] = {
	{ "--station S", N_("a station this terminal may act as (again for more, or S1,S2; * for "
	    "any: a roaming terminal). Without --station: a yokectl installation") },
	{ N_("--server ENDPOINT"), N_("the server address written into the certificate, e.g. "
	    "tcp://mes.plant:7700") },
	{ N_("--out FILE"), N_("where the certificate goes (default ID.cert)") },
	KEYS_OPTION, JSON_OPTION, { NULL, NULL },
};
static const struct ctl_option list_options[] = { KEYS_OPTION, JSON_OPTION, { NULL, NULL } };
static const struct ctl_option revoke_options[] = { KEYS_OPTION, JSON_OPTION, { NULL, NULL } };

static const struct ctl_example init_examples[] = {
	{ "yokectl keys init --keys var/keys", N_("once, before yoked first starts with --data var") },
	{ NULL, NULL },
};
static const struct ctl_example enrol_examples[] = {
	{ "yokectl keys enrol SMT-1 --station SMT-1 --server tcp://mes.plant:7700 --out SMT-1.cert",
	    N_("the station terminal of SMT-1: copy SMT-1.cert to it and run yoke --cert SMT-1.cert") },
	{ "yokectl keys enrol eng-pc-1 --server tcp://mes.plant:7700", N_("an engineer's PC: "
	    "eng-pc-1.cert, used with yokectl --cert or $YOKE_CERT") },
	{ NULL, NULL },
};
static const struct ctl_example list_examples[] = {
	{ "yokectl keys list", N_("who is enrolled and who was revoked, and when") },
	{ NULL, NULL },
};
static const struct ctl_example revoke_examples[] = {
	{ "yokectl keys revoke SMT-1", N_("a lost or replaced terminal: yoked refuses its key within "
	    "a second") },
	{ NULL, NULL },
};

static const struct ctl_cmd cmd_init = {
	.name = "init",
	.parent = &ctl_cmd_keys,
	.group = CTL_GROUP_KEYS,
	.usage = N_("[--keys DIR] [--json]"),
	.summary = N_("create yoked's key pair (once)"),
	.description = N_("Creates yoked's CURVE key pair in the key folder, and the folders for "
	    "enrolled and revoked devices. Done once: a new key pair means enrolling every device "
	    "again, so an existing one is never replaced. Keep server.key secret and back it up "
	    "with the store."),
	.options = init_options,
	.examples = init_examples,
	.exec = init_exec,
};

static const struct ctl_cmd cmd_enrol = {
	.name = "enrol",
	.alias = "enroll",
	.parent = &ctl_cmd_keys,
	.group = CTL_GROUP_KEYS,
	.usage = N_("ID [--station S]... [--server ENDPOINT] [--out FILE] [--keys DIR] [--json]"),
	.summary = N_("enrol a station terminal or a yokectl installation: writes its certificate"),
	.description = N_("Makes a key pair for a device, writes its certificate (its secret key, "
	    "its stations, the server's address and public key) and puts its public key on yoked's "
	    "allowlist. The certificate is secret: copy it to that device only. yoked admits the "
	    "device within a second, without a restart."),
	.options = enrol_options,
	.examples = enrol_examples,
	.exec = enrol_exec,
};

static const struct ctl_cmd cmd_list = {
	.name = "list",
	.parent = &ctl_cmd_keys,
	.group = CTL_GROUP_KEYS,
	.usage = N_("[--keys DIR] [--json]"),
	.summary = N_("list the enrolled and revoked devices"),
	.description = N_("Lists every device on yoked's allowlist and every revoked one: its id, "
	    "its stations, when it was enrolled, and its public key."),
	.options = list_options,
	.examples = list_examples,
	.exec = list_exec,
};

static const struct ctl_cmd cmd_revoke = {
	.name = "revoke",
	.parent = &ctl_cmd_keys,
	.group = CTL_GROUP_KEYS,
	.usage = N_("ID [--keys DIR] [--json]"),
	.summary = N_("revoke a device: yoked refuses its key from then on"),
	.description = N_("Takes a device's key off yoked's allowlist and keeps the record among the "
	    "revoked ones. yoked refuses the key within a second, without a restart; enrol the "
	    "device again to give it a new key."),
	.options = revoke_options,
	.examples = revoke_examples,
	.exec = revoke_exec,
};

static const struct ctl_cmd *const keys_subs[] = { &cmd_init, &cmd_enrol, &cmd_list,
	&cmd_revoke, NULL };

const struct ctl_cmd ctl_cmd_keys = {
	.name = "keys",
	.group = CTL_GROUP_KEYS,
	.usage = N_("init | enrol ID | list | revoke ID   [--keys DIR] [OPTIONS]"),
	.summary = N_("on the server machine: yoked's keys and the devices it admits"),
	.description = N_("Run by an admin on the server machine: creates yoked's key pair, enrols "
	    "station terminals and yokectl installations (each gets its own certificate), lists "
	    "them and revokes them. The changes are files in yoked's key folder."),
	.subs = keys_subs,
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

/* mkdir -p, the last level private. False after reporting why (exit CTL_LOCAL). */
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
			ctl_fail(CTL_ST_IO, _("cannot create %s: %s"), tmp, strerror(errno));
			return false;
		}
		*p = '/';
	}
	if (mkdir(tmp, 0700) == 0 || errno == EEXIST)
		return true;
	ctl_fail(CTL_ST_IO, _("cannot create %s: %s"), path, strerror(errno));
	return false;
}

static int
keys_init(const struct keys_args *k)
{
	char path[1200], err[400];
	struct cert c;

	memset(&c, 0, sizeof c);
	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (access(path, F_OK) == 0)
		return ctl_fail(CTL_ST_REFUSED, _("%s exists already: the server keeps its key pair "
		    "(starting over means enrolling every device again)"), path);
	if (!curve_available())
		return ctl_fail(CTL_ST_LOCAL, _("this libzmq has no CURVE (it was built without "
		    "libsodium)"));
	if (!make_dir(k->dir))
		return CTL_LOCAL;
	snprintf(path, sizeof path, "%s/terminals", k->dir);
	if (!make_dir(path))
		return CTL_LOCAL;
	snprintf(path, sizeof path, "%s/revoked", k->dir);
	if (!make_dir(path))
		return CTL_LOCAL;
	if (!curve_keypair(&c))
		return ctl_fail(CTL_ST_LOCAL, _("cannot make a key pair"));
	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (!cert_write(path, CERT_SERVER, &c, false, err, sizeof err))
		return ctl_fail(CTL_ST_IO, "%s", err);
	if (k->json) {
		printf("{\"server_key\":");
		json_string(stdout, path);
		json_field(stdout, "public_key", c.public_key);
		printf("}\n");
		return CTL_OK;
	}
	printf(_("Server key pair written to %s (keep it secret; back it up with the store).\n"
	    "Server public key: %s\n"
	    "Next: enrol each station terminal and each yokectl installation:\n"
	    "  yokectl keys enrol SMT-1 --station SMT-1 --keys %s\n"), path, c.public_key, k->dir);
	return CTL_OK;
}

static int
keys_enrol(const struct keys_args *k)
{
	char path[1200], out[1200], err[400];
	struct cert server, c;

	if (!cert_id_ok(k->id))
		return ctl_usage_why(&cmd_enrol, _("expected a device id (1 to %d printable characters "
		    "without spaces, '/' or '\"', not starting with '.'), got \"%s\""), CERT_ID_MAX, k->id);
	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (!cert_read(path, CERT_SERVER, &server, err, sizeof err))
		return ctl_fail(CTL_ST_IO, _("%s (create the server keys once with yokectl keys init "
		    "--keys %s)"), err, k->dir);
	snprintf(path, sizeof path, "%s/terminals/%s.pub", k->dir, k->id);
	if (access(path, F_OK) == 0)
		return ctl_fail(CTL_ST_REFUSED, _("%s is enrolled already (%s): revoke it first to give "
		    "it a new key"), k->id, path);
	memset(&c, 0, sizeof c);
	strlcpy_yk(c.terminal, k->id, sizeof c.terminal);
	for (int i = 0; i < k->nstations; i++) {
		struct cert one;
		memset(&one, 0, sizeof one);
		if (!cert_set_stations(&one, k->stations[i], err, sizeof err))
			return ctl_usage_why(&cmd_enrol, _("--station: %s"), err);
		for (int s = 0; s < one.nstations; s++) {
			if (cert_has_station(&c, one.stations[s]))
				continue;
			if (c.nstations == CERT_STATIONS_MAX)
				return ctl_usage_why(&cmd_enrol, _("at most %d stations per terminal"),
				    CERT_STATIONS_MAX);
			memcpy(c.stations[c.nstations++], one.stations[s], sizeof one.stations[s]);
		}
	}
	if (k->server)
		strlcpy_yk(c.server, k->server, sizeof c.server);
	memcpy(c.server_key, server.public_key, sizeof c.server_key);
	utc_now(c.enrolled, sizeof c.enrolled);
	if (!curve_keypair(&c))
		return ctl_fail(CTL_ST_LOCAL, _("cannot make a key pair"));
	if (k->out)
		strlcpy_yk(out, k->out, sizeof out);
	else
		snprintf(out, sizeof out, "%s.cert", k->id);
	/* The device's certificate first: the allowlist never names a key whose
	 * secret half was not saved. */
	if (!cert_write(out, CERT_DEVICE, &c, false, err, sizeof err) ||
	    !cert_write(path, CERT_ALLOWED, &c, false, err, sizeof err))
		return ctl_fail(CTL_ST_IO, "%s", err);
	if (k->json) {
		printf("{\"terminal\":");
		json_string(stdout, c.terminal);
		json_field(stdout, "certificate", out);
		printf(",\"stations\":[");
		for (int i = 0; i < c.nstations; i++) {
			if (i)
				putchar(',');
			json_string(stdout, c.stations[i]);
		}
		printf("]");
		json_field(stdout, "public_key", c.public_key);
		printf("}\n");
		return CTL_OK;
	}
	if (c.nstations) {
		char stations[CERT_STATIONS_MAX * (CERT_ID_MAX + 1) + 1];
		cert_stations_text(&c, stations, sizeof stations);
		printf(P_("Enrolled terminal %s for station %s.\n", "Enrolled terminal %s for stations "
		    "%s.\n", c.nstations), c.terminal, stations);
		printf(_("Its certificate is %s (SECRET): copy it to that terminal only, then run\n"
		    "  yoke --cert %s\n"), out, out);
	} else {
		printf(_("Enrolled %s (no station: a yokectl installation).\n"), c.terminal);
		printf(_("Its certificate is %s (SECRET): copy it to that computer only, then run\n"
		    "  yokectl --cert %s\n"), out, out);
	}
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
			ctl_warn(_("%s (skipped)"), err);
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
	struct table *t;
	size_t n = 0, cap = 0;

	snprintf(path, sizeof path, "%s/server.key", k->dir);
	if (access(path, F_OK) != 0)
		return ctl_fail(CTL_ST_IO, _("no server keys in %s (create them with yokectl keys "
		    "init)"), k->dir);
	snprintf(path, sizeof path, "%s/terminals", k->dir);
	read_dir(path, false, &items, &n, &cap);
	snprintf(path, sizeof path, "%s/revoked", k->dir);
	read_dir(path, true, &items, &n, &cap);
	if (n)
		qsort(items, n, sizeof *items, listed_cmp);
	if (k->json) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			const struct cert *c = &items[i].c;
			cert_stations_text(c, stations, sizeof stations);
			printf("%s{\"terminal\":", i ? "," : "");
			json_string(stdout, c->terminal);
			json_field(stdout, "status", items[i].revoked ? "revoked" : "enrolled");
			json_field(stdout, "stations", stations);
			json_field(stdout, "enrolled", c->enrolled);
			json_field(stdout, "revoked", c->revoked);
			json_field(stdout, "public_key", c->public_key);
			printf("}");
		}
		printf("]\n");
		free(items);
		return CTL_OK;
	}
	t = table_new(5);
	table_column(t, 0, _("TERMINAL"), 0);
	table_column(t, 1, _("STATUS"), 0);
	table_column(t, 2, _("STATIONS"), 32);
	table_column(t, 3, _("ENROLLED"), 0);
	table_column(t, 4, _("PUBLIC KEY"), 0);
	for (size_t i = 0; i < n; i++) {
		const struct cert *c = &items[i].c;
		cert_stations_text(c, stations, sizeof stations);
		table_row(t, (const char *const[]){ c->terminal, items[i].revoked ? _("revoked") :
		    _("enrolled"), stations[0] ? stations : _("(yokectl)"), c->enrolled,
		    c->public_key });
	}
	table_print(t, stdout);
	table_free(t);
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

	if (!cert_id_ok(k->id))
		return ctl_usage_why(&cmd_revoke, _("expected a device id, got \"%s\""), k->id);
	snprintf(path, sizeof path, "%s/terminals/%s.pub", k->dir, k->id);
	if (!cert_read(path, CERT_ALLOWED, &c, err, sizeof err))
		return ctl_fail(CTL_ST_REFUSED, _("%s is not enrolled in %s (%s)"), k->id, k->dir, err);
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	utc_now(c.revoked, sizeof c.revoked);
	snprintf(dest, sizeof dest, "%s/revoked/%s-%s.pub", k->dir, k->id, stamp);
	snprintf(err, sizeof err, "%s/revoked", k->dir);
	if (!make_dir(err))
		return CTL_LOCAL;
	if (!cert_write(dest, CERT_ALLOWED, &c, false, err, sizeof err))
		return ctl_fail(CTL_ST_IO, "%s", err);
	if (unlink(path) != 0)
		return ctl_fail(CTL_ST_IO, _("cannot remove %s: %s"), path, strerror(errno));
	if (k->json) {
		printf("{\"terminal\":");
		json_string(stdout, k->id);
		json_field(stdout, "record", dest);
		printf("}\n");
		return CTL_OK;
	}
	printf(_("Revoked %s: yoked refuses its key from now on (within a second, no restart).\n"
	    "The record is kept in %s.\n"), k->id, dest);
	return CTL_OK;
}

/* The options every keys command shares; which of them a command takes is
 * checked by its exec. CTL_OK, or the exit status of a usage error. */
static int
parse(const struct ctl_cmd *cmd, int argc, char **argv, struct keys_args *k)
{
	memset(k, 0, sizeof *k);
	k->dir = getenv("YOKE_KEYS");
	if (str_empty(k->dir))
		k->dir = "var/keys";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--json") == 0) {
			k->json = true;
			continue;
		}
		if (a[0] != '-') {
			if (k->id)
				return ctl_usage_why(cmd, _("one device at a time, got %s and %s"), k->id, a);
			k->id = a;
			continue;
		}
		if (strcmp(a, "--keys") != 0 && (cmd != &cmd_enrol || (strcmp(a, "--server") != 0 &&
		    strcmp(a, "--out") != 0 && strcmp(a, "--station") != 0)))
			return ctl_usage_why(cmd, _("unknown option %s"), a);
		if (v == NULL)
			return ctl_usage_why(cmd, _("%s needs a value"), a);
		if (strcmp(a, "--keys") == 0)
			k->dir = v;
		else if (strcmp(a, "--server") == 0)
			k->server = v;
		else if (strcmp(a, "--out") == 0)
			k->out = v;
		else if (k->nstations < CERT_STATIONS_MAX)
			k->stations[k->nstations++] = v;
		else
			return ctl_usage_why(cmd, _("at most %d stations per terminal"), CERT_STATIONS_MAX);
		i++;
	}
	bool wants_id = cmd == &cmd_enrol || cmd == &cmd_revoke;
	if (wants_id && k->id == NULL)
		return ctl_usage_why(cmd, _("which device? Give its id"));
	if (!wants_id && k->id != NULL)
		return ctl_usage_why(cmd, _("unexpected argument %s"), k->id);
	return CTL_OK;
}

static int
init_exec(struct ctl *ctl, int argc, char **argv)
{
	struct keys_args k;
	int rc;
	(void)ctl;
	return (rc = parse(&cmd_init, argc, argv, &k)) != CTL_OK ? rc : keys_init(&k);
}

static int
enrol_exec(struct ctl *ctl, int argc, char **argv)
{
	struct keys_args k;
	int rc;
	(void)ctl;
	return (rc = parse(&cmd_enrol, argc, argv, &k)) != CTL_OK ? rc : keys_enrol(&k);
}

static int
list_exec(struct ctl *ctl, int argc, char **argv)
{
	struct keys_args k;
	int rc;
	(void)ctl;
	return (rc = parse(&cmd_list, argc, argv, &k)) != CTL_OK ? rc : keys_list(&k);
}

static int
revoke_exec(struct ctl *ctl, int argc, char **argv)
{
	struct keys_args k;
	int rc;
	(void)ctl;
	return (rc = parse(&cmd_revoke, argc, argv, &k)) != CTL_OK ? rc : keys_revoke(&k);
}
