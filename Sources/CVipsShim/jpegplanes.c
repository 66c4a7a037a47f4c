/* JPEGs decoded to, and written from, their YCbCr planes.
 *
 * A JPEG holds luma at full resolution and, in most photos, chroma at half. Decoding to RGB
 * upsamples the chroma and converts every pixel, the resize then works on three full-size
 * bands, and writing a JPEG converts back and averages the chroma down again. Here libjpeg's
 * raw data interfaces give the planes as stored: luma as a one-band image and chroma as a
 * two-band (Cb, Cr) image at its own resolution, each resized on its own (1.5 samples a
 * pixel for 4:2:0 instead of 3) and written without a conversion.
 *
 * The decoder declines (returns 1) anything it does not take exactly as the general path
 * would: not 8-bit three-component YCbCr with full-resolution chroma factors, an embedded ICC
 * profile (the general path converts it), and any warning libjpeg gives (damaged data: the
 * general path applies the operator's fail-on policy and names the damage). It also declines
 * a progressive file with more scans than any encoder writes, so a hostile one costs little
 * before the general path's limits see it. A killed token stops it (-1), as libvips' kill flag
 * stops a computation. */
#include "CVipsShim.h"
#include "jpegerror.h"
#include <stdlib.h>
#include <string.h>

/* libjpeg-turbo's progressive files have 10 scans and jpegtran's scripts at most 100; past
 * this a file goes the general way. */
#define IP_PLANES_MAX_SCANS 64

typedef struct {
    IpJpegError error; /* first: libjpeg's err pointer is this state's */
    struct jpeg_progress_mgr progress;
    VipsImage *token;
    int killed;
} IpPlanesState;

/* A warning (level -1) means damaged data: leave the file to the general path. */
static void ip_planes_message(j_common_ptr cinfo, int level) {
    if (level < 0)
        ip_jpeg_error_exit(cinfo);
}

static void ip_planes_progress(j_common_ptr cinfo) {
    IpPlanesState *state = (IpPlanesState *) cinfo->err;
    j_decompress_ptr dinfo = (j_decompress_ptr) cinfo;
    if (state->token && vips_image_iskilled(state->token)) {
        state->killed = 1;
        longjmp(state->error.exit, 1);
    }
    if (dinfo->input_scan_number > IP_PLANES_MAX_SCANS)
        longjmp(state->error.exit, 1);
}

static int ip_planes_has_icc(j_decompress_ptr cinfo) {
    for (jpeg_saved_marker_ptr marker = cinfo->marker_list; marker; marker = marker->next)
        if (marker->marker == JPEG_APP0 + 2 && marker->data_length >= 12 && !memcmp(marker->data, "ICC_PROFILE", 12))
            return 1;
    return 0;
}

static VipsImage *ip_planes_image(int width, int height, int bands) {
    VipsImage *image = vips_image_new_memory();
    vips_image_init_fields(image, width, height, bands, VIPS_FORMAT_UCHAR, VIPS_CODING_NONE,
                           bands == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_MULTIBAND, 1.0, 1.0);
    if (vips_image_write_prepare(image)) {
        g_object_unref(image);
        return NULL;
    }
    return image;
}

/* One chroma row of the planes: Cb and Cr interleaved, each the mean of `top` and `bottom`
 * (the same row when not folded vertically) and, folded horizontally, of column pairs. */
static void ip_planes_fold(VipsPel *out, const JSAMPLE *cbtop, const JSAMPLE *crtop, const JSAMPLE *cbbottom,
                           const JSAMPLE *crbottom, int cwidth, int sourcecw, int foldx) {
    if (foldx == 1 && cbtop == cbbottom) {
        for (int x = 0; x < cwidth; x++) {
            out[2 * x] = cbtop[x];
            out[2 * x + 1] = crtop[x];
        }
        return;
    }
    for (int x = 0; x < cwidth; x++) {
        const int x0 = foldx * x, x1 = VIPS_MIN(x0 + foldx - 1, sourcecw - 1);
        out[2 * x] = (VipsPel) ((cbtop[x0] + cbtop[x1] + cbbottom[x0] + cbbottom[x1] + 2) >> 2);
        out[2 * x + 1] = (VipsPel) ((crtop[x0] + crtop[x1] + crbottom[x0] + crbottom[x1] + 2) >> 2);
    }
}

