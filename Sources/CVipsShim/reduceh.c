/* ip_reduceh: a horizontal Lanczos 3 reduce of 8-bit images, as a libvips operation of its own.
 *
 * libvips 8.14 vectorises its vertical reduce (orc) but not its horizontal one: that loop
 * walks the taps of one band at a time, a multiply and three adds per tap, and it was 38 % of
 * all cycles of the 20-size job. This one computes every band of a pixel at once, two taps per
 * multiply-add (SSSE3; with AVX2, two output pixels at once), with 14-bit weights exact for
 * each output pixel.
 *
 * Output pixel x is centred at input position (x + 0.5) * f - 0.5, f = input width / output
 * width; tap i weighs lanczos3((i - centre) / f), taps outside the image are left out and the
 * rest sum to one. The vector loops and the plain C one compute the same integers, so the
 * pixels never depend on the machine (ReduceTests compares them). */
#include "CVipsShim.h"
#include "reducemask.h"
#include <math.h>
#include <stdint.h>
#include <string.h>
/* IP_REDUCE_PLAIN_ONLY builds the plain C loop alone, as on a CPU that is not x86. */
#if (defined(__x86_64__) || defined(__i386__)) && !defined(IP_REDUCE_PLAIN_ONLY)
#define IP_REDUCE_VECTOR 1
#include <immintrin.h>
#endif

typedef struct _IpReduceh {
    VipsOperation parent_instance;
    VipsImage *in;
    VipsImage *out;
    int width;         /* output width */
    double extent;     /* the input's extent along the axis (0: its size); see reducemask.h */
    int loop;          /* 0: the fastest this CPU has; 1: plain C only; 2: SSSE3, not AVX2 */
    int n_point;       /* taps per output pixel, the same for every pixel */
    int *start;        /* first input pixel of each output pixel's taps */
    int16_t *coef;     /* width * n_point weights, summing to IP_REDUCE_ONE per pixel */
#ifdef IP_REDUCE_VECTOR
    /* The same, a pair per vector repeated for 4 bands, output pixels 2j and 2j + 1 side by
     * side: (x, pair k) is vector ((x / 2) * pairs + k) * 2 + x % 2, so the AVX2 loop reads
     * two pixels' weights as one. NULL: the plain C loop. */
    __m128i *weights;
    gboolean avx2;
    /* One and two bands (the planes of a JPEG): `groups` vectors per output pixel, each the
     * weights of 8 taps (one band) or of 4 taps with each pair given twice, (w0 w1 w0 w1 w2 w3
     * w2 w3), for two bands side by side; zero past the last tap. */
    gboolean narrow;
    int groups;
#endif
} IpReduceh;

typedef VipsOperationClass IpReducehClass;

G_DEFINE_TYPE(IpReduceh, ip_reduceh, VIPS_TYPE_OPERATION);

/* The taps of every output pixel (ip_reduce_masks), and for the vector loops the weights laid
 * out in pairs. */
static int ip_reduceh_make_masks(IpReduceh *reduce) {
    const int width = reduce->width;
    if (ip_reduce_masks(VIPS_OBJECT(reduce), reduce->in->Xsize, reduce->extent, width, &reduce->n_point, &reduce->start, &reduce->coef))
        return -1;
    const int n_point = reduce->n_point;
#ifdef IP_REDUCE_VECTOR
    const int bands = reduce->in->Bands;
    if (reduce->loop != 1 && (bands == 3 || bands == 4) && n_point % 2 == 0 && __builtin_cpu_supports("ssse3")) {
        const int pairs = n_point / 2;
        const size_t count = (size_t) (width + 1) / 2 * pairs * 2;
        reduce->weights = VIPS_ARRAY(reduce, count, __m128i);
        if (!reduce->weights)
            return -1;
        memset(reduce->weights, 0, count * sizeof(__m128i));
        for (int x = 0; x < width; x++)
            for (int k = 0; k < pairs; k++) {
                const int16_t w0 = reduce->coef[(size_t) x * n_point + 2 * k], w1 = reduce->coef[(size_t) x * n_point + 2 * k + 1];
                reduce->weights[((size_t) (x / 2) * pairs + k) * 2 + x % 2] = _mm_setr_epi16(w0, w1, w0, w1, w0, w1, w0, w1);
            }
        reduce->avx2 = reduce->loop == 0 && __builtin_cpu_supports("avx2");
    } else if (reduce->loop != 1 && bands <= 2 && __builtin_cpu_supports("ssse3")) {
        const int per = bands == 1 ? 8 : 4;
        const int groups = (n_point + per - 1) / per;
        reduce->weights = VIPS_ARRAY(reduce, (size_t) width * groups, __m128i);
        if (!reduce->weights)
            return -1;
        memset(reduce->weights, 0, (size_t) width * groups * sizeof(__m128i));
        for (int x = 0; x < width; x++)
            for (int k = 0; k < n_point; k++) {
                int16_t *lanes = (int16_t *) &reduce->weights[(size_t) x * groups + k / per];
                const int16_t w = reduce->coef[(size_t) x * n_point + k];
                if (bands == 1) {
                    lanes[k % per] = w;
                } else {
                    const int pair = (k % per) / 2, within = k % 2;
                    lanes[pair * 4 + within] = lanes[pair * 4 + 2 + within] = w;
                }
            }
        reduce->narrow = TRUE;
        reduce->groups = groups;
    }
#endif
    return 0;
}

