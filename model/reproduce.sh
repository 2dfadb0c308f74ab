#!/usr/bin/env bash
# Reproduces a shipped model from nothing: data, masks, training, export, parity goldens.
#   model/reproduce.sh [CONFIG_NAME]      (default fast-x4; configs live in model/configs/)
# Needs Debian's python3-torch, python3-numpy, python3-pil, python3-skimage for /usr/bin/python3 and a JDK + Maven
# (the masks come from ./srp masks). Training resumes from model/runs/NAME/checkpoint.pt if it was interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-fast-x4}
cfg=model/configs/$name.json
[ -f "$cfg" ] || { echo "no config $cfg; have: $(ls model/configs | sed 's/.json//' | tr '\n' ' ')" >&2; exit 2; }
size=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['size'])" "$cfg")
scale=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['scale'])" "$cfg")
[ -f model/data/manifest.tsv ] || /usr/bin/python3 model/data/prepare.py
/usr/bin/python3 model/data/make_masks.py --scale "$scale"
# a model that starts from another one's weights (init_from) needs that one trained first, by its own recipe,
# and so on up the chain (the quality models are trained on in runs of a CPU's hour)
train_with_ancestors() {
  local parent
  parent=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('init_from') or '')" \
    "model/configs/$1.json")
  if [ -n "$parent" ] && [ ! -f "model/runs/$parent/weights.pt" ]; then
    train_with_ancestors "$parent"
  fi
  /usr/bin/python3 model/train.py "model/configs/$1.json"
}
train_with_ancestors "$name"
mkdir -p model/weights
cp "model/runs/$name/weights.pt" "model/weights/samsr-$name.pt"
/usr/bin/python3 model/export.py --size "$size" --scale "$scale" --weights "model/weights/samsr-$name.pt" \
  --name "samsr-$name" --training-data "$(cut -f1,3 model/data/manifest.tsv | tail -n +2 | wc -l) photos of model/data/prepare.py (Debian packages, see model/data/manifest.tsv); config model/configs/$name.json" \
  --metrics "see docs/model-card.md"
/usr/bin/python3 model/make_parity_goldens.py --out sr-worker/src/test/resources/samsr-parity --shipped "models/samsr-$name.pt"
echo "model/weights/samsr-$name.pt and models/samsr-$name.pt (+ .properties) written; evaluate: /usr/bin/python3 model/evaluate.py --scale $scale --models $name=model/weights/samsr-$name.pt:$size"
