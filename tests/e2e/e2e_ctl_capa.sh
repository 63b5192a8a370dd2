#!/bin/sh
# yokectl capa against a real yoked with the demo plant (its capa_trigger
# line loads), as a script reads it: an empty list as text and as JSON, a
# CAPA that does not exist (exit 1, the server's words; its status under
# --json), usage errors (exit 2) that send nothing and ask no PIN, and a
# step signed by nobody. it_ctl_capa drives the whole walk, with NCRs made
# at a station; this is the real installation: enrolled, CURVE, the PIN
# from a file descriptor.
E2E_NAME=e2e_ctl_capa
. tests/e2e/lib.sh

expect_rc() {
	n=$1 want=$2
	shift 2
	"$@" >"$E2E_TMP/$n.out" 2>"$E2E_TMP/$n.err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$n: exit $got, expected $want: $(cat "$E2E_TMP/$n.err" "$E2E_TMP/$n.out")"
}
has() { grep -q -- "$2" "$E2E_TMP/$1" || fail "${1%.*}: \"$2\" not in: $(head -c 400 "$E2E_TMP/$1")"; }

yoked_start
plant_load

expect_rc list 0 ctl capa list
has list.out "No CAPA matches."
expect_rc list_json 0 ctl capa list --json
[ "$(cat "$E2E_TMP/list_json.out")" = "[]" ] || fail "list --json: $(cat "$E2E_TMP/list_json.out")"
expect_rc overdue 0 ctl capa list --overdue
has overdue.out "No action is overdue."
pass "empty_list"

expect_rc show 1 ctl capa show CAPA-000042
has show.err "yokectl: No CAPA CAPA-000042"
grep -q NOT_FOUND "$E2E_TMP/show.err" && fail "a raw status code is shown: $(cat "$E2E_TMP/show.err")"
expect_rc show_json 1 ctl capa show CAPA-000042 --json
has show_json.out '"status":"NOT_FOUND"'
# A step on a CAPA that does not exist: signed by the person signed in
# (4001, one PIN from fd 3), refused.
expect_rc step 1 ctl capa verify CAPA-000042 --sign 4001
has step.err "No CAPA CAPA-000042"
# Signed by another person than --badge: the signer signs in, with the
# same PIN (one line on fd 3), as every signed command does.
expect_rc other_signer 1 ctl capa verify CAPA-000042 --sign 3001
has other_signer.err "No CAPA CAPA-000042"
pass "refusals"

expect_rc no_sign 2 ctl capa close CAPA-000042
has no_sign.err "--sign BADGE"
expect_rc bad_to 2 ctl capa update CAPA-000042 --to done --sign 3001
has bad_to.err "--to expects"
expect_rc bad_field 2 ctl capa update CAPA-000042 --to contained --due 2026-12-01 --sign 3001
has bad_field.err "--due goes with --to action"
expect_rc bad_window 2 ctl capa update CAPA-000042 --to effective --after 2026-12-01 --sign 3001
has bad_window.err "--after expects days FROM..TO"
expect_rc new_no_ncr 2 ctl capa open --title "Bridges at SMT-1" --sign 3001
has new_no_ncr.err "at least one --ncr"
expect_rc state 2 ctl capa list --state done
pass "usage_errors"
