/* usage.c — see usage.h. */
#include "terminal/usage.h"

#include "shared/i18n.h"
#include "shared/utf8.h"
#include "shared/station_commands.h"
#include "shared/layout.h"

#include <string.h>

#define HELP_WIDTH 80
#define HELP_INDENT 22         /* where descriptions start */

struct item {
	const char *left;          /* never translated: options, variables, commands */
	const char *text;          /* N_() */
};

static const struct item options[] = {
	{ "--cert FILE", N_("this terminal's certificate from `yokectl keys enrol` (default "
	  "$YOKE_CERT); it names the terminal, its stations and the server") },
	{ "--station ID", N_("the station this terminal stands at (default: the certificate's first "
	  "station)") },
	{ "--server ENDPOINT", N_("yoked's request socket (default $YOKE_SERVER, else the "
	  "certificate's server, else tcp://127.0.0.1:7700)") },
	{ "--plain", N_("no certificate, for a yoked started with --plain (loopback only)") },
	{ "--terminal ID", N_("with --plain: this terminal's id (default STATION@HOSTNAME)") },
	{ "--lang LANG", N_("the language until someone badges in: en or zh_CN (default: from "
	  "LANG); after a badge-in the screen speaks the person's language") },
	{ "--mono", N_("no colours: bold, reverse and underline only (also when NO_COLOR is set)") },
	{ "--log FILE", N_("append diagnostics to FILE (default: discarded on a terminal)") },
	{ "--help", N_("this help") },
	{ "--version", N_("the version, the protocol and the build") },
};

static const struct item environment[] = {
	{ "YOKE_CERT", N_("the certificate, as --cert") },
	{ "YOKE_SERVER", N_("the server, as --server") },
	{ "YOKE_LOCALEDIR", N_("where the message catalogues are (default: share/locale beside the "
	  "program's bin/)") },
	{ "LANGUAGE, LC_ALL, LC_MESSAGES, LANG", N_("the first of them that is set gives the language "
	  "until someone badges in (zh_CN... is Chinese, anything else English), as --lang") },
	{ "NO_COLOR", N_("set and not empty: no colours, as --mono (no-color.org)") },
	{ "TERM", N_("the terminal's type; it must be able to move the cursor (terminfo \"cup\"): "
	  "dumb cannot") },
};

static const struct item examples[] = {
	{ "yoke --cert SMT-1.cert", N_("the station its certificate names") },
	{ "yoke --cert line-2.cert --station REFLOW-1", N_("one of the certificate's stations") },
	{ "yoke --lang zh_CN --cert SMT-1.cert", N_("Chinese until someone badges in") },
	{ "NO_COLOR=1 yoke --cert SMT-1.cert", N_("no colours") },
	{ "yoke --plain --station TEST-1", N_("a test server started with --plain, on this machine") },
};

/* text wrapped at its display width into the columns from `indent` to
 * HELP_WIDTH, the first line after "  left" (or under it when left is
 * wider; no left, "", starts at indent). */
static void
item(FILE *f, int indent, const char *left, const char *text)
{
	struct utf8_line lines[32];
	size_t n = text[0] ? layout_wrap(text, HELP_WIDTH - indent, lines, 32) : 0;
	int lw = left[0] ? utf8_width(left) + 2 : 0;

	if (left[0])
		fprintf(f, "  %s", left);
	if (n == 0) {
		fputc('\n', f);
		return;
	}
	if (lw > 0 && lw >= indent) {
		fputc('\n', f);
		lw = 0;
	}
	for (size_t i = 0; i < n && i < 32; i++) {
		fprintf(f, "%*s%.*s\n", indent - (i == 0 ? lw : 0), "", (int)lines[i].len,
		    text + lines[i].off);
	}
}

/* A paragraph, wrapped at its display width, indented by two. */
static void
para(FILE *f, const char *text)
{
	item(f, 2, "", text);
}

static void
heading(FILE *f, const char *text)
{
	fprintf(f, "\n%s\n", text);
}

void
yoke_usage(FILE *f)
{
	fprintf(f, "%s yoke [--cert FILE] [--station ID] [--server ENDPOINT] [--lang LANG]\n"
	    "            [--mono] [--log FILE]\n"
	    "       yoke --plain --station ID [--terminal ID] [--server ENDPOINT] ...\n"
	    "       yoke --help | --version\n", _("usage:"));
}

void
yoke_help(FILE *f)
{
	char forms[64], left[96];
	size_t i;

	item(f, 0, "", _("yoke, the station terminal: work instructions, scans, measurements and "
	    "inspections at a workstation, as the yoked server decides them."));
	fputc('\n', f);
	yoke_usage(f);
	heading(f, _("Options:"));
	for (i = 0; i < sizeof options / sizeof options[0]; i++)
		item(f, HELP_INDENT, options[i].left, _(options[i].text));
	heading(f, _("Scan commands (scan the barcode, or type the command and press Enter):"));
	for (i = 0; i < command_count; i++) {
		command_short_forms(&command_table[i], forms, sizeof forms);
		snprintf(left, sizeof left, "%-8s%s", command_table[i].word, forms);
		item(f, HELP_INDENT + 2, left, _(command_table[i].what));
	}
	para(f, _("Short forms (PASS, P, Y ...) count only where a check or an inspection asks for "
	    "a verdict."));
	heading(f, _("Keys:"));
	for (i = 0; i < key_count; i++)
		item(f, HELP_INDENT, key_table[i].keys, _(key_table[i].what));
	para(f, _("On a terminal without function keys, Esc and then a digit is the function key: "
	    "Esc 1 is F1, Esc 0 is F10."));
	para(f, _("An inspector gets the inspector's view (the line's worklist, NCRs to decide and "
	    "close) and a lead the lead's (holds, the line's NCRs, notices, moving a unit); F1 there "
	    "lists their keys: the arrows, Page Up and Down, F3 to F6."));
	heading(f, _("Environment:"));
	for (i = 0; i < sizeof environment / sizeof environment[0]; i++)
		item(f, HELP_INDENT, environment[i].left, _(environment[i].text));
	heading(f, _("Exit status:"));
	para(f, _("0 after quitting (F10, then y); 2 for a wrong option, a missing or unusable "
	    "certificate, or a terminal yoke cannot draw on."));
	heading(f, _("Examples:"));
	for (i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		item(f, HELP_INDENT, examples[i].left, _(examples[i].text));
	}
}
