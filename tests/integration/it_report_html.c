/*
 * it_report_html.c — `yokectl report --html` against a real yoked, and its
 * page rendered by a real browser (headless Chromium, /usr/bin/chromium).
 *
 * The plant (tests/data/plant-report-html) is plant-coq's gadget with its
 * supply voltage an SPC characteristic (CL 5, UCL 5.1, LCL 4.9, spec
 * 4.75..5.25) and a defect whose code is `<script>` and whose text holds
 * markup, an ampersand, quotes and Chinese. Six units: good ones at 5.00,
 * 4.98, 5.15 (beyond the UCL, inside the spec: out of control), 5.01; one
 * failed at assembly with `<script>` and reworked (then 5.02); one whose
 * supply reads 9 V twice, scrapped.
 *
 * The page must hold the five sections and their charts, show every
 * plant name as text (escaped: the `<script>` never reaches a browser as
 * an element), reference nothing outside itself, and be drawn: the
 * browser's DOM has the SVG elements and the section titles, and its
 * screenshot has the charts' colours over thousands of pixels. The same
 * screenshot check run on a copy of the page whose SVG is hidden must
 * fail (so the check can tell a page without charts). A period without
 * data gives a page that says so.
 */
#include "tests/lib/check.h"
#include "tests/lib/ctl_run.h"
#include "tests/lib/harness.h"
#include "shared/util.h"

#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OK YOKE__STATUS__STATUS_OK
#define PLANT "tests/data/plant-report-html"
#define CHROMIUM "/usr/bin/chromium"
/* Seconds a browser run may take before it is killed. */
#define BROWSER_TIMEOUT "90"

static struct yoked *y;
static struct plant *plant;
static struct client *assy, *test, *rep, *qa;
static char today[16];

static int
status_of(Yoke__Reply *rp)
{
	int st = rp ? (int)rp->status : -1;
	if (rp && rp->status != OK)
		fprintf(stderr, "    %s: %s\n", status_name(rp->status), rp->message);
	client_reply_free(rp);
	return st;
}

static Yoke__Reply *
fail_step(struct client *c, const char *serial, uint32_t step, bool measure, double v,
    const char *defect)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__StepRecord s = YOKE__STEP_RECORD__INIT;
	Yoke__Defect d = YOKE__DEFECT__INIT;
	s.serial = (char *)serial;
	s.step = step;
	if (measure) {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_VALUE;
		s.value = v;
	} else {
		s.entry_case = YOKE__STEP_RECORD__ENTRY_PASS;
		s.pass = false;
	}
	d.code = (char *)defect;
	s.defect = &d;
	rq.body_case = YOKE__REQUEST__BODY_STEP;
	rq.step = &s;
	return harness_call(c, &rq, HARNESS_TRIES);
}

static int
disposition(const char *ncr, Yoke__DispositionKind kind)
{
	Yoke__Request rq = YOKE__REQUEST__INIT;
	Yoke__NcrDisposition d = YOKE__NCR_DISPOSITION__INIT;
	Yoke__Signature s1, *sigs[1] = { &s1 };
	yoke__signature__init(&s1);
	s1.badge = (char *)"200";
	s1.pin = (char *)HARNESS_PIN;
	d.number = (char *)ncr;
	d.kind = kind;
	d.signatures = sigs;
	d.n_signatures = 1;
	d.remove = (char *)"";
	d.fit = (char *)"";
	rq.body_case = YOKE__REQUEST__BODY_DISPOSITION;
	rq.disposition = &d;
	return status_of(harness_call(qa, &rq, HARNESS_TRIES));
}

static bool
assemble(const char *serial, const char *board)
{
	return status_of(harness_open_unit(assy, serial)) == OK &&
	    status_of(harness_step_scan(assy, serial, 0, board)) == OK &&
	    status_of(harness_step_scan(assy, serial, 1, "IC-555/L1")) == OK &&
	    status_of(harness_step_pass(assy, serial, 2, true)) == OK &&
	    status_of(harness_complete(assy, serial)) == OK;
}

