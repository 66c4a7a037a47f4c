#include "type1glyph.hh"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace type1 {

namespace {

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

} // namespace

std::vector<Glyph> runGlyphs(const Font &font, const std::vector<const std::string *> &charstrings) {
    Interpreter interpreter(font);
    std::vector<Glyph> glyphs;
    glyphs.reserve(charstrings.size());
    for (auto const *charstring : charstrings)
        glyphs.push_back(charstring ? interpreter.run(*charstring) : Glyph{});
    return glyphs;
}

} // namespace type1
