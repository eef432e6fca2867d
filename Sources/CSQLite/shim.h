#include <sqlite3.h>

/// `sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes)`: statement and savepoint journals up to `bytes` stay in
/// memory (the variadic call cannot be made from Swift). Only effective before `sqlite3_initialize`.
static inline int kalends_sqlite3_config_statement_journal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}

/// `sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on)`: whether SQLite counts its allocations. Counting takes one
/// process-wide mutex on every `sqlite3_malloc` and `sqlite3_free`, which the worker threads' connections then
/// contend for. Only effective before `sqlite3_initialize`.
static inline int kalends_sqlite3_config_memory_statistics(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