static bool
final_test(const char *serial, double volts)
{
	return status_of(harness_open_unit(test, serial)) == OK &&
	    status_of(harness_step_value(test, serial, 0, volts)) == OK &&
	    status_of(harness_step_inspection(test, serial, 1, true, NULL, "ok")) == OK &&
	    status_of(harness_complete(test, serial)) == OK;
}

/* The last NCR of a unit's reply, or NULL. */
static char *
ncr_of(Yoke__Reply *rp)
{
	char *ncr = NULL;
	if (rp && rp->body_case == YOKE__REPLY__BODY_UNIT && rp->unit->n_ncrs > 0)
		ncr = xstrdup(rp->unit->ncrs[rp->unit->n_ncrs - 1]);
	client_reply_free(rp);
	return ncr;
}

static bool
badge(struct client **c, const char *terminal, const char *station, const char *who)
{
	*c = harness_client(y, terminal);
	return status_of(harness_badge_in(*c, station, who)) == OK;
}

static bool
setup(void)
{
	struct client *eng;
	struct cert cert;
	char certfile[700];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if ((y = harness_start_loaded(PLANT, &plant)) == NULL)
		return false;
	if ((eng = harness_engineer(y, plant, "report")) == NULL)
		return false;
	bool ok = status_of(harness_release(eng, "WO1", "GADGET", 6, "2030-01-31", 0, NULL)) == OK;
	client_free(eng);
	ok = ok && badge(&assy, "ASSY-1@it", "ASSY-1", "100") && badge(&test, "TEST-1@it", "TEST-1",
	    "101") && badge(&rep, "REPAIR-1@it", "REPAIR-1", "102");
	qa = harness_client(y, "harness-qa");
	if (!ok || !harness_sign_in(qa, "200") || !harness_enrol(y, "ctl@report", "", &cert))
		return false;
	snprintf(certfile, sizeof certfile, "%s/devices/ctl@report.cert", y->keys);
	ctl_run_paths(certfile, y->root);
	/* The report signs nobody in: its PIN descriptor reads an empty file. */
	FILE *f = fopen(ctl_pins, "w");
	return f != NULL && fclose(f) == 0;
}

