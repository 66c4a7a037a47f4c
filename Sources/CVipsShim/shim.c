#define _GNU_SOURCE
#include "CVipsShim.h"
#include <dlfcn.h>
#include <lcms2.h>
#include <libgen.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <gmodule.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vips/vector.h>

static void ip_quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void) domain; (void) level; (void) message; (void) data;
}

/* libvips loads every module in <libdir>/vips-modules-X.Y at start-up: HEIF/AVIF, and also
 * ImageMagick, Poppler (PDF), OpenSlide and JPEG XL, which ImagePipeline never reads (or
 * only when PDF is enabled). Loading them costs about 14 ms per process and puts their code
 * in the address space for nothing. libvips finds modules under $VIPSHOME, so a private,
 * freshly made folder (mode 0700) holding links to just the wanted modules is named there for
 * the start-up and removed right after (the loaded modules stay mapped).
 *
 * The environment is changed once and then only in place. libvips starts lazily, on the first
 * image, while other threads may be starting processes (Foundation copies `environ` for each)
 * or reading variables (libcurl's proxy settings). Removing a variable shifts the array under
 * them (a test process died in `Process.run`'s memcpy after the `unsetenv` this code used to
 * make), and a second added variable reallocs it; replacing a value only swaps one pointer
 * (glibc never frees the old string). So VIPSHOME, when missing, is added once, with the prefix
 * libvips guesses for itself (its own start-up adds the same), and from then on only replaced:
 * by the private folder for the start-up, then by that prefix again. (Adding it before `main`
 * instead, in a constructor, made a statically linked Swift program lose its arguments: the
 * runtime finds argv next to the original `environ`.) */

/* The libdir libvips was loaded from, e.g. /usr/lib/x86_64-linux-gnu, or 0 if unknown. */
static int ip_vips_libdir(char *out, size_t size) {
    Dl_info info;
    if (!dladdr((void *) vips_init, &info) || !info.dli_fname)
        return 0;
    char library[4096];
    snprintf(library, sizeof library, "%s", info.dli_fname);
    char resolved[PATH_MAX]; /* /lib/x86_64-linux-gnu is /usr/lib/x86_64-linux-gnu on Debian */
    snprintf(out, size, "%s", realpath(dirname(library), resolved) ? resolved : library);
    return 1;
}

/* VIPSHOME's value when the operator did not set it; NULL when the operator did. */
static char *ip_default_vipshome = NULL;

/* Whether `home` names the libvips that is loaded: the prefix above its libdir
 * (/usr for /usr/lib/x86_64-linux-gnu), or one whose <libname> is that libdir. A child of an
 * ImagePipeline process inherits the default this way, and it is not the operator's choice. */
static int ip_names_loaded_vips(const char *home) {
    char libdir[4096], copy[4096], up[4096];
    if (!ip_vips_libdir(libdir, sizeof libdir))
        return 0;
    snprintf(copy, sizeof copy, "%s", libdir);
    snprintf(up, sizeof up, "%s", dirname(dirname(copy)));
    snprintf(copy, sizeof copy, "%s", libdir);
    char joined[8192];
    snprintf(joined, sizeof joined, "%s/%s", home, basename(copy));
    return !strcmp(home, up) || !strcmp(joined, libdir);
}

/* Makes VIPSHOME exist, as above; leaves an operator's own value alone. */
static void ip_reserve_vipshome(void) {
    const char *set = getenv("VIPSHOME");
    if (set && !ip_names_loaded_vips(set))
        return; /* the operator chose; leave it */
    if (set) {
        ip_default_vipshome = strdup(set);
        return;
    }
    /* libvips' own guess; the call adds VIPSHOME (g_setenv) when it is missing. */
    ip_default_vipshome = strdup(vips_guess_prefix("ImagePipeline", "VIPSHOME"));
    setenv("VIPSHOME", ip_default_vipshome, 1);
}

static GPtrArray *ip_private_module_home(const char *const *modules, int count) {
    if (!ip_default_vipshome || !getenv("VIPSHOME"))
        return NULL; /* the operator chose; leave it */
    char libdir[4096];
    if (!ip_vips_libdir(libdir, sizeof libdir)) /* e.g. /usr/lib/x86_64-linux-gnu */
        return NULL;
    char real_modules[4096];
    snprintf(real_modules, sizeof real_modules, "%s/vips-modules-%d.%d", libdir, VIPS_MAJOR_VERSION, VIPS_MINOR_VERSION);
    struct stat st;
    if (stat(real_modules, &st) || !S_ISDIR(st.st_mode))
        return NULL;
    char libdir_copy[4096];
    snprintf(libdir_copy, sizeof libdir_copy, "%s", libdir);
    const char *libname = basename(libdir_copy); /* libvips appends its configure-time libdir's last part */
    const char *tmp = getenv("TMPDIR");
    char *home = g_strdup_printf("%s/imagepipeline-vipshome-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!g_mkdtemp(home)) {
        g_free(home);
        return NULL;
    }
    /* Every path made, in order, so they can be removed in reverse. */
    GPtrArray *made = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(made, home);
    char *lib = g_strdup_printf("%s/%s", home, libname);
    int ok = !mkdir(lib, 0700);
    g_ptr_array_add(made, lib);
    char *dir = g_strdup_printf("%s/vips-modules-%d.%d", lib, VIPS_MAJOR_VERSION, VIPS_MINOR_VERSION);
    ok = ok && !mkdir(dir, 0700);
    g_ptr_array_add(made, dir);
    for (int i = 0; ok && i < count; i++) {
        char *target = g_strdup_printf("%s/vips-%s.so", real_modules, modules[i]);
        if (!stat(target, &st)) {
            char *link = g_strdup_printf("%s/vips-%s.so", dir, modules[i]);
            ok = !symlink(target, link);
            g_ptr_array_add(made, link);
        }
        g_free(target);
    }
    if (ok)
        setenv("VIPSHOME", home, 1);
    return made; /* removed after start-up either way */
}

