import Foundation

/// Reads a `multipart/form-data` body as it arrives, in chunks of any size, without holding it:
/// each part's headers, then its bytes as they come, then its end. Finding the delimiter is a
/// `memchr` for CR (the only CR a delimiter has is its first byte) and a compare, so file parts
/// pass through at memory speed; a piece of a delimiter split across two chunks is held back
/// until the next chunk says what it is. Pure: no I/O, no allocation per chunk.
public struct MultipartStreamParser {
    /// What the body holds, in order.
    public enum Event {
        /// A part begins, with its headers.
        case partBegan(MultipartPartHeader)
        /// Bytes of the current part; valid only during the call.
        case bytes(UnsafeRawBufferPointer)
        /// The current part ends.
        case partEnded
    }

    /// A body that is not `multipart/form-data` with this boundary, saying where it went wrong.
    public struct SyntaxError: Error, CustomStringConvertible {
        public var description: String
    }

    private enum State {
        case preamble
        case afterDelimiter
        case headers
        case body
        case epilogue
    }

    /// The most spaces and tabs allowed between a boundary and its line break.
    static let maxPadding = 256

    /// `CR LF - - boundary`: what ends a part (and, with a CR LF assumed before the body, begins
    /// the first).
    private let delimiter: [UInt8]
    private let maxHeaderBytes: Int
    private var state = State.preamble
    /// Bytes of the previous chunk that may be the start of a delimiter (or of the two bytes
    /// after it), read again in front of the next chunk.
    private var carry: [UInt8] = [13, 10]
    private var header: [UInt8] = []

    /// Whether the closing delimiter (`--boundary--`) has been read: the body is whole.
    public var isComplete: Bool {
        if case .epilogue = state { return true }
        return false
    }

    /// `boundary` as in the `Content-Type` header (1 to 200 bytes, no CR or LF); a part's headers
    /// may take at most `maxHeaderBytes`.
    public init(boundary: String, maxHeaderBytes: Int = 16 * 1024) throws {
        let bytes = Array(boundary.utf8)
        guard (1...200).contains(bytes.count), !bytes.contains(13), !bytes.contains(10) else {
            throw SyntaxError(description: "the boundary must be 1 to 200 characters without line breaks")
        }
        delimiter = [13, 10, 45, 45] + bytes
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// Reads the next chunk of the body, calling `handle` for what it completes.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handle: (Event) throws -> Void) throws {
        if carry.isEmpty {
            try parse(chunk, handle)
        } else {
            var joined = carry
            joined.append(contentsOf: chunk)
            carry.removeAll(keepingCapacity: true)
            try joined.withUnsafeBytes { try parse($0, handle) }
        }
    }

    private mutating func parse(_ buffer: UnsafeRawBufferPointer, _ handle: (Event) throws -> Void) throws {
        var index = 0
        let end = buffer.count
        while index < end {
            switch state {
            case .preamble:
                switch find(in: buffer, from: index) {
                case .found(let at):
                    index = at + delimiter.count
                    state = .afterDelimiter
                case .partial(let at):
                    carry.append(contentsOf: buffer[at..<end])
                    return
                case .none:
                    return
                }
            case .afterDelimiter:
                // Two hyphens close the body; otherwise optional spaces and tabs, then CR LF.
                var cursor = index
                while cursor < end, buffer[cursor] == 32 || buffer[cursor] == 9 { cursor += 1 }
                // Held back until the line break comes, so bounded: else a body of spaces would
                // be copied again with every chunk.
                guard cursor - index <= Self.maxPadding else {
                    throw SyntaxError(description: "more than \(Self.maxPadding) spaces or tabs after a boundary")
                }
                guard end - cursor >= 2 else {
                    carry.append(contentsOf: buffer[index..<end])
                    return
                }
                if cursor == index, buffer[cursor] == 45, buffer[cursor + 1] == 45 {
                    state = .epilogue
                    return
                }
                guard buffer[cursor] == 13, buffer[cursor + 1] == 10 else {
                    throw SyntaxError(description: "a boundary must be followed by a line break or by -- (the last one)")
                }
                index = cursor + 2
                header.removeAll(keepingCapacity: true)
                state = .headers
            case .headers:
                let before = header.count
                let take = min(end - index, maxHeaderBytes + 4 - before)
                header.append(contentsOf: buffer[index..<(index + take)])
                if let length = headerBlockLength(searchingFrom: max(0, before - 3)) {
                    index += length - before
                    let part = try MultipartPartHeader(block: header[..<max(0, length - 4)])
                    header.removeAll(keepingCapacity: true)
                    state = .body
                    try handle(.partBegan(part))
                } else if header.count >= maxHeaderBytes + 4 {
                    throw SyntaxError(description: "a part's headers are longer than \(maxHeaderBytes) bytes")
                } else {
                    index += take
                }
            case .body:
                switch find(in: buffer, from: index) {
                case .found(let at):
                    if at > index { try handle(.bytes(UnsafeRawBufferPointer(rebasing: buffer[index..<at]))) }
                    try handle(.partEnded)
                    index = at + delimiter.count
                    state = .afterDelimiter
                case .partial(let at):
                    if at > index { try handle(.bytes(UnsafeRawBufferPointer(rebasing: buffer[index..<at]))) }
                    carry.append(contentsOf: buffer[at..<end])
                    return
                case .none:
                    try handle(.bytes(UnsafeRawBufferPointer(rebasing: buffer[index..<end])))
                    return
                }
            case .epilogue:
                return
            }
        }
    }

    /// The length of the header block with its blank line (CR LF when the part has no headers,
    /// else up to and with CR LF CR LF), once it is all in `header`; the search starts where the
    /// previous one could not have found the end, so headers sent a byte at a time stay linear.
    private func headerBlockLength(searchingFrom start: Int) -> Int? {
        if header.count >= 2, header[0] == 13, header[1] == 10 { return 2 }
        guard header.count >= 4, start <= header.count - 4 else { return nil }
        for at in start...(header.count - 4) where header[at] == 13 && header[at + 1] == 10 && header[at + 2] == 13 && header[at + 3] == 10 {
            return at + 4
        }
        return nil
    }

    private enum Match {
        case found(Int)
        /// The buffer ends with the first bytes of a delimiter, from here.
        case partial(Int)
        case none
    }

    /// The first delimiter in `buffer` from `start`, or where a delimiter may begin at its end.
    private func find(in buffer: UnsafeRawBufferPointer, from start: Int) -> Match {
        guard let base = buffer.baseAddress else { return .none }
        var index = start
        let end = buffer.count
        while index < end {
            guard let found = memchr(base + index, 13, end - index) else { return .none }
            let at = base.distance(to: UnsafeRawPointer(found))
            let available = min(end - at, delimiter.count)
            let matches = delimiter.withUnsafeBytes { memcmp(base + at, $0.baseAddress!, available) == 0 }
            if matches { return available == delimiter.count ? .found(at) : .partial(at) }
            index = at + 1
        }
        return .none
    }
}
