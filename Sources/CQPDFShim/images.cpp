#define POINTERHOLDER_TRANSITION 4 /* qpdf 11: std::shared_ptr, no PointerHolder */
#include "internal.hh"
#include "boundedcollector.hh"
#include "flate.hh"

#include <qpdf/Buffer.hh>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <vips/vips.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

/* The lossy pass (SPEC §12): every raster image placed on a page is decoded, downsampled to the
 * asked resolution at the largest size it is shown anywhere (never enlarged) and encoded again
 * by libvips: JPEG for photographs, flate for the rest. Only images this can do exactly are
 * touched: 8 bits per component, grey or RGB (device or ICC-based), no /Decode array, no colour
 * key /Mask, not an image mask. A soft mask is its own image and may keep its own size. An
 * image whose placement cannot be known for certain (a content stream that does not parse, or
 * one not reached from a page) is left as it is: it could be shown larger than we saw. */

namespace {

struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;

    // `this` then `outer`: PDF's `cm` makes the CTM M × CTM (row vectors).
    Matrix then(const Matrix &outer) const {
        return Matrix{a * outer.a + b * outer.c, a * outer.b + b * outer.d, c * outer.a + d * outer.c,
                      c * outer.b + d * outer.d, e * outer.a + f * outer.c + outer.e, e * outer.b + f * outer.d + outer.f};
    }
};

bool matrixFrom(std::vector<QPDFObjectHandle> values, size_t first, Matrix &out) {
    double v[6];
    for (size_t i = 0; i < 6; i++) {
        if (first + i >= values.size() || !values[first + i].isNumber())
            return false;
        v[i] = values[first + i].getNumericValue();
        if (!std::isfinite(v[i]))
            return false;
    }
    out = Matrix{v[0], v[1], v[2], v[3], v[4], v[5]};
    return true;
}

// The largest size (in points) each image is drawn at, over every page.
struct Placements {
    std::map<QPDFObjGen, std::pair<double, double>> shown;
    std::set<QPDFObjGen> uncertain;

    void record(QPDFObjGen image, const Matrix &ctm) {
        double width = std::hypot(ctm.a, ctm.b), height = std::hypot(ctm.c, ctm.d);
        auto &size = shown[image];
        size.first = std::max(size.first, width);
        size.second = std::max(size.second, height);
    }

    // Every image a resource dictionary (and its forms, to `depth`) can reach: what a content
    // stream that did not parse may have shown at any size.
    void distrust(QPDFObjectHandle resources, int depth) {
        if (depth > 12 || !resources.isDictionary())
            return;
        auto xobjects = resources.getKey("/XObject");
        if (!xobjects.isDictionary())
            return;
        for (auto const &key : xobjects.getKeys()) {
            auto object = xobjects.getKey(key);
            if (!object.isStream())
                continue;
            auto subtype = object.getDict().getKey("/Subtype");
            if (subtype.isNameAndEquals("/Image") && object.isIndirect())
                uncertain.insert(object.getObjGen());
            else if (subtype.isNameAndEquals("/Form"))
                distrust(object.getDict().getKey("/Resources"), depth + 1);
        }
    }
};

class ContentWalker : public QPDFObjectHandle::ParserCallbacks {
  public:
    ContentWalker(Placements &placements, QPDFObjectHandle resources, Matrix ctm, int depth, std::set<QPDFObjGen> &open)
        : placements(placements), resources(resources), ctm(ctm), depth(depth), open(open) {}

    void handleObject(QPDFObjectHandle object) override {
        if (!object.isOperator()) {
            operands.push_back(object);
            if (operands.size() > 32)
                operands.erase(operands.begin());
            return;
        }
        auto op = object.getOperatorValue();
        if (op == "q") {
            if (saved.size() < 10000)
                saved.push_back(ctm);
        } else if (op == "Q") {
            if (!saved.empty()) {
                ctm = saved.back();
                saved.pop_back();
            }
        } else if (op == "cm") {
            Matrix m;
            if (operands.size() >= 6 && matrixFrom(operands, operands.size() - 6, m))
                ctm = m.then(ctm);
        } else if (op == "Do" && !operands.empty() && operands.back().isName()) {
            draw(operands.back().getName());
        }
        operands.clear();
    }

    void handleEOF() override {}

