#ifndef CVIPSSHIM_H
#define CVIPSSHIM_H

#include <vips/vips.h>
#include <stddef.h>

/* Fixed-arity wrappers over the libvips calls ImagePipeline uses. libvips' optional
 * arguments are variadic and VIPS_INIT is a macro; Swift can call neither. Every wrapper
 * returns 0 on success and -1 on failure, leaving the message in libvips' error buffer. */

/* Starts libvips. With `modules` (names such as "heif", "poppler"), only those of libvips'
 * dynamic modules are loaded; with NULL, all of them (libvips' own behaviour). */
int ip_init(const char *argv0, const char *const *modules, int module_count);
/* Allows or blocks a loader class (and its subclasses), e.g. "VipsForeignLoadSvg". */
/* Loads the optional libvips module `name` ("heif") after start-up unless its loader is there
 * already; 0 when it is there afterwards. */
int ip_load_module(const char *name);
/* Whether libvips' calls into Orc's code memory go through the engine's lock (orclock.c): 1 when
 * the executable's orc_program_compile and orc_program_free are the ones bound and Orc is loaded. */
int ip_orc_serialised(void);
/* The running executable's GNU build ID as lowercase hex in `hex` (NUL-terminated); -1 (and "")
 * when it has none or `capacity` is too small (41 holds a SHA-1 ID). See buildid.c. */
int ip_build_id(char *hex, size_t capacity);
void ip_set_loader_allowed(const char *class_name, int allowed);
/* Stops any computation of `image` (libvips checks the flag while it computes). */
void ip_kill(VipsImage *image);
void ip_set_concurrency(int threads);
/* A copy of `in` whose computation (and every image made from it) runs on `threads` of libvips'
 * threads, whatever the process-wide concurrency. */
int ip_with_threads(VipsImage *in, int threads, VipsImage **out);
/* Returns freed heap memory to the system (glibc malloc_trim). */
void ip_release_free_memory(void);

/* Reads the header only: upright size (EXIF orientation applied), bands, alpha, loader. */
typedef struct {
    int width;
    int height;
    int orientation;
    int bands;
    int has_alpha;
    int is_cmyk;
    int has_icc;
    int pages;
    char loader[64];
} ip_header_info;
int ip_read_header(const char *path, ip_header_info *info);
/* As ip_read_header, of one page (0-based) of a multi-page document (a PDF). */
int ip_read_header_page(const char *path, int page, ip_header_info *info);

/* Decodes `path` upright at exactly width x height, with shrink-on-load. */
/* fail_on: 0 none (decode damaged data as far as it goes), 1 truncated, 2 error, 3 warning. */
int ip_thumbnail(const char *path, int width, int height, int fail_on, VipsImage **out);
/* As ip_thumbnail, of one page (0-based) of a multi-page document (a PDF). */
int ip_thumbnail_page(const char *path, int page, int width, int height, int fail_on, VipsImage **out);
/* A JPEG decoded with libjpeg's DCT scaling (shrink 1, 2, 4 or 8), as stored (not turned upright). */
int ip_jpeg_load(const char *path, int shrink, int fail_on, VipsImage **out);
/* Turns an image upright by its EXIF orientation (and drops the tag). */
int ip_autorot(VipsImage *in, VipsImage **out);
/* As ip_thumbnail, every frame of an animation: a "toilet roll" of frames, each width x height. */
int ip_thumbnail_frames(const char *path, int width, int height, int fail_on, VipsImage **out);
/* The height of one frame of a multi-frame image (its height when it has one frame). */
int ip_page_height(VipsImage *in);
/* The frame delays (ms) and loop count of an animation; count 0 when it has none. */
int ip_animation_timing(VipsImage *in, int *delays, int capacity, int *count, int *loop);
/* Stacks frames of one size into an animation with these delays and loop count. */
int ip_join_frames(VipsImage **frames, int n, const int *delays, int delay_count, int loop, VipsImage **out);
/* Converts ICC-tagged or CMYK pixels to sRGB and drops the then-redundant profile. A profile
 * that cannot be read, or that does not fit the image, is ignored (the pixels are taken as
 * sRGB, CMYK through libvips' default CMYK profile) and *profile_ignored is set to 1. */
