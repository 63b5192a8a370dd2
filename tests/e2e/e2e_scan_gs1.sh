#!/bin/sh
# A supplier's GS1 label at a real terminal, from a scanner that sends AIM
# identifiers and GS: the badge "]C1<badge>" badges in, the unit's own QR
# label "]Q1<serial>" opens the unit, another part's GTIN is refused naming
# the GTIN and both parts, and the right label, typed with the byte 0x1D
# between its fields, shows the GS as a sign on the input line and is
# taken with its lot.
E2E_NAME=e2e_scan_gs1
. tests/e2e/lib.sh

GSB=$(printf '\035')

yoked_start
plant_load
u=$(first_serial)
b=$(badge_of_role operator)

term_start t SMT-1
see t "scan your badge"
see t "ONLINE"
scan t "]C1$b"
see t "Scan a unit serial"
scan t "]Q1$u"
see t "step 1 of"
screen t | grep -qF "]Q1" && fail "the screen shows the AIM identifier of the unit's label"
until_prompt t '^Scan PCB-100'
at=$(step_of t)

# The MCU's supplier label at the PCB step: the GTIN names the other part.
scan t "]C1010952123400005110LOT-2411-07"
see_text t "GTIN 09521234000051 is MCU-F407, this step needs PCB-100"
[ "$(step_of t)" = "$at" ] || fail "the step moved after another part's label"

# The PCB's label with GS between (10) and (30), as the scanner types it.
type_text t "]C10109521234000044"
type_text t "10LOT-2411-07"
type_text t "$GSB"
type_text t "3025"
see t "10LOT-2411-07␝3025"
input_line t | grep -q "$(printf '\035')" && fail "a raw GS byte is on the input line"
scan t ""
see_text t "Scanned PCB-100/LOT-2411-07"
lacks t "control character"
[ "$(step_of t)" != "$at" ] || fail "the step did not move after the right label"

# The same label from a scanner without AIM identifiers, at the next scan
# step (PASTE-SAC305, no GTIN in the plant): named as no part of the plant.
until_prompt t '^Scan PASTE-SAC305'
scan t "0109521234000044${GSB}10LOT-9"
see_text t "GTIN 09521234000044 is PCB-100, this step needs PASTE-SAC305"
pass
