#!/bin/sh
# check-templates.sh: fails if a template could print unescaped data.
# ClearSilver escapes every var: (Config.VarEscapeMode=html), but uvar:,
# escape: "none" and name: bypass it. Exceptions must be listed below with
# a reason, as "file:line-content".
set -u
cd "$(dirname "$0")/.."
ALLOW=tests/template-allowlist.txt
bad=$(grep -nE 'uvar:|escape: *"none"|[^_a-z]name: *[A-Za-z]' templates/*.cs |
	while IFS= read -r hit; do
		grep -qxF "$hit" "$ALLOW" 2>/dev/null || printf '%s\n' "$hit"
	done)
if [ -n "$bad" ]; then
	echo "Unescaped template output (add to $ALLOW only with a reason):"
	printf '%s\n' "$bad"
	exit 1
fi
echo "no uvar:, escape: \"none\" or bare name: in templates/"
