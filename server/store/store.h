/*
 * store.h — yoked's LMDB environment: one environment, one named database
 * per table and per index. This file and store.c are the only ones that
 * know LMDB; every LMDB code is mapped here to a store status.
 *
 * Tables and their keys (all keys sort the way queries walk them):
 *
 *   meta          name                         -> value
 *   part          part number                  -> Part
 *   bom           parent part number           -> Bom
 *   routing       product \0 revision          -> Routing
 *   station       station id                   -> Station
 *   operator      badge                        -> Operator
 *   work_order    work order id                -> WorkOrderRecord
 *   wo_op         work order \0 op no (BE32)   -> WorkOrderOpRecord
 *   unit          serial                       -> UnitRecord
 *   queue         kind \0 prio(1) due(10) \0 serial -> ""   (station queues)
 *   event         seq (BE64), MDB_APPEND       -> Event     (the append-only log)
 *   component     part / lot-or-serial -> unit serial, DUPSORT (forward genealogy;
 *                 for a serial-tracked part the key names exactly one unit, which is
 *                 how a serial is consumed once)
 *   terminal      terminal id                  -> TerminalRecord (idempotency and
 *                 the session of whoever is badged in there)
 *   presence      badge                        -> terminal id (where a badge has a
 *                 station session: one place at a time)
 *   credential    badge                        -> CredentialRecord (the PIN's slow hash)
 *   defect        defect code                  -> DefectCode
 *   ncr           NCR number (BE64)            -> Ncr, MDB_APPEND (numbers only grow)
 *   hold          hold id (BE64)               -> Hold, MDB_APPEND for a new one
 *   hold_scope    scope(1) target              -> hold id (BE64), DUPSORT: the open
 *                 holds on a work order, a component label or a station, looked up
 *                 when a unit is worked (unit holds live in the UnitRecord)
 *   capa          CAPA number (BE64)           -> Capa, MDB_APPEND for a new one
 *   capa_trigger  defect code (or "*") \0 per ("station" or "part") -> CapaTrigger
 *                 (looked up by key when an NCR opens: capa.h)
 *   lot_refused   part / lot                   -> NCR number: a lot returned to its
 *                 supplier or scrapped by a closed lot NCR, never scanned again (hold.h)
 *   lot           lot id (L-000001)            -> Lot (a received lot: lot.h)
 *   lot_key       part \0 supplier lot         -> lot id, DUPSORT (the lots of one
 *                 supplier lot text: a label received again is recognised)
 *   supplier      supplier code                -> Supplier (the definitions' supplier
 *                 statements: lots are received only from these, once there are any)
 *   scar          SCAR number (BE64)           -> Scar, MDB_APPEND for a new one
 *                 (supplier corrective action requests: server/supplier/scar.h)
 *   setup         station \0 part              -> SetupEntry: the lot loaded there for
 *                 the part's from=setup steps (server/material/setup.h)
 *   iqc           inspection lot number (BE64) -> InspectionLot, MDB_APPEND for a new
 *                 one (incoming inspection: iqc.h)
 *   iqc_switch    supplier \0 part             -> IqcSwitch (the ISO 2859-1 switching
 *                 state of a supplier + part: iqc.h)
 *   gtin          GTIN (14 digits)             -> part number (a GS1 label's (01) or
 *                 (02) to its part in one lookup; written by a load from Part.gtins,
 *                 and only believed when that part still lists the GTIN: part_gtin.h)
 *   alarm         alarm id (BE64)              -> Alarm, MDB_APPEND for a new one
 *                 (server/alarm/alarm.h)
 *   station_stop  station id                   -> alarm id (BE64): the station is stopped
 *                 by that alarm until a lead acknowledges it (read at every unit
 *                 request at the station; written only when an alarm stops it)
 *   outbox        message id (BE64)            -> OutboxMessage, MDB_APPEND: what must
 *                 reach the outside world, written with the change that causes it
 *                 (server/notify/outbox.h)
 *   outbox_key    idempotency key              -> message id (BE64): one message per key
 *   outbox_due    next try (BE64 us) message id (BE64) -> "": the messages not delivered
 *                 yet, soonest first (the sender's work list; server/notify/outbox.h)
 *   escalation    due (BE64 us) alarm id (BE64) -> "": when an open alarm's next
 *                 escalation level falls due, soonest first (server/notify/escalate.h)
 *   equip_param   station \0 parameter        -> EquipmentParam (the definitions'
 *                 equipment_param statements: server/equipment/equipment.h)
 *   equip_spb     device \0 metric            -> station \0 parameter (Sparkplug B names
 *                 to the parameter they carry; written by a load)
 *   equip_latest  "s" station \0 parameter     -> EquipmentLatest (newest value and the
 *                 series' counters); "u" serial \0 parameter -> EquipmentLatest (the
 *                 newest value on that unit); "t" -> EquipmentTotals
 *   equip_series  station \0 parameter \0 'm' minute (BE64) -> EquipmentTrend (one
 *                 minute: min, max, sum, count); station \0 parameter \0 'p'
 *                 time_us (BE64) seq (BE32) -> EquipmentPoint (a value outside the limits)
 *   spc           characteristic \0 station     -> SpcState: the live SPC window, the
 *                 limits in force and the learning of a characteristic at a station,
 *                 rewritten with every value of it (server/spc/spc_state.h)
 *   spc_limits    characteristic \0 station \0 change no (BE32) -> SpcLimitsChange: the
 *                 history of the limits (defined, learnt, set or relearnt, signed)
 *   gate          "g" \0 gauge id             -> Gauge; "s" \0 shift name -> Shift;
 *                 "settings"                   -> GateSettings: the definitions of the
 *                 pre-start gate, written by a load (server/gate/gate.h);
 *                 "e" \0 station \0 kind         -> StationEquipment: the equipment of
 *                 that kind last used there (written when another one is taken)
 *                 "p" \0 station                 -> StationEquipment: the program its
 *                 equipment last reported running (id), and how many times it changed
 *   gauge_state   gauge id                     -> GaugeState: its calibration and block,
 *                 written only by yokectl gauge (a load never touches it)
 *   fai           work order \0 op no (BE32) station -> FaiRecord: the first article
 *                 of that work order's operation at that station
 *   coq           'l' day (BE32) seq (BE64) n (1) -> CoqEntry: the cost of quality
 *                 ledger, by UTC day of the event it cites, n-th entry of it;
 *                 'r' number (BE32) -> CoqRates: each rates version loaded, with
 *                 the first event seq it costs (server/coq/coq.h)
 *   line_day      station \0 YYYY-MM-DD        -> LineDay: the station's completions,
 *                 first passes and first failures of that day (server/line/line.h)
 *
 * A unit's history (the seqs of its events) is kept in its UnitRecord, not
 * in an index table: every event about a unit is written together with its
 * record, so this costs no extra page per request.
 *
 * Values written through records.h carry one schema-version byte first.
 *
 * Transactions: one write transaction per batch (group commit). A request
 * runs in it directly, or, when the batch runs with a savepoint per request
 * (dispatch.c), in a nested child so a refused request leaves nothing
 * behind; `wrote` tells the caller whether a request tried to change
 * anything. A full map
 * is STORE_FULL: the caller aborts the batch, calls store_grow() and runs
 * the batch again — it is never a crash and never a lost write. When the
 * map cannot grow (at its cap, or no address space for the larger map)
 * store_grow says STORE_FULL and the old map stays: the batch is refused,
 * reads go on. When LMDB itself fails while growing, after it unmapped the
 * old map, the store is lost (STORE_LOST): every later call refuses without
 * touching LMDB, and the process stops. Nothing uncommitted was written.
 */
