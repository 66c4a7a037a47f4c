#include "type1program.hh"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace type1 {

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

namespace {

uint16_t const eexecKey = 55665;

int hexValue(unsigned char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

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

} // namespace

Font readProgram(const std::string &program, size_t length1, size_t length2) {
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

} // namespace type1
