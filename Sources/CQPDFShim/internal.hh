#ifndef CQPDFSHIM_INTERNAL_HH
#define CQPDFSHIM_INTERNAL_HH

#include "CQPDFShim.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

/* The lossy pass over `pdf`'s placed images (images.cpp); counts go to `info`. libvips must
 * have been started. */
void ip_pdf_recompress_images(QPDF &pdf, int dpi, int quality, long long max_pixels, ip_pdf_info *info);

#endif