#ifndef YOKE_STORE_H
#define YOKE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum store_table {
	T_META, T_PART, T_BOM, T_ROUTING, T_STATION, T_OPERATOR, T_WORK_ORDER, T_WO_OP,
	T_UNIT, T_QUEUE, T_EVENT, T_COMPONENT, T_TERMINAL, T_PRESENCE, T_CREDENTIAL, T_DEFECT,
	T_NCR, T_HOLD, T_HOLD_SCOPE, T_CAPA, T_CAPA_TRIGGER, T_LOT_REFUSED, T_LOT, T_LOT_KEY,
	T_SUPPLIER,
	T_SCAR,
	T_SETUP,
	T_IQC, T_IQC_SWITCH,
	T_GTIN,
	T_ALARM, T_STATION_STOP,
	T_OUTBOX, T_OUTBOX_KEY,
	T_OUTBOX_DUE, T_ESCALATION,
	T_EQUIP_PARAM, T_EQUIP_SPB, T_EQUIP_LATEST, T_EQUIP_SERIES,
	T_SPC, T_SPC_LIMITS,
	T_GATE, T_GAUGE_STATE, T_FAI,
	T_COQ,
	T_LINE_DAY,
	T__COUNT
};

enum store_status {
	STORE_OK = 0,
	STORE_NOTFOUND,      /* no such key */
	STORE_EXISTS,        /* STORE_NOOVERWRITE found the key */
	STORE_FULL,          /* the map is full: abort, store_grow, retry */
	STORE_ERROR,         /* anything else; logged where it happened */
	STORE_LOST,          /* the map is lost (see store_grow): stop the process */
};

