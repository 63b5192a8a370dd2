/*
 * work_run.h — the scripted run of it_report and it_export on the plant
 * tests/data/plant-report, against a real yoked:
 *
 *   WO1-0001  op 10 by 100 (held open WORK_RUN_OPEN_MS before its
 *             completion), op 20 by 101: done
 *   WO1-0002  op 10 fails its check (SEATING), rework (signed by 200),
 *             op 900 by 102, op 10 again by 100, op 20 by 101: done
 *   WO1-0003  op 10 fails its check, scrapped (signed by 200)
 *
 * Boards BOARD-1/B1..B3 (no GTIN), IC-555/L1 (a GTIN: a lot class).
 */
#ifndef YOKE_WORK_RUN_H
#define YOKE_WORK_RUN_H

#include "tests/lib/harness.h"

#define WORK_RUN_PLANT "tests/data/plant-report"
#define WORK_RUN_OPEN_MS 1100

struct work_run {
	struct yoked *y;
	struct plant *p;
	struct client *assy, *test, *repair;   /* badged in: 100, 101, 102 */
	struct client *lead;                    /* a desk: lead 300 signed in */
	int64_t started_us, ended_us;           /* the server's clock around the run */
};

/* Starts yoked, loads the plant and works the script. False (why on
 * stderr) when any step is answered otherwise than the script expects. */
bool work_run_start(struct work_run *w);
void work_run_free(struct work_run *w);
/* The server's clock now (HelloReply.server_time_us). */
int64_t work_run_now(struct client *c);

#endif
