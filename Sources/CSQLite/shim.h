#include <sqlite3.h>

/// `sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes)`: statement and savepoint journals up to `bytes` stay in
/// memory (the variadic call cannot be made from Swift). Only effective before `sqlite3_initialize`.
static inline int kalends_sqlite3_config_statement_journal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
