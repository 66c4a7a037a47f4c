#ifndef CQPDFSHIM_INTERNAL_HH
#define CQPDFSHIM_INTERNAL_HH

#include "CQPDFShim.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

/* The lossy pass over `pdf`'s placed images (images.cpp); counts go to `info`. libvips must
 * have been started. */
void ip_pdf_recompress_images(QPDF &pdf, int dpi, int quality, long long max_pixels, ip_pdf_info *info);

/* The lossy pass over `pdf`'s embedded Type 1 fonts (fonts.cpp): each rewritten as CFF when it
 * converts exactly and comes out smaller. */
void ip_pdf_convert_type1_fonts(QPDF &pdf, ip_pdf_info *info);

#endif
