/* auth.c — see auth.h. No ZeroMQ here: keys are Z85 text. */
#include "server/net/auth.h"
#include "shared/log.h"
#include "shared/util.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REFUSED_LOG_SLOTS 64     /* recently refused keys, to log each once a minute */
#define REFUSED_LOG_MS 60000
#define FULL_RELOAD_MS 30000     /* reread even when the directory looks unchanged */
#define UNKNOWN_RELOAD_MS 200    /* an unknown key rereads at most this often: a device
                                  * enrolled a moment ago is admitted at once, and a
                                  * stranger retrying costs at most 5 reads a second */

struct device {
	struct cert cert;
	uint64_t generation;      /* newest admitted handshake on the request socket */
	int64_t blocked_until;    /* mono ms; 0 when not blocked */
};

struct refused {
	char key[CERT_KEY_LEN + 1];
	int64_t logged_ms;
};

struct auth {
	pthread_mutex_t mu;
	bool plain;
	char *dir;                /* keys directory */
	struct cert server;
	struct device *devices;   /* sorted by terminal id */
	size_t ndevices;
	struct timespec seen_mtime, seen_ctime;
	int64_t loaded_ms;
	bool read_failed;         /* the last read of terminals/ failed */
	int connections, connections_max;
	int64_t cap_logged_ms;
	struct refused refused[REFUSED_LOG_SLOTS];
	unsigned refused_next;
};

static int
device_cmp(const void *a, const void *b)
{
	return strcmp(((const struct device *)a)->cert.terminal, ((const struct device *)b)->cert.terminal);
}

static struct device *
find_terminal(struct device *devs, size_t n, const char *terminal)
{
	struct device key;
	if (n == 0)
		return NULL;
	strlcpy_yk(key.cert.terminal, terminal, sizeof key.cert.terminal);
	return bsearch(&key, devs, n, sizeof *devs, device_cmp);
}

static struct device *
find_key(struct auth *au, const char *z85)
{
	/* A linear walk: a plant enrols hundreds of devices, and a handshake
	 * costs far more than this comparison of 40 bytes each. */
	for (size_t i = 0; i < au->ndevices; i++)
		if (strcmp(au->devices[i].cert.public_key, z85) == 0)
			return &au->devices[i];
	return NULL;
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls > lx && strcmp(s + ls - lx, suffix) == 0;
}

/* Reads terminals/ into a new sorted array. Files that are wrong are
 * logged and skipped: one bad file must not lock every station out. */
static struct device *
read_allowlist(const char *dir, size_t *n_out, bool *failed)
{
	char path[1200];
	DIR *d;
	struct dirent *e;
	struct device *devs = NULL;
	size_t n = 0, cap = 0;

	snprintf(path, sizeof path, "%s/terminals", dir);
	*failed = false;
	d = opendir(path);
	if (d == NULL) {
		if (errno != ENOENT) {
			log_error("keys: cannot read %s: %s", path, strerror(errno));
			*failed = true;
		}
		*n_out = 0;
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		char file[1600], err[400];
		struct cert c;
		if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".pub"))
			continue;
		snprintf(file, sizeof file, "%s/%s", path, e->d_name);
		if (!cert_read(file, CERT_ALLOWED, &c, err, sizeof err)) {
			log_error("keys: %s; that device is not admitted", err);
			continue;
		}
		if (strlen(e->d_name) != strlen(c.terminal) + 4 ||
		    strncmp(e->d_name, c.terminal, strlen(c.terminal)) != 0) {
			log_error("keys: %s: names terminal %s; expected the file %s.pub; that device is "
			    "not admitted", file, c.terminal, c.terminal);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			devs = xrealloc(devs, cap * sizeof *devs);
		}
		memset(&devs[n], 0, sizeof devs[n]);
		devs[n++].cert = c;
	}
	closedir(d);
	if (n)
		qsort(devs, n, sizeof *devs, device_cmp);
	/* One key must name one terminal: a copied key file is refused for both. */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (devs[i].cert.public_key[0] &&
			    strcmp(devs[i].cert.public_key, devs[k].cert.public_key) == 0) {
				log_error("keys: terminals %s and %s have the same public key; neither is "
				    "admitted until one is revoked", devs[i].cert.terminal, devs[k].cert.terminal);
				devs[k].cert.public_key[0] = '\0';
				devs[i].blocked_until = INT64_MAX;
			}
	*n_out = n;
	return devs;
}