static inline void ip_reduceh_pixel(const VipsPel *p, const int16_t *coef, int n_point, int bands, VipsPel *q) {
    for (int b = 0; b < bands; b++) {
        int sum = 0;
        for (int k = 0; k < n_point; k++)
            sum += coef[k] * p[k * bands + b];
        q[b] = ip_reduce_clip(sum);
    }
}

#ifdef IP_REDUCE_VECTOR

/* Byte shuffles that widen pixels k, k + 1 (or k + 2, k + 3) of a 16-byte load to 16 bits,
 * interleaved band by band (r0 r1 g0 g1 b0 b1 ..): multiplied by the (w_k, w_k+1) pairs this
 * gives one 32-bit sum per band. -1 writes a zero byte. */
static const int8_t ip_shuffle3[2][16] = {
    {0, -1, 3, -1, 1, -1, 4, -1, 2, -1, 5, -1, -1, -1, -1, -1},
    {6, -1, 9, -1, 7, -1, 10, -1, 8, -1, 11, -1, -1, -1, -1, -1},
};
static const int8_t ip_shuffle4[2][16] = {
    {0, -1, 4, -1, 1, -1, 5, -1, 2, -1, 6, -1, 3, -1, 7, -1},
    {8, -1, 12, -1, 9, -1, 13, -1, 10, -1, 14, -1, 11, -1, 15, -1},
};

/* How many bytes from a pixel's first tap the vector loop reads: 16 per four taps, and 8 for
 * a last pair. Up to 4 bytes more than the taps hold; the caller checks they exist. */
static int ip_reduceh_vector_span(int n_point, int bands) {
    const int n4 = n_point - n_point % 4;
    int span = n4 > 0 ? (n4 - 4) * bands + 16 : 0;
    if (n4 < n_point)
        span = VIPS_MAX(span, n4 * bands + 8);
    return span;
}

__attribute__((target("ssse3")))
static inline void ip_reduceh_pixel_ssse3(const VipsPel *p, const __m128i *weights, int n_point, int bands, VipsPel *q) {
    const int8_t (*shuffle)[16] = bands == 3 ? ip_shuffle3 : ip_shuffle4;
    const __m128i s01 = _mm_loadu_si128((const __m128i *) shuffle[0]);
    const __m128i s23 = _mm_loadu_si128((const __m128i *) shuffle[1]);
    __m128i acc0 = _mm_setzero_si128(), acc1 = _mm_setzero_si128();
    int k = 0;
    for (; k + 4 <= n_point; k += 4) {
        const __m128i pixels = _mm_loadu_si128((const __m128i *) p);
        acc0 = _mm_add_epi32(acc0, _mm_madd_epi16(_mm_shuffle_epi8(pixels, s01), weights[0]));
        acc1 = _mm_add_epi32(acc1, _mm_madd_epi16(_mm_shuffle_epi8(pixels, s23), weights[2]));
        p += 4 * bands;
        weights += 4;
    }
    if (k < n_point) { /* n_point is even: one pair left */
        const __m128i pixels = _mm_loadl_epi64((const __m128i *) p);
        acc0 = _mm_add_epi32(acc0, _mm_madd_epi16(_mm_shuffle_epi8(pixels, s01), weights[0]));
    }
    __m128i v = _mm_add_epi32(_mm_add_epi32(acc0, acc1), _mm_set1_epi32(IP_REDUCE_ONE >> 1));
    v = _mm_srai_epi32(v, IP_REDUCE_BITS);
    v = _mm_packus_epi16(_mm_packs_epi32(v, v), _mm_setzero_si128());
    const uint32_t out = (uint32_t) _mm_cvtsi128_si32(v);
    q[0] = (VipsPel) out;
    q[1] = (VipsPel) (out >> 8);
    q[2] = (VipsPel) (out >> 16);
    if (bands == 4)
        q[3] = (VipsPel) (out >> 24);
}

