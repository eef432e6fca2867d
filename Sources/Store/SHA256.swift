/// SHA-256 (FIPS 180-4 §6.2), incremental. Used for content addressing and ETags.
///
/// Works on raw buffers: whole 64-byte blocks are compressed straight from the caller's
/// memory; only a trailing partial block is copied into a fixed internal buffer.
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
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
        for word in state {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }

    /// Compresses `blocks` consecutive 64-byte blocks starting at `data`.
    private mutating func compress(_ data: UnsafeRawBufferPointer, blocks: Int) {
        guard let base = data.baseAddress else { return }
        state.withUnsafeMutableBufferPointer { state in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                sha256RoundConstants.withUnsafeBufferPointer { constants in
                    guard let state = state.baseAddress, let schedule = schedule.baseAddress,
                        let constants = constants.baseAddress
                    else { return }
                    sha256Compress(state: state, data: base, blocks: blocks, schedule: schedule, constants: constants)
                }
            }
        }
    }
}

/// The SHA-256 compression function (FIPS 180-4 §6.2.2) over `blocks` 64-byte blocks.
/// Written for speed even in unoptimised builds (bodies are hashed as they stream in):
/// plain pointers, `while` loops, masking shifts, no closures or generic calls.
private func sha256Compress(
    state: UnsafeMutablePointer<UInt32>,
    data: UnsafeRawPointer,
    blocks: Int,
    schedule w: UnsafeMutablePointer<UInt32>,
    constants k: UnsafePointer<UInt32>
) {
    var a0 = state[0]
    var b0 = state[1]
    var c0 = state[2]
    var d0 = state[3]
    var e0 = state[4]
    var f0 = state[5]
    var g0 = state[6]
    var h0 = state[7]
    var p = data.assumingMemoryBound(to: UInt8.self)
    var remaining = blocks
    while remaining > 0 {
        var t = 0
        while t < 16 {
            w[t] = UInt32(p[0]) &<< 24 | UInt32(p[1]) &<< 16 | UInt32(p[2]) &<< 8 | UInt32(p[3])
            p += 4
            t &+= 1
        }
        while t < 64 {
            let x = w[t &- 15]
            let y = w[t &- 2]
            let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
            let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
            t &+= 1
        }
        var a = a0
        var b = b0
        var c = c0
        var d = d0
        var e = e0
        var f = f0
        var g = g0
        var h = h0
        t = 0
        while t < 64 {
            sha256Round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
            sha256Round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ w[t &+ 1])
            sha256Round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ w[t &+ 2])
            sha256Round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ w[t &+ 3])
            sha256Round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ w[t &+ 4])
            sha256Round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ w[t &+ 5])
            sha256Round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ w[t &+ 6])
            sha256Round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ w[t &+ 7])
            t &+= 8
        }
        a0 &+= a
        b0 &+= b
        c0 &+= c
        d0 &+= d
        e0 &+= e
        f0 &+= f
        g0 &+= g
        h0 &+= h
        remaining &-= 1
    }
    state[0] = a0
    state[1] = b0
    state[2] = c0
    state[3] = d0
    state[4] = e0
    state[5] = f0
    state[6] = g0
    state[7] = h0
}

/// One round (FIPS 180-4 §6.2.2 step 3) with the working variables passed in rotated
/// order, so eight unrolled calls need no register shuffling; `kw` is K[t] + W[t].
@_transparent
private func sha256Round(
    _ a: UInt32,
    _ b: UInt32,
    _ c: UInt32,
    _ d: inout UInt32,
    _ e: UInt32,
    _ f: UInt32,
    _ g: UInt32,
    _ h: inout UInt32,
    _ kw: UInt32
) {
    let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
    d &+= t1
    h = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
}

@_transparent
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
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
