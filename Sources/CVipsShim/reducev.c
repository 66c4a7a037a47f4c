/* ip_reducev: a vertical Lanczos 3 reduce of 8-bit images, as a libvips operation of its own.
 *
 * libvips 8.14's vertical reduce runs Orc programs with 6-bit weights (its "2.6" fixed point),
 * and it was 10 % of the cycles of the 20-size job. This one has the taps and the 14-bit
 * weights of ip_reduceh (reducemask.c), so the two axes are reduced alike: output row y is
 * made of n_point whole input rows from start[y], 16 samples at a time with AVX2 (two rows per
 * multiply-add), any band count. The AVX2 loop and the plain C one compute the same integers
 * (ReduceTests compares them, and the vertical reduce with the horizontal one turned). */
#include "CVipsShim.h"
#include "reducemask.h"
#include <stdint.h>
#include <string.h>
#if (defined(__x86_64__) || defined(__i386__)) && !defined(IP_REDUCE_PLAIN_ONLY)
#define IP_REDUCEV_VECTOR 1
#include <immintrin.h>
#endif

/* The most taps a row may take: a reduce by up to 40 (vips' box shrink comes first beyond 2). */
#define IP_REDUCEV_MAX_POINT 256

typedef struct _IpReducev {
    VipsOperation parent_instance;
    VipsImage *in;
    VipsImage *out;
    int height;        /* output height */
    double extent;     /* the input's extent along the axis (0: its size); see reducemask.h */
    int loop;          /* 0: the fastest this CPU has; 1: plain C only */
    int n_point;       /* taps per output row */
    int *start;        /* first input row of each output row's taps */
    int16_t *coef;     /* height * n_point weights, summing to IP_REDUCE_ONE per row */
    int32_t *pair;     /* AVX2 only: height * pairs words, two taps' weights in each */
    gboolean avx2;
} IpReducev;

typedef VipsOperationClass IpReducevClass;

G_DEFINE_TYPE(IpReducev, ip_reducev, VIPS_TYPE_OPERATION);

/* Samples j0 ..< j1 of one output row, from its n_point input rows. */
static void ip_reducev_plain(const VipsPel *const *rows, const int16_t *coef, int n_point, int j0, int j1, VipsPel *q) {
    for (int j = j0; j < j1; j++) {
        int sum = 0;
        for (int k = 0; k < n_point; k++)
            sum += coef[k] * rows[k][j];
        q[j] = ip_reduce_clip(sum);
    }
}

#ifdef IP_REDUCEV_VECTOR
/* Samples 0 ..< 16 * (count / 16) of one output row; returns how many it made. `rows` holds
 * 2 * pairs rows (an odd tap count is padded with a weight of 0), `pair` each two taps'
 * weights as one 32-bit word, the second in the high half. */
__attribute__((target("avx2")))
static int ip_reducev_avx2(const VipsPel *const *rows, const int32_t *pair, int pairs, int count, VipsPel *q) {
    const __m256i half = _mm256_set1_epi32(IP_REDUCE_ONE >> 1);
    int j = 0;
    for (; j + 16 <= count; j += 16) {
        __m256i low = _mm256_setzero_si256(), high = _mm256_setzero_si256();
        for (int k = 0; k < pairs; k++) {
            const __m256i w = _mm256_set1_epi32(pair[k]);
            const __m256i a = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (rows[2 * k] + j)));
            const __m256i b = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (rows[2 * k + 1] + j)));
            /* (a_i, b_i) pairs: samples 0-3 and 8-11 in `low`, 4-7 and 12-15 in `high` */
            low = _mm256_add_epi32(low, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), w));
            high = _mm256_add_epi32(high, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), w));
        }
        low = _mm256_srai_epi32(_mm256_add_epi32(low, half), IP_REDUCE_BITS);
        high = _mm256_srai_epi32(_mm256_add_epi32(high, half), IP_REDUCE_BITS);
        /* Lane by lane the packs put samples 0-7 | 8-15 back in order; the qword permute joins them. */
        const __m256i words = _mm256_packs_epi32(low, high);
        const __m256i bytes = _mm256_permute4x64_epi64(_mm256_packus_epi16(words, words), 0x08);
        _mm_storeu_si128((__m128i *) (q + j), _mm256_castsi256_si128(bytes));
    }
    return j;
}
#endif

static int ip_reducev_gen(VipsRegion *out_region, void *seq, void *a, void *b, gboolean *stop) {
    (void) stop;
    (void) a;
    VipsRegion *in_region = (VipsRegion *) seq;
    IpReducev *reduce = (IpReducev *) b;
    const VipsRect *r = &out_region->valid;
    const int n_point = reduce->n_point;
    VipsRect need;
    need.left = r->left;
    need.width = r->width;
    need.top = reduce->start[r->top];
    need.height = reduce->start[r->top + r->height - 1] + n_point - need.top;
    if (vips_region_prepare(in_region, &need))
        return -1;
    const int count = r->width * reduce->in->Bands;
    const int pairs = (n_point + 1) / 2;
    const VipsPel *rows[IP_REDUCEV_MAX_POINT + 1];
    for (int y = r->top; y < r->top + r->height; y++) {
        for (int k = 0; k < n_point; k++)
            rows[k] = VIPS_REGION_ADDR(in_region, r->left, reduce->start[y] + k);
        rows[n_point] = rows[n_point - 1]; /* an odd last tap's partner, weighted 0 */
        const int16_t *coef = reduce->coef + (size_t) y * n_point;
        VipsPel *q = VIPS_REGION_ADDR(out_region, r->left, y);
        int made = 0;
#ifdef IP_REDUCEV_VECTOR
        if (reduce->avx2)
            made = ip_reducev_avx2(rows, reduce->pair + (size_t) y * pairs, pairs, count, q);
#endif
        ip_reducev_plain(rows, coef, n_point, made, count, q);
    }
    return 0;
}