static inline const __m128i *ip_reduceh_weights(const IpReduceh *reduce, int x) {
    return reduce->weights + ((size_t) (x / 2) * (reduce->n_point / 2)) * 2 + x % 2;
}

/* One output pixel: the SSSE3 loop where its reads stay in the row, else the plain one. */
__attribute__((target("ssse3")))
static inline void ip_reduceh_one(const IpReduceh *reduce, const VipsPel *row, ptrdiff_t row_bytes, int in_left, int span,
                                  int x, VipsPel *q) {
    const int bands = reduce->in->Bands;
    const ptrdiff_t offset = (ptrdiff_t) (reduce->start[x] - in_left) * bands;
    if (offset + span <= row_bytes)
        ip_reduceh_pixel_ssse3(row + offset, ip_reduceh_weights(reduce, x), reduce->n_point, bands, q);
    else
        ip_reduceh_pixel(row + offset, reduce->coef + (size_t) x * reduce->n_point, reduce->n_point, bands, q);
}

/* Output pixels x0 ..< x1 of one row; `row` is the input row from pixel in_left, row_bytes long. */
__attribute__((target("ssse3")))
static void ip_reduceh_row_ssse3(const IpReduceh *reduce, const VipsPel *row, ptrdiff_t row_bytes, int in_left, int x0,
                                 int x1, VipsPel *q) {
    const int bands = reduce->in->Bands;
    const int span = ip_reduceh_vector_span(reduce->n_point, bands);
    for (int x = x0; x < x1; x++, q += bands)
        ip_reduceh_one(reduce, row, row_bytes, in_left, span, x, q);
}

/* Output pixels 2j and 2j + 1 at once, one in each 128-bit lane. */
__attribute__((target("avx2")))
__attribute__((always_inline))
static inline void ip_reduceh_two_avx2(const VipsPel *p0, const VipsPel *p1, const __m128i *weights, int n_point, int bands,
                                       VipsPel *q) {
    const int8_t (*shuffle)[16] = bands == 3 ? ip_shuffle3 : ip_shuffle4;
    const __m256i s01 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) shuffle[0]));
    const __m256i s23 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) shuffle[1]));
    __m256i acc0 = _mm256_setzero_si256(), acc1 = _mm256_setzero_si256();
    int k = 0;
    for (; k + 4 <= n_point; k += 4) {
        const __m256i pixels = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *) p0)),
                                                       _mm_loadu_si128((const __m128i *) p1), 1);
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(_mm256_shuffle_epi8(pixels, s01), _mm256_loadu_si256((const __m256i *) weights)));
        acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(_mm256_shuffle_epi8(pixels, s23), _mm256_loadu_si256((const __m256i *) (weights + 2))));
        p0 += 4 * bands;
        p1 += 4 * bands;
        weights += 4;
    }
    if (k < n_point) { /* n_point is even: one pair left */
        const __m256i pixels = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadl_epi64((const __m128i *) p0)),
                                                       _mm_loadl_epi64((const __m128i *) p1), 1);
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(_mm256_shuffle_epi8(pixels, s01), _mm256_loadu_si256((const __m256i *) weights)));
    }
    __m256i v = _mm256_add_epi32(_mm256_add_epi32(acc0, acc1), _mm256_set1_epi32(IP_REDUCE_ONE >> 1));
    v = _mm256_srai_epi32(v, IP_REDUCE_BITS);
    v = _mm256_packus_epi16(_mm256_packs_epi32(v, v), _mm256_setzero_si256());
    const uint32_t first = (uint32_t) _mm256_cvtsi256_si32(v);
    const uint32_t second = (uint32_t) _mm256_extract_epi32(v, 4);
    /* With 3 bands the first store's fourth byte is the second pixel's, written next. */
    memcpy(q, &first, 4);
    if (bands == 4) {
        memcpy(q + 4, &second, 4);
    } else {
        const uint16_t low = (uint16_t) second;
        memcpy(q + 3, &low, 2);
        q[5] = (VipsPel) (second >> 16);
    }
}

