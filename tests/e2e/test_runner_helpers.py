"""Helpers for the runner tests (no tests here): config copies, runner
processes, a slow site."""
import http.server
import os
import signal
import socket
import subprocess
import threading
import time

from conftest import mariadb, stack


def conf_copy(conf_path, dest, **runner_keys):
    """Copies the stack's config with [runner] keys replaced or added."""
    out, section, done = [], None, set()
    for line in open(conf_path).read().splitlines():
        if line.startswith("["):
            if section == "runner":
                out += [f"{k} = {v}" for k, v in runner_keys.items() if k not in done]
            section = line.strip("[] ")
        key = line.split("=", 1)[0].strip()
        if section == "runner" and key in runner_keys:
            line = f"{key} = {runner_keys[key]}"
            done.add(key)
        out.append(line)
    with open(dest, "w") as f:
        f.write("\n".join(out) + "\n")
    return dest


def runner_env(conf):
    return dict(os.environ, SITEAUDIT_CONF=conf)


def run_once(bin_dir, conf, timeout=120):
    return subprocess.run([os.path.join(bin_dir, "siteaudit-runner"), "--once"],
                          env=runner_env(conf), capture_output=True, text=True,
                          timeout=timeout)


def start_loop(bin_dir, conf, log_path):
    log = open(log_path, "w")
    return subprocess.Popen([os.path.join(bin_dir, "siteaudit-runner"), "--loop"],
                            env=runner_env(conf), stdout=log, stderr=log)


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def pause_stack_runner(state_dir):
    """Stops the stack's own runner so the tests control who claims what."""
    pidfile = os.path.join(state_dir, "pids", "runner.pid")
    try:
        pid = int(open(pidfile).read().strip())
        os.kill(pid, signal.SIGTERM)
    except (OSError, ValueError):
        return
    for _ in range(300):
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.1)


def resume_stack_runner(root_dir):
    stack(root_dir, "up", os.environ["SITEAUDIT_STATE"])


def insert_run(state, run_id, url, strategy="mobile", kind="audit", site=None,
               extra_cols="", extra_vals=""):
    org = os.environ["SITEAUDIT_ORG_ID"]
    site_sql = f"'{site}'" if site else "NULL"
    mariadb(state, "INSERT INTO runs (id, org_id, site_id, url, kind, trigger_source,"
                   f" strategy{extra_cols}) VALUES ('{run_id}', '{org}', {site_sql},"
                   f" '{url}', '{kind}', 'api', '{strategy}'{extra_vals})")


def run_row(state, run_id, cols):
    rows = mariadb(state, f"SELECT {cols} FROM runs WHERE id = '{run_id}'")
    return rows[0] if rows else None


class SlowPage(http.server.BaseHTTPRequestHandler):
    """Serves a small HTML page, dripping its body over `drip` seconds."""
    drip = 6.0
    body = (b"<!doctype html><html lang=en><head><meta charset=utf-8>"
            b"<title>Slow page</title><meta name=description content='slow'>"
            b"</head><body><main><h1>Slow</h1>" + b"<p>slow page</p>" * 40 +
            b"</main></body></html>")

    def do_GET(self):
        if not self.path.startswith("/slow"):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        chunks = 12
        step = len(self.body) // chunks + 1
        try:
            for i in range(0, len(self.body), step):
                self.wfile.write(self.body[i:i + step])
                self.wfile.flush()
                time.sleep(self.drip / chunks)
        except OSError:
            pass   # the runner was killed mid-download

    def log_message(self, *args):
        pass


def slow_server():
    """Starts SlowPage on a free 127.0.0.1 port; returns (server, base URL)."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowPage)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}"


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
