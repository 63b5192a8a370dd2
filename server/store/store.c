/*
 * store.c — see store.h. The only file that includes lmdb.h.
 */
#include "server/store/store.h"
#include "server/fault.h"
#include "shared/log.h"
#include "shared/util.h"

#include <errno.h>
#include <lmdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

static const struct {
	const char *name;
	unsigned flags;
} tables[T__COUNT] = {
	[T_META] = { "meta", 0 },
	[T_PART] = { "part", 0 },
	[T_BOM] = { "bom", 0 },
	[T_ROUTING] = { "routing", 0 },
	[T_STATION] = { "station", 0 },
	[T_OPERATOR] = { "operator", 0 },
	[T_WORK_ORDER] = { "work_order", 0 },
	[T_WO_OP] = { "wo_op", 0 },
	[T_UNIT] = { "unit", 0 },
	[T_QUEUE] = { "queue", 0 },
	[T_EVENT] = { "event", 0 },
	[T_COMPONENT] = { "component", MDB_DUPSORT },
	[T_TERMINAL] = { "terminal", 0 },
	[T_PRESENCE] = { "presence", 0 },
	[T_CREDENTIAL] = { "credential", 0 },
	[T_DEFECT] = { "defect", 0 },
	[T_NCR] = { "ncr", 0 },
	[T_HOLD] = { "hold", 0 },
	[T_HOLD_SCOPE] = { "hold_scope", MDB_DUPSORT },
	[T_CAPA] = { "capa", 0 },
	[T_CAPA_TRIGGER] = { "capa_trigger", 0 },
	[T_LOT_REFUSED] = { "lot_refused", 0 },
	[T_LOT] = { "lot", 0 },
	[T_LOT_KEY] = { "lot_key", MDB_DUPSORT },
	[T_SUPPLIER] = { "supplier", 0 },
	[T_SCAR] = { "scar", 0 },
	[T_SETUP] = { "setup", 0 },
	[T_IQC] = { "iqc", 0 },
	[T_IQC_SWITCH] = { "iqc_switch", 0 },
	[T_GTIN] = { "gtin", 0 },
	[T_ALARM] = { "alarm", 0 },
	[T_STATION_STOP] = { "station_stop", 0 },
	[T_OUTBOX] = { "outbox", 0 },
	[T_OUTBOX_KEY] = { "outbox_key", 0 },
	[T_OUTBOX_DUE] = { "outbox_due", 0 },
	[T_ESCALATION] = { "escalation", 0 },
	[T_EQUIP_PARAM] = { "equip_param", 0 },
	[T_EQUIP_SPB] = { "equip_spb", 0 },
	[T_EQUIP_LATEST] = { "equip_latest", 0 },
	[T_EQUIP_SERIES] = { "equip_series", 0 },
	[T_SPC] = { "spc", 0 },
	[T_SPC_LIMITS] = { "spc_limits", 0 },
	[T_GATE] = { "gate", 0 },
	[T_GAUGE_STATE] = { "gauge_state", 0 },
	[T_FAI] = { "fai", 0 },
	[T_COQ] = { "coq", 0 },
	[T_LINE_DAY] = { "line_day", 0 },
};

struct store {
	MDB_env *env;
	MDB_dbi dbi[T__COUNT];
	size_t map_size;
	size_t map_max;         /* store_grow's cap; 0: none */
	bool lost;              /* LMDB unmapped the map and could not map it again */
};

/* The one place LMDB codes become ours. */
static int
map_rc(int rc, const char *what)
{
	switch (rc) {
	case MDB_SUCCESS: return STORE_OK;
	case MDB_NOTFOUND: return STORE_NOTFOUND;
	case MDB_KEYEXIST: return STORE_EXISTS;
	case MDB_MAP_FULL:
		return STORE_FULL;
	case MDB_TXN_FULL:
		/* Too many pages changed in one transaction: a bigger map would
		 * not help, so this is an error for the batch, not a reason to grow. */
		log_error("store: %s: one batch changed more pages than LMDB allows", what);
		return STORE_ERROR;
	default:
		log_error("store: %s: %s", what, mdb_strerror(rc));
		return STORE_ERROR;
	}
}

const char *
store_status_text(int status)
{
	switch (status) {
	case STORE_OK: return "ok";
	case STORE_NOTFOUND: return "not found";
	case STORE_EXISTS: return "exists";
	case STORE_FULL: return "store map full";
	case STORE_LOST: return "store map lost";
	default: return "store error";
	}
}

int
store_open(struct store **out, const char *dir, char *err, size_t errsz)
{
	return store_open_sized(out, dir, 0, err, errsz);
}