/* Removes what ip_private_module_home made: the links, then the folders, innermost first. */
static void ip_remove_module_home(GPtrArray *made) {
    if (!made)
        return;
    for (guint i = made->len; i > 0; i--)
        remove(g_ptr_array_index(made, i - 1));
    setenv("VIPSHOME", ip_default_vipshome, 1); /* in place: see above */
    g_ptr_array_free(made, TRUE);
}

int ip_init(const char *argv0, const char *const *modules, int module_count) {
    /* Fewer glibc malloc arenas: with several image threads the default (8 per core) lets
     * freed pixel buffers pile up in separate arenas and peak memory climb. */
    mallopt(M_ARENA_MAX, 2);
    ip_reserve_vipshome();
    GPtrArray *made = modules ? ip_private_module_home(modules, module_count) : NULL;
    int failed = VIPS_INIT(argv0);
    ip_remove_module_home(made);
    if (failed)
        return -1;
    /* Orc (libvips' vector paths) frees its code memory without a lock; the engine's lock
     * around it (orclock.c) must be in force, or the vector paths stay off. */
    if (!ip_orc_serialised())
        vips_vector_set_enabled(FALSE);
    /* The engine's own operations. */
    ip_reduceh_register();
    ip_reducev_register();
    ip_shrinkv_register();
    /* A batch pipeline never repeats an operation on the same input: the cache only keeps
     * inputs alive. */
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    /* libvips reports damaged input as warnings through GLib; the engine reports errors itself. */
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO, ip_quiet_log, NULL);
    /* Hostile input: no loader marked untrusted (ImageMagick, SVG, PDF, FITS, …) and none of
     * the trusted ones ImagePipeline does not read, unless enabled on purpose later. */
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoadMatrix", TRUE);
    vips_operation_block_set("VipsForeignLoadCsv", TRUE);
    return 0;
}

int ip_load_module(const char *name) {
    char nickname[64];
    snprintf(nickname, sizeof nickname, "%sload", name);
    if (vips_type_find("VipsForeignLoad", nickname))
        return 0; /* loaded at start-up (or by an operator's VIPSHOME) */
    char libdir[4096];
    if (!ip_vips_libdir(libdir, sizeof libdir))
        return -1;
    char *path = g_strdup_printf("%s/vips-modules-%d.%d/vips-%s.so", libdir, VIPS_MAJOR_VERSION, VIPS_MINOR_VERSION, name);
    /* GModule runs the module's g_module_check_init, which registers its loaders and savers,
     * as libvips' own start-up does; the module stays for the life of the process. */
    GModule *module = g_module_open(path, G_MODULE_BIND_LAZY);
    g_free(path);
    if (!module) {
        vips_error("ImagePipeline", "cannot load the libvips module %s: %s", name, g_module_error());
        return -1;
    }
    g_module_make_resident(module);
    return vips_type_find("VipsForeignLoad", nickname) ? 0 : -1;
}

void ip_set_loader_allowed(const char *class_name, int allowed) {
    vips_operation_block_set(class_name, allowed ? FALSE : TRUE);
}

void ip_kill(VipsImage *image) {
    vips_image_set_kill(image, TRUE);
}

void ip_set_concurrency(int threads) { vips_concurrency_set(threads); }

int ip_with_threads(VipsImage *in, int threads, VipsImage **out) {
    if (vips_copy(in, out, NULL))
        return -1;
    /* libvips' thread pools read this from the image they compute (vips_image_get_concurrency)
     * and fall back to the process-wide concurrency without it. */
    vips_image_set_int(*out, VIPS_META_CONCURRENCY, VIPS_MAX(1, threads));
    return 0;
}

void ip_release_free_memory(void) { malloc_trim(0); }

static int ip_describe(VipsImage *image, ip_header_info *info);

int ip_read_header(const char *path, ip_header_info *info) {
    VipsImage *image = vips_image_new_from_file(path, NULL);
    if (!image)
        return -1;
    return ip_describe(image, info);
}

