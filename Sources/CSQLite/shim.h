// SQLite's C API (Debian package libsqlite3-dev), used by the Results store.
#include <sqlite3.h>