/* The row loop for a band count known at compile time (3 or 4). */
__attribute__((target("avx2"), always_inline))
static inline void ip_reduceh_row_avx2_bands(const IpReduceh *reduce, const VipsPel *row, ptrdiff_t row_bytes, int in_left,
                                             int x0, int x1, VipsPel *q, const int bands) {
    const int span = ip_reduceh_vector_span(reduce->n_point, bands);
    int x = x0;
    if (x % 2 && x < x1) { /* pairs start at even pixels */
        ip_reduceh_one(reduce, row, row_bytes, in_left, span, x++, q);
        q += bands;
    }
    for (; x + 1 < x1; x += 2, q += 2 * bands) {
        const ptrdiff_t offset0 = (ptrdiff_t) (reduce->start[x] - in_left) * bands;
        const ptrdiff_t offset1 = (ptrdiff_t) (reduce->start[x + 1] - in_left) * bands;
        if (offset1 + span <= row_bytes) { /* starts never decrease: pixel x's reads end no later */
            ip_reduceh_two_avx2(row + offset0, row + offset1, ip_reduceh_weights(reduce, x), reduce->n_point, bands, q);
        } else {
            ip_reduceh_one(reduce, row, row_bytes, in_left, span, x, q);
            ip_reduceh_one(reduce, row, row_bytes, in_left, span, x + 1, q + bands);
        }
    }
    if (x < x1)
        ip_reduceh_one(reduce, row, row_bytes, in_left, span, x, q);
}

__attribute__((target("avx2")))
static void ip_reduceh_row_avx2(const IpReduceh *reduce, const VipsPel *row, ptrdiff_t row_bytes, int in_left, int x0,
                                int x1, VipsPel *q) {
    if (reduce->in->Bands == 3)
        ip_reduceh_row_avx2_bands(reduce, row, row_bytes, in_left, x0, x1, q, 3);
    else
        ip_reduceh_row_avx2_bands(reduce, row, row_bytes, in_left, x0, x1, q, 4);
}

/* Byte shuffles that widen 8 bytes to 16 bits: one band as it is; two bands with each band's
 * pixel pairs side by side (b0 of pixels 0 and 1, b1 of pixels 0 and 1, then pixels 2 and 3). */
static const int8_t ip_widen1[16] = {0, -1, 1, -1, 2, -1, 3, -1, 4, -1, 5, -1, 6, -1, 7, -1};
static const int8_t ip_widen2[16] = {0, -1, 2, -1, 1, -1, 3, -1, 4, -1, 6, -1, 5, -1, 7, -1};

/* The sums of `groups` multiply-adds for one output pixel whose taps start at p. */
__attribute__((target("ssse3"), always_inline))
static inline __m128i ip_reduceh_narrow_sums(const VipsPel *p, const __m128i *w, int groups, __m128i widen) {
    __m128i acc = _mm_setzero_si128();
    for (int g = 0; g < groups; g++, p += 8)
        acc = _mm_add_epi32(acc, _mm_madd_epi16(_mm_shuffle_epi8(_mm_loadl_epi64((const __m128i *) p), widen), w[g]));
    return acc;
}

/* Four 32-bit sums rounded, shifted and clipped to four bytes. */
__attribute__((target("ssse3"), always_inline))
static inline uint32_t ip_reduceh_narrow_bytes(__m128i sums) {
    __m128i v = _mm_srai_epi32(_mm_add_epi32(sums, _mm_set1_epi32(IP_REDUCE_ONE >> 1)), IP_REDUCE_BITS);
    v = _mm_packus_epi16(_mm_packs_epi32(v, v), _mm_setzero_si128());
    return (uint32_t) _mm_cvtsi128_si32(v);
}

/* Output pixels x0 ..< x1 of a one- or two-band row: 8 bytes of taps per multiply-add, four
 * one-band pixels or two two-band pixels finished together. Starts never decrease, so when
 * the last pixel of a group reads inside the row, all of them do. Inlined with `groups` a
 * constant (ip_reduceh_row_narrow), so that each pixel's multiply-adds are unrolled and stay in
 * registers: with the count read at run time the loop spilled and took 21 % of twenty widths. */
