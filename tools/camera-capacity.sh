#!/usr/bin/env bash
# How many live cameras one srp worker carries on this machine: starts a broker, one worker with a latency budget,
# one egress and one `srp ingest` per camera, feeds each from FFmpeg's test source over UDP in real time, and
# reports, for the steady part of the run (after the first third), the share of frames the worker shed to keep the
# budget and each camera's end-to-end latency at egress.
#   tools/camera-capacity.sh CAMERAS WIDTHxHEIGHT SECONDS [FPS] [BUDGET]
# Needs Debian's ffmpeg (apt-get install ffmpeg) for the cameras.
set -euo pipefail
cameras=$1 size=$2 seconds=$3 fps=${4:-25} budget=${5:-PT1S}
home=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT INT TERM
cd "$home"
./srp --version >/dev/null   # builds on first use
export OPT_OUT_TRACKING=true OMP_WAIT_POLICY=PASSIVE
java -cp "launcher/target/srp-launcher.jar:launcher/target/lib/*" dev.srp.broker.EmbeddedKafka "$work/broker" \
  > "$work/broker.log" 2>&1 & pids+=($!)
for _ in $(seq 200); do grep -q "srp broker ready at" "$work/broker.log" && break; sleep 0.3; done
bootstrap=$(sed -n 's/.*srp broker ready at //p' "$work/broker.log")
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wport=$(port) eport=$(port)
./srp worker --bootstrap "$bootstrap" --state-dir "$work/state" --latency-budget "$budget" --metrics-port "$wport" \
  > "$work/worker.log" 2>&1 & pids+=($!)
./srp egress --bootstrap "$bootstrap" --output "$work/{stream}.mp4" --preset veryfast --metrics-port "$eport" \
  > "$work/egress.log" 2>&1 & pids+=($!)
metric() { curl -s "localhost:$1/metrics" | awk -v n="$2" '$1==n {print $2}'; }
until [ "$(metric "$wport" srp_worker_running)" = "1.0" ]; do sleep 0.5; done
for c in $(seq "$cameras"); do
  udp=$(port)
  ./srp ingest --bootstrap "$bootstrap" --stream-id "cam$c" --open-timeout PT30S --reconnect-for PT0S \
    "udp://127.0.0.1:$udp" > "$work/ingest-$c.log" 2>&1 & pids+=($!)
  echo "$udp" > "$work/udp-$c"
done
sleep 6   # the ingest JVMs start and listen
for c in $(seq "$cameras"); do
  ffmpeg -v error -re -f lavfi -i "testsrc2=size=$size:rate=$fps" -t "$seconds" -c:v libx264 -preset ultrafast \
    -tune zerolatency -g "$fps" -f mpegts "udp://127.0.0.1:$(cat "$work/udp-$c")?pkt_size=1316" \
    > "$work/camera-$c.log" 2>&1 & pids+=($!)
done
sleep $((seconds / 3))
out0=$(metric "$wport" srp_worker_frames_out_total) shed0=$(metric "$wport" srp_worker_deadline_misses_total)
end=$((SECONDS + seconds - seconds / 3))
while [ $SECONDS -lt $end ]; do
  curl -s "localhost:$eport/metrics" \
    | sed -n 's/^srp_egress_stream_latency_seconds{stream="\([^"]*\)",} \(.*\)/\1 \2/p' >> "$work/latency.txt"
  sleep 1
done
out1=$(metric "$wport" srp_worker_frames_out_total) shed1=$(metric "$wport" srp_worker_deadline_misses_total)
awk -v c="$cameras" -v s="$size" -v f="$fps" -v o="$((${out1%.*} - ${out0%.*}))" -v d="$((${shed1%.*} - ${shed0%.*}))" \
  'BEGIN { printf "%d cameras %s at %d fps: steady part %d frames out, %d shed (%.0f%%)\n", c, s, f, o, d, o ? 100*d/o : 0 }'
sort "$work/latency.txt" | awk '{ if (!($1 in m) || $2 > m[$1]) m[$1] = $2 }
  END { for (k in m) printf "  %s: latency at egress, worst in the steady part %.2f s\n", k, m[k] }' | sort
