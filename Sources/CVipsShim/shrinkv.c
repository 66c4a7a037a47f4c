/* ip_shrinkv: a vertical box shrink of 8-bit images by an integer factor, as libvips' own
 * vips_shrinkv with "ceil" computes it, as a libvips operation of its own.
 *
 * libvips 8.14's shrinkv asks its input for one row at a time, clears a line of 16-byte sums
 * for every output row, and divides each sample with an integer division: in the 20-size job
 * it was 7.5 % of the cycles. This one sums the rows of a box 32 samples at a time in 16-bit
 * lanes (AVX2) and divides by multiplying by the reciprocal, exact for every sum a box of up to
 * 16 rows can make; larger boxes divide with a 32-bit reciprocal, exact for any sum here.
 *
 * Output row y is (the sum of input rows y * box ... y * box + box - 1 + box / 2) / box,
 * where rows past the last are the last (libvips extends the image by copying its edge), and
 * the output has ceil(height / box) rows: the results are libvips' own, byte for byte
 * (ShrinkTests compares them with this definition, and both loops with each other). */
#include "CVipsShim.h"
#include "reducemask.h"
#include <stdint.h>
#include <string.h>
#if (defined(__x86_64__) || defined(__i386__)) && !defined(IP_REDUCE_PLAIN_ONLY)
#define IP_SHRINKV_VECTOR 1
#include <immintrin.h>
#endif

/* The largest box: its row pointers are on the stack, and every chunk of input asked for holds at
 * least one whole box of rows. (The 16-bit sums of the vector loops are for boxes of up to 16.) */
#define IP_SHRINKV_MAX_BOX 256
/* Input rows asked for at once (whole boxes, at least one): a tall strip of a large box would
 * otherwise ask for thousands of rows. */
#define IP_SHRINKV_CHUNK_ROWS 64

typedef struct _IpShrinkv {
    VipsOperation parent_instance;
    VipsImage *in;
    VipsImage *out;
    int box;           /* rows per output row */
    int loop;          /* 0: the fastest this CPU has; 1: plain C only */
    uint32_t inverse;  /* ceil(2^32 / box): (n * inverse) >> 32 == n / box for every n here */
    gboolean avx2;
} IpShrinkv;

typedef VipsOperationClass IpShrinkvClass;

G_DEFINE_TYPE(IpShrinkv, ip_shrinkv, VIPS_TYPE_OPERATION);

/* Samples j0 ..< j1 of one output row, from its `box` input rows. */
static void ip_shrinkv_plain(const VipsPel *const *rows, int box, uint32_t inverse, int j0, int j1, VipsPel *q) {
    for (int j = j0; j < j1; j++) {
        uint32_t sum = (uint32_t) box / 2;
        for (int k = 0; k < box; k++)
            sum += rows[k][j];
        q[j] = (VipsPel) (((uint64_t) sum * inverse) >> 32);
    }
}

#ifdef IP_SHRINKV_VECTOR
/* Samples 0 ..< 16 * (count / 16) of one output row, for a box of at most 16 rows; returns how
 * many it made. With n = sum + box / 2 <= 255.5 * box, (n * ceil(2^16 / box)) >> 16 is n / box
 * exactly while n * box < 2^16, which holds up to 16 rows. */
__attribute__((target("avx2")))
static int ip_shrinkv_avx2(const VipsPel *const *rows, int box, int count, VipsPel *q) {
    const __m256i half = _mm256_set1_epi16((short) (box / 2));
    const __m256i inverse = _mm256_set1_epi16((short) ((65536 + box - 1) / box));
    int j = 0;
    for (; j + 32 <= count; j += 32) {
        __m256i low = half, high = half;
        for (int k = 0; k < box; k++) {
            const __m256i pixels = _mm256_loadu_si256((const __m256i *) (rows[k] + j));
            low = _mm256_add_epi16(low, _mm256_cvtepu8_epi16(_mm256_castsi256_si128(pixels)));
            high = _mm256_add_epi16(high, _mm256_cvtepu8_epi16(_mm256_extracti128_si256(pixels, 1)));
        }
        low = _mm256_mulhi_epu16(low, inverse);
        high = _mm256_mulhi_epu16(high, inverse);
        /* packus works within 128-bit lanes: samples 0-7 16-23 | 8-15 24-31; the permute puts them back. */
        const __m256i bytes = _mm256_permute4x64_epi64(_mm256_packus_epi16(low, high), 0xD8);
        _mm256_storeu_si256((__m256i *) (q + j), bytes);
    }
    for (; j + 16 <= count; j += 16) {
        __m256i sum = half;
        for (int k = 0; k < box; k++)
            sum = _mm256_add_epi16(sum, _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (rows[k] + j))));
        sum = _mm256_mulhi_epu16(sum, inverse);
        const __m256i bytes = _mm256_permute4x64_epi64(_mm256_packus_epi16(sum, sum), 0x08);
        _mm_storeu_si128((__m128i *) (q + j), _mm256_castsi256_si128(bytes));
    }
    return j;
}
#endif

