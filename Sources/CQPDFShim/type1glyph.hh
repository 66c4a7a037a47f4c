#ifndef CQPDFSHIM_TYPE1GLYPH_HH
#define CQPDFSHIM_TYPE1GLYPH_HH

#include "type1program.hh"

#include <cstddef>
#include <string>
#include <vector>

/* The Type 1 to CFF conversion (type1.hh), second stage: each glyph's charstring run as FreeType's
 * Type 1 decoder runs it (subroutines inlined, flex and hint replacement through the standard
 * OtherSubrs 0-3, div, seac), giving absolute outline points and hint sets. */

namespace type1 {

struct Stem {
    double position, width;
    bool operator<(const Stem &o) const { return position != o.position ? position < o.position : width < o.width; }
    bool operator==(const Stem &o) const { return position == o.position && width == o.width; }
};

struct HintSet {
    std::vector<Stem> horizontal, vertical;
};

struct Segment {
    enum Kind { Move, Line, Curve, Flex, Mask } kind;
    double p[12];
    double depth;  // Flex: the flex height in 1/100 device pixel
    size_t hints;  // Mask: the hint set from here on
};

struct Glyph {
    double width = 0;
    std::vector<HintSet> hints{HintSet{}};
    std::vector<Segment> path;
    bool seac = false;
    double seacArgs[4] = {0, 0, 0, 0}; // adx ady bchar achar, as Type 2's endchar takes them
};

// The glyphs of `font` whose charstrings are given, in that order (nullptr: an empty glyph, for a
// .notdef the program lacks). Throws Failure at the first glyph this does not run exactly, or
// when the font as a whole runs too long or holds too many segments.
std::vector<Glyph> runGlyphs(const Font &font, const std::vector<const std::string *> &charstrings);

} // namespace type1

#endif
