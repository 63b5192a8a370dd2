/*
 * image_dmtx.c — the Data Matrix symbols of a picture, with libdmtx.
 *
 * GS1 DataMatrix (ISO/IEC 16022, GS1 General Specifications 5.6) starts
 * with the FNC1 codeword, 232. libdmtx writes FNC1 as the character set
 * with DmtxPropFnc1 (here GS) wherever it is; whether it was first is read
 * from the codewords themselves (msg->code[0]), not from the output, since
 * a symbol may also hold a GS byte as plain data. That leading FNC1 only
 * says "GS1" (]d2) and is dropped, as a scanner does; every later one is
 * the GS that ends a variable-length field.
 *
 * libdmtx follows every edge of the picture that could be the L of a
 * finder pattern, so its time grows with the picture's area and edges. It
 * first looks at the picture shrunk (every k-th pixel) to about
 * COARSE_SIDE pixels a side, where a reel label's modules are still a few
 * pixels wide and the look is cheap, then at half that shrink and so on
 * down to full size, until a look finds a symbol or SCAN_DMTX_MS is spent.
 * (So when one picture holds Data Matrix symbols of very different sizes,
 * the small ones may be left unread once a coarser look found the big.)
 * image.c has painted over the codes zbar read and smoothed the noise.
 * libdmtx's y axis points up (row 0 of its image is the bottom row), so
 * its positions are flipped back.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <dmtx.h>

#include "shared/i18n.h"
#include "shared/scan/image_priv.h"

#define COARSE_SIDE 500u
#define DMTX_FNC1 232
#define GS 0x1d

/* Reads every symbol libdmtx finds at this shrink factor before deadline.
 * Returns the symbols found, or -1 when libdmtx could not start. *timed_out
 * is set when the deadline stopped the search. */
static int
look(unsigned char *grey, unsigned w, unsigned h, int shrink, DmtxTime deadline,
    struct scan_result *r, bool *timed_out)
{
	DmtxImage *img = dmtxImageCreate(grey, (int)w, (int)h, DmtxPack8bppK);
	DmtxDecode *dec;
	DmtxRegion *reg;
	int found = 0;

	if (img == NULL)
		return -1;
	dec = dmtxDecodeCreate(img, shrink);
	if (dec == NULL) {
		dmtxImageDestroy(&img);
		return -1;
	}
	dmtxDecodeSetProp(dec, DmtxPropFnc1, GS);
	while (r->n < SCAN_MAX_SYMBOLS && (reg = dmtxRegionFindNext(dec, &deadline)) != NULL) {
		DmtxMessage *msg = dmtxDecodeMatrixRegion(dec, reg, DmtxUndefined);
		if (msg != NULL) {
			static const double unit[4][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } };
			struct scan_point pts[4];
			bool gs1 = msg->codeSize > 0 && msg->code[0] == DMTX_FNC1;
			const char *text = (const char *)msg->output;
			size_t len = msg->outputIdx > 0 ? (size_t)msg->outputIdx : 0;

			if (gs1 && len > 0 && text[0] == GS) {
				text++;
				len--;
			}
			/* The finder's corner (the L's) first, then along the symbol. */
			for (int i = 0; i < 4; i++) {
				DmtxVector2 p = { unit[i][0], unit[i][1] };
				dmtxMatrix3VMultiplyBy(&p, reg->fit2raw);
				pts[i].x = (int)lround(p.X * shrink);
				pts[i].y = (int)h - 1 - (int)lround(p.Y * shrink);
			}
			if (scan_add(r, SCAN_DATAMATRIX, gs1, gs1 ? "]d2" : "]d1", text, len, pts, 4, true))
				found++;
			dmtxMessageDestroy(&msg);
		}
		dmtxRegionDestroy(&reg);
	}
	if (dmtxTimeExceeded(deadline))
		*timed_out = true;
	dmtxDecodeDestroy(&dec);
	dmtxImageDestroy(&img);
	return found;
}

enum scan_status
scan_dmtx(const unsigned char *grey, unsigned w, unsigned h, struct scan_result *r, char *err,
    size_t errsz)
{
	DmtxTime deadline = dmtxTimeAdd(dmtxTimeNow(), SCAN_DMTX_MS);
	unsigned side = w > h ? w : h;
	int shrink = side > COARSE_SIDE ? (int)(side / COARSE_SIDE) : 1;
	bool timed_out = false;
	/* libdmtx takes a non-const buffer; it only reads it. */
	unsigned char *pixels = (unsigned char *)(uintptr_t)grey;
	int n;

	for (;;) {
		n = look(pixels, w, h, shrink, deadline, r, &timed_out);
		if (n != 0 || shrink == 1 || timed_out)
			break;
		shrink /= 2;
	}
	if (n < 0) {
		scan_seterr(err, errsz, _("the Data Matrix reader failed on the image"));
		return SCAN_READER_FAILED;
	}
	r->dmtx_timed_out = timed_out;
	return SCAN_OK;
}
