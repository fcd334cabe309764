"""A print run's files for the shop in one zip: the imposed PDFs, the order as a PDF and as
text, read from the print run's folder alone (out/print/<training>/) as its manifest lists
them (never its previews, its index or anything else of out/). The same files give the same
bytes: the names sorted, every entry dated 1980-01-01 and marked an ordinary file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from press.core import files
from press.core.manifest import Manifest, read_manifest
from press.core.names import order_text_path

STAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no clock's time in the bytes


def shop_files(manifest: Manifest) -> list[str]:
    """The files of a print run the shop takes, by their names in its folder, sorted: each
    document of its manifest, and the order's text beside the order's PDF."""
    found = [record.file for record in manifest.outputs]
    found += [order_text_path(r.file) for r in manifest.outputs if r.facts.kind == "order"]
    return sorted(found)


def shop_zip(folder: Path) -> bytes | None:
    """The zip of the print run published in `folder`; None when there is none (or a file
    its manifest names is not there: a folder being replaced is never half zipped)."""
    manifest = read_manifest(folder)
    if manifest is None:
        return None
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in shop_files(manifest):
                entry = zipfile.ZipInfo(name, STAMP)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o100644 << 16  # an ordinary file, read by all
                archive.writestr(entry, files.read_bytes(folder, folder / name))
    except (OSError, files.Refused):
        return None
    return buffer.getvalue()
