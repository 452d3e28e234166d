#!/bin/sh
# stack.sh: the private development and test stack behind `make run` and
# `make test`: Debian packages, a MariaDB instance under var/, the FastCGI
# workers and nginx on loopback. Nothing here touches system services.
#
#   stack.sh deps [run|test]     install missing packages (root) or print the line
#   stack.sh run [PORT]          start the "run" instance in the foreground
#   stack.sh stop [INSTANCE]     stop an instance (default: run)
#   stack.sh up INSTANCE PORT    start an instance in the background (tests)
#   stack.sh demo [INSTANCE]     seed a running instance's demo, print its logins
#   stack.sh env INSTANCE        print the instance's paths as shell variables
#
# Mail: each instance's configuration sends to a local SMTP sink on
# SMTP_PORT (run: $SMTP_PORT or 8025; test: $VRS_TEST_SMTP_PORT or 18025).
# `run` starts the sink (python3-aiosmtpd, writing each message into the
# maildir var/run/mail/new/) and runs `vrsadm mail-send` every 10 s; the
# tests start their own sink and run mail-send themselves.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$ROOT/build

say() { printf '%s\n' "$*"; }
die() { printf 'stack.sh: %s\n' "$*" >&2; exit 1; }

# ---- packages -------------------------------------------------------------

missing_packages() {
	level=$1
	awk -v level="$level" '!/^#/ && NF >= 2 &&
		(level == "test" || $2 == "run") { print $1 }' \
		"$ROOT/etc/dev/packages.txt" |
	while read -r p; do
		s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		case $s in *" installed") ;; *) printf '%s ' "$p" ;; esac
	done
}