/* The units of the header comment. */
static bool
make_units(void)
{
	char *ncr;
	Yoke__Reply *rp;

	if (!assemble("WO1-0001", "BOARD-1/B1") || !final_test("WO1-0001", 5.0))
		return false;
	/* Failed at assembly with the defect coded `<script>`, reworked, then good. */
	if (status_of(harness_open_unit(assy, "WO1-0002")) != OK ||
	    status_of(harness_step_scan(assy, "WO1-0002", 0, "BOARD-1/B2")) != OK ||
	    status_of(harness_step_scan(assy, "WO1-0002", 1, "IC-555/L1")) != OK ||
	    (ncr = ncr_of(fail_step(assy, "WO1-0002", 2, false, 0, "<script>"))) == NULL)
		return false;
	bool ok = disposition(ncr, YOKE__DISPOSITION_KIND__DISPOSITION_REWORK) == OK;
	free(ncr);
	ok = ok && status_of(harness_open_unit(rep, "WO1-0002")) == OK &&
	    status_of(harness_step_confirm(rep, "WO1-0002", 0)) == OK &&
	    status_of(harness_step_inspection(rep, "WO1-0002", 1, true, "201", "ok")) == OK &&
	    status_of(harness_complete(rep, "WO1-0002")) == OK &&
	    assemble("WO1-0002", "BOARD-1/B2") && final_test("WO1-0002", 5.02);
	/* 9 V twice: an NCR, scrapped. */
	ok = ok && assemble("WO1-0003", "BOARD-1/B3") &&
	    status_of(harness_open_unit(test, "WO1-0003")) == OK &&
	    status_of(fail_step(test, "WO1-0003", 0, true, 9.0, "VOLTAGE")) ==
	    YOKE__STATUS__STATUS_MEASURE_AGAIN;
	if (!ok)
		return false;
	rp = fail_step(test, "WO1-0003", 0, true, 9.0, "VOLTAGE");
	if ((ncr = ncr_of(rp)) == NULL)
		return false;
	ok = disposition(ncr, YOKE__DISPOSITION_KIND__DISPOSITION_SCRAP) == OK;
	free(ncr);
	return ok && assemble("WO1-0004", "BOARD-1/B4") && final_test("WO1-0004", 4.98) &&
	    assemble("WO1-0005", "BOARD-1/B5") && final_test("WO1-0005", 5.15) &&
	    assemble("WO1-0006", "BOARD-1/B6") && final_test("WO1-0006", 5.01);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/*
 * Runs Chromium headless on file://page with one more argument (--dump-dom
 * or --screenshot=PNG), its stdout into out (may be NULL). In its own
 * process group, under timeout(1); the group is killed afterwards so no
 * browser process outlives the run. Its profile is a fresh folder in the
 * test's root (removed with it). The exit status, or -1.
 */
static int
chromium(const char *page, const char *arg, const char *out)
{
	static int runs;
	char profile[400], url[600], *cmd[16];
	int st, n = 0;
	pid_t pid;

	snprintf(profile, sizeof profile, "%s/chromium-%d", y->root, ++runs);
	snprintf(url, sizeof url, "file://%s", page);
	if (mkdir(profile, 0700) != 0)
		return -1;
	cmd[n++] = (char *)"timeout";
	cmd[n++] = (char *)"-k";
	cmd[n++] = (char *)"5";
	cmd[n++] = (char *)BROWSER_TIMEOUT;
	cmd[n++] = (char *)CHROMIUM;
	cmd[n++] = (char *)"--headless";
	cmd[n++] = (char *)"--no-sandbox";
	cmd[n++] = (char *)"--disable-gpu";
	char userdir[450];
	snprintf(userdir, sizeof userdir, "--user-data-dir=%s", profile);
	cmd[n++] = userdir;
	cmd[n++] = (char *)"--window-size=1200,3000";
	cmd[n++] = (char *)arg;
	cmd[n++] = url;
	cmd[n] = NULL;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		setpgid(0, 0);
		int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_WRONLY);
		if (fd >= 0)
			dup2(fd, 1);
		if (nul >= 0)
			dup2(nul, 2);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	setpgid(pid, pid);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	kill(-pid, SIGKILL);                /* what it left behind, if anything */
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Pixels of the screenshot within 40 of a colour on each channel. */
struct shot {
	unsigned w, h;
	unsigned long green, blue, red, white, colours;
};

static bool
near(const unsigned char *p, unsigned rgb)
{
	int r = (int)(rgb >> 16), g = (int)((rgb >> 8) & 0xff), b = (int)(rgb & 0xff);
	return abs(p[0] - r) <= 40 && abs(p[1] - g) <= 40 && abs(p[2] - b) <= 40;
}

static bool
read_shot(const char *path, struct shot *s)
{
	png_image img;
	unsigned char *px;
	static unsigned char seen[1 << 15];      /* 5 bits a channel: distinct colours */

	memset(&img, 0, sizeof img);
	memset(s, 0, sizeof *s);
	memset(seen, 0, sizeof seen);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path))
		return false;
	img.format = PNG_FORMAT_RGB;
	px = malloc(PNG_IMAGE_SIZE(img));
	if (px == NULL || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
		free(px);
		png_image_free(&img);
		return false;
	}
	s->w = img.width;
	s->h = img.height;
	for (size_t i = 0; i < (size_t)img.width * img.height; i++) {
		const unsigned char *p = px + 3 * i;
		unsigned key = (unsigned)(p[0] >> 3) << 10 | (unsigned)(p[1] >> 3) << 5 | p[2] >> 3;
		if (!seen[key]) {
			seen[key] = 1;
			s->colours++;
		}
		s->green += near(p, 0x2e7d32);
		s->blue += near(p, 0x1565c0);
		s->red += near(p, 0xc62828);
		s->white += p[0] > 245 && p[1] > 245 && p[2] > 245;
	}
	free(px);
	return true;
}