  private:
    void draw(std::string const &name) {
        auto xobjects = resources.isDictionary() ? resources.getKey("/XObject") : QPDFObjectHandle::newNull();
        if (!xobjects.isDictionary())
            return;
        auto object = xobjects.getKey(name);
        if (!object.isStream())
            return;
        auto dict = object.getDict();
        auto subtype = dict.getKey("/Subtype");
        if (subtype.isNameAndEquals("/Image")) {
            if (object.isIndirect())
                placements.record(object.getObjGen(), ctm);
        } else if (subtype.isNameAndEquals("/Form")) {
            auto key = object.getObjGen();
            auto inner = dict.getKey("/Resources");
            if (!inner.isDictionary())
                inner = resources; // a form without resources uses its page's
            if (depth >= 12 || open.count(key)) {
                placements.distrust(inner, 0); // too deep or drawn inside itself: not followed
                return;
            }
            Matrix form;
            if (!matrixFrom(dict.getKey("/Matrix").isArray() ? dict.getKey("/Matrix").getArrayAsVector()
                                                             : std::vector<QPDFObjectHandle>{},
                            0, form))
                form = Matrix{};
            open.insert(key);
            ContentWalker walker(placements, inner, form.then(ctm), depth + 1, open);
            try {
                object.parseAsContents(&walker);
            } catch (std::exception const &) {
                placements.distrust(inner, 0);
            }
            open.erase(key);
        }
    }

    Placements &placements;
    QPDFObjectHandle resources;
    Matrix ctm;
    int depth;
    std::set<QPDFObjGen> &open;
    std::vector<QPDFObjectHandle> operands;
    std::vector<Matrix> saved;
};

// Bands of an image's colour space this pass can re-encode exactly, or 0.
int bandsOf(QPDFObjectHandle space) {
    if (space.isNameAndEquals("/DeviceRGB") || space.isNameAndEquals("/CalRGB"))
        return 3;
    if (space.isNameAndEquals("/DeviceGray") || space.isNameAndEquals("/CalGray"))
        return 1;
    if (space.isArray() && space.getArrayNItems() == 2 && space.getArrayItem(0).isNameAndEquals("/ICCBased")) {
        auto profile = space.getArrayItem(1);
        if (profile.isStream()) {
            auto n = profile.getDict().getKey("/N");
            if (n.isInteger() && (n.getIntValue() == 1 || n.getIntValue() == 3))
                return static_cast<int>(n.getIntValue());
        }
    }
    if (space.isArray() && space.getArrayNItems() == 2 &&
        (space.getArrayItem(0).isNameAndEquals("/CalRGB") || space.getArrayItem(0).isNameAndEquals("/CalGray")))
        return space.getArrayItem(0).isNameAndEquals("/CalRGB") ? 3 : 1;
    return 0;
}

// The one filter of a stream (a name, or an array of one name), or "" for none, "?" for more.
std::string filterOf(QPDFObjectHandle dict) {
    auto filter = dict.getKey("/Filter");
    if (filter.isNull())
        return "";
    if (filter.isName())
        return filter.getName();
    if (filter.isArray() && filter.getArrayNItems() == 1 && filter.getArrayItem(0).isName())
        return filter.getArrayItem(0).getName();
    if (filter.isArray() && filter.getArrayNItems() == 0)
        return "";
    return "?";
}

// Whether an image reads as a photograph: many distinct colours in a nearest-neighbour sample.
// Line art, screenshots and charts have few and must not get JPEG's ringing.
bool isPhotographic(VipsImage *image) {
    VipsImage *sample = nullptr;
    double scale = std::min(1.0, 128.0 / std::max(image->Xsize, image->Ysize));
    if (vips_resize(image, &sample, scale, "kernel", VIPS_KERNEL_NEAREST, NULL))
        return false;
    size_t size = 0;
    auto *pixels = static_cast<unsigned char *>(vips_image_write_to_memory(sample, &size));
    int bands = sample->Bands;
    g_object_unref(sample);
    if (!pixels)
        return false;
    std::set<unsigned int> colours;
    for (size_t i = 0; i + bands <= size && colours.size() <= 4096; i += bands) {
        unsigned int value = 0;
        for (int b = 0; b < bands; b++)
            value = (value << 8) | pixels[i + b];
        colours.insert(value);
    }
    g_free(pixels);
    return colours.size() > (bands == 1 ? 64u : 1024u);
}