static int ip_reducev_build(VipsObject *object) {
    IpReducev *reduce = (IpReducev *) object;
    if (VIPS_OBJECT_CLASS(ip_reducev_parent_class)->build(object))
        return -1;
    VipsImage *in = reduce->in;
    if (in->BandFmt != VIPS_FORMAT_UCHAR || in->Coding != VIPS_CODING_NONE) {
        vips_error("ip_reducev", "needs an uncoded 8-bit image");
        return -1;
    }
    if (reduce->height < 1 || reduce->height > in->Ysize) {
        vips_error("ip_reducev", "height %d is not between 1 and the input height %d", reduce->height, in->Ysize);
        return -1;
    }
    if (ip_reduce_masks(object, in->Ysize, reduce->extent, reduce->height, &reduce->n_point, &reduce->start, &reduce->coef))
        return -1;
    if (reduce->n_point > IP_REDUCEV_MAX_POINT) {
        vips_error("ip_reducev", "a reduce from %d to %d rows takes %d rows per row; box-shrink first", in->Ysize,
                   reduce->height, reduce->n_point);
        return -1;
    }
#ifdef IP_REDUCEV_VECTOR
    reduce->avx2 = reduce->loop == 0 && __builtin_cpu_supports("avx2");
    if (reduce->avx2) {
        const int n_point = reduce->n_point, pairs = (n_point + 1) / 2;
        if (!(reduce->pair = VIPS_ARRAY(object, (size_t) reduce->height * pairs, int32_t)))
            return -1;
        for (int y = 0; y < reduce->height; y++) {
            const int16_t *coef = reduce->coef + (size_t) y * n_point;
            for (int k = 0; k < pairs; k++) {
                const int16_t w0 = coef[2 * k], w1 = 2 * k + 1 < n_point ? coef[2 * k + 1] : 0;
                reduce->pair[(size_t) y * pairs + k] = (int32_t) (((uint32_t) (uint16_t) w1 << 16) | (uint16_t) w0);
            }
        }
    }
#endif
    return ip_generate_rows(object, in, reduce->height, ip_reducev_gen, reduce->n_point);
}

static void ip_reducev_class_init(IpReducevClass *class) {
    GObjectClass *gobject_class = G_OBJECT_CLASS(class);
    VipsObjectClass *object_class = VIPS_OBJECT_CLASS(class);
    VipsOperationClass *operation_class = VIPS_OPERATION_CLASS(class);
    gobject_class->set_property = vips_object_set_property;
    gobject_class->get_property = vips_object_get_property;
    object_class->nickname = "ip_reducev";
    object_class->description = "reduce an 8-bit image vertically with Lanczos 3";
    object_class->build = ip_reducev_build;
    operation_class->flags = VIPS_OPERATION_SEQUENTIAL;
    VIPS_ARG_IMAGE(class, "in", 1, "Input", "Input image", VIPS_ARGUMENT_REQUIRED_INPUT, G_STRUCT_OFFSET(IpReducev, in));
    VIPS_ARG_IMAGE(class, "out", 2, "Output", "Output image", VIPS_ARGUMENT_REQUIRED_OUTPUT, G_STRUCT_OFFSET(IpReducev, out));
    VIPS_ARG_INT(class, "height", 3, "Height", "Output height", VIPS_ARGUMENT_REQUIRED_INPUT,
                 G_STRUCT_OFFSET(IpReducev, height), 1, VIPS_MAX_COORD, 1);
    VIPS_ARG_DOUBLE(class, "extent", 5, "Extent", "The input's extent (0: its height)", VIPS_ARGUMENT_OPTIONAL_INPUT,
                    G_STRUCT_OFFSET(IpReducev, extent), 0, VIPS_MAX_COORD, 0);
    VIPS_ARG_INT(class, "loop", 4, "Loop", "0 the fastest the CPU has, 1 plain C", VIPS_ARGUMENT_OPTIONAL_INPUT,
                 G_STRUCT_OFFSET(IpReducev, loop), 0, 1, 0);
}

static void ip_reducev_init(IpReducev *reduce) {
    (void) reduce;
}

void ip_reducev_register(void) {
    (void) ip_reducev_get_type();
}

int ip_reducev(VipsImage *in, int height, double extent, int loop, VipsImage **out) {
    return vips_call("ip_reducev", in, out, height, "extent", extent, "loop", loop, NULL);
}
