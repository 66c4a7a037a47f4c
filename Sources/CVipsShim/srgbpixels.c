/* ip_srgb_pixels: see srgbpixels.h. */
#include "srgbpixels.h"
#include "CVipsShim.h"

unsigned char *ip_srgb_pixels(VipsImage *in, int with_alpha, int *width, int *height, int *bands) {
    VipsImage *t[3] = {NULL, NULL, NULL};
    VipsImage *image = in;
    unsigned char *pixels = NULL;
    /* The engine's own 8-bit conversion (what ImageEncoder has already applied: sRGB or grey),
     * then grey made RGB, as these formats hold no grey. */
    if (ip_to_8bit(image, &t[0]))
        goto done;
    image = t[0];
    if (image->Bands < 3) {
        if (vips_colourspace(image, &t[1], VIPS_INTERPRETATION_sRGB, NULL))
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
