/* ip_reduceh, ip_reducev and ip_shrinkv under AddressSanitizer and UBSan (scripts/sanitize-reduce
 * builds and runs it).
 *
 * The vector loops read up to 4 bytes past a pixel's last tap and check, pixel by pixel, that
 * those bytes are still in the row. Here every input is a malloc'd buffer that libvips reads in
 * place, so a read past its end (the last row's) is a heap overflow the sanitizer reports.
 * Every loop, band count, width from 1 up, single rows, and regions that start at an odd
 * pixel. Exit 0 when all of them ran clean. */
#include "CVipsShim.h"
#include <stdio.h>
#include <stdlib.h>

/* A w x h image of `bands` noise bands that libvips reads in place from a malloc'd buffer of
 * exactly its size; free *pixels after the image. */
static VipsImage *noise_image(int w, int h, int bands, unsigned char **pixels) {
    const size_t n = (size_t) w * h * bands;
    *pixels = malloc(n);
    for (size_t i = 0; i < n; i++)
        (*pixels)[i] = (unsigned char) ((i * 2654435761u) >> 13);
    return vips_image_new_from_memory(*pixels, n, w, h, bands, VIPS_FORMAT_UCHAR);
}

static int reduce_and_read(VipsImage *in, int width, int loop, int crop) {
    VipsImage *out = NULL, *part = NULL;
    if (ip_reduceh(in, width, 0, loop, &out))
        return -1;
    VipsImage *read = out;
    if (crop) { /* asked from pixel 1 on */
        if (vips_extract_area(out, &part, 1, 0, width - 2, out->Ysize, NULL)) {
            g_object_unref(out);
            return -1;
        }
        read = part;
    }
    size_t size = 0;
    void *memory = vips_image_write_to_memory(read, &size);
    const int ok = memory && size == (size_t) read->Xsize * read->Ysize * read->Bands;
    g_free(memory);
    if (part)
        g_object_unref(part);
    g_object_unref(out);
    return ok ? 0 : -1;
}

/* A vertical operation of `in` by `amount` (rows for ip_reducev, a box for ip_shrinkv), read
 * to memory and checked to be `rows` rows; 0 when it ran clean. */
typedef int (*ip_vertical_fn)(VipsImage *in, int amount, int loop, VipsImage **out);
static int reducev_rows(VipsImage *in, int amount, int loop, VipsImage **out) { return ip_reducev(in, amount, 0, loop, out); }
static int vertical_and_read(ip_vertical_fn operation, VipsImage *in, int amount, int loop, int rows) {
    VipsImage *out = NULL;
    size_t size = 0;
    void *memory = NULL;
    const int ok = !operation(in, amount, loop, &out) && (memory = vips_image_write_to_memory(out, &size)) &&
                   size == (size_t) in->Xsize * rows * in->Bands;
    g_free(memory);
    if (out)
        g_object_unref(out);
    return ok ? 0 : -1;
}

int main(int argc, char **argv) {
    (void) argc;
    if (VIPS_INIT(argv[0]))
        return 2;
    vips_cache_set_max(0);
    ip_reduceh_register();
    const int widths[] = {1, 2, 3, 5, 6, 7, 9, 13, 16, 31, 64, 201, 399, 1000, 2561};
    const int targets[] = {1, 2, 3, 4, 5, 7, 10, 33, 100, 150, 500, 1000, 1920};
    long runs = 0;
    for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++)
        for (int bands = 1; bands <= 4; bands++)
            for (int height = 1; height <= 3; height += 2)
                for (size_t ti = 0; ti < sizeof targets / sizeof *targets; ti++) {
                    const int w = widths[wi], to = targets[ti];
                    if (to > w)
                        continue;
                    unsigned char *pixels;
                    VipsImage *in = noise_image(w, height, bands, &pixels);
                    for (int loop = 0; loop <= 2; loop++)
                        for (int crop = 0; crop <= (to >= 3); crop++) {
                            if (reduce_and_read(in, to, loop, crop)) {
                                fprintf(stderr, "%dx%dx%d -> %d (loop %d): %s\n", w, height, bands, to, loop, vips_error_buffer());
                                return 1;
                            }
                            runs++;
                        }
                    g_object_unref(in);
                    free(pixels);
                }
    printf("ip_reduceh under the sanitizers: %ld reductions, no error\n", runs);
    /* ip_reducev: its AVX2 loop reads 16 samples of each tap row at a time; the last row of
     * the image is the end of the buffer. Rows of fewer, exactly and more than 16 samples. */
    ip_reducev_register();
    const int columns[] = {1, 5, 6, 16, 17, 33};
    long vertical = 0;
    for (size_t ci = 0; ci < sizeof columns / sizeof *columns; ci++)
        for (int bands = 1; bands <= 4; bands++)
            for (size_t hi = 0; hi < sizeof widths / sizeof *widths; hi++)
                for (size_t ti = 0; ti < sizeof targets / sizeof *targets; ti++) {
                    const int w = columns[ci], h = widths[hi], to = targets[ti];
                    if (to > h || (double) h / to > 40)
                        continue;
                    unsigned char *pixels;
                    VipsImage *in = noise_image(w, h, bands, &pixels);
                    for (int loop = 0; loop <= 1; loop++) {
                        if (vertical_and_read(reducev_rows, in, to, loop, to)) {
                            fprintf(stderr, "%dx%dx%d -> %d rows (loop %d): %s\n", w, h, bands, to, loop, vips_error_buffer());
                            return 1;
                        }
                        vertical++;
                    }
                    g_object_unref(in);
                    free(pixels);
                }
    printf("ip_reducev under the sanitizers: %ld reductions, no error\n", vertical);
    /* ip_shrinkv: its AVX2 loops read 32 and 16 samples of each box row at a time; boxes up to
     * the vector loops' 16 rows and beyond, heights that are not whole boxes. */
    ip_shrinkv_register();
    const int boxes[] = {2, 3, 7, 15, 16, 17, 40};
    long shrinks = 0;
    for (size_t ci = 0; ci < sizeof columns / sizeof *columns; ci++)
        for (int bands = 1; bands <= 4; bands++)
            for (size_t hi = 0; hi < sizeof widths / sizeof *widths; hi++)
                for (size_t bi = 0; bi < sizeof boxes / sizeof *boxes; bi++) {
                    const int w = columns[ci], h = widths[hi], box = boxes[bi];
                    unsigned char *pixels;
                    VipsImage *in = noise_image(w, h, bands, &pixels);
                    for (int loop = 0; loop <= 1; loop++) {
                        if (vertical_and_read(ip_shrinkv, in, box, loop, (h + box - 1) / box)) {
                            fprintf(stderr, "%dx%dx%d / %d rows (loop %d): %s\n", w, h, bands, box, loop, vips_error_buffer());
                            return 1;
                        }
                        shrinks++;
                    }
                    g_object_unref(in);
                    free(pixels);
                }
    printf("ip_shrinkv under the sanitizers: %ld shrinks, no error\n", shrinks);
    vips_shutdown();
    return 0;
}
