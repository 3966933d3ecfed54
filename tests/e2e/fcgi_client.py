"""A minimal FastCGI client (the responder role), for talking to a
siteaudit-fcgi pool directly, without nginx, in the pool lifecycle tests."""
import socket
import struct

BEGIN, END, PARAMS, STDIN, STDOUT = 1, 3, 4, 5, 6


def _record(rtype, content, req_id=1):
    pad = (8 - len(content) % 8) % 8
    return struct.pack("!BBHHBx", 1, rtype, req_id, len(content), pad) + content + b"\0" * pad


def _pair(name, value):
    def length(n):
        return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)
    n, v = name.encode(), value.encode()
    return length(len(n)) + length(len(v)) + n + v


def request(address, method="GET", uri="/healthz", body=b"", timeout=10, headers=None,
            remote_addr="127.0.0.1"):
    """Sends one request to address ("/path/sock" or (host, port)) as if from
    remote_addr; returns (status, headers dict, body bytes)."""
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(address)
        path, _, query = uri.partition("?")
        params = {"REQUEST_METHOD": method, "REQUEST_URI": uri,
                  "QUERY_STRING": query, "CONTENT_LENGTH": str(len(body)),
                  "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": remote_addr}
        for name, value in (headers or {}).items():
            params["HTTP_" + name.upper().replace("-", "_")] = value
        data = b"".join(_pair(k, v) for k, v in params.items())
        s.sendall(_record(BEGIN, struct.pack("!HB5x", 1, 0))
                  + _record(PARAMS, data) + _record(PARAMS, b"")
                  + (_record(STDIN, body) if body else b"") + _record(STDIN, b""))
        out = _read_stdout(s)
    head, _, payload = out.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode().split("\r\n"):
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    status = int(headers.get("status", "200").split()[0])
    return status, headers, payload


def _read_stdout(s):
    buf, out = b"", b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed before END_REQUEST")
        buf += chunk
        while len(buf) >= 8:
            _, rtype, _, clen, pad = struct.unpack("!BBHHBx", buf[:8])
            if len(buf) < 8 + clen + pad:
                break
            content, buf = buf[8:8 + clen], buf[8 + clen + pad:]
            if rtype == STDOUT:
                out += content
            elif rtype == END:
                return out
