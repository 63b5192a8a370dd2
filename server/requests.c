/* requests.c — the request table; see requests.h. */
#include "server/requests.h"
#include "shared/defs/defs.h"

#include <stddef.h>
#include <stdio.h>

#define M REQ_MUTATING
#define S REQ_SESSION
#define ST REQ_STATION
#define F REQ_FIRST

static const struct request_type types[] = {
	{ YOKE__REQUEST__BODY_HELLO, "hello", "Hello", 0, 0, req_hello },
	{ YOKE__REQUEST__BODY_BADGE_IN, "badge_in", "Badging in", M, 0, req_badge_in },
	{ YOKE__REQUEST__BODY_BADGE_OUT, "badge_out", "Badging out", M | S, ROLES_ANY,
	    req_badge_out },
	{ YOKE__REQUEST__BODY_QUEUE, "queue", "A queue", 0, 0, req_queue },
	{ YOKE__REQUEST__BODY_OPEN_UNIT, "open_unit", "Opening a unit", M | S | ST, ROLES_UNIT_WORK,
	    req_open_unit },
	{ YOKE__REQUEST__BODY_STEP, "step", "Recording a step", M | S | ST, ROLES_UNIT_WORK, req_step },
	{ YOKE__REQUEST__BODY_COMPLETE, "complete", "Completing an operation", M | S | ST,
	    ROLES_UNIT_WORK, req_complete },
	{ YOKE__REQUEST__BODY_LOAD, "load", "Loading definitions", M | S | F, ROLES_ENGINEERING,
	    req_load },
	{ YOKE__REQUEST__BODY_RELEASE, "release", "Releasing a work order", M | S, ROLES_ENGINEERING,
	    req_release },
	{ YOKE__REQUEST__BODY_TRACE, "trace", "A trace", 0, 0, req_trace },
	{ YOKE__REQUEST__BODY_UNITS, "units", "A unit listing", 0, 0, req_units },
	{ YOKE__REQUEST__BODY_WHERE_USED, "where_used", "A where-used query", 0, 0, req_where_used },
	{ YOKE__REQUEST__BODY_SET_PIN, "set_pin", "Setting a PIN", M | S, ROLES_ADMIN, req_set_pin },
	{ YOKE__REQUEST__BODY_CHANGE_PIN, "change_pin", "Changing a PIN", M, 0, req_change_pin },
};

const struct request_type *
request_lookup(int body)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i].body == body)
			return &types[i];
	return NULL;
}

const struct request_type *
request_table(size_t *n)
{
	*n = sizeof types / sizeof types[0];
	return types;
}

void
request_roles_text(unsigned roles, char *buf, size_t size)
{
	static const Yoke__Role order[] = { YOKE__ROLE__ROLE_OPERATOR, YOKE__ROLE__ROLE_INSPECTOR,
		YOKE__ROLE__ROLE_LEAD, YOKE__ROLE__ROLE_ENGINEER, YOKE__ROLE__ROLE_ADMIN };
	size_t used = 0, count = 0, k = 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		count += (roles & ROLE_BIT(order[i])) != 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof order / sizeof order[0] && used < size; i++) {
		const char *name;
		if (!(roles & ROLE_BIT(order[i])))
			continue;
		name = defs_role_name(order[i]);
		k++;
		used += (size_t)snprintf(buf + used, size - used, "%s%s %s",
		    k == 1 ? "" : k == count ? " or " : ", ", order[i] == YOKE__ROLE__ROLE_OPERATOR ||
		    order[i] == YOKE__ROLE__ROLE_INSPECTOR || order[i] == YOKE__ROLE__ROLE_ENGINEER ||
		    order[i] == YOKE__ROLE__ROLE_ADMIN ? "an" : "a", name);
	}
}
