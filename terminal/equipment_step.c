/* equipment_step.c — see equipment_step.h. */
#include "terminal/equipment_step.h"
#include "terminal/station_priv.h"
#include "shared/station_commands.h"

bool
equipment_step_line(struct station_view *sv, const Yoke__StepView *st, const char *line,
    struct station_request *r)
{
	if (line[0] != '\0' && command_of(line, false) != COMMAND_OK) {
		say(sv, STATION_TONE_ERROR, _("The value of %s comes from the equipment: press Enter to "
		    "take it, got \"%s\""), str(st->name), line);
		return false;
	}
	station_req_step(sv, r, STATION_FAILING_NONE);
	r->step.entry_case = YOKE__STEP_RECORD__ENTRY_CONFIRM;
	r->step.confirm = true;
	return true;
}

void
equipment_step_prompt(const Yoke__StepView *st, const char *range, char *buf, size_t size)
{
	if (!str_empty(st->unit) && range[0])
		snprintf(buf, size, _("%s in %s from the equipment (%s): press Enter to take it"),
		    str(st->name), st->unit, range);
	else if (range[0])
		snprintf(buf, size, _("%s from the equipment (%s): press Enter to take it"),
		    str(st->name), range);
	else
		snprintf(buf, size, _("%s from the equipment: press Enter to take it"), str(st->name));
}
