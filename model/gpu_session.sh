#!/usr/bin/env bash
# One call on a lent GPU machine: train the four models at once for TRAIN_S seconds, then measure throughput.
#   here, first:  /usr/bin/python3 model/pack_data.py --out model/runs/pack     (about 54 MiB; carry model/runs/pack)
#   there:        model/gpu_session.sh "$OUT" [TRAIN_S=400] [BENCH_S=90]          (run with timeout_s >= TRAIN_S+BENCH_S+60)
# Brings back OUT/train/NAME/{weights.pt,weights.npz,run.json,log.tsv} and OUT/gpu-bench.{md,tsv}; export here with
# Debian's torch 1.13: /usr/bin/python3 model/export.py --size S --scale N --weights OUT/train/NAME/weights.pt ...
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
[ -f model/runs/pack/pack.tsv ] || { echo "no model/runs/pack: run model/pack_data.py here and carry it" >&2; exit 2; }
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
status=0
python3 model/train_gpu.py --data model/runs/pack --out "$out/train" --budget-s "$train_s" --workers "$workers" \
  --device "$device" \
  model/configs/gpu-fast-x4.json model/configs/gpu-quality-x4.json model/configs/gpu-fast-x2.json \
  model/configs/gpu-quality-x2.json 2>&1 | tee "$out/train.log" || status=1
python3 model/bench_gpu.py --out "$out" --budget-s "$bench_s" --device "$device" "${quick[@]}" 2>&1 | tee "$out/bench.log" || status=1
exit $status
