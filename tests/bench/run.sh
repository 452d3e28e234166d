#!/bin/sh
# run.sh: `make bench`. wrk on loopback, 50 connections, three targets in
# one run through the same nginx: a static file of the login page's size,
# the bare FastCGI responder (bare.c) and the real login page. Prints
# requests per second and the ratios, then the reads (reporting.py),
# page-weight and exchange figures; a benchmark, never a test.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PORT=${BENCH_PORT:-18180}
DURATION=${BENCH_SECONDS:-10}
WORKERS=${BENCH_WORKERS:-4}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

sh etc/dev/stack.sh up bench "$PORT" "workers = $WORKERS
pbkdf2_iterations = 1000" >/dev/null
eval "$(sh etc/dev/stack.sh env bench)"
trap 'pkill -f "bench-bare $RUN/bare.sock" 2>/dev/null; sh etc/dev/stack.sh stop bench >/dev/null' EXIT

size=$(curl -s "http://127.0.0.1:$PORT/login" | wc -c)
mkdir -p "$VAR/bench"
head -c "$size" /dev/zero | tr '\0' x > "$VAR/bench/static.html"
chmod -R a+rX "$VAR/bench"
${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -o build/bench-bare \
	tests/bench/bare.c $(pkg-config --cflags --libs fcgi libmariadb)
build/bench-bare "$RUN/bare.sock" "$size" "$WORKERS" >/dev/null 2>&1 </dev/null &
echo $! > "$RUN/bare.pid"
cat > "$VAR/nginx/extra-bench.conf" <<CONF
location = /bench/static.html { alias $VAR/bench/static.html; default_type text/html; }
location = /bench/bare { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$RUN/bare.sock; }
location = /bench/bare-db { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$RUN/bare-db.sock; }
CONF
kill -HUP "$(cat "$RUN/nginx.pid")"
sleep 1

rps() {	# rps URL [HEADER]: requests per second of one wrk run
	wrk -t2 -c50 -d"${DURATION}s" --latency ${2:+-H "$2"} "$1" > "$VAR/bench/wrk.txt"
	grep -E 'Non-2xx|Socket errors' "$VAR/bench/wrk.txt" >&2 || true
	awk '/Requests\/sec/ { print $2 }' "$VAR/bench/wrk.txt"
}

ROUNDS=${BENCH_ROUNDS:-3}
echo "VRS-MSRC benchmark: wrk -t2 -c50 -d${DURATION}s, $WORKERS FastCGI workers, body $size bytes,"
echo "median of $ROUNDS interleaved rounds (the machine's load drifts; one round misleads)"
# A returning browser sends the anonymous form cookie back, so no new
# random token is drawn for it.
pre=$(openssl rand -hex 32)
: > "$VAR/bench/rounds.txt"
i=0
while [ $i -lt "$ROUNDS" ]; do
	printf 'static %s\n' "$(rps "http://127.0.0.1:$PORT/bench/static.html")" >> "$VAR/bench/rounds.txt"
	printf 'bare %s\n' "$(rps "http://127.0.0.1:$PORT/bench/bare")" >> "$VAR/bench/rounds.txt"
	printf 'login %s\n' "$(rps "http://127.0.0.1:$PORT/login")" >> "$VAR/bench/rounds.txt"
	printf 'again %s\n' "$(rps "http://127.0.0.1:$PORT/login" "Cookie: vrs_pre=$pre")" >> "$VAR/bench/rounds.txt"
	i=$((i + 1))
done
median() { awk -v k="$1" '$1 == k { print $2 }' "$VAR/bench/rounds.txt" | sort -n |
	awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
awk -v s="$(median static)" -v b="$(median bare)" -v l="$(median login)" -v a="$(median again)" 'BEGIN {
	printf "  nginx static file       %10.0f req/s\n", s
	printf "  bare FastCGI responder  %10.0f req/s  (%.2fx static)\n", b, b / s
	printf "  login page, new browser %10.0f req/s  (%.2fx static, %.2fx bare; target >= 0.80x bare)\n", l, l / s, l / b
	printf "  login page, cookie kept %10.0f req/s  (%.2fx static, %.2fx bare)\n", a, a / s, a / b
}'
echo "  rounds: $(tr '\n' ' ' < "$VAR/bench/rounds.txt")"

# Reads that scale (issue 14): about a million cells and 250,000 records;
# every data page against the signed-in /account/password, that page
# against a bare responder with one primary-key SELECT, grid saves alone
# and under readers.
echo
mariadb --defaults-file="$ADMIN_CNF" vrs < tests/bench/gen-reporting.sql > /dev/null
/usr/bin/python3 tests/bench/reporting.py "$PORT"

# Page weights on the same volume, raw and gzip (issue 13).
echo
/usr/bin/python3 tests/bench/weight.py "$PORT"

# Exchange (issue 6): export against mariadb-dump of the same rows, the
# exporter's peak memory, import and validation against xmllint.
echo
/usr/bin/python3 tests/bench/exchange.py "$PORT"
