#!/usr/bin/env bash
# CPU seconds per thread of one `srp upscale` run, grouped by thread name (digits folded). Native threads inherit the
# name of the thread that started them: libtorch's workers appear under the thread that loaded or ran the model,
# x264's under srp-egress. Also the steady state's use of the cores: process CPU seconds per second of wall time
# between the first and the last frame written, which is the pipeline's steady fps over the fps its stages' CPU
# times allow on this machine's cores.
#   tools/thread-cpu.sh INPUT [srp upscale options...]
set -euo pipefail
home=$(cd "$(dirname "$0")/.." && pwd)
input=$1; shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$home"
./srp --version >/dev/null   # builds on first use
SRP_JAVA_OPTS="${SRP_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ" \
  ./srp upscale "$input" "$work/out.mp4" --no-progress --verbose "$@" > "$work/srp.txt" 2>&1 &
shell=$!
pid=""
while [ -z "$pid" ] && kill -0 "$shell" 2>/dev/null; do
  pid=$(pgrep -f "dev.srp.launcher.Srp upscale $input" | head -1 || true); sleep 0.1
done
# one sampler process: reading /proc from the shell forks per thread and loses samples when a thread ends mid-read
python3 - "$pid" "$work/samples.txt" "$work/process.txt" <<'PY'
import os, sys, time
pid, samples, process = sys.argv[1], open(sys.argv[2], "w"), open(sys.argv[3], "w")
def fields(path):  # the fields after the command name, which may hold spaces and parentheses
    with open(path) as f:
        return f.read().rsplit(")", 1)[1].split()
while os.path.exists(f"/proc/{pid}"):
    try:
        f = fields(f"/proc/{pid}/stat")
        process.write(f"{time.time()} {int(f[11]) + int(f[12])}\n")
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                f = fields(f"/proc/{pid}/task/{tid}/stat")
                name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            except OSError:
                continue   # the thread ended
            samples.write(f"{tid}|{name}|{f[11]}|{f[12]}\n")
    except OSError:
        break              # the process ended
    time.sleep(0.3)
PY
wait "$shell" || true
PYTHONPATH="$home/tools" python3 - "$(getconf CLK_TCK)" "$work/samples.txt" "$work/process.txt" "$work/srp.txt" "$(nproc)" <<'PY'
import bisect, collections, re, sys
from srp_log import stamped_lines
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
times, cpu = [], []
for line in open(sys.argv[3]):
    t, c = line.split()
    times.append(float(t)); cpu.append(int(c) / tick)
def cpu_at(t):  # linear between the samples around t
    i = min(max(bisect.bisect(times, t), 1), len(times) - 1)
    return cpu[i - 1] + (cpu[i] - cpu[i - 1]) * (t - times[i - 1]) / (times[i] - times[i - 1])
first = last = frames = None
for stamp, line in stamped_lines(sys.argv[4]):
    if first is None and "first frame, encoding" in line:
        first = stamp
    w = re.search(r"wrote (\d+) frames", line)
    if w:
        last, frames = stamp, int(w.group(1))
if first and last and last > first:
    busy = (cpu_at(last) - cpu_at(first)) / (last - first)
    cores = int(sys.argv[5])
    print(f"steady state: {frames} frames in {last - first:.1f} s ({(frames - 1) / (last - first):.2f} fps),"
          f" {busy:.2f} of {cores} cores busy: {busy / cores:.2f}x the fps the stages' CPU times allow")
PY
tail -3 "$work/srp.txt"
