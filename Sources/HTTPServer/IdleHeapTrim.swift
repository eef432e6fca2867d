/// When to give freed heap pages back to the kernel: once the server has been quiet — no request started — for
/// `quietTicks` sweeper ticks after serving some. glibc keeps the pages freed inside its arenas resident; after a
/// burst of large listings and reports that was 29 MiB of 52 MiB (100,000 events, 64 clients). `malloc_trim`
/// takes 15–35 ms with the arenas locked on a loaded server, so it runs only when nothing is being asked of it,
/// not on a timer.
struct IdleHeapTrim {
    /// Ticks without a new request before trimming.
    let quietTicks: Int
    private var lastCount = 0
    private var ticksSinceChange = 0
    private var trimmedSinceChange = true

    init(quietTicks: Int) {
        self.quietTicks = quietTicks
    }

    /// Called once per tick with the number of requests started so far; true when the heap should be trimmed now.
    mutating func tick(requestsStarted: Int) -> Bool {
        if requestsStarted != lastCount {
            lastCount = requestsStarted
            ticksSinceChange = 0
            trimmedSinceChange = false
            return false
        }
        ticksSinceChange += 1
        guard !trimmedSinceChange, ticksSinceChange >= quietTicks else { return false }
        trimmedSinceChange = true
        return true
    }
}
