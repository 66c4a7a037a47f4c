#define POINTERHOLDER_TRANSITION 4 /* qpdf 11: std::shared_ptr, no PointerHolder */
#include "internal.hh"
#include "type1.hh"
#include "boundedcollector.hh"
#include "flate.hh"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <map>
#include <stdexcept>
#include <string>

/* The lossy pass's fonts (SPEC §12): every embedded Type 1 font program (/FontFile) is rewritten
 * as CFF (/FontFile3 /Subtype /Type1C), which holds the same glyphs, names, widths and encoding.
 * A Type 1 program's private part is eexec-encrypted, which flate cannot compress; as CFF the
 * same font deflates to about a fifth (a pdflatex subset of CMR10: 14,120 bytes deflated, 3,025
 * as CFF). This is what Ghostscript's /ebook gains on text documents, without its re-rendering
 * of the rest. A
 * font is changed only when the converter understood all of it and the result is smaller once
 * compressed; the font dictionary (its /Widths, /Encoding, /ToUnicode) is not touched. */

namespace {

// The bytes flate would store: what the writer's level-9 recompression makes of the stream.
size_t deflatedSize(const unsigned char *bytes, size_t size) {
    std::string out;
    return deflateBest(bytes, size, out) ? out.size() : size;
}

size_t lengthKey(QPDFObjectHandle dict, const char *key) {
    auto value = dict.getKey(key);
    if (!value.isInteger() || value.getIntValue() < 0)
        return 0;
    return static_cast<size_t>(value.getIntValue());
}

} // namespace

void ip_pdf_convert_type1_fonts(QPDF &pdf, ip_pdf_info *info) {
    // A font program shared by several descriptors is converted once.
    std::map<QPDFObjGen, QPDFObjectHandle> done;
    for (auto &descriptor : pdf.getAllObjects()) {
        if (!descriptor.isDictionary() || !descriptor.getKey("/Type").isNameAndEquals("/FontDescriptor"))
            continue;
        auto file = descriptor.getKey("/FontFile");
        if (!file.isStream() || !file.isIndirect() || descriptor.hasKey("/FontFile2") || descriptor.hasKey("/FontFile3"))
            continue;
        auto found = done.find(file.getObjGen());
        if (found == done.end()) {
            QPDFObjectHandle replacement = QPDFObjectHandle::newNull();
            try {
                // Read up to a bound (a whole Type 1 font with every glyph is about 150 KB): a font
                // stream that inflates past it is left to the lossless pass, which streams it.
                BoundedCollector collector(16 << 20);
                if (!file.pipeStreamData(&collector, 0, qpdf_dl_generalized, true))
                    throw std::runtime_error("the font stream does not decode");
                std::string const &program = collector.bytes;
                std::string cff, why;
                auto dict = file.getDict();
                if (ip_type1_to_cff(program, lengthKey(dict, "/Length1"), lengthKey(dict, "/Length2"), cff, why) &&
                    deflatedSize(reinterpret_cast<const unsigned char *>(cff.data()), cff.size()) <
                        deflatedSize(reinterpret_cast<const unsigned char *>(program.data()), program.size())) {
                    replacement = QPDFObjectHandle::newStream(&pdf, cff);
                    replacement.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/Type1C"));
                    info->font_bytes_before += static_cast<long long>(program.size());
                    info->font_bytes_after += static_cast<long long>(cff.size());
                    info->fonts_converted++;
                }
            } catch (const std::bad_alloc &) {
                throw;
            } catch (const std::exception &) {
                // A stream that does not decode: the font stays as it is.
            }
            found = done.emplace(file.getObjGen(), replacement).first;
        }
        if (found->second.isNull())
            continue;
        descriptor.replaceKey("/FontFile3", found->second);
        descriptor.removeKey("/FontFile");
    }
}
