#include "type1.hh"
#include "cffstrings.hh"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

/* Type 1 (Adobe Type 1 Font Format, 1990) to CFF (Technical Note #5176) with Type 2 charstrings
 * (#5177). See type1.hh. Every limit below makes a hostile font a refusal, never a crash: the
 * font is then kept as it was. */

namespace {

struct Failure {
    std::string why;
};

[[noreturn]] void fail(const std::string &why) { throw Failure{why}; }

// A charstring value used as an integer (a subroutine's number, a count): only when it is one.
int integer(double value) {
    if (!(value >= -2147483648.0 && value < 2147483648.0) || value != std::floor(value))
        fail("a charstring uses " + std::to_string(value) + " where an integer belongs");
    return static_cast<int>(value);
}

// An advance or side bearing: finite, within what CFF can write.
double metric(double value) {
    if (!std::isfinite(value) || std::fabs(value) > 32767)
        fail("a glyph's metrics are out of range");
    return value;
}

// ---------------------------------------------------------------------------------------------
// PostScript tokens, as much of the language as font programs use.

struct Token {
    enum Kind { End, Number, Name, Word, Open, Close, Text, Binary } kind = End;
    std::string text; // the number's digits, the name without '/', the word, the binary bytes
    double number = 0;
};

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0; }
bool isDelimiter(unsigned char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
           c == '%';
}

class Scanner {
  public:
    explicit Scanner(const std::string &source) : s(source) {}

    Token next() {
        Token token;
        skipSpace();
        if (pos >= s.size())
            return token;
        unsigned char c = s[pos];
        if (c == '[' || c == '{') {
            pos++;
            token.kind = Token::Open;
            token.text = std::string(1, c);
        } else if (c == ']' || c == '}') {
            pos++;
            token.kind = Token::Close;
            token.text = std::string(1, c);
        } else if (c == '(') {
            int depth = 0;
            size_t start = pos;
            for (; pos < s.size(); pos++) {
                if (s[pos] == '\\') {
                    pos++;
                    continue;
                }
                if (s[pos] == '(')
                    depth++;
                else if (s[pos] == ')' && --depth == 0) {
                    pos++;
                    break;
                }
            }
            token.kind = Token::Text;
            token.text = s.substr(start, pos - start);
        } else if (c == '<') {
            size_t end = s.find('>', pos);
            end = end == std::string::npos ? s.size() : end + 1;
            token.kind = Token::Text;
            token.text = s.substr(pos, end - pos);
            pos = end;
        } else if (c == '/') {
            pos++;
            token.kind = Token::Name;
            token.text = word();
        } else {
            std::string text = c == ')' || c == '>' ? std::string(1, s[pos++]) : word();
            char *end = nullptr;
            double value = std::strtod(text.c_str(), &end);
            bool numeric = !text.empty() && end && *end == 0 &&
                           (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '+' || text[0] == '.');
            if (numeric && std::isfinite(value)) {
                token.kind = Token::Number;
                token.number = value;
                token.text = text;
            } else if ((text == "RD" || text == "-|") && last.kind == Token::Number && last.number >= 0 &&
                       last.number == std::floor(last.number) && pos + 1 + static_cast<size_t>(last.number) <= s.size()) {
                // `n RD <one space> n bytes`: a charstring or subroutine.
                pos++;
                token.kind = Token::Binary;
                token.text = s.substr(pos, static_cast<size_t>(last.number));
                pos += static_cast<size_t>(last.number);
            } else {
                token.kind = Token::Word;
                token.text = text;
            }
        }
        last = token;
        return token;
    }

  private:
    void skipSpace() {
        while (pos < s.size()) {
            if (isSpace(s[pos]))
                pos++;
            else if (s[pos] == '%') {
                while (pos < s.size() && s[pos] != '\n' && s[pos] != '\r')
                    pos++;
            } else
                break;
        }
    }

    std::string word() {
        size_t start = pos;
        while (pos < s.size() && !isSpace(s[pos]) && !isDelimiter(s[pos]))
            pos++;
        if (pos == start) // a stray delimiter: one character, so the scan always moves on
            pos++;
        return s.substr(start, pos - start);
    }

    const std::string &s;
    size_t pos = 0;
    Token last;
};

