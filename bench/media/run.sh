#!/usr/bin/env bash
# Images processed per second on one core: a 12-megapixel JPEG (made here
# with the vips CLI, 4000x3000, photo-like: smoothed noise) through Piaf's
# pipeline (build/media_bench: original re-encoded at most 3840x2160, 640 px
# preview, blurhash), against `vipsthumbnail` from the command line on the
# same files in the same run (a 640 px thumbnail only), once a process per
# file and once all files in one process. Everything pinned to one core
# (taskset) and libvips to one thread (VIPS_CONCURRENCY=1).
#   bench/media/run.sh [BUILD_DIR [OUT_DIR]]
# writes bench/media/RESULTS.md, and OUT_DIR/media.json when given
# (bench/run.sh passes its results folder: REPORT.md's media section).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(realpath "${1:-$here/../../build}")
json_dir=-
[[ -n ${2:-} ]] && json_dir=$(realpath "$2")
bench="$build/media_bench"
[[ -x $bench ]] || { echo "no $bench: build first (cmake --build build --target media_bench)"; exit 1; }
command -v vipsthumbnail >/dev/null || { echo "vipsthumbnail missing: apt-get install libvips-tools"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VIPS_CONCURRENCY=1
core=${PIAF_BENCH_CORE:-1}

# Four different 12-megapixel JPEGs.
for i in 1 2 3 4; do
  for band in r g b; do
    vips gaussnoise "$work/$band.v" 4000 3000 --mean 128 --sigma 60 --seed $((i * 10 + ${#band}))
  done
  vips bandjoin "$work/r.v $work/g.v $work/b.v" "$work/rgb.v"
  vips gaussblur "$work/rgb.v" "$work/blur.v" 3
  vips cast "$work/blur.v" "$work/u.v" uchar
  vips copy "$work/u.v" "$work/photo$i.jpg[Q=90]" --interpretation srgb
done
files=("$work"/photo*.jpg)

seconds=${PIAF_BENCH_SECONDS:-10}
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
python3 "$here/run.py" "$bench" "$here/RESULTS.md" "$json_dir" "$seconds" "$core" "$commit" "${files[@]}"
