"""The few pypdf writer operations the press needs that pypdf keeps private, in one place.

pypdf has no public way to add a new object to a writer and get its reference back, to
give a file its identifier (the press derives it from the inputs, so the same inputs give
the same bytes), or to drop objects that nothing reachable refers to (its own
`compress_identical_objects(remove_unreferenced=True)` drops only objects nothing names,
not whole unreachable branches such as the font subsets a packet replaces). These use its
private `_add_object`, `_ID`, `_objects` and `_info`, which is why pyproject.toml pins pypdf
to the 7.x range the tests run on. pypdf's own file identifiers are random by design
(`generate_file_identifiers`: "reproducibility is not required", py-pdf/pypdf#2003, and
#2361 made `_ID` the attribute it writes), and it has no public call that adds an object
and returns its reference. tests/test_private_calls.py exercises each use directly, so a
pypdf that changed them fails there, not in a staff member's build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, PdfObject


def add(writer: PdfWriter, obj: PdfObject) -> IndirectObject:
    """`obj` as a new indirect object of `writer`: its reference."""
    return writer._add_object(obj)


def identify(writer: PdfWriter, digest: bytes) -> None:
    """Give the file the identifier `digest` (both halves: it is written once)."""
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])


def reachable(starts: Iterable[PdfObject],
              follow: Callable[[IndirectObject], PdfObject | None]) -> set[int]:
    """The numbers of the objects reachable from `starts` through the references `follow`
    resolves (it returns the object, or None to go no further there)."""
    seen: set[int] = set()
    stack = list(starts)
    while stack:
        obj = stack.pop()
        values: Iterable[PdfObject] = obj.values() if isinstance(obj, DictionaryObject) else (
            obj if isinstance(obj, ArrayObject) else ())
        for value in values:
            if isinstance(value, IndirectObject):
                if value.idnum not in seen and (target := follow(value)) is not None:
                    seen.add(value.idnum)
                    stack.append(target)
            elif isinstance(value, DictionaryObject | ArrayObject):
                stack.append(value)
    return seen


def prune(writer: PdfWriter) -> None:
    """Drop every object the catalog and the document information do not reach."""
    keep: set[int] = set()
    starts: list[PdfObject] = []
    for source in (writer.root_object, writer._info):
        found = source.get_object() if source is not None else None
        if found is not None and found.indirect_reference is not None:
            keep.add(found.indirect_reference.idnum)
            starts.append(found)
    objects = writer._objects

    def follow(reference: IndirectObject) -> PdfObject | None:
        return objects[reference.idnum - 1] if reference.pdf is writer else None

    keep |= reachable(starts, follow)
    for index in range(len(objects)):
        if index + 1 not in keep:
            objects[index] = None
