"""`systemd-analyze verify` on the shipped units, laid out by the installer.

scripts/install (what `make install` runs) puts the binaries under
DESTDIR/usr/local/bin; the unit copies get their /usr/local/ paths rewritten
into that tree, so verify checks that every ExecStart / ExecStartPre binary
really exists and is executable, on top of the unit syntax. Timer and
service are verified together so the timer's target unit resolves. The
second test proves the check can fail: broken copies must be refused.
"""
import glob
import os
import shutil
import subprocess

import pytest

ANALYZE = shutil.which("systemd-analyze")
pytestmark = pytest.mark.skipif(
    ANALYZE is None, reason="systemd-analyze missing: run scripts/deps (package systemd)")


def unit_files(root_dir):
    files = sorted(glob.glob(os.path.join(root_dir, "systemd", "*.service")) +
                   glob.glob(os.path.join(root_dir, "systemd", "*.timer")))
    assert len(files) >= 3, files
    return files


@pytest.fixture(scope="module")
def tree(root_dir, bin_dir, tmp_path_factory):
    """DESTDIR with an installed siteaudit and path-rewritten unit copies."""
    dest = tmp_path_factory.mktemp("sd-install")
    build = os.path.dirname(bin_dir)
    res = subprocess.run([os.path.join(root_dir, "scripts", "install"), str(dest),
                          "/usr/local", build], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr
    units = dest / "units"
    units.mkdir()
    for f in unit_files(root_dir):
        text = open(f).read()
        assert "/usr/local/" in text or f.endswith(".timer"), f
        (units / os.path.basename(f)).write_text(
            text.replace("/usr/local/", f"{dest}/usr/local/"))
    return dest, units


def verify(paths):
    # SYSTEMD_LOG_COLOR=0: plain messages; cwd anywhere (units by path)
    env = dict(os.environ, SYSTEMD_LOG_COLOR="0", SYSTEMD_PAGER="")
    return subprocess.run([ANALYZE, "verify", *map(str, paths)], env=env,
                          capture_output=True, text=True, timeout=60)


def test_shipped_units_verify_clean(tree):
    dest, units = tree
    for name in ("siteaudit-fcgi", "siteaudit-runner"):
        assert os.access(dest / "usr/local/bin" / name, os.X_OK), name
    res = verify(sorted(units.iterdir()))
    # a warning ("ignoring", "Unknown key") is a defect too: stderr must be empty
    assert res.returncode == 0 and res.stderr == "", res.stderr


BREAKAGES = [
    # (file, old, new, what verify must say)
    ("siteaudit-fcgi.service", "bin/siteaudit-fcgi\n", "bin/siteaudit-fcgi-gone\n",
     "is not executable"),
    ("siteaudit-runner.service", "ExecStart=", "ExecStrat=", "Unknown key"),
    ("siteaudit-fcgi.service", "Type=notify", "Type=notifyy", "Failed to parse"),
    ("siteaudit-runner.timer", "OnCalendar=*-*-* *:*:00", "OnCalendar=every minute",
     "calendar"),
]


@pytest.mark.parametrize("name,old,new,says", BREAKAGES,
                         ids=[b[3] for b in BREAKAGES])
def test_a_broken_unit_is_refused(tree, tmp_path, name, old, new, says):
    _, units = tree
    for f in units.iterdir():
        shutil.copy(f, tmp_path / f.name)
    target = tmp_path / name
    text = target.read_text()
    assert old in text, (name, old)
    target.write_text(text.replace(old, new, 1))
    res = verify(sorted(tmp_path.iterdir()))
    assert res.returncode != 0 or res.stderr, "verify accepted a broken unit"
    assert says in res.stderr, res.stderr