deps() {
	level=${1:-test}
	pkgs=$(missing_packages "$level")
	[ -z "$pkgs" ] && return 0
	line="apt-get install -y --no-install-recommends $pkgs"
	if [ "$(id -u)" != 0 ]; then
		say "These Debian packages are missing. As root, run:"
		say "  apt-get update && $line"
		exit 1
	fi
	say "Installing: $pkgs"
	# On an ordinary server the packages' scripts would start the system
	# nginx, Apache and MariaDB (and two of them fight over port 80). We
	# use private instances, so services stay down during the install.
	guard=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		say "(temporarily adding /usr/sbin/policy-rc.d so no system service starts)"
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		guard=1
	fi
	rc=0
	apt-get update -qq || rc=$?
	# shellcheck disable=SC2086
	[ $rc = 0 ] && { DEBIAN_FRONTEND=noninteractive $line >/dev/null || rc=$?; }
	[ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d && say "(removed it again)"
	[ $rc = 0 ] || die "apt-get failed ($rc)"
}

# ---- instance layout --------------------------------------------------------

# Sockets live in a short, world-traversable directory: unix socket paths
# are limited to 108 bytes and nginx's workers must reach them even when
# the checkout sits in a private directory.
layout() {
	INST=$1
	VAR=$ROOT/var/$INST
	RUN=/tmp/vrs-msrc-$(printf '%s' "$VAR" | sha1sum | cut -c1-10)
	DB_SOCK=$RUN/mysqld.sock
	APP_SOCK=$RUN/vrs.sock
	CONF=$VAR/vrs.conf
	ADMIN_CNF=$VAR/admin.cnf
	LOGS=$VAR/logs
	DB_NAME=vrs
	DB_USER=vrs
	MAILDIR=$VAR/mail
	if [ "$INST" = run ]; then
		SMTP_PORT=${SMTP_PORT:-8025}
	else
		SMTP_PORT=${VRS_TEST_SMTP_PORT:-18025}
	fi
}

env_vars() {
	layout "$1"
	cat <<VARS
ROOT='$ROOT'
VAR='$VAR'
RUN='$RUN'
DB_SOCK='$DB_SOCK'
APP_SOCK='$APP_SOCK'
CONF='$CONF'
ADMIN_CNF='$ADMIN_CNF'
LOGS='$LOGS'
DB_NAME='$DB_NAME'
MAILDIR='$MAILDIR'
SMTP_PORT='$SMTP_PORT'
VARS
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() {	# wait_for SECONDS COMMAND...: poll until the command succeeds
	n=$(($1 * 10)); shift
	while ! "$@" >/dev/null 2>&1; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		sleep 0.1
	done
}

# ---- MariaDB ------------------------------------------------------------------

db_start() {
	mkdir -p "$VAR/db" "$RUN" "$LOGS"
	chmod 755 "$RUN"
	me=$(id -un)
	cat > "$VAR/db/my.cnf" <<CNF
[mariadbd]
datadir=$VAR/db/data
socket=$DB_SOCK
pid-file=$RUN/mysqld.pid
log-error=$LOGS/mariadb.err
user=$me
skip-networking
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
default-time-zone=+00:00
innodb_buffer_pool_size=128M
innodb_flush_log_at_trx_commit=2
# The query cache serves the pooled views' reads (the standing, the
# totals, the trends) again until a write to one of their tables; INSTALL
# recommends it for production and says what it measured.
query_cache_type=1
query_cache_size=64M
[client]
socket=$DB_SOCK
default-character-set=utf8mb4
CNF
	if [ ! -d "$VAR/db/data/mysql" ]; then
		say "Creating the MariaDB instance in $VAR/db/data"
		mariadb-install-db --defaults-file="$VAR/db/my.cnf" \
			--auth-root-authentication-method=socket \
			--skip-test-db >"$LOGS/mariadb-install.log" 2>&1 ||
			die "mariadb-install-db failed: see $LOGS/mariadb-install.log"
	fi
	if ! alive "$RUN/mysqld.pid"; then
		setsid mariadbd --defaults-file="$VAR/db/my.cnf" \
			>>"$LOGS/mariadb.err" 2>&1 < /dev/null &
		wait_for 30 mariadb-admin --defaults-file="$VAR/db/my.cnf" ping ||
			die "MariaDB did not start: see $LOGS/mariadb.err"
	fi
	# The OS account that created the instance administers it over the
	# socket (unix_socket authentication), as root does on Debian.
	cat > "$ADMIN_CNF" <<CNF
[client]
socket=$DB_SOCK
user=$(if [ "$me" = root ]; then echo root; else echo "$me"; fi)
CNF
	chmod 600 "$ADMIN_CNF"
}

db_sql() { mariadb --defaults-file="$ADMIN_CNF" "$@"; }

db_prepare() {	# database, application account, schema, grants
	if [ ! -f "$VAR/db-password" ]; then
		umask 077
		openssl rand -hex 24 > "$VAR/db-password"
		umask 022
	fi
	chmod 640 "$VAR/db-password"
	pw=$(cat "$VAR/db-password")
	db_sql -e "CREATE DATABASE IF NOT EXISTS $DB_NAME
		CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$pw';
		ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$pw';" $DB_NAME 2>/dev/null ||
	db_sql -e "CREATE DATABASE IF NOT EXISTS $DB_NAME
		CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$pw';
		ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$pw';"
	"$BUILD/vrsadm" -c "$CONF" --admin-defaults "$ADMIN_CNF" migrate >/dev/null
	"$BUILD/vrsadm" -c "$CONF" --admin-defaults "$ADMIN_CNF" grants |
		db_sql "$DB_NAME"
}

# ---- configuration -------------------------------------------------------------

write_conf() {	# write_conf PORT EXTRA-LINES
	cat > "$CONF" <<CONF
# Generated by etc/dev/stack.sh for the "$INST" instance.
db_socket = $DB_SOCK
db_name = $DB_NAME
db_user = $DB_USER
db_password_file = $VAR/db-password
share_dir = $ROOT
static_url = /static
log = $LOGS/vrs.log
listen = $APP_SOCK
listen_mode = 0666
workers = ${WORKERS:-4}
public_url = http://127.0.0.1:$1
smtp_url = smtp://127.0.0.1:$SMTP_PORT
smtp_from = vrs-msrc@localhost
smtp_tls = none
mail_retry_seconds = 10
$2
CONF
}

nginx_conf() {	# nginx_conf PORT BODY-LIMIT
	mkdir -p "$VAR/nginx/tmp"
	user_line=
	if [ "$(id -u)" = 0 ]; then
		# nginx's workers must read static/ and reach the socket.
		if runuser -u www-data -- test -r "$ROOT/static/style.css" 2>/dev/null; then
			user_line="user www-data;"
		else
			user_line="user root;"
			say "note: www-data cannot read $ROOT, so this private nginx runs its workers as root"
		fi
	fi
	cat > "$VAR/nginx/nginx.conf" <<NGINX
# Generated by etc/dev/stack.sh; the production sample is etc/nginx/.
$user_line
worker_processes 2;
pid $RUN/nginx.pid;
error_log $LOGS/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $LOGS/nginx-access.log;
    sendfile on;
    server_tokens off;
    client_body_temp_path tmp/body; proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi; uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    client_max_body_size $2;
    # As the samples in etc/nginx/: pages, CSS, CSV, XML and SVG are sent
    # compressed to browsers that accept gzip (text/html is implied).
    gzip on;
    gzip_vary on;
    gzip_proxied any;
    gzip_comp_level 5;
    gzip_min_length 256;
    gzip_types text/css text/csv application/xml text/xml image/svg+xml;
    server {
        listen 127.0.0.1:$1;
        server_name localhost;
        location /static/ { alias $ROOT/static/; }
        # Not in Debian's mime.types: the schema is served as XML.
        location = /static/vrs-exchange-1.0.xsd {
            alias $ROOT/static/vrs-exchange-1.0.xsd;
            default_type application/xml;
        }
        # XML uploads: max_upload_bytes (20 MiB) plus the form around it.
        location ~ ^/submission/[0-9]+/import\$ {
            client_max_body_size 21m;
            include /etc/nginx/fastcgi_params;
            fastcgi_split_path_info (?s)^()(/.*)\$;
            fastcgi_param PATH_INFO \$fastcgi_path_info;
            fastcgi_param HTTP_PROXY "";
            fastcgi_pass unix:$APP_SOCK;
        }
        location / {
            include /etc/nginx/fastcgi_params;
            fastcgi_split_path_info (?s)^()(/.*)\$;
            fastcgi_param PATH_INFO \$fastcgi_path_info;
            fastcgi_param HTTP_PROXY "";
            fastcgi_pass unix:$APP_SOCK;
        }
        # Extra locations, e.g. the benchmark's (tests/bench/run.sh).
        include $VAR/nginx/extra-*.conf;
    }
}
NGINX
}

# ---- processes -----------------------------------------------------------------

app_start() {
	"$BUILD/vrs.fcgi" -c "$CONF" --check >/dev/null
	setsid "$BUILD/vrs.fcgi" -c "$CONF" >>"$LOGS/vrs.stderr" 2>&1 < /dev/null &
	echo $! > "$RUN/vrs.pid"
	wait_for 10 test -S "$APP_SOCK" || die "the FastCGI workers did not start: see $LOGS/"
}

nginx_start() {
	nginx -t -q -p "$VAR/nginx/" -c "$VAR/nginx/nginx.conf" \
		-e "$LOGS/nginx-error.log" || die "nginx configuration rejected"
	nginx -p "$VAR/nginx/" -c "$VAR/nginx/nginx.conf" -e "$LOGS/nginx-error.log"
	wait_for 10 test -f "$RUN/nginx.pid" || die "nginx did not start: see $LOGS/nginx-error.log"
}

stop_pid() {	# stop_pid PIDFILE SIGNAL
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	if kill -0 "$pid" 2>/dev/null; then
		kill "-$2" "$pid" 2>/dev/null || true
		n=300
		while kill -0 "$pid" 2>/dev/null && [ $n -gt 0 ]; do
			sleep 0.1; n=$((n - 1))
		done
	fi
	rm -f "$1"
}

# The local SMTP sink: every message lands in $MAILDIR/new/, one file
# each, to read with any text viewer (or mutt -f $MAILDIR).
mail_sink_start() {
	mkdir -p "$MAILDIR/new" "$MAILDIR/cur" "$MAILDIR/tmp"
	/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
		-c aiosmtpd.handlers.Mailbox "$MAILDIR" \
		>>"$LOGS/mail-sink.log" 2>&1 < /dev/null &
	echo $! > "$RUN/mail-sink.pid"
	wait_for 10 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $SMTP_PORT), 1)" ||
		say "note: the SMTP sink did not start on port $SMTP_PORT (see $LOGS/mail-sink.log); mail waits in the database"
}

