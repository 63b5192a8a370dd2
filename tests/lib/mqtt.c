/* mqtt.c — see mqtt.h. */
#include "tests/lib/mqtt.h"
#include "shared/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A port the kernel had free a moment ago. */
static int
free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0), port = -1;
	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(s, (struct sockaddr *)&a, &al) == 0)
		port = ntohs(a.sin_port);
	if (s >= 0)
		close(s);
	return port;
}

static bool
port_open(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
		.sin_port = htons((uint16_t)port) };
	int s = socket(AF_INET, SOCK_STREAM, 0);
	bool ok = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0;
	if (s >= 0)
		close(s);
	return ok;
}

static pid_t
spawn(char *const argv[], const char *log)
{
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(126);
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644), nul = open("/dev/null", O_RDONLY);
		if (nul >= 0)
			dup2(nul, 0);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], argv);
		dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

static void
stop_pid(pid_t *pid, int *status)
{
	int st = 0;
	if (*pid <= 0)
		return;
	kill(*pid, SIGTERM);
	for (int i = 0; i < 100; i++) {
		if (waitpid(*pid, &st, WNOHANG) == *pid) {
			*pid = 0;
			if (status)
				*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
			return;
		}
		harness_sleep_ms(50);
	}
	kill(*pid, SIGKILL);
	waitpid(*pid, NULL, 0);
	*pid = 0;
	if (status)
		*status = -1;
}

bool
mqtt_broker_start(struct broker *b)
{
	const char *tmp = getenv("TMPDIR");
	char conf[320], log[320];
	FILE *f;

	memset(b, 0, sizeof *b);
	snprintf(b->dir, sizeof b->dir, "%s/yoke-mqtt-XXXXXX", str_empty(tmp) ? "/tmp" : tmp);
	if (mkdtemp(b->dir) == NULL) {
		fprintf(stderr, "mqtt: mkdtemp: %s\n", strerror(errno));
		return false;
	}
	snprintf(conf, sizeof conf, "%s/mosquitto.conf", b->dir);
	snprintf(log, sizeof log, "%s/mosquitto.log", b->dir);
	for (int attempt = 0; attempt < 5; attempt++) {
		if ((b->port = free_port()) < 0 || (f = fopen(conf, "w")) == NULL)
			return false;
		fprintf(f, "listener %d 127.0.0.1\nallow_anonymous true\npersistence false\n"
		    "max_queued_messages 100000\n", b->port);
		fclose(f);
		char *argv[] = { (char *)"/usr/sbin/mosquitto", (char *)"-c", conf, NULL };
		if (access(argv[0], X_OK) != 0)
			argv[0] = (char *)"/usr/bin/mosquitto";
		b->pid = spawn(argv, log);
		for (int i = 0; i < 100 && !port_open(b->port); i++) {
			if (waitpid(b->pid, NULL, WNOHANG) == b->pid) {
				b->pid = 0;
				break;
			}
			harness_sleep_ms(50);
		}
		if (b->pid > 0 && port_open(b->port))
			return true;
		stop_pid(&b->pid, NULL);
	}
	fprintf(stderr, "mqtt: mosquitto would not start (see %s)\n", log);
	return false;
}

void
mqtt_broker_stop(struct broker *b)
{
	char path[400];
	stop_pid(&b->pid, NULL);
	if (b->dir[0] && getenv("YOKE_KEEP_TEST_DIRS") == NULL) {
		snprintf(path, sizeof path, "%s/mosquitto.conf", b->dir);
		unlink(path);
		snprintf(path, sizeof path, "%s/mosquitto.log", b->dir);
		unlink(path);
		rmdir(b->dir);
	}
	b->dir[0] = '\0';
}

char *
mqtt_bridge_log(const struct bridge *br)
{
	FILE *f = fopen(br->log, "r");
	char *buf = xcalloc(1, 1 << 20);
	size_t n = f ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	return buf;
}