static int ip_shrinkv_gen(VipsRegion *out_region, void *seq, void *a, void *b, gboolean *stop) {
    (void) stop;
    (void) a;
    VipsRegion *in_region = (VipsRegion *) seq;
    IpShrinkv *shrink = (IpShrinkv *) b;
    const VipsRect *r = &out_region->valid;
    const int box = shrink->box, last = shrink->in->Ysize - 1;
    const int count = r->width * shrink->in->Bands;
    const int per_chunk = VIPS_MAX(1, IP_SHRINKV_CHUNK_ROWS / box);
    const VipsPel *rows[IP_SHRINKV_MAX_BOX];
    for (int y0 = r->top; y0 < r->top + r->height; y0 += per_chunk) {
        const int y1 = VIPS_MIN(r->top + r->height, y0 + per_chunk);
        VipsRect need;
        need.left = r->left;
        need.width = r->width;
        need.top = y0 * box;
        need.height = VIPS_MIN(last + 1, y1 * box) - need.top;
        if (vips_region_prepare(in_region, &need))
            return -1;
        for (int y = y0; y < y1; y++) {
            for (int k = 0; k < box; k++)
                rows[k] = VIPS_REGION_ADDR(in_region, r->left, VIPS_MIN(last, y * box + k));
            VipsPel *q = VIPS_REGION_ADDR(out_region, r->left, y);
            int made = 0;
#ifdef IP_SHRINKV_VECTOR
            if (shrink->avx2)
                made = ip_shrinkv_avx2(rows, box, count, q);
#endif
            ip_shrinkv_plain(rows, box, shrink->inverse, made, count, q);
        }
    }
    return 0;
}

static int ip_shrinkv_build(VipsObject *object) {
    IpShrinkv *shrink = (IpShrinkv *) object;
    if (VIPS_OBJECT_CLASS(ip_shrinkv_parent_class)->build(object))
        return -1;
    VipsImage *in = shrink->in;
    if (in->BandFmt != VIPS_FORMAT_UCHAR || in->Coding != VIPS_CODING_NONE) {
        vips_error("ip_shrinkv", "needs an uncoded 8-bit image");
        return -1;
    }
    if (shrink->box < 2 || shrink->box > IP_SHRINKV_MAX_BOX) {
        vips_error("ip_shrinkv", "box %d is not between 2 and %d", shrink->box, IP_SHRINKV_MAX_BOX);
        return -1;
    }
    shrink->inverse = (uint32_t) ((((uint64_t) 1 << 32) + (uint64_t) shrink->box - 1) / (uint64_t) shrink->box);
#ifdef IP_SHRINKV_VECTOR
    shrink->avx2 = shrink->loop == 0 && shrink->box <= 16 && __builtin_cpu_supports("avx2");
#endif
    return ip_generate_rows(object, in, (in->Ysize + shrink->box - 1) / shrink->box, ip_shrinkv_gen, 0);
}

static void ip_shrinkv_class_init(IpShrinkvClass *class) {
    GObjectClass *gobject_class = G_OBJECT_CLASS(class);
    VipsObjectClass *object_class = VIPS_OBJECT_CLASS(class);
    VipsOperationClass *operation_class = VIPS_OPERATION_CLASS(class);
    gobject_class->set_property = vips_object_set_property;
    gobject_class->get_property = vips_object_get_property;
    object_class->nickname = "ip_shrinkv";
    object_class->description = "shrink an 8-bit image vertically by an integer factor";
    object_class->build = ip_shrinkv_build;
    operation_class->flags = VIPS_OPERATION_SEQUENTIAL;
    VIPS_ARG_IMAGE(class, "in", 1, "Input", "Input image", VIPS_ARGUMENT_REQUIRED_INPUT, G_STRUCT_OFFSET(IpShrinkv, in));
    VIPS_ARG_IMAGE(class, "out", 2, "Output", "Output image", VIPS_ARGUMENT_REQUIRED_OUTPUT, G_STRUCT_OFFSET(IpShrinkv, out));
    VIPS_ARG_INT(class, "box", 3, "Box", "Input rows per output row", VIPS_ARGUMENT_REQUIRED_INPUT,
                 G_STRUCT_OFFSET(IpShrinkv, box), 2, IP_SHRINKV_MAX_BOX, 2);
    VIPS_ARG_INT(class, "loop", 4, "Loop", "0 the fastest the CPU has, 1 plain C", VIPS_ARGUMENT_OPTIONAL_INPUT,
                 G_STRUCT_OFFSET(IpShrinkv, loop), 0, 1, 0);
}

static void ip_shrinkv_init(IpShrinkv *shrink) {
    (void) shrink;
}

void ip_shrinkv_register(void) {
    (void) ip_shrinkv_get_type();
}

int ip_shrinkv(VipsImage *in, int box, int loop, VipsImage **out) {
    return vips_call("ip_shrinkv", in, out, box, "loop", loop, NULL);
}