# vrsadm mail-send every 10 s, as vrs-msrc-mail.timer does every minute.
mail_loop_start() {
	( while :; do
		"$BUILD/vrsadm" -c "$CONF" mail-send >/dev/null \
			2>>"$LOGS/mail-send.log" || true
		sleep 10
	  done ) < /dev/null &
	echo $! > "$RUN/mail-loop.pid"
}

stop_instance() {
	layout "$1"
	# `make run` itself waits in the foreground of another terminal: ask
	# it to end, so it stops its instance and returns the prompt there.
	stop_pid "$RUN/run.pid" TERM
	stop_pid "$RUN/mail-loop.pid" TERM
	stop_pid "$RUN/mail-sink.pid" TERM
	stop_pid "$RUN/nginx.pid" QUIT
	stop_pid "$RUN/vrs.pid" TERM
	stop_pid "$RUN/mysqld.pid" TERM
}

# var/<instance>/vrsadm: build/vrsadm with the instance's configuration,
# so its host admin types no -c (installed systems keep the default,
# /etc/vrs-msrc/vrs.conf).
write_tool() {
	cat > "$VAR/vrsadm.tmp" <<TOOL
#!/bin/sh
# Generated by etc/dev/stack.sh: vrsadm for the "$INST" instance.
# migrate, grants and restore also need: --admin-defaults $ADMIN_CNF
exec "$BUILD/vrsadm" -c "$CONF" "\$@"
TOOL
	chmod 755 "$VAR/vrsadm.tmp"
	mv "$VAR/vrsadm.tmp" "$VAR/vrsadm"
}

