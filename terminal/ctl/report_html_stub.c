/*
 * report_html_stub.c — TEMPORARY: `yokectl report --html FILE` is built on
 * another branch (the cost-of-quality page, terminal/ctl/report_html.c);
 * this stand-in lets this branch build and is deleted when they meet.
 */
#include "terminal/ctl/ctl.h"

int
ctl_report_html(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "yokectl: not in this branch\n");
	return CTL_USAGE;
}
