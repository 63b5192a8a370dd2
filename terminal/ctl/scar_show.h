/*
 * scar_show.h — a SCAR as a person reads it and as JSON (yokectl scar).
 */
#ifndef YOKE_CTL_SCAR_SHOW_H
#define YOKE_CTL_SCAR_SHOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "proto/yoke.pb-c.h"
#include "terminal/ctl/ctl.h"

extern const struct ctl_cmd ctl_cmd_scar;
extern const struct ctl_cmd scar_open, scar_update;

/* "open", "closed" as JSON and the command line write them. */
const char *scar_state_name(Yoke__ScarState s);
/* "SCAR-000012" from "12" or the name itself, into buf. */
void scar_number_of(const char *s, char *buf, size_t size);
void scar_text(FILE *f, const Yoke__Scar *s);
void scar_json(FILE *f, const Yoke__Scar *s);
void scars_table(FILE *f, Yoke__Scar *const *s, size_t n);
/* The reply of a change: the SCAR as text and the server's words, or JSON. */
int scar_print_reply(Yoke__Reply *rp, bool json);

#endif
