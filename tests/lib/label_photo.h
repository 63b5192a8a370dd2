/*
 * label_photo.h — labels for the tests of shared/scan/: barcodes drawn by
 * real encoders, then made to look like a photo of a printed label.
 *
 * Encoders: QR by libqrencode, Data Matrix by libdmtx's encoder (GS1
 * DataMatrix: FNC1 first and a GS in the data written as FNC1), Code 128
 * and GS1-128 and EAN-13 by the small encoders here (yoke's labels draw no
 * linear code to borrow). What they draw is only trusted once a reader
 * gives back exactly the data: an encoder bug fails the test, it cannot
 * pass one.
 *
 * Photo: the label is scaled by a factor that is not a whole number
 * (bilinear, so module edges fall between pixels), rotated a few degrees,
 * blurred (out of focus), its contrast lowered (grey ink on grey paper),
 * shaded (light from one side) and given noise (a camera's sensor), each a
 * separate step with a fixed seed, so a failure can be replayed.
 */
#ifndef YOKE_TEST_LABEL_PHOTO_H
#define YOKE_TEST_LABEL_PHOTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A grey picture, 0 black to 255 white, rows top to bottom. */
struct photo {
	unsigned w, h;
	unsigned char *px;
};

/* A symbol as modules: w x h, 1 dark, 0 light, without quiet zone. */
struct modules {
	unsigned w, h;
	unsigned char *m;
};

struct photo photo_new(unsigned w, unsigned h, unsigned char paper);
void photo_free(struct photo *p);
void modules_free(struct modules *m);

/* QR code of text, level M, 8-bit mode. False when libqrencode refuses. */
bool art_qr(const char *text, struct modules *out);
/* Data Matrix of len bytes (ECC 200, square, size chosen by libdmtx).
 * gs1: FNC1 first, and every GS in data written as FNC1. */
bool art_datamatrix(const char *data, size_t len, bool gs1, struct modules *out);
/* Code 128 of len bytes (printable ASCII; GS becomes FNC1), set C for runs
 * of digits, B otherwise; gs1: FNC1 first (GS1-128). height in modules.
 * False for a byte it cannot encode. */
bool art_code128(const char *data, size_t len, bool gs1, unsigned height, struct modules *out);
/* EAN-13 of 12 digits (the check digit is added) or 13 (checked). */
bool art_ean13(const char *digits, unsigned height, struct modules *out);

/* Draws m at (x, y) with scale pixels per module (its quiet zone is the
 * paper around it: leave room). */
void photo_draw(struct photo *p, const struct modules *m, unsigned x, unsigned y, unsigned scale);

/* A new picture: p scaled by factor and rotated by degrees (counter-
 * clockwise) about its centre, bilinear, on a canvas that holds all of it;
 * the corners outside the label are paper. */
struct photo photo_transform(const struct photo *p, double factor, double degrees,
    unsigned char paper);
/* Where the point (x, y) of p lands in photo_transform's result. */
void photo_transform_point(const struct photo *p, double factor, double degrees, double x,
    double y, double *ox, double *oy);
/* Box blur of radius r pixels, twice (close to a Gaussian). */
void photo_blur(struct photo *p, unsigned r);
/* Black becomes ink, white becomes paper (ink < paper): low contrast. */
void photo_contrast(struct photo *p, unsigned char ink, unsigned char paper);
/* Light falls off from left to right to `dim` of itself (0..1). */
void photo_shade(struct photo *p, double dim);
/* Adds noise of about +-amplitude (triangular), from seed. */
void photo_noise(struct photo *p, unsigned amplitude, uint32_t seed);

/* 8-bit grey PNG. False (errno set by libpng's stdio) when it fails. */
bool photo_write_png(const struct photo *p, const char *path);

#endif
