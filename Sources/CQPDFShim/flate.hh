#ifndef CQPDFSHIM_FLATE_HH
#define CQPDFSHIM_FLATE_HH

#include <zlib.h>

#include <cstddef>
#include <string>

// `bytes` deflated at level 9 as a PDF /FlateDecode stream holds them (zlib format) into `out`;
// false when zlib fails. The lossy pass's line-art images (images.cpp) and its comparison of a
// font program with its CFF form (fonts.cpp).
inline bool deflateBest(const unsigned char *bytes, size_t size, std::string &out) {
    uLongf bound = compressBound(static_cast<uLong>(size));
    out.resize(bound);
    if (compress2(reinterpret_cast<Bytef *>(&out[0]), &bound, bytes, static_cast<uLong>(size), 9) != Z_OK)
        return false;
    out.resize(bound);
    return true;
}

#endif
