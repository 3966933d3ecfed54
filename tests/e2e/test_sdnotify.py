"""siteaudit-fcgi speaks systemd's readiness protocol (Type=notify): READY=1
once workers run, RELOADING=1 / READY=1 around SIGHUP, STOPPING=1 on SIGTERM."""
import os
import signal
import socket
import subprocess
import tempfile

from conftest import wait_until


def test_ready_reloading_stopping(conf_path, bin_dir):
    tmp = tempfile.mkdtemp(prefix="sa-notify-")
    sock_path = os.path.join(tmp, "notify.sock")
    rx = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    rx.bind(sock_path)
    rx.settimeout(15)
    pool_sock = os.path.join(tmp, "pool.sock")
    conf = os.path.join(tmp, "pool.conf")
    with open(conf, "w") as f:
        f.write(open(conf_path).read().replace("listen = unix:",
                                               f"listen = unix:{pool_sock}\n# was: "))
    proc = subprocess.Popen([os.path.join(bin_dir, "siteaudit-fcgi")],
                            env=dict(os.environ, SITEAUDIT_CONF=conf,
                                     NOTIFY_SOCKET=sock_path))
    try:
        assert rx.recv(256) == b"READY=1"
        assert wait_until(lambda: os.path.exists(pool_sock), 5)
        proc.send_signal(signal.SIGHUP)
        assert rx.recv(256) == b"RELOADING=1"
        assert rx.recv(256) == b"READY=1"
        proc.send_signal(signal.SIGTERM)
        assert rx.recv(256) == b"STOPPING=1"
        assert proc.wait(15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        rx.close()
