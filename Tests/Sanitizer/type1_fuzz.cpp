// The PDF lossy pass's Type 1 -> CFF converter (Sources/CQPDFShim/type1.cpp) under AddressSanitizer
// and UBSan, on damaged fonts: for each of a few URW base fonts (Debian's fonts-urw-base35), the
// intact program must convert, and programs with random bytes of their decrypted private part
// changed (then encrypted again, so the damage reaches the parser and the charstring interpreter),
// cut short at random, or with a random /Length1 must each convert or be refused: never a crash,
// an out-of-bounds read or undefined behaviour. Deterministic (a fixed seed).
//
//     scripts/sanitize-reduce builds and runs it.
#include "type1.hh"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace {

std::string crypt(const std::string &data, uint16_t key, bool decrypting) {
    std::string out;
    uint16_t r = key;
    for (unsigned char c : data) {
        unsigned char result = static_cast<unsigned char>(c ^ (r >> 8));
        out.push_back(static_cast<char>(result));
        r = static_cast<uint16_t>(((decrypting ? c : result) + r) * 52845u + 22719u);
    }
    return out;
}

// A PFB's parts as PDF embeds them: clear text, then the encrypted part.
bool readPFB(const char *path, std::string &clear, std::string &binary) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string data = buffer.str();
    size_t at = 0;
    while (at + 6 <= data.size() && static_cast<unsigned char>(data[at]) == 0x80 && (data[at + 1] == 1 || data[at + 1] == 2)) {
        size_t size = static_cast<unsigned char>(data[at + 2]) | static_cast<unsigned char>(data[at + 3]) << 8 |
                      static_cast<unsigned char>(data[at + 4]) << 16 | static_cast<size_t>(static_cast<unsigned char>(data[at + 5])) << 24;
        if (at + 6 + size > data.size())
            return false;
        (data[at + 1] == 2 ? binary : (binary.empty() ? clear : binary)) += data.substr(at + 6, size);
        at += 6 + size;
    }
    return !clear.empty() && !binary.empty();
}

} // namespace

int main() {
    const char *fonts[] = {"NimbusRoman-Regular", "NimbusSans-BoldItalic", "StandardSymbolsPS", "D050000L", "Z003-MediumItalic"};
    std::mt19937 random(20261207);
    int converted = 0, refused = 0, runs = 0;
    for (const char *name : fonts) {
        std::string path = std::string("/usr/share/fonts/X11/Type1/") + name + ".pfb", clear, binary;
        if (!readPFB(path.c_str(), clear, binary)) {
            std::fprintf(stderr, "%s: not readable (fonts-urw-base35 is installed by scripts/install-deps --tests)\n", path.c_str());
            return 1;
        }
        std::string cff, why;
        if (!ip_type1_to_cff(clear + binary, clear.size(), binary.size(), cff, why)) {
            std::fprintf(stderr, "%s: the intact font was refused: %s\n", name, why.c_str());
            return 1;
        }
        std::string plain = crypt(binary, 55665, true);
        for (int round = 0; round < 120; round++) {
            std::string program, damaged = plain;
            size_t length1 = clear.size();
            switch (round % 4) {
            case 0:
            case 1: { // bytes of the private part changed: 1 to 64 of them
                int count = 1 + static_cast<int>(random() % 64);
                for (int k = 0; k < count; k++)
                    damaged[4 + random() % (damaged.size() - 4)] = static_cast<char>(random() % 256);
                program = clear + crypt(damaged, 55665, false);
                break;
            }
            case 2: // cut short
                program = clear + binary.substr(0, random() % binary.size());
                break;
            default: // a wrong /Length1, and a few bytes of the clear text changed
                program = clear + binary;
                length1 = random() % (program.size() + 100);
                for (int k = 0; k < 4; k++)
                    program[random() % clear.size()] = static_cast<char>(random() % 256);
            }
            cff.clear();
            if (ip_type1_to_cff(program, length1, binary.size(), cff, why))
                converted++;
            else
                refused++;
            runs++;
        }
    }
    std::printf("type1 fuzz: %d damaged programs, %d converted, %d refused, no fault\n", runs, converted, refused);
    return 0;
}
