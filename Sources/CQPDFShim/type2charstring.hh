#ifndef CQPDFSHIM_TYPE2CHARSTRING_HH
#define CQPDFSHIM_TYPE2CHARSTRING_HH

#include "type1glyph.hh"

#include <string>
#include <vector>

/* The Type 1 to CFF conversion (type1.hh), third stage: each glyph written as a Type 2 charstring
 * (Adobe Technical Note #5177): its advance width where it differs from `defaultWidth` (the
 * Private DICT's nominalWidthX is 0), stems declared once and switched by hintmask where the
 * glyph replaced its hints, moves, lines and curves relative, flex kept, seac as endchar's four
 * arguments. Throws Failure for what Type 2 cannot hold. */

namespace type1 {

std::vector<std::string> writeCharstrings(const std::vector<Glyph> &glyphs, double defaultWidth);

} // namespace type1

#endif