// The numbers of an array or procedure whose opening token was just read.
std::vector<Token> numbersUntilClose(Scanner &scanner) {
    std::vector<Token> values;
    for (int guard = 0; guard < 4096; guard++) {
        Token token = scanner.next();
        if (token.kind == Token::Close || token.kind == Token::End)
            return values;
        if (token.kind == Token::Number)
            values.push_back(token);
    }
    fail("an array in the font program does not end");
}

// ---------------------------------------------------------------------------------------------
// The font program.

uint16_t const eexecKey = 55665, charstringKey = 4330;

std::string decrypt(const std::string &data, uint16_t key, size_t skip) {
    std::string plain;
    plain.reserve(data.size());
    uint16_t r = key;
    for (unsigned char c : data) {
        plain.push_back(static_cast<char>(c ^ (r >> 8)));
        r = static_cast<uint16_t>((c + r) * 52845u + 22719u);
    }
    return skip >= plain.size() ? std::string() : plain.substr(skip);
}

int hexValue(unsigned char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

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

bool isPrivateKey(const std::string &key) {
    static const char *const keys[] = {"BlueValues", "OtherBlues", "FamilyBlues", "FamilyOtherBlues", "StdHW", "StdVW",
                                       "StemSnapH",  "StemSnapV",  "BlueScale",   "BlueShift",        "BlueFuzz", "ForceBold",
                                       "LanguageGroup", "ExpansionFactor"};
    for (auto k : keys)
        if (key == k)
            return true;
    return false;
}

void readClearText(const std::string &text, Font &font) {
    Scanner scanner(text);
    for (int guard = 0; guard < 1 << 20; guard++) {
        Token token = scanner.next();
        if (token.kind == Token::End)
            return;
        if (token.kind == Token::Word && token.text == "eexec")
            return;
        if (token.kind != Token::Name)
            continue;
        if (token.text == "FontName") {
            Token value = scanner.next();
            if (value.kind == Token::Name)
                font.name = value.text;
        } else if (token.text == "FontMatrix" || token.text == "FontBBox") {
            // (a name is also used inside procedures, `/FontType get`: only a definition counts)
            if (scanner.next().kind == Token::Open)
                (token.text == "FontMatrix" ? font.matrix : font.bbox) = numbersUntilClose(scanner);
        } else if (token.text == "PaintType") {
            Token value = scanner.next();
            if (value.kind == Token::Number && value.number != 0)
                fail("it is a stroked font (PaintType " + value.text + ")");
        } else if (token.text == "FontType") {
            Token value = scanner.next();
            if (value.kind == Token::Number && value.number != 1)
                fail("its FontType is " + value.text + ", not 1");
        } else if (token.text == "Encoding") {
            Token value = scanner.next();
            if (value.kind == Token::Word && value.text == "StandardEncoding") {
                font.standardEncoding = true;
                continue;
            }
            if (value.kind != Token::Number)
                continue;
            // `256 array 0 1 255 {1 index exch /.notdef put} for dup 32 /space put ... readonly def`
            std::vector<Token> recent;
            int depth = 0;
            for (int inner = 0; inner < 1 << 16; inner++) {
                Token part = scanner.next();
                if (part.kind == Token::End)
                    break;
                if (part.kind == Token::Open)
                    depth++;
                else if (part.kind == Token::Close)
                    depth--;
                if (depth == 0 && part.kind == Token::Word && part.text == "def")
                    break;
                recent.push_back(part);
                if (recent.size() > 4)
                    recent.erase(recent.begin());
                if (depth == 0 && recent.size() == 4 && recent[0].kind == Token::Word && recent[0].text == "dup" &&
                    recent[1].kind == Token::Number && recent[2].kind == Token::Name && recent[3].kind == Token::Word &&
                    recent[3].text == "put") {
                    double code = recent[1].number;
                    if (code >= 0 && code < 256 && code == std::floor(code))
                        font.encoding[static_cast<int>(code)] = recent[2].text;
                }
            }
        }
    }
}

void readPrivate(const std::string &plain, Font &font) {
    Scanner scanner(plain);
    Token history[3]; // the three tokens before the current one, newest first
    bool charstringsStarted = false;
    for (int guard = 0; guard < 1 << 22; guard++) {
        Token token = scanner.next();
        if (token.kind == Token::End || (token.kind == Token::Word && token.text == "closefile"))
            break;
        if (token.kind == Token::Binary) {
            // history[0] is the byte count; before it `dup index` (a subroutine) or `/name` (a glyph).
            if (history[1].kind == Token::Name) {
                font.charstrings.emplace_back(history[1].text, token.text);
                charstringsStarted = true;
            } else if (history[1].kind == Token::Number && history[2].kind == Token::Word && history[2].text == "dup") {
                double index = history[1].number;
                if (index < 0 || index > 65535 || index != std::floor(index))
                    fail("a subroutine number is out of range");
                font.subrs[static_cast<int>(index)] = token.text;
            } else {
                fail("a charstring is not where a font program puts one");
            }
        } else if (token.kind == Token::Name && !charstringsStarted) {
            if (token.text == "CharStrings" || token.text == "Subrs") {
                Token value = scanner.next();
                if (value.kind == Token::Number && value.number >= 0 && value.number <= 65535)
                    (token.text == "CharStrings" ? font.declaredCharstrings : font.declaredSubrs) = static_cast<long>(value.number);
                token = value;
            } else if (token.text == "lenIV") {
                Token value = scanner.next();
                if (value.kind != Token::Number || value.number < -1 || value.number > 64)
                    fail("its lenIV is not a small number");
                font.lenIV = static_cast<int>(value.number);
                token = value;
            } else if (isPrivateKey(token.text)) {
                Token value = scanner.next();
                std::vector<Token> values;
                if (value.kind == Token::Open)
                    values = numbersUntilClose(scanner);
                else if (value.kind == Token::Number)
                    values.push_back(value);
                else if (value.kind == Token::Word && (value.text == "true" || value.text == "false")) {
                    Token flag;
                    flag.kind = Token::Number;
                    flag.number = value.text == "true" ? 1 : 0;
                    flag.text = value.text == "true" ? "1" : "0";
                    values.push_back(flag);
                }
                font.privateValues.emplace_back(token.text, values);
                token = value;
            }
        }
        history[2] = history[1];
        history[1] = history[0];
        history[0] = token;
    }
    if (font.charstrings.empty())
        fail("no charstrings were found in its encrypted part");
    // A program cut short (or with entries a reader would not find) is not converted: readers
    // refuse or half-read it, and a complete CFF of what is left would draw what they do not.
    if (font.declaredCharstrings != static_cast<long>(font.charstrings.size()))
        fail("it declares " + std::to_string(font.declaredCharstrings) + " charstrings and holds " +
             std::to_string(font.charstrings.size()));
    if (font.declaredSubrs >= 0 && font.declaredSubrs != static_cast<long>(font.subrs.size()))
        fail("it declares " + std::to_string(font.declaredSubrs) + " subroutines and holds " + std::to_string(font.subrs.size()));
}

Font readFont(const std::string &program, size_t length1, size_t length2) {
    Font font;
    if (program.size() >= 2 && static_cast<unsigned char>(program[0]) == 0x80)
        fail("it is stored in PFB segments, which a PDF should not hold");
    size_t clearEnd = length1;
    size_t marker = program.find("eexec");
    if (marker == std::string::npos)
        fail("it has no eexec part");
    if (length1 == 0 || length1 > program.size() || length1 < marker + 5) {
        clearEnd = marker + 5;
        while (clearEnd < program.size() && isSpace(static_cast<unsigned char>(program[clearEnd])) && clearEnd < marker + 9)
            clearEnd++;
    }
    readClearText(program.substr(0, marker), font);
    if (font.name.empty())
        fail("it has no /FontName");
    std::string encrypted = program.substr(clearEnd, length2 > 0 && length2 <= program.size() - clearEnd ? length2 : std::string::npos);
    bool hex = encrypted.size() >= 4;
    for (size_t i = 0; i < 4 && i < encrypted.size(); i++)
        hex = hex && hexValue(static_cast<unsigned char>(encrypted[i])) >= 0;
    if (hex) {
        std::string bytes;
        int high = -1;
        for (unsigned char c : encrypted) {
            if (isSpace(c))
                continue;
            int v = hexValue(c);
            if (v < 0)
                break;
            if (high < 0)
                high = v;
            else {
                bytes.push_back(static_cast<char>(high * 16 + v));
                high = -1;
            }
        }
        encrypted = bytes;
    }
    readPrivate(decrypt(encrypted, eexecKey, 4), font);
    return font;
}

// ---------------------------------------------------------------------------------------------
// A glyph run as FreeType's Type 1 decoder runs it, as absolute outline points and hint sets.

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

class Interpreter {
  public:
    Interpreter(const Font &font) : font(font) {}

    Glyph run(const std::string &charstring) {
        glyph = Glyph{};
        stack.clear();
        others.clear();
        x = y = sbx = sby = 0;
        flexing = false;
        open = false;
        ended = false;
        started = false;
        fromFlex = false;
        operations = 0;
        execute(charstring, 0);
        if (!ended)
            fail("a charstring does not end");
        fontSegments += glyph.path.size();
        if (fontSegments > 1000000) // 40 times a whole font of 855 glyphs
            fail("its glyphs hold too many path segments");
        return glyph;
    }

  private:
    std::string plain(const std::string &encrypted) const {
        return font.lenIV < 0 ? encrypted : decrypt(encrypted, charstringKey, static_cast<size_t>(font.lenIV));
    }

    double pop() {
        if (stack.empty())
            fail("a charstring operator lacks arguments");
        double v = stack.back();
        stack.pop_back();
        return v;
    }

    void need(size_t count) {
        if (stack.size() < count)
            fail("a charstring operator lacks arguments");
    }

    double arg(size_t index, size_t count) const { return stack[stack.size() - count + index]; }

    void addStem(bool horizontal, double position, double width) {
        auto &set = glyph.hints.back();
        auto &list = horizontal ? set.horizontal : set.vertical;
        Stem stem{position + (horizontal ? sby : sbx), width};
        if (std::find(list.begin(), list.end(), stem) == list.end())
            list.push_back(stem);
    }

    void moveTo(double nx, double ny) {
        x = nx;
        y = ny;
        if (flexing)
            return; // flex's points are collected by OtherSubr 2
        Segment move{Segment::Move, {x, y}, 0, 0};
        if (!glyph.path.empty() && glyph.path.back().kind == Segment::Move)
            glyph.path.back() = move;
        else
            glyph.path.push_back(move);
        open = true;
    }

    void startIfClosed() {
        if (!open) {
            glyph.path.push_back(Segment{Segment::Move, {x, y}, 0, 0});
            open = true;
        }
    }

    void lineTo(double nx, double ny) {
        startIfClosed();
        x = nx;
        y = ny;
        glyph.path.push_back(Segment{Segment::Line, {x, y}, 0, 0});
    }

    void curveTo(double x1, double y1, double x2, double y2, double x3, double y3) {
        startIfClosed();
        x = x3;
        y = y3;
        glyph.path.push_back(Segment{Segment::Curve, {x1, y1, x2, y2, x3, y3}, 0, 0});
    }

    void otherSubr(int number, size_t count) {
        need(count);
        std::vector<double> args(stack.end() - static_cast<long>(count), stack.end());
        stack.resize(stack.size() - count);
        switch (number) {
        case 1: // flex begins
            if (count != 0)
                fail("OtherSubr 1 takes no arguments");
            flexing = true;
            flexPoints.clear();
            flexStart = {x, y};
            break;
        case 2: // a flex point: the current point
            if (!flexing || count != 0)
                fail("OtherSubr 2 outside a flex");
            if (flexPoints.size() >= 7)
                fail("a flex has more than seven points");
            flexPoints.emplace_back(x, y);
            break;
        case 0: { // flex ends: depth, end x, end y
            if (!flexing || count != 3 || flexPoints.size() != 7)
                fail("a flex does not have its seven points");
            flexing = false;
            if (!open) {
                glyph.path.push_back(Segment{Segment::Move, {flexStart.first, flexStart.second}, 0, 0});
                open = true;
            }
            Segment flex{Segment::Flex, {}, args[0], 0};
            for (int i = 0; i < 6; i++) {
                flex.p[2 * i] = flexPoints[static_cast<size_t>(i) + 1].first;
                flex.p[2 * i + 1] = flexPoints[static_cast<size_t>(i) + 1].second;
            }
            glyph.path.push_back(flex);
            x = flex.p[10];
            y = flex.p[11];
            others.assign({args[2], args[1]}); // pop, pop: x, then y
            fromFlex = true;
            break;
        }
        case 3: { // hint replacement: the subroutine whose stems follow
            if (count != 1)
                fail("OtherSubr 3 takes one argument");
            if (!glyph.path.empty() && glyph.path.back().kind == Segment::Mask)
                glyph.hints.back() = HintSet{};
            else if (glyph.path.empty() && glyph.hints.size() == 1)
                glyph.hints.back() = HintSet{}; // before any drawing: the first set itself
            else {
                glyph.hints.push_back(HintSet{});
                glyph.path.push_back(Segment{Segment::Mask, {}, 0, glyph.hints.size() - 1});
            }
            others.assign({args[0]});
            break;
        }
        case 12:
        case 13: // counter control: only for hinting at small sizes, which Type 2 readers do their own way
            others.clear();
            break;
        default:
            fail("it calls OtherSubr " + std::to_string(number) + " (a multiple-master or private procedure)");
        }
    }

    void execute(const std::string &encrypted, int depth) {
        if (depth > 10)
            fail("its subroutines nest more than ten deep");
        std::string code = plain(encrypted);
        size_t i = 0;
        while (i < code.size() && !ended) {
            if (++operations > 200000)
                fail("a charstring runs too long");
            if (++fontOperations > 20000000)
                fail("its charstrings run too long");
            unsigned char v = static_cast<unsigned char>(code[i++]);
            if (v >= 32) {
                double number;
                if (v <= 246)
                    number = v - 139;
                else if (v <= 250) {
                    if (i >= code.size())
                        fail("a charstring is cut short");
                    number = (v - 247) * 256 + static_cast<unsigned char>(code[i++]) + 108;
                } else if (v <= 254) {
                    if (i >= code.size())
                        fail("a charstring is cut short");
                    number = -(v - 251) * 256 - static_cast<unsigned char>(code[i++]) - 108;
                } else {
                    if (i + 4 > code.size())
                        fail("a charstring is cut short");
                    int32_t n = static_cast<int32_t>(static_cast<uint32_t>(static_cast<unsigned char>(code[i])) << 24 |
                                                     static_cast<uint32_t>(static_cast<unsigned char>(code[i + 1])) << 16 |
                                                     static_cast<uint32_t>(static_cast<unsigned char>(code[i + 2])) << 8 |
                                                     static_cast<uint32_t>(static_cast<unsigned char>(code[i + 3])));
                    i += 4;
                    number = n;
                }
                if (stack.size() >= 48)
                    fail("a charstring overflows its stack");
                stack.push_back(number);
                continue;
            }
            int op = v;
            if (v == 12) {
                if (i >= code.size())
                    fail("a charstring is cut short");
                op = 1200 + static_cast<unsigned char>(code[i++]);
            }
            bool clears = true;
            bool arithmetic = op == 10 || op == 11 || op == 1212 || op == 1216 || op == 1217;
            if (!started && !arithmetic && op != 13 && op != 1207)
                fail("a charstring draws before its hsbw");
            switch (op) {
            case 13: // hsbw: sbx wx
                need(2);
                started = true;
                sbx = metric(arg(0, 2));
                glyph.width = metric(arg(1, 2));
                x = sbx;
                y = sby = 0;
                break;
            case 1207: // sbw: sbx sby wx wy
                need(4);
                if (arg(3, 4) != 0)
                    fail("a glyph has a vertical advance (sbw)");
                started = true;
                sbx = metric(arg(0, 4));
                sby = metric(arg(1, 4));
                glyph.width = metric(arg(2, 4));
                x = sbx;
                y = sby;
                break;
            case 1: // hstem: y dy
                need(2);
                addStem(true, arg(0, 2), arg(1, 2));
                break;
            case 3: // vstem: x dx
                need(2);
                addStem(false, arg(0, 2), arg(1, 2));
                break;
            case 1202: // hstem3
            case 1201: // vstem3
                need(6);
                for (size_t k = 0; k < 3; k++)
                    addStem(op == 1202, arg(2 * k, 6), arg(2 * k + 1, 6));
                break;
            case 1200: // dotsection: hinting only
                break;
            case 21: // rmoveto: dx dy; hmoveto: dx; vmoveto: dy; and the same three for lines
            case 22:
            case 4:
            case 5:
            case 6:
            case 7: {
                bool both = op == 21 || op == 5, horizontal = op == 22 || op == 6;
                need(both ? 2 : 1);
                double dx = both || horizontal ? arg(0, both ? 2 : 1) : 0, dy = both ? arg(1, 2) : horizontal ? 0 : arg(0, 1);
                if (op == 21 || op == 22 || op == 4)
                    moveTo(x + dx, y + dy);
                else
                    lineTo(x + dx, y + dy);
                break;
            }
            case 8: { // rrcurveto
                need(6);
                double x1 = x + arg(0, 6), y1 = y + arg(1, 6), x2 = x1 + arg(2, 6), y2 = y1 + arg(3, 6);
                curveTo(x1, y1, x2, y2, x2 + arg(4, 6), y2 + arg(5, 6));
                break;
            }
            case 30: { // vhcurveto: dy1 dx2 dy2 dx3
                need(4);
                double x1 = x, y1 = y + arg(0, 4), x2 = x1 + arg(1, 4), y2 = y1 + arg(2, 4);
                curveTo(x1, y1, x2, y2, x2 + arg(3, 4), y2);
                break;
            }
            case 31: { // hvcurveto: dx1 dx2 dy2 dy3
                need(4);
                double x1 = x + arg(0, 4), y1 = y, x2 = x1 + arg(1, 4), y2 = y1 + arg(2, 4);
                curveTo(x1, y1, x2, y2, x2, y2 + arg(3, 4));
                break;
            }
            case 9: // closepath: the current point stays (as FreeType has it)
                open = false;
                break;
            case 14: // endchar
                ended = true;
                break;
            case 1206: { // seac: asb adx ady bchar achar
                need(5);
                double asb = arg(0, 5);
                // FreeType moves the accent by adx - asb plus this glyph's own side bearing; Type 2's
                // endchar moves it by its adx alone.
                glyph.seac = true;
                glyph.seacArgs[0] = arg(1, 5) - asb + sbx;
                glyph.seacArgs[1] = arg(2, 5);
                glyph.seacArgs[2] = arg(3, 5);
                glyph.seacArgs[3] = arg(4, 5);
                if (!glyph.path.empty())
                    fail("a seac glyph also draws");
                ended = true;
                break;
            }
            case 1212: { // div
                need(2);
                double b = pop(), a = pop();
                if (b == 0)
                    fail("a charstring divides by zero");
                stack.push_back(a / b);
                clears = false;
                break;
            }
            case 10: { // callsubr
                int number = integer(pop());
                auto found = font.subrs.find(number);
                if (found == font.subrs.end())
                    fail("a charstring calls a missing subroutine " + std::to_string(number));
                execute(found->second, depth + 1);
                clears = false;
                break;
            }
            case 11: // return
                return;
            case 1216: { // callothersubr: args… n number
                need(2);
                int number = integer(pop());
                double count = pop();
                if (count < 0 || count > 24 || count != std::floor(count))
                    fail("a charstring calls an OtherSubr with a strange argument count");
                otherSubr(number, static_cast<size_t>(count));
                clears = false;
                break;
            }
            case 1217: // pop: a result of the last OtherSubr
                if (others.empty())
                    fail("a charstring pops what no OtherSubr left");
                stack.push_back(others.back());
                others.pop_back();
                clears = false;
                break;
            case 1233: // setcurrentpoint
                need(2);
                if (!fromFlex) {
                    x = arg(0, 2);
                    y = arg(1, 2);
                }
                fromFlex = false;
                break;
            default:
                fail("a charstring uses the unknown operator " + std::to_string(op));
            }
            if (clears)
                stack.clear();
        }
    }

    const Font &font;
    Glyph glyph;
    std::vector<double> stack, others;
    std::vector<std::pair<double, double>> flexPoints;
    std::pair<double, double> flexStart;
    double x = 0, y = 0, sbx = 0, sby = 0;
    bool flexing = false, open = false, ended = false, fromFlex = false, started = false;
    long operations = 0;
    long long fontOperations = 0; // over every glyph: a font of 65,535 glyphs that each run long
    size_t fontSegments = 0;      // and the path segments kept, which the CFF will hold
};

// ---------------------------------------------------------------------------------------------
// CFF output.

// A Type 2 charstring number: an integer when it is one, 16.16 fixed otherwise.
void charstringNumber(std::string &out, int64_t fixed) {
    if (fixed % 65536 == 0) {
        int64_t v = fixed / 65536;
        if (v >= -107 && v <= 107) {
            out.push_back(static_cast<char>(v + 139));
            return;
        }
        if (v >= 108 && v <= 1131) {
            v -= 108;
            out.push_back(static_cast<char>(247 + v / 256));
            out.push_back(static_cast<char>(v % 256));
            return;
        }
        if (v >= -1131 && v <= -108) {
            v = -v - 108;
            out.push_back(static_cast<char>(251 + v / 256));
            out.push_back(static_cast<char>(v % 256));
            return;
        }
        if (v >= -32768 && v <= 32767) {
            out.push_back(28);
            out.push_back(static_cast<char>((v >> 8) & 0xff));
            out.push_back(static_cast<char>(v & 0xff));
            return;
        }
    }
    if (fixed < INT32_MIN || fixed > INT32_MAX)
        fail("a coordinate is out of CFF's range");
    uint32_t u = static_cast<uint32_t>(static_cast<int32_t>(fixed));
    out.push_back(static_cast<char>(255));
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((u >> shift) & 0xff));
}

