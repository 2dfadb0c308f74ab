#!/usr/bin/env bash
# CPU seconds per thread of one `srp upscale` run, grouped by thread name (digits folded). Native threads inherit the
# name of the thread that started them: libtorch's workers appear under the thread that loaded or ran the model,
# x264's under srp-egress.
#   tools/thread-cpu.sh INPUT [srp upscale options...]
set -euo pipefail
home=$(cd "$(dirname "$0")/.." && pwd)
input=$1; shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$home"
./srp --version >/dev/null   # builds on first use
./srp upscale "$input" "$work/out.mp4" --no-progress "$@" > "$work/srp.txt" 2>&1 &
shell=$!
pid=""
while [ -z "$pid" ] && kill -0 "$shell" 2>/dev/null; do
  pid=$(pgrep -f "dev.srp.launcher.Srp upscale $input" | head -1 || true); sleep 0.1
done
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    { read -r line < "$t/stat"; name=$(<"$t/comm"); } 2>/dev/null || continue
    rest=${line##*) }; set -- $rest
    echo "${t##*/}|$name|${12}|${13}"
  done >> "$work/samples.txt"
  sleep 0.3
done
wait "$shell" || true
python3 - "$(getconf CLK_TCK)" "$work/samples.txt" <<'PY'
import collections, re, sys
tick, last = int(sys.argv[1]), {}
for line in open(sys.argv[2]):
    tid, name, user, system = line.rstrip("\n").split("|")
    last[tid] = ((int(user) + int(system)) / tick, name)
groups = collections.Counter()
for seconds, name in last.values():
    groups[re.sub(r"\d+", "#", name)] += seconds
total = sum(groups.values())
for name, seconds in groups.most_common(20):
    print(f"{seconds:7.2f} s {100 * seconds / total:5.1f} %  {name}")
print(f"{total:7.2f} s in all")
PY
tail -3 "$work/srp.txt"
