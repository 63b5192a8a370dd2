/* harness.c — see harness.h. Test infrastructure: it may include zmq.h. */
#include "tests/lib/harness.h"
#include "proto/curve.h"
#include "shared/defs/defs.h"
#include "shared/i18n.h"
#include "shared/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#include "shared/log.h"

#define LIVE_MAX 16
#define START_DEADLINE_MS 20000
#define STOP_DEADLINE_MS 15000
#define PORT_TRIES 40
#define PLANT_FILE_MAX (1u << 20)

/* Every server started and not yet freed, so exit can clean up after a
 * test that stopped early. Touched by the main thread only. */
static struct yoked *live[LIVE_MAX];
static bool cleanup_installed;
static unsigned rng_state;

void
harness_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Removes a directory tree (the data directory holds files only, but a
 * nested directory is handled too). */
static void
remove_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	if (d == NULL) {
		unlink(path);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char sub[600];
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(path);
}

static void
cleanup_all(void)
{
	for (int i = 0; i < LIVE_MAX; i++) {
		struct yoked *y = live[i];
		if (y == NULL)
			continue;
		if (y->pid > 0) {
			kill(y->pid, SIGKILL);
			waitpid(y->pid, NULL, 0);
			y->pid = 0;
		}
		if (getenv("YOKE_KEEP_TEST_DIRS") == NULL)
			remove_tree(y->root);
		live[i] = NULL;
	}
}

static void
on_fatal_signal(int sig)
{
	cleanup_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_cleanup(void)
{
	struct sigaction sa;
	if (cleanup_installed)
		return;
	cleanup_installed = true;
	atexit(cleanup_all);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	rng_state = (unsigned)getpid() ^ (unsigned)now_us();
}

const char *
harness_yoked_path(void)
{
	static char path[512];
	const char *bin = getenv("YOKE_BIN");
	snprintf(path, sizeof path, "%s/yoked", str_empty(bin) ? "bin" : bin);
	return path;
}

void
harness_i18n_init(void)
{
	const char *bin = getenv("YOKE_BIN");
	if (str_empty(getenv("YOKE_LOCALEDIR")) && !str_empty(bin)) {
		char dir[600];
		snprintf(dir, sizeof dir, "%s/../share/locale", bin);
		setenv("YOKE_LOCALEDIR", dir, 1);
	}
	i18n_init();
}

static off_t
file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_size : 0;
}

static char *
read_file_from(const char *path, off_t from, size_t max, size_t *len_out)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n = 0;
	if (f == NULL)
		return NULL;
	if (from > 0)
		fseeko(f, from, SEEK_SET);
	buf = xmalloc(max + 1);
	n = fread(buf, 1, max, f);
	if (n == max && fgetc(f) != EOF) {
		fclose(f);
		free(buf);
		return NULL;     /* too large */
	}
	fclose(f);
	buf[n] = '\0';
	if (len_out)
		*len_out = n;
	return buf;
}

char *
harness_yoked_log(const struct yoked *y)
{
	char *s = read_file_from(y->log, 0, 64u << 20, NULL);
	return s ? s : xstrdup("");
}

bool
harness_yoked_counters(const struct yoked *y, uint64_t *requests, uint64_t *batches,
    uint64_t *commits)
{
	char *log = harness_yoked_log(y), *p = log, *last = NULL;
	unsigned long long r, b, k;
	bool ok = false;
	while ((p = strstr(p, "stopping: ")) != NULL) {
		last = p;
		p++;
	}
	if (last && sscanf(last, "stopping: %llu requests in %llu batches, %llu commits", &r, &b, &k) == 3) {
		*requests = r;
		*batches = b;
		*commits = k;
		ok = true;
	}
	free(log);
	return ok;
}