int ip_read_header_page(const char *path, int page, ip_header_info *info) {
    VipsImage *image = vips_image_new_from_file(path, "page", page, NULL);
    if (!image)
        return -1;
    return ip_describe(image, info);
}

/* Fills `info` from `image` and releases it. */
static int ip_describe(VipsImage *image, ip_header_info *info) {
    int orientation = 1;
    if (vips_image_get_typeof(image, VIPS_META_ORIENTATION)) {
        if (vips_image_get_int(image, VIPS_META_ORIENTATION, &orientation))
            orientation = 1;
    }
    int swap = orientation >= 5 && orientation <= 8;
    info->width = swap ? image->Ysize : image->Xsize;
    info->height = swap ? image->Xsize : image->Ysize;
    info->orientation = orientation;
    info->bands = image->Bands;
    info->has_alpha = vips_image_hasalpha(image);
    info->is_cmyk = image->Type == VIPS_INTERPRETATION_CMYK;
    info->has_icc = vips_image_get_typeof(image, VIPS_META_ICC_NAME) != 0;
    info->pages = vips_image_get_n_pages(image);
    const char *loader = NULL;
    info->loader[0] = 0;
    if (!vips_image_get_string(image, VIPS_META_LOADER, &loader) && loader) {
        strncpy(info->loader, loader, sizeof(info->loader) - 1);
        info->loader[sizeof(info->loader) - 1] = 0;
    }
    g_object_unref(image);
    return 0;
}

/* fail_on: 0 none, 1 truncated, 2 error, 3 warning. */
static VipsFailOn ip_fail_on(int fail_on) {
    return fail_on == 3 ? VIPS_FAIL_ON_WARNING : fail_on == 2 ? VIPS_FAIL_ON_ERROR
        : fail_on == 1 ? VIPS_FAIL_ON_TRUNCATED : VIPS_FAIL_ON_NONE;
}