/* Drawn: each of the charts' colours over more pixels than the little
 * swatches of the table (4 of 10 x 10) could give. */
static bool
charts_drawn(const struct shot *s)
{
	return s->green > 2000 && s->blue > 2000 && s->red > 2000 && s->colours > 30;
}

static void
test_empty_period(void)
{
	char page[400], dom[400];
	char *html, *text;

	REQUIRE(access(ctl_path(), X_OK) == 0);
	REQUIRE(setup());
	snprintf(page, sizeof page, "%s/empty.html", y->root);
	EXPECT_RC(0, "C.UTF-8", "report", "--from", "2001-01-01", "--to", "2001-01-31", "--html", page);
	HAS(ctl_out, "no data for 2001-01-01 to 2001-01-31");
	REQUIRE((html = slurp(page)) != NULL);
	HAS(html, "No data for this period");
	HAS(html, "No NCR was opened in the period.");
	HAS(html, "No characteristic was measured in the period.");
	CHECK_INT(count(html, "<svg"), 0);
	free(html);
	snprintf(dom, sizeof dom, "%s/empty.dom", y->root);
	REQUIRE(access(CHROMIUM, X_OK) == 0);
	CHECK_INT(chromium(page, "--dump-dom", dom), 0);
	REQUIRE((text = slurp(dom)) != NULL);
	HAS(text, "No data for this period");
	HAS(text, "<h2>SPC charts</h2>");
	free(text);

	/* Usage: no file, dates the wrong way round, a language yoke does not have. */
	EXPECT_RC(2, "C.UTF-8", "report", "--from", today, "--to", today, "--html");
	EXPECT_RC(2, "C.UTF-8", "report", "--from", "2025-03-02", "--to", "2025-03-01", "--html", page);
	EXPECT_RC(2, "C.UTF-8", "report", "--from", today, "--to", today, "--lang", "fr", "--html", page);
	EXPECT_RC(2, "C.UTF-8", "report", "--from", today, "--to", today, "--period", "year", "--html", page);
	/* A folder that is not there: a local failure, and no page. */
	EXPECT_RC(4, "C.UTF-8", "report", "--from", today, "--to", today, "--html", "/nonexistent/r.html");
}

