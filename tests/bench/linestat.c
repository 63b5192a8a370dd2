/*
 * linestat — what the line monitor costs: LineStatus requests sent one
 * after another, as a lead's screen would send them, while loadgen works
 * the bench plant (bench_common.h), and how long each took from send to
 * reply.
 *
 *   linestat --endpoint EP --keys DIR [--count N] [--every MS]
 *       signs in as the bench engineer (ENG-1, BENCH_PIN) from the
 *       bench-trace certificate (a desk; loadgen uses it only for its
 *       trace command), then sends N LineStatus (default 200), one every
 *       MS milliseconds (default 0: back to back). Prints the stations in
 *       a reply, its size, the median, p90 and p99 latency and the
 *       slowest, and a line "RESULT ...".
 */
#include "tests/bench/bench_common.h"

#include "proto/client.h"

#include <stdbool.h>

int
main(int argc, char **argv)
{
	const char *endpoint = NULL, *keys = NULL;
	long count = 200, every_ms = 0;
	struct bench_samples s = { 0 };
	struct client_options opt = { .timeout_ms = 5000, .offline_after = 3, .ping_ms = 0 };
	struct cert c;
	char err[600];
	size_t stations = 0, bytes = 0;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--endpoint") == 0)
			endpoint = argv[i + 1];
		else if (strcmp(argv[i], "--keys") == 0)
			keys = argv[i + 1];
		else if (strcmp(argv[i], "--count") == 0)
			count = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--every") == 0)
			every_ms = strtol(argv[i + 1], NULL, 10);
		else {
			fprintf(stderr, "linestat: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (endpoint == NULL || keys == NULL || count < 1) {
		fprintf(stderr, "usage: linestat --endpoint EP --keys DIR [--count N] [--every MS]\n");
		return 2;
	}
	if (!bench_read_device(keys, BENCH_TRACE_TERMINAL, &c, err, sizeof err)) {
		fprintf(stderr, "linestat: %s\n", err);
		return 2;
	}
	opt.cert = &c;
	struct client *cl = client_new(endpoint, NULL, &opt);
	{
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__BadgeIn b = YOKE__BADGE_IN__INIT;
		b.station = (char *)"";
		b.badge = (char *)BENCH_ENGINEER;
		b.pin = (char *)BENCH_PIN;
		rq.body_case = YOKE__REQUEST__BODY_BADGE_IN;
		rq.badge_in = &b;
		Yoke__Reply *rp = client_call(cl, &rq, 5);
		if (rp == NULL || rp->status != YOKE__STATUS__STATUS_OK || rp->badge_in == NULL) {
			fprintf(stderr, "linestat: sign-in refused: %s\n", rp ? rp->message : "no answer");
			return 1;
		}
		client_set_session(cl, rp->badge_in->session);
		client_reply_free(rp);
	}
	for (long i = 0; i < count; i++) {
		Yoke__Request rq = YOKE__REQUEST__INIT;
		Yoke__LineStatusQuery q = YOKE__LINE_STATUS_QUERY__INIT;
		q.station = (char *)"";
		rq.body_case = YOKE__REQUEST__BODY_LINE_STATUS;
		rq.line_status = &q;
		int64_t t0 = bench_ns();
		Yoke__Reply *rp = client_call(cl, &rq, 3);
		int64_t t1 = bench_ns();
		if (rp == NULL || rp->status != YOKE__STATUS__STATUS_OK) {
			fprintf(stderr, "linestat: %s\n", rp ? rp->message : "no answer");
			return 1;
		}
		stations = rp->line_status->n_stations;
		bytes = yoke__reply__get_packed_size(rp);
		client_reply_free(rp);
		bench_sample_add(&s, t1 - t0);
		if (every_ms > 0)
			usleep((useconds_t)every_ms * 1000);
	}
	bench_sample_sort(&s);
	printf("%zu stations, %zu bytes a reply; latency median %.0f us, p90 %.0f us, p99 %.0f us, "
	    "max %.0f us over %ld requests\n", stations, bytes, bench_pct_us(&s, 50),
	    bench_pct_us(&s, 90), bench_pct_us(&s, 99), bench_pct_us(&s, 100), count);
	printf("RESULT stations=%zu bytes=%zu p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f\n",
	    stations, bytes, bench_pct_us(&s, 50), bench_pct_us(&s, 90), bench_pct_us(&s, 99),
	    bench_pct_us(&s, 100));
	client_free(cl);
	free(s.ns);
	return 0;
}
