#ifndef CQPDFSHIM_TYPE1PROGRAM_HH
#define CQPDFSHIM_TYPE1PROGRAM_HH

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

/* The Type 1 to CFF conversion (type1.hh), first stage: a font program as PDF embeds it read into
 * its dictionaries and its still-encrypted charstrings. The clear text and the eexec part are read
 * as PostScript tokens, as much of the language as font programs use. */

namespace type1 {

// Anything the conversion does not take: the font is then kept as it was.
struct Failure {
    std::string why;
};

[[noreturn]] inline void fail(const std::string &why) { throw Failure{why}; }

struct Token {
    enum Kind { End, Number, Name, Word, Open, Close, Text, Binary } kind = End;
    std::string text; // the number's digits, the name without '/', the word, the binary bytes
    double number = 0;
};

struct Font {
    std::string name;
    std::vector<Token> matrix, bbox;
    bool standardEncoding = false;
    std::map<int, std::string> encoding;
    std::vector<std::pair<std::string, std::vector<Token>>> privateValues; // CFF's Private keys, in order met
    int lenIV = 4;
    long declaredCharstrings = -1, declaredSubrs = -1; // `/CharStrings n dict`, `/Subrs n array`
    std::map<int, std::string> subrs;
    std::vector<std::pair<std::string, std::string>> charstrings; // in the program's order
};

uint16_t const charstringKey = 4330;

// Type 1's cipher undone from `key` (eexec 55665, charstrings 4330), the first `skip` bytes dropped.
std::string decrypt(const std::string &data, uint16_t key, size_t skip);

// The program's dictionaries and charstrings; throws Failure.
Font readProgram(const std::string &program, size_t length1, size_t length2);

} // namespace type1

#endif
