#!/usr/bin/env bash
# Regenerates the wire layer's reference fixtures with the reference tool (capnp 0.9.2).
# Each fixture is the text value test/fixtures/<name>.txt of struct Sample in sample.capnp, as:
#   .bin            standard framing, one segment
#   .seg<N>.bin     standard framing, segments of N words (far pointers)
#   .packed         packed .bin            .seg<N>.packed  packed .seg<N>.bin
#   .flat           flat (no table)        .canonical      canonical form
set -euo pipefail
cd "$(dirname "$0")/../test/fixtures"
for name in sample; do
  capnp convert text:binary sample.capnp Sample < "$name.txt" > "$name.bin"
  capnp convert text:packed sample.capnp Sample < "$name.txt" > "$name.packed"
  capnp convert text:flat sample.capnp Sample < "$name.txt" > "$name.flat"
  capnp convert text:canonical sample.capnp Sample < "$name.txt" > "$name.canonical"
  capnp convert binary:text sample.capnp Sample < "$name.bin" > "$name.pretty.txt"
  for n in 1 8 32; do
    capnp convert --segment-size=$n text:binary sample.capnp Sample < "$name.txt" > "$name.seg$n.bin"
    capnp convert --segment-size=$n text:packed sample.capnp Sample < "$name.txt" > "$name.seg$n.packed"
  done
done