// Below this, downsampling loses what the image is for. The smaller image enlarged back to the
// original's size is compared with it: photographs score 36-65 dB at the pass's usual factors
// (the sample brochures' photos 36-37, a smooth one 65), a bar chart 30, a page of text scanned
// at 300 dpi and halved 21-22, its glyph edges blurred. Under the 35 dB the pass keeps for pages
// (issue 25, measured at 100 dpi), an image keeps its resolution. A page that is mostly white
// scores high however blurred its few lines are, so the bound is not lower.
double const keptDetailPSNR = 35.0;

// The PSNR (dB) of `original` against `smaller` enlarged back to its size; infinity when they are
// equal, 0 when it cannot be measured (then the image keeps its resolution). Both are read into
// memory and compared here: a chain of vips operations to the same end costs a few milliseconds
// an image in set-up, which a PCLm page's 415 strips turn into seconds.
double roundTripPSNR(VipsImage *original, VipsImage *smaller) {
    VipsImage *back = nullptr;
    if (vips_resize(smaller, &back, static_cast<double>(original->Xsize) / smaller->Xsize, "vscale",
                    static_cast<double>(original->Ysize) / smaller->Ysize, NULL)) {
        vips_error_clear();
        return 0;
    }
    size_t originalSize = 0, backSize = 0;
    auto *a = static_cast<unsigned char *>(vips_image_write_to_memory(original, &originalSize));
    auto *b = static_cast<unsigned char *>(vips_image_write_to_memory(back, &backSize));
    int w = std::min(original->Xsize, back->Xsize), h = std::min(original->Ysize, back->Ysize), bands = original->Bands;
    size_t strideA = static_cast<size_t>(original->Xsize) * bands, strideB = static_cast<size_t>(back->Xsize) * bands;
    bool readable = a && b && back->Bands == bands && back->BandFmt == VIPS_FORMAT_UCHAR && original->BandFmt == VIPS_FORMAT_UCHAR &&
                    originalSize >= strideA * original->Ysize && backSize >= strideB * back->Ysize;
    g_object_unref(back);
    double sum = 0;
    if (readable) {
        for (int y = 0; y < h; y++) {
            const unsigned char *rowA = a + y * strideA, *rowB = b + y * strideB;
            long long row = 0;
            for (size_t i = 0; i < static_cast<size_t>(w) * bands; i++) {
                int d = rowA[i] - rowB[i];
                row += d * d;
            }
            sum += static_cast<double>(row);
        }
    }
    g_free(a);
    g_free(b);
    if (!readable) {
        vips_error_clear();
        return 0;
    }
    double mean = sum / (static_cast<double>(w) * h * bands);
    return mean == 0 ? INFINITY : 10 * std::log10(255.0 * 255.0 / mean);
}

// An image the pass set out to re-encode but could not (damaged data, a bomb stopped at its
// promised size, or an allocation refused under the worker's memory limit): kept, and counted.
bool keptAfterFailure(ip_pdf_info *info) {
    vips_error_clear();
    info->images_failed++;
    return false;
}