int64_t fixed(double v) {
    if (!std::isfinite(v) || std::fabs(v) > 32767)
        fail("a coordinate is out of CFF's range");
    return std::llround(v * 65536.0);
}

class Type2Writer {
  public:
    Type2Writer(double defaultWidth) : defaultWidth(defaultWidth) {}

    std::string write(const Glyph &glyph) {
        out.clear();
        args.clear();
        cx = cy = 0;
        widthPending = glyph.width != defaultWidth;
        width = glyph.width;

        // Every stem of every set, once, sorted; each set a mask over them.
        std::vector<Stem> horizontal, vertical;
        for (auto const &set : glyph.hints) {
            horizontal.insert(horizontal.end(), set.horizontal.begin(), set.horizontal.end());
            vertical.insert(vertical.end(), set.vertical.begin(), set.vertical.end());
        }
        auto unique = [](std::vector<Stem> &stems) {
            std::sort(stems.begin(), stems.end());
            stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
        };
        unique(horizontal);
        unique(vertical);
        // Type 2's operand stack holds 48: 23 stems (46 numbers) and the advance width.
        if (horizontal.size() > 23 || vertical.size() > 23)
            fail("a glyph has more than 23 stems in a direction");
        // Hint sets only matter between drawing operators: a replacement after the last is dropped.
        bool masks = glyph.hints.size() > 1 && !(horizontal.empty() && vertical.empty());
        stems(horizontal, masks ? 18 : 1);
        stems(vertical, masks ? 23 : 3);
        auto mask = [&](const HintSet &set) {
            flush();
            std::vector<unsigned char> bits((horizontal.size() + vertical.size() + 7) / 8, 0);
            auto mark = [&](const std::vector<Stem> &all, const std::vector<Stem> &used, size_t base) {
                for (auto const &stem : used) {
                    size_t index = static_cast<size_t>(std::lower_bound(all.begin(), all.end(), stem) - all.begin());
                    bits[(base + index) / 8] |= static_cast<unsigned char>(0x80 >> ((base + index) % 8));
                }
            };
            mark(horizontal, set.horizontal, 0);
            mark(vertical, set.vertical, horizontal.size());
            out.push_back(19);
            out.append(bits.begin(), bits.end());
        };
        if (masks)
            mask(glyph.hints[0]);

        size_t drawn = glyph.path.size(); // one past the last drawing segment
        while (drawn > 0 && glyph.path[drawn - 1].kind == Segment::Mask)
            drawn--;
        for (size_t s = 0; s < drawn; s++) {
            auto const &segment = glyph.path[s];
            switch (segment.kind) {
            case Segment::Mask:
                if (masks)
                    mask(glyph.hints[segment.hints]);
                break;
            case Segment::Move: {
                flush();
                int64_t dx = fixed(segment.p[0]) - cx, dy = fixed(segment.p[1]) - cy;
                if (dy == 0) {
                    operatorWith({dx}, 22);
                } else if (dx == 0) {
                    operatorWith({dy}, 4);
                } else {
                    operatorWith({dx, dy}, 21);
                }
                cx += dx;
                cy += dy;
                break;
            }
            case Segment::Line: {
                int64_t dx = fixed(segment.p[0]) - cx, dy = fixed(segment.p[1]) - cy;
                cx += dx;
                cy += dy;
                if (dx != 0 && dy != 0) {
                    batch(5, 24, {dx, dy});
                } else {
                    flush();
                    operatorWith({dx != 0 ? dx : dy}, dx != 0 ? 6 : 7);
                }
                break;
            }
            case Segment::Curve: {
                int64_t x1 = fixed(segment.p[0]), y1 = fixed(segment.p[1]), x2 = fixed(segment.p[2]),
                        y2 = fixed(segment.p[3]), x3 = fixed(segment.p[4]), y3 = fixed(segment.p[5]);
                int64_t d[6] = {x1 - cx, y1 - cy, x2 - x1, y2 - y1, x3 - x2, y3 - y2};
                cx = x3;
                cy = y3;
                if (d[1] == 0 && d[4] == 0) { // horizontal start, vertical end
                    flush();
                    operatorWith({d[0], d[2], d[3], d[5]}, 31);
                } else if (d[0] == 0 && d[5] == 0) { // vertical start, horizontal end
                    flush();
                    operatorWith({d[1], d[2], d[3], d[4]}, 30);
                } else {
                    batch(8, 8, {d[0], d[1], d[2], d[3], d[4], d[5]});
                }
                break;
            }
            case Segment::Flex: {
                flush();
                std::vector<int64_t> values;
                for (int k = 0; k < 6; k++) {
                    int64_t px = fixed(segment.p[2 * k]), py = fixed(segment.p[2 * k + 1]);
                    values.push_back(px - cx);
                    values.push_back(py - cy);
                    cx = px;
                    cy = py;
                }
                values.push_back(fixed(segment.depth));
                operatorWith(values, 1235);
                break;
            }
            }
        }
        flush();
        if (glyph.seac)
            operatorWith({fixed(glyph.seacArgs[0]), fixed(glyph.seacArgs[1]), fixed(glyph.seacArgs[2]), fixed(glyph.seacArgs[3])}, 14);
        else
            operatorWith({}, 14);
        return out;
    }

