"""Store the files a module offers at import, and give them back for export."""

import hashlib

from ..content.course_attachments import AttachmentFile
from ..database import assign_changed
from ..models import Module, ModuleAttachment

EXPORT_FOLDER = "files"  # where an exported course keeps its modules' files


def sync_attachments(module: Module, files: dict[str, tuple[AttachmentFile, ...]]) -> bool:
    """Make ``module``'s stored files match ``files`` (per language); tell whether they changed.

    A file whose bytes are unchanged (same sha256) keeps its row and its bytes are not
    written again; only its position or title may change.
    """
    existing = {(row.language, row.filename): row for row in module.attachments}
    changed = False
    for language, listed in files.items():
        for position, file in enumerate(listed, start=1):
            digest = hashlib.sha256(file.data).hexdigest()
            row = existing.pop((language, file.filename), None)
            if row is None:
                row = ModuleAttachment(language=language, filename=file.filename)
                module.attachments.append(row)
                changed = True
            if row.sha256 != digest:
                row.data, row.size, row.sha256 = file.data, len(file.data), digest
                changed = True
            changed |= assign_changed(
                row, position=position, title=file.title, content_type=file.content_type
            )
    for row in existing.values():
        module.attachments.remove(row)
        changed = True
    return changed


def stored_attachments(module: Module) -> dict[str, tuple[AttachmentFile, ...]]:
    """Return ``module``'s files per language as the folder format holds them."""
    files: dict[str, list[AttachmentFile]] = {}
    for row in module.attachments:
        path = f"{EXPORT_FOLDER}/{row.filename}"
        file = AttachmentFile(
            path=path, title=row.title, content_type=row.content_type, data=row.data
        )
        files.setdefault(row.language, []).append(file)
    return {language: tuple(listed) for language, listed in files.items()}
