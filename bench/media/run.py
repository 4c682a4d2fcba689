"""bench/media/run.sh's driver: Piaf's media_bench and vipsthumbnail on the
same files, each pinned to one core, wall-clock and CPU time (on a shared
machine the CPU time is the fairer figure); writes RESULTS.md, and its
figures as JSON into OUT_DIR/media.json when OUT_DIR is not "-" (bench/run.sh:
bench/js/report.js makes REPORT.md's section of them)."""
import json
import os
import resource
import subprocess
import sys
import time

bench, results, out_dir_json, seconds, core, commit = sys.argv[1:7]
files = sys.argv[7:]
seconds = float(seconds)
pin = ["taskset", "-c", core]
env = dict(os.environ, VIPS_CONCURRENCY="1")
out_dir = os.path.dirname(files[0])


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


piaf = json.loads(subprocess.run(pin + [bench, str(seconds)] + files, env=env, check=True,
                                 capture_output=True, text=True).stdout)


def thumbnails(per_process):
    """vipsthumbnail on the files, `per_process` of them per run, for `seconds`."""
    start, cpu0, n = time.monotonic(), children_cpu(), 0
    while time.monotonic() - start < seconds:
        for i in range(0, len(files) * 4, per_process):
            batch = [files[j % len(files)] for j in range(i, i + per_process)]
            subprocess.run(pin + ["vipsthumbnail", *batch, "--size", "640x640", "-o",
                                  os.path.join(out_dir, "t_%s.jpg[Q=85,strip]")], env=env, check=True)
            n += len(batch)
    wall, cpu = time.monotonic() - start, children_cpu() - cpu0
    return n / wall, n / cpu


each_wall, each_cpu = thumbnails(1)
batch_wall, batch_cpu = thumbnails(16)
size = os.path.getsize(files[0])
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
vips = subprocess.run(["vips", "--version"], capture_output=True, text=True).stdout.strip()
load = open("/proc/loadavg").read().split()[0]
r = lambda x: f"{x:.2f}"
text = f"""# Media pipeline: images processed per second on one core

`bench/media/run.sh` at {commit}, {time.strftime('%Y-%m-%d', time.gmtime())}, {cpu_model}, {vips},
one core (`taskset -c {core}`, `VIPS_CONCURRENCY=1`), {seconds:g} s each, on {len(files)} different
12-megapixel JPEGs (4000x3000, smoothed noise, quality 90, {size // 1024} KiB the first) made by the
script. Load average at the end: {load} (the machine is shared: the CPU-time column is the one to
compare; the wall-clock one counts other processes' turns too).

| what | images/s (wall) | images per CPU-second |
|---|---:|---:|
| Piaf (`media_bench`: `media::ProcessImage` — original re-encoded at 3840x2160's pixel count, 640 px preview, blurhash) | {r(piaf['per_second'])} | {r(piaf['per_cpu_second'])} |
| `vipsthumbnail --size 640x640`, one process per file (640 px thumbnail only) | {r(each_wall)} | {r(each_cpu)} |
| `vipsthumbnail --size 640x640`, 16 files per process | {r(batch_wall)} | {r(batch_cpu)} |

Piaf does more per image than `vipsthumbnail`: it keeps an original of up to 8.3 megapixels
(a 12-megapixel photo is over it: decoded whole — 4000 to 3325 px wide allows no JPEG
shrink-on-load —, resized, encoded again at quality 85), then makes the preview from that
original and the blurhash from the preview; `vipsthumbnail` decodes with shrink-on-load
straight to 640 px and writes that alone. Per CPU-second Piaf makes
{piaf['per_cpu_second'] / batch_cpu:.2f} of what `vipsthumbnail` makes in one process.

Piaf's answer: `{json.dumps(piaf)}`
"""
open(results, "w").write(text)
if out_dir_json != "-":
    with open(os.path.join(out_dir_json, "media.json"), "w") as f:
        json.dump({"commit": commit, "cpu": cpu_model, "vips": vips, "core": core,
                   "seconds": seconds, "files": len(files), "file_bytes": size, "load": float(load),
                   "piaf": piaf,
                   "vipsthumbnail_each": {"per_second": each_wall, "per_cpu_second": each_cpu},
                   "vipsthumbnail_batch": {"per_second": batch_wall, "per_cpu_second": batch_cpu,
                                           "files_per_process": 16}}, f)
print(text)
