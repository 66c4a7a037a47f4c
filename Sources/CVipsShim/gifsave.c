/* ip_save_gif: GIF outputs. A still image is quantised here with libimagequant and written
 * with cgif (the two libraries libvips' own gifsave uses); an animation goes to vips_gifsave.
 *
 * Three differences from vips_gifsave, each measured (Benchmarks/RESULTS.md, "GIF outputs"):
 *
 * - The palette is chosen from a sample of at most about IP_GIF_SAMPLE pixels, not from every
 *   pixel; the whole image is then remapped to it. libimagequant's palette search at libvips'
 *   default effort (7, speed 4) costs in proportion to the pixels it is given, and was two
 *   thirds of a 1080² GIF's time. The sample is of whole pixels (a Lanczos-reduced copy would
 *   average thin lines away). On 1080² images, a photo and an enlarged GIF, samples of one
 *   pixel in 9 and in 16 gave the same bytes and PSNR as every pixel (±0.6 %, ±0.1 dB), and a
 *   one-pixel line kept its colour.
 * - Dithering is the caller's choice (`dither` 0 or 1): the engine turns it off for sources
 *   that are already palette images (a GIF), whose colours were chosen once and whose own
 *   dithering, if any, is in the pixels; error diffusion on top adds noise and bytes.
 * - libimagequant runs on the calling thread only. Its OpenMP loops gained little wall time on
 *   two cores and its threads spin after each loop (libgomp was 13 % of a 1080² GIF's
 *   samples), taking the cores from the outputs and sources the engine runs beside it. The
 *   setting is OpenMP's per-thread one, found in the process by name (libgomp is loaded with
 *   libimagequant), so no other thread is affected.
 *
 * Otherwise as vips_gifsave: sRGB 8-bit with alpha, alpha thresholded at 128 (transparent
 * pixels made 0,0,0,0 so they share one entry), at most 256 colours. A still image has no
 * looping block. */
#include "CVipsShim.h"
#include "srgbpixels.h"
#include <cgif.h>
#include <dlfcn.h>
#include <libimagequant.h>
#include <string.h>

/* Pixels the palette is chosen from, at most (about): 1080² is sampled one pixel in 18. */
#define IP_GIF_SAMPLE 65536

typedef struct {
    unsigned char *data;
    size_t length, capacity;
    int failed;
} IpGifBuffer;

