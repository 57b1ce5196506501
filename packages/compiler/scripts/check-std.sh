#!/usr/bin/env bash
# Checks that our standard schemas (packages/compiler/std/capnp) declare exactly what the capnp 0.9.2
# originals declare. Each file is compiled on its own by the reference `capnp`, once from our tree and
# once from a tree of the originals; the two CodeGeneratorRequests, decoded to text with every
# `docComment` removed, must be identical (nodes, their order, all fields, sourceInfo members,
# requestedFiles). Exits non-zero on the first difference and prints a diff.
#
# Originals: ${CAPNP_INCLUDE:-/usr/include}/capnp/<file> when installed; files the Debian package does
# not ship (compat/byte-stream, compat/http-over-capnp, compat/json-rpc) are read from tag v0.9.2 of a
# capnproto git clone, ${CAPNP_UPSTREAM_REPO:-/work/.mirror/capnproto+capnproto/repo}.
set -euo pipefail

pkg=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ours=$pkg/std
include=${CAPNP_INCLUDE:-/usr/include}
upstream=${CAPNP_UPSTREAM_REPO:-/work/.mirror/capnproto+capnproto/repo}
schema=$include/capnp/schema.capnp

files=(
  c++.capnp schema.capnp rpc.capnp rpc-twoparty.capnp persistent.capnp stream.capnp
  compat/json.capnp compat/byte-stream.capnp compat/http-over-capnp.capnp compat/json-rpc.capnp
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ref=$work/ref
mkdir -p "$ref/capnp/compat"

for f in "${files[@]}"; do
  if [[ -f $include/capnp/$f ]]; then
    cp "$include/capnp/$f" "$ref/capnp/$f"
  elif git -C "$upstream" cat-file -e "v0.9.2:c++/src/capnp/$f" 2>/dev/null; then
    git -C "$upstream" show "v0.9.2:c++/src/capnp/$f" >"$ref/capnp/$f"
  else
    echo "check-std: no original for capnp/$f (set CAPNP_INCLUDE or CAPNP_UPSTREAM_REPO)" >&2
    exit 2
  fi
done

# strip_comments SRC DST: copy a schema without its `#` comments (a `#` inside a string is kept).
strip_comments() {
  perl -ne 'my $o = ""; my $q = 0;
    for my $c (split //) {
      if ($q) { $o .= $c; if ($esc) { $esc = 0 } elsif ($c eq "\\") { $esc = 1 } elsif ($c eq "\"") { $q = 0 } }
      elsif ($c eq "\"") { $q = 1; $o .= $c } elsif ($c eq "#") { last } else { $o .= $c }
    }
    $o =~ s/\s+$//; print "$o\n";' "$1" >"$2"
}

# compile ROOT FILE: the reference's CodeGeneratorRequest for ROOT/capnp/FILE.
compile() {
  capnp compile -o- --no-standard-import -I"$1" --src-prefix="$1" "$1/capnp/$2"
}

# as_text: decode a request on stdin to one line of text with every doc comment removed.
as_text() {
  capnp decode --short "$schema" CodeGeneratorRequest |
    perl -pe 's/docComment = "(?:[^"\\]|\\.)*"//g; s/\(, /(/g; s/, \)/)/g; s/, , /, /g'
}

decode() { capnp decode "$schema" CodeGeneratorRequest; }

for tree in ref ours; do
  src=$ref
  [[ $tree == ours ]] && src=$ours
  for f in "${files[@]}"; do
    mkdir -p "$(dirname "$work/bare-$tree/capnp/$f")"
    strip_comments "$src/capnp/$f" "$work/bare-$tree/capnp/$f"
  done
done

failed=0
for f in "${files[@]}"; do
  # 1. Without any comments the two requests must be byte-identical (this also covers the values
  #    behind AnyPointer fields, which `capnp decode` prints as <opaque pointer>).
  compile "$work/bare-ref" "$f" >"$work/want.bin"
  compile "$work/bare-ours" "$f" >"$work/got.bin"
  if ! cmp -s "$work/want.bin" "$work/got.bin"; then
    echo "DIFF  capnp/$f without comments (- original, + ours)"
    diff -u <(decode <"$work/want.bin") <(decode <"$work/got.bin") || true
    failed=1
    continue
  fi
  # 2. The files as they are (with doc comments) must agree in everything but the comment text.
  compile "$ref" "$f" | as_text >"$work/want.txt"
  compile "$ours" "$f" | as_text >"$work/got.txt"
  if grep -q 'docComment = "' "$work/want.txt" "$work/got.txt"; then
    echo "check-std: capnp/$f: doc comments were not fully removed" >&2
    failed=1
  elif cmp -s "$work/want.txt" "$work/got.txt"; then
    echo "ok    capnp/$f"
  else
    echo "DIFF  capnp/$f ignoring doc comments (- original, + ours)"
    diff -u <(perl -pe 's/, /,\n/g' "$work/want.txt") <(perl -pe 's/, /,\n/g' "$work/got.txt") || true
    failed=1
  fi
done
exit "$failed"
