"""The compiled catalogues are committed, so the Chinese UI and the Chinese labels an import
accepts (状态 = 在营) do not depend on a compile step at install time; this keeps each .mo in
step with its .po (`make messages` writes both)."""

import gettext
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

from parkos.core.importing import accepted_labels
from parkos.enterprises.choices import EnterpriseStatus

LOCALE = Path(settings.BASE_DIR) / "parkos" / "locale"


def _catalogue(path: Path) -> dict:
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


def test_every_committed_mo_is_compiled_from_its_po(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian package gettext) compiles the catalogues for this check"
    pos = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
    assert len(pos) == 2
    for po in pos:
        compiled = tmp_path / f"{po.parent.parent.name}.mo"
        subprocess.run([msgfmt, "--check-format", "-o", compiled, po], check=True)
        committed = po.with_suffix(".mo")
        assert committed.exists(), f"{committed} is not committed: run make messages"
        assert _catalogue(committed) == _catalogue(compiled), f"run make messages ({po})"


def test_an_import_reads_a_chinese_label_from_the_committed_catalogue():
    assert accepted_labels(EnterpriseStatus)["在营"] == EnterpriseStatus.OPERATING