int ip_to_srgb(VipsImage *in, VipsImage **out, int *profile_ignored);
/* `in` without its alpha band when every pixel is fully opaque (GIFs, and many PNGs and WebPs,
 * carry one that is): reads all of `in`, so call it on an image in memory. Otherwise `in`. */
int ip_drop_opaque_alpha(VipsImage *in, VipsImage **out);
int ip_resize(VipsImage *in, double hscale, double vscale, VipsImage **out);
/* A JPEG's chroma plane resized to exactly width × height samples, `xfactor` and `yfactor`
 * input samples to an output sample (Lanczos 3, sample centres mapped as ip_resize maps them).
 * Given apart from the sizes because a subsampled plane's last sample may stand for half a
 * sample's width of the image: the factors are those of the extents, not of the counts. */
int ip_resize_plane(VipsImage *in, int width, int height, double xfactor, double yfactor, VipsImage **out);
int ip_crop(VipsImage *in, int left, int top, int width, int height, VipsImage **out);
/* Where libvips' smart crop would cut a width x height window out of `in` (its top-left
 * corner). interesting: 0 attention, 1 entropy. Reads all of `in` (several times for entropy):
 * call it on a small preview, never on a large intermediate. */
int ip_smartcrop_position(VipsImage *in, int width, int height, int interesting, int *left, int *top);
int ip_embed(VipsImage *in, int x, int y, int width, int height, int r, int g, int b, VipsImage **out);
int ip_grayscale(VipsImage *in, VipsImage **out);
/* Makes everything outside the circle (centre cx, cy in pixels, radius r) transparent, with a
 * one-pixel antialiased edge; an existing alpha band is kept inside. */
int ip_circle_mask(VipsImage *in, double cx, double cy, double radius, VipsImage **out);
/* An 8-bit image (1–4 bands) reduced to `width` with Lanczos 3, every band of a pixel at once
 * (libvips 8.14's own horizontal reduce is scalar, band by band). `extent` is the input's
 * extent along the axis: 0 for its width, or more after a box shrink with a partial last box
 * (the width before the shrink over the box). `loop`: 0 the fastest the CPU has (AVX2, SSSE3
 * or plain C), 1 plain C, 2 SSSE3 without AVX2; all give the same bytes. See reduceh.c. */
int ip_reduceh(VipsImage *in, int width, double extent, int loop, VipsImage **out);
/* Registers ip_reduceh with libvips (ip_init calls it). */
void ip_reduceh_register(void);
/* The engine's vertical Lanczos 3 reduce of an uncoded 8-bit image (any band count) to
 * `height` rows, with ip_reduceh's taps and weights; `extent` as for ip_reduceh (0: the
 * height); loop 0 is the fastest the CPU has, 1 plain C. A reduce by more than about 40 is
 * refused (box-shrink first, as ip_resize does). */
int ip_reducev(VipsImage *in, int height, double extent, int loop, VipsImage **out);
/* Registers ip_reducev with libvips (ip_init calls it). */
void ip_reducev_register(void);
/* Shrinks an uncoded 8-bit image vertically by `box` (2 to 256) rows: each output row is the
 * rounded mean of a box of rows, the rows past the last taken as the last, ceil(height / box)
 * rows in all; as vips_shrinkv with "ceil", byte for byte. `loop` as for ip_reduceh. */