// Re-encodes one image; returns whether it was replaced (only when smaller).
bool recompress(QPDFObjectHandle image, std::pair<double, double> shown, int dpi, int quality, long long maxPixels,
                ip_pdf_info *info) {
    auto dict = image.getDict();
    if (dict.getKey("/ImageMask").isBool() && dict.getKey("/ImageMask").getBoolValue())
        return false;
    // A colour-key /Mask needs exact sample values, which JPEG does not keep; but where a soft
    // mask is given, readers ignore /Mask (ISO 32000-1, 8.9.5.4 and 11.6.5.2), so it goes.
    bool softMasked = dict.getKey("/SMask").isStream();
    if ((!dict.getKey("/Mask").isNull() && !softMasked) || !dict.getKey("/Decode").isNull())
        return false;
    auto bpc = dict.getKey("/BitsPerComponent"), widthValue = dict.getKey("/Width"), heightValue = dict.getKey("/Height");
    if (!bpc.isInteger() || bpc.getIntValue() != 8 || !widthValue.isInteger() || !heightValue.isInteger())
        return false;
    long long width = widthValue.getIntValue(), height = heightValue.getIntValue();
    // Icons and glyph-like images (under 64 × 64) would save a few bytes and lose their edges.
    if (width * height < 4096 || width * height > maxPixels)
        return false;
    int bands = bandsOf(dict.getKey("/ColorSpace"));
    std::string filter = filterOf(dict);
    if (!bands || filter == "?")
        return false;
    auto raw = image.getRawStreamData();
    size_t before = raw->getSize();
    // Stored in under a kilobyte, an image can save less than that: not worth decoding, resizing
    // and comparing (a PCLm page is 415 strips of 4810 x 16 pixels, 246 bytes each).
    if (before < 1024)
        return false;

    VipsImage *decoded = nullptr;
    std::string samples; // must outlive `decoded` when it wraps them
    bool wasJPEG = filter == "/DCTDecode";
    if (wasJPEG) {
        if (vips_jpegload_buffer(raw->getBuffer(), raw->getSize(), &decoded, "fail_on", VIPS_FAIL_ON_ERROR, NULL))
            return keptAfterFailure(info);
    } else if (filter == "" || filter == "/FlateDecode" || filter == "/LZWDecode" || filter == "/RunLengthDecode" ||
               filter == "/ASCII85Decode" || filter == "/ASCIIHexDecode") {
        size_t expected = static_cast<size_t>(width * height * bands);
        BoundedCollector collector(expected + 4096); // a little slack: some writers pad the last row
        try {
            if (!image.pipeStreamData(&collector, 0, qpdf_dl_generalized, true))
                return keptAfterFailure(info);
        } catch (std::bad_alloc const &) {
            throw;
        } catch (std::exception const &) {
            return keptAfterFailure(info); // undecodable, or a bomb: left as it is
        }
        samples = std::move(collector.bytes);
        if (samples.size() < expected)
            return false;
        decoded = vips_image_new_from_memory(samples.data(), samples.size(), static_cast<int>(width),
                                             static_cast<int>(height), bands, VIPS_FORMAT_UCHAR);
        if (!decoded)
            return keptAfterFailure(info);
    } else {
        return false; // JPX, JBIG2, CCITT: left as they are
    }
    if (decoded->Bands != bands || decoded->Xsize != width || decoded->Ysize != height || decoded->BandFmt != VIPS_FORMAT_UCHAR) {
        g_object_unref(decoded);
        return false;
    }
    // The size it needs: its largest placement at `dpi`, never more than it has.
    long long targetWidth = std::llround(std::ceil(shown.first / 72.0 * dpi));
    long long targetHeight = std::llround(std::ceil(shown.second / 72.0 * dpi));
    double scale = std::max(static_cast<double>(targetWidth) / width, static_cast<double>(targetHeight) / height);
    VipsImage *sized = decoded;
    long long newWidth = width, newHeight = height;
    if (scale < 0.95) {
        newWidth = std::max(1LL, std::llround(width * scale));
        newHeight = std::max(1LL, std::llround(height * scale));
        VipsImage *resized = nullptr;
        if (vips_resize(decoded, &resized, static_cast<double>(newWidth) / width, "vscale",
                        static_cast<double>(newHeight) / height, NULL)) {
            g_object_unref(decoded);
            return keptAfterFailure(info);
        }
        // Computed once, for the comparison and the encoder both.
        sized = vips_image_copy_memory(resized);
        g_object_unref(resized);
        if (!sized) {
            g_object_unref(decoded);
            return keptAfterFailure(info);
        }
        if (roundTripPSNR(decoded, sized) < keptDetailPSNR) {
            // Fine detail (a scanned page's glyph edges) that the smaller image would lose:
            // the image keeps its resolution and is only re-encoded.
            g_object_unref(sized);
            sized = decoded;
            newWidth = width;
            newHeight = height;
            info->images_kept_sharp++;
        } else {
            g_object_unref(decoded);
        }
    }
    VipsImage *copy = nullptr;
    if (vips_copy(sized, &copy, "interpretation", bands == 1 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB, NULL)) {
        g_object_unref(sized);
        return keptAfterFailure(info);
    }
    g_object_unref(sized);
    std::string encoded;
    std::string newFilter;
    bool photographic = wasJPEG || isPhotographic(copy);
    if (!photographic && newWidth == width && newHeight == height) {
        // Flate of the same pixels is what the lossless pass writes anyway (it recompresses every
        // decodable stream at level 9): compressing it here too only costs time (a PCLm page's
        // 415 strips kept sharp: 95 MB at level 9).
        g_object_unref(copy);
        return false;
    }
    if (photographic) {
        void *buffer = nullptr;
        size_t length = 0;
        if (vips_jpegsave_buffer(copy, &buffer, &length, "Q", quality, "optimize_coding", TRUE, "strip", TRUE, NULL)) {
            g_object_unref(copy);
            return keptAfterFailure(info);
        }
        encoded.assign(static_cast<char *>(buffer), length);
        g_free(buffer);
        newFilter = "/DCTDecode";
    } else {
        size_t length = 0;
        auto *pixels = static_cast<unsigned char *>(vips_image_write_to_memory(copy, &length));
        if (!pixels) {
            g_object_unref(copy);
            return keptAfterFailure(info);
        }
        bool deflated = deflateBest(pixels, length, encoded);
        g_free(pixels);
        if (!deflated) {
            g_object_unref(copy);
            return keptAfterFailure(info);
        }
        newFilter = "/FlateDecode";
    }
    g_object_unref(copy);
    if (encoded.size() >= before)
        return false; // it would not get smaller: left as it was
    image.replaceStreamData(encoded, QPDFObjectHandle::newName(newFilter), QPDFObjectHandle::newNull());
    dict.replaceKey("/Width", QPDFObjectHandle::newInteger(newWidth));
    dict.replaceKey("/Height", QPDFObjectHandle::newInteger(newHeight));
    dict.removeKey("/DecodeParms");
    if (softMasked)
        dict.removeKey("/Mask");
    info->images_recompressed++;
    if (newWidth < width)
        info->images_downsampled++;
    info->image_bytes_before += static_cast<long long>(before);
    info->image_bytes_after += static_cast<long long>(encoded.size());
    return true;
}

