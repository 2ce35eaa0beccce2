#!/usr/bin/python3
"""`make bench-serve`: the load benchmark of `strikemap serve` (release build), on loopback.

  1. cached default map: wrk, 16 connections, requests/s and latency (target: >= 2,000 requests/s);
  2. uncached default map: every request a map not drawn before (its own title, wrk script
     uncached.lua), 16 connections (target: p99 under 1 s); also at 8 and 4 connections, and
     16 connections asking for one new map (renders in progress shared);
  3. memory: resident size of an instance before and after 10,000 mixed requests, twice (cached
     maps, distinct documents, event lists, counts, errors, and 500 distinct small maps that
     overflow its 16 MiB cache), target: no growth past the cache bound;
  4. a cache-busting flood: 10,000 distinct map queries (each its own dates, region, view, theme
     and title, so none is answered from the cache) from 8 connections at once, the resident size
     sampled every 1,000; target: no 5xx, and no growth past the cache bound once warm;
  5. two instances behind nginx answer every request with the same bytes and the same ETag;
  6. GMT drawing the equivalent default scene (Benchmarks/gmt), the anchor for ratios.

    bench_serve.py [--seconds 10] [--binary .build/release/strikemap]
Nothing here is a unit test: these machines are noisy, so the figures are printed, with ratios.
"""
import argparse
import concurrent.futures
import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("--seconds", type=int, default=10)
ap.add_argument("--binary", default=".build/release/strikemap")
ap.add_argument("--connections", type=int, default=16)
ap.add_argument("--only", choices=["flood"], help="run only this phase")
ap.add_argument("--distinct", type=int, default=10000, help="queries in the cache-busting flood (0: skip it)")
args = ap.parse_args()
tmp = tempfile.mkdtemp(prefix="strikemap-bench-serve.")
children = []


def start(*extra):
    """A `strikemap serve --port 0` instance; gives (process, port)."""
    log = open(os.path.join(tmp, "serve-%d.log" % len(children)), "w+")
    p = subprocess.Popen([args.binary, "serve", "--port", "0", *extra], stdout=subprocess.DEVNULL, stderr=log)
    children.append(p)
    deadline = time.time() + 120
    while time.time() < deadline:
        log.seek(0)
        m = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", log.read())
        if m:
            return p, int(m.group(1))
        if p.poll() is not None:
            log.seek(0)
            sys.exit("bench-serve: the service did not start:\n" + log.read())
        time.sleep(0.05)
    sys.exit("bench-serve: the service did not start within 120 s")


def get(port, path, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), body


def rss_kib(p):
    with open("/proc/%d/status" % p.pid) as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def wrk(port, path, seconds, script=None, tag=None, connections=None):
    extra = ["-s", script] if script else []
    after = ["--", tag] if tag else []
    out = subprocess.run(["wrk", "-t2", "-c%d" % (connections or args.connections), "-d%ds" % seconds, "--timeout", "30s", "--latency",
                          *extra, "http://127.0.0.1:%d%s" % (port, path), *after], capture_output=True, text=True, check=True).stdout

    def latency(label):
        m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\b" % label, out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": latency("50%"), "p99": latency("99%"), "non2xx": int(bad.group(1)) if bad else 0,
            "requests": total, "socket_errors": errors.group(1) if errors else "none"}


