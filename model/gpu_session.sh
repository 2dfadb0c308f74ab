#!/usr/bin/env bash
# One call on a lent GPU machine: train the four models at once for TRAIN_S seconds, then measure throughput.
#   here, first:  /usr/bin/python3 model/pack_data.py --out model/runs/pack     (38 MiB; carry model/runs/pack)
#   there:        model/gpu_session.sh "$OUT" [TRAIN_S=400] [BENCH_S=90]          (run with timeout_s >= TRAIN_S+BENCH_S+60)
# The working tree and what it carries travel within 64 MiB together (the tree is about 20 MiB), and at most 8 files
# come back, so everything the runs write is one archive: OUT/gpu-session.tar.gz holds train/NAME/{weights.pt,
# weights.npz,run.json,log.tsv} and the logs; OUT/gpu-bench.md and OUT/train.log come back beside it to read at once.
# Export here with Debian's torch 1.13: /usr/bin/python3 model/export.py --size S --scale N --weights .../weights.pt
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: model/gpu_session.sh OUT [TRAIN_S] [BENCH_S]}
train_s=${2:-400}
bench_s=${3:-90}
# SRP_SESSION_DRY=1: the same steps on this machine's CPU, tiny, to try the script before spending device time
device=cuda; quick=(); workers=3
[ "${SRP_SESSION_DRY:-0}" = 1 ] && { device=cpu; quick=(--quick); workers=1; }
export PYTHONUNBUFFERED=1
mkdir -p "$out"
work=$(mktemp -d)
[ -f model/runs/pack/pack.tsv ] || { echo "no model/runs/pack: run model/pack_data.py here and carry it" >&2; exit 2; }
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
status=0
python3 model/train_gpu.py --data model/runs/pack --out "$work/train" --budget-s "$train_s" --workers "$workers" \
  --device "$device" \
  model/configs/gpu-fast-x4.json model/configs/gpu-quality-x4.json model/configs/gpu-fast-x2.json \
  model/configs/gpu-quality-x2.json 2>&1 | tee "$work/train.log" || status=1
cp "$work/train.log" "$out/"
python3 model/bench_gpu.py --out "$work/bench" --budget-s "$bench_s" --device "$device" "${quick[@]}" 2>&1 \
  | tee "$work/bench.log" || status=1
cp "$work/bench/gpu-bench.md" "$out/" 2>/dev/null || true
tar -czf "$out/gpu-session.tar.gz" -C "$work" .
ls -la "$out"
exit $status