static pid_t
spawn(struct yoked *y)
{
	const char *path = harness_yoked_path();
	pid_t parent = getpid(), pid;
	int fd = open(y->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0) {
		fprintf(stderr, "harness: cannot open %s: %s\n", y->log, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		/* Dies with the test, whatever way the test ends. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(126);
		int nul = open("/dev/null", O_RDONLY);
		if (nul >= 0)
			dup2(nul, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		char *argv[10 + HARNESS_EXTRA_MAX + 1];
		int n = 0;
		argv[n++] = (char *)"yoked";
		argv[n++] = (char *)"--data";
		argv[n++] = y->data;
		argv[n++] = (char *)"--listen";
		argv[n++] = y->endpoint;
		argv[n++] = (char *)"--log";
		argv[n++] = (char *)"info";
		if (!y->plain) {
			argv[n++] = (char *)"--keys";
			argv[n++] = y->keys;
		}
		for (int i = 0; y->extra[i]; i++)
			argv[n++] = y->extra[i];
		argv[n] = NULL;
		execv(path, argv);
		dprintf(2, "harness: cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(fd);
	if (pid < 0)
		fprintf(stderr, "harness: fork: %s\n", strerror(errno));
	return pid;
}

/* Asks Hello until an answer comes. 1 answered, 0 the process exited, -1 timeout. */
static int
wait_hello(struct yoked *y, int deadline_ms)
{
	void *ctx = zmq_ctx_new(), *s = zmq_socket(ctx, ZMQ_DEALER);
	int linger = 0, rc = -1;
	int64_t end = mono_ms() + deadline_ms, next_send = 0;
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello hello = YOKE__HELLO__INIT;
	size_t len;
	uint8_t *buf;

	hello.program = (char *)"harness";
	harness_envelope(&rq, y->plain ? "harness-probe" : "", 0, NULL);
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &hello;
	buf = harness_pack(&rq, &len);
	zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
	if (!y->plain) {
		struct cert c;
		if (!harness_enrol(y, "harness-probe", "", &c))
			return -1;
		zmq_setsockopt(s, ZMQ_CURVE_SERVERKEY, c.server_key, CERT_KEY_LEN);
		zmq_setsockopt(s, ZMQ_CURVE_PUBLICKEY, c.public_key, CERT_KEY_LEN);
		zmq_setsockopt(s, ZMQ_CURVE_SECRETKEY, c.secret_key, CERT_KEY_LEN);
	}
	zmq_connect(s, y->endpoint);
	while (mono_ms() < end) {
		zmq_pollitem_t it = { .socket = s, .events = ZMQ_POLLIN };
		if (mono_ms() >= next_send) {
			zmq_send(s, buf, len, ZMQ_DONTWAIT);
			next_send = mono_ms() + 250;
		}
		if (zmq_poll(&it, 1, 50) > 0) {
			zmq_msg_t m;
			zmq_msg_init(&m);
			if (zmq_msg_recv(&m, s, 0) >= 0) {
				Yoke__Reply *rp = yoke__reply__unpack(NULL, zmq_msg_size(&m), zmq_msg_data(&m));
				if (rp && rp->body_case == YOKE__REPLY__BODY_HELLO)
					rc = 1;
				if (rp)
					yoke__reply__free_unpacked(rp, NULL);
			}
			zmq_msg_close(&m);
			if (rc == 1)
				break;
		}
		if (waitpid(y->pid, NULL, WNOHANG) == y->pid) {
			y->pid = 0;
			rc = 0;
			break;
		}
	}
	free(buf);
	zmq_close(s);
	zmq_ctx_term(ctx);
	return rc;
}

/* Starts the process on y's port; 1 up, 0 the port is taken, -1 failure. */
static int
start_once(struct yoked *y)
{
	off_t from = file_size(y->log);
	int rc;
	y->pid = spawn(y);
	if (y->pid <= 0) {
		y->pid = 0;
		return -1;
	}
	rc = wait_hello(y, START_DEADLINE_MS);
	if (rc == 1) {
		/* The answer must come from our process, not from another server
		 * that holds the port while ours failed to bind: ours logs
		 * "serving <endpoint>" once it listens. */
		char *tail = read_file_from(y->log, from, 1u << 20, NULL);
		bool ours = tail && strstr(tail, "serving ") && strstr(tail, y->endpoint);
		free(tail);
		if (ours && harness_yoked_alive(y)) {
			y->starts++;
			return 1;
		}
		if (y->pid > 0)
			harness_yoked_kill(y);
		return 0;
	}
	if (rc == 0) {
		char *tail = read_file_from(y->log, from, 1u << 20, NULL);
		bool busy = tail && (strstr(tail, "cannot listen") || strstr(tail, "cannot publish"));
		if (!busy)
			fprintf(stderr, "harness: yoked exited at start:\n%s\n", tail ? tail : "");
		free(tail);
		return busy ? 0 : -1;
	}
	fprintf(stderr, "harness: yoked did not answer Hello within %d ms\n", START_DEADLINE_MS);
	harness_yoked_kill(y);
	return -1;
}

/* The server's key pair and an empty allowlist, as `yokectl keys init`. */
static bool
keys_init(struct yoked *y)
{
	char path[400], err[400];
	struct cert c;
	memset(&c, 0, sizeof c);
	snprintf(y->keys, sizeof y->keys, "%s/keys", y->root);
	snprintf(path, sizeof path, "%s/terminals", y->keys);
	if (mkdir(y->keys, 0700) != 0 || mkdir(path, 0700) != 0) {
		fprintf(stderr, "harness: cannot create %s: %s\n", path, strerror(errno));
		return false;
	}
	snprintf(path, sizeof path, "%s/devices", y->keys);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/revoked", y->keys);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/server.key", y->keys);
	if (!curve_keypair(&c) || !cert_write(path, CERT_SERVER, &c, false, err, sizeof err)) {
		fprintf(stderr, "harness: server keys: %s\n", err);
		return false;
	}
	return true;
}

bool
harness_enrol(const struct yoked *y, const char *terminal, const char *stations, struct cert *out)
{
	char dev[600], allow[600], path[400], err[400];
	struct cert server;

	if (y->plain) {
		fprintf(stderr, "harness: enrol %s: the server is in plain mode\n", terminal);
		return false;
	}
	snprintf(dev, sizeof dev, "%s/devices/%s.cert", y->keys, terminal);
	snprintf(allow, sizeof allow, "%s/terminals/%s.pub", y->keys, terminal);
	if (access(dev, F_OK) == 0) {
		if (!cert_read(dev, CERT_DEVICE, out, err, sizeof err)) {
			fprintf(stderr, "harness: %s\n", err);
			return false;
		}
		if (access(allow, F_OK) == 0)
			return true;
	} else {
		snprintf(path, sizeof path, "%s/server.key", y->keys);
		memset(out, 0, sizeof *out);
		if (!cert_read(path, CERT_SERVER, &server, err, sizeof err) ||
		    !cert_set_stations(out, stations, err, sizeof err)) {
			fprintf(stderr, "harness: enrol %s: %s\n", terminal, err);
			return false;
		}
		if (!cert_id_ok(terminal)) {
			fprintf(stderr, "harness: enrol: \"%s\" is not a terminal id\n", terminal);
			return false;
		}
		strlcpy_yk(out->terminal, terminal, sizeof out->terminal);
		memcpy(out->server_key, server.public_key, sizeof out->server_key);
		strlcpy_yk(out->server, y->endpoint, sizeof out->server);
		if (!curve_keypair(out) || !cert_write(dev, CERT_DEVICE, out, true, err, sizeof err)) {
			fprintf(stderr, "harness: enrol %s: %s\n", terminal, err);
			return false;
		}
	}
	if (!cert_write(allow, CERT_ALLOWED, out, true, err, sizeof err)) {
		fprintf(stderr, "harness: enrol %s: %s\n", terminal, err);
		return false;
	}
	return true;
}

bool
harness_revoke(const struct yoked *y, const char *terminal)
{
	char allow[600];
	snprintf(allow, sizeof allow, "%s/terminals/%s.pub", y->keys, terminal);
	return unlink(allow) == 0;
}

static void
pick_port(struct yoked *y)
{
	y->port = 20000 + (int)(rand_r(&rng_state) % 40000);
	snprintf(y->endpoint, sizeof y->endpoint, "tcp://127.0.0.1:%d", y->port);
}

struct yoked *
harness_yoked_start(void)
{
	return harness_yoked_start_args(NULL);
}

struct yoked *
harness_yoked_start_args(const char *const *extra)
{
	struct yoked *y = xcalloc(1, sizeof *y);
	const char *tmp = getenv("TMPDIR");
	int slot = -1;

	install_cleanup();
	for (int i = 0; extra && extra[i]; i++) {
		if (strcmp(extra[i], "--plain") == 0)
			y->plain = true;
		if (i == HARNESS_EXTRA_MAX) {
			fprintf(stderr, "harness: more than %d extra yoked arguments\n", HARNESS_EXTRA_MAX);
			for (int k = 0; k < i; k++)
				free(y->extra[k]);
			free(y);
			return NULL;
		}
		y->extra[i] = xstrdup(extra[i]);
	}
	for (int i = 0; i < LIVE_MAX; i++)
		if (live[i] == NULL) {
			slot = i;
			break;
		}
	if (slot < 0) {
		fprintf(stderr, "harness: more than %d servers at once\n", LIVE_MAX);
		for (int i = 0; y->extra[i]; i++)
			free(y->extra[i]);
		free(y);
		return NULL;
	}
	snprintf(y->root, sizeof y->root, "%s/yoke-it.XXXXXX", str_empty(tmp) ? "/tmp" : tmp);
	if (mkdtemp(y->root) == NULL) {
		fprintf(stderr, "harness: mkdtemp %s: %s\n", y->root, strerror(errno));
		free(y);
		return NULL;
	}
	live[slot] = y;
	snprintf(y->data, sizeof y->data, "%s/data", y->root);
	snprintf(y->log, sizeof y->log, "%s/yoked.log", y->root);
	if (!y->plain && !keys_init(y)) {
		harness_yoked_free(y);
		return NULL;
	}
	if (access(harness_yoked_path(), X_OK) != 0) {
		fprintf(stderr, "harness: no yoked at %s (set YOKE_BIN)\n", harness_yoked_path());
		harness_yoked_free(y);
		return NULL;
	}
	for (int i = 0; i < PORT_TRIES; i++) {
		int rc;
		pick_port(y);
		rc = start_once(y);
		if (rc == 1)
			return y;
		if (rc < 0)
			break;
	}
	harness_yoked_free(y);
	return NULL;
}

bool
harness_yoked_restart(struct yoked *y)
{
	if (y->pid > 0)
		return true;
	/* The port was ours a moment ago; a restart may race the kernel's
	 * release of it, so try a few times before giving up. */
	for (int i = 0; i < 20; i++) {
		int rc = start_once(y);
		if (rc == 1)
			return true;
		if (rc < 0)
			return false;
		harness_sleep_ms(100);
	}
	return false;
}

bool
harness_yoked_alive(struct yoked *y)
{
	if (y->pid <= 0)
		return false;
	if (waitpid(y->pid, NULL, WNOHANG) == y->pid) {
		y->pid = 0;
		return false;
	}
	return true;
}

/* Where a process is stuck: every thread's stack on stderr, when gdb is
 * installed (a diagnosis for a rare hang, not a test). */
static void
stacks_of(pid_t pid)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "command -v gdb >/dev/null && gdb -p %d -batch -nx "
	    "-ex 'thread apply all bt' </dev/null 1>&2 2>/dev/null", (int)pid);
	if (system(cmd) != 0)
		fprintf(stderr, "harness: no stacks of %d (gdb missing or refused)\n", (int)pid);
}

