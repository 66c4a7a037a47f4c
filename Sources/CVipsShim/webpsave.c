/* ip_save_webp: WebP outputs. A still, lossy, stripped image (the common case) is encoded here
 * with libwebp; everything else (lossless, metadata kept, animations) by vips_webpsave.
 *
 * The one difference from vips_webpsave is libwebp's `thread_level`: 1 encodes an alpha plane
 * on a second thread while the colour is encoded. libvips 8.14 leaves it at 0, so an image
 * with real transparency paid for its lossless alpha plane after its colour: a 1080² RGBA
 * output took 159-163 ms, 123-132 ms with the second thread, the same bytes (measured in one
 * process; Benchmarks/RESULTS.md, "WebP outputs"). The other settings are vips_webpsave's
 * defaults: the default preset at the output's quality, method (effort) 4, alpha quality 100,
 * no sharp YUV. libvips writes stills through libwebp's animation encoder, which adds an
 * extended header (VP8X) and ANIM chunks; this writes the simple format (about 200 bytes
 * less). */
#include "CVipsShim.h"
#include "srgbpixels.h"
#include <string.h>
#include <webp/encode.h>

static int ip_webp_still(VipsImage *in, int quality, void **buf, size_t *len) {
    if (in->Xsize > WEBP_MAX_DIMENSION || in->Ysize > WEBP_MAX_DIMENSION) {
        vips_error("ip_save_webp", "%dx%d is larger than WebP allows (%d on a side)", in->Xsize, in->Ysize, WEBP_MAX_DIMENSION);
        return -1;
    }
    int width = 0, height = 0, bands = 0;
    unsigned char *pixels = ip_srgb_pixels(in, 0, &width, &height, &bands);
    if (!pixels)
        return -1;
    int result = -1;
    WebPConfig config;
    WebPPicture picture;
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    const int pictured = WebPPictureInit(&picture);
    if (!WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, (float) quality) || !pictured) {
        vips_error("ip_save_webp", "libwebp's version does not match its header");
        goto done;
    }
    config.method = 4;
    config.alpha_quality = 100;
    config.thread_level = 1;
    picture.width = width;
    picture.height = height;
    picture.use_argb = 0;
    if (!(bands == 4 ? WebPPictureImportRGBA(&picture, pixels, width * 4) : WebPPictureImportRGB(&picture, pixels, width * 3))) {
        vips_error("ip_save_webp", "out of memory for a %dx%d picture", width, height);
        goto done;
    }
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    if (!WebPEncode(&config, &picture)) {
        vips_error("ip_save_webp", "libwebp failed (error %d)", (int) picture.error_code);
        goto done;
    }
    /* The caller frees with g_free, libwebp's buffer with WebPFree: copy it. */
    if (!(*buf = g_try_malloc(writer.size))) {
        vips_error("ip_save_webp", "out of memory for %zu bytes", writer.size);
        goto done;
    }
    memcpy(*buf, writer.mem, writer.size);
    *len = writer.size;
    result = 0;
done:
    WebPPictureFree(&picture);
    WebPMemoryWriterClear(&writer);
    g_free(pixels);
    return result;
}

int ip_save_webp(VipsImage *in, int quality, int lossless, int strip, void **buf, size_t *len) {
    if (lossless || !strip || vips_image_get_page_height(in) < in->Ysize)
        return vips_webpsave_buffer(in, buf, len, "Q", quality, "lossless", lossless, "strip", strip, NULL);
    return ip_webp_still(in, quality, buf, len);
}
