/*
 * ncr.h — what the files of `yokectl ncr` share: ncr.c (list, show, the
 * command) and ncr_sign.c (raise, disposition, close).
 */
#ifndef YOKE_CTL_NCR_H
#define YOKE_CTL_NCR_H

#include <stdbool.h>
#include <stddef.h>

#include "terminal/ctl/ctl.h"

extern const struct ctl_cmd ctl_cmd_ncr;
extern const struct ctl_cmd ncr_raise, ncr_disposition, ncr_close;

/* An NCR's number as the server writes it: "12" -> "NCR-000012"; any
 * other text is passed on as it is (the server says when it is no NCR). */
void ncr_number(const char *s, char *buf, size_t size);
/* Whether s reads PART/LOT: text on both sides of one "/". */
bool ncr_lot_label(const char *s);
/* "open", "dispositioned", "closed" -> the state. */
bool ncr_state_word(const char *s, Yoke__NcrState *state);
/* {"ncrs":[...],"message":...} of an NcrReply. */
void ncr_reply_json(const Yoke__Reply *rp);

#endif
