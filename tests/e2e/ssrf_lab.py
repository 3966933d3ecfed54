"""ssrf_lab: a private network + mount namespace for the SSRF suite.

Holds no tests. `Lab(dir)` starts this file as a script under
`unshare --net --mount`; inside, it

  * brings up `lo` and adds every forbidden address the suite aims at
    (10.0.0.1, 172.16.0.1, 192.168.0.1, 169.254.169.254, 100.64.0.1,
    fc00::1, fe80::1) plus one stand-in *public* address, ORIGIN (1.2.3.4),
    all on `lo` — the namespace has no other interface, so nothing sent to
    any of them can leave the machine;
  * listens on [::] (dual stack) on ports 80, 443 and 8080: any TCP
    connection to any address of the namespace arrives there. A connection
    whose local address is ORIGIN is served by the origin routes below;
    every other one is a *forbidden hit*, appended to DIR/hits.jsonl before
    a byte is read;
  * answers DNS on 127.0.0.1:53 (UDP) for *.ssrf.test, and bind-mounts a
    resolv.conf pointing there (and an /etc/hosts with one extra loopback
    name) over /etc, visible only inside the namespace.

Programs under test (a strict siteaudit-fcgi pool, siteaudit-runner --once,
siteaudit audit) are started inside with `nsenter`; they reach MariaDB over
its unix socket, which a network namespace does not hide.

ORIGIN:8080 also stands in for an HTTP proxy named in the environment
(http_proxy, ALL_PROXY…): a request with an absolute URI is a hit too, since
a proxy would fetch that URI from its own side of the guard.

Origin routes (ORIGIN only): /page, /redirect?to=URL, /chain?n=N&to=URL,
/big (64 MiB of HTML), /header-bomb (endless headers), /gzip-bomb (128 MiB of zeros as ~130 KB gzip),
/slow (one byte per 0.5 s, forever), /robots.txt + /sitemap.xml +
/crawl-home (a site whose discovery leads to forbidden URLs: CRAWL_TRAPS),
/rebind-page?host=H (a page whose sub-resources live on host H). Every
response's path and byte count go to DIR/served.jsonl.
"""
import json
import os
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

ORIGIN = "1.2.3.4"
FORBIDDEN_V4 = ["10.0.0.1", "172.16.0.1", "192.168.0.1", "169.254.169.254",
                "100.64.0.1"]
FORBIDDEN_V6 = ["fc00::1", "fe80::1"]
PORTS = (80, 443, 8080)
HOSTS_NAME = "intranet.ssrf-hosts.test"   # in the lab's /etc/hosts → 127.0.0.1

# DNS zone: name → {qtype: [addresses]}; rebind-*.ssrf.test is dynamic.
ZONE = {
    "public.ssrf.test": {1: [ORIGIN]},
    "loop.ssrf.test": {1: ["127.0.0.1"]},
    "loop6.ssrf.test": {28: ["::1"]},
    "meta.ssrf.test": {1: ["169.254.169.254"]},
    "private.ssrf.test": {1: ["10.0.0.1"]},
    "mixed.ssrf.test": {1: [ORIGIN, "127.0.0.1"]},
    "mapped.ssrf.test": {28: ["::ffff:127.0.0.1"]},
    # as many real resolvers do (systemd-resolved, dnsmasq): "localhost."
    # with its trailing dot bypasses /etc/hosts and reaches DNS
    "localhost": {1: ["127.0.0.1"], 28: ["::1"]},
}


# What the origin's robots.txt, sitemap.xml and /crawl-home point a site
# scan at: forbidden URLs, plus one public page.
CRAWL_TRAPS = ["http://127.0.0.1/internal", "http://169.254.169.254/latest/meta-data/",
               "http://[::1]/x", "http://10.0.0.1/admin", "http://loop.ssrf.test/",
               f"http://{ORIGIN}/page"]
ROBOTS = ("User-agent: *\nAllow: /\nSitemap: http://127.0.0.1/sitemap.xml\n"
          f"Sitemap: http://{ORIGIN}/sitemap.xml\n")


# --- the test side -------------------------------------------------------------

