import DAVXML
// libFuzzer entry point for the request-body XML reader (DAVXML.XMLReader) and the writer dead properties are
// stored with. Every XMLReaderError is fine. A tree the reader accepts is serialised as a stored dead property
// is (XMLWriter.fragment) and read again: it must parse and give the same tree (adjacent text runs merged),
// or the property would be lost. A crash, a sanitizer report or a failed round trip is a finding.
import Foundation
import FoundationXML  // linked for DAVXML: static libraries do not carry autolink entries

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = XMLReader(maxDepth: 32, maxElements: 2_000)
    guard let tree = try? reader.parse(bytes) else { return 0 }
    let stored = XMLWriter.fragment(tree)
    let reread: XMLTree
    do {
        reread = try reader.parse(stored)
    } catch {
        fatalError("stored form does not parse (\(error)): \(String(decoding: stored, as: UTF8.self))")
    }
    if normalised(reread) != normalised(tree) {
        fatalError("round trip changed the tree: \(String(decoding: stored, as: UTF8.self))")
    }
    return 0
}

/// The tree with adjacent text nodes merged and empty ones dropped.
private func normalised(_ tree: XMLTree) -> XMLTree {
    var children: [XMLTree.Node] = []
    for child in tree.children {
        switch child {
        case .element(let element):
            children.append(.element(normalised(element)))
        case .text(let text) where text.isEmpty:
            continue
        case .text(let text):
            if case .text(let previous)? = children.last {
                children[children.count - 1] = .text(previous + text)
            } else {
                children.append(.text(text))
            }
        }
    }
    return XMLTree(tree.name, attributes: tree.attributes, children: children)
}