  private:
    void stems(const std::vector<Stem> &list, int op) {
        if (list.empty())
            return;
        std::vector<int64_t> values;
        int64_t edge = 0;
        for (auto const &stem : list) {
            int64_t position = fixed(stem.position), size = fixed(stem.width);
            values.push_back(position - edge);
            values.push_back(size);
            edge = position + size;
        }
        operatorWith(values, op);
    }

    // An operator and its arguments, the advance width first when this is the first operator
    // that clears the stack (every one this writes is).
    void operatorWith(const std::vector<int64_t> &values, int op) {
        if (widthPending) {
            charstringNumber(out, fixed(width - 0)); // nominalWidthX is 0
            widthPending = false;
        }
        for (auto v : values)
            charstringNumber(out, v);
        if (op >= 1200) {
            out.push_back(12);
            out.push_back(static_cast<char>(op - 1200));
        } else
            out.push_back(static_cast<char>(op));
    }

    // Consecutive segments of one kind share an operator, up to `most` of them.
    void batch(int op, size_t most, std::vector<int64_t> values) {
        if (batchOp != op || batchCount >= most)
            flush();
        batchOp = op;
        batchCount++;
        args.insert(args.end(), values.begin(), values.end());
    }

    void flush() {
        if (batchOp != 0) {
            operatorWith(args, batchOp);
            args.clear();
            batchOp = 0;
            batchCount = 0;
        }
    }

