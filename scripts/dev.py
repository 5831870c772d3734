"""Set up and run the project with nothing but python3: ``python3 scripts/dev.py demo|test``.

``demo`` installs the package into ``.venv`` and shows the lineage of Council Resolution 1344
from the bundled dataset. ``test`` installs what the tests need, builds the wheel, installs
it (so the suite tests what users get, data included) and runs every check: ruff lint and
format, mypy --strict, the generated-file checks, a strict build of the documentation site,
pytest with Hypothesis (including the site opened in headless Chromium), doctests of the
package and the docs, and the dataset audit.

The browser test needs Chromium, and the site build npm, from the system's packages, which pip
cannot install: ``test`` installs them with apt-get when it runs as root on Debian or Ubuntu, and
otherwise stops at once, saying how.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
CHROMIUM = Path("/usr/bin/chromium")


def run(*args: str | Path) -> None:
    """Run a command from the project root; stop at the first failure with its exit code."""
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def pip(*args: str | Path) -> None:
    """Run pip quietly in the project's virtual environment."""
    run(PYTHON, "-m", "pip", "--disable-pip-version-check", "-q", *args)


def ensure_venv() -> None:
    """Create ``.venv`` with a pip recent enough for dependency groups (PEP 735)."""
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip("install", "--upgrade", "pip>=25.1")


def install_wheel() -> None:
    """Build the wheel and install it, replacing any editable or older install."""
    dist = ROOT / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    pip("wheel", "--no-deps", "--wheel-dir", dist, ".")
    wheel = next(dist.glob("itu_governance-*.whl"))
    pip("install", wheel)
    pip("install", "--force-reinstall", "--no-deps", wheel)


def require_system_packages() -> None:
    """Install Chromium (the browser test) and npm (the site's Mermaid bundle) when they are missing.

    pip cannot install them: on a Debian or Ubuntu machine where this runs as root they come
    from the system's packages; anywhere else the command stops at once, saying how.
    """
    missing = []
    if not CHROMIUM.exists():
        missing += ["chromium", "chromium-driver"]
    if shutil.which("npm") is None:
        missing += ["npm"]
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        print("+ apt-get install", " ".join(missing), flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)
        return
    print(
        "error: the test command needs " + ", ".join(missing) + " from the system's packages, which pip cannot "
        "install.\nOn Debian or Ubuntu, as root:\n    apt-get update && apt-get install -y " + " ".join(missing),
        file=sys.stderr,
    )
    sys.exit(1)


def demo() -> None:
    """Install and show the lineage of Council Resolution 1344."""
    ensure_venv()
    install_wheel()
    run(BIN / "itu-governance", "lineage", "Council Resolution 1344")


def test() -> None:
    """Every check CI runs, in the order that fails fastest."""
    require_system_packages()
    ensure_venv()
    pip("install", "--group", "test")
    install_wheel()
    run(PYTHON, "-m", "ruff", "check", ".")
    run(PYTHON, "-m", "ruff", "format", "--check", ".")
    run(PYTHON, "-m", "mypy")
    run(PYTHON, "scripts/schema.py", "--check")
    run(PYTHON, "scripts/coverage.py", "--check")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    site = ROOT / "site"
    run(PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site)
    os.environ["ITU_GOVERNANCE_SITE"] = str(site)  # tests/test_site.py opens this build
    run(
        PYTHON,
        "-m",
        "pytest",
        "--numprocesses=auto",  # one worker per core; a file's tests stay together (the browser starts once)
        "--dist=loadfile",
        "tests",
        "docs",
        "README.md",
        "--pyargs",
        "itu_governance",
        "--doctest-modules",
        "--doctest-glob=*.md",
    )
    run(BIN / "itu-governance", "audit")


def main() -> None:
    """Dispatch ``demo`` or ``test``."""
    tasks = {"demo": demo, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in tasks:
        print(f"usage: python3 {Path(__file__).name} {'|'.join(tasks)}", file=sys.stderr)
        sys.exit(2)
    tasks[sys.argv[1]]()


if __name__ == "__main__":
    main()