class Lab:
    """The namespace, seen from the test process."""

    def __init__(self, work):
        self.dir = str(work)
        for name in ("hits.jsonl", "served.jsonl", "dns.jsonl"):
            open(os.path.join(self.dir, name), "w").close()
        self.proc = subprocess.Popen(
            ["unshare", "--net", "--mount", "--fork", "--kill-child",
             sys.executable if sys.executable.startswith("/usr/bin") else "/usr/bin/python3",
             os.path.abspath(__file__), "serve", self.dir],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.dir, "lab.log"), "w"))
        ready = os.path.join(self.dir, "ready")
        for _ in range(200):
            if os.path.exists(ready) or self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if not os.path.exists(ready):
            self.stop()
            raise RuntimeError("ssrf lab did not start: " +
                               open(os.path.join(self.dir, "lab.log")).read())
        self.pid = int(open(ready).read())

    def cmd(self, argv):
        """argv wrapped to run inside the namespace."""
        return ["nsenter", "-t", str(self.pid), "-n", "-m", "--", *argv]

    def run(self, argv, env=None, timeout=120):
        return subprocess.run(self.cmd(argv), env=env, capture_output=True,
                              text=True, timeout=timeout)

    def popen(self, argv, env=None, **kw):
        return subprocess.Popen(self.cmd(argv), env=env, **kw)

    def _jsonl(self, name):
        with open(os.path.join(self.dir, name)) as f:
            return [json.loads(line) for line in f if line.strip()]

    def hits(self):
        """Every connection that reached a forbidden address."""
        return self._jsonl("hits.jsonl")

    def served(self, path_prefix):
        return [s for s in self._jsonl("served.jsonl")
                if s["path"].startswith(path_prefix)]

    def dns_queries(self, name):
        return [q for q in self._jsonl("dns.jsonl") if q["name"] == name]

    def stop(self):
        if self.proc.poll() is None:
            try:                           # the server, by the pid it reported
                os.kill(self.pid, signal.SIGTERM)
            except (AttributeError, OSError):
                self.proc.terminate()      # not ready: --kill-child takes it along
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


# --- inside the namespace ------------------------------------------------------

def _append(path, obj, lock=threading.Lock()):
    with lock, open(path, "a") as f:
        f.write(json.dumps(obj) + "\n")


def _setup_net(work):
    def ip(*a):
        subprocess.run(["ip", *a], check=True)
    ip("link", "set", "lo", "up")
    for a in [ORIGIN] + FORBIDDEN_V4:
        ip("addr", "add", a + "/32", "dev", "lo")
    for a in FORBIDDEN_V6:
        ip("-6", "addr", "add", a + "/128", "dev", "lo", "nodad")
    resolv = os.path.join(work, "resolv.conf")
    with open(resolv, "w") as f:
        f.write("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
    hosts = os.path.join(work, "hosts")
    with open(hosts, "w") as f:
        f.write(f"127.0.0.1 localhost\n::1 localhost ip6-localhost\n"
                f"127.0.0.1 {HOSTS_NAME}\n")
    subprocess.run(["mount", "--bind", resolv, "/etc/resolv.conf"], check=True)
    subprocess.run(["mount", "--bind", hosts, "/etc/hosts"], check=True)


# DNS over UDP: just enough of RFC 1035 for glibc's stub resolver.

def _qname(pkt, off):
    labels = []
    while pkt[off]:
        n = pkt[off]
        labels.append(pkt[off + 1:off + 1 + n].decode("ascii", "replace"))
        off += 1 + n
    return ".".join(labels).lower(), off + 1


class Dns:
    def __init__(self, work):
        self.log = os.path.join(work, "dns.jsonl")
        self.seen = {}
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 53))
        threading.Thread(target=self.serve, daemon=True).start()

    def answer(self, name, qtype):
        if name.startswith("rebind-") and name.endswith(".ssrf.test"):
            if qtype != 1:
                return []
            # first A answer public (passes any pre-check), then loopback
            n = self.seen[name] = self.seen.get(name, 0) + 1
            return [ORIGIN] if n == 1 else ["127.0.0.1"]
        zone = ZONE.get(name)
        if zone is None:
            return None
        return zone.get(qtype, [])

    def serve(self):
        while True:
            pkt, peer = self.sock.recvfrom(512)
            try:
                name, off = _qname(pkt, 12)
                qtype, = struct.unpack("!H", pkt[off:off + 2])
            except (IndexError, struct.error):
                continue
            ips = self.answer(name, qtype)
            _append(self.log, {"name": name, "qtype": qtype, "answer": ips,
                               "t": time.time()})
            rcode = 3 if ips is None else 0
            ips = ips or []
            head = pkt[:2] + struct.pack("!HHHHH", 0x8180 | rcode, 1, len(ips), 0, 0)
            body = pkt[12:off + 4]
            for a in ips:
                fam, t = (socket.AF_INET6, 28) if ":" in a else (socket.AF_INET, 1)
                if t != qtype:
                    continue
                rd = socket.inet_pton(fam, a)
                body += struct.pack("!HHHIH", 0xc00c, t, 1, 0, len(rd)) + rd
            self.sock.sendto(head + body, peer)


# HTTP: one dual-stack server per port; ORIGIN is served, the rest recorded.

_BOMB = None


def _bomb():
    global _BOMB
    if _BOMB is None:
        c = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = b"\0" * (1 << 20)
        _BOMB = b"".join(c.compress(zeros) for _ in range(128)) + c.flush()
    return _BOMB


