#!/usr/bin/env bash
# seed.sh HARNESS DIR SHARED: copies the seed files of HARNESS from the
# fixtures and corpus of SHARED (../shared) into DIR (not committed: the
# corpus is large and changes). Files under 256 KiB only: a harness runs
# hundreds of times faster on them, and mutations of small files reach the
# same decoders. The inputs of past findings (fuzz/regressions/HARNESS/,
# each fixed) go in too, so every fuzz run replays them first.
set -euo pipefail
harness=$1 dir=$2 shared=$3
mkdir -p "$dir"
case $harness in
  keras_loader) pattern='*.keras' ;;
  weights_h5) pattern='*.weights.h5' ;;
  model_from_json) pattern='config.json' ;;
  legacy_h5) pattern='*.h5' ;;
  *) echo "unknown harness $harness" >&2; exit 2 ;;
esac
i=0
find "$shared/fixtures" "$shared/corpus" -name "$pattern" -type f -size -256k |
  while read -r f; do
    [ "$harness" = legacy_h5 ] && [[ $f == *.weights.h5 ]] && continue
    cp "$f" "$dir/seed_$((i++))"
  done
regressions="$(dirname "$0")/regressions/$harness"
if [ -d "$regressions" ]; then cp "$regressions"/* "$dir/"; fi
