#!/usr/bin/env python3
"""The release binary as users run it, after `make test` (which runs a debug build, its service
module unoptimised): code the optimiser specialises can fail where the tests' build does not —
two nested task-local pushes crashed every render of the release `serve` and no test saw it.
Renders the default map, then serves and asks each route that reads data or draws, hangs up on
one large map mid-render, and stops the service with SIGTERM: every answer as expected, no crash,
exit 0.

    python3 scripts/release_smoke.py [BINARY]
"""
import os, re, signal, socket, subprocess, sys, tempfile, time, urllib.request

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/strikemap"
failures = []

def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "map.png")
    r = subprocess.run([binary, "render", "--quiet", "--out", out], capture_output=True, text=True)
    check(r.returncode == 0 and open(out, "rb").read(4) == b"\x89PNG", f"render: exit {r.returncode} {r.stderr[-300:]}")

    log = open(os.path.join(tmp, "serve.log"), "w+")
    p = subprocess.Popen([binary, "serve", "--port", "0", "--max-renders", "1"], stdout=subprocess.DEVNULL, stderr=log)
    port = None
    for _ in range(600):
        log.seek(0)
        m = re.search(r"serving on http://127\.0\.0\.1:(\d+)", log.read())
        if m:
            port = int(m.group(1))
            break
        if p.poll() is not None:
            break
        time.sleep(0.1)
    check(port is not None, "serve started")
    if port:
        base = f"http://127.0.0.1:{port}"
        for path, kind in [("/health", b"{"), ("/spec", b"{"), ("/map.png?width=800&height=600&dpi=100", b"\x89PNG"),
                           ("/map.svg?width=800&height=600&dpi=100&region=syria", b"<?xml"),
                           ("/events.json?limit=5", b"["), ("/events.csv?kind=strike", b"id,"), ("/stats.json", b"{")]:
            try:
                with urllib.request.urlopen(base + path, timeout=300) as a:
                    body = a.read()
                    check(a.status == 200 and body.startswith(kind), f"GET {path}: {a.status}")
            except Exception as e:
                check(False, f"GET {path}: {e}")
        # A client that hangs up while its large map is drawn: the service goes on answering.
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /map.png?width=9000&height=7000&dpi=300 HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)
        s.close()
        try:
            with urllib.request.urlopen(base + "/map.png?width=820&height=600&dpi=100", timeout=300) as a:
                check(a.status == 200, "a map after a client hung up")
        except Exception as e:
            check(False, f"a map after a client hung up: {e}")
        p.send_signal(signal.SIGTERM)
    try:
        code = p.wait(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        code = None
    log.seek(0)
    text = log.read()
    check(code == 0, f"serve exited {code} after SIGTERM")
    check("crashed" not in text and "Fatal error" not in text, "no crash in the service's log" + ("" if "crashed" not in text else ":\n" + text[:3000]))

print(f"release smoke: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
