#!/usr/bin/env python3
"""Time gait's picture engine against Hugo on the corpus of pictures_corpus.py.

Each measurement is wall time, CPU time (user + sys) and peak RSS from /usr/bin/time:
- gait cold: `gait build` with no `.gait/cache/` and a new output folder;
- gait warm: the same with the cache kept and a new output folder (CI, deploy);
- gait pages: `gait build` of the same corpus without its pictures (the posts
  without their image line, no photo files), new output folder: the 10% target;
- Hugo cold: `hugo` with no `resources/` and a new output folder (pages and pictures);
- Hugo pages: `hugo` with the image render hook removed (pages only).

    cargo build --release
    tools/bench/pictures_bench.py --corpus /tmp/piccorpus --hugo "$(command -v hugo)" \
        --rounds 5 --cold-rounds 3 --hugo-cold-rounds 1
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time


def timed(cmd, cwd=None):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", out.name] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, rss, user, sys_ = out.read().split()[-4:]
        return float(wall), int(rss) / 1024, float(user) + float(sys_)


def fresh(*paths):
    """Remove folders, and the spare a gait build keeps beside an output
    (`.NAME.gait-spare`), so that the next build starts from nothing."""
    for p in paths:
        shutil.rmtree(p, ignore_errors=True)
        spare = os.path.join(os.path.dirname(p), "." + os.path.basename(p) + ".gait-spare")
        shutil.rmtree(spare, ignore_errors=True)
    # Let the file system finish the removal first: on ext4 the next build
    # otherwise pays for it (seconds of system time for a 9,000-file folder).
    os.sync()
    time.sleep(3)


def without_pictures(site, dest):
    """A copy of the gait corpus without its photos and the lines showing them."""
    if os.path.isdir(dest):
        return dest
    for folder, _, files in os.walk(site):
        if ".gait" in folder:
            continue
        rel = os.path.relpath(folder, site)
        os.makedirs(os.path.join(dest, rel), exist_ok=True)
        for name in files:
            if name.endswith(".md") or name.endswith(".yaml"):
                with open(os.path.join(folder, name)) as f:
                    text = re.sub(r"(?m)^!\[[^\]]*\]\(photo\.jpg\)\n", "", f.read())
                with open(os.path.join(dest, rel, name), "w") as f:
                    f.write(text)
    return dest


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="the --out folder of pictures_corpus.py")
    ap.add_argument("--gait", default="target/release/gait")
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--rounds", type=int, default=1, help="rounds of the warm and pages-only runs")
    ap.add_argument("--cold-rounds", type=int, default=None, help="rounds with a gait cold run (default: all)")
    ap.add_argument("--hugo-cold-rounds", type=int, default=None,
                    help="rounds with a Hugo cold run (default: all; each takes about half an hour)")
    ap.add_argument("--skip-hugo", action="store_true")
    args = ap.parse_args()
    site, hugo_site = os.path.join(args.corpus, "gait"), os.path.join(args.corpus, "hugo")
    out = "/tmp/picbench-out"
    hook = os.path.join(hugo_site, "layouts", "_default", "_markup", "render-image.html")
    results = {}

    def record(name, value):
        results.setdefault(name, []).append(value)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"{name}: {value[0]:.2f} s wall, {value[2]:.2f} s CPU, {value[1]:.0f} MiB (load after: {load})",
              flush=True)
        return value

    plain = without_pictures(site, os.path.join(args.corpus, "gait-nopics"))
    build = lambda root: timed([args.gait, "build", "--root", root, "--output", out])
    cold_rounds = args.rounds if args.cold_rounds is None else args.cold_rounds
    hugo_cold_rounds = args.rounds if args.hugo_cold_rounds is None else args.hugo_cold_rounds
    ratios = []
    for i in range(args.rounds):
        if i < cold_rounds:
            fresh(os.path.join(site, ".gait"), out)
            record("gait build, cold (no .gait/cache/, new output)", build(site))
        fresh(out)
        warm = record("gait build, warm cache, new output", build(site))
        fresh(out)
        pages = record("gait build of the corpus without pictures, new output", build(plain))
        ratios.append(warm[0] / pages[0])
        fresh(out)
        if args.skip_hugo:
            continue
        if i < hugo_cold_rounds:
            fresh(os.path.join(hugo_site, "resources"), out)
            record("Hugo, pages and pictures, cold", timed([args.hugo, "--quiet", "-d", out], cwd=hugo_site))
        fresh(out)
        record("Hugo, warm resources/, new output", timed([args.hugo, "--quiet", "-d", out], cwd=hugo_site))
        os.rename(hook, hook + ".off")
        try:
            fresh(out)
            record("Hugo, pages only", timed([args.hugo, "--quiet", "-d", out], cwd=hugo_site))
        finally:
            os.rename(hook + ".off", hook)
    print()
    for name, values in results.items():
        wall = statistics.median(v[0] for v in values)
        rss = statistics.median(v[1] for v in values)
        cpu = statistics.median(v[2] for v in values)
        runs = ", ".join(f"{v[0]:.2f}" for v in values)
        print(f"| {name} | {wall:.2f} s ({runs}) | {cpu:.2f} s | {rss:.0f} MiB |")
    print(f"warm / without pictures, median of per-round ratios: {statistics.median(ratios):.3f}"
          f" ({', '.join(f'{r:.3f}' for r in ratios)})")


if __name__ == "__main__":
    main()
