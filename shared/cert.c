/* cert.c — see cert.h. */
#include "shared/cert.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char z85_chars[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

bool
cert_id_ok(const char *s)
{
	return ident_ok(s, CERT_ID_MAX) && s[0] != '.';
}

bool
cert_key_ok(const char *s)
{
	if (s == NULL || strlen(s) != CERT_KEY_LEN)
		return false;
	for (size_t i = 0; i < CERT_KEY_LEN; i++)
		if (strchr(z85_chars, s[i]) == NULL)
			return false;
	return true;
}

bool
cert_has_station(const struct cert *c, const char *station)
{
	for (int i = 0; i < c->nstations; i++)
		if (strcmp(c->stations[i], station) == 0 || strcmp(c->stations[i], "*") == 0)
			return true;
	return false;
}

/* Exactly this id in the list (no wildcard). */
static bool
cert_listed(const struct cert *c, const char *id)
{
	for (int i = 0; i < c->nstations; i++)
		if (strcmp(c->stations[i], id) == 0)
			return true;
	return false;
}

void
cert_stations_text(const struct cert *c, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < c->nstations && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " " : "", c->stations[i]);
}

bool
cert_set_stations(struct cert *c, const char *list, char *err, size_t errsz)
{
	const char *p = list;
	c->nstations = 0;
	while (*p) {
		size_t n;
		char id[CERT_ID_MAX + 2];
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " ,\t");
		if (n > CERT_ID_MAX) {
			snprintf(err, errsz, _("expected station ids of at most %d characters, got \"%.*s...\""),
			    CERT_ID_MAX, 20, p);
			return false;
		}
		memcpy(id, p, n);
		id[n] = '\0';
		if (!cert_id_ok(id)) {
			snprintf(err, errsz, _("expected a station id (printable, no spaces, '/' or '\"'), "
			    "got \"%s\""), id);
			return false;
		}
		if (!cert_listed(c, id)) {
			if (c->nstations == CERT_STATIONS_MAX) {
				snprintf(err, errsz, _("expected at most %d stations"), CERT_STATIONS_MAX);
				return false;
			}
			memcpy(c->stations[c->nstations++], id, n + 1);
		}
		p += n;
	}
	return true;
}

/* Copies the trimmed value into dst; false when it does not fit. */
static bool
take(char *dst, size_t size, const char *v, size_t n)
{
	if (n >= size)
		return false;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return true;
}

static bool line_err(char *err, size_t errsz, const char *name, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static bool
line_err(char *err, size_t errsz, const char *name, int line, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(err, errsz, "%s:%d: %s", name, line, msg);
	return false;
}

bool
cert_parse(const char *name, const char *text, enum cert_kind kind, struct cert *c, char *err,
    size_t errsz)
{
	const char *p = text;
	int line = 0;

	memset(c, 0, sizeof *c);
	while (*p) {
		const char *end = strchr(p, '\n'), *eq, *k, *v;
		size_t len = end ? (size_t)(end - p) : strlen(p), kl, vl;
		char key[32];
		line++;
		k = p;
		p = end ? end + 1 : p + len;
		while (len && (k[len - 1] == '\r' || k[len - 1] == ' ' || k[len - 1] == '\t'))
			len--;
		while (len && (*k == ' ' || *k == '\t')) {
			k++;
			len--;
		}
		if (len == 0 || *k == '#')
			continue;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)k[i] < 0x20 && k[i] != '\t')
				return line_err(err, errsz, name, line, _("expected text, got a control "
				    "character"));
		eq = memchr(k, '=', len);
		if (eq == NULL)
			return line_err(err, errsz, name, line, _("expected \"name = value\", got \"%.*s\""),
			    (int)(len < 40 ? len : 40), k);
		kl = (size_t)(eq - k);
		while (kl && (k[kl - 1] == ' ' || k[kl - 1] == '\t'))
			kl--;
		v = eq + 1;
		vl = len - (size_t)(v - k);
		while (vl && (*v == ' ' || *v == '\t')) {
			v++;
			vl--;
		}
		if (kl == 0 || kl >= sizeof key)
			return line_err(err, errsz, name, line, _("expected a name before '=', got \"%.*s\""),
			    (int)(len < 40 ? len : 40), k);
		memcpy(key, k, kl);
		key[kl] = '\0';

		bool ok = true;
		char *dst = NULL;
		size_t dsize = 0;
		if (strcmp(key, "terminal") == 0) {
			dst = c->terminal, dsize = sizeof c->terminal;
		} else if (strcmp(key, "public-key") == 0) {
			dst = c->public_key, dsize = sizeof c->public_key;
		} else if (strcmp(key, "secret-key") == 0) {
			if (kind == CERT_ALLOWED)
				return line_err(err, errsz, name, line, _("an allowlist entry must not hold a "
				    "secret key"));
			dst = c->secret_key, dsize = sizeof c->secret_key;
		} else if (strcmp(key, "server-key") == 0) {
			dst = c->server_key, dsize = sizeof c->server_key;
		} else if (strcmp(key, "server") == 0) {
			dst = c->server, dsize = sizeof c->server;
		} else if (strcmp(key, "enrolled") == 0) {
			dst = c->enrolled, dsize = sizeof c->enrolled;
		} else if (strcmp(key, "revoked") == 0) {
			dst = c->revoked, dsize = sizeof c->revoked;
		} else if (strcmp(key, "stations") == 0) {
			char list[CERT_STATIONS_MAX * (CERT_ID_MAX + 1) + 1], why[200];
			if (!take(list, sizeof list, v, vl))
				return line_err(err, errsz, name, line, _("stations: too long a list"));
			if (!cert_set_stations(c, list, why, sizeof why))
				return line_err(err, errsz, name, line, _("stations: %s"), why);
			continue;
		} else {
			return line_err(err, errsz, name, line, _("expected terminal, stations, server, "
			    "server-key, public-key, secret-key, enrolled or revoked, got \"%s\""), key);
		}
		if (dst[0] != '\0')
			return line_err(err, errsz, name, line, _("%s is given twice"), key);
		ok = take(dst, dsize, v, vl);
		if (!ok)
			return line_err(err, errsz, name, line, _("%s: value too long"), key);
		if ((dst == c->public_key || dst == c->secret_key || dst == c->server_key) &&
		    !cert_key_ok(dst))
			return line_err(err, errsz, name, line, _("%s: expected 40 characters of Z85 text "
			    "(a CURVE key)"), key);
		if (dst == c->terminal && !cert_id_ok(dst))
			return line_err(err, errsz, name, line, _("terminal: expected an id of 1-64 printable "
			    "characters without spaces, '/' or '\"', got \"%.64s\""), dst);
	}

	const char *missing = NULL;
	if (c->public_key[0] == '\0')
		missing = "public-key";
	else if (kind != CERT_ALLOWED && c->secret_key[0] == '\0')
		missing = "secret-key";
	else if (kind != CERT_SERVER && c->terminal[0] == '\0')
		missing = "terminal";
	else if (kind == CERT_DEVICE && c->server_key[0] == '\0')
		missing = "server-key";
	if (missing) {
		snprintf(err, errsz, _("%s: expected a line \"%s = ...\"; there is none"), name, missing);
		return false;
	}
	return true;
}