def gmt_seconds():
    """The median of three GMT runs of the equivalent default scene, or None without GMT."""
    if not shutil.which("gmt"):
        return None
    data = os.path.join(tmp, "gmt-data")
    if subprocess.run(["/usr/bin/python3", "Benchmarks/gmt/prepare.py", data], capture_output=True).returncode != 0:
        return None
    times = []
    for i in range(3):
        t = time.perf_counter()
        r = subprocess.run(["/bin/bash", "Benchmarks/gmt/default_scene.sh", data, os.path.join(tmp, "gmt%d" % i)], capture_output=True)
        if r.returncode != 0:
            return None
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def nginx_pair():
    """Two instances behind nginx; every request through nginx and to each instance directly."""
    a, pa = start()
    b, pb = start()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write("""worker_processes 1; daemon off; pid %(tmp)s/nginx.pid; error_log %(tmp)s/nginx-error.log;
events {}
http {
    access_log off;
    client_body_temp_path %(tmp)s/body; proxy_temp_path %(tmp)s/proxy; fastcgi_temp_path %(tmp)s/fcgi;
    uwsgi_temp_path %(tmp)s/uwsgi; scgi_temp_path %(tmp)s/scgi;
    upstream strikemap { server 127.0.0.1:%(a)d; server 127.0.0.1:%(b)d; keepalive 16; }
    server {
        listen 127.0.0.1:%(port)d;
        location / { proxy_pass http://strikemap; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
}
""" % {"tmp": tmp, "a": pa, "b": pb, "port": port})
    n = subprocess.Popen(["nginx", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children.append(n)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    paths = ["/map.png", "/map.png?region=syria&view=hexbin&theme=dark", "/map.svg?region=baghdad&width=800&height=600&dpi=100",
             "/map.pdf?from=2023-11-01&to=2023-11-15", "/map.png?labels=ar&region=iraq&width=800&height=600&dpi=100",
             "/events.geojson?country=SY", "/stats.json?kind=attack", "/spec?region=iraq&last=14d"]
    same = 0
    for path in paths:
        answers = [get(port, path), get(port, path), get(pa, path), get(pb, path)]
        keys = {(st, h.get("etag"), hashlib.sha256(body).hexdigest()) for st, h, body in answers}
        ok = len(keys) == 1 and answers[0][0] == 200
        same += ok
        if not ok:
            print("  DIFFERENT: %s: %s" % (path, sorted(keys)))
    for p in (n, a, b):
        p.terminate()
    return same, len(paths)


def flood(count):
    """`count` distinct map queries, none answerable from the cache, from 8 connections at once;
    the resident size sampled every 1,000. Gives the statuses, the samples (MiB) and the seconds."""
    p, port = start("--cache-mb", "16", "--queue", "64")
    regions = ["", "&region=iraq", "&region=syria", "&region=baghdad", "&bbox=38,30,48,38"]
    views = ["", "&view=hexbin", "&view=heatmap", "&view=cluster"]

    def query(k):
        day = 1 + k % 28
        return ("/map.png?width=400&height=300&dpi=72&from=2023-10-%02d&to=2023-11-%02d%s%s&theme=%s&title=Flood+%d"
                % (1 + k % 17, day, regions[k % 5], views[(k // 5) % 4], ["light", "dark"][(k // 20) % 2], k))
    assert len({query(k) for k in range(count)}) == count
    local = __import__("threading").local()

    def send(k):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        try:
            local.conn.request("GET", query(k))
            r = local.conn.getresponse()
            r.read()
            return r.status
        except (OSError, http.client.HTTPException):
            local.conn.close()
            del local.conn
            return "connection error"
    get(port, query(count))
    samples = [rss_kib(p) / 1024]
    statuses = {}
    t = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for start_k in range(0, count, 1000):
            for st in pool.map(send, range(start_k, min(count, start_k + 1000))):
                statuses[st] = statuses.get(st, 0) + 1
            samples.append(rss_kib(p) / 1024)
    elapsed = time.perf_counter() - t
    metrics = get(port, "/metrics")[2].decode()
    m = re.search(r"strikemap_cache_bytes (\d+)", metrics)
    renders = re.search(r"strikemap_renders_total (\d+)", metrics)
    p.terminate()
    return statuses, samples, elapsed, (int(m.group(1)) / 2**20 if m else None), (int(renders.group(1)) if renders else None)


try:
    print("strikemap serve, release build, loopback, %d connections, %d s per wrk run, %d cores" % (args.connections, args.seconds, os.cpu_count()))
    if args.only is None:
        anchor = gmt_seconds()
        print("anchor: GMT, the equivalent default scene: %s" % ("%.3f s" % anchor if anchor else "not installed (`make gmt`)"))

        cached, port = start()
        st, h, body = get(port, "/map.png")
        assert st == 200, st
        r = wrk(port, "/map.png", args.seconds)
        print("cached default map:   %8.0f requests/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests, %d non-2xx, socket errors: %s)  target >= 2,000/s: %s"
              % (r["rps"], r["p50"], r["p99"], r["requests"], r["non2xx"], r["socket_errors"], "met" if r["rps"] >= 2000 else "MISSED"))
        c304 = subprocess.run(["wrk", "-t2", "-c%d" % args.connections, "-d%ds" % max(3, args.seconds // 2), "-H", "If-None-Match: " + h["etag"],
                               "http://127.0.0.1:%d/map.png" % port], capture_output=True, text=True).stdout
        print("  with If-None-Match (304): %s requests/s" % re.search(r"Requests/sec:\s+([\d.]+)", c304).group(1))

        uncached, uport = start("--queue", str(4 * args.connections))
        get(uport, "/map.png?title=Warm")
        r = wrk(uport, "/map.png", args.seconds, script="Benchmarks/serve/uncached.lua", tag="c%d" % args.connections)
        ratio = " = GMT x %.2f" % (r["p50"] / 1000 / anchor) if anchor else ""
        print("uncached default map: %8.1f requests/s  p50 %7.1f ms%s  p99 %7.1f ms  (%d requests, %d non-2xx)  target p99 < 1 s: %s"
              % (r["rps"], r["p50"], ratio, r["p99"], r["requests"], r["non2xx"], "met" if r["p99"] < 1000 and r["non2xx"] == 0 else "MISSED"))
        if anchor:
            print("  throughput: %.1f maps/s against GMT's %.1f maps/s one at a time (x %.1f)" % (r["rps"], 1 / anchor, r["rps"] * anchor))
        for conns in (8, 4, 2):
            rr = wrk(uport, "/map.png", args.seconds, script="Benchmarks/serve/uncached.lua", tag="c%d" % conns, connections=conns)
            print("  at %d connections: %.1f requests/s, p50 %.0f ms, p99 %.0f ms" % (conns, rr["rps"], rr["p50"], rr["p99"]))
        # Sixteen asking for one new map at once (a live article's embeds after a data update).
        shared, sport = start("--cache-mb", "0")
        get(sport, "/map.png?title=Warm")
        r = wrk(sport, "/map.png", args.seconds)
        m = get(sport, "/metrics")[2].decode()
        renders = re.search(r"strikemap_renders_total (\d+)", m).group(1)
        print("one map, 16 connections, no response cache: %.1f requests/s, p99 %.0f ms (%s renders for %d requests: in-flight renders shared)"
              % (r["rps"], r["p99"], renders, r["requests"]))
        shared.terminate()
        uncached.terminate()
        cached.terminate()

        mem, mport = start("--cache-mb", "16")
        conn = http.client.HTTPConnection("127.0.0.1", mport, timeout=300)

        def batch(offset):
            paths = []
            for i in range(10000):
                k = offset + i
                if i % 20 == 0:
                    paths.append("/map.png?width=400&height=300&dpi=72&title=Bench+%d" % k)  # a new map: drawn, cached, evicted
                elif i % 5 == 1:
                    paths.append("/spec?title=Document+%d&region=iraq" % k)
                elif i % 5 == 2:
                    paths.append("/events.json?from=2023-11-%02d&to=2023-11-22" % (1 + k % 20))
                elif i % 5 == 3:
                    paths.append(["/stats.json?kind=attack", "/health", "/nowhere/%d" % k, "/map.png?width=-%d" % k][k % 4])
                else:
                    paths.append("/map.png?width=800&height=600&dpi=100")
            statuses = {}
            for p in paths:
                conn.request("GET", p)
                r = conn.getresponse()
                r.read()
                statuses[r.status] = statuses.get(r.status, 0) + 1
            return statuses
        get(mport, "/map.png?width=800&height=600&dpi=100")
        before = rss_kib(mem)
        t = time.perf_counter()
        s1 = batch(0)
        after1 = rss_kib(mem)
        s2 = batch(10000)
        after2 = rss_kib(mem)
        elapsed = time.perf_counter() - t
        growth = (after2 - after1) / 1024
        print("memory (--cache-mb 16): %.1f MiB before, %.1f MiB after 10,000 requests, %.1f MiB after 20,000 (%.0f s; answers %s)"
              % (before / 1024, after1 / 1024, after2 / 1024, elapsed, dict(sorted(s1.items()))))
        print("  growth over the second 10,000: %+.1f MiB; target flat (within the 16 MiB cache bound): %s"
              % (growth, "met" if growth < 16 else "MISSED"))
        metrics = get(mport, "/metrics")[2].decode()
        m = re.search(r"strikemap_cache_bytes (\d+)", metrics)
        if m:
            print("  cache holds %.1f MiB" % (int(m.group(1)) / 2**20))
        mem.terminate()

    if args.distinct:
        statuses, samples, elapsed, held, renders = flood(args.distinct)
        warm = samples[min(2, len(samples) - 1)]
        growth = max(samples) - warm
        five = sum(n for st, n in statuses.items() if isinstance(st, int) and st >= 500)
        print("cache-busting flood: %d distinct map queries, 8 connections, --cache-mb 16: %.0f s (%.0f/s), %s renders; answers %s"
              % (args.distinct, elapsed, args.distinct / elapsed, renders, dict(sorted(statuses.items(), key=str))))
        print("  resident MiB every 1,000: %s; cache holds %s MiB" % (" ".join("%.0f" % m for m in samples),
                                                                    "%.1f" % held if held is not None else "?"))
        print("  growth after the first 2,000: %+.1f MiB; target no 5xx and within the 16 MiB cache bound: %s"
              % (growth, "met" if growth < 16 and five == 0 and set(statuses) == {200} else "MISSED"))

    if args.only is None:
        if shutil.which("nginx"):
            same, total = nginx_pair()
            print("two instances behind nginx: %d of %d requests answered with the same status, ETag and bytes by nginx (twice) and each instance: %s"
                  % (same, total, "met" if same == total else "MISSED"))
        else:
            print("nginx not installed: the two-instance check needs `apt-get install nginx-light`")
finally:
    for p in children:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
    shutil.rmtree(tmp, ignore_errors=True)
