#!/usr/bin/env bash
# A live run on this machine: Debian's ffmpeg plays a 25 fps 320x180 camera (testsrc2) over UDP/MPEG-TS in real
# time into `./srp upscale ... --latency-budget` writing HLS, for SECONDS. Prints the end-to-end latency p50/p99
# (ingest publishing a frame -> egress encoding it; from srp_egress_end_to_end_latency_seconds, interpolated
# within buckets as Prometheus' histogram_quantile does), the frames the model missed, and the srp process's RSS
# over time. The 30-minute memory soak (docs/live.md) is: tools/live-run.sh 1800
#   tools/live-run.sh [SECONDS=60] [BUDGET=PT1S] [SIZE=320x180]
# SRP_LIVE_ARGS adds options to `srp upscale`, e.g. SRP_LIVE_ARGS='--hr-payload raw'.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; budget=${2:-PT1S}; size=${3:-320x180}
command -v ffmpeg >/dev/null || { echo "needs Debian's ffmpeg: apt-get install ffmpeg" >&2; exit 2; }
out=$(mktemp -d /tmp/srp-live.XXXXXX); port=$((20000 + RANDOM % 20000)); metrics=$((40000 + RANDOM % 20000))
./srp upscale "udp://127.0.0.1:$port" "$out/hls/cam.m3u8" --no-progress --open-timeout PT60S --reconnect-for PT0S \
  --latency-budget "$budget" --metrics-port "$metrics" --preset veryfast ${SRP_LIVE_ARGS:-} > "$out/srp.log" 2>&1 &
srp_pid=$!
hexport=$(printf ':%04X ' "$port")
for _ in $(seq 1 600); do grep -q "$hexport" /proc/net/udp /proc/net/udp6 2>/dev/null && break; sleep 0.2; done
java_pid=$(pgrep -P "$srp_pid" java || echo "$srp_pid")
ffmpeg -v error -re -f lavfi -i "testsrc2=size=$size:rate=25" -t "$seconds" -c:v libx264 -preset ultrafast \
  -tune zerolatency -g 25 -f mpegts "udp://127.0.0.1:$port?pkt_size=1316" &
cam_pid=$!
echo "t_s rss_mib" > "$out/rss.tsv"
start=$(date +%s)
while kill -0 "$cam_pid" 2>/dev/null; do
  echo "$(( $(date +%s) - start )) $(( $(awk '/VmRSS/ {print $2}' /proc/$java_pid/status) / 1024 ))" >> "$out/rss.tsv"
  curl -s "http://127.0.0.1:$metrics/metrics" > "$out/metrics.txt.tmp" && mv "$out/metrics.txt.tmp" "$out/metrics.txt"
  sleep 10
done
sleep 3
curl -s "http://127.0.0.1:$metrics/metrics" > "$out/metrics.txt.tmp" && mv "$out/metrics.txt.tmp" "$out/metrics.txt" || true
wait "$srp_pid" || echo "srp exited with $?" >&2
PYTHONPATH=tools /usr/bin/python3 - "$out" <<'PY'
import sys, re
import prom_histogram
out = sys.argv[1]
hists, counters = {}, {}
for line in open(out + "/metrics.txt"):
    m = re.match(r'(srp_\w+)_bucket\{le="([^"]+)",?\} (\S+)', line)
    if m:
        hists.setdefault(m.group(1), []).append((float(m.group(2)), float(m.group(3))))
    elif re.match(r'srp_\w+_total ', line):
        counters[line.split()[0]] = float(line.split()[1])
def quantile(name, q):
    return prom_histogram.quantile(q, hists[name])
frames, misses = counters.get("srp_egress_frames_total", 0), counters.get("srp_worker_deadline_misses_total", 0)
print(f"frames encoded {frames:.0f}; deadline misses (bicubic) {misses:.0f} ({100 * misses / max(frames, 1):.1f} %)")
for name, what in (("srp_egress_end_to_end_latency_seconds", "end-to-end latency"),
                   ("srp_worker_input_age_seconds", "  of which LR frame age at the worker")):
    if name in hists:
        print(f"{what} p50 {quantile(name, 0.5):.3f} s, p99 {quantile(name, 0.99):.3f} s (of {hists[name][-1][1]:.0f} frames)")
rss = [l.split() for l in open(out + "/rss.tsv")][1:]
print("RSS MiB over time (t_s:MiB): " + " ".join(f"{t}:{r}" for t, r in rss))
PY
/usr/bin/python3 tools/plot_rss.py "$out/rss.tsv" "$out/rss.png" "srp upscale live run: RSS over time" >/dev/null
echo "files: $out (HLS in $out/hls, log $out/srp.log, RSS plot $out/rss.png)"
