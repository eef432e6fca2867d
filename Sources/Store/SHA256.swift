/// SHA-256 (FIPS 180-4 §6.2), incremental. Used for content addressing and ETags.
///
/// Works on raw buffers: whole 64-byte blocks are compressed straight from the caller's
/// memory; only a trailing partial block is copied into a fixed internal buffer.
public struct SHA256: Sendable {
    private var h0: UInt32 = 0x6a09_e667
    private var h1: UInt32 = 0xbb67_ae85
    private var h2: UInt32 = 0x3c6e_f372
    private var h3: UInt32 = 0xa54f_f53a
    private var h4: UInt32 = 0x510e_527f
    private var h5: UInt32 = 0x9b05_688c
    private var h6: UInt32 = 0x1f83_d9ab
    private var h7: UInt32 = 0x5be0_cd19
    private var pending = [UInt8](repeating: 0, count: 64)
    private var pendingCount = 0
    private var totalLength: UInt64 = 0

    /// A fresh hash state (FIPS 180-4 §5.3.3 initial value).
    public init() {}

    /// Hashes `bytes` in one call.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Feeds `bytes` into the hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds the bytes of `buffer` into the hash.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        totalLength &+= UInt64(buffer.count)
        var offset = 0
        if pendingCount > 0 {
            let take = min(64 - pendingCount, buffer.count)
            let start = pendingCount
            pending.withUnsafeMutableBytes { dest in
                dest.baseAddress.map { ($0 + start).copyMemory(from: base, byteCount: take) }
            }
            pendingCount += take
            offset = take
            guard pendingCount == 64 else { return }
            let block = pending
            block.withUnsafeBytes { compress($0, blocks: 1) }
            pendingCount = 0
        }
        let blocks = (buffer.count - offset) / 64
        if blocks > 0 {
            compress(UnsafeRawBufferPointer(rebasing: buffer[offset...]), blocks: blocks)
            offset += blocks * 64
        }
        let rest = buffer.count - offset
        if rest > 0 {
            pending.withUnsafeMutableBytes { dest in
                dest.baseAddress.map { $0.copyMemory(from: base + offset, byteCount: rest) }
            }
            pendingCount = rest
        }
    }

    /// Pads (FIPS 180-4 §5.1.1) and returns the 32-byte digest. The state is consumed.
    public mutating func finalize() -> [UInt8] {
        let bitLength = totalLength &* 8
        var tail: [UInt8] = [0x80]
        let padZeros = (55 - pendingCount + 64) % 64
        tail.append(contentsOf: repeatElement(0, count: padZeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedLength = totalLength
        update(tail)
        totalLength = savedLength
        var out = [UInt8]()
        out.reserveCapacity(32)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    /// Compresses `blocks` consecutive 64-byte blocks starting at `data` (FIPS 180-4 §6.2.2).
    private mutating func compress(_ data: UnsafeRawBufferPointer, blocks: Int) {
        guard let base = data.baseAddress else { return }
        var a0 = h0, b0 = h1, c0 = h2, d0 = h3, e0 = h4, f0 = h5, g0 = h6, hh0 = h7
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            sha256RoundConstants.withUnsafeBufferPointer { k in
                for block in 0..<blocks {
                    let p = base + block * 64
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let x = w[t - 15], y = w[t - 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                    }
                    var a = a0, b = b0, c = c0, d = d0, e = e0, f = f0, g = g0, h = hh0
                    for t in 0..<64 {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ ch &+ k[t] &+ w[t]
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ maj
                        h = g
                        g = f
                        f = e
                        e = d &+ t1
                        d = c
                        c = b
                        b = a
                        a = t1 &+ t2
                    }
                    a0 &+= a
                    b0 &+= b
                    c0 &+= c
                    d0 &+= d
                    e0 &+= e
                    f0 &+= f
                    g0 &+= g
                    hh0 &+= h
                }
            }
        }
        h0 = a0
        h1 = b0
        h2 = c0
        h3 = d0
        h4 = e0
        h5 = f0
        h6 = g0
        h7 = hh0
    }
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
}

/// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of
/// the first 64 primes.
private let sha256RoundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
]