int ip_shrinkv(VipsImage *in, int box, int loop, VipsImage **out);
/* Registers ip_shrinkv with libvips (ip_init calls it). */
void ip_shrinkv_register(void);
/* angle: 90, 180 or 270 clockwise */
int ip_rotate(VipsImage *in, int angle, VipsImage **out);
/* axis: 0 horizontal (mirror left-right), 1 vertical (top-bottom) */
int ip_flip(VipsImage *in, int axis, VipsImage **out);
int ip_blur(VipsImage *in, double sigma, VipsImage **out);
int ip_sharpen(VipsImage *in, double sigma, double flat, double jagged, double threshold, VipsImage **out);
/* An RGBA mark from text: `font` is a Pango description such as "sans 24px". */
int ip_text_mark(const char *text, const char *font, int r, int g, int b, VipsImage **out);
/* An 8-bit sRGB image with alpha (opaque where it had none), for use as a mark. */
int ip_to_rgba(VipsImage *in, VipsImage **out);
/* Multiplies the alpha band of an RGBA image by opacity (0–1). */
int ip_fade(VipsImage *in, double opacity, VipsImage **out);
/* Draws `mark` (RGBA) over `base` with its top-left at x, y; the output has base's size. */
int ip_composite(VipsImage *base, VipsImage *mark, int x, int y, VipsImage **out);
int ip_flatten(VipsImage *in, int r, int g, int b, VipsImage **out);
/* Makes 8-bit sRGB/B_W pixels suitable for every saver (16-bit PNGs, scRGB, …). */
int ip_to_8bit(VipsImage *in, VipsImage **out);
/* metadata: 0 strip, 1 keep, 2 keep copyright only */
int ip_prepare_metadata(VipsImage *in, int metadata, VipsImage **out);

/* JPEG at `quality` with optimised Huffman tables (vips_jpegsave's settings); an image without
 * metadata that libvips computes on one thread is written by libjpeg directly (jpegsave.c). */
int ip_save_jpeg(VipsImage *in, int quality, int strip, void **buf, size_t *len);
/* Whether ip_save_jpeg writes `in` with libjpeg directly rather than through vips_jpegsave. */
int ip_save_jpeg_direct(VipsImage *in, int strip);
int ip_save_png(VipsImage *in, int quality, int strip, void **buf, size_t *len);
/* A baseline or progressive 8-bit YCbCr JPEG without an ICC profile, decoded with DCT scaling
 * (shrink 1, 2, 4 or 8) to its planes as stored: `luma` one band, `chroma` two (Cb, Cr) at the
 * chroma's own resolution (a 4:4:4 file's, with `halve`, at half the luma's, rounded up);
 * both in memory. 0 when done; 1 when the file is not such a JPEG or libjpeg warns (damage:
 * use the general path, ip_jpeg_load); -1 when `token` was killed (ip_kill) meanwhile
 * (jpegplanes.c). */
int ip_jpeg_planes_load(const char *path, int shrink, int halve, VipsImage *token, VipsImage **luma, VipsImage **chroma);
/* A JPEG written from its planes, as ip_save_jpeg writes one with "strip" (quality tables,
 * optimised Huffman tables, no marker): `chroma` must be `luma`'s size halved (rounded up)
 * below quality 90, and the same size from 90 (4:2:0 and 4:4:4). */
int ip_jpeg_planes_save(VipsImage *luma, VipsImage *chroma, int quality, void **buf, size_t *len);
int ip_save_webp(VipsImage *in, int quality, int lossless, int strip, void **buf, size_t *len);
int ip_save_avif(VipsImage *in, int quality, int lossless, int effort, int strip, void **buf, size_t *len);
/* A still image is quantised (palette from a sample of about 64k pixels, libvips'
 * default effort) and written here; an animation by vips_gifsave. `dither` 1 diffuses the
 * quantisation error (Floyd-Steinberg), 0 does not. See gifsave.c. */
int ip_save_gif(VipsImage *in, int strip, int dither, void **buf, size_t *len);
int ip_save_tiff(VipsImage *in, int strip, void **buf, size_t *len);

/* For inspecting written files (tests, verification): load, read one pixel, average. */
int ip_load(const char *path, VipsImage **out);
/* Loads one frame (page, from 0) of a multi-frame file. */
int ip_load_page(const char *path, int page, VipsImage **out);
int ip_getpoint(VipsImage *in, int x, int y, double *values, int capacity, int *count);
int ip_average(VipsImage *in, double *out);
int ip_difference(VipsImage *a, VipsImage *b, double *mean, double *largest);

/* Lower-case hex SHA-256 of the bytes into out (65 bytes with the NUL). */
void ip_sha256_hex(const void *data, size_t len, char *out);

#endif