int ip_jpeg_planes_load(const char *path, int shrink, int halve, VipsImage *token, VipsImage **luma, VipsImage **chroma) {
    struct jpeg_decompress_struct cinfo;
    IpPlanesState state;
    FILE *volatile file = NULL;
    VipsImage *volatile y = NULL, *volatile c = NULL;
    JSAMPLE *volatile scratch = NULL;
    memset(&state, 0, sizeof(state));
    state.token = token;
    cinfo.err = jpeg_std_error(&state.error.base);
    state.error.base.error_exit = ip_jpeg_error_exit;
    state.error.base.emit_message = ip_planes_message;
    jpeg_create_decompress(&cinfo);
    if (setjmp(state.error.exit)) {
        jpeg_destroy_decompress(&cinfo);
        if (file) fclose(file);
        if (y) g_object_unref(y);
        if (c) g_object_unref(c);
        free(scratch);
        if (state.killed) {
            vips_error("ip_jpeg_planes_load", "%s", "killed");
            return -1;
        }
        return 1;
    }
    state.progress.progress_monitor = ip_planes_progress;
    cinfo.progress = &state.progress;
    if (!(file = fopen(path, "rb")))
        longjmp(state.error.exit, 1);
    jpeg_stdio_src(&cinfo, file);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(&cinfo, TRUE);
    jpeg_component_info *comp = cinfo.comp_info;
    if (cinfo.num_components != 3 || cinfo.jpeg_color_space != JCS_YCbCr || cinfo.data_precision != 8 ||
        ip_planes_has_icc(&cinfo) || comp[0].h_samp_factor > 2 || comp[0].v_samp_factor > 2 ||
        comp[1].h_samp_factor != 1 || comp[1].v_samp_factor != 1 || comp[2].h_samp_factor != 1 || comp[2].v_samp_factor != 1)
        longjmp(state.error.exit, 1);
    cinfo.scale_num = 1;
    cinfo.scale_denom = (unsigned int) shrink;
    cinfo.raw_data_out = TRUE;
    jpeg_start_decompress(&cinfo);
    const int width = (int) comp[0].downsampled_width, height = (int) comp[0].downsampled_height;
    /* Scaled down, libjpeg makes subsampled chroma at the luma's resolution with its larger
     * IDCT (4:2:0 at 1/2 comes out 4:4:4). Such chroma is folded back by 2 × 2 means as it is
     * copied, so the planes keep the file's subsampling; with `halve`, a 4:4:4 file's chroma is
     * folded too, giving 4:2:0 planes (the general path's writer averages it so as well). */
    const int sourcecw = (int) comp[1].downsampled_width, sourcech = (int) comp[1].downsampled_height;
    const int full = halve && comp[0].h_samp_factor == 1 && comp[0].v_samp_factor == 1;
    const int hfactor = full ? 2 : comp[0].h_samp_factor, vfactor = full ? 2 : comp[0].v_samp_factor;
    const int wantcw = (width + hfactor - 1) / hfactor, wantch = (height + vfactor - 1) / vfactor;
    const int foldx = sourcecw > wantcw ? 2 : 1, foldy = sourcech > wantch ? 2 : 1;
    const int cwidth = (sourcecw + foldx - 1) / foldx, cheight = (sourcech + foldy - 1) / foldy;
    if (!(y = ip_planes_image(width, height, 1)) || !(c = ip_planes_image(cwidth, cheight, 2)))
        longjmp(state.error.exit, 1);
    /* libjpeg writes whole blocks: rows of width_in_blocks scaled blocks, an iMCU row at a time. */
    int rows[3], stride[3];
    size_t offset[3], total = 0;
    for (int i = 0; i < 3; i++) {
        rows[i] = comp[i].v_samp_factor * comp[i].DCT_scaled_size;
        stride[i] = (int) comp[i].width_in_blocks * comp[i].DCT_scaled_size;
        offset[i] = total;
        total += (size_t) rows[i] * stride[i];
    }
    /* And the top row of a pair of chroma rows being folded: Cb, then Cr. */
    if (!(scratch = malloc(total + 2 * (size_t) stride[1])))
        longjmp(state.error.exit, 1);
    JSAMPLE *pending = scratch + total;
    JSAMPROW pointers[3][2 * DCTSIZE];
    JSAMPARRAY planes[3];
    for (int i = 0; i < 3; i++) {
        for (int r = 0; r < rows[i]; r++)
            pointers[i][r] = scratch + offset[i] + (size_t) r * stride[i];
        planes[i] = pointers[i];
    }
    int ytop = 0, csource = 0;
    while (cinfo.output_scanline < cinfo.output_height) {
        if (vips_image_iskilled(token)) {
            state.killed = 1;
            longjmp(state.error.exit, 1);
        }
        jpeg_read_raw_data(&cinfo, planes, (JDIMENSION) rows[0]);
        for (int r = 0; r < rows[0] && ytop < height; r++, ytop++)
            memcpy(VIPS_IMAGE_ADDR(y, 0, ytop), pointers[0][r], (size_t) width);
        for (int r = 0; r < rows[1] && csource + r < sourcech; r++) {
            const int row = csource + r;
            const JSAMPLE *cb = pointers[1][r], *cr = pointers[2][r];
            if (foldy == 2 && row % 2 == 0 && row + 1 < sourcech) {
                /* The top of a pair, which may end in the next iMCU row: kept until then. */
                memcpy(pending, cb, (size_t) sourcecw);
                memcpy(pending + stride[1], cr, (size_t) sourcecw);
                continue;
            }
            const int paired = foldy == 2 && row % 2 == 1;
            ip_planes_fold(VIPS_IMAGE_ADDR(c, 0, row / foldy), paired ? pending : cb, paired ? pending + stride[1] : cr,
                           cb, cr, cwidth, sourcecw, foldx);
        }
        csource += rows[1];
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    fclose(file);
    free(scratch);
    *luma = y;
    *chroma = c;
    return 0;
}

/* Copies rows [top, top + count) of `region`'s image (clamped to its last row) into planes,
 * each row padded to `padded` samples by repeating its last sample; two-band images are split
 * into two planes. */
static int ip_planes_fill(VipsRegion *region, int top, int count, int padded, JSAMPROW *first, JSAMPROW *second) {
    VipsImage *image = region->im;
    const int available = VIPS_MAX(0, VIPS_MIN(count, image->Ysize - top));
    VipsRect rect = {0, VIPS_MIN(top, image->Ysize - 1), image->Xsize, VIPS_MAX(1, available)};
    if (vips_region_prepare(region, &rect))
        return -1;
    const int width = image->Xsize;
    for (int r = 0; r < count; r++) {
        const VipsPel *in = VIPS_REGION_ADDR(region, 0, rect.top + VIPS_MIN(r, rect.height - 1));
        if (image->Bands == 1) {
            memcpy(first[r], in, (size_t) width);
            memset(first[r] + width, in[width - 1], (size_t) (padded - width));
        } else {
            for (int x = 0; x < width; x++) {
                first[r][x] = in[2 * x];
                second[r][x] = in[2 * x + 1];
            }
            memset(first[r] + width, in[2 * width - 2], (size_t) (padded - width));
            memset(second[r] + width, in[2 * width - 1], (size_t) (padded - width));
        }
    }
    return 0;
}

int ip_jpeg_planes_save(VipsImage *luma, VipsImage *chroma, int quality, void **buf, size_t *len) {
    const int sub = quality < 90 ? 2 : 1;
    const int width = luma->Xsize, height = luma->Ysize;
    if (luma->Bands != 1 || chroma->Bands != 2 || luma->BandFmt != VIPS_FORMAT_UCHAR || chroma->BandFmt != VIPS_FORMAT_UCHAR ||
        chroma->Xsize != (width + sub - 1) / sub || chroma->Ysize != (height + sub - 1) / sub) {
        vips_error("ip_jpeg_planes_save", "planes of %dx%d and %dx%d do not make a JPEG at quality %d",
                   width, height, chroma->Xsize, chroma->Ysize, quality);
        return -1;
    }
    struct jpeg_compress_struct cinfo;
    IpJpegError error;
    memset(&error, 0, sizeof(error));
    unsigned char *memory = NULL;
    unsigned long size = 0;
    VipsRegion *volatile yregion = NULL, *volatile cregion = NULL;
    JSAMPLE *volatile scratch = NULL;
    cinfo.err = jpeg_std_error(&error.base);
    error.base.error_exit = ip_jpeg_error_exit;
    error.base.emit_message = ip_planes_message;
    jpeg_create_compress(&cinfo);
    if (setjmp(error.exit)) {
        if (error.message[0])
            vips_error("ip_jpeg_planes_save", "%s", error.message);
        jpeg_destroy_compress(&cinfo);
        if (yregion) g_object_unref(yregion);
        if (cregion) g_object_unref(cregion);
        free(scratch);
        free(memory);
        return -1;
    }
    jpeg_mem_dest(&cinfo, &memory, &size);
    cinfo.image_width = (JDIMENSION) width;
    cinfo.image_height = (JDIMENSION) height;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_YCbCr;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    cinfo.optimize_coding = TRUE;
    cinfo.write_JFIF_header = FALSE;
    cinfo.raw_data_in = TRUE;
    cinfo.comp_info[0].h_samp_factor = cinfo.comp_info[0].v_samp_factor = sub;
    cinfo.comp_info[1].h_samp_factor = cinfo.comp_info[1].v_samp_factor = 1;
    cinfo.comp_info[2].h_samp_factor = cinfo.comp_info[2].v_samp_factor = 1;
    /* Whole MCUs on each row: luma sub * 8 samples per MCU, chroma 8. */
    const int mcus = (width + sub * DCTSIZE - 1) / (sub * DCTSIZE);
    const int ypadded = mcus * sub * DCTSIZE, cpadded = mcus * DCTSIZE;
    const int yrows = sub * DCTSIZE, crows = DCTSIZE;
    if (!(scratch = malloc((size_t) yrows * ypadded + 2 * (size_t) crows * cpadded))) {
        vips_error("ip_jpeg_planes_save", "out of memory");
        longjmp(error.exit, 1);
    }
    JSAMPROW ypointers[2 * DCTSIZE], cbpointers[DCTSIZE], crpointers[DCTSIZE];
    for (int r = 0; r < yrows; r++)
        ypointers[r] = scratch + (size_t) r * ypadded;
    for (int r = 0; r < crows; r++) {
        cbpointers[r] = scratch + (size_t) yrows * ypadded + (size_t) r * cpadded;
        crpointers[r] = scratch + (size_t) yrows * ypadded + (size_t) (crows + r) * cpadded;
    }
    JSAMPARRAY planes[3] = {ypointers, cbpointers, crpointers};
    yregion = vips_region_new(luma);
    cregion = vips_region_new(chroma);
    jpeg_start_compress(&cinfo, TRUE);
    for (int row = 0; row < (height + yrows - 1) / yrows; row++) {
        if (ip_planes_fill(yregion, row * yrows, yrows, ypadded, ypointers, NULL) ||
            ip_planes_fill(cregion, row * crows, crows, cpadded, cbpointers, crpointers))
            longjmp(error.exit, 1);
        jpeg_write_raw_data(&cinfo, planes, (JDIMENSION) yrows);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    g_object_unref(yregion);
    g_object_unref(cregion);
    free(scratch);
    /* Callers free the file with g_free, which is free since GLib 2.46. */
    *buf = memory;
    *len = size;
    return 0;
}
