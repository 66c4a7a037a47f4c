/* An image's pixels as sRGB 8-bit samples in memory, for the encoders that are not libvips'
 * (gifsave.c, webpsave.c). */
#ifndef IP_SRGB_PIXELS_H
#define IP_SRGB_PIXELS_H
#include <vips/vips.h>

/* `in` as sRGB 8-bit (ip_to_8bit, then grey made RGB), 3 bands or 4 with alpha, with an opaque alpha band added when
 * `with_alpha` and there is none. Returns a g_malloc'd buffer (g_free it) and sets the size
 * and band count, or NULL with the message in libvips' error buffer. */
unsigned char *ip_srgb_pixels(VipsImage *in, int with_alpha, int *width, int *height, int *bands);

#endif
