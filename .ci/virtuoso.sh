#!/usr/bin/env bash
# Install Virtuoso Open Source from Debian (if missing) and start a throw-away instance on
# loopback for the graph store tests.  Prints the SPARQL base URL on stdout when it answers.
# Usage: .ci/virtuoso.sh [HTTP_PORT] [SQL_PORT]
set -euo pipefail
http_port="${1:-8890}"
sql_port="${2:-1111}"

if ! command -v curl >/dev/null; then
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl >&2
fi

# Already running (a previous CI step, or a developer's instance): use it.
if curl -fsS -o /dev/null "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D" 2>/dev/null; then
    echo "http://127.0.0.1:$http_port"
    exit 0
fi

if ! command -v virtuoso-t >/dev/null; then
    # The package asks for the DBA password through debconf; preseed it so the install never prompts.
    printf '%s\n' \
        "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password dba" \
        "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password dba" | debconf-set-selections
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource >&2
fi

db="$(mktemp -d /tmp/scholargraph-virtuoso.XXXXXX)"
cat > "$db/virtuoso.ini" <<INI
[Database]
DatabaseFile    = $db/virtuoso.db
ErrorLogFile    = $db/virtuoso.log
LockFile        = $db/virtuoso.lck
TransactionFile = $db/virtuoso.trx
xa_persistent_file = $db/virtuoso.pxa
TempStorage     = TempDatabase
[TempDatabase]
DatabaseFile    = $db/virtuoso-temp.db
TransactionFile = $db/virtuoso-temp.trx
[Parameters]
ServerPort       = 127.0.0.1:$sql_port
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers  = 10000
MaxDirtyBuffers  = 6000
DirsAllowed      = ., /usr/share/virtuoso-opensource-7/vad
VADInstallDir    = /usr/share/virtuoso-opensource-7/vad/
[HTTPServer]
ServerPort       = 127.0.0.1:$http_port
ServerRoot       = /var/lib/virtuoso-opensource-7/vsp
ServerThreads    = 10
MaxClientConnections = 10
Charset          = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
INI
# A fresh database gets the password "dba" for the dba user.
(cd "$db" && virtuoso-t +configfile "$db/virtuoso.ini" +wait) >&2

for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D"; then
        break
    fi
    sleep 0.5
done
# The anonymous SPARQL endpoint may only read until the "SPARQL" user gets the update role.
isql-vt "127.0.0.1:$sql_port" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";' >&2
curl -fsS -o /dev/null "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D"
echo "http://127.0.0.1:$http_port"
