"""The layout's import rules (pyproject.toml, [tool.importlinter]) hold.

Run here as well as in `make lint`, so that `make test` fails on a broken rule.
"""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
ROOT = Path(settings.BASE_DIR)


def lint_imports(*args):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_every_import_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_contract_the_code_breaks_is_reported(tmp_path):
    # The admin does import the domain: a contract forbidding it must fail, so a
    # kept contract above means the imports were read, not that none were found.
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["articles", "taxonomy", "config"]\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "admin without the domain"\ntype = "forbidden"\n'
        'source_modules = ["articles.admin"]\nforbidden_modules = ["articles.models"]\n'
    )
    result = lint_imports("--config", str(config))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "admin without the domain BROKEN" in result.stdout
