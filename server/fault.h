/*
 * fault.h — fault injection for the tests, in the manner of SQLite's test
 * hooks: a failure that cannot be provoked from outside on demand is made
 * to happen at the one place it would happen, through the real library
 * call, so the code that must survive it runs as it would in the field.
 *
 * yoked reads $YOKE_FAULT once at start (fault_init); the store asks
 * fault_*() where each fault applies. Unset, every question is false and
 * costs one branch. Faults, separated by commas:
 *
 *   grow-fail    store_grow asks LMDB for a map no process can have, so
 *                LMDB unmaps the old map and fails to map the new one:
 *                the environment really is left without a map.
 *   commit-fail-from=N
 *                the Nth top-level write commit and every later one
 *                fails with STORE_ERROR, the transaction aborted, as when
 *                the disk is full or failing: nothing of it is written.
 *
 * An unknown fault is an error at start, so a misspelt one cannot let a
 * test pass without the fault it meant to inject.
 */
#ifndef YOKE_FAULT_H
#define YOKE_FAULT_H

#include <stdbool.h>
#include <stddef.h>

/* Arms the faults named in spec (NULL or "": none). 0, or -1 with a
 * message in err and nothing armed. */
int fault_init(const char *spec, char *err, size_t errsz);
/* True when any fault is armed (yoked says so in its log). */
bool fault_armed(void);
bool fault_grow_fail(void);
/* Counts one top-level write commit; true when it must fail. */
bool fault_commit_fails(void);

#endif
