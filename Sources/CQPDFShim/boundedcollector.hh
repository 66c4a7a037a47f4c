#ifndef CQPDFSHIM_BOUNDEDCOLLECTOR_HH
#define CQPDFSHIM_BOUNDEDCOLLECTOR_HH

#include <qpdf/Pipeline.hh>

#include <cstddef>
#include <exception>
#include <string>

// Collects a stream's decoded bytes up to `limit` and stops the decoding past it: a stream that
// inflates to gigabytes (a "PDF bomb") costs no more memory than the image or font it claims to
// be. Used by the lossy pass's images (images.cpp) and fonts (fonts.cpp).
class BoundedCollector : public Pipeline {
  public:
    struct Overflow : std::exception {
        const char *what() const noexcept override { return "a stream decodes to more than the pass reads of it"; }
    };

    explicit BoundedCollector(size_t limit) : Pipeline("bounded", nullptr), limit(limit) {}

    void write(unsigned char const *data, size_t length) override {
        if (bytes.size() + length > limit)
            throw Overflow();
        bytes.append(reinterpret_cast<char const *>(data), length);
    }

    void finish() override {}

    std::string bytes;

  private:
    size_t limit;
};

#endif