int
harness_yoked_stop(struct yoked *y)
{
	int status = 0;
	int64_t end = mono_ms() + STOP_DEADLINE_MS;
	if (y == NULL || y->pid <= 0)
		return -1;
	kill(y->pid, SIGTERM);
	for (;;) {
		pid_t r = waitpid(y->pid, &status, WNOHANG);
		if (r == y->pid)
			break;
		if (r < 0 || mono_ms() > end) {
			fprintf(stderr, "harness: yoked did not stop on SIGTERM; killed\n");
			stacks_of(y->pid);
			harness_yoked_kill(y);
			return -1;
		}
		harness_sleep_ms(5);
	}
	y->pid = 0;
	if (!WIFEXITED(status)) {
		/* Killed by a signal (an abort in a library prints only to
		 * yoked's own stderr, its log): say which, and the log's end. */
		char *log = harness_yoked_log(y);
		size_t n = strlen(log);
		fprintf(stderr, "harness: yoked ended by signal %d; the end of its log:\n%s\n",
		    WIFSIGNALED(status) ? WTERMSIG(status) : -1, log + (n > 3000 ? n - 3000 : 0));
		free(log);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
harness_yoked_wait(struct yoked *y, int timeout_ms)
{
	int status = 0;
	int64_t end = mono_ms() + timeout_ms;
	if (y == NULL || y->pid <= 0)
		return -2;
	for (;;) {
		pid_t r = waitpid(y->pid, &status, WNOHANG);
		if (r == y->pid)
			break;
		if (r < 0 || mono_ms() > end)
			return -2;
		harness_sleep_ms(10);
	}
	y->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void
harness_yoked_kill(struct yoked *y)
{
	if (y == NULL || y->pid <= 0)
		return;
	kill(y->pid, SIGKILL);
	waitpid(y->pid, NULL, 0);
	y->pid = 0;
}

void
harness_yoked_free(struct yoked *y)
{
	if (y == NULL)
		return;
	if (y->pid > 0 && harness_yoked_stop(y) != 0) {
		char *log = harness_yoked_log(y);
		const char *tail = strlen(log) > 3000 ? log + strlen(log) - 3000 : log;
		fprintf(stderr, "harness: yoked did not stop cleanly; log tail:\n%s\n", tail);
		free(log);
	}
	if (getenv("YOKE_KEEP_TEST_DIRS"))
		fprintf(stderr, "harness: kept %s\n", y->root);
	else
		remove_tree(y->root);
	for (int i = 0; i < LIVE_MAX; i++)
		if (live[i] == y)
			live[i] = NULL;
	for (int i = 0; y->extra[i]; i++)
		free(y->extra[i]);
	free(y);
}

/* ---- clients ---- */

struct client *
harness_client(const struct yoked *y, const char *terminal)
{
	bool desk = strncmp(terminal, "engineer@", 9) == 0 || strncmp(terminal, "harness-", 8) == 0;
	struct client *c = harness_client_at(y, terminal, desk ? "" : "*");
	if (strncmp(terminal, "engineer@", 9) == 0 && y->plant) {
		const Yoke__Operator *who = harness_plant_operator(y->plant, YOKE__ROLE__ROLE_ENGINEER,
		    NULL, 0);
		if (who == NULL)
			who = harness_plant_operator(y->plant, YOKE__ROLE__ROLE_ADMIN, NULL, 0);
		if (who && !harness_sign_in(c, who->badge))
			fprintf(stderr, "harness: %s could not sign in as %s\n", terminal, who->badge);
	}
	return c;
}

struct client *
harness_client_at(const struct yoked *y, const char *terminal, const char *stations)
{
	struct client_options opt = { .timeout_ms = HARNESS_TIMEOUT_MS, .offline_after = 3, .ping_ms = 0 };
	return harness_client_opt(y, terminal, stations, &opt);
}

struct client *
harness_client_opt(const struct yoked *y, const char *terminal, const char *stations,
    const struct client_options *given)
{
	struct client_options opt = *given;
	struct cert cert;
	struct client *c;
	opt.cert = NULL;
	if (!y->plain) {
		if (!harness_enrol(y, terminal, stations, &cert))
			log_fatal("harness: cannot enrol %s", terminal);
		opt.cert = &cert;
	}
	c = client_new(y->endpoint, terminal, &opt);
	/* The client's DEALER is ZMQ_IMMEDIATE: a request sent before the
	 * connection is up is dropped and resent only after a whole timeout.
	 * A loopback connection takes well under this. */
	harness_sleep_ms(30);
	return c;
}

void
harness_envelope(Yoke__Request *rq, const char *terminal, uint64_t request_no, const char *session)
{
	rq->version = YOKE_PROTOCOL_VERSION;
	rq->terminal = (char *)(terminal ? terminal : "");
	rq->request_no = request_no;
	rq->session = (char *)(session ? session : "");
}

Yoke__Reply *
harness_call(struct client *c, Yoke__Request *rq, int tries)
{
	return client_call(c, rq, tries);
}

Yoke__Reply *
harness_hello(struct client *c)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__Hello b = YOKE__HELLO__INIT;
	b.program = (char *)"harness";
	rq.body_case = YOKE__REQUEST__BODY_HELLO;
	rq.hello = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_badge_in(struct client *c, const char *station, const char *badge)
{
	return harness_badge_in_pin(c, station, badge, NULL);
}

Yoke__Reply *
harness_badge_in_pin(struct client *c, const char *station, const char *badge, const char *pin)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
	Yoke__Reply *rp;
	b.station = (char *)station;
	b.badge = (char *)badge;
	b.pin = (char *)(pin ? pin : "");
	rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
	rq.badge_in = &b;
	rp = client_call(c, &rq, HARNESS_TRIES);
	if (rp && rp->status == YOKE__STATUS__STATUS_OK && rp->body_case == YOKE__REPLY__BODY_BADGE_IN)
		client_set_session(c, rp->badge_in->session);
	return rp;
}

bool
harness_sign_in(struct client *c, const char *badge)
{
	Yoke__Reply *rp = harness_badge_in_pin(c, "", badge, HARNESS_PIN);
	bool ok = rp && rp->status == YOKE__STATUS__STATUS_OK;
	if (!ok)
		fprintf(stderr, "harness: sign-in of %s: %s %s\n", badge,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
	client_reply_free(rp);
	return ok;
}

Yoke__Reply *
harness_set_pin(struct client *c, const char *badge, const char *pin)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__SetPin b = YOKE__SET_PIN__INIT;
	b.badge = (char *)badge;
	b.pin = (char *)pin;
	rq.body_case = YOKE__REQUEST__BODY_SET_PIN;
	rq.set_pin = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_change_pin(struct client *c, const char *badge, const char *old_pin, const char *new_pin)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ChangePin b = YOKE__CHANGE_PIN__INIT;
	b.badge = (char *)badge;
	b.old_pin = (char *)old_pin;
	b.new_pin = (char *)new_pin;
	rq.body_case = YOKE__REQUEST__BODY_CHANGE_PIN;
	rq.change_pin = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_badge_out(struct client *c)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__BadgeOut b = YOKE__BADGE_OUT__INIT;
	rq.body_case = YOKE__REQUEST__BODY_BADGE_OUT;
	rq.badge_out = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_open_unit(struct client *c, const char *serial)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__OpenUnit b = YOKE__OPEN_UNIT__INIT;
	b.serial = (char *)serial;
	rq.body_case = YOKE__REQUEST__BODY_OPEN_UNIT;
	rq.open_unit = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

static Yoke__Reply *
step_call(struct client *c, Yoke__StepRecord *s)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = s;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_step_confirm(struct client *c, const char *serial, uint32_t step)
{
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
	s.confirm = true;
	return step_call(c, &s);
}

Yoke__Reply *
harness_step_scan(struct client *c, const char *serial, uint32_t step, const char *scan)
{
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_SCAN;
	s.scan = (char *)scan;
	return step_call(c, &s);
}

Yoke__Reply *
harness_step_value(struct client *c, const char *serial, uint32_t step, double value)
{
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
	s.value = value;
	return step_call(c, &s);
}

Yoke__Reply *
harness_step_pass(struct client *c, const char *serial, uint32_t step, bool pass)
{
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
	s.pass = pass;
	return step_call(c, &s);
}

Yoke__Reply *
harness_step_inspection(struct client *c, const char *serial, uint32_t step, bool pass,
    const char *inspector_badge, const char *note)
{
	bool sign = inspector_badge && inspector_badge[0];
	return harness_step_signed(c, serial, step, pass, sign ? inspector_badge : NULL,
	    sign ? HARNESS_PIN : NULL, note);
}

Yoke__Reply *
harness_step_signed(struct client *c, const char *serial, uint32_t step, bool pass,
    const char *badge, const char *pin, const char *note)
{
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__InspectionResult in = YOKE__INSPECTION_RESULT__INIT;
	Yoke__Signature sig = YOKE__SIGNATURE__INIT;
	in.pass = pass;
	if (badge || pin) {
		sig.badge = (char *)(badge ? badge : "");
		sig.pin = (char *)(pin ? pin : "");
		in.signature = &sig;
	}
	in.note = (char *)(note ? note : "");
	s.serial = (char *)serial;
	s.step = step;
	s.entry_case = YOKE__STEP_RECORD__ENTRY_INSPECTION;
	s.inspection = &in;
	return step_call(c, &s);
}

Yoke__Reply *
harness_complete(struct client *c, const char *serial)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__CompleteOperation b = YOKE__COMPLETE_OPERATION__INIT;
	b.serial = (char *)serial;
	rq.body_case = YOKE__REQUEST__BODY_COMPLETE;
	rq.complete = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_release(struct client *c, const char *work_order, const char *product, uint32_t quantity,
    const char *due, uint32_t priority, const char *rev)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__ReleaseWorkOrder b = YOKE__RELEASE_WORK_ORDER__INIT;
	b.work_order = (char *)work_order;
	b.product = (char *)product;
	b.quantity = quantity;
	b.due = (char *)due;
	b.priority = priority;
	b.routing_rev = (char *)(rev ? rev : "");
	rq.body_case = YOKE__REQUEST__BODY_RELEASE;
	rq.release = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_trace(struct client *c, const char *serial)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__TraceQuery b = YOKE__TRACE_QUERY__INIT;
	b.serial = (char *)serial;
	rq.body_case = YOKE__REQUEST__BODY_TRACE;
	rq.trace = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_queue(struct client *c, const char *station)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__QueueQuery b = YOKE__QUEUE_QUERY__INIT;
	b.station = (char *)station;
	rq.body_case = YOKE__REQUEST__BODY_QUEUE;
	rq.queue = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_units(struct client *c, const char *work_order)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__UnitsQuery b = YOKE__UNITS_QUERY__INIT;
	b.work_order = (char *)work_order;
	rq.body_case = YOKE__REQUEST__BODY_UNITS;
	rq.units = &b;
	return client_call(c, &rq, HARNESS_TRIES);
}

Yoke__Reply *
harness_load_files(struct client *c, const char *const *names, const char *const *texts, size_t n,
    bool dry_run)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__LoadDefinitions b = YOKE__LOAD_DEFINITIONS__INIT;
	Yoke__DefinitionFile *files = xcalloc(n ? n : 1, sizeof *files);
	Yoke__DefinitionFile **ptrs = xcalloc(n ? n : 1, sizeof *ptrs);
	Yoke__Reply *rp;
	for (size_t i = 0; i < n; i++) {
		yoke__definition_file__init(&files[i]);
		files[i].name = (char *)names[i];
		files[i].text = (char *)texts[i];
		ptrs[i] = &files[i];
	}
	b.n_files = n;
	b.files = ptrs;
	b.dry_run = dry_run;
	rq.body_case = YOKE__REQUEST__BODY_LOAD;
	rq.load = &b;
	rp = client_call(c, &rq, HARNESS_TRIES);
	free(files);
	free(ptrs);
	return rp;
}

/* ---- plants ---- */

const char *
harness_demo_plant_dir(void)
{
	const char *d = getenv("YOKE_PLANT");
	return str_empty(d) ? "assets/plant" : d;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct plant *
harness_plant_read(const char *dir)
{
	struct plant *p = xcalloc(1, sizeof *p);
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;
	char err[600];

	if (d == NULL) {
		fprintf(stderr, "harness: cannot open plant directory %s: %s\n", dir, strerror(errno));
		free(p);
		return NULL;
	}
	strlcpy_yk(p->dir, dir, sizeof p->dir);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".def") != 0)
			continue;
		if (p->n == cap) {
			cap = cap ? cap * 2 : 8;
			p->names = xrealloc(p->names, cap * sizeof *p->names);
		}
		p->names[p->n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (p->n == 0) {
		fprintf(stderr, "harness: no .def files in %s\n", dir);
		harness_plant_free(p);
		return NULL;
	}
	qsort(p->names, p->n, sizeof *p->names, name_cmp);
	p->texts = xcalloc(p->n, sizeof *p->texts);
	p->defs = defs_new();
	for (size_t i = 0; i < p->n; i++) {
		char path[600];
		snprintf(path, sizeof path, "%s/%s", dir, p->names[i]);
		p->texts[i] = read_file_from(path, 0, PLANT_FILE_MAX, NULL);
		if (p->texts[i] == NULL) {
			fprintf(stderr, "harness: cannot read %s\n", path);
			harness_plant_free(p);
			return NULL;
		}
		if (!defs_parse(p->defs, p->names[i], p->texts[i], err, sizeof err)) {
			fprintf(stderr, "harness: %s\n", err);
			harness_plant_free(p);
			return NULL;
		}
	}
	return p;
}

void
harness_plant_free(struct plant *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->names[i]);
		if (p->texts)
			free(p->texts[i]);
	}
	free(p->names);
	free(p->texts);
	if (p->defs)
		defs_free(p->defs);
	free(p);
}

