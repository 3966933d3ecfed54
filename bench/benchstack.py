"""benchstack.py: the stack and wrk helpers bench/load and bench/soak share.

Not a benchmark itself (not executable, so `make bench` skips it). Only the
standard library: benchmarks run with /usr/bin/python3 on a bare machine.
"""
# SPDX-License-Identifier: MIT
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, "bench", "wrk-report.lua")


def say(tool, msg):
    sys.stderr.write(f"{tool}: {msg}\n")
    sys.stderr.flush()


def read_env(path):
    out = {}
    with open(path) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v.strip("'\"")
    return out


class Stack:
    """A running stack: the one in $SITEAUDIT_STATE, else a throwaway one
    started with scripts/stack (binaries from $BIN_DIR, default build/bin)
    and stopped by close()."""

    def __init__(self, tool, workers=None):
        self.tool = tool
        self.bin_dir = os.environ.get("BIN_DIR") or os.environ.get(
            "SITEAUDIT_BIN_DIR") or os.path.join(ROOT, "build", "bin")
        self.owned = False
        self.state = os.environ.get("SITEAUDIT_STATE")
        if not (self.state and os.path.exists(os.path.join(self.state, "run.env"))):
            self.state = tempfile.mkdtemp(prefix=f"sa-bench-{tool}-")
            self.owned = True
            self._stack("up", workers=workers)
        self.env = read_env(os.path.join(self.state, "run.env"))
        self.url = self.env["SITEAUDIT_URL"]
        self.key = self.env["SITEAUDIT_API_KEY"]
        self.fixtures = self.env["SITEAUDIT_FIXTURES_URL"]

    def _stack(self, cmd, workers=None):
        e = dict(os.environ, BIN_DIR=self.bin_dir)
        if workers:
            e["SITEAUDIT_WORKERS"] = str(workers)
        say(self.tool, f"scripts/stack {cmd} {self.state}")
        p = subprocess.run([os.path.join(ROOT, "scripts", "stack"), cmd, self.state],
                           env=e, capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            raise RuntimeError(f"scripts/stack {cmd} failed:\n{p.stdout}{p.stderr}")

    def restart_runner(self):
        """Starts the stack's own runner again (scripts/stack up is idempotent)."""
        self._stack("up")

    def close(self):
        if self.owned:
            self._stack("down")
            shutil.rmtree(self.state, ignore_errors=True)

    def sql(self, query):
        out = subprocess.run(
            ["mariadb", "--no-defaults", f"--socket={self.state}/run/mysqld.sock",
             "-uroot", "-N", "-B", "siteaudit", "-e", query],
            capture_output=True, text=True, timeout=60, check=True).stdout
        return [line.split("\t") for line in out.splitlines()]

    def pid(self, name):
        try:
            return int(open(os.path.join(self.state, "pids", f"{name}.pid")).read())
        except (OSError, ValueError):
            return None

    def worker_pids(self):
        master = self.pid("fcgi")
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True,
                             text=True).stdout
        return sorted(int(p) for p in out.split())

    def conn(self):
        u = urllib.parse.urlparse(self.url)
        return http.client.HTTPConnection(u.hostname, u.port, timeout=30)

    def api(self, conn, method, path, body=None):
        """One keep-alive request with the demo key: (status, parsed JSON or None)."""
        h = {"Authorization": f"Bearer {self.key}"}
        data = None
        if body is not None:
            data, h["Content-Type"] = json.dumps(body), "application/json"
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        raw = r.read()
        try:
            return r.status, json.loads(raw)
        except ValueError:
            return r.status, None

    def completed_run(self, timeout=120):
        """Audits the fixture sample page through the API and waits for the
        stack's runner: (run id, report id) of a real completed run."""
        c = self.conn()
        st, body = self.api(c, "POST", "/api/mcp/start-audit",
                            {"url": self.fixtures + "/sample-site/index.html"})
        if st != 202:
            raise RuntimeError(f"start-audit answered {st}: {body}")
        run, end = body["runId"], time.monotonic() + timeout
        while time.monotonic() < end:
            st, body = self.api(c, "GET", f"/api/mcp/runs/{run}")
            if body and body.get("status") in ("completed", "failed"):
                if body["status"] != "completed":
                    raise RuntimeError(f"seed run failed: {body.get('error')}")
                return run, body["reportId"]
            time.sleep(0.3)
        raise RuntimeError("seed run did not finish (is the runner up?)")


WRK_LINE = re.compile(r"^WRK (.*)$", re.M)


def wrk(url, conns, seconds, bearer=None, script=LUA, extra_env=None):
    """Runs wrk; returns the dict of its WRK summary line, or None."""
    env = dict(os.environ, **(extra_env or {}))
    env.pop("BENCH_BEARER", None)
    if bearer:
        env["BENCH_BEARER"] = bearer
    threads = max(1, min(2, conns))
    p = subprocess.run(["wrk", f"-t{threads}", f"-c{conns}", f"-d{seconds}s",
                        "--timeout", "10s", "-s", script, url],
                       env=env, capture_output=True, text=True, timeout=seconds + 60)
    m = WRK_LINE.search(p.stdout)
    if not m:
        return None
    return {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}


def have(tool):
    return shutil.which(tool) is not None


def rss_kb(pid):
    """VmRSS of pid in kB, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
        return int(m.group(1)) if m else None
    except OSError:
        return None
