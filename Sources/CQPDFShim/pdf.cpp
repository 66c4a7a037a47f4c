#define POINTERHOLDER_TRANSITION 4 /* qpdf 11: std::shared_ptr, no PointerHolder */
#include "internal.hh"

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <new>
#include <cstring>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

void say(char *message, size_t size, const std::string &text) {
    if (message && size)
        std::snprintf(message, size, "%s", text.c_str());
}

// Opens `path` with recovery on and the empty password; warnings are collected, not printed.
// Throws QPDFExc (qpdf's) or std::exception.
std::unique_ptr<QPDF> open(const char *path) {
    auto pdf = std::make_unique<QPDF>();
    pdf->setSuppressWarnings(true);
    pdf->setAttemptRecovery(true);
    pdf->processFile(path, "");
    return pdf;
}

bool isImage(QPDFObjectHandle object) {
    return object.isStream() && object.getDict().getKey("/Subtype").isNameAndEquals("/Image");
}

// Whether a signature field holds a signature (a changed byte anywhere breaks it).
bool isSigned(QPDF &pdf) {
    QPDFAcroFormDocumentHelper form(pdf);
    if (!form.hasAcroForm())
        return false;
    for (auto &field : form.getFormFields()) {
        if (field.getFieldType() == "/Sig" && field.getValue().isDictionary())
            return true;
    }
    return false;
}

int describe(QPDF &pdf, int maxPages, ip_pdf_info *info, char *message, size_t size) {
    *info = ip_pdf_info{};
    info->encrypted = pdf.isEncrypted() ? 1 : 0;
    auto const &pages = pdf.getAllPages();
    info->pages = static_cast<int>(pages.size());
    if (info->pages == 0) {
        // Nothing a reader could show survived qpdf's recovery: writing it would lose the document.
        say(message, size, pdf.anyWarnings() ? "no page can be read, even with its cross-reference table rebuilt" : "it has no pages");
        return IP_PDF_CORRUPT;
    }
    if (maxPages > 0 && info->pages > maxPages) {
        say(message, size, std::to_string(info->pages) + " pages, more than the limit of " + std::to_string(maxPages));
        return IP_PDF_TOO_MANY_PAGES;
    }
    info->is_signed = isSigned(pdf) ? 1 : 0;
    for (auto &object : pdf.getAllObjects()) {
        if (isImage(object))
            info->images++;
    }
    info->repaired = pdf.anyWarnings() ? 1 : 0;
    return IP_PDF_OK;
}

// Replaces, inside `object` and the direct objects it holds, every reference to a key of
// `canonical` by a reference to its value. Indirect objects are not followed: each is visited
// on its own by the caller.
void redirect(QPDFObjectHandle object, const std::map<QPDFObjGen, QPDFObjectHandle> &canonical) {
    auto replacement = [&](QPDFObjectHandle value) -> QPDFObjectHandle const * {
        if (!value.isIndirect())
            return nullptr;
        auto found = canonical.find(value.getObjGen());
        return found == canonical.end() ? nullptr : &found->second;
    };
    if (object.isStream())
        object = object.getDict();
    if (object.isDictionary()) {
        for (auto const &key : object.getKeys()) {
            auto value = object.getKey(key);
            if (auto to = replacement(value))
                object.replaceKey(key, *to);
            else if (!value.isIndirect())
                redirect(value, canonical);
        }
    } else if (object.isArray()) {
        int count = object.getArrayNItems();
        for (int index = 0; index < count; index++) {
            auto value = object.getArrayItem(index);
            if (auto to = replacement(value))
                object.setArrayItem(index, *to);
            else if (!value.isIndirect())
                redirect(value, canonical);
        }
    }
}

// Makes every stream that is byte-identical to an earlier one (its dictionary apart from
// /Length, and its stored bytes) a reference to that one; the writer then drops the copies.
// A second pass catches streams that only differed in which copy they referred to (an image
// and its soft mask, both embedded twice). Returns how many streams were shared.
int shareDuplicates(QPDF &pdf) {
    int shared = 0;
    std::set<QPDFObjGen> gone; // copies already redirected: still in the table until written
    for (int pass = 0; pass < 3; pass++) {
        std::map<std::string, std::vector<QPDFObjectHandle>> byHash;
        std::map<QPDFObjGen, QPDFObjectHandle> canonical;
        for (auto &object : pdf.getAllObjects()) {
            if (!object.isStream() || gone.count(object.getObjGen()))
                continue;
            auto dict = object.getDict().shallowCopy();
            dict.removeKey("/Length");
            auto data = object.getRawStreamData();
            std::string_view bytes(reinterpret_cast<char const *>(data->getBuffer()), data->getSize());
            std::string key = dict.unparse() + "#" + std::to_string(std::hash<std::string_view>{}(bytes)) + "#" +
                              std::to_string(bytes.size());
            auto &candidates = byHash[key];
            QPDFObjectHandle *same = nullptr;
            for (auto &candidate : candidates) {
                auto other = candidate.getRawStreamData();
                if (other->getSize() == data->getSize() &&
                    std::memcmp(other->getBuffer(), data->getBuffer(), data->getSize()) == 0) {
                    same = &candidate;
                    break;
                }
            }
            if (same)
                canonical.emplace(object.getObjGen(), *same);
            else
                candidates.push_back(object);
        }
        if (canonical.empty())
            break;
        shared += static_cast<int>(canonical.size());
        for (auto const &entry : canonical)
            gone.insert(entry.first);
        redirect(pdf.getTrailer(), canonical);
        for (auto &object : pdf.getAllObjects())
            redirect(object, canonical);
    }
    return shared;
}