    double defaultWidth, width = 0;
    bool widthPending = false;
    std::string out;
    std::vector<int64_t> args;
    int batchOp = 0;
    size_t batchCount = 0;
    int64_t cx = 0, cy = 0;
};

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
    Interpreter interpreter(font);
    std::vector<Glyph> glyphs;
    std::map<double, int> widths;
    for (auto const &name : order) {
        auto found = charstrings.find(name);
        Glyph glyph;
        if (found != charstrings.end())
            glyph = interpreter.run(*found->second);
        widths[glyph.width]++;
        glyphs.push_back(std::move(glyph));
    }
    double defaultWidth = 0;
    int most = -1;
    for (auto const &entry : widths)
        if (entry.second > most) {
            most = entry.second;
            defaultWidth = entry.first;
        }
    Type2Writer writer(defaultWidth);
    std::vector<std::string> encoded;
    for (auto const &glyph : glyphs) {
        if (glyph.seac) {
            // Type 2's seac finds its parts by standard code; both must be in this font.
            for (int k = 2; k < 4; k++) {
                double code = glyph.seacArgs[k];
                if (code < 0 || code > 255 || code != std::floor(code))
                    fail("a seac glyph names a code outside StandardEncoding");
            }
        }
        encoded.push_back(writer.write(glyph));
    }

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
        Font font = readFont(program, length1, length2);
        cff = buildCFF(font);
        return true;
    } catch (const Failure &failure) {
        why = failure.why;
        return false;
    }
}