static int ip_gif_append(void *context, const uint8_t *bytes, const size_t length) {
    IpGifBuffer *buffer = context;
    if (buffer->failed)
        return -1;
    if (buffer->length + length > buffer->capacity) {
        const size_t capacity = (buffer->length + length) * 2;
        unsigned char *grown = g_try_realloc(buffer->data, capacity);
        if (!grown) {
            buffer->failed = 1;
            return -1;
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, bytes, length);
    buffer->length += length;
    return 0;
}

/* The image as sRGB 8-bit RGBA in memory (g_free it), alpha thresholded as vips_gifsave does. */
static unsigned char *ip_gif_rgba(VipsImage *in, int *width, int *height) {
    int bands = 0; /* 4: alpha was asked for */
    unsigned char *pixels = ip_srgb_pixels(in, 1, width, height, &bands);
    if (!pixels)
        return NULL;
    const size_t size = (size_t) *width * *height * 4;
    for (unsigned char *p = pixels, *end = pixels + size; p < end; p += 4) {
        if (p[3] >= 128)
            p[3] = 255;
        else
            p[0] = p[1] = p[2] = p[3] = 0;
    }
    return pixels;
}

/* OpenMP's thread count for the calling thread's own parallel regions: one. */
static void ip_gif_one_thread(void) {
    static void (*set_threads)(int) = NULL;
    static gsize looked = 0;
    if (g_once_init_enter(&looked)) {
        set_threads = (void (*)(int)) dlsym(RTLD_DEFAULT, "omp_set_num_threads");
        g_once_init_leave(&looked, 1);
    }
    if (set_threads)
        set_threads(1);
}

static int ip_gif_still(VipsImage *in, int dither, void **buf, size_t *len) {
    int width = 0, height = 0;
    if ((guint64) in->Xsize * in->Ysize > INT_MAX / 4 || in->Xsize > 65535 || in->Ysize > 65535) {
        vips_error("ip_save_gif", "%dx%d is larger than a GIF can be", in->Xsize, in->Ysize);
        return -1;
    }
    unsigned char *pixels = ip_gif_rgba(in, &width, &height);
    if (!pixels)
        return -1;
    const size_t count = (size_t) width * height;
    int result = -1;
    unsigned char *sample = NULL, *index = NULL;
    liq_image *image = NULL, *sampled = NULL;
    liq_result *quantised = NULL;
    IpGifBuffer out = {0};
    CGIF *gif = NULL;
    ip_gif_one_thread();
    liq_attr *attr = liq_attr_create();
    if (!attr)
        goto done;
    liq_set_max_colors(attr, 256);
    liq_set_quality(attr, 0, 100);
    /* vips_gifsave's default effort (7, speed 4) for images the palette is chosen from whole;
     * one less (speed 5) on a sample of a larger one: 20-35 ms less on 1080², 0.2 % more bytes,
     * and still the speed at which libimagequant dithers by its map of smooth areas. */
    liq_set_speed(attr, count > IP_GIF_SAMPLE ? 5 : 4);
    if (!(image = liq_image_create_rgba(attr, pixels, width, height, 0)))
        goto done;
    liq_image *palette_from = image;
    if (count > IP_GIF_SAMPLE) {
        /* One pixel in `every` on average, at pseudo-random steps (xorshift, fixed seed: the
         * same image always gives the same file). Unlike a grid, a steady stride samples any
         * feature of n pixels about n / every times, whatever its direction: a one-pixel line
         * keeps its colour in the palette. */
        const size_t every = count / IP_GIF_SAMPLE + 1, room = 2 * (count / every) + 1024;
        if (!(sample = g_try_malloc((room + 1024) * 4)))
            goto done;
        size_t taken = 0;
        uint32_t state = 2463534242u;
        /* Room for twice the expected count: the steps vary, and the sample must reach the
         * last row. */
        for (size_t i = 0; i < count && taken < room; taken++) {
            memcpy(sample + taken * 4, pixels + i * 4, 4);
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            i += 1 + state % (2 * every - 1);
        }
        /* libimagequant takes the sample as rows of 1,024; the last row is filled with the
         * sample's first pixels again rather than left short (which would drop the image's
         * last pixels from the palette). */
        const int sample_width = taken < 1024 ? (int) taken : 1024;
        const int sample_height = (int) ((taken + sample_width - 1) / sample_width);
        for (size_t j = 0; taken < (size_t) sample_width * sample_height; j++, taken++)
            memcpy(sample + taken * 4, sample + j * 4, 4);
        if (!(sampled = liq_image_create_rgba(attr, sample, sample_width, sample_height, 0)))
            goto done;
        palette_from = sampled;
    }
    if (liq_image_quantize(palette_from, attr, &quantised) != LIQ_OK) {
        vips_error("ip_save_gif", "quantisation failed");
        goto done;
    }
    liq_set_dithering_level(quantised, dither ? 1.0f : 0.0f);
    if (!(index = g_try_malloc(count)) || liq_write_remapped_image(quantised, image, index, count) != LIQ_OK) {
        vips_error("ip_save_gif", "remapping to the palette failed");
        goto done;
    }
    const liq_palette *palette = liq_get_palette(quantised);
    uint8_t rgb[256 * 3];
    for (unsigned i = 0; i < palette->count; i++) {
        rgb[3 * i] = palette->entries[i].r;
        rgb[3 * i + 1] = palette->entries[i].g;
        rgb[3 * i + 2] = palette->entries[i].b;
    }
    CGIF_Config config = {0};
    config.width = (uint16_t) width;
    config.height = (uint16_t) height;
    config.pGlobalPalette = rgb;
    config.numGlobalPaletteEntries = (uint16_t) palette->count;
    config.pWriteFn = ip_gif_append;
    config.pContext = &out;
    CGIF_FrameConfig frame = {0};
    frame.pImageData = index;
    /* libimagequant puts a transparent entry first when there is one. cgif 0.3 writes the
     * graphic control block that marks it only in an animation: a one-frame one that plays
     * once (no looping block), as a still image does. */
    if (palette->count > 0 && palette->entries[0].a == 0) {
        frame.attrFlags |= CGIF_FRAME_ATTR_HAS_ALPHA;
        frame.transIndex = 0;
        config.attrFlags |= CGIF_ATTR_IS_ANIMATED | CGIF_ATTR_NO_LOOP;
    }
    if (!(gif = cgif_newgif(&config)) || cgif_addframe(gif, &frame) != 0) {
        vips_error("ip_save_gif", "writing the GIF failed");
        goto done;
    }
    const int closed = cgif_close(gif);
    gif = NULL;
    if (closed != 0 || out.failed) {
        vips_error("ip_save_gif", "writing the GIF failed");
        goto done;
    }
    *buf = out.data;
    *len = out.length;
    out.data = NULL;
    result = 0;
done:
    if (gif)
        cgif_close(gif);
    g_free(out.data);
    g_free(index);
    if (quantised)
        liq_result_destroy(quantised);
    if (sampled)
        liq_image_destroy(sampled);
    if (image)
        liq_image_destroy(image);
    if (attr)
        liq_attr_destroy(attr);
    g_free(sample);
    g_free(pixels);
    return result;
}

int ip_save_gif(VipsImage *in, int strip, int dither, void **buf, size_t *len) {
    if (vips_image_get_page_height(in) < in->Ysize)
        return vips_gifsave_buffer(in, buf, len, "strip", strip, "dither", dither ? 1.0 : 0.0, NULL);
    return ip_gif_still(in, dither, buf, len);
}