static void
test_report(void)
{
	char page[400], page_zh[400], dom[400], png[400], hidden[400], png_hidden[400];
	char *html, *text;
	struct shot s;

	REQUIRE(y != NULL);
	REQUIRE(make_units());
	snprintf(page, sizeof page, "%s/report.html", y->root);
	EXPECT_RC(0, "C.UTF-8", "report", "--from", today, "--to", today, "--plant",
	    "<Plant & 'Co'>", "--html", page);
	HAS(ctl_out, "1 SPC chart");
	REQUIRE((html = slurp(page)) != NULL);

	/* The sections and their charts: trend, two Paretos, FPY, one control chart. */
	HAS(html, "<!DOCTYPE html>");
	HAS(html, "<meta charset=\"utf-8\">");
	for (const char *const *id = (const char *const[]){ "categories", "trend", "pareto", "fpy",
	    "spc", NULL }; *id; id++) {
		char want[64];
		snprintf(want, sizeof want, "<section id=\"%s\">", *id);
		HAS(html, want);
	}
	CHECK_INT(count(html, "<svg class=\"chart\""), 5);
	CHECK_INT(count(html, "</svg>"), 5);
	HAS(html, "CNY");
	HAS(html, "R1");
	HAS(html, "supply at station TEST-1");
	HAS(html, ">UCL 5.1</text>");
	HAS(html, ">USL 5.25</text>");
	/* 5.15 is beyond the UCL: marked; the scrapped unit's 9 V too. */
	CHECK(count(html, "class=\"out\"") >= 1);
	HAS(html, "TEST-1");
	HAS(html, "ASSY-1");
	/* Plant text as text: the defect code, its text, the plant's name. */
	LACKS(html, "<script");
	LACKS(html, "<b>");
	HAS(html, "&lt;script&gt;");
	HAS(html, "&lt;b&gt;Board&lt;/b&gt; &amp; &#39;not&#39; seated 主板未装到位");
	HAS(html, "&lt;Plant &amp; &#39;Co&#39;&gt;");
	/* Nothing from outside. */
	LACKS(html, "http:");
	LACKS(html, "https:");
	LACKS(html, "src=");
	LACKS(html, "href");
	LACKS(html, "url(");
	LACKS(html, "@import");

	/* The browser's DOM: the SVG elements and the section titles. */
	snprintf(dom, sizeof dom, "%s/report.dom", y->root);
	CHECK_INT(chromium(page, "--dump-dom", dom), 0);
	REQUIRE((text = slurp(dom)) != NULL);
	CHECK_INT(count(text, "<svg class=\"chart\""), 5);
	CHECK(count(text, "<rect class=\"bar\"") >= 6);
	CHECK(count(text, "<circle class=\"out\"") >= 1);
	HAS(text, "<h2>Cost of quality by category</h2>");
	HAS(text, "<h2>Cost of quality per period</h2>");
	HAS(text, "<h2>Defect Pareto by cost</h2>");
	HAS(text, "<h2>Defect Pareto by count</h2>");
	HAS(text, "<h2>First-pass yield per station</h2>");
	HAS(text, "<h2>SPC charts</h2>");
	/* The defect code stayed text: no script element in the document. */
	LACKS(text, "<script");
	HAS(text, "&lt;script&gt;");
	free(text);

	/* The screenshot: the charts are drawn. */
	snprintf(png, sizeof png, "--screenshot=%s/report.png", y->root);
	CHECK_INT(chromium(page, png, NULL), 0);
	REQUIRE(read_shot(png + strlen("--screenshot="), &s));
	CHECK_INT(s.w, 1200);
	CHECK(s.white < (unsigned long)s.w * s.h);
	fprintf(stderr, "    screenshot: green %lu blue %lu red %lu, %lu colours\n", s.green, s.blue,
	    s.red, s.colours);
	if (!charts_drawn(&s))
		check_fail(__FILE__, __LINE__, "charts not drawn: green %lu blue %lu red %lu, %lu "
		    "colours", s.green, s.blue, s.red, s.colours);
	/* The same page with its SVG hidden must not pass that check. */
	snprintf(hidden, sizeof hidden, "%s/hidden.html", y->root);
	FILE *f = fopen(hidden, "w");
	REQUIRE(f != NULL);
	fputs("<style>svg.chart{display:none !important}</style>", f);
	fputs(html, f);
	fclose(f);
	snprintf(png_hidden, sizeof png_hidden, "--screenshot=%s/hidden.png", y->root);
	CHECK_INT(chromium(hidden, png_hidden, NULL), 0);
	REQUIRE(read_shot(png_hidden + strlen("--screenshot="), &s));
	if (charts_drawn(&s))
		check_fail(__FILE__, __LINE__, "hidden charts seen: green %lu blue %lu red %lu, %lu "
		    "colours", s.green, s.blue, s.red, s.colours);
	free(html);

	/* In Chinese: the words of the page, the data as it is. */
	snprintf(page_zh, sizeof page_zh, "%s/report-zh.html", y->root);
	EXPECT_RC(0, "C.UTF-8", "report", "--from", today, "--to", today, "--lang", "zh_CN",
	    "--period", "month", "--html", page_zh);
	REQUIRE((html = slurp(page_zh)) != NULL);
	HAS(html, "<html lang=\"zh-CN\">");
	HAS(html, "质量报告");
	HAS(html, "&lt;script&gt;");
	HAS(html, "supply");
	LACKS(html, "Cost of quality by category");
	free(html);

	client_free(assy);
	client_free(test);
	client_free(rep);
	client_free(qa);
	CHECK_INT(harness_yoked_stop(y), 0);
	harness_yoked_free(y);
	harness_plant_free(plant);
	y = NULL;
}

int
main(void)
{
	harness_i18n_init();
	RUN(test_empty_period);
	RUN(test_report);
	if (y) {
		harness_yoked_free(y);
		harness_plant_free(plant);
	}
	return check_done();
}