class Origin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    work = None

    def log_message(self, *a):
        pass

    def send(self, code, body=b"", ctype="text/html", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        _append(os.path.join(self.work, "served.jsonl"),
                {"path": self.path, "bytes": len(body)})

    def stream(self, path, chunk, total, pause=0.0, headers=()):
        """Writes chunk until total bytes or the client leaves; logs the count."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(total))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        sent, t0 = 0, time.time()
        try:
            while sent < total:
                part = chunk[:total - sent]
                self.wfile.write(part)
                self.wfile.flush()
                sent += len(part)
                if pause:
                    time.sleep(pause)
        except OSError:
            pass
        _append(os.path.join(self.work, "served.jsonl"),
                {"path": path, "bytes": sent, "seconds": time.time() - t0})

    def header_bomb(self, path):
        """A status line, then header lines without end (up to 64 MiB)."""
        sent = 0
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            line = b"X-Pad: " + b"a" * 1000 + b"\r\n"
            while sent < 64 << 20:
                self.wfile.write(line * 64)
                sent += len(line) * 64
        except OSError:
            pass
        self.close_connection = True
        _append(os.path.join(self.work, "served.jsonl"), {"path": path, "bytes": sent})

    def do_GET(self):
        if not self.path.startswith("/"):
            # an absolute URI: someone used ORIGIN as an HTTP proxy
            _append(os.path.join(self.work, "hits.jsonl"),
                    {"proxied": self.path, "t": time.time()})
            self.send(502, b"not a proxy", "text/plain")
            return
        u = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        if u.path == "/page":
            self.send(200, b"<!doctype html><html lang=en><head><title>Origin"
                      b"</title></head><body><h1>Origin</h1></body></html>")
        elif u.path == "/redirect":
            self.send(int(q.get("code", 302)), headers=[("Location", q["to"])])
        elif u.path == "/chain":
            n = int(q.get("n", 1))
            nxt = q["to"] if n <= 1 else f"/chain?n={n - 1}&to={q['to']}"
            self.send(301, headers=[("Location", nxt)])
        elif u.path == "/big":
            self.stream(u.path, b"<p>" + b"x" * 65532 + b"</p>", 64 << 20)
        elif u.path == "/gzip-bomb":
            bomb = _bomb()
            self.stream(u.path, bomb, len(bomb),
                        headers=[("Content-Encoding", "gzip")])
        elif u.path == "/robots.txt":
            self.send(200, ROBOTS.encode(), "text/plain")
        elif u.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{x}</loc></url>" for x in CRAWL_TRAPS)
            self.send(200, ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                            '"http://www.sitemaps.org/schemas/sitemap/0.9">'
                            f'{urls}</urlset>').encode(), "application/xml")
        elif u.path == "/crawl-home":
            links = "".join(f"<a href='{x}'>link</a> " for x in CRAWL_TRAPS)
            self.send(200, (f"<!doctype html><html lang=en><head><title>Home</title>"
                            f"</head><body><h1>Home</h1>{links}"
                            f"<a href='/page'>page</a></body></html>").encode())
        elif u.path == "/header-bomb":
            self.header_bomb(u.path)
        elif u.path == "/slow":
            self.stream(u.path, b" ", 100000, pause=0.5)
        elif u.path == "/rebind-page":
            h = q["host"]
            body = (f"<!doctype html><html lang=en><head><title>Rebind</title>"
                    f"<link rel=stylesheet href='http://{h}/style.css'>"
                    f"<script src='http://{h}/app.js'></script></head><body>"
                    f"<img src='http://{h}/secret.png' alt=x></body></html>")
            self.send(200, body.encode())
        else:
            self.send(404, b"not found", "text/plain")

    do_POST = do_GET      # webhook deliveries: the same routes


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    address_family = socket.AF_INET6
    daemon_threads = True
    allow_reuse_address = True

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()

    def process_request(self, request, client_address):
        local = request.getsockname()[0]
        if local.startswith("::ffff:"):
            local = local[7:]
        if local == ORIGIN and self.server_address[1] != 443:
            return super().process_request(request, client_address)
        _append(os.path.join(Origin.work, "hits.jsonl"),
                {"local": local, "port": self.server_address[1],
                 "peer": client_address[0], "t": time.time()})
        try:
            request.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\n"
                            b"Connection: close\r\n\r\nSECRET\n")
        except OSError:
            pass
        self.shutdown_request(request)


def serve(work):
    # unshare --fork hands us SIGTERM blocked; Lab.stop() relies on it
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    _setup_net(work)
    Origin.work = work
    Dns(work)
    for port in PORTS:
        srv = Server(("::", port), Origin)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    threading.Thread(target=_bomb, daemon=True).start()
    with open(os.path.join(work, "ready.tmp"), "w") as f:
        f.write(str(os.getpid()))
    os.rename(os.path.join(work, "ready.tmp"), os.path.join(work, "ready"))
    while True:
        time.sleep(3600)


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "serve":
    serve(sys.argv[2])
