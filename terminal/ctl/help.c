/*
 * help.c — `yokectl --help` and `yokectl COMMAND --help`, printed from the
 * command table (ctl.h): each command's usage, description, options,
 * sub-commands and examples live in its own file as data, and this file
 * only lays them out. Text is wrapped to 80 columns by display width
 * (shared/utf8.h), so the Chinese help wraps between characters and never
 * before a closing punctuation mark.
 */
#include <stdlib.h>
#include <string.h>

#include "shared/layout.h"
#include "shared/utf8.h"
#include "shared/util.h"
#include "terminal/ctl/ctl.h"

#define HELP_WIDTH 79            /* the last column stays free */
#define HELP_LEFT_MAX 24         /* a longer left column puts its text below */
#define HELP_LINES_MAX 64

static const char *const group_titles[CTL_GROUP_COUNT] = {
	[CTL_GROUP_WORK] = N_("Definitions and work orders:"),
	[CTL_GROUP_TRACE] = N_("Tracing:"),
	[CTL_GROUP_NC] = N_("Holds, nonconformances and defects:"),
	[CTL_GROUP_MATERIALS] = N_("Materials:"),
	[CTL_GROUP_LABELS] = N_("Labels and codes:"),
	[CTL_GROUP_QUALITY] = N_("Quality math:"),
	[CTL_GROUP_KEYS] = N_("Keys and PINs:"),
};

static const struct ctl_option exit_statuses[] = {
	{ "0", N_("done") },
	{ "1", N_("refused by the server, or the input is invalid (a definition file, a scan, a "
	    "number)") },
	{ "2", N_("usage error: a wrong command, option or argument") },
	{ "3", N_("the server did not answer") },
	{ "4", N_("a local error: a file, folder or certificate here cannot be read or written") },
	{ NULL, NULL },
};

static const struct ctl_option environment[] = {
	{ "YOKE_SERVER", N_("the default of --server") },
	{ "YOKE_CERT", N_("the default of --cert") },
	{ "YOKE_BADGE", N_("the default of --badge") },
	{ "YOKE_KEYS", N_("the key folder of yokectl keys (default var/keys)") },
	{ "LANGUAGE, LC_ALL, LC_MESSAGES, LANG", N_("the language of yokectl's words and of the "
	    "server's answers (en, zh_CN), taken from the first that is set") },
	{ NULL, NULL },
};

static const struct ctl_example examples[] = {
	{ "export YOKE_CERT=eng-pc-1.cert YOKE_BADGE=4001", N_("who this installation and person are") },
	{ "yokectl load assets/plant", N_("check the definition files and load them") },
	{ "yokectl wo release WO-1001 --product IOTC-100 --qty 20 --due 2026-12-15",
	    N_("release a work order") },
	{ "yokectl units WO-1001", N_("where every unit of the work order stands") },
	{ "yokectl trace unit WO-1001-0001", N_("a unit's whole history") },
	{ "yokectl ncr list --state open", N_("the NCRs that wait for a disposition") },
	{ "yokectl hold component MCU-F407/LOT-2411-07 --reason \"Supplier recall\" --sign 2001",
	    N_("hold every unit built with a lot, signed with badge and PIN") },
	{ "yokectl label commands --out sheets", N_("a printable sheet of the terminal's scan "
	    "commands") },
	{ "yokectl trace unit WO-1001-0001 --json", N_("the same for a script") },
	{ NULL, NULL },
};

/* Prints text wrapped to the help width, every line after `indent` spaces.
 * The first line starts at column `col` (what is on the line already,
 * col >= indent means the text follows it directly). */
static void
wrap_at(FILE *f, const char *text, int col, int indent)
{
	struct utf8_line lines[HELP_LINES_MAX];
	int width = HELP_WIDTH - indent;
	size_t n;

	if (width < 20)
		width = 20;
	n = layout_wrap(text, width, lines, HELP_LINES_MAX);
	if (n > HELP_LINES_MAX)
		n = HELP_LINES_MAX;
	for (size_t i = 0; i < n; i++) {
		int at = i == 0 ? col : 0;
		if (at < indent)
			fprintf(f, "%*s", indent - at, "");
		fwrite(text + lines[i].off, 1, lines[i].len, f);
		fputc('\n', f);
	}
}

static void
paragraph(FILE *f, const char *text, int indent)
{
	wrap_at(f, text, 0, indent);
}

/* "  left   right text, wrapped", left padded to lw display columns; a left
 * wider than lw gets its text on the next line. */
static void
two_columns(FILE *f, const char *left, const char *right, int lw)
{
	int w = utf8_width(left), indent = 2 + lw + 2;

	fprintf(f, "  %s", left);
	if (w > lw) {
		fputc('\n', f);
		wrap_at(f, right, 0, indent);
	} else {
		fprintf(f, "%*s", lw - w + 2, "");
		wrap_at(f, right, indent, indent);
	}
}

static int
left_width(const struct ctl_option *opts)
{
	int lw = 0;
	for (const struct ctl_option *o = opts; o && o->flag; o++) {
		int w = utf8_width(_(o->flag));
		if (w > lw && w <= HELP_LEFT_MAX)
			lw = w;
	}
	return lw;
}

static void
option_list(FILE *f, const char *title, const struct ctl_option *opts)
{
	int lw = left_width(opts);
	if (opts == NULL || opts->flag == NULL)
		return;
	fprintf(f, "\n%s\n", title);
	for (const struct ctl_option *o = opts; o->flag; o++)
		two_columns(f, _(o->flag), _(o->help), lw);
}

