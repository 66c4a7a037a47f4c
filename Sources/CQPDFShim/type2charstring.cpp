#include "type2charstring.hh"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

namespace type1 {

namespace {

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
            charstringNumber(out, fixed(width)); // less nominalWidthX, which is 0
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

} // namespace

std::vector<std::string> writeCharstrings(const std::vector<Glyph> &glyphs, double defaultWidth) {
    Type2Writer writer(defaultWidth);
    std::vector<std::string> out;
    out.reserve(glyphs.size());
    for (auto const &glyph : glyphs)
        out.push_back(writer.write(glyph));
    return out;
}

} // namespace type1
