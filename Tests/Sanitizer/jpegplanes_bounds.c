/* ip_jpeg_planes_load and ip_jpeg_planes_save under AddressSanitizer and UBSan: every fixture
 * of Tests/ImagingTests/Fixtures/planes (every chroma layout, progressive, 7 x 5 and 1 x 1,
 * damaged, too many scans, grey) decoded at every DCT scale, chroma as stored and halved, and each decoded pair written at
 * sizes that leave partial blocks and MCUs, at 4:2:0 and 4:4:4. */
#include "CVipsShim.h"
#include <stdio.h>
#include <stdlib.h>

static const char *names[] = {"s1x1", "s2x1", "s1x2", "s2x2", "s2x2-progressive", "s1x1-progressive",
                              "tiny-7x5", "one-1x1", "truncated", "many-scans", "grey"};

int main(int argc, char **argv) {
    if (VIPS_INIT(argv[0]))
        return 1;
    const char *folder = argc > 1 ? argv[1] : "Tests/ImagingTests/Fixtures/planes";
    int decoded = 0, declined = 0, written = 0;
    for (size_t n = 0; n < sizeof names / sizeof *names; n++)
        for (int shrink = 1, halve = 0; shrink <= 8; halve = !halve, shrink *= halve ? 1 : 2) {
            char path[512];
            snprintf(path, sizeof path, "%s/%s.jpg", folder, names[n]);
            VipsImage *token = vips_image_new(), *luma = NULL, *chroma = NULL;
            const int status = ip_jpeg_planes_load(path, shrink, halve, token, &luma, &chroma);
            g_object_unref(token);
            if (status == 1) {
                declined++;
                continue;
            }
            if (status != 0) {
                fprintf(stderr, "%s at 1/%d: %s\n", path, shrink, vips_error_buffer());
                return 1;
            }
            decoded++;
            /* Sizes around the block and MCU edges, made by cropping and embedding the planes. */
            const int sizes[][2] = {{1, 1}, {7, 5}, {8, 8}, {9, 17}, {16, 15}, {33, 31}};
            for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
                for (int quality = 80; quality <= 95; quality += 15) {
                    const int w = sizes[s][0], h = sizes[s][1], sub = quality < 90 ? 2 : 1;
                    VipsImage *y = NULL, *c = NULL;
                    if (vips_embed(luma, &y, 0, 0, w, h, "extend", VIPS_EXTEND_COPY, NULL) ||
                        vips_embed(chroma, &c, 0, 0, (w + sub - 1) / sub, (h + sub - 1) / sub, "extend", VIPS_EXTEND_COPY, NULL)) {
                        fprintf(stderr, "%s: %s\n", path, vips_error_buffer());
                        return 1;
                    }
                    void *buf = NULL;
                    size_t len = 0;
                    if (ip_jpeg_planes_save(y, c, quality, &buf, &len)) {
                        fprintf(stderr, "%s %dx%d q%d: %s\n", path, w, h, quality, vips_error_buffer());
                        return 1;
                    }
                    g_free(buf);
                    written++;
                    g_object_unref(y);
                    g_object_unref(c);
                }
            g_object_unref(luma);
            g_object_unref(chroma);
        }
    printf("ip_jpeg_planes under the sanitizers: %d decodes, %d declined, %d files written, no error\n", decoded, declined, written);
    return 0;
}
