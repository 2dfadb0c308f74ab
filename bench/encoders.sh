#!/usr/bin/env bash
# Encoders of the default (GPL) FFmpeg build against those left in the LGPL build (-Dlgpl), on the same frames:
# speed, size and Y-PSNR of the decoded output (docs/benchmarks.md, "Encoders without the GPL codecs"). Each build
# encodes through its own JavaCV jars, in two JVMs one after the other; libopenh264 runs in both as a yardstick for
# how much the machine changed between them. Needs `mvn install` first.
#   bench/encoders.sh [INPUT [WxH [FRAMES [ROUNDS]]]]
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-samples/city-320x180.mp4}
size=${2:-1280x720}
frames=${3:-190}
rounds=${4:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

classpath() {
  mvn -B -q -o dependency:build-classpath -pl bench -Dmdep.includeScope=runtime -Dmdep.outputFile="$out/cp" "$@" \
    >/dev/null
  echo "bench/target/classes:$(cat "$out/cp")"
}
# each at settings that give about the Y-PSNR of libx264 at srp's default (crf 18, preset medium)
openh264="libopenh264:b=100000000,qmin=20,qmax=20"
run() {
  # FFmpeg's and the encoders' own logging goes to stderr; kept aside, shown if the run fails
  java -Xmx3g -cp "$1" dev.srp.bench.EncoderBench measure "$input" "$size" "$frames" "$rounds" "$out/$2" "${@:3}" \
    2>"$out/log" || { tail -20 "$out/log" >&2; return 1; }
}
echo "== default build (GPL FFmpeg)"
run "$(classpath)" gpl libx264:crf=18,preset=medium libx264:crf=18,preset=veryfast "$openh264"
echo "== -Dlgpl build (LGPL FFmpeg)"
run "$(classpath -Dlgpl)" lgpl "$openh264" \
  libvpx-vp9:crf=26,b=0,deadline=realtime,cpu-used=8,row-mt=1 \
  libsvtav1:crf=26,preset=10,b=0 \
  libaom-av1:crf=22,usage=realtime,cpu-used=8,row-mt=1,b=0 \
  mpeg4:q=3 \
  ffv1
