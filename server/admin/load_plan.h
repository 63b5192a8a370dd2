/*
 * load_plan.h — the pure part of a definitions load: parse the files, merge
 * them over the stored definitions handed in, validate the merged whole,
 * hold released routings to their stored content, find the changes that
 * work in progress may depend on, and decide what is to be written.
 *
 * It touches no store, no socket, no server state and no request arena:
 * what it needs is passed in and what it makes is malloc'd. So it may run
 * on a helper thread while the loop answers the stations; the caller owns
 * `stored` and the plan, and does the store's parts itself (req-load.c:
 * read what is stored, check the work in progress, write).
 *
 * Cost: n log n in the number of records stored and loaded. Keys are
 * looked up in sorted indexes (shared/defs_index.h); records are not
 * copied (the merged set is a view of the fresh and the stored records).
 */
#ifndef YOKE_LOAD_PLAN_H
#define YOKE_LOAD_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/defs.pb-c.h"
#include "proto/yoke.pb-c.h"

#define LOAD_FILES_MAX 200
#define LOAD_FILE_MAX (1u << 20)

/* A stored part whose tracking the load changes, and one station's kind. */
struct load_retrack {
	const Yoke__Part *part;          /* as loaded */
	Yoke__Tracking was;
};
struct load_rekind {
	const Yoke__Station *station;    /* as loaded */
	const char *was;                 /* points into stored */
};

struct load_plan {
	Yoke__Status status;             /* OK, or why the load is refused */
	char message[1024];              /* the refusal: "file:line: what is wrong" */
	Yoke__Definitions *fresh;        /* the files' records, in file order */
	bool *write_routing;             /* per fresh routing: false for a released revision
	                                    stored with the same content */
	uint32_t unchanged;              /* fresh routings not to write */
	struct load_retrack *retracked;  /* in the order loaded */
	size_t nretracked;
	struct load_rekind *rekinded;
	size_t nrekinded;
};

/*
 * Plans loading the files (already checked for count, names and size) over
 * the stored definitions. Returns true when the plan's status is OK; else
 * the message says why, and nothing is to be written. The plan points into
 * stored: keep stored until load_plan_free.
 *
 * The rules, in the order they are checked: each file parses; the merged
 * set (every loaded record, then every stored one that no loaded record of
 * the same key replaces) passes defs_validate; a released routing revision
 * that is stored is loaded again only unchanged (its sources, file:line,
 * may differ). Tracking and kind changes are listed, not judged: whether
 * work in progress depends on them is for the caller to ask the store.
 */
bool load_plan(struct load_plan *p, Yoke__DefinitionFile *const *files, size_t nfiles,
    const Yoke__Definitions *stored);
void load_plan_free(struct load_plan *p);

#endif