static void
example_list(FILE *f, const struct ctl_example *ex)
{
	if (ex == NULL || ex->line == NULL)
		return;
	fprintf(f, "\n%s\n", _("Examples:"));
	for (; ex->line; ex++) {
		fprintf(f, "  %s\n", ex->line);
		paragraph(f, _(ex->what), 6);
	}
}

void
ctl_cmd_path(const struct ctl_cmd *cmd, char *buf, size_t size)
{
	if (cmd->parent)
		snprintf(buf, size, "%s %s", cmd->parent->name, cmd->name);
	else
		snprintf(buf, size, "%s", cmd->name);
}

/* The commands a person runs: those with an exec, sub-commands in place. */
static void
each_runnable(const struct ctl_cmd *cmd, void (*fn)(const struct ctl_cmd *, void *), void *arg)
{
	if (cmd->exec)
		fn(cmd, arg);
	for (const struct ctl_cmd *const *s = cmd->subs; s && *s; s++)
		fn(*s, arg);
}

static void
widest_path(const struct ctl_cmd *cmd, void *arg)
{
	char path[128];
	int *lw = arg, w;
	ctl_cmd_path(cmd, path, sizeof path);
	if ((w = utf8_width(path)) > *lw)
		*lw = w;
}

struct listing {
	FILE *f;
	int lw;
};

static void
list_one(const struct ctl_cmd *cmd, void *arg)
{
	struct listing *l = arg;
	char path[128];
	ctl_cmd_path(cmd, path, sizeof path);
	two_columns(l->f, path, _(cmd->summary), l->lw);
}

static void
list_commands(FILE *f, const struct ctl_cmd *const *cmds, int group)
{
	struct listing l = { f, 0 };
	for (const struct ctl_cmd *const *c = cmds; *c; c++)
		if (group < 0 || (int)(*c)->group == group)
			each_runnable(*c, widest_path, &l.lw);
	for (const struct ctl_cmd *const *c = cmds; *c; c++)
		if (group < 0 || (int)(*c)->group == group)
			each_runnable(*c, list_one, &l);
}

void
ctl_help(FILE *f, const struct ctl_cmd *cmd)
{
	char path[128], *line;

	ctl_cmd_path(cmd, path, sizeof path);
	line = xasprintf("yokectl %s %s", path, _(cmd->usage));
	fprintf(f, _("usage: %s\n"), line);
	free(line);
	fputc('\n', f);
	paragraph(f, _(cmd->description ? cmd->description : cmd->summary), 0);
	option_list(f, _("Options:"), cmd->options);
	if (cmd->subs) {
		fprintf(f, "\n%s\n", _("Commands:"));
		list_commands(f, cmd->subs, -1);
	}
	example_list(f, cmd->examples);
	fputc('\n', f);
	if (cmd->subs) {
		line = xasprintf(_("yokectl %s COMMAND --help shows the options and examples of one of "
		    "them."), path);
		paragraph(f, line, 0);
		free(line);
		fputc('\n', f);
	}
	paragraph(f, _("The connection and identity options (--server, --cert, --badge, --pin-fd), "
	    "the exit statuses and the environment: yokectl --help."), 0);
}

void
ctl_help_all(FILE *f)
{
	char *line;

	fprintf(f, _("usage: %s\n"), _("yokectl [OPTIONS] COMMAND [ARGUMENTS]"));
	fputc('\n', f);
	paragraph(f, _("yokectl is yoke's command line for engineers and admins: it loads the plant's "
	    "definitions, releases work orders, shows queues and traces units, holds and releases "
	    "them, records and decides nonconformances, prints labels and scan-command sheets, "
	    "reads GS1 barcodes, works out sampling plans and control charts, and enrols devices "
	    "and sets PINs."), 0);
	option_list(f, _("Connection and identity:"), ctl_global_options);
	line = xasprintf(_("The server is --server, else $YOKE_SERVER, else the certificate's server, "
	    "else %s."), YOKE_DEFAULT_ENDPOINT);
	paragraph(f, line, 2);
	free(line);
	for (int g = 0; g < CTL_GROUP_COUNT; g++) {
		fprintf(f, "\n%s\n", _(group_titles[g]));
		list_commands(f, ctl_commands, g);
	}
	fputc('\n', f);
	paragraph(f, _("Every command has its own help, e.g. yokectl trace unit --help. Every command "
	    "takes --json: its result, and any error, is then JSON on standard output."), 0);
	example_list(f, examples);
	option_list(f, _("Exit status:"), exit_statuses);
	paragraph(f, _("Under --json an error is {\"error\": message, \"status\": word}: the word is "
	    "the server's status (NOT_FOUND, CONFLICT, ...) or yokectl's own (invalid, refused, "
	    "protocol, usage, offline, io, local)."), 2);
	option_list(f, _("Environment:"), environment);
}

static void
print_path(const struct ctl_cmd *cmd, void *arg)
{
	char path[128];
	ctl_cmd_path(cmd, path, sizeof path);
	fprintf(arg, "%s\n", path);
}

void
ctl_list_commands(FILE *f)
{
	for (const struct ctl_cmd *const *c = ctl_commands; *c; c++) {
		if ((*c)->exec == NULL)
			print_path(*c, f);
		each_runnable(*c, print_path, f);
	}
}