bool
cert_read(const char *path, enum cert_kind kind, struct cert *c, char *err, size_t errsz)
{
	char *buf;
	size_t n;
	FILE *f = fopen(path, "rb");
	bool ok;

	if (f == NULL) {
		snprintf(err, errsz, _("%s: cannot read: %s"), path, strerror(errno));
		return false;
	}
	buf = xmalloc(CERT_FILE_MAX + 1);
	n = fread(buf, 1, CERT_FILE_MAX + 1, f);
	fclose(f);
	if (n > CERT_FILE_MAX) {
		snprintf(err, errsz, _("%s: expected a certificate of at most %d bytes"), path, CERT_FILE_MAX);
		free(buf);
		return false;
	}
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		snprintf(err, errsz, _("%s: expected a text file, got a NUL byte"), path);
		free(buf);
		return false;
	}
	ok = cert_parse(path, buf, kind, c, err, errsz);
	free(buf);
	return ok;
}

bool
cert_write(const char *path, enum cert_kind kind, const struct cert *c, bool replace, char *err,
    size_t errsz)
{
	char tmp[4200], stations[CERT_STATIONS_MAX * (CERT_ID_MAX + 1) + 1];
	int fd;
	FILE *f;

	if (!replace && access(path, F_OK) == 0) {
		snprintf(err, errsz, _("%s exists already; not replaced"), path);
		return false;
	}
	if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp) {
		snprintf(err, errsz, _("%s: path too long"), path);
		return false;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, kind == CERT_ALLOWED ? 0644 : 0600);
	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errsz, _("cannot write %s: %s"), tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	cert_stations_text(c, stations, sizeof stations);
	switch (kind) {
	case CERT_DEVICE:
		fprintf(f, "# yoke certificate of terminal %s: SECRET, copy it to that device only\n",
		    c->terminal);
		break;
	case CERT_ALLOWED:
		fprintf(f, "# yoke allowlist entry: yoked admits terminal %s with this public key\n",
		    c->terminal);
		break;
	case CERT_SERVER:
		fprintf(f, "# yoked's own key pair: SECRET, it never leaves the server\n");
		break;
	}
	if (c->terminal[0])
		fprintf(f, "terminal   = %s\n", c->terminal);
	if (stations[0])
		fprintf(f, "stations   = %s\n", stations);
	if (c->server[0] && kind == CERT_DEVICE)
		fprintf(f, "server     = %s\n", c->server);
	if (c->server_key[0] && kind == CERT_DEVICE)
		fprintf(f, "server-key = %s\n", c->server_key);
	fprintf(f, "public-key = %s\n", c->public_key);
	if (kind != CERT_ALLOWED)
		fprintf(f, "secret-key = %s\n", c->secret_key);
	if (c->enrolled[0])
		fprintf(f, "enrolled   = %s\n", c->enrolled);
	if (c->revoked[0])
		fprintf(f, "revoked    = %s\n", c->revoked);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		snprintf(err, errsz, _("cannot write %s: %s"), tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return false;
	}
	fclose(f);
	if (rename(tmp, path) != 0) {
		snprintf(err, errsz, _("cannot rename %s to %s: %s"), tmp, path, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}
