"""Onboarding uploads waiting for their confirmation, kept under MEDIA_ROOT/impor/.

A preview stores the file; the confirmation reads and deletes it. One never confirmed is
swept after a day: by ``manage.py sapu_unggahan`` (cron), and whenever a new upload is
stored (a listing of a folder that the sweep itself keeps small).
"""

import datetime
import time
from pathlib import Path

from django.conf import settings

MAX_AGE = datetime.timedelta(days=1)


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "impor"


def path_for(token: str) -> Path:
    return folder() / f"{token}.xlsx"


def store(token: str, content: bytes) -> Path:
    sweep()
    path = path_for(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def sweep(max_age: datetime.timedelta = MAX_AGE) -> int:
    """Delete the files in the folder last written more than ``max_age`` ago; how many."""
    root = folder()
    if not root.is_dir():
        return 0
    cutoff = time.time() - max_age.total_seconds()
    removed = 0
    for entry in root.iterdir():
        try:
            if entry.is_file() and not entry.is_symlink() and entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
        except FileNotFoundError:  # confirmed or swept by another worker meanwhile
            continue
    return removed
