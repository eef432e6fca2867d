import Foundation
import Store
import Testing

@Suite struct SHA256Tests {
    @Test func emptyInput() {
        #expect(sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func fipsVectorABC() {
        #expect(sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func fipsVector448Bits() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(sha256Hex(Array(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func fipsVectorMillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func splitUpdatesMatchOneShot() {
        let data = patternBytes(count: 1000)
        let expected = SHA256.digest(data)
        for split in [1, 3, 55, 56, 63, 64, 65, 127, 128, 500] {
            var hasher = SHA256()
            var offset = 0
            while offset < data.count {
                let end = min(offset + split, data.count)
                hasher.update(Array(data[offset..<end]))
                offset = end
            }
            #expect(hasher.finalize() == expected, "split \(split)")
        }
    }

    @Test func paddingBoundaries() {
        // Lengths around the 55/56/64-byte padding edges, checked against known digests.
        #expect(
            sha256Hex([UInt8](repeating: 0x61, count: 55))
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"
        )
        #expect(
            sha256Hex([UInt8](repeating: 0x61, count: 56))
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"
        )
        #expect(
            sha256Hex([UInt8](repeating: 0x61, count: 64))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
        )
    }

    @Test func throughput() {
        let data = [UInt8](repeating: 0x5A, count: 16 * 1024 * 1024)
        let start = threadCPUTime()
        var hasher = SHA256()
        data.withUnsafeBytes { hasher.update($0) }
        _ = hasher.finalize()
        let seconds = threadCPUTime() - start
        let rate = 16 / seconds
        print("SHA-256 throughput: \(Int(rate)) MB/s (thread CPU time)")
        #expect(rate > 1)
    }
}
