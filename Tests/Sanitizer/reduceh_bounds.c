/* ip_reduceh under AddressSanitizer and UBSan (scripts/sanitize-reduce builds and runs it).
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
                        VipsImage *out = NULL;
                        size_t size = 0;
                        void *memory = NULL;
                        if (ip_reducev(in, to, 0, loop, &out) || !(memory = vips_image_write_to_memory(out, &size)) ||
                            size != (size_t) w * to * bands) {
                            fprintf(stderr, "%dx%dx%d -> %d rows (loop %d): %s\n", w, h, bands, to, loop, vips_error_buffer());
                            return 1;
                        }
                        g_free(memory);
                        g_object_unref(out);
                        vertical++;
                    }
                    g_object_unref(in);
                    free(pixels);
                }
    printf("ip_reducev under the sanitizers: %ld reductions, no error\n", vertical);
    vips_shutdown();
    return 0;
}