bool
mqtt_bridge_start(struct bridge *br, const struct yoked *y, const struct broker *b,
    const char *terminal, const char *stations, const char *const *extra)
{
	const char *bin = getenv("YOKE_BIN");
	char path[400], certp[600], brk[64];
	struct cert cert;
	char *argv[24];
	int n = 0;

	memset(br, 0, sizeof *br);
	if (!harness_enrol(y, terminal, stations, &cert))
		return false;
	snprintf(path, sizeof path, "%s/yoke-bridge", str_empty(bin) ? "bin" : bin);
	snprintf(certp, sizeof certp, "%s/devices/%s.cert", y->keys, terminal);
	snprintf(brk, sizeof brk, "127.0.0.1:%d", b->port);
	snprintf(br->log, sizeof br->log, "%s/bridge-%s.log", y->root, terminal);
	argv[n++] = path;
	argv[n++] = (char *)"--cert";
	argv[n++] = certp;
	argv[n++] = (char *)"--server";
	argv[n++] = (char *)y->endpoint;
	argv[n++] = (char *)"--broker";
	argv[n++] = brk;
	argv[n++] = (char *)"--batch-ms";
	argv[n++] = (char *)"50";
	for (int i = 0; extra && extra[i] && n < 22; i++)
		argv[n++] = (char *)extra[i];
	argv[n] = NULL;
	br->pid = spawn(argv, br->log);
	for (int i = 0; i < 200; i++) {
		char *log = mqtt_bridge_log(br);
		bool up = strstr(log, "subscriptions acknowledged") != NULL;
		free(log);
		if (up)
			return true;
		if (waitpid(br->pid, NULL, WNOHANG) == br->pid) {
			br->pid = 0;
			break;
		}
		harness_sleep_ms(50);
	}
	fprintf(stderr, "mqtt: yoke-bridge did not subscribe (see %s)\n", br->log);
	return false;
}

int
mqtt_bridge_stop(struct bridge *br)
{
	int st = -1;
	stop_pid(&br->pid, &st);
	return st;
}

struct mqtt_pub {
	struct mosquitto *m;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int last_acked;
};

static void
on_publish(struct mosquitto *m, void *ud, int mid)
{
	struct mqtt_pub *p = ud;
	(void)m;
	pthread_mutex_lock(&p->mu);
	p->last_acked = mid;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

struct mqtt_pub *
mqtt_pub_new(const struct broker *b)
{
	struct mqtt_pub *p = xcalloc(1, sizeof *p);
	mosquitto_lib_init();
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->last_acked = -1;
	p->m = mosquitto_new(NULL, true, p);
	if (p->m == NULL)
		goto fail;
	mosquitto_publish_callback_set(p->m, on_publish);
	mosquitto_max_inflight_messages_set(p->m, 0);
	if (mosquitto_connect(p->m, "127.0.0.1", b->port, 30) != MOSQ_ERR_SUCCESS ||
	    mosquitto_loop_start(p->m) != MOSQ_ERR_SUCCESS)
		goto fail;
	return p;
fail:
	fprintf(stderr, "mqtt: cannot connect a publisher to port %d\n", b->port);
	if (p->m)
		mosquitto_destroy(p->m);
	free(p);
	return NULL;
}

bool
mqtt_pub(struct mqtt_pub *p, const char *topic, const void *payload, size_t len)
{
	int mid = 0;
	bool ok;
	int64_t end = mono_ms() + 5000;
	if (mosquitto_publish(p->m, &mid, topic, (int)len, payload, 1, false) != MOSQ_ERR_SUCCESS)
		return false;
	pthread_mutex_lock(&p->mu);
	while (p->last_acked != mid && mono_ms() < end) {
		pthread_mutex_unlock(&p->mu);
		harness_sleep_ms(2);
		pthread_mutex_lock(&p->mu);
	}
	ok = p->last_acked == mid;
	pthread_mutex_unlock(&p->mu);
	return ok;
}

bool
mqtt_pub_fast(struct mqtt_pub *p, const char *topic, const void *payload, size_t len)
{
	return mosquitto_publish(p->m, NULL, topic, (int)len, payload, 0, false) == MOSQ_ERR_SUCCESS;
}

void
mqtt_pub_free(struct mqtt_pub *p)
{
	if (p == NULL)
		return;
	mosquitto_disconnect(p->m);
	mosquitto_loop_stop(p->m, false);
	mosquitto_destroy(p->m);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}
