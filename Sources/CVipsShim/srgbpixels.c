/* ip_srgb_pixels: see srgbpixels.h. The conversions are those libvips' savers make for a
 * format that holds only RGB(A) 8-bit (VIPS_SAVEABLE_RGBA_ONLY). */
#include "srgbpixels.h"

unsigned char *ip_srgb_pixels(VipsImage *in, int with_alpha, int *width, int *height, int *bands) {
    VipsImage *t[3] = {NULL, NULL, NULL};
    VipsImage *image = in;
    unsigned char *pixels = NULL;
    if (image->Bands < 3 || (image->Type != VIPS_INTERPRETATION_sRGB && vips_colourspace_issupported(image))) {
        if (vips_colourspace(image, &t[0], VIPS_INTERPRETATION_sRGB, NULL))
            goto done;
        image = t[0];
    }
    if (image->BandFmt != VIPS_FORMAT_UCHAR) {
        if (vips_cast_uchar(image, &t[1], NULL))
            goto done;
        image = t[1];
    }
    if (with_alpha && image->Bands == 3) {
        if (vips_addalpha(image, &t[2], NULL))
            goto done;
        image = t[2];
    }
    if (image->Bands != 3 && image->Bands != 4) {
        vips_error("ip_srgb_pixels", "needs 3 colour bands and at most one alpha band, not %d bands", image->Bands);
        goto done;
    }
    size_t size = 0;
    if (!(pixels = vips_image_write_to_memory(image, &size)))
        goto done;
    *width = image->Xsize;
    *height = image->Ysize;
    *bands = image->Bands;
done:
    for (int i = 0; i < 3; i++)
        if (t[i])
            g_object_unref(t[i]);
    return pixels;
}