__attribute__((target("ssse3"), always_inline))
static inline void ip_reduceh_row_narrow_groups(const IpReduceh *reduce, const VipsPel *row, ptrdiff_t row_bytes, int in_left,
                                                int x0, int x1, VipsPel *q, const int groups) {
    const int bands = reduce->in->Bands;
    const ptrdiff_t span = (ptrdiff_t) groups * 8;
    const __m128i widen = _mm_loadu_si128((const __m128i *) (bands == 1 ? ip_widen1 : ip_widen2));
    const int step = bands == 1 ? 4 : 2;
    int x = x0;
#define IP_NARROW_AT(i) ip_reduceh_narrow_sums(row + (ptrdiff_t) (reduce->start[x + (i)] - in_left) * bands, \
                                               reduce->weights + (size_t) (x + (i)) * groups, groups, widen)
    for (; x + step <= x1 && (ptrdiff_t) (reduce->start[x + step - 1] - in_left) * bands + span <= row_bytes; x += step) {
        uint32_t out;
        if (bands == 1) {
            /* Each pixel's four lanes summed: [p0 p1 p2 p3]. */
            const __m128i h01 = _mm_hadd_epi32(IP_NARROW_AT(0), IP_NARROW_AT(1));
            const __m128i h23 = _mm_hadd_epi32(IP_NARROW_AT(2), IP_NARROW_AT(3));
            out = ip_reduceh_narrow_bytes(_mm_hadd_epi32(h01, h23));
        } else {
            /* Lanes 0 and 2 are band 0's, 1 and 3 band 1's: [p0b0 p0b1 p1b0 p1b1]. */
            __m128i a = IP_NARROW_AT(0), b = IP_NARROW_AT(1);
            a = _mm_add_epi32(a, _mm_srli_si128(a, 8));
            b = _mm_add_epi32(b, _mm_srli_si128(b, 8));
            out = ip_reduceh_narrow_bytes(_mm_unpacklo_epi64(a, b));
        }
        memcpy(q, &out, 4);
        q += 4;
    }
#undef IP_NARROW_AT
    for (; x < x1; x++, q += bands)
        ip_reduceh_pixel(row + (ptrdiff_t) (reduce->start[x] - in_left) * bands, reduce->coef + (size_t) x * reduce->n_point,
                         reduce->n_point, bands, q);
}

__attribute__((target("ssse3")))
static void ip_reduceh_row_narrow(const IpReduceh *reduce, const VipsPel *row, ptrdiff_t row_bytes, int in_left, int x0,
                                  int x1, VipsPel *q) {
    switch (reduce->groups) {
#define IP_NARROW_CASE(n) \
    case n: ip_reduceh_row_narrow_groups(reduce, row, row_bytes, in_left, x0, x1, q, n); break;
    IP_NARROW_CASE(1) IP_NARROW_CASE(2) IP_NARROW_CASE(3) IP_NARROW_CASE(4)
    IP_NARROW_CASE(5) IP_NARROW_CASE(6) IP_NARROW_CASE(7) IP_NARROW_CASE(8)
#undef IP_NARROW_CASE
    default: ip_reduceh_row_narrow_groups(reduce, row, row_bytes, in_left, x0, x1, q, reduce->groups);
    }
}
#endif

static int ip_reduceh_gen(VipsRegion *out_region, void *seq, void *a, void *b, gboolean *stop) {
    (void) stop;
    (void) a;
    VipsRegion *in_region = (VipsRegion *) seq;
    IpReduceh *reduce = (IpReduceh *) b;
    const VipsRect *r = &out_region->valid;
    const int n_point = reduce->n_point;
    const int bands = reduce->in->Bands;
    VipsRect need;
    need.left = reduce->start[r->left];
    need.width = reduce->start[r->left + r->width - 1] + n_point - need.left;
    need.top = r->top;
    need.height = r->height;
    if (vips_region_prepare(in_region, &need))
        return -1;
    const int in_left = in_region->valid.left;
#ifdef IP_REDUCE_VECTOR
    /* The vector loops read up to 4 bytes past a pixel's last tap, never past the row. */
    const ptrdiff_t row_bytes = (ptrdiff_t) in_region->valid.width * bands;
#endif
    for (int y = 0; y < r->height; y++) {
        const VipsPel *row = VIPS_REGION_ADDR(in_region, in_left, r->top + y);
        VipsPel *q = VIPS_REGION_ADDR(out_region, r->left, r->top + y);
#ifdef IP_REDUCE_VECTOR
        if (reduce->narrow) {
            ip_reduceh_row_narrow(reduce, row, row_bytes, in_left, r->left, r->left + r->width, q);
            continue;
        }
        if (reduce->weights && reduce->avx2) {
            ip_reduceh_row_avx2(reduce, row, row_bytes, in_left, r->left, r->left + r->width, q);
            continue;
        }
        if (reduce->weights) {
            ip_reduceh_row_ssse3(reduce, row, row_bytes, in_left, r->left, r->left + r->width, q);
            continue;
        }
#endif
        for (int x = r->left; x < r->left + r->width; x++) {
            const ptrdiff_t offset = (ptrdiff_t) (reduce->start[x] - in_left) * bands;
            ip_reduceh_pixel(row + offset, reduce->coef + (size_t) x * n_point, n_point, bands, q);
            q += bands;
        }
    }
    return 0;
}

