/* version.c — see version.h. */
#include "shared/version.h"
#include "proto/client.h"
#include "shared/gs1/gs1.h"
#include "build_info.h"

void
version_print(FILE *f, const char *program)
{
	fprintf(f, "%s %s (protocol %d; build %s %s)\n", program, YOKE_VERSION,
	    YOKE_PROTOCOL_VERSION, YOKE_BUILD_COMMIT, YOKE_BUILD_DATE);
	fprintf(f, "GS1 Syntax Dictionary %s\n", gs1_dict_release());
}
