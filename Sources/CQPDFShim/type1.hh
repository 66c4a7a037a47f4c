#ifndef CQPDFSHIM_TYPE1_HH
#define CQPDFSHIM_TYPE1_HH

#include <cstddef>
#include <string>

/* A Type 1 font program as PDF embeds it (/FontFile: the clear-text part of `length1` bytes, then
 * the eexec-encrypted part of `length2` bytes, binary or hexadecimal, then zeros) rewritten as a
 * bare CFF font (/FontFile3 /Subtype /Type1C) with the same glyph outlines, advance widths,
 * built-in encoding, glyph names, font matrix and hints. Pure: bytes in, bytes out.
 *
 * The Type 1 charstrings are run as FreeType runs them (subroutines inlined, flex and hint
 * replacement through the standard OtherSubrs 0-3, `div`, `seac`) and written as Type 2
 * charstrings. The eexec cipher is what made the font incompressible: its CFF form deflates to
 * about a third. Anything this does not convert exactly (multiple-master OtherSubrs, `sbw` with
 * a vertical advance, a stroked font, more than 23 stems in a direction, a program that does
 * not parse) returns false with the reason in `why`, and the caller keeps the font as it was. */
bool ip_type1_to_cff(const std::string &program, size_t length1, size_t length2, std::string &cff, std::string &why);

#endif