int ip_jpeg_load(const char *path, int shrink, int fail_on, VipsImage **out) {
    return vips_jpegload(path, out, "shrink", shrink, "fail_on", ip_fail_on(fail_on),
                         "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

int ip_autorot(VipsImage *in, VipsImage **out) {
    return vips_autorot(in, out, NULL);
}

int ip_thumbnail(const char *path, int width, int height, int fail_on, VipsImage **out) {
    return vips_thumbnail(path, out, width, "height", height, "size", VIPS_SIZE_FORCE, "fail_on", ip_fail_on(fail_on), NULL);
}

int ip_thumbnail_page(const char *path, int page, int width, int height, int fail_on, VipsImage **out) {
    /* Only the source form of thumbnail passes loader options (8.14). */
    VipsSource *source = vips_source_new_from_file(path);
    if (!source)
        return -1;
    char options[32];
    snprintf(options, sizeof(options), "page=%d", page);
    int result = vips_thumbnail_source(source, out, width, "height", height, "size", VIPS_SIZE_FORCE, "fail_on", ip_fail_on(fail_on),
                                       "option_string", options, NULL);
    g_object_unref(source);
    return result;
}

int ip_thumbnail_frames(const char *path, int width, int height, int fail_on, VipsImage **out) {
    /* Only the source form of thumbnail passes loader options (8.14). */
    VipsSource *source = vips_source_new_from_file(path);
    if (!source)
        return -1;
    int result = vips_thumbnail_source(source, out, width, "height", height, "size", VIPS_SIZE_FORCE, "fail_on", ip_fail_on(fail_on),
                                       "option_string", "n=-1", NULL);
    g_object_unref(source);
    return result;
}

int ip_page_height(VipsImage *in) {
    return vips_image_get_page_height(in);
}

int ip_animation_timing(VipsImage *in, int *delays, int capacity, int *count, int *loop) {
    int *array = NULL, n = 0;
    *count = 0;
    *loop = 0;
    if (vips_image_get_typeof(in, "delay") && !vips_image_get_array_int(in, "delay", &array, &n)) {
        for (int i = 0; delays && i < n && i < capacity; i++)
            delays[i] = array[i];
        *count = n; /* all of them; call with a larger capacity when this exceeds it */
    }
    if (vips_image_get_typeof(in, "loop"))
        vips_image_get_int(in, "loop", loop);
    return 0;
}

/* delays must have exactly n entries (savers read one per frame), or delay_count 0. */
int ip_join_frames(VipsImage **frames, int n, const int *delays, int delay_count, int loop, VipsImage **out) {
    if (delay_count != 0 && delay_count != n) {
        vips_error("ip_join_frames", "%d delays for %d frames", delay_count, n);
        return -1;
    }
    VipsImage *joined = NULL;
    if (vips_arrayjoin(frames, &joined, n, "across", 1, NULL))
        return -1;
    if (vips_copy(joined, out, NULL)) {
        g_object_unref(joined);
        return -1;
    }
    g_object_unref(joined);
    vips_image_set_int(*out, "page-height", frames[0]->Ysize);
    vips_image_set_int(*out, "n-pages", n);
    vips_image_set_int(*out, "loop", loop);
    if (delay_count > 0)
        vips_image_set_array_int(*out, "delay", delays, delay_count);
    return 0;
}

/* Whether `in`'s embedded ICC profile can be used: lcms reads it (header and the tags a
 * transform to sRGB needs) and its colour space is the image's. libvips 8.14 either warns and
 * falls back or fails the whole conversion ("VipsIcc: Read from memory error") when it cannot. */
static int ip_icc_profile_usable(VipsImage *in) {
    const void *data = NULL;
    size_t length = 0;
    if (vips_image_get_blob(in, VIPS_META_ICC_NAME, &data, &length) || !data || length < 128)
        return 0;
    cmsHPROFILE profile = cmsOpenProfileFromMem(data, (cmsUInt32Number) length);
    if (!profile)
        return 0;
    const int colour_bands = in->Bands - (vips_image_hasalpha(in) ? 1 : 0);
    cmsColorSpaceSignature space = cmsGetColorSpace(profile);
    cmsUInt32Number format = 0;
    if (space == cmsSigCmykData && in->Type == VIPS_INTERPRETATION_CMYK && in->Bands >= 4)
        format = TYPE_CMYK_8;
    else if (space == cmsSigRgbData && in->Type != VIPS_INTERPRETATION_CMYK && colour_bands == 3)
        format = TYPE_RGB_8;
    else if (space == cmsSigGrayData && in->Type != VIPS_INTERPRETATION_CMYK && colour_bands == 1)
        format = TYPE_GRAY_8;
    int usable = 0;
    if (format) {
        cmsHPROFILE srgb = cmsCreate_sRGBProfile();
        cmsHTRANSFORM transform = srgb ? cmsCreateTransform(profile, format, srgb, TYPE_RGB_8, INTENT_PERCEPTUAL, 0) : NULL;
        usable = transform != NULL;
        if (transform) cmsDeleteTransform(transform);
        if (srgb) cmsCloseProfile(srgb);
    }
    cmsCloseProfile(profile);
    /* lcms reports what it could not read through libvips' error buffer; this was only a check. */
    vips_error_clear();
    return usable;
}

int ip_to_srgb(VipsImage *in, VipsImage **out, int *profile_ignored) {
    *profile_ignored = 0;
    int has_icc = vips_image_get_typeof(in, VIPS_META_ICC_NAME) != 0;
    if (!has_icc && in->Type != VIPS_INTERPRETATION_CMYK) {
        g_object_ref(in);
        *out = in;
        return 0;
    }
    VipsImage *source = in;
    VipsImage *stripped = NULL;
    if (has_icc && !ip_icc_profile_usable(in)) {
        /* As browsers and vipsthumbnail do: the pixels are taken as sRGB (CMYK: libvips' default
         * CMYK profile). */
        *profile_ignored = 1;
        if (vips_copy(in, &stripped, NULL))
            return -1;
        vips_image_remove(stripped, VIPS_META_ICC_NAME);
        if (in->Type != VIPS_INTERPRETATION_CMYK) {
            *out = stripped;
            return 0;
        }
        source = stripped;
    }
    VipsImage *converted = NULL;
    int failed = vips_icc_transform(source, &converted, "srgb", "embedded", source == in, "input_profile",
                                    source->Type == VIPS_INTERPRETATION_CMYK ? "cmyk" : "srgb",
                                    "intent", VIPS_INTENT_PERCEPTUAL, NULL);
    /* The pixels are sRGB now; a stale profile would make viewers convert them again. */
    if (!failed)
        failed = vips_copy(converted, out, NULL);
    if (converted) g_object_unref(converted);
    if (stripped) g_object_unref(stripped);
    if (failed)
        return -1;
    vips_image_remove(*out, VIPS_META_ICC_NAME);
    return 0;
}

int ip_drop_opaque_alpha(VipsImage *in, VipsImage **out) {
    double lowest = 0;
    VipsImage *alpha = NULL;
    const double opaque = in->BandFmt == VIPS_FORMAT_UCHAR ? 255 : in->BandFmt == VIPS_FORMAT_USHORT ? 65535 : 0;
    if (opaque > 0 && vips_image_hasalpha(in)) {
        if (vips_extract_band(in, &alpha, in->Bands - 1, NULL) || vips_min(alpha, &lowest, NULL)) {
            if (alpha) g_object_unref(alpha);
            return -1;
        }
        g_object_unref(alpha);
        if (lowest >= opaque)
            return vips_extract_band(in, out, 0, "n", in->Bands - 1, NULL);
    }
    g_object_ref(in);
    *out = in;
    return 0;
}

/* Narrows (or, `vertical`, shortens) an 8-bit image to `size`: a box shrink to within twice
 * the target (vertically the engine's own ip_shrinkv), then the engine's own Lanczos 3 reduce
 * along that axis. `span` is the input's extent in input samples that the output's `size`
 * samples cover (0: all of them, `from`): a chroma plane's last sample may stand for half. */
static int ip_reduce_axis(VipsImage *in, int size, double span, int vertical, VipsImage **out) {
    VipsImage *boxed = NULL;
    VipsImage *image = in;
    const int from = vertical ? image->Ysize : image->Xsize;
    const double whole = span > 0 ? span : from;
    const int box = (int) floor(whole / size / 2);
    if (box > 1) {
        /* ip_shrinkv takes boxes of up to 256 rows, asked for whole; a taller box is libvips', which sums a row at a time. */
        if (vertical ? (box <= 256 ? ip_shrinkv(image, box, 0, &boxed) : vips_shrinkv(image, &boxed, box, "ceil", TRUE, NULL))
                     : vips_shrinkh(image, &boxed, box, "ceil", TRUE, NULL))
            return -1;
        image = boxed;
    }
    /* The boxed image spans from / box of its rows (or columns): a partial last box counts
     * for what it holds, so every output keeps the source's geometry. */
    const int now = vertical ? image->Ysize : image->Xsize;
    const double extent = box > 1 ? whole / box : whole;
    int result = now == size && extent == now ? vips_copy(image, out, NULL)
                 : vertical  ? ip_reducev(image, size, extent, 0, out)
                             : ip_reduceh(image, size, extent, 0, out);
    if (boxed) g_object_unref(boxed);
    return result;
}

/* As vips_resize, each axis by a box shrink to within twice the target and then Lanczos 3;
 * narrowing an 8-bit image goes through ip_reduceh and shortening it through ip_reducev. The height is resized first, unless it
 * grows: then the width is narrowed first, so the enlargement works on the narrow image (a
 * 2198x5 strip made 512x512 would otherwise enlarge all 2198 columns). */
static int ip_resize_opaque(VipsImage *in, double hscale, double vscale, VipsImage **out) {
    const int width = VIPS_MAX(1, (int) VIPS_ROUND_UINT(in->Xsize * hscale));
    if (hscale >= 1 || width >= in->Xsize || in->BandFmt != VIPS_FORMAT_UCHAR || in->Coding != VIPS_CODING_NONE ||
        in->Bands > 4)
        return vips_resize(in, out, hscale, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, NULL);
    if (vscale == 1)
        return ip_reduce_axis(in, width, 0, 0, out);
    VipsImage *first = NULL;
    int result;
    if (vscale > 1)
        result = ip_reduce_axis(in, width, 0, 0, &first) ||
                 vips_resize(first, out, 1, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, NULL);
    else
        result = ip_reduce_axis(in, VIPS_MAX(1, (int) VIPS_ROUND_UINT(in->Ysize * vscale)), 0, 1, &first) ||
                 ip_reduce_axis(first, width, 0, 0, out);
    if (first) g_object_unref(first);
    return result ? -1 : 0;
}

/* One axis of ip_resize_plane: reduced by the engine's Lanczos 3 when `factor` > 1, else
 * enlarged by libvips' and cut or extended (edge samples repeated) to exactly `size`. */
static int ip_resize_plane_axis(VipsImage *in, int size, double factor, int vertical, VipsImage **out) {
    const int from = vertical ? in->Ysize : in->Xsize;
    if (factor > 1)
        return ip_reduce_axis(in, size, factor * size, vertical, out);
    if (factor == 1 && size == from)
        return vips_copy(in, out, NULL);
    VipsImage *grown = NULL;
    if (vips_resize(in, &grown, vertical ? 1 : 1 / factor, "vscale", vertical ? 1 / factor : 1, "kernel", VIPS_KERNEL_LANCZOS3, NULL))
        return -1;
    const int result = vips_embed(grown, out, 0, 0, vertical ? grown->Xsize : size, vertical ? size : grown->Ysize,
                                  "extend", VIPS_EXTEND_COPY, NULL);
    g_object_unref(grown);
    return result;
}

int ip_resize_plane(VipsImage *in, int width, int height, double xfactor, double yfactor, VipsImage **out) {
    VipsImage *tall = NULL;
    if (ip_resize_plane_axis(in, height, yfactor, 1, &tall))
        return -1;
    const int result = ip_resize_plane_axis(tall, width, xfactor, 0, out);
    g_object_unref(tall);
    return result;
}

int ip_resize(VipsImage *in, double hscale, double vscale, VipsImage **out) {
    if (!vips_image_hasalpha(in))
        return ip_resize_opaque(in, hscale, vscale, out);
    /* Resample premultiplied so transparent pixels do not bleed their colour into edges. */
    VipsImage *t[3] = {NULL, NULL, NULL};
    int result = -1;
    if (!vips_premultiply(in, &t[0], NULL) &&
        !vips_resize(t[0], &t[1], hscale, "vscale", vscale, "kernel", VIPS_KERNEL_LANCZOS3, NULL) &&
        !vips_unpremultiply(t[1], &t[2], NULL) &&
        !vips_cast(t[2], out, in->BandFmt, NULL))
        result = 0;
    for (int i = 0; i < 3; i++)
        if (t[i]) g_object_unref(t[i]);
    return result;
}

int ip_crop(VipsImage *in, int left, int top, int width, int height, VipsImage **out) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}

int ip_smartcrop_position(VipsImage *in, int width, int height, int interesting, int *left, int *top) {
    VipsImage *cut = NULL;
    if (vips_smartcrop(in, &cut, width, height, "interesting",
                       interesting == 1 ? VIPS_INTERESTING_ENTROPY : VIPS_INTERESTING_ATTENTION, NULL))
        return -1;
    /* The cut is an extract_area of `in`: its offsets are minus the window's top-left corner. */
    *left = -cut->Xoffset;
    *top = -cut->Yoffset;
    g_object_unref(cut);
    return 0;
}

int ip_embed(VipsImage *in, int x, int y, int width, int height, int r, int g, int b, VipsImage **out) {
    double rgba[4] = {r, g, b, 0};
    double gray[2] = {(r + g + b) / 3.0, 0};
    int alpha = vips_image_hasalpha(in);
    int colour_bands = in->Bands - (alpha ? 1 : 0);
    int n = in->Bands;
    double *values = colour_bands >= 3 ? rgba : gray;
    double background[4];
    for (int i = 0; i < n && i < 4; i++)
        background[i] = values[i];
    if (alpha) background[n - 1] = 0; /* padding is transparent where the image has alpha */
    VipsArrayDouble *array = vips_array_double_new(background, n);
    int result = vips_embed(in, out, x, y, width, height, "extend", VIPS_EXTEND_BACKGROUND, "background", array, NULL);
    vips_area_unref(VIPS_AREA(array));
    return result;
}

int ip_grayscale(VipsImage *in, VipsImage **out) {
    return vips_colourspace(in, out, VIPS_INTERPRETATION_B_W, NULL);
}

int ip_circle_mask(VipsImage *in, double cx, double cy, double radius, VipsImage **out) {
    /* alpha = clamp(radius + 0.5 - distance of the pixel centre from (cx, cy)) * 255 */
    VipsImage *t[10] = {NULL};
    int result = -1;
    double a[2] = {1, 1}, b[2] = {0.5 - cx, 0.5 - cy};
    if (vips_xyz(&t[0], in->Xsize, in->Ysize, NULL) ||
        vips_linear(t[0], &t[1], a, b, 2, NULL) ||
        vips_multiply(t[1], t[1], &t[2], NULL) ||
        vips_bandmean(t[2], &t[3], NULL) ||
        vips_linear1(t[3], &t[4], 2.0, 0.0, NULL) ||
        vips_pow_const1(t[4], &t[5], 0.5, NULL) ||
        vips_linear1(t[5], &t[6], -255.0, 255.0 * (radius + 0.5), NULL) ||
        vips_cast(t[6], &t[7], VIPS_FORMAT_UCHAR, NULL))
        goto done;
    VipsImage *base = in;
    if (in->BandFmt != VIPS_FORMAT_UCHAR) {
        if (vips_cast(in, &t[8], VIPS_FORMAT_UCHAR, NULL)) goto done;
        base = t[8];
    }
    if (vips_image_hasalpha(base)) {
        VipsImage *colour = NULL, *alpha = NULL, *combined = NULL, *scaled = NULL, *cast = NULL;
        int ok = !vips_extract_band(base, &colour, 0, "n", base->Bands - 1, NULL) &&
                 !vips_extract_band(base, &alpha, base->Bands - 1, NULL) &&
                 !vips_multiply(alpha, t[7], &combined, NULL) &&
                 !vips_linear1(combined, &scaled, 1.0 / 255.0, 0.0, NULL) &&
                 !vips_cast(scaled, &cast, VIPS_FORMAT_UCHAR, NULL) &&
                 !vips_bandjoin2(colour, cast, out, NULL);
        VipsImage *parts[5] = {colour, alpha, combined, scaled, cast};
        for (int i = 0; i < 5; i++)
            if (parts[i]) g_object_unref(parts[i]);
        if (ok) result = 0;
    } else if (!vips_bandjoin2(base, t[7], out, NULL)) {
        result = 0;
    }
done:
    for (int i = 0; i < 10; i++)
        if (t[i]) g_object_unref(t[i]);
    return result;
}

int ip_rotate(VipsImage *in, int angle, VipsImage **out) {
    VipsAngle a = angle == 90 ? VIPS_ANGLE_D90 : angle == 180 ? VIPS_ANGLE_D180 : VIPS_ANGLE_D270;
    return vips_rot(in, out, a, NULL);
}

int ip_flip(VipsImage *in, int axis, VipsImage **out) {
    return vips_flip(in, out, axis == 0 ? VIPS_DIRECTION_HORIZONTAL : VIPS_DIRECTION_VERTICAL, NULL);
}

int ip_blur(VipsImage *in, double sigma, VipsImage **out) {
    /* Blur premultiplied, as for resizing, so transparent pixels do not bleed their colour. */
    if (!vips_image_hasalpha(in))
        return vips_gaussblur(in, out, sigma, NULL);
    VipsImage *t[3] = {NULL, NULL, NULL};
    int result = -1;
    if (!vips_premultiply(in, &t[0], NULL) && !vips_gaussblur(t[0], &t[1], sigma, NULL) &&
        !vips_unpremultiply(t[1], &t[2], NULL) && !vips_cast(t[2], out, in->BandFmt, NULL))
        result = 0;
    for (int i = 0; i < 3; i++)
        if (t[i]) g_object_unref(t[i]);
    return result;
}

int ip_sharpen(VipsImage *in, double sigma, double flat, double jagged, double threshold, VipsImage **out) {
    VipsImage *t = NULL;
    if (vips_sharpen(in, &t, "sigma", sigma, "m1", flat, "m2", jagged, "x1", threshold, NULL))
        return -1;
    /* sharpen answers in LabS-derived 16-bit for some inputs; keep the input's format. */
    int result = vips_cast(t, out, in->BandFmt, NULL);
    g_object_unref(t);
    return result;
}

int ip_text_mark(const char *text, const char *font, int r, int g, int b, VipsImage **out) {
    VipsImage *t[4] = {NULL, NULL, NULL, NULL};
    int result = -1;
    double scale[3] = {1, 1, 1}, colour[3] = {r, g, b};
    /* The text is a one-band coverage mask: a flat colour takes it as alpha. */
    /* vips_text reads Pango markup: escape the user's text so "&" or "<" are drawn as written. */
    gchar *escaped = g_markup_escape_text(text, -1);
    int rendered = vips_text(&t[0], escaped, "font", font, "dpi", 72, NULL);
    g_free(escaped);
    if (!rendered &&
        !vips_black(&t[1], t[0]->Xsize, t[0]->Ysize, "bands", 3, NULL) &&
        !vips_linear(t[1], &t[2], scale, colour, 3, "uchar", TRUE, NULL) &&
        !vips_bandjoin2(t[2], t[0], &t[3], NULL) &&
        !vips_copy(t[3], out, "interpretation", VIPS_INTERPRETATION_sRGB, NULL))
        result = 0;
    for (int i = 0; i < 4; i++)
        if (t[i]) g_object_unref(t[i]);
    return result;
}

int ip_to_rgba(VipsImage *in, VipsImage **out) {
    VipsImage *t[3] = {NULL, NULL, NULL};
    int result = -1;
    if (!vips_colourspace(in, &t[0], VIPS_INTERPRETATION_sRGB, NULL) &&
        !vips_cast(t[0], &t[1], VIPS_FORMAT_UCHAR, NULL)) {
        if (vips_image_hasalpha(t[1])) {
            g_object_ref(t[1]);
            *out = t[1];
            result = 0;
        } else if (!vips_bandjoin_const1(t[1], out, 255, NULL)) {
            result = 0;
        }
    }
    for (int i = 0; i < 3; i++)
        if (t[i]) g_object_unref(t[i]);
    return result;
}

int ip_fade(VipsImage *in, double opacity, VipsImage **out) {
    double a[4] = {1, 1, 1, opacity}, b[4] = {0, 0, 0, 0};
    return vips_linear(in, out, a, b, 4, "uchar", TRUE, NULL);
}

int ip_composite(VipsImage *base, VipsImage *mark, int x, int y, VipsImage **out) {
    VipsImage *t[3] = {NULL, NULL, NULL};
    int result = -1;
    /* composite works in float and always adds alpha: come back to the base's 8 bits, and
     * drop the (opaque) alpha again when the base had none. */
    if (!vips_composite2(base, mark, &t[0], VIPS_BLEND_MODE_OVER, "x", x, "y", y, NULL) &&
        !vips_cast(t[0], &t[1], VIPS_FORMAT_UCHAR, NULL)) {
        if (vips_image_hasalpha(base)) {
            g_object_ref(t[1]);
            *out = t[1];
            result = 0;
        } else if (!vips_extract_band(t[1], out, 0, "n", t[1]->Bands - 1, NULL)) {
            result = 0;
        }
    }
    for (int i = 0; i < 3; i++)
        if (t[i]) g_object_unref(t[i]);
    return result;
}

int ip_flatten(VipsImage *in, int r, int g, int b, VipsImage **out) {
    if (!vips_image_hasalpha(in)) {
        g_object_ref(in);
        *out = in;
        return 0;
    }
    double rgb[3] = {r, g, b};
    double gray[1] = {(r + g + b) / 3.0};
    int colour = in->Bands - 1;
    VipsArrayDouble *array = vips_array_double_new(colour >= 3 ? rgb : gray, colour >= 3 ? 3 : 1);
    int result = vips_flatten(in, out, "background", array, NULL);
    vips_area_unref(VIPS_AREA(array));
    return result;
}

int ip_to_8bit(VipsImage *in, VipsImage **out) {
    VipsInterpretation target = in->Bands - (vips_image_hasalpha(in) ? 1 : 0) >= 3
        ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    if (in->BandFmt == VIPS_FORMAT_UCHAR && (in->Type == VIPS_INTERPRETATION_sRGB || in->Type == VIPS_INTERPRETATION_B_W)) {
        g_object_ref(in);
        *out = in;
        return 0;
    }
    VipsImage *t = NULL;
    if (vips_colourspace(in, &t, target, NULL))
        return -1;
    int result = vips_cast(t, out, VIPS_FORMAT_UCHAR, NULL);
    g_object_unref(t);
    return result;
}

static void *ip_remove_field(VipsImage *image, const char *field, GValue *value, void *keep) {
    (void) value;
    int keep_copyright = *(int *) keep;
    if (keep_copyright && (strcmp(field, "exif-ifd0-Copyright") == 0 || strcmp(field, "exif-ifd0-Artist") == 0))
        return NULL;
    if (strcmp(field, VIPS_META_ICC_NAME) == 0)
        return NULL;
    /* The EXIF thumbnail too: savers that rebuild EXIF (WebP, AVIF) would embed it again. */
    if (strncmp(field, "exif-", 5) == 0 || strcmp(field, "jpeg-thumbnail-data") == 0 || strcmp(field, VIPS_META_XMP_NAME) == 0 ||
        strcmp(field, VIPS_META_IPTC_NAME) == 0 || strcmp(field, VIPS_META_PHOTOSHOP_NAME) == 0)
        vips_image_remove(image, field);
    return NULL;
}

int ip_prepare_metadata(VipsImage *in, int metadata, VipsImage **out) {
    if (vips_copy(in, out, NULL))
        return -1;
    /* Pixels are upright already: a kept orientation tag would rotate them a second time. */
    vips_image_remove(*out, VIPS_META_ORIENTATION);
    if (metadata == 0 || metadata == 2) {
        int keep_copyright = metadata == 2;
        char **fields = vips_image_get_fields(*out);
        for (int i = 0; fields[i]; i++)
            ip_remove_field(*out, fields[i], NULL, &keep_copyright);
        g_strfreev(fields);
    }
    return 0;
}

/* Truecolour PNGs are filtered row by row (each row's best of the five PNG filters, as libpng
 * does by default; libvips 8.14 writes them unfiltered) and deflated at level 4 instead of 6:
 * on a photo 44 % fewer bytes for 40 % more time, on graphics 7 % fewer bytes in 43 % less
 * time, on a tiny image enlarged 89 % fewer bytes in 75 % less time (Benchmarks/RESULTS.md,
 * "PNG outputs"). Palette PNGs stay unfiltered, which suits indices. */
int ip_save_png(VipsImage *in, int quality, int strip, void **buf, size_t *len) {
    if (quality >= 100)
        return vips_pngsave_buffer(in, buf, len, "compression", 4, "filter", VIPS_FOREIGN_PNG_FILTER_ALL, "strip", strip, NULL);
    return vips_pngsave_buffer(in, buf, len, "compression", 6, "strip", strip, "palette", TRUE, "Q", quality, NULL);
}

int ip_save_avif(VipsImage *in, int quality, int lossless, int effort, int strip, void **buf, size_t *len) {
    return vips_heifsave_buffer(in, buf, len, "Q", quality, "lossless", lossless, "effort", effort,
                                "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "strip", strip, NULL);
}

int ip_save_tiff(VipsImage *in, int strip, void **buf, size_t *len) {
    return vips_tiffsave_buffer(in, buf, len, "compression", VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE, "strip", strip, NULL);
}

void ip_sha256_hex(const void *data, size_t len, char *out) {
    GChecksum *checksum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(checksum, data, len);
    const gchar *hex = g_checksum_get_string(checksum);
    memcpy(out, hex, 64);
    out[64] = 0;
    g_checksum_free(checksum);
}

int ip_load(const char *path, VipsImage **out) {
    *out = vips_image_new_from_file(path, NULL);
    return *out ? 0 : -1;
}

int ip_load_page(const char *path, int page, VipsImage **out) {
    /* Only multi-frame loaders take "page"; the first frame is what any loader gives. */
    *out = page > 0 ? vips_image_new_from_file(path, "page", page, NULL) : vips_image_new_from_file(path, NULL);
    return *out ? 0 : -1;
}

int ip_getpoint(VipsImage *in, int x, int y, double *values, int capacity, int *count) {
    double *vector = NULL;
    int n = 0;
    if (vips_getpoint(in, &vector, &n, x, y, NULL))
        return -1;
    for (int i = 0; i < n && i < capacity; i++)
        values[i] = vector[i];
    *count = n;
    g_free(vector);
    return 0;
}

int ip_average(VipsImage *in, double *out) {
    return vips_avg(in, out, NULL);
}

/* The mean (and largest) absolute difference of band values between two images of one shape. */
int ip_difference(VipsImage *a, VipsImage *b, double *mean, double *largest) {
    VipsImage *difference = NULL, *absolute = NULL;
    int result = -1;
    if (!vips_subtract(a, b, &difference, NULL) && !vips_abs(difference, &absolute, NULL) &&
        !vips_avg(absolute, mean, NULL) && !vips_max(absolute, largest, NULL))
        result = 0;
    if (difference) g_object_unref(difference);
    if (absolute) g_object_unref(absolute);
    return result;
}