up() {	# up INSTANCE PORT [EXTRA-CONF-LINES] [BODY-LIMIT]
	layout "$1"
	[ -x "$BUILD/vrs.fcgi" ] || die "build first (make)"
	stop_instance "$1"
	layout "$1"
	mkdir -p "$VAR" "$LOGS"
	write_conf "$2" "${3:-}"
	write_tool
	db_start
	db_prepare
	nginx_conf "$2" "${4:-1m}"
	app_start
	nginx_start
}

# ---- the demo --------------------------------------------------------------------

demo_user() {	# demo_user USERNAME "NAME" ROLE [JURISDICTION]: prints its login line
	pw=$(openssl rand -base64 15)
	case $users in
	"$1 "*|*"
$1 "*)	printf '%s\n' "$pw" | $adm user passwd --permanent "$1" >/dev/null ;;
	*)	printf '%s\n' "$pw" | $adm user add --permanent --username "$1" --name "$2" \
			--role "$3" ${4:+--jurisdiction "$4"} \
			--email "$1@demo.invalid" >/dev/null ;;
	esac
	printf '  %-14s %-22s %s\n' "$1" "$pw" "$3${4:+ ($4)}"
}

demo_seed() {	# idempotent: a run that stopped half-way is completed
	logins=$VAR/demo-logins.txt
	adm="$BUILD/vrsadm -c $CONF"
	if [ -f "$logins" ]; then
		# Logins of an older demo: add what it lacked, keep the rest.
		grep -q '^  analyst ' "$logins" && return 0
		users=$($adm user list)
		umask 077
		demo_user analyst "Demo Secretariat Analyst" secretariat-analyst >> "$logins"
		umask 022
		return 0
	fi
	umask 077
	: > "$logins.tmp"
	existing=$($adm jurisdiction list)
	for j in "QZA:Demoland Alpha (fictitious)" "QZB:Demoland Beta (fictitious)" \
		 "QZC:Demoland Gamma (fictitious)"; do
		case $existing in *"${j%%:*} "*) continue ;; esac
		$adm jurisdiction add "${j%%:*}" --organisation --name "${j#*:}" >/dev/null
	done
	users=$($adm user list)
	add_user() {	# add_user USERNAME "NAME" ROLE [JURISDICTION]
		demo_user "$@" >> "$logins.tmp"
	}
	add_user admin "Demo Secretariat Admin" secretariat-admin
	add_user analyst "Demo Secretariat Analyst" secretariat-analyst
	for c in qza qzb qzc; do
		C=$(echo $c | tr a-z A-Z)
		add_user "$c.focal" "Demo focal point $C" focal-point "$C"
		add_user "$c.entry" "Demo data entry officer $C" data-entry "$C"
	done
	mv "$logins.tmp" "$logins"
	umask 022
}

