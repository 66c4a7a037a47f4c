/* ip_save_jpeg: JPEG outputs without metadata written with libjpeg directly.
 *
 * vips_jpegsave runs a thread pool and a write-behind thread for every file, and hands each
 * strip between them; when several outputs of one source are made at once, each on one thread,
 * that hand-over is all the pool does, and futex waits and wake-ups were 5 % of the 20-size
 * job's cycles. Here the output's own thread computes the strips and gives them to libjpeg.
 * The settings are vips_jpegsave's with "strip": the quality's tables, optimised Huffman
 * tables, 4:2:0 below quality 90 and 4:4:4 from 90, no JFIF or other marker; the files are
 * vips_jpegsave's byte for byte (JPEGEncodingTests). An image libvips computes with more than
 * one thread (a lone output streamed from its decoder), metadata to keep, or anything but 8-bit
 * grey or sRGB still goes to vips_jpegsave. */
#include "CVipsShim.h"
#include "jpegerror.h"
#include <stdlib.h>

/* Rows asked of the image at once. */
#define IP_JPEG_STRIP 16

void ip_jpeg_error_exit(j_common_ptr cinfo) {
    IpJpegError *error = (IpJpegError *) cinfo->err;
    error->base.format_message(cinfo, error->message);
    longjmp(error->exit, 1);
}

static void ip_jpeg_quiet(j_common_ptr cinfo, int level) {
    (void) cinfo;
    (void) level;
}

int ip_save_jpeg_direct(VipsImage *in, int strip) {
    /* vips_jpegsave converts other interpretations (LAB, CMYK, ...) before writing. */
    const int grey = in->Bands == 1 && (in->Type == VIPS_INTERPRETATION_B_W || in->Type == VIPS_INTERPRETATION_MULTIBAND);
    const int colour = in->Bands == 3 && (in->Type == VIPS_INTERPRETATION_sRGB || in->Type == VIPS_INTERPRETATION_RGB);
    return strip && in->BandFmt == VIPS_FORMAT_UCHAR && in->Coding == VIPS_CODING_NONE && (grey || colour) &&
           vips_image_get_concurrency(in, 0) == 1;
}

static int ip_jpeg_write(VipsImage *in, int quality, unsigned char **memory, unsigned long *size) {
    struct jpeg_compress_struct cinfo;
    IpJpegError error;
    VipsRegion *volatile region = NULL; /* volatile: read after libjpeg's longjmp */
    cinfo.err = jpeg_std_error(&error.base);
    error.base.error_exit = ip_jpeg_error_exit;
    error.base.emit_message = ip_jpeg_quiet;
    jpeg_create_compress(&cinfo);
    if (setjmp(error.exit)) {
        vips_error("ip_save_jpeg", "%s", error.message);
        jpeg_destroy_compress(&cinfo);
        if (region)
            g_object_unref(region);
        return -1;
    }
    jpeg_mem_dest(&cinfo, memory, size);
    cinfo.image_width = (JDIMENSION) in->Xsize;
    cinfo.image_height = (JDIMENSION) in->Ysize;
    cinfo.input_components = in->Bands;
    cinfo.in_color_space = in->Bands == 3 ? JCS_RGB : JCS_GRAYSCALE;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.optimize_coding = TRUE;
    cinfo.write_JFIF_header = FALSE;
    if (in->Bands == 3 && quality >= 90)
        for (int i = 0; i < cinfo.num_components; i++)
            cinfo.comp_info[i].h_samp_factor = cinfo.comp_info[i].v_samp_factor = 1;
    region = vips_region_new(in);
    jpeg_start_compress(&cinfo, TRUE);
    JSAMPROW rows[IP_JPEG_STRIP];
    for (int top = 0; top < in->Ysize; top += IP_JPEG_STRIP) {
        VipsRect strip = {0, top, in->Xsize, VIPS_MIN(IP_JPEG_STRIP, in->Ysize - top)};
        if (vips_region_prepare(region, &strip)) {
            jpeg_destroy_compress(&cinfo);
            g_object_unref(region);
            return -1;
        }
        for (int y = 0; y < strip.height; y++)
            rows[y] = (JSAMPROW) VIPS_REGION_ADDR(region, 0, top + y);
        jpeg_write_scanlines(&cinfo, rows, (JDIMENSION) strip.height);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    g_object_unref(region);
    return 0;
}

int ip_save_jpeg(VipsImage *in, int quality, int strip, void **buf, size_t *len) {
    if (!ip_save_jpeg_direct(in, strip))
        return vips_jpegsave_buffer(in, buf, len, "Q", quality, "strip", strip, "optimize_coding", TRUE, NULL);
    unsigned char *memory = NULL;
    unsigned long size = 0;
    if (ip_jpeg_write(in, quality, &memory, &size)) {
        free(memory);
        return -1;
    }
    /* Callers free the file with g_free, which is free since GLib 2.46. */
    *buf = memory;
    *len = size;
    return 0;
}
