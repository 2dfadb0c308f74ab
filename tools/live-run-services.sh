#!/usr/bin/env bash
# The live run with every service in its own process, as a cluster runs them: a Kafka broker (KRaft, from the jars
# srp already ships), `srp ingest` from a UDP/MPEG-TS camera (Debian's ffmpeg, testsrc2 at 25 fps, real time),
# `srp worker --latency-budget` and `srp egress` writing a rolling HLS window. Samples each process's RSS every
# 10 s, so each service's memory over time can be read on its own (the memory soak of docs/live.md, per
# service), then prints the end-to-end latency p50/p99 and draws the RSS plot.
#   tools/live-run-services.sh [SECONDS=60] [BUDGET=PT1S] [SIZE=320x180]
# SRP_JAVA_OPTS (e.g. -Xmx768m) goes to the ingest, worker and egress JVMs, as the srp script and image pass it.
# It runs from a copy of the built jars, so rebuilding srp during a long run cannot break it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; budget=${2:-PT1S}; size=${3:-320x180}
command -v ffmpeg >/dev/null || { echo "needs Debian's ffmpeg: apt-get install ffmpeg" >&2; exit 2; }
[ -f launcher/target/srp-launcher.jar ] || ./srp --version >/dev/null
out=$(mktemp -d /tmp/srp-live-services.XXXXXX)
mkdir -p "$out/dist" "$out/kafka" && cp -r launcher/target/srp-launcher.jar launcher/target/lib "$out/dist/"
cp=("$out/dist/srp-launcher.jar:$out/dist/lib/*")
pick() { echo $((20000 + RANDOM % 30000)); }
cam=$(pick); broker=$(pick); controller=$(pick); m_ingest=$(pick); m_worker=$(pick); m_egress=$(pick)
# The embedded broker's settings, plus a short retention: separate services have no janitor deleting consumed
# frames (deploy/README.md), and 30 minutes of 1280x720 frames would otherwise fill the disk.
cat > "$out/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$broker,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$broker
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$out/kafka/log
num.partitions=4
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
message.max.bytes=67108864
replica.fetch.max.bytes=67108864
socket.request.max.bytes=134217728
log.segment.bytes=67108864
log.retention.ms=120000
log.retention.check.interval.ms=5000
log.segment.delete.delay.ms=1000
PROPS
java_env=(env OPT_OUT_TRACKING=true OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_THRESHOLD_=33554432
  MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864)
java -cp "${cp[0]}" kafka.tools.StorageTool format -t "$(java -cp "${cp[0]}" kafka.tools.StorageTool random-uuid)" \
  -c "$out/kafka/server.properties" > "$out/kafka/format.log" 2>&1
java -Xmx1g -cp "${cp[0]}" kafka.Kafka "$out/kafka/server.properties" > "$out/broker.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 120); do (exec 3<>/dev/tcp/127.0.0.1/$broker) 2>/dev/null && break; sleep 0.5; done
# env execs java, so $! is the service's JVM and its RSS is what is sampled
# shellcheck disable=SC2206 # options are words, as in the srp script
srp=("${java_env[@]}" java ${SRP_JAVA_OPTS:-} -Dai.djl.offline=true -Dsrp.home="$PWD" -cp "${cp[0]}" dev.srp.launcher.Srp)
mkdir -p "$out/hls"
"${srp[@]}" worker --bootstrap "127.0.0.1:$broker" --state-dir "$out/worker-state" --latency-budget "$budget" \
  --metrics-port "$m_worker" > "$out/worker.log" 2>&1 &
worker_pid=$!
"${srp[@]}" egress --bootstrap "127.0.0.1:$broker" --output "$out/hls/{stream}.m3u8" --hls-window 30 --preset veryfast \
  --spill-dir "$out/spill" --metrics-port "$m_egress" > "$out/egress.log" 2>&1 &
egress_pid=$!
"${srp[@]}" ingest "udp://127.0.0.1:$cam" --bootstrap "127.0.0.1:$broker" --stream-id cam --open-timeout PT60S \
  --reconnect-for PT0S --metrics-port "$m_ingest" > "$out/ingest.log" 2>&1 &
ingest_pid=$!
hexport=$(printf ':%04X ' "$cam")
for _ in $(seq 1 600); do grep -q "$hexport" /proc/net/udp /proc/net/udp6 2>/dev/null && break; sleep 0.2; done
ffmpeg -v error -re -f lavfi -i "testsrc2=size=$size:rate=25" -t "$seconds" -c:v libx264 -preset ultrafast \
  -tune zerolatency -g 25 -f mpegts "udp://127.0.0.1:$cam?pkt_size=1316" &
