/// When to give freed heap pages back to the kernel (`SystemInfo.returnFreedMemory`, `malloc_trim`). glibc keeps
/// the pages freed inside its arenas resident: after a burst of large listings and reports at 64 clients that was
/// 29 of 52 MiB (100,000 events). A trim takes 15–35 ms with the arenas locked on a loaded server, so it runs
/// once the server has been quiet — no request started — for `quietTicks` sweeper ticks after serving some, and
/// under load only when the resident size has grown by `growth` bytes since the last trim, and then at most once
/// every `busyTicks` ticks.
struct HeapTrimSchedule {
    /// Ticks without a new request before trimming.
    let quietTicks: Int
    /// Fewest ticks between two trims under load.
    let busyTicks: Int
    /// Growth of the resident size since the last trim that calls for one under load.
    let growth: Int
    private var lastCount = 0
    private var ticksSinceChange = 0
    private var trimmedSinceChange = true
    private var ticksSinceTrim = 0
    private var residentAfterTrim: Int

    /// A schedule for a process that has `resident` bytes resident now.
    init(quietTicks: Int, busyTicks: Int, growth: Int, resident: Int) {
        self.quietTicks = quietTicks
        self.busyTicks = busyTicks
        self.growth = growth
        residentAfterTrim = resident
    }

    /// Called once per tick with the number of requests started so far and the resident size in bytes; true when
    /// the heap should be trimmed now. After a trim, `trimmed(resident:)` tells what is resident then.
    mutating func tick(requestsStarted: Int, resident: Int) -> Bool {
        ticksSinceTrim += 1
        if requestsStarted != lastCount {
            lastCount = requestsStarted
            ticksSinceChange = 0
            trimmedSinceChange = false
            return ticksSinceTrim >= busyTicks && resident - residentAfterTrim >= growth
        }
        ticksSinceChange += 1
        return !trimmedSinceChange && ticksSinceChange >= quietTicks
    }

    /// Records a trim that left `resident` bytes resident.
    mutating func trimmed(resident: Int) {
        trimmedSinceChange = true
        ticksSinceTrim = 0
        residentAfterTrim = resident
    }
}
