#!/usr/bin/env bash
# Regenerates the parse-error goldens: for every test/parse-errors/NAME.capnp, NAME.stderr is what
# the reference compiler (capnp 0.9.2) prints for `capnp compile -o- NAME.capnp`.
#
# The compiler is run inside test/parse-errors with the bare file name, so the goldens name files
# as `NAME.capnp:LINE:COL` whatever machine made them. Every fixture must fail to compile, and
# with parse-stage errors only (parser.test.ts checks that we print exactly these lines).
#
# Usage: packages/compiler/scripts/make-parse-goldens.sh   (needs `capnp` 0.9.2 on PATH)
set -euo pipefail

cd "$(dirname "$0")/../test/parse-errors"

version="$(capnp --version)"
if [[ "$version" != "Cap'n Proto version 0.9.2" ]]; then
  echo "make-parse-goldens: need capnp 0.9.2, found: $version" >&2
  exit 1
fi

status=0
for schema in *.capnp; do
  golden="${schema%.capnp}.stderr"
  # `cd` above keeps PWD in sync with the directory, which capnp checks.
  if capnp compile -o- "$schema" >/dev/null 2>"$golden"; then
    echo "make-parse-goldens: $schema compiled without errors; a fixture must fail" >&2
    status=1
  elif grep -q 'Uncaught exception' "$golden"; then
    echo "make-parse-goldens: capnp crashed on $schema; not usable as a fixture" >&2
    status=1
  fi
done
exit "$status"