int failure(const QPDFExc &error, char *message, size_t size) {
    say(message, size, error.getMessageDetail().empty() ? error.what() : error.getMessageDetail());
    return error.getErrorCode() == qpdf_e_password ? IP_PDF_ENCRYPTED : IP_PDF_CORRUPT;
}

int inspectDocument(const char *path, int max_pages, ip_pdf_info *info, char *message, size_t size) {
    try {
        auto pdf = open(path);
        return describe(*pdf, max_pages, info, message, size);
    } catch (const std::bad_alloc &) {
        say(message, size, "out of memory");
        return IP_PDF_OUT_OF_MEMORY;
    } catch (const QPDFExc &error) {
        return failure(error, message, size);
    } catch (const std::exception &error) {
        say(message, size, error.what());
        return IP_PDF_CORRUPT;
    }
}

int rewriteDocument(const char *in, const char *out, const ip_pdf_options *options, ip_pdf_info *info,
                    char *message, size_t size) {
    std::unique_ptr<QPDF> pdf;
    try {
        pdf = open(in);
        int status = describe(*pdf, options->max_pages, info, message, size);
        if (status != IP_PDF_OK)
            return status;
        if (options->image_dpi > 0) {
            ip_pdf_recompress_images(*pdf, options->image_dpi, options->image_quality, options->max_image_pixels, info);
            ip_pdf_convert_type1_fonts(*pdf, info);
        }
        info->duplicates_shared = shareDuplicates(*pdf);
        if (options->strip_metadata) {
            pdf->getRoot().removeKey("/Metadata");
            pdf->getTrailer().removeKey("/Info");
            // Editors' private data (/PieceInfo: undo history, their own copy of an image) is
            // for the application that wrote it; no reader draws it (ISO 32000-1, 14.5).
            pdf->getRoot().removeKey("/PieceInfo");
            for (auto &page : QPDFPageDocumentHelper(*pdf).getAllPages())
                page.getObjectHandle().removeKey("/PieceInfo");
        }
    } catch (const std::bad_alloc &) {
        say(message, size, "out of memory");
        return IP_PDF_OUT_OF_MEMORY;
    } catch (const QPDFExc &error) {
        return failure(error, message, size);
    } catch (const std::exception &error) {
        say(message, size, error.what());
        return IP_PDF_CORRUPT;
    }
    try {
        Pl_Flate::setCompressionLevel(9);
        QPDFWriter writer(*pdf, out);
        writer.setObjectStreamMode(qpdf_o_generate);
        writer.setCompressStreams(true);
        // The decode level stays the writer's default (generalized: flate, LZW, ASCII filters are
        // undone and redone); setting it explicitly counts as prefiltering and drops encryption.
        writer.setRecompressFlate(true);
        // The same source and settings give the same bytes (the trailer's /ID from the content,
        // not the clock), as every image output does. An encrypted document keeps its own /ID,
        // which its key is derived from (qpdf refuses a content-made one there).
        if (!pdf->isEncrypted())
            writer.setDeterministicID(true);
        writer.write();
        if (pdf->anyWarnings())
            info->repaired = 1;
        return IP_PDF_OK;
    } catch (const std::bad_alloc &) {
        say(message, size, "out of memory");
        std::remove(out);
        return IP_PDF_OUT_OF_MEMORY;
    } catch (const std::exception &error) {
        say(message, size, error.what());
        std::remove(out);
        return IP_PDF_WRITE_FAILED;
    }
}

// Whether an allocation failed since the flag was last cleared. qpdf catches exceptions while
// it reads a damaged file and tries to recover, so a std::bad_alloc under the worker's memory
// limit could come out as "damaged" (or as a document with parts missing): any failed
// allocation during a call fails the document as out of memory instead.
std::atomic<bool> allocationFailed{false};

template <typename Work> int guarded(Work work, const char *out, char *message, size_t size) {
    allocationFailed = false;
    int status = work();
    if (allocationFailed) {
        say(message, size, "out of memory");
        if (out)
            std::remove(out);
        return IP_PDF_OUT_OF_MEMORY;
    }
    return status;
}

} // namespace

// Every C++ allocation of the process comes here (libstdc++'s array and nothrow forms call it);
// as the standard one, but a failure is noted before std::bad_alloc is thrown.
void *operator new(std::size_t size) {
    if (size == 0)
        size = 1;
    for (;;) {
        if (void *memory = std::malloc(size))
            return memory;
        std::new_handler handler = std::get_new_handler();
        if (!handler) {
            allocationFailed = true;
            throw std::bad_alloc();
        }
        handler();
    }
}

extern "C" int ip_pdf_inspect(const char *path, int max_pages, ip_pdf_info *info, char *message, size_t size) {
    return guarded([&] { return inspectDocument(path, max_pages, info, message, size); }, nullptr, message, size);
}

extern "C" int ip_pdf_rewrite(const char *in, const char *out, const ip_pdf_options *options, ip_pdf_info *info,
                              char *message, size_t size) {
    return guarded([&] { return rewriteDocument(in, out, options, info, message, size); }, out, message, size);
}