Yoke__Reply *
harness_plant_load(struct client *c, const struct plant *p)
{
	return harness_load_files(c, (const char *const *)p->names, (const char *const *)p->texts, p->n,
	    false);
}

const Yoke__Part *
harness_plant_part(const struct plant *p, const char *number)
{
	for (size_t i = 0; p && i < p->defs->n_parts; i++)
		if (strcmp(p->defs->parts[i]->number, number) == 0)
			return p->defs->parts[i];
	return NULL;
}

const Yoke__Routing *
harness_plant_routing(const struct plant *p, const char *product)
{
	const Yoke__Routing *best = NULL;
	for (size_t i = 0; i < p->defs->n_routings; i++) {
		const Yoke__Routing *r = p->defs->routings[i];
		if (r->released && strcmp(r->product, product) == 0)
			best = r;
	}
	return best;
}

const Yoke__Routing *
harness_plant_some_routing(const struct plant *p)
{
	for (size_t i = 0; i < p->defs->n_routings; i++)
		if (p->defs->routings[i]->released && p->defs->routings[i]->n_operations > 0)
			return p->defs->routings[i];
	return NULL;
}

const Yoke__Station *
harness_plant_station(const struct plant *p, const char *kind)
{
	for (size_t i = 0; i < p->defs->n_stations; i++)
		if (strcmp(p->defs->stations[i]->kind, kind) == 0)
			return p->defs->stations[i];
	return NULL;
}

