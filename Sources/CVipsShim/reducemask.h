/* The Lanczos 3 taps of a reduce along one axis, shared by ip_reduceh and ip_reducev. */
#ifndef IP_REDUCEMASK_H
#define IP_REDUCEMASK_H

#include <stdint.h>
#include <vips/vips.h>

#define IP_REDUCE_BITS 14
#define IP_REDUCE_ONE (1 << IP_REDUCE_BITS)

/* Output position x (0 ..< out_size) is centred at input position (x + 0.5) * f - 0.5,
 * f = extent / out_size, where extent is in_size, or less when the input is a box shrink whose
 * last box was partial (a 1001-row image boxed by 10 has 101 rows spanning 100.1: mapped over
 * 101, the rows near the bottom would be taken from up to 8 source rows too low); input position i weighs lanczos3((i - centre) / f), positions outside
 * the image are left out and the rest sum to IP_REDUCE_ONE (14-bit weights, the rounding given
 * to the largest). Every output position takes *n_point consecutive inputs from (*start)[x]
 * (zero weights pad those near the edges, so every position runs the same loop); *n_point is
 * even unless the input has fewer positions. The arrays belong to `owner`. */
int ip_reduce_masks(VipsObject *owner, int in_size, double extent, int out_size, int *n_point, int **start, int16_t **coef);

/* A weighted sum of 14-bit weights, rounded and clipped to a sample. */
static inline VipsPel ip_reduce_clip(int sum) {
    const int v = (sum + (IP_REDUCE_ONE >> 1)) >> IP_REDUCE_BITS;
    return (VipsPel) (v < 0 ? 0 : v > 255 ? 255 : v);
}

/* Builds the output of a vertical operation (ip_reducev, ip_shrinkv) on `in`: `height` rows
 * made by `gen` (with `operation` as its second argument) in thin strips; `margin` is how many
 * input rows more than it makes a strip reads (told to libvips' reorder, as its own vertical
 * reduce does), and on a sequential source the last rows made are kept, so a stalled thread's
 * strip is not asked of the decoder again. Sets the operation's "out". */
int ip_generate_rows(VipsObject *operation, VipsImage *in, int height, VipsGenerateFn gen, int margin);

#endif