# The demo's logins and what there is to do, as `make run` prints them.
demo() {	# demo INSTANCE: seed the demo (idempotent), print its logins
	layout "$1"
	demo_seed
	# Fictitious figures, so that every role finds work and the pooled
	# views and the sharing rule show at once (idempotent).
	"$BUILD/vrsadm" -c "$CONF" demo-data >/dev/null
	rel=${VAR#"$ROOT"/}
	cat <<TXT
Demo logins (generated at first run, kept in $rel/demo-logins.txt).
Each home page starts with that account's to-do list. In the open period
2026-S2 (fictitious data):
  - QZA's draft has a dataset the secretariat returned, with its reason:
    qza.entry corrects it, then qza.focal certifies and submits it again;
  - QZB has submitted: analyst reviews it (accept, or return with reasons);
  - QZC has not started: qzc.entry starts its draft.
QZA and QZB contributed 2025-S1 to 2026-S1: qza.focal opens "Shared data";
QZC has not (its 2026-S1 draft is still open, and overdue), and qzc.focal
sees why, and what submitting would unlock.
  username       password               role
$(cat "$VAR/demo-logins.txt")

The host admin's tool for this instance needs no -c: $rel/vrsadm
  ($rel/vrsadm verify, $rel/vrsadm user list, $rel/vrsadm help)
TXT
}

run() {
	port=${1:-8080}
	deps run
	# Whatever happens from here on, what we started is stopped again.
	sleeper=
	trap 'say "Stopping..."; [ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
		rm -f "$RUN/run.pid"; stop_instance run' EXIT
	trap 'exit 0' INT TERM
	up run "$port"
	echo $$ > "$RUN/run.pid"
	mail_sink_start
	mail_loop_start
	say ""
	say "VRS-MSRC is running at http://127.0.0.1:$port/"
	say ""
	demo run
	cat <<TXT

Mail: notifications go to a local SMTP sink on 127.0.0.1:$SMTP_PORT; each
message is a file in var/run/mail/new/ (vrsadm mail-send runs every 10 s).
Logs: var/run/logs/   Data: var/run/db/ (kept between runs)
Press Ctrl-C to stop (or run 'make stop' elsewhere).
TXT
	# A background sleep and wait, so that a signal ends the wait at once.
	while :; do sleep 3600 & sleeper=$!; wait "$sleeper"; done
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
deps) deps "$@" ;;
run) run "$@" ;;
stop) stop_instance "${1:-run}"; say "stopped ${1:-run}" ;;
up) up "$@" ;;
demo) demo "${1:-run}" ;;
env) env_vars "$1" ;;
*) die "usage: stack.sh deps|run|stop|up|demo|env ..." ;;
esac
