#ifndef CQPDFSHIM_H
#define CQPDFSHIM_H

#include <stddef.h>

/* A C face on qpdf (C++, Debian's libqpdf-dev 11.3) for PDF sources: what a document is, and
 * its lossless rewrite. Nothing here throws: every qpdf exception becomes a code and a message. */

#ifdef __cplusplus
extern "C" {
#endif

enum {
    IP_PDF_OK = 0,
    IP_PDF_CORRUPT = 1,     /* not a PDF qpdf can read, even with recovery */
    IP_PDF_ENCRYPTED = 2,   /* needs a password (the empty user password did not open it) */
    IP_PDF_TOO_MANY_PAGES = 3,
    IP_PDF_WRITE_FAILED = 4,
    IP_PDF_OUT_OF_MEMORY = 5, /* an allocation failed: the process's memory limit was reached */
};

/* What a PDF is. */
typedef struct {
    int pages;
    int encrypted;          /* encrypted, opened with the empty user password */
    int is_signed;          /* a signature field holds a signature */
    int repaired;           /* qpdf had to recover damage to read it */
    int images;             /* image XObjects (each object once) */
    int duplicates_shared;  /* streams that were byte-identical to another and now refer to it */
    int images_recompressed;    /* images the lossy pass replaced (each smaller than before) */
    int images_downsampled;     /* of those, the ones made smaller in pixels */
    int images_failed;          /* images the lossy pass could not decode or encode (damaged, or memory), kept */
    int images_kept_sharp;      /* images whose detail downsampling would lose (text scans): re-encoded at their own resolution */
    long long image_bytes_before;   /* their stored bytes before */
    long long image_bytes_after;    /* and after */
    int fonts_converted;        /* Type 1 font programs the lossy pass rewrote as CFF */
    long long font_bytes_before;    /* their program bytes before (decoded) */
    long long font_bytes_after;     /* and after */
} ip_pdf_info;

/* How the lossless rewrite treats the document. */
typedef struct {
    int strip_metadata;     /* drop the document's XMP (/Root /Metadata) and /Info dictionary */
    int max_pages;          /* refuse documents with more pages (IP_PDF_TOO_MANY_PAGES) */
    int image_dpi;          /* > 0: the lossy pass, placed images downsampled to this resolution */
    int image_quality;      /* JPEG quality of the lossy pass's photographs */
    long long max_image_pixels; /* images larger than this are left as they are */
} ip_pdf_options;

/* Reads `path` and fills `info` (duplicates_shared stays 0). Returns an IP_PDF_ code; on failure
 * `message` (of `size` bytes) says what qpdf said. */
int ip_pdf_inspect(const char *path, int max_pages, ip_pdf_info *info, char *message, size_t size);

/* Rewrites `in` to `out`: with `image_dpi` 0, without changing what any page shows (object
 * streams, every stream that can be decoded recompressed with flate at level 9, byte-identical
 * streams stored once, unreferenced objects dropped, the encryption kept as it was); with
 * `image_dpi` > 0, the placed images are first downsampled and re-encoded by libvips (which
 * must have been started) and embedded Type 1 fonts are rewritten as CFF (the same glyphs). */
int ip_pdf_rewrite(const char *in, const char *out, const ip_pdf_options *options, ip_pdf_info *info,
                   char *message, size_t size);

#ifdef __cplusplus
}
#endif

#endif
