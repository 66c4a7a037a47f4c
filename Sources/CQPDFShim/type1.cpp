#include "type1.hh"
#include "cffstrings.hh"
#include "type1glyph.hh"
#include "type1program.hh"
#include "type2charstring.hh"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

/* Type 1 (Adobe Type 1 Font Format, 1990) to CFF (Technical Note #5176) with Type 2 charstrings
 * (#5177). See type1.hh. Four stages, one direction: the program read (type1program), its glyphs
 * run (type1glyph), written as Type 2 charstrings (type2charstring), and the CFF assembled here.
 * Every limit in them makes a hostile font a refusal, never a crash: the font is then kept as it
 * was. */

namespace {

using namespace type1;

// A DICT operand (TN 5176, 4): integers as integers, anything else as a real in nibbles.
void dictNumber(std::string &out, const std::string &text, double value) {
    if (value == std::floor(value) && std::fabs(value) < 2147483647.0) {
        long v = static_cast<long>(value);
        if (v >= -107 && v <= 107)
            out.push_back(static_cast<char>(v + 139));
        else if (v >= 108 && v <= 1131) {
            v -= 108;
            out.push_back(static_cast<char>(247 + v / 256));
            out.push_back(static_cast<char>(v % 256));
        } else if (v >= -1131 && v <= -108) {
            v = -v - 108;
            out.push_back(static_cast<char>(251 + v / 256));
            out.push_back(static_cast<char>(v % 256));
        } else if (v >= -32768 && v <= 32767) {
            out.push_back(28);
            out.push_back(static_cast<char>((v >> 8) & 0xff));
            out.push_back(static_cast<char>(v & 0xff));
        } else {
            out.push_back(29);
            for (int shift = 24; shift >= 0; shift -= 8)
                out.push_back(static_cast<char>((static_cast<uint32_t>(v) >> shift) & 0xff));
        }
        return;
    }
    std::vector<unsigned char> nibbles;
    for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        if (c >= '0' && c <= '9')
            nibbles.push_back(static_cast<unsigned char>(c - '0'));
        else if (c == '.')
            nibbles.push_back(0xa);
        else if (c == '-')
            nibbles.push_back(0xe);
        else if (c == 'e' || c == 'E') {
            if (i + 1 < text.size() && text[i + 1] == '-') {
                nibbles.push_back(0xc);
                i++;
            } else {
                nibbles.push_back(0xb);
                if (i + 1 < text.size() && text[i + 1] == '+')
                    i++;
            }
        } else if (c != '+')
            fail("a number in the font program is not one CFF can write: " + text);
    }
    nibbles.push_back(0xf);
    if (nibbles.size() % 2)
        nibbles.push_back(0xf);
    out.push_back(30);
    for (size_t i = 0; i < nibbles.size(); i += 2)
        out.push_back(static_cast<char>(nibbles[i] << 4 | nibbles[i + 1]));
}

std::string numberText(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

void dictOperator(std::string &out, int op) {
    if (op >= 1200) {
        out.push_back(12);
        out.push_back(static_cast<char>(op - 1200));
    } else
        out.push_back(static_cast<char>(op));
}

void fixedOffset(std::string &out, uint32_t value) {
    out.push_back(29);
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((value >> shift) & 0xff));
}

std::string index(const std::vector<std::string> &items) {
    std::string out;
    if (items.size() > 65535)
        fail("the font has too many glyphs for CFF");
    out.push_back(static_cast<char>(items.size() >> 8));
    out.push_back(static_cast<char>(items.size() & 0xff));
    if (items.empty())
        return out;
    size_t total = 1;
    for (auto const &item : items)
        total += item.size();
    int offSize = total <= 0xff ? 1 : total <= 0xffff ? 2 : total <= 0xffffff ? 3 : 4;
    out.push_back(static_cast<char>(offSize));
    size_t offset = 1;
    auto put = [&](size_t value) {
        for (int shift = 8 * (offSize - 1); shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((value >> shift) & 0xff));
    };
    put(offset);
    for (auto const &item : items) {
        offset += item.size();
        put(offset);
    }
    for (auto const &item : items)
        out += item;
    return out;
}