/* The starting map size when none is given. */
#define STORE_DEFAULT_MAP_SIZE ((size_t)1 << 30)

enum { STORE_NOOVERWRITE = 1, STORE_APPEND = 2 };

struct store;
struct txn {
	struct store *store;
	void *mdb;              /* MDB_txn */
	struct txn *parent;
	uint64_t next_seq;      /* next event sequence number */
	bool write;
	bool wrote;             /* a put or delete was tried (the caller clears it) */
};

/* Opens (creating) the environment in dir. 0, or -1 with a message in err. */
int store_open(struct store **out, const char *dir, char *err, size_t errsz);
/* The same with a given starting map size (tests use a tiny one to make the
 * map fill up); 0 means the default. */
int store_open_sized(struct store **out, const char *dir, size_t map_size, char *err, size_t errsz);
void store_close(struct store *st);
/* Doubles the map size, but not beyond the cap. Only with no transaction
 * open. STORE_OK grown; STORE_FULL it cannot grow (at the cap, or the
 * address space cannot hold the larger map) and the old map stays;
 * STORE_LOST LMDB failed after unmapping the old map: the store can no
 * longer be used and the caller must stop. Each failure is logged. */
int store_grow(struct store *st);
/* The largest size store_grow may reach, in bytes; 0 (the default) is no
 * cap. A map already larger stays as it is and does not grow. */
void store_set_map_max(struct store *st, size_t max);
uint64_t store_map_size(const struct store *st);
/* True once the map is lost: every transaction is refused with STORE_LOST. */
bool store_lost(const struct store *st);

int store_begin_read(struct store *st, struct txn *t);
int store_begin_write(struct store *st, struct txn *t);
int store_begin_child(struct txn *parent, struct txn *child);
int store_commit(struct txn *t);      /* durable for a top-level write txn */
void store_abort(struct txn *t);

/* *v points into the map: valid until the transaction ends or writes that key. */
int store_get(struct txn *t, enum store_table tb, const void *k, size_t kl,
    const void **v, size_t *vl);
int store_put(struct txn *t, enum store_table tb, const void *k, size_t kl,
    const void *v, size_t vl, unsigned flags);
/* v == NULL deletes the key (all duplicates); else the one duplicate. */
int store_del(struct txn *t, enum store_table tb, const void *k, size_t kl,
    const void *v, size_t vl);
/* Appends to the event log under the next sequence number. */
int store_event_append(struct txn *t, const void *v, size_t vl, uint64_t *seq);
/* Highest event sequence number stored (0 when none). */
uint64_t store_last_seq(struct txn *t);

/* Calls fn for each record whose key starts with prefix (in key order), or
 * for each duplicate of key. fn returns non-zero to stop. */
typedef int (*store_walk_fn)(void *ud, const void *k, size_t kl, const void *v, size_t vl);
int store_walk_prefix(struct txn *t, enum store_table tb, const void *prefix, size_t pl,
    store_walk_fn fn, void *ud);
int store_walk_dups(struct txn *t, enum store_table tb, const void *k, size_t kl,
    store_walk_fn fn, void *ud);
/* Calls fn for each record from the first key at or above k to the end of
 * the table, in key order (a range walk: the event log from a seq). */
int store_walk_from(struct txn *t, enum store_table tb, const void *k, size_t kl,
    store_walk_fn fn, void *ud);
/* The same backwards: from the last key at or below k (k NULL: the table's
 * last key) to its first, newest first for keys that grow. */
int store_walk_back(struct txn *t, enum store_table tb, const void *k, size_t kl,
    store_walk_fn fn, void *ud);
/* Number of records in a table (for stats and tests). */
uint64_t store_count(struct txn *t, enum store_table tb);

const char *store_status_text(int status);

#endif
