#!/usr/bin/env python3
"""Measure gait serve's save-to-reload latency.

Starts `gait serve --port 0` on a site, listens to the live-reload event
stream on 127.0.0.1, then edits one post N times and records the time from
the file write to the `reload` event. Prints each sample and the median.

    tools/bench/serve_latency.py --gait target/release/gait --site /tmp/corpus-gait --runs 15
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gait", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--post", help="post file to edit (default: the first one)")
    ap.add_argument("--pause", type=float, default=4.0,
                    help="seconds between saves, so the feeds and search index of the last save are done")
    a = ap.parse_args()

    posts = os.path.join(a.site, "content", "posts")
    post = a.post or os.path.join(posts, sorted(os.listdir(posts))[0])
    original = open(post, encoding="utf-8").read()

    proc = subprocess.Popen([a.gait, "serve", "--root", a.site, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = None
    start = time.time()
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if m:
            port = int(m.group(1))
            break
        if time.time() - start > 300:
            break
    if port is None:
        proc.kill()
        sys.exit("gait serve printed no address")
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()

    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"GET /__gait/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    events = []
    cond = threading.Condition()

    def reader():
        buf = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return
            buf += chunk
            for name in re.findall(rb"event: ([a-z-]+)", buf):
                with cond:
                    events.append((time.perf_counter(), name.decode()))
                    cond.notify_all()
            buf = buf[buf.rfind(b"\n") + 1:]

    threading.Thread(target=reader, daemon=True).start()
    time.sleep(1.0)

    samples = []
    try:
        for i in range(a.runs):
            with cond:
                seen = len(events)
            t0 = time.perf_counter()
            with open(post, "w", encoding="utf-8") as f:
                f.write(original + f"\n\nEdit number {i} for the latency benchmark.\n")
            with cond:
                ok = cond.wait_for(lambda: any(n == "reload" for _, n in events[seen:]), timeout=30)
                if not ok:
                    print(f"run {i}: no reload within 30 s")
                    continue
                t1 = next(t for t, n in events[seen:] if n == "reload")
            samples.append((t1 - t0) * 1000)
            print(f"run {i}: {samples[-1]:.0f} ms")
            time.sleep(a.pause)
    finally:
        with open(post, "w", encoding="utf-8") as f:
            f.write(original)
        # Stopped as Ctrl-C stops it, the preview removes its folder.
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    if samples:
        print(f"median {statistics.median(samples):.0f} ms over {len(samples)} saves "
              f"(min {min(samples):.0f}, max {max(samples):.0f})")


if __name__ == "__main__":
    main()