void card16(std::string &out, size_t value) {
    out.push_back(static_cast<char>((value >> 8) & 0xff));
    out.push_back(static_cast<char>(value & 0xff));
}

std::string buildCFF(const Font &font) {
    // Glyph order: .notdef, then the encoded glyphs by code (so a format 0 encoding lists them),
    // then the rest in the program's order.
    std::map<std::string, const std::string *> charstrings;
    for (auto const &entry : font.charstrings)
        charstrings.emplace(entry.first, &entry.second);
    std::vector<std::string> order{".notdef"};
    std::vector<unsigned char> codes;                      // for glyphs 1…codes.size()
    std::vector<std::pair<unsigned char, std::string>> supplements; // further codes of a placed glyph
    std::map<std::string, size_t> placed{{".notdef", 0}};
    if (!font.standardEncoding) {
        for (auto const &entry : font.encoding) {
            if (entry.second == ".notdef" || !charstrings.count(entry.second))
                continue;
            if (placed.count(entry.second)) {
                supplements.emplace_back(static_cast<unsigned char>(entry.first), entry.second);
                continue;
            }
            placed.emplace(entry.second, order.size());
            order.push_back(entry.second);
            codes.push_back(static_cast<unsigned char>(entry.first));
        }
    }
    for (auto const &entry : font.charstrings) {
        if (!placed.count(entry.first)) {
            placed.emplace(entry.first, order.size());
            order.push_back(entry.first);
        }
    }

    // Strings: the standard ones by number, the others stored.
    static const std::unordered_map<std::string, int> standard = [] {
        std::unordered_map<std::string, int> map;
        for (int i = 0; i < 391; i++)
            map.emplace(standardStrings[i], i);
        return map;
    }();
    std::vector<std::string> strings;
    std::unordered_map<std::string, int> stored;
    auto sid = [&](const std::string &name) {
        auto found = standard.find(name);
        if (found != standard.end())
            return found->second;
        auto mine = stored.find(name);
        if (mine != stored.end())
            return mine->second;
        int value = 391 + static_cast<int>(strings.size());
        strings.push_back(name);
        stored.emplace(name, value);
        return value;
    };

    // The glyphs, run and written; the most common advance is the default width.
    std::vector<const std::string *> programs;
    for (auto const &name : order) {
        auto found = charstrings.find(name);
        programs.push_back(found == charstrings.end() ? nullptr : found->second);
    }
    std::vector<Glyph> glyphs = runGlyphs(font, programs);
    std::map<double, int> widths;
    for (auto const &glyph : glyphs)
        widths[glyph.width]++;
    double defaultWidth = 0;
    int most = -1;
    for (auto const &entry : widths)
        if (entry.second > most) {
            most = entry.second;
            defaultWidth = entry.first;
        }
    for (auto const &glyph : glyphs) {
        if (glyph.seac) {
            // Type 2's seac finds its parts by standard code; both must be in this font.
            for (int k = 2; k < 4; k++) {
                double code = glyph.seacArgs[k];
                if (code < 0 || code > 255 || code != std::floor(code))
                    fail("a seac glyph names a code outside StandardEncoding");
            }
        }
    }
    std::vector<std::string> encoded = writeCharstrings(glyphs, defaultWidth);

    std::string charset;
    charset.push_back(0);
    for (size_t i = 1; i < order.size(); i++)
        card16(charset, static_cast<size_t>(sid(order[i])));
    std::string encoding;
    if (!font.standardEncoding) {
        encoding.push_back(static_cast<char>(supplements.empty() ? 0 : 0x80));
        if (codes.size() > 255)
            fail("the encoding has too many codes");
        encoding.push_back(static_cast<char>(codes.size()));
        encoding.append(codes.begin(), codes.end());
        if (!supplements.empty()) {
            encoding.push_back(static_cast<char>(supplements.size()));
            for (auto const &supplement : supplements) {
                encoding.push_back(static_cast<char>(supplement.first));
                card16(encoding, static_cast<size_t>(sid(supplement.second)));
            }
        }
    }

    std::string privateDict;
    for (auto const &entry : font.privateValues) {
        static const std::map<std::string, std::pair<int, bool>> operators = { // operator, delta array
            {"BlueValues", {6, true}},      {"OtherBlues", {7, true}},     {"FamilyBlues", {8, true}},
            {"FamilyOtherBlues", {9, true}}, {"StdHW", {10, false}},        {"StdVW", {11, false}},
            {"StemSnapH", {1212, true}},     {"StemSnapV", {1213, true}},   {"BlueScale", {1209, false}},
            {"BlueShift", {1210, false}},    {"BlueFuzz", {1211, false}},   {"ForceBold", {1214, false}},
            {"LanguageGroup", {1217, false}}, {"ExpansionFactor", {1218, false}}};
        auto op = operators.at(entry.first);
        if (entry.second.empty())
            continue;
        if (op.second) {
            double previous = 0;
            for (auto const &value : entry.second) {
                double delta = value.number - previous;
                dictNumber(privateDict, numberText(delta), delta);
                previous = value.number;
            }
        } else {
            dictNumber(privateDict, entry.second[0].text, entry.second[0].number); // StdHW [x]: x
        }
        dictOperator(privateDict, op.first);
    }
    if (defaultWidth != 0) {
        dictNumber(privateDict, numberText(defaultWidth), defaultWidth);
        dictOperator(privateDict, 20);
    }

    // Top DICT: offsets written as 5-byte integers, so its size is known before they are.
    auto topDict = [&](uint32_t charsetAt, uint32_t encodingAt, uint32_t charstringsAt, uint32_t privateAt) {
        std::string top;
        if (font.bbox.size() == 4) {
            for (auto const &value : font.bbox)
                dictNumber(top, value.text, value.number);
            dictOperator(top, 5);
        }
        if (font.matrix.size() == 6) {
            static const double standardMatrix[6] = {0.001, 0, 0, 0.001, 0, 0};
            bool same = true;
            for (int k = 0; k < 6; k++)
                same = same && font.matrix[static_cast<size_t>(k)].number == standardMatrix[k];
            if (!same) {
                for (auto const &value : font.matrix)
                    dictNumber(top, value.text, value.number);
                dictOperator(top, 1207);
            }
        }
        fixedOffset(top, charsetAt);
        dictOperator(top, 15);
        if (!font.standardEncoding) {
            fixedOffset(top, encodingAt);
            dictOperator(top, 16);
        }
        fixedOffset(top, charstringsAt);
        dictOperator(top, 17);
        fixedOffset(top, static_cast<uint32_t>(privateDict.size()));
        fixedOffset(top, privateAt);
        dictOperator(top, 18);
        return top;
    };

    std::string header("\x01\x00\x04\x04", 4);
    std::string names = index({font.name});
    std::string charstringIndex = index(encoded);
    size_t topSize = index({topDict(0, 0, 0, 0)}).size();
    std::string stringIndex = index(strings); // after every sid() call
    std::string globalSubrs = index({});
    size_t at = header.size() + names.size() + topSize + stringIndex.size() + globalSubrs.size();
    size_t charsetAt = at;
    at += charset.size();
    size_t encodingAt = at;
    at += encoding.size();
    size_t charstringsAt = at;
    at += charstringIndex.size();
    size_t privateAt = at;
    at += privateDict.size();
    if (at > 0x7fffffff)
        fail("the font is too large");
    std::string top = index({topDict(static_cast<uint32_t>(charsetAt), static_cast<uint32_t>(encodingAt),
                                     static_cast<uint32_t>(charstringsAt), static_cast<uint32_t>(privateAt))});
    std::string cff = header + names + top + stringIndex + globalSubrs + charset + encoding + charstringIndex + privateDict;
    if (cff.size() != at)
        fail("internal: the CFF layout does not add up");
    return cff;
}

} // namespace

bool ip_type1_to_cff(const std::string &program, size_t length1, size_t length2, std::string &cff, std::string &why) {
    try {
        Font font = readProgram(program, length1, length2);
        cff = buildCFF(font);
        return true;
    } catch (const Failure &failure) {
        why = failure.why;
        return false;
    }
}