int
store_open_sized(struct store **out, const char *dir, size_t map_size, char *err, size_t errsz)
{
	struct store *st = xcalloc(1, sizeof *st);
	MDB_txn *txn;
	MDB_envinfo info;
	int rc, dead = 0;

	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		snprintf(err, errsz, "cannot create data directory %s: %s", dir, strerror(errno));
		free(st);
		return -1;
	}
	if ((rc = mdb_env_create(&st->env)) != 0)
		goto fail;
	mdb_env_set_maxdbs(st->env, T__COUNT + 4);
	mdb_env_set_maxreaders(st->env, 126);
	/* NOTLS: our read and write transactions are not tied to threads.
	 * No NOSYNC/NOMETASYNC: a commit is on disk when it returns. */
	if ((rc = mdb_env_open(st->env, dir, MDB_NOTLS, 0640)) != 0)
		goto fail;
	mdb_env_info(st->env, &info);
	if (map_size == 0)
		map_size = STORE_DEFAULT_MAP_SIZE;
	st->map_size = info.me_mapsize < map_size ? map_size : info.me_mapsize;
	if ((rc = mdb_env_set_mapsize(st->env, st->map_size)) != 0)
		goto fail;
	mdb_reader_check(st->env, &dead);
	if (dead)
		log_warn("store: cleared %d stale reader slots", dead);
	if ((rc = mdb_txn_begin(st->env, NULL, 0, &txn)) != 0)
		goto fail;
	for (int i = 0; i < T__COUNT; i++) {
		if ((rc = mdb_dbi_open(txn, tables[i].name, MDB_CREATE | tables[i].flags,
		    &st->dbi[i])) != 0) {
			mdb_txn_abort(txn);
			goto fail;
		}
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		goto fail;
	*out = st;
	return 0;
fail:
	snprintf(err, errsz, "cannot open store in %s: %s", dir, mdb_strerror(rc));
	if (st->env)
		mdb_env_close(st->env);
	free(st);
	return -1;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	mdb_env_close(st->env);
	free(st);
}

/*
 * Growing the map.
 *
 * LMDB 0.9.24's mdb_env_set_mapsize (mdb.c) munmaps the map, then mmaps it
 * again at the new size; when that mmap fails it returns the error and
 * leaves the environment with no map, its meta-page pointers dangling into
 * the old one, so the next transaction reads unmapped memory. Its only
 * error before the munmap is EINVAL for an open transaction, which our
 * callers never have. Hence three stages:
 *
 *   1. the cap (--map-max-mib): at the cap the map stays; STORE_FULL;
 *   2. a probe: the larger size is mapped (anonymous, PROT_NONE, nothing
 *      reserved: it costs address space only, and counts against
 *      RLIMIT_AS as LMDB's map will) and unmapped again while the old map
 *      still stands. When it cannot be had, the map stays; STORE_FULL. The
 *      probe asks for more than LMDB will need (LMDB frees the old map
 *      first), so it may refuse a growth that would just have fitted, never
 *      the other way round;
 *   3. LMDB. It can still fail, when another thread takes the address
 *      space between the probe and LMDB's mmap: then the map is lost, see
 *      set_mapsize.
 */

/* A map size no process can have (YOKE_FAULT=grow-fail): mmap refuses it. */
#define IMPOSSIBLE_MAP_SIZE (SIZE_MAX / 2 + 1)

/*
 * mdb_env_set_mapsize on the open environment. Any failure means the map
 * is lost (see above): the store is marked, every later transaction is
 * refused with STORE_LOST without touching LMDB, and the caller stops.
 * Nothing uncommitted reached the disk: no transaction is open here.
 */
static int
set_mapsize(struct store *st, size_t size)
{
	int rc = mdb_env_set_mapsize(st->env, size);
	if (rc == 0)
		return STORE_OK;
	st->lost = true;
	log_error("store: the map is lost: LMDB unmapped it to resize it and could not map it "
	    "again: %s; nothing more can be read or written until yoked restarts", mdb_strerror(rc));
	return STORE_LOST;
}

/* 0 when `size` more bytes of address space can be mapped now, else errno. */
static int
probe_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return errno;
	munmap(p, size);
	return 0;
}

int
store_grow(struct store *st)
{
	size_t size = st->map_size <= SIZE_MAX / 2 ? st->map_size * 2 : SIZE_MAX;
	int err;

	if (st->lost)
		return STORE_LOST;
	if (st->map_max && size > st->map_max)
		size = st->map_max;
	if (size <= st->map_size) {
		log_error("store: the map is full at its cap of %zu MiB (--map-max-mib): writes that "
		    "need more room are refused until yoked restarts with a larger cap",
		    st->map_max >> 20);
		return STORE_FULL;
	}
	if (fault_grow_fail()) {
		/* No probe: this is the failure the probe cannot rule out. */
		size = IMPOSSIBLE_MAP_SIZE;
	} else if ((err = probe_map(size)) != 0) {
		log_error("store: the map cannot grow to %zu MiB: %s; it stays at %zu MiB, and writes "
		    "that need more room are refused", size >> 20, strerror(err), st->map_size >> 20);
		return STORE_FULL;
	}
	if ((err = set_mapsize(st, size)) != STORE_OK)
		return err;
	st->map_size = size;
	log_info("store: map grown to %zu MiB", size >> 20);
	return STORE_OK;
}

