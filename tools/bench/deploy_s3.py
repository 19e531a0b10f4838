#!/usr/bin/env python3
"""Measure `gait deploy` to moto's S3 server on 127.0.0.1.

For each round: start a fresh moto server, copy the corpus, deploy it
(the first deploy: every file), edit one post, deploy again. Prints each
round's objects written and seconds (the whole command, which includes the
build, and the publishing part alone: total minus the build time gait
prints), then the medians.

    python3 ../shared/bench/gen_corpus.py --posts 10000 --out /tmp/corpus-gait
    tools/bench/deploy_s3.py --gait target/release/gait --corpus /tmp/corpus-gait --rounds 3
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto(moto):
    port = free_port()
    proc = subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                sys.exit("moto_server did not start")
            time.sleep(0.1)
    req = urllib.request.Request(f"http://127.0.0.1:{port}/bench-site", method="PUT")
    urllib.request.urlopen(req).read()
    return proc, port


def deploy(gait, site):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
    started = time.perf_counter()
    out = subprocess.run([gait, "deploy", "--root", site], env=env,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        sys.exit(f"gait deploy failed:\n{out.stdout}\n{out.stderr}")
    built = re.search(r"pages in (\d+) ms", out.stdout)
    uploaded = re.search(r"uploaded (\d+) files?", out.stdout)
    deleted = re.search(r"deleted (\d+) files?", out.stdout)
    build_s = int(built.group(1)) / 1000 if built else 0.0
    written = (int(uploaded.group(1)) if uploaded else 0) + (int(deleted.group(1)) if deleted else 0)
    return written, seconds, seconds - build_s, out.stdout.strip().splitlines()[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gait", required=True)
    ap.add_argument("--corpus", required=True, help="a site written by gen_corpus.py --format gait")
    ap.add_argument("--moto", default="tests/tools/venv/bin/moto_server")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()

    results = {"first": [], "one edit": []}
    for r in range(a.rounds):
        proc, port = start_moto(a.moto)
        tmp = tempfile.mkdtemp(prefix="gait-deploy-bench-")
        site = os.path.join(tmp, "site")
        try:
            shutil.copytree(a.corpus, site, ignore=shutil.ignore_patterns("public", ".public.gait-*"))
            with open(os.path.join(site, "site.yaml"), "a", encoding="utf-8") as f:
                f.write(f"\ndeploy:\n  target: s3://bench-site/www\n"
                        f"  endpoint: http://127.0.0.1:{port}\n  region: us-east-1\n")
            results["first"].append(deploy(a.gait, site))
            posts = os.path.join(site, "content", "posts")
            post = os.path.join(posts, sorted(os.listdir(posts))[len(os.listdir(posts)) // 2])
            with open(post, "a", encoding="utf-8") as f:
                f.write("\nOne more sentence, edited for the benchmark.\n")
            results["one edit"].append(deploy(a.gait, site))
        finally:
            proc.kill()
            proc.wait()
            shutil.rmtree(tmp, ignore_errors=True)
        for name, rows in results.items():
            w, s, p, line = rows[-1]
            print(f"round {r + 1} {name}: {w} objects written, {s:.2f} s in all, {p:.2f} s publishing | {line}")

    print("\n| deploy | objects written | seconds (with the build) | seconds publishing |")
    print("|---|---|---|---|")
    for name, rows in results.items():
        print(f"| {name} | {statistics.median(x[0] for x in rows):.0f} "
              f"| {statistics.median(x[1] for x in rows):.2f} "
              f"| {statistics.median(x[2] for x in rows):.2f} |")


if __name__ == "__main__":
    main()
