/* ip_turn: an image turned a quarter, as a libvips operation of its own.
 *
 * The engine resizes shared images through their turned copy, so that libvips 8.14's
 * vectorised vertical reduce does the horizontal work too (its horizontal reduce is scalar).
 * That needs many quarter turns, and vips_rot copies each pixel byte by byte; this copies
 * whole pixels of the common sizes (1, 3, 4 bytes) with fixed-size moves. Same pixels as
 * vips_rot90 (clockwise) and vips_rot270 (anticlockwise). */
#include "CVipsShim.h"
#include <string.h>

typedef struct _IpTurn {
    VipsOperation parent_instance;
    VipsImage *in;
    VipsImage *out;
    gboolean clockwise;
} IpTurn;

typedef VipsOperationClass IpTurnClass;

G_DEFINE_TYPE(IpTurn, ip_turn, VIPS_TYPE_OPERATION);

/* Output row y of the region starts at `first` + y * step_row; the next pixel along the row
 * is step_col further on. */
#define IP_TURN_ROWS(PS)                                                   \
    for (int y = 0; y < r->height; y++) {                                  \
        VipsPel *q = VIPS_REGION_ADDR(out_region, r->left, r->top + y);    \
        const VipsPel *p = first + y * step_row;                           \
        for (int x = 0; x < r->width; x++) {                               \
            memcpy(q, p, PS);                                              \
            q += PS;                                                       \
            p += step_col;                                                 \
        }                                                                  \
    }

static int ip_turn_gen(VipsRegion *out_region, void *seq, void *a, void *b, gboolean *stop) {
    (void) stop;
    VipsRegion *in_region = (VipsRegion *) seq;
    VipsImage *in = (VipsImage *) a;
    IpTurn *turn = (IpTurn *) b;
    const VipsRect *r = &out_region->valid;
    VipsRect need;
    if (turn->clockwise) {
        /* out(x, y) = in(y, H - 1 - x) */
        need.left = r->top;
        need.width = r->height;
        need.top = in->Ysize - r->left - r->width;
        need.height = r->width;
    } else {
        /* out(x, y) = in(W - 1 - y, x) */
        need.left = in->Xsize - r->top - r->height;
        need.width = r->height;
        need.top = r->left;
        need.height = r->width;
    }
    if (vips_region_prepare(in_region, &need))
        return -1;
    const ptrdiff_t ps = VIPS_IMAGE_SIZEOF_PEL(in);
    const ptrdiff_t line = VIPS_REGION_LSKIP(in_region);
    const VipsPel *first;
    ptrdiff_t step_row, step_col;
    if (turn->clockwise) {
        /* Output row y is input column r->top + y, read bottom to top. */
        first = VIPS_REGION_ADDR(in_region, r->top, in->Ysize - 1 - r->left);
        step_row = ps;
        step_col = -line;
    } else {
        /* Output row y is input column W - 1 - (r->top + y), read top to bottom. */
        first = VIPS_REGION_ADDR(in_region, in->Xsize - 1 - r->top, r->left);
        step_row = -ps;
        step_col = line;
    }
    switch (ps) {
    case 1: IP_TURN_ROWS(1); break;
    case 3: IP_TURN_ROWS(3); break;
    case 4: IP_TURN_ROWS(4); break;
    default: IP_TURN_ROWS(ps); break;
    }
    return 0;
}

static int ip_turn_build(VipsObject *object) {
    IpTurn *turn = (IpTurn *) object;
    if (VIPS_OBJECT_CLASS(ip_turn_parent_class)->build(object))
        return -1;
    g_object_set(turn, "out", vips_image_new(), NULL);
    if (vips_image_pio_input(turn->in) ||
        vips_image_pipelinev(turn->out, VIPS_DEMAND_STYLE_SMALLTILE, turn->in, NULL))
        return -1;
    turn->out->Xsize = turn->in->Ysize;
    turn->out->Ysize = turn->in->Xsize;
    turn->out->Xres = turn->in->Yres;
    turn->out->Yres = turn->in->Xres;
    return vips_image_generate(turn->out, vips_start_one, ip_turn_gen, vips_stop_one, turn->in, turn);
}

static void ip_turn_class_init(IpTurnClass *class) {
    GObjectClass *gobject_class = G_OBJECT_CLASS(class);
    VipsObjectClass *object_class = VIPS_OBJECT_CLASS(class);
    gobject_class->set_property = vips_object_set_property;
    gobject_class->get_property = vips_object_get_property;
    object_class->nickname = "ip_turn";
    object_class->description = "turn an image a quarter, clockwise or not";
    object_class->build = ip_turn_build;
    VIPS_ARG_IMAGE(class, "in", 1, "Input", "Input image", VIPS_ARGUMENT_REQUIRED_INPUT, G_STRUCT_OFFSET(IpTurn, in));
    VIPS_ARG_IMAGE(class, "out", 2, "Output", "Output image", VIPS_ARGUMENT_REQUIRED_OUTPUT, G_STRUCT_OFFSET(IpTurn, out));
    VIPS_ARG_BOOL(class, "clockwise", 3, "Clockwise", "Turn clockwise (else anticlockwise)", VIPS_ARGUMENT_OPTIONAL_INPUT,
                  G_STRUCT_OFFSET(IpTurn, clockwise), FALSE);
}

static void ip_turn_init(IpTurn *turn) {
    (void) turn;
}

void ip_turn_register(void) {
    (void) ip_turn_get_type();
}

int ip_turn(VipsImage *in, int clockwise, VipsImage **out) {
    return vips_call("ip_turn", in, out, "clockwise", clockwise ? TRUE : FALSE, NULL);
}