void
store_set_map_max(struct store *st, size_t max)
{
	st->map_max = max;
	if (max && st->map_size > max)
		log_warn("store: the map is already %zu MiB, above the cap of %zu MiB: it stays as it "
		    "is and does not grow", st->map_size >> 20, max >> 20);
}

bool
store_lost(const struct store *st)
{
	return st->lost;
}

uint64_t
store_map_size(const struct store *st)
{
	return st->map_size;
}

static int
begin(struct store *st, struct txn *parent, unsigned flags, struct txn *t)
{
	MDB_txn *txn;
	int rc;

	if (st->lost)
		return STORE_LOST;
	rc = mdb_txn_begin(st->env, parent ? parent->mdb : NULL, flags, &txn);
	if (rc == MDB_MAP_RESIZED) {
		/* Another process grew the map (an offline tool); adopt it. This
		 * remaps too, so it can lose the map like store_grow. */
		if ((rc = set_mapsize(st, 0)) != STORE_OK)
			return rc;
		rc = mdb_txn_begin(st->env, parent ? parent->mdb : NULL, flags, &txn);
	}
	if (rc != 0)
		return map_rc(rc, "begin transaction");
	t->store = st;
	t->mdb = txn;
	t->parent = parent;
	t->write = !(flags & MDB_RDONLY);
	t->next_seq = parent ? parent->next_seq : 0;
	t->wrote = false;
	return STORE_OK;
}

int
store_begin_read(struct store *st, struct txn *t)
{
	return begin(st, NULL, MDB_RDONLY, t);
}

int
store_begin_write(struct store *st, struct txn *t)
{
	int rc = begin(st, NULL, 0, t);
	if (rc == STORE_OK)
		t->next_seq = store_last_seq(t) + 1;
	return rc;
}

int
store_begin_child(struct txn *parent, struct txn *child)
{
	return begin(parent->store, parent, 0, child);
}

int
store_commit(struct txn *t)
{
	int rc;

	if (t->parent == NULL && t->write && fault_commit_fails()) {
		/* YOKE_FAULT=commit-fail-from=N: as if LMDB's commit had failed
		 * (a full or failing disk): the transaction is gone, nothing of it
		 * written. */
		mdb_txn_abort(t->mdb);
		t->mdb = NULL;
		log_error("store: commit: failed by YOKE_FAULT");
		return STORE_ERROR;
	}
	rc = mdb_txn_commit(t->mdb);
	t->mdb = NULL;
	if (rc == 0 && t->parent) {
		t->parent->next_seq = t->next_seq;
		t->parent->wrote |= t->wrote;
	}
	return map_rc(rc, "commit");
}

void
store_abort(struct txn *t)
{
	if (t->mdb)
		mdb_txn_abort(t->mdb);
	t->mdb = NULL;
}

int
store_get(struct txn *t, enum store_table tb, const void *k, size_t kl, const void **v, size_t *vl)
{
	MDB_val key = { kl, (void *)k }, val;
	int rc = mdb_get(t->mdb, t->store->dbi[tb], &key, &val);
	if (rc == 0) {
		*v = val.mv_data;
		*vl = val.mv_size;
	}
	return map_rc(rc, "get");
}

int
store_put(struct txn *t, enum store_table tb, const void *k, size_t kl, const void *v, size_t vl,
    unsigned flags)
{
	MDB_val key = { kl, (void *)k }, val = { vl, (void *)v };
	unsigned mf = 0;
	if (flags & STORE_NOOVERWRITE)
		mf |= MDB_NOOVERWRITE;
	if (flags & STORE_APPEND)
		mf |= MDB_APPEND;
	if (kl == 0 || kl > 511)
		return STORE_ERROR;   /* LMDB's key limit; callers check lengths */
	t->wrote = true;
	return map_rc(mdb_put(t->mdb, t->store->dbi[tb], &key, &val, mf), "put");
}

int
store_del(struct txn *t, enum store_table tb, const void *k, size_t kl, const void *v, size_t vl)
{
	MDB_val key = { kl, (void *)k }, val = { vl, (void *)v };
	t->wrote = true;
	return map_rc(mdb_del(t->mdb, t->store->dbi[tb], &key, v ? &val : NULL), "delete");
}