struct auth *
auth_new(const char *keys_dir, int connections_max, char *err, size_t errsz)
{
	struct auth *au = xcalloc(1, sizeof *au);
	char path[1200];

	pthread_mutex_init(&au->mu, NULL);
	au->connections_max = connections_max;
	if (keys_dir == NULL) {
		au->plain = true;
		return au;
	}
	au->dir = xstrdup(keys_dir);
	snprintf(path, sizeof path, "%s/server.key", keys_dir);
	if (access(path, F_OK) != 0) {
		snprintf(err, errsz, "no server key pair at %s: create it once with "
		    "`yokectl keys init --keys %s`", path, keys_dir);
		auth_free(au);
		return NULL;
	}
	if (!cert_read(path, CERT_SERVER, &au->server, err, errsz)) {
		auth_free(au);
		return NULL;
	}
	auth_refresh(au, true);
	return au;
}

void
auth_free(struct auth *au)
{
	if (au == NULL)
		return;
	pthread_mutex_destroy(&au->mu);
	free(au->devices);
	free(au->dir);
	free(au);
}

bool
auth_plain(const struct auth *au)
{
	return au->plain;
}

const struct cert *
auth_server_cert(const struct auth *au)
{
	return &au->server;
}

static bool
same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* Rereads when forced, when terminals/ looks changed, or when the last
 * read is older than max_age_ms. */
static bool
refresh(struct auth *au, bool force, int64_t max_age_ms)
{
	char path[1200];
	struct stat st;
	struct device *devs;
	size_t n;
	bool changed = false, failed;

	if (au->plain)
		return false;
	snprintf(path, sizeof path, "%s/terminals", au->dir);
	if (stat(path, &st) != 0)
		memset(&st, 0, sizeof st);
	if (!force && same_time(&st.st_mtim, &au->seen_mtime) && same_time(&st.st_ctim, &au->seen_ctime) &&
	    mono_ms() - au->loaded_ms < max_age_ms)
		return false;
	devs = read_allowlist(au->dir, &n, &failed);

	pthread_mutex_lock(&au->mu);
	au->read_failed = failed;
	if (failed) {
		/* Keep admitting whom we admitted: a transient read error must not
		 * lock every station out. */
		pthread_mutex_unlock(&au->mu);
		free(devs);
		return false;
	}
	au->seen_mtime = st.st_mtim;
	au->seen_ctime = st.st_ctim;
	au->loaded_ms = mono_ms();
	for (size_t i = 0; i < n; i++) {
		struct device *old = find_terminal(au->devices, au->ndevices, devs[i].cert.terminal);
		if (old == NULL) {
			changed = true;
			log_info("keys: terminal %s enrolled (key %s)", devs[i].cert.terminal,
			    devs[i].cert.public_key);
			continue;
		}
		devs[i].generation = old->generation;
		if (devs[i].blocked_until != INT64_MAX)
			devs[i].blocked_until = old->blocked_until;
		if (strcmp(old->cert.public_key, devs[i].cert.public_key) != 0 ||
		    memcmp(old->cert.stations, devs[i].cert.stations, sizeof old->cert.stations) != 0) {
			changed = true;
			log_info("keys: terminal %s changed (key %s)", devs[i].cert.terminal,
			    devs[i].cert.public_key);
		}
	}
	for (size_t i = 0; i < au->ndevices; i++)
		if (find_terminal(devs, n, au->devices[i].cert.terminal) == NULL) {
			changed = true;
			log_info("keys: terminal %s is no longer enrolled (revoked)",
			    au->devices[i].cert.terminal);
		}
	free(au->devices);
	au->devices = devs;
	au->ndevices = n;
	pthread_mutex_unlock(&au->mu);
	return changed;
}

bool
auth_refresh(struct auth *au, bool force)
{
	return refresh(au, force, FULL_RELOAD_MS);
}

/* Logs a refused key at most once a minute (a peer retrying every 100 ms
 * must not fill the disk). Called with the mutex held. */
static void
log_refused(struct auth *au, const char *key, const char *why)
{
	int64_t now = mono_ms();
	for (unsigned i = 0; i < REFUSED_LOG_SLOTS; i++)
		if (strcmp(au->refused[i].key, key) == 0) {
			if (now - au->refused[i].logged_ms < REFUSED_LOG_MS)
				return;
			au->refused[i].logged_ms = now;
			log_warn("handshake refused: %s (key %s)", why, key);
			return;
		}
	struct refused *r = &au->refused[au->refused_next++ % REFUSED_LOG_SLOTS];
	strlcpy_yk(r->key, key, sizeof r->key);
	r->logged_ms = now;
	log_warn("handshake refused: %s (key %s)", why, key);
}

