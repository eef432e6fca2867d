import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How many worker threads handle requests at once (`ServerConfiguration.workerCount`). The pool has twice as many
/// threads; a handler that waits for something other than the CPU — its write reaching the disk — gives its slot
/// up meanwhile (`HTTPServer.yieldingSlot(while:)`), so another thread serves the next request, and the writes of
/// more connections share one commit and one flush, while no more handlers than slots run at once
/// (Docs/decisions/0019).
final class HandlerSlots: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: Int

    /// The slot-holding thread's `HandlerSlots`, as an unretained pointer; nil on a thread that holds no slot.
    private static let heldKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Slots for `count` handlers.
    init(count: Int) { free = max(1, count) }

    /// Whether the current thread holds a slot.
    var isHeld: Bool { pthread_getspecific(Self.heldKey) != nil }

    /// Waits for a free slot and takes it for the current thread, unless it holds one.
    func take() {
        guard !isHeld else { return }
        condition.lock()
        while free == 0 { condition.wait() }
        free -= 1
        condition.unlock()
        pthread_setspecific(Self.heldKey, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Takes a slot for the current thread if one is free at once.
    func takeIfFree() {
        condition.lock()
        let taken = free > 0
        if taken { free -= 1 }
        condition.unlock()
        if taken { pthread_setspecific(Self.heldKey, Unmanaged.passUnretained(self).toOpaque()) }
    }

    /// Gives back the current thread's slot, if it holds one.
    func give() {
        guard isHeld else { return }
        pthread_setspecific(Self.heldKey, nil)
        condition.lock()
        free += 1
        condition.signal()
        condition.unlock()
    }

    /// Runs `wait` with the current thread's slot given up. Afterwards the thread takes a slot again only if one is
    /// free: it finishes the request it is in the middle of (its response) either way, and takes a slot, waiting
    /// if it must, before it begins another (`take()`). On a thread that holds no slot, just runs `wait`.
    static func yielding(while wait: () -> Void) {
        guard let held = pthread_getspecific(heldKey) else {
            wait()
            return
        }
        let slots = Unmanaged<HandlerSlots>.fromOpaque(held).takeUnretainedValue()
        slots.give()
        wait()
        slots.takeIfFree()
    }
}

extension HTTPServer {
    /// Runs `wait` — a wait that needs no CPU, such as a write's turn at the database and the flush that makes it
    /// durable — with the calling worker's handler slot given up, so another worker can serve a request meanwhile;
    /// the caller continues once it has a slot again. Outside a worker thread it just runs `wait`.
    public static func yieldingSlot(while wait: () -> Void) {
        HandlerSlots.yielding(while: wait)
    }
}