cam_pid=$!
rss() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0) / 1024 )); }
echo "t_s broker ingest worker egress" > "$out/rss.tsv"
# Java heap committed/used (MiB) of the worker and egress once a minute: tells heap growth from native growth
echo "t_s worker_committed worker_used egress_committed egress_used" > "$out/heap.tsv"
heap() { jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {print int($4 / 1024), int($6 / 1024)}'; }
start=$(date +%s)
scrape() { curl -s "http://127.0.0.1:$m_egress/metrics" > "$out/egress.prom.tmp" && mv "$out/egress.prom.tmp" "$out/egress.prom"
           curl -s "http://127.0.0.1:$m_worker/metrics" > "$out/worker.prom.tmp" && mv "$out/worker.prom.tmp" "$out/worker.prom"
           curl -s "http://127.0.0.1:$m_ingest/metrics" > "$out/ingest.prom.tmp" && mv "$out/ingest.prom.tmp" "$out/ingest.prom"; }
# How far the worker is behind, two ways: its consumer-lag gauge, and frames ingest published minus frames it took
echo "t_s ingest_frames worker_frames_in worker_lag_gauge egress_frames" > "$out/lag.tsv"
value() { awk -v n="$2" '$1 == n {print $2}' "$out/$1.prom" 2>/dev/null | head -1; }
while kill -0 "$cam_pid" 2>/dev/null; do
  echo "$(( $(date +%s) - start )) $(rss $broker_pid) $(rss $ingest_pid) $(rss $worker_pid) $(rss $egress_pid)" >> "$out/rss.tsv"
  scrape || true
  t=$(( $(date +%s) - start ))
  echo "$t $(value ingest srp_ingest_frames_total) $(value worker srp_worker_frames_in_total) $(value worker srp_worker_consumer_lag_records) $(value egress srp_egress_frames_total)" >> "$out/lag.tsv"
  if [ $(( t % 60 )) -lt 10 ]; then echo "$t $(heap $worker_pid) $(heap $egress_pid)" >> "$out/heap.tsv"; fi
  sleep 10
done
# The camera has stopped: ingest hits its read timeout and ends the stream, egress closes the playlist.
for _ in $(seq 1 180); do grep -q EXT-X-ENDLIST "$out/hls/cam.m3u8" 2>/dev/null && break; sleep 1; done
scrape || true
kill "$worker_pid" "$egress_pid" "$ingest_pid" 2>/dev/null || true
wait "$worker_pid" "$egress_pid" "$ingest_pid" 2>/dev/null || true
kill "$broker_pid"; wait "$broker_pid" 2>/dev/null || true
PYTHONPATH=tools /usr/bin/python3 - "$out" <<'PY'
import sys, re
import prom_histogram
out = sys.argv[1]
def metric(file, name):
    for line in open(f"{out}/{file}"):
        if line.startswith(name + " "):
            return float(line.split()[1])
    return 0.0
def histogram(file, name):
    return [(float(m.group(1)), float(m.group(2))) for m in
            (re.match(name + r'_bucket\{le="([^"]+)",?\} (\S+)', l) for l in open(f"{out}/{file}")) if m]
def quantile(q, buckets=histogram("egress.prom", "srp_egress_end_to_end_latency_seconds")):
    return prom_histogram.quantile(q, buckets)
frames, misses = metric("egress.prom", "srp_egress_frames_total"), metric("worker.prom", "srp_worker_deadline_misses_total")
print(f"frames encoded {frames:.0f}; deadline misses (bicubic) {misses:.0f} ({100 * misses / max(frames, 1):.1f} %)")
e2e, age = histogram("egress.prom", "srp_egress_end_to_end_latency_seconds"), histogram("worker.prom", "srp_worker_input_age_seconds")
print(f"end-to-end latency p50 {quantile(0.5):.3f} s, p99 {quantile(0.99):.3f} s (of {e2e[-1][1]:.0f} frames)")
if age:
    print(f"  of which LR frame age at the worker p50 {quantile(0.5, age):.3f} s, p99 {quantile(0.99, age):.3f} s")
lag = [l.split() for l in open(out + "/lag.tsv")][1:]
lag = [[float(x) for x in r] for r in lag if len(r) == 5]
if lag:
    worst = max(lag, key=lambda r: r[1] - r[2])
    print(f"worker behind ingest, at most {worst[1] - worst[2]:.0f} frames (at {worst[0]:.0f} s, lag gauge then "
          f"{worst[3]:.0f}); gauge max {max(r[3] for r in lag):.0f}")
rows = [l.split() for l in open(out + "/rss.tsv")]
names, rows = rows[0][1:], rows[1:]
for i, name in enumerate(names):
    v = [float(r[i + 1]) for r in rows]
    t = [float(r[0]) for r in rows]
    def mean(a, b):
        w = [x for s, x in zip(t, v) if a <= s < b]
        return sum(w) / len(w) if w else float("nan")
    end = t[-1]
    print(f"RSS {name:7s} MiB: start {v[0]:.0f}, max {max(v):.0f}, mean over {end / 6 / 60:.1f}-{end / 3 / 60:.1f} min "
          f"{mean(end / 6, end / 3):.0f}, over the last sixth {mean(5 * end / 6, end + 1):.0f}")
PY
/usr/bin/python3 tools/plot_rss.py "$out/rss.tsv" "$out/rss.png" "srp services, separate processes: RSS over time" >/dev/null
echo "service JVM options: ${SRP_JAVA_OPTS:-(none: the default heap of the JVM, a quarter of RAM)}"
echo "files: $out (HLS in $out/hls, logs *.log, RSS $out/rss.tsv, Java heap $out/heap.tsv, worker lag $out/lag.tsv, plot $out/rss.png)"