bool
auth_admit(struct auth *au, const char *domain, const char *key, char *terminal, size_t tsize,
    uint64_t *generation, char *why, size_t whysize)
{
	bool requests = strcmp(domain, AUTH_DOMAIN_REQUESTS) == 0;
	struct device *d;
	bool ok = false;

	terminal[0] = '\0';
	*generation = 0;
	if (!au->plain && key[0]) {
		pthread_mutex_lock(&au->mu);
		d = find_key(au, key);
		pthread_mutex_unlock(&au->mu);
		if (d == NULL)
			refresh(au, false, UNKNOWN_RELOAD_MS);   /* enrolled a moment ago? */
	}
	pthread_mutex_lock(&au->mu);
	if (!requests && strcmp(domain, AUTH_DOMAIN_NOTICES) != 0) {
		snprintf(why, whysize, "unknown domain %s", domain);
	} else if (au->connections_max > 0 && au->connections > au->connections_max) {
		int64_t now = mono_ms();
		snprintf(why, whysize, "connection cap %d reached", au->connections_max);
		if (now - au->cap_logged_ms >= 10000) {
			au->cap_logged_ms = now;
			log_warn("connection cap reached: %d connections open, the cap is %d (yoked "
			    "--connections); new handshakes are refused until some close",
			    au->connections, au->connections_max);
		}
	} else if (au->plain) {
		ok = key[0] == '\0';
		if (!ok)
			snprintf(why, whysize, "this server runs in plain mode and takes no CURVE keys");
	} else if (key[0] == '\0') {
		snprintf(why, whysize, "this server needs CURVE; the peer offered none");
		log_refused(au, "(none)", why);
	} else if ((d = find_key(au, key)) == NULL) {
		snprintf(why, whysize, "unknown key: not enrolled");
		log_refused(au, key, why);
	} else if (d->blocked_until > mono_ms()) {
		snprintf(why, whysize, "terminal %s is blocked for breaking the protocol",
		    d->cert.terminal);
		log_refused(au, key, why);
	} else {
		strlcpy_yk(terminal, d->cert.terminal, tsize);
		if (requests)
			*generation = ++d->generation;
		ok = true;
	}
	pthread_mutex_unlock(&au->mu);
	return ok;
}

bool
auth_device(struct auth *au, const char *terminal, struct cert *out)
{
	struct device *d;
	bool ok = false;
	pthread_mutex_lock(&au->mu);
	d = find_terminal(au->devices, au->ndevices, terminal);
	if (d && d->cert.public_key[0] && d->blocked_until <= mono_ms()) {
		*out = d->cert;
		ok = true;
	}
	pthread_mutex_unlock(&au->mu);
	return ok;
}

bool
auth_enrolled(struct auth *au, const char *terminal)
{
	bool ok;
	pthread_mutex_lock(&au->mu);
	ok = au->read_failed || find_terminal(au->devices, au->ndevices, terminal) != NULL;
	pthread_mutex_unlock(&au->mu);
	return ok;
}

uint64_t
auth_generation(struct auth *au, const char *terminal)
{
	struct device *d;
	uint64_t g = 0;
	pthread_mutex_lock(&au->mu);
	d = find_terminal(au->devices, au->ndevices, terminal);
	if (d)
		g = d->generation;
	pthread_mutex_unlock(&au->mu);
	return g;
}

void
auth_block(struct auth *au, const char *terminal, int seconds, const char *why)
{
	struct device *d;
	pthread_mutex_lock(&au->mu);
	d = find_terminal(au->devices, au->ndevices, terminal);
	if (d && d->blocked_until != INT64_MAX) {
		d->blocked_until = mono_ms() + (int64_t)seconds * 1000;
		log_warn("terminal %s blocked for %d s: %s", terminal, seconds, why);
	}
	pthread_mutex_unlock(&au->mu);
}

void
auth_connections(struct auth *au, int delta)
{
	pthread_mutex_lock(&au->mu);
	au->connections += delta;
	if (au->connections < 0)
		au->connections = 0;
	pthread_mutex_unlock(&au->mu);
}

int
auth_connections_open(struct auth *au)
{
	int n;
	pthread_mutex_lock(&au->mu);
	n = au->connections;
	pthread_mutex_unlock(&au->mu);
	return n;
}

int
auth_enrolled_count(struct auth *au)
{
	int n;
	pthread_mutex_lock(&au->mu);
	n = (int)au->ndevices;
	pthread_mutex_unlock(&au->mu);
	return n;
}
