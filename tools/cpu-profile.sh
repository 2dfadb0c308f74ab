#!/usr/bin/env bash
# Where the CPU of one `srp upscale` run goes, by pipeline stage: samples every thread's stacks (Java and native)
# with async-profiler's CPU timer and sorts each sample into a stage (tools/cpu_stages.py).
#   tools/cpu-profile.sh [INPUT [srp upscale options...]]   (default: the bundled sample)
# async-profiler is a development tool, not part of srp: it is fetched once from Maven Central into ~/.m2.
set -euo pipefail
home=$(cd "$(dirname "$0")/.." && pwd)
input=${1:-$home/samples/city-320x180.mp4}; shift || true
version=4.0
jar=~/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar
[ -f "$jar" ] || mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$version >/dev/null
work=$(mktemp -d)
trap '[ -n "${SRP_PROFILE_KEEP:-}" ] && cp "$work/stacks.txt" "$SRP_PROFILE_KEEP"; rm -rf "$work"' EXIT INT TERM
unzip -q -o "$jar" linux-x64/libasyncProfiler.so -d "$work"
cd "$home"
./srp --version >/dev/null   # builds on first use
interval_ms=5
# itimer, not perf events: it also samples the native threads libgomp and x264 start, which perf mode misses
SRP_JAVA_OPTS="${SRP_JAVA_OPTS:-} -agentpath:$work/linux-x64/libasyncProfiler.so=start,event=itimer,interval=${interval_ms}ms,threads,collapsed,file=$work/stacks.txt" \
  /usr/bin/time -f "%e s wall, %U s user, %S s system" -o "$work/time.txt" \
  ./srp upscale "$input" "$work/out.mp4" --no-progress "$@" > "$work/srp.txt" 2>&1
frames=$(sed -n 's/^ *frames \([0-9]*\),.*/\1/p' "$work/srp.txt")
python3 "$home/tools/cpu_stages.py" "$work/stacks.txt" "$interval_ms" "$frames"
echo "process: $(cat "$work/time.txt")"
grep -E "^ +wall" "$work/srp.txt" || true
