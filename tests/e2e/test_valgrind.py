"""A worker serving 1,000 /healthz requests under valgrind leaks nothing."""
import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile

import pytest

from conftest import wait_until
import fcgi_client


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind not installed")
def test_worker_has_no_definite_leak(conf_path, bin_dir):
    tmp = tempfile.mkdtemp(prefix="sa-vg-")
    sock = os.path.join(tmp, "vg.sock")
    conf = os.path.join(tmp, "pool.conf")
    text = open(conf_path).read().replace("listen = unix:", f"listen = unix:{sock}\n# was: ")
    text = re.sub(r"(?m)^workers = .*$", "workers = 1", text)
    with open(conf, "w") as f:
        f.write(text)
    proc = subprocess.Popen(
        ["valgrind", "--trace-children=yes", "--leak-check=full",
         "--errors-for-leak-kinds=definite", f"--log-file={tmp}/vg.log.%p",
         os.path.join(bin_dir, "siteaudit-fcgi")],
        env=dict(os.environ, SITEAUDIT_CONF=conf))
    try:
        assert wait_until(lambda: os.path.exists(sock), 60), "pool did not start under valgrind"
        for i in range(1000):
            status, _, body = fcgi_client.request(sock, uri="/healthz", timeout=30)
            assert status == 200, (i, body)
        # an error path too: unknown route and a 405
        assert fcgi_client.request(sock, uri="/nope")[0] == 404
        assert fcgi_client.request(sock, method="POST", uri="/healthz", body=b"{}")[0] == 405
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    logs = glob.glob(os.path.join(tmp, "vg.log.*"))
    assert len(logs) >= 2, "expected a log for the master and the worker"
    for log in logs:
        text = open(log).read()
        assert "LEAK SUMMARY" in text or "no leaks are possible" in text, text[-2000:]
        m = re.search(r"definitely lost: ([\d,]+) bytes", text)
        lost = int(m.group(1).replace(",", "")) if m else 0
        assert lost == 0, f"{log}:\n{text[-3000:]}"