const Yoke__Operator *
harness_plant_operator(const struct plant *p, Yoke__Role role, const char *product, uint32_t op)
{
	for (size_t i = 0; i < p->defs->n_operators; i++) {
		const Yoke__Operator *o = p->defs->operators[i];
		if (o->role != role)
			continue;
		if (product == NULL || defs_qualified(o, product, op))
			return o;
	}
	return NULL;
}

const Yoke__Operator *
harness_plant_unqualified(const struct plant *p, const char *product, uint32_t op)
{
	for (size_t i = 0; i < p->defs->n_operators; i++) {
		const Yoke__Operator *o = p->defs->operators[i];
		if (o->role == YOKE__ROLE__ROLE_OPERATOR && !defs_qualified(o, product, op))
			return o;
	}
	return NULL;
}

/* The plant's first admin signs in (no admin has a PIN yet) and gives
 * every admin, engineer, lead and inspector HARNESS_PIN; then signs out. */
static bool
give_pins(struct client *c, const struct plant *p)
{
	const Yoke__Operator *admin = harness_plant_operator(p, YOKE__ROLE__ROLE_ADMIN, NULL, 0);
	Yoke__Reply *rp;
	bool ok = true;
	if (admin == NULL)
		return true;      /* nobody to sign: tests of such a plant need no PINs */
	rp = harness_badge_in(c, "", admin->badge);
	if (rp == NULL || rp->status != YOKE__STATUS__STATUS_OK) {
		fprintf(stderr, "harness: first admin %s cannot sign in: %s %s\n", admin->badge,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
		client_reply_free(rp);
		return false;
	}
	client_reply_free(rp);
	for (size_t i = 0; ok && i < p->defs->n_operators; i++) {
		const Yoke__Operator *o = p->defs->operators[i];
		if (o->role == YOKE__ROLE__ROLE_OPERATOR)
			continue;
		rp = harness_set_pin(c, o->badge, HARNESS_PIN);
		ok = rp && rp->status == YOKE__STATUS__STATUS_OK;
		if (!ok)
			fprintf(stderr, "harness: PIN of %s: %s %s\n", o->badge,
			    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
		client_reply_free(rp);
	}
	client_reply_free(harness_badge_out(c));
	return ok;
}

bool
harness_add_operators(const struct yoked *y, const struct plant *p, unsigned first, unsigned n,
    const char *qualified)
{
	struct client *c = harness_engineer(y, p, "add-operators");
	size_t cap = (size_t)n * 96 + 1, used = 0;
	char *text = xmalloc(cap);
	const char *names[] = { "more-operators.def" };
	const char *texts[1];
	Yoke__Reply *rp;
	bool ok;
	if (c == NULL) {
		free(text);
		return false;
	}
	text[0] = '\0';
	for (unsigned i = 0; i < n; i++)
		used += (size_t)snprintf(text + used, cap - used,
		    "operator %u \"Worker %u\" role=operator qualified=%s\n", first + i, first + i,
		    qualified);
	texts[0] = text;
	rp = harness_load_files(c, names, texts, 1, false);
	ok = rp && rp->status == YOKE__STATUS__STATUS_OK;
	if (!ok)
		fprintf(stderr, "harness: adding operators: %s %s\n", rp ? status_name(rp->status) :
		    "no answer", rp ? rp->message : "");
	client_reply_free(rp);
	client_free(c);
	free(text);
	return ok;
}

struct client *
harness_engineer(const struct yoked *y, const struct plant *p, const char *tag)
{
	const Yoke__Operator *who = harness_plant_operator(p, YOKE__ROLE__ROLE_ENGINEER, NULL, 0);
	char name[CERT_ID_MAX + 1];
	struct client *c;
	if (who == NULL)
		who = harness_plant_operator(p, YOKE__ROLE__ROLE_ADMIN, NULL, 0);
	if (who == NULL) {
		fprintf(stderr, "harness: the plant has no engineer or admin\n");
		return NULL;
	}
	snprintf(name, sizeof name, "engineer@%s", tag);
	c = harness_client_at(y, name, "");
	if (!harness_sign_in(c, who->badge)) {
		client_free(c);
		return NULL;
	}
	return c;
}

Yoke__Reply *
harness_release_eng(const struct yoked *y, const struct plant *p, const char *work_order,
    const char *product, uint32_t quantity, const char *due, uint32_t priority, const char *rev)
{
	struct client *c = harness_engineer(y, p, "release");
	Yoke__Reply *rp;
	if (c == NULL)
		return NULL;
	rp = harness_release(c, work_order, product, quantity, due, priority, rev);
	client_reply_free(harness_badge_out(c));
	client_free(c);
	return rp;
}

struct yoked *
harness_start_loaded(const char *dir, struct plant **p)
{
	return harness_start_loaded_args(dir, p, NULL);
}

struct yoked *
harness_start_loaded_args(const char *dir, struct plant **p, const char *const *extra)
{
	struct yoked *y;
	struct client *c;
	Yoke__Reply *rp;

	*p = harness_plant_read(dir);
	if (*p == NULL)
		return NULL;
	y = harness_yoked_start_args(extra);
	if (y == NULL) {
		harness_plant_free(*p);
		*p = NULL;
		return NULL;
	}
	c = harness_client(y, "harness-loader");
	rp = harness_plant_load(c, *p);
	if (rp == NULL || rp->status != YOKE__STATUS__STATUS_OK) {
		fprintf(stderr, "harness: loading %s: %s %s\n", dir,
		    rp ? status_name(rp->status) : "no answer", rp ? rp->message : "");
		client_reply_free(rp);
		client_free(c);
		harness_yoked_free(y);
		harness_plant_free(*p);
		*p = NULL;
		return NULL;
	}
	client_reply_free(rp);
	y->plant = *p;
	if (!give_pins(c, *p)) {
		client_free(c);
		harness_yoked_free(y);
		harness_plant_free(*p);
		*p = NULL;
		return NULL;
	}
	client_free(c);
	return y;
}

/* ---- doing the work right ---- */

Yoke__Reply *
harness_step_right(struct client *c, const struct plant *p, const Yoke__UnitView *v,
    const char *inspector, const char *id)
{
	const Yoke__StepView *s;
	char scan[200];
	double value = 0;

	if (v->current_step >= v->n_steps)
		return NULL;
	s = v->steps[v->current_step];
	switch (s->kind) {
	case YOKE__STEP_KIND__STEP_INSTRUCT:
		return harness_step_confirm(c, v->serial, s->index);
	case YOKE__STEP_KIND__STEP_SCAN: {
		const Yoke__Part *part = harness_plant_part(p, s->part);
		if (part && part->tracking == YOKE__TRACKING__TRACKING_NONE)
			snprintf(scan, sizeof scan, "%s", s->part);
		else
			snprintf(scan, sizeof scan, "%s/%s", s->part, id);
		return harness_step_scan(c, v->serial, s->index, scan);
	}
	case YOKE__STEP_KIND__STEP_MEASURE:
		if (s->has_target)
			value = s->target;
		else if (s->has_lsl && s->has_usl)
			value = (s->lsl + s->usl) / 2;
		else if (s->has_lsl)
			value = s->lsl + 1;
		else if (s->has_usl)
			value = s->usl - 1;
		return harness_step_value(c, v->serial, s->index, value);
	case YOKE__STEP_KIND__STEP_CHECK:
		return harness_step_pass(c, v->serial, s->index, true);
	default:
		return harness_step_inspection(c, v->serial, s->index, true,
		    s->needs_inspector ? inspector : "", "harness: looks right");
	}
}

Yoke__Reply *
harness_do_operation(struct client *c, const struct plant *p, const char *serial,
    const char *inspector, const char *id_prefix, struct op_tally *tally)
{
	Yoke__Reply *rp = harness_open_unit(c, serial), *next;
	unsigned n = 0;

	while (rp && rp->status == YOKE__STATUS__STATUS_OK && rp->body_case == YOKE__REPLY__BODY_UNIT &&
	    rp->unit->current_step < rp->unit->n_steps && n < 1000) {
		char id[100];
		Yoke__StepKind kind = rp->unit->steps[rp->unit->current_step]->kind;
		snprintf(id, sizeof id, "%s-%u", id_prefix, n++);
		next = harness_step_right(c, p, rp->unit, inspector, id);
		client_reply_free(rp);
		rp = next;
		if (rp && rp->status == YOKE__STATUS__STATUS_OK && tally) {
			tally->steps++;
			tally->scans += kind == YOKE__STEP_KIND__STEP_SCAN;
			tally->measures += kind == YOKE__STEP_KIND__STEP_MEASURE;
			tally->inspections += kind == YOKE__STEP_KIND__STEP_INSPECT;
		}
	}
	if (rp == NULL || rp->status != YOKE__STATUS__STATUS_OK || rp->body_case != YOKE__REPLY__BODY_UNIT)
		return rp;
	client_reply_free(rp);
	return harness_complete(c, serial);
}

size_t
harness_count_events(const Yoke__TraceReply *t, Yoke__EventKind kind)
{
	size_t n = 0;
	for (size_t i = 0; t && i < t->n_events; i++)
		n += t->events[i]->kind == kind;
	return n;
}

/* ---- notices ---- */

Yoke__Notice *
harness_notice_wait(struct client *c, int timeout_ms)
{
	int64_t end = mono_ms() + timeout_ms;
	for (;;) {
		int64_t left = end - mono_ms();
		if (left < 0)
			left = 0;
		if (client_wait(c, -1, (int)left) == CLIENT_NOTICE)
			return client_take_notice(c);
		if (mono_ms() >= end)
			return NULL;
	}
}

/* ---- raw sockets ---- */

struct raw {
	void *ctx, *dealer, *mon;
	char terminal[CERT_ID_MAX + 1];
};

const char *
harness_raw_terminal(const struct raw *r)
{
	return r->terminal;
}

struct raw *
harness_raw_new(const struct yoked *y)
{
	static unsigned n;
	char name[64];
	snprintf(name, sizeof name, "raw-%u-%d@harness", n++, (int)getpid());
	return harness_raw_new_as(y, name);
}

static struct raw *raw_open(const struct yoked *y, const struct cert *c, bool deaf);

struct raw *
harness_raw_stranger(const struct yoked *y, char *key)
{
	struct cert c;
	struct raw *r;
	memset(&c, 0, sizeof c);
	if (key == NULL)
		return raw_open(y, NULL, false);
	if (!curve_keypair(&c))
		log_fatal("harness: no key pair");
	if (!y->plain) {
		char path[400], err[300];
		struct cert server;
		snprintf(path, sizeof path, "%s/server.key", y->keys);
		if (!cert_read(path, CERT_SERVER, &server, err, sizeof err))
			log_fatal("harness: %s", err);
		memcpy(c.server_key, server.public_key, sizeof c.server_key);
	}
	memcpy(key, c.public_key, CERT_KEY_LEN + 1);
	r = raw_open(y, &c, false);
	strlcpy_yk(r->terminal, "(stranger)", sizeof r->terminal);
	return r;
}

struct raw *
harness_raw_deaf(const struct yoked *y, const char *terminal)
{
	struct cert c;
	struct raw *r;
	if (y->plain)
		return raw_open(y, NULL, true);
	if (!harness_enrol(y, terminal, "*", &c))
		log_fatal("harness: cannot enrol %s", terminal);
	r = raw_open(y, &c, true);
	strlcpy_yk(r->terminal, terminal, sizeof r->terminal);
	return r;
}

struct raw *
harness_raw_new_as(const struct yoked *y, const char *terminal)
{
	struct cert c;
	struct raw *r;
	if (y->plain)
		return raw_open(y, NULL, false);
	if (!harness_enrol(y, terminal, "*", &c))
		log_fatal("harness: cannot enrol %s", terminal);
	r = raw_open(y, &c, false);
	strlcpy_yk(r->terminal, terminal, sizeof r->terminal);
	return r;
}

/* A DEALER with a monitor, a CURVE client of c's server when c is given. */
static struct raw *
raw_open(const struct yoked *y, const struct cert *c, bool deaf)
{
	static unsigned counter;
	struct raw *r = xcalloc(1, sizeof *r);
	char ep[64];
	int linger = 0;

	r->ctx = zmq_ctx_new();
	r->dealer = zmq_socket(r->ctx, ZMQ_DEALER);
	zmq_setsockopt(r->dealer, ZMQ_LINGER, &linger, sizeof linger);
	if (deaf) {
		int one = 1, small = 4096;
		zmq_setsockopt(r->dealer, ZMQ_RCVHWM, &one, sizeof one);
		zmq_setsockopt(r->dealer, ZMQ_RCVBUF, &small, sizeof small);
	}
	if (c) {
		zmq_setsockopt(r->dealer, ZMQ_CURVE_SERVERKEY, c->server_key, CERT_KEY_LEN);
		zmq_setsockopt(r->dealer, ZMQ_CURVE_PUBLICKEY, c->public_key, CERT_KEY_LEN);
		zmq_setsockopt(r->dealer, ZMQ_CURVE_SECRETKEY, c->secret_key, CERT_KEY_LEN);
	}
	snprintf(ep, sizeof ep, "inproc://harness-monitor-%u", counter++);
	zmq_socket_monitor(r->dealer, ep, ZMQ_EVENT_DISCONNECTED);
	r->mon = zmq_socket(r->ctx, ZMQ_PAIR);
	zmq_setsockopt(r->mon, ZMQ_LINGER, &linger, sizeof linger);
	zmq_connect(r->mon, ep);
	zmq_connect(r->dealer, y->endpoint);
	return r;
}

void
harness_raw_free(struct raw *r)
{
	if (r == NULL)
		return;
	zmq_socket_monitor(r->dealer, NULL, 0);
	zmq_close(r->mon);
	zmq_close(r->dealer);
	zmq_ctx_term(r->ctx);
	free(r);
}

bool
harness_raw_send(struct raw *r, const void *const *frames, const size_t *lens, int n)
{
	/* Without a connection a DEALER would block for good (a handshake the
	 * server refused leaves it with none): give up after a while. */
	int64_t end = mono_ms() + 2000;
	for (int i = 0; i < n; i++) {
		int flags = ZMQ_DONTWAIT | (i + 1 < n ? ZMQ_SNDMORE : 0);
		while (zmq_send(r->dealer, frames[i], lens[i], flags) < 0) {
			if (errno != EAGAIN || mono_ms() > end)
				return false;
			harness_sleep_ms(5);
		}
	}
	return true;
}

bool
harness_raw_send1(struct raw *r, const void *buf, size_t len)
{
	return harness_raw_send(r, &buf, &len, 1);
}

uint8_t *
harness_raw_recv(struct raw *r, int timeout_ms, size_t *len)
{
	zmq_pollitem_t it = { .socket = r->dealer, .events = ZMQ_POLLIN };
	zmq_msg_t m;
	uint8_t *out = NULL;

	*len = 0;
	if (zmq_poll(&it, 1, timeout_ms) <= 0)
		return NULL;
	zmq_msg_init(&m);
	for (;;) {
		if (zmq_msg_recv(&m, r->dealer, 0) < 0)
			break;
		if (!zmq_msg_more(&m)) {
			*len = zmq_msg_size(&m);
			out = xmalloc(*len + 1);
			memcpy(out, zmq_msg_data(&m), *len);
			break;
		}
	}
	zmq_msg_close(&m);
	return out;
}

Yoke__Reply *
harness_raw_call(struct raw *r, const void *buf, size_t len, int timeout_ms)
{
	size_t n;
	uint8_t *got;
	Yoke__Reply *rp;
	if (!harness_raw_send1(r, buf, len))
		return NULL;
	got = harness_raw_recv(r, timeout_ms, &n);
	if (got == NULL)
		return NULL;
	rp = yoke__reply__unpack(NULL, n, got);
	free(got);
	return rp;
}

bool
harness_raw_wait_disconnect(struct raw *r, int timeout_ms)
{
	int64_t end = mono_ms() + timeout_ms;
	for (;;) {
		zmq_pollitem_t it = { .socket = r->mon, .events = ZMQ_POLLIN };
		int64_t left = end - mono_ms();
		zmq_msg_t m;
		uint16_t event = 0;
		if (left <= 0 || zmq_poll(&it, 1, (long)left) <= 0)
			return false;
		zmq_msg_init(&m);
		if (zmq_msg_recv(&m, r->mon, 0) >= 0 && zmq_msg_size(&m) >= 2)
			memcpy(&event, zmq_msg_data(&m), 2);
		while (zmq_msg_more(&m) && zmq_msg_recv(&m, r->mon, 0) >= 0)
			;
		zmq_msg_close(&m);
		if (event == ZMQ_EVENT_DISCONNECTED)
			return true;
	}
}

uint8_t *
harness_pack(const Yoke__Request *rq, size_t *len)
{
	uint8_t *buf;
	*len = yoke__request__get_packed_size(rq);
	buf = xmalloc(*len + 1);
	yoke__request__pack(rq, buf);
	return buf;
}
