/*
 * notify_defs.h — the notification definitions as the server keeps them:
 * one NotifyConfig record (meta key "notify") with the escalation ladder,
 * the named receivers and the mail server. A load that carries any
 * escalate, notify or smtp statement replaces the record as a whole (a
 * ladder is read in order; merging two halves of two ladders would make a
 * third nobody wrote); a load that carries none leaves it as it is.
 */
#ifndef YOKE_NOTIFY_DEFS_H
#define YOKE_NOTIFY_DEFS_H

#include "server/server.h"

#define NOTIFY_CONFIG_KEY "notify"

/*
 * The load's part (req-load.c, before its dry-run return): checks the
 * statements of the load `f` among themselves (defs_notify_validate) and
 * every badge= against the load's operators and the stored ones, refusing
 * INVALID_DEFINITION with file:line; unless dry_run, writes the record.
 * OUTCOME_COMMIT when nothing is wrong.
 */
enum outcome notify_defs_load(struct ctx *c, const Yoke__Definitions *f, bool dry_run);
/* The stored record (in c->a): STORE_OK, STORE_NOTFOUND (no ladder). */
int notify_config_get(struct ctx *c, Yoke__NotifyConfig **cfg);
/* A named receiver of cfg, or NULL. */
const Yoke__NotifyTarget *notify_target(const Yoke__NotifyConfig *cfg, const char *name);

#endif