// Images drawn by a page's patterns and by its annotations' appearances are not measured:
// they are left as they are, wherever else they are shown.
void distrustUnmeasured(QPDFPageObjectHelper &page, QPDFObjectHandle resources, Placements &placements) {
    auto patterns = resources.isDictionary() ? resources.getKey("/Pattern") : QPDFObjectHandle::newNull();
    if (patterns.isDictionary()) {
        for (auto const &key : patterns.getKeys()) {
            auto pattern = patterns.getKey(key);
            if (pattern.isStream())
                placements.distrust(pattern.getDict().getKey("/Resources"), 0);
        }
    }
    auto annotations = page.getObjectHandle().getKey("/Annots");
    if (!annotations.isArray())
        return;
    for (auto &annotation : annotations.getArrayAsVector()) {
        auto appearances = annotation.isDictionary() ? annotation.getKey("/AP") : QPDFObjectHandle::newNull();
        if (!appearances.isDictionary())
            continue;
        for (auto const &kind : appearances.getKeys()) {
            // An appearance is a stream, or a dictionary of streams by state.
            auto appearance = appearances.getKey(kind);
            auto states = appearance.isDictionary() ? appearance.getDictAsMap() : std::map<std::string, QPDFObjectHandle>{{"", appearance}};
            for (auto &state : states)
                if (state.second.isStream())
                    placements.distrust(state.second.getDict().getKey("/Resources"), 0);
        }
    }
}

} // namespace


void ip_pdf_recompress_images(QPDF &pdf, int dpi, int quality, long long maxPixels, ip_pdf_info *info) {
    Placements placements;
    std::set<QPDFObjGen> open;
    for (auto &page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        auto resources = page.getAttribute("/Resources", false);
        distrustUnmeasured(page, resources, placements);
        ContentWalker walker(placements, resources, Matrix{}, 0, open);
        try {
            page.parseContents(&walker);
        } catch (std::exception const &) {
            placements.distrust(resources, 0);
        }
    }
    for (auto const &entry : placements.shown) {
        if (placements.uncertain.count(entry.first))
            continue;
        auto image = pdf.getObjectByObjGen(entry.first);
        if (!image.isStream())
            continue;
        try {
            recompress(image, entry.second, dpi, quality, maxPixels, info);
        } catch (std::bad_alloc const &) {
            throw; // the memory limit: the whole document fails, saying so
        } catch (std::exception const &) {
            // An image qpdf cannot read is left as it is; the lossless pass reports damage.
            info->images_failed++;
        }
    }
}