uint64_t
store_last_seq(struct txn *t)
{
	MDB_cursor *cur;
	MDB_val key, val;
	uint64_t seq = 0;

	if (mdb_cursor_open(t->mdb, t->store->dbi[T_EVENT], &cur) != 0)
		return 0;
	if (mdb_cursor_get(cur, &key, &val, MDB_LAST) == 0 && key.mv_size == 8)
		seq = get_be64(key.mv_data);
	mdb_cursor_close(cur);
	return seq;
}

int
store_event_append(struct txn *t, const void *v, size_t vl, uint64_t *seq)
{
	unsigned char key[8];
	int rc;

	put_be64(key, t->next_seq);
	rc = store_put(t, T_EVENT, key, 8, v, vl, STORE_APPEND);
	if (rc == STORE_OK)
		*seq = t->next_seq++;
	return rc;
}

/*
 * The one cursor loop of every walk: the cursor is placed by the caller's
 * first move (rc is its result), then fn sees each record and `next` moves
 * on, until fn stops, the table ends, or (pl > 0) a key leaves the prefix.
 */
static int
walk(MDB_cursor *cur, int rc, MDB_val *key, MDB_cursor_op next, const void *prefix, size_t pl,
    store_walk_fn fn, void *ud, const char *what)
{
	MDB_val val;
	if (rc == 0)
		rc = mdb_cursor_get(cur, key, &val, MDB_GET_CURRENT);
	while (rc == 0) {
		/* pl == 0 walks on; memcmp must not see a NULL prefix. */
		if (pl && (key->mv_size < pl || memcmp(key->mv_data, prefix, pl) != 0))
			break;
		if (fn(ud, key->mv_data, key->mv_size, val.mv_data, val.mv_size))
			break;
		rc = mdb_cursor_get(cur, key, &val, next);
	}
	mdb_cursor_close(cur);
	return rc == 0 || rc == MDB_NOTFOUND ? STORE_OK : map_rc(rc, what);
}

static int
cursor(struct txn *t, enum store_table tb, MDB_cursor **cur)
{
	int rc = mdb_cursor_open(t->mdb, t->store->dbi[tb], cur);
	return rc == 0 ? STORE_OK : map_rc(rc, "cursor");
}

int
store_walk_prefix(struct txn *t, enum store_table tb, const void *prefix, size_t pl,
    store_walk_fn fn, void *ud)
{
	MDB_cursor *cur;
	MDB_val key = { pl, (void *)prefix }, val;
	int rc;

	if ((rc = cursor(t, tb, &cur)) != STORE_OK)
		return rc;
	rc = mdb_cursor_get(cur, &key, &val, pl ? MDB_SET_RANGE : MDB_FIRST);
	return walk(cur, rc, &key, MDB_NEXT, prefix, pl, fn, ud, "walk");
}

int
store_walk_dups(struct txn *t, enum store_table tb, const void *k, size_t kl,
    store_walk_fn fn, void *ud)
{
	MDB_cursor *cur;
	MDB_val key = { kl, (void *)k }, val;
	int rc;

	if ((rc = cursor(t, tb, &cur)) != STORE_OK)
		return rc;
	rc = mdb_cursor_get(cur, &key, &val, MDB_SET_KEY);
	return walk(cur, rc, &key, MDB_NEXT_DUP, NULL, 0, fn, ud, "walk duplicates");
}

int
store_walk_from(struct txn *t, enum store_table tb, const void *k, size_t kl,
    store_walk_fn fn, void *ud)
{
	MDB_cursor *cur;
	MDB_val key = { kl, (void *)k }, val;
	int rc;

	if ((rc = cursor(t, tb, &cur)) != STORE_OK)
		return rc;
	rc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE);
	return walk(cur, rc, &key, MDB_NEXT, NULL, 0, fn, ud, "walk from");
}

int
store_walk_back(struct txn *t, enum store_table tb, const void *k, size_t kl,
    store_walk_fn fn, void *ud)
{
	MDB_cursor *cur;
	MDB_val key = { kl, (void *)k }, val;
	int rc;

	if ((rc = cursor(t, tb, &cur)) != STORE_OK)
		return rc;
	if (k == NULL) {
		rc = mdb_cursor_get(cur, &key, &val, MDB_LAST);
	} else {
		/* The first key at or above k; one back when it is above, the
		 * last when none is. */
		rc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE);
		if (rc == MDB_NOTFOUND)
			rc = mdb_cursor_get(cur, &key, &val, MDB_LAST);
		else if (rc == 0 && (key.mv_size != kl || memcmp(key.mv_data, k, kl) != 0))
			rc = mdb_cursor_get(cur, &key, &val, MDB_PREV);
	}
	return walk(cur, rc, &key, MDB_PREV, NULL, 0, fn, ud, "walk back");
}

uint64_t
store_count(struct txn *t, enum store_table tb)
{
	MDB_stat s;
	if (mdb_stat(t->mdb, t->store->dbi[tb], &s) != 0)
		return 0;
	return s.ms_entries;
}