static int ip_reduceh_build(VipsObject *object) {
    IpReduceh *reduce = (IpReduceh *) object;
    if (VIPS_OBJECT_CLASS(ip_reduceh_parent_class)->build(object))
        return -1;
    VipsImage *in = reduce->in;
    if (in->BandFmt != VIPS_FORMAT_UCHAR || in->Coding != VIPS_CODING_NONE || in->Bands > 4) {
        vips_error("ip_reduceh", "needs an uncoded 8-bit image of at most 4 bands");
        return -1;
    }
    if (reduce->width < 1 || reduce->width > in->Xsize) {
        vips_error("ip_reduceh", "width %d is not between 1 and the input width %d", reduce->width, in->Xsize);
        return -1;
    }
    g_object_set(reduce, "out", vips_image_new(), NULL);
    if (ip_reduceh_make_masks(reduce) ||
        vips_image_pio_input(in) ||
        vips_image_pipelinev(reduce->out, VIPS_DEMAND_STYLE_THINSTRIP, in, NULL))
        return -1;
    reduce->out->Xsize = reduce->width;
    return vips_image_generate(reduce->out, vips_start_one, ip_reduceh_gen, vips_stop_one, in, reduce);
}

static void ip_reduceh_class_init(IpReducehClass *class) {
    GObjectClass *gobject_class = G_OBJECT_CLASS(class);
    VipsObjectClass *object_class = VIPS_OBJECT_CLASS(class);
    VipsOperationClass *operation_class = VIPS_OPERATION_CLASS(class);
    gobject_class->set_property = vips_object_set_property;
    gobject_class->get_property = vips_object_get_property;
    object_class->nickname = "ip_reduceh";
    object_class->description = "reduce an 8-bit image horizontally with Lanczos 3";
    object_class->build = ip_reduceh_build;
    operation_class->flags = VIPS_OPERATION_SEQUENTIAL;
    VIPS_ARG_IMAGE(class, "in", 1, "Input", "Input image", VIPS_ARGUMENT_REQUIRED_INPUT, G_STRUCT_OFFSET(IpReduceh, in));
    VIPS_ARG_IMAGE(class, "out", 2, "Output", "Output image", VIPS_ARGUMENT_REQUIRED_OUTPUT, G_STRUCT_OFFSET(IpReduceh, out));
    VIPS_ARG_INT(class, "width", 3, "Width", "Output width", VIPS_ARGUMENT_REQUIRED_INPUT,
                 G_STRUCT_OFFSET(IpReduceh, width), 1, VIPS_MAX_COORD, 1);
    VIPS_ARG_DOUBLE(class, "extent", 5, "Extent", "The input's extent (0: its width)", VIPS_ARGUMENT_OPTIONAL_INPUT,
                    G_STRUCT_OFFSET(IpReduceh, extent), 0, VIPS_MAX_COORD, 0);
    VIPS_ARG_INT(class, "loop", 4, "Loop", "0 the fastest the CPU has, 1 plain C, 2 SSSE3", VIPS_ARGUMENT_OPTIONAL_INPUT,
                 G_STRUCT_OFFSET(IpReduceh, loop), 0, 2, 0);
}

static void ip_reduceh_init(IpReduceh *reduce) {
    (void) reduce;
}

void ip_reduceh_register(void) {
    (void) ip_reduceh_get_type();
}

int ip_reduceh(VipsImage *in, int width, double extent, int loop, VipsImage **out) {
    return vips_call("ip_reduceh", in, out, width, "extent", extent, "loop", loop, NULL);
}
