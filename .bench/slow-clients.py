#!/usr/bin/env python3
"""Slow clients against a running Crux, with probes measuring how the site answers meanwhile.

Keeps BODIES connections sending POST /login with Content-Length: 100000 one byte every TRICKLE seconds (reopened
as soon as the server cuts one, as a persistent attacker would) and HEADERS connections sending their request
headers one byte every TRICKLE seconds, for SECONDS; every half second it fetches /healthz and the article page on
fresh connections and prints their latencies, and how many slow connections the server cut.

Usage: .bench/slow-clients.py [base URL, default http://127.0.0.1:7181] (BODIES, HEADERS, SECONDS, TRICKLE from env)
"""
import os
import select
import socket
import sys
import threading
import time
import urllib.parse
import http.client

base = urllib.parse.urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:7181")
HOST, PORT = base.hostname, base.port
BODIES = int(os.environ.get("BODIES", 200))
HEADERS = int(os.environ.get("HEADERS", 200))
SECONDS = float(os.environ.get("SECONDS", 60))
TRICKLE = float(os.environ.get("TRICKLE", 3))

BODY_START = (b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: 100000\r\n\r\nn")
HEADER_START = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a"

cut = {"body": 0, "header": 0}
statuses = {}


def open_slow(kind):
    s = socket.create_connection((HOST, PORT))
    s.sendall(BODY_START if kind == "body" else HEADER_START)
    return s


def attackers(stop):
    conns = {}
    for _ in range(BODIES):
        s = open_slow("body")
        conns[s] = "body"
    for _ in range(HEADERS):
        s = open_slow("header")
        conns[s] = "header"
    next_trickle = time.monotonic() + TRICKLE
    while not stop.is_set():
        readable, _, _ = select.select(list(conns), [], [], 0.2)
        for s in readable:
            kind = conns.pop(s)
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if data[:12].startswith(b"HTTP/1.1 "):
                statuses[data[9:12].decode()] = statuses.get(data[9:12].decode(), 0) + 1
            cut[kind] += 1
            s.close()
            conns[open_slow(kind)] = kind
        if time.monotonic() >= next_trickle:
            next_trickle += TRICKLE
            for s in list(conns):
                try:
                    s.send(b"a")
                except OSError:
                    pass
    for s in conns:
        s.close()


def probe(path):
    start = time.monotonic()
    try:
        c = http.client.HTTPConnection(HOST, PORT, timeout=10)
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        c.close()
        return r.status, time.monotonic() - start
    except OSError as e:
        return type(e).__name__, time.monotonic() - start


for path in ("/healthz", "/"):
    probe(path)  # first views (templates, caches, JIT) before the measurement: the slow clients are the question
stop = threading.Event()
began = time.monotonic()
t = threading.Thread(target=attackers, args=(stop,), daemon=True)
t.start()
time.sleep(2)  # every slow connection open before the first probe
lat = {"/healthz": [], "/": []}
bad = []
slow = []
end = time.monotonic() + SECONDS
while time.monotonic() < end:
    for path in lat:
        status, seconds = probe(path)
        lat[path].append(seconds)
        if seconds > 1:
            slow.append(f"{path} {seconds * 1000:.0f} ms at {time.monotonic() - began:.0f} s")
        if status != 200:
            bad.append((path, status))
    time.sleep(0.5)
stop.set()
t.join()
for path, xs in lat.items():
    xs.sort()
    print(f"{path}: {len(xs)} probes, p50 {xs[len(xs) // 2] * 1000:.0f} ms, max {xs[-1] * 1000:.0f} ms, "
          f"over 1 s: {sum(1 for x in xs if x > 1)}")
print(f"probes not 200: {len(bad)} {bad[:5]}; over 1 s: {slow}")
print(f"slow connections cut by the server: bodies {cut['body']}, headers {cut['header']}; statuses {statuses}")
