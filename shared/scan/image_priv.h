/*
 * image_priv.h — what the two readers of image.c share: each appends the
 * symbols it finds in one grey picture to the result.
 */
#ifndef YOKE_SCAN_IMAGE_PRIV_H
#define YOKE_SCAN_IMAGE_PRIV_H

#include "shared/scan/image.h"

/*
 * Appends a symbol: text (len bytes) is copied; x, y, width and height are
 * computed from the n points (at least one). False when the symbol is
 * there already (the same symbology and data in a box that overlaps its
 * box: a second look at the picture found it again) or the result holds
 * SCAN_MAX_SYMBOLS (the symbol is dropped).
 */
bool scan_add(struct scan_result *r, enum scan_symbology sym, bool gs1, const char *aim,
    const char *text, size_t len, const struct scan_point *pts, size_t n, bool corners);

/* zbar: linear codes and QR, in the picture as it is and in its smoothed
 * copy (scan_smooth). SCAN_OK or SCAN_READER_FAILED (err set). */
enum scan_status scan_zbar(const unsigned char *grey, const unsigned char *smooth, unsigned w,
    unsigned h, struct scan_result *r, char *err, size_t errsz);
/* libdmtx: Data Matrix, within SCAN_DMTX_MS. SCAN_OK or SCAN_READER_FAILED. */
enum scan_status scan_dmtx(const unsigned char *grey, unsigned w, unsigned h,
    struct scan_result *r, char *err, size_t errsz);

/* The mean of each pixel's 3x3 neighbourhood (a new buffer): a camera's
 * sensor noise averaged out, edges kept where a module is 3 pixels or more. */
unsigned char *scan_smooth(const unsigned char *grey, unsigned w, unsigned h);

void scan_seterr(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
