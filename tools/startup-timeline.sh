#!/usr/bin/env bash
# Seconds from the command to each start-up milestone of `srp upscale`, read from its --verbose log.
#   tools/startup-timeline.sh [INPUT]   (default: the bundled sample)
set -euo pipefail
home=$(cd "$(dirname "$0")/.." && pwd)
input=${1:-$home/samples/city-320x180.mp4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$home"
./srp --version >/dev/null   # builds on first use
start=$(date +%s.%N)
SRP_JAVA_OPTS="${SRP_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ" \
  ./srp upscale "$input" "$work/out.mp4" --verbose --no-progress > "$work/log.txt" 2>&1
end=$(date +%s.%N)
PYTHONPATH="$home/tools" python3 - "$start" "$end" "$work/log.txt" <<'PY'
import re, sys
from srp_log import stamped_lines
start, end = float(sys.argv[1]), float(sys.argv[2])
milestones = [("JVM up, input probed, model file checked", r"checks done"),
              ("embedded broker ready", r"embedded broker ready"),
              ("topics created", r"topics created"),
              ("model warmed up for the input's frame size", r"ready for .* frames: warm-up"),
              ("Kafka Streams RUNNING", r"State transition from REBALANCING to RUNNING"),
              ("first output frame", r"first frame, encoding"),
              ("output written", r"wrote \d+ frames")]
stamped = list(stamped_lines(sys.argv[3]))
for name, pattern in milestones:
    hit = next((t for t, line in stamped if re.search(pattern, line)), None)
    print(f"{hit - start:6.2f} s  {name}" if hit else f"     -    {name}")
print(f"{end - start:6.2f} s  command returned")
PY
