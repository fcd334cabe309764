"""The packet: a chapter's finished PDFs joined into one, without laying anything out again.

WeasyPrint writes each document tagged (PDF/UA or PDF/A), with its fonts subset but glyph
ids kept ("retain gids"). Joining the finished files here, rather than the laid-out pages,
lets a build reuse every document it did not change. What a plain join would lose is kept:

- tags: each part's structure tree goes under one Document element, the parent tree keys
  of its pages and links shifted past the parts before it;
- fonts: the subsets of one face in every part are replaced by one subset of the face's file
  in layouts/fonts/ holding the glyphs of them all, so the packet is no larger than the
  documents laid out together;
- links: each part's named destinations (ref-1, ...) are prefixed with the part, so a
  citation jumps to its own references;
- bookmarks: one per document, its own headings beneath; title, language, metadata,
  output intents and attached files (grant) are kept.
"""

from __future__ import annotations

import hashlib
import io
import queue
import re
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)


class ReadAhead:
    """Parts parsed ahead of the join, on a thread, while the build waits for its workers
    (its own thread then sleeps, so parsing costs no time): a join spends most of its time
    parsing the parts' objects, which does not depend on the order it takes them in."""

    def __init__(self) -> None:
        self.queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.readers: dict[bytes, PdfReader] = {}
        self.thread = threading.Thread(target=self._parse, daemon=True)
        self.thread.start()

    def add(self, data: bytes) -> None:
        self.queue.put(data)

    def done(self) -> dict[bytes, PdfReader]:
        """Every part added, parsed: sha256 digest of its bytes -> its reader."""
        self.queue.put(None)
        self.thread.join()
        return self.readers

    def _parse(self) -> None:
        while (data := self.queue.get()) is not None:
            reader = PdfReader(io.BytesIO(data))
            _resolve(reader.trailer)
            self.readers[hashlib.sha256(data).digest()] = reader


def _resolve(start: Any) -> None:
    """Parse every object reachable from `start` (pypdf reads objects when first asked)."""
    _reachable([start], lambda reference: reference.get_object())


def _reachable(starts: Sequence[Any], follow: Callable[[IndirectObject], Any]) -> set[int]:
    """The numbers of the objects reachable from `starts` through the references `follow`
    resolves (it returns the object, or None to go no further there)."""
    seen: set[int] = set()
    stack = list(starts)
    while stack:
        obj = stack.pop()
        values = obj.values() if isinstance(obj, DictionaryObject) else (
            obj if isinstance(obj, ArrayObject) else ())
        for value in values:
            if isinstance(value, IndirectObject):
                if value.idnum not in seen and (target := follow(value)) is not None:
                    seen.add(value.idnum)
                    stack.append(target)
            elif isinstance(value, DictionaryObject | ArrayObject):
                stack.append(value)
    return seen


def join(parts: Sequence[tuple[str, bytes]], title: str, fonts: Sequence[Path],
         parsed: Mapping[bytes, PdfReader] | None = None) -> bytes:
    """One tagged PDF of `parts` ((bookmark title, PDF bytes), in order), titled `title`.

    `fonts` are the font files the parts were set in (their subsets are merged from them);
    `parsed` holds parts a ReadAhead parsed already."""
    writer = PdfWriter()
    members = ArrayObject()  # the parts' top structure elements
    document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                 NameObject("/S"): NameObject("/Document"),
                                 NameObject("/K"): members})
    document_ref: Any = writer._add_object(document)
    nums = ArrayObject()
    next_key = 0
    dests = ArrayObject()
    files: dict[str, Any] = {}
    associated = ArrayObject()
    marks: list[tuple[str, int, list[tuple[int, str, int]]]] = []
    first_root: Any = None
    for index, (name, data) in enumerate(parts):
        reader = (parsed or {}).get(hashlib.sha256(data).digest()) or PdfReader(io.BytesIO(data))
        root: Any = reader.trailer["/Root"]
        first_root = first_root or root
        start = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        keys = _parent_tree(root["/StructTreeRoot"]["/ParentTree"].get_object())
        prefix = f"p{index + 1}-"
        for page in writer.pages[start:]:
            _shift_page(page, next_key, prefix)
        for element in _kids(root["/StructTreeRoot"].get_object()):
            element[NameObject("/P")] = NullObject()  # keep the part's tree root out
            cloned = element.clone(writer)
            cloned[NameObject("/P")] = document_ref
            members.append(cloned.indirect_reference)
        for key, value in keys:
            nums += [NumberObject(key + next_key), value.clone(writer)]
        next_key += max((key for key, _ in keys), default=-1) + 1
        names = root.get("/Names", {})
        for dest_name, dest in _name_tree(names.get("/Dests")):
            dests += [TextStringObject(prefix + str(dest_name)), dest.clone(writer)]
        for file_name, spec in _name_tree(names.get("/EmbeddedFiles")):
            if str(file_name) not in files:
                files[str(file_name)] = spec.clone(writer)
                associated.append(files[str(file_name)])
        marks.append((name, start, _headings(reader)))
    tree = DictionaryObject({
        NameObject("/Type"): NameObject("/StructTreeRoot"),
        NameObject("/K"): ArrayObject([document_ref]),
        NameObject("/ParentTree"): writer._add_object(DictionaryObject({NameObject("/Nums"): nums})),
        NameObject("/ParentTreeNextKey"): NumberObject(next_key)})
    document[NameObject("/P")] = writer._add_object(tree)
    catalog = writer._root_object
    catalog[NameObject("/StructTreeRoot")] = document["/P"]
    for entry in ("/Lang", "/MarkInfo", "/ViewerPreferences"):
        if entry in first_root:
            catalog[NameObject(entry)] = first_root[entry].clone(writer)
    if "/OutputIntents" in first_root:
        catalog[NameObject("/OutputIntents")] = first_root["/OutputIntents"].clone(writer)
    names_dict = DictionaryObject()
    if dests:
        names_dict[NameObject("/Dests")] = DictionaryObject({NameObject("/Names"): dests})
    if files:
        entries = ArrayObject()
        for file_name in sorted(files):
            entries += [TextStringObject(file_name), files[file_name]]
        names_dict[NameObject("/EmbeddedFiles")] = DictionaryObject({NameObject("/Names"): entries})
        catalog[NameObject("/AF")] = associated
    if names_dict:
        catalog[NameObject("/Names")] = names_dict
    _metadata(writer, first_root, parts[0][1], title)
    _bookmarks(writer, marks)
    _merge_fonts(writer, fonts)
    writer.page_mode = "/UseOutlines"
    digest = hashlib.md5(b"".join(hashlib.sha256(d).digest() for _, d in parts) +
                         title.encode(), usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=False)
    _prune(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _prune(writer: PdfWriter) -> None:
    """Drop every object nothing reachable refers to (the parts' own font subsets, say)."""
    keep: set[int] = set()
    starts: list[Any] = []
    for source in (writer._root_object, writer._info):
        found: Any = source.get_object() if source is not None else None
        if found is not None and found.indirect_reference is not None:
            keep.add(found.indirect_reference.idnum)
            starts.append(found)
    keep |= _reachable(starts, lambda reference: writer._objects[reference.idnum - 1]
                       if reference.pdf is writer else None)
    for index in range(len(writer._objects)):
        if index + 1 not in keep:
            writer._objects[index] = None


# --- structure tree -----------------------------------------------------------------------

def _kids(tree_root: Any) -> list[Any]:
    kids = tree_root["/K"]
    kids = kids if isinstance(kids, list) else [kids]
    return [kid.get_object() for kid in kids]


def _parent_tree(node: Any) -> list[tuple[int, Any]]:
    """(key, value) of a number tree, its kids included."""
    found: list[tuple[int, Any]] = []
    nums = node.get("/Nums", [])
    found += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in node.get("/Kids", []):
        found += _parent_tree(kid.get_object())
    return found


def _name_tree(node: Any) -> Iterator[tuple[Any, Any]]:
    if node is None:
        return
    node = node.get_object()
    names = node.get("/Names", [])
    for i in range(0, len(names), 2):
        yield names[i], names[i + 1]
    for kid in node.get("/Kids", []):
        yield from _name_tree(kid)


def _shift_page(page: Any, offset: int, prefix: str) -> None:
    """Shift a page's (and its links') parent tree keys; prefix its named destinations."""
    if "/StructParents" in page:
        page[NameObject("/StructParents")] = NumberObject(int(page["/StructParents"]) + offset)
    for annotation in page.get("/Annots", []):
        annotation = annotation.get_object()
        if "/StructParent" in annotation:
            annotation[NameObject("/StructParent")] = NumberObject(
                int(annotation["/StructParent"]) + offset)
        if isinstance(annotation.get("/Dest"), str):
            annotation[NameObject("/Dest")] = TextStringObject(prefix + annotation["/Dest"])
        action = annotation.get("/A")
        if action is not None and isinstance(action.get_object().get("/D"), str):
            action = action.get_object()
            action[NameObject("/D")] = TextStringObject(prefix + action["/D"])


# --- bookmarks and metadata ------------------------------------------------------------

def _headings(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page) of a part's own bookmarks."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)
             if page.indirect_reference is not None}

    def walk(items: Any, level: int) -> list[tuple[int, str, int]]:
        found: list[tuple[int, str, int]] = []
        for item in items:
            if isinstance(item, list):
                found += walk(item, level + 1)
            elif getattr(item, "page", None) is not None:
                page = item.page
                number = pages.get(page.idnum) if isinstance(page, IndirectObject) else None
                if number is not None:
                    found.append((level, str(item.title), number))
        return found

    return walk(reader.outline, 0)


def _bookmarks(writer: PdfWriter, marks: list[tuple[str, int, list[tuple[int, str, int]]]]) -> None:
    """One bookmark per document at its first page, its own headings beneath."""
    for name, start, headings in marks:
        parent = writer.add_outline_item(title=name, page_number=start)
        for level, heading, page in headings:
            if not (level == 0 and page == 0):
                writer.add_outline_item(title=heading, page_number=start + page, parent=parent)


def _metadata(writer: PdfWriter, first_root: Any, first: bytes, title: str) -> None:
    """The first part's document information and XMP, with the packet's title."""
    info: dict[str, Any] = dict(PdfReader(io.BytesIO(first)).metadata or {})
    writer.add_metadata({**info, "/Title": title})
    if "/Metadata" in first_root:
        xmp = first_root["/Metadata"].get_object().get_data().decode("utf-8")
        xmp = re.sub(r"(<dc:title><rdf:Alt><rdf:li[^>]*>).*?(</rdf:li>)",
                     lambda m: m.group(1) + escape(title, quote=False) + m.group(2), xmp,
                     count=1, flags=re.DOTALL)
        stream = DecodedStreamObject()
        stream.set_data(xmp.encode("utf-8"))
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)


# --- fonts ------------------------------------------------------------------------------

def _resource_dicts(writer: PdfWriter) -> Iterator[Any]:
    """Every /Resources dictionary: the pages', and their form XObjects' (charts)."""
    seen: set[int] = set()
    stack = [page.get("/Resources") for page in writer.pages]
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        resources = resources.get_object()
        if id(resources) in seen:
            continue
        seen.add(id(resources))
        yield resources
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                stack.append(xobject["/Resources"])
        for pattern in (resources.get("/Pattern") or {}).values():
            pattern = pattern.get_object()
            if "/Resources" in pattern:
                stack.append(pattern["/Resources"])


def _merge_fonts(writer: PdfWriter, font_files: Sequence[Path]) -> None:
    """Replace every part's subset of a face by one subset holding all their glyphs."""
    groups: dict[str, list[Any]] = {}
    for resources in _resource_dicts(writer):
        for ref in (resources.get("/Font") or {}).values():
            obj = ref.get_object()
            if isinstance(ref, IndirectObject) and obj.get("/Subtype") == "/Type0":
                members = groups.setdefault(str(obj["/BaseFont"]), [])
                if all(m.idnum != ref.idnum for m in members):
                    members.append(ref)
    originals = _originals(tuple(font_files))
    for members in groups.values():
        if len(members) < 2:
            continue
        fonts = [m.get_object() for m in members]
        cids: dict[int, str] = {}
        widths: dict[int, float] = {}
        for font in fonts:
            cids.update(_to_unicode(font["/ToUnicode"].get_object().get_data()))
            widths.update(_widths(font["/DescendantFonts"][0].get_object().get("/W", [])))
        descendant = fonts[0]["/DescendantFonts"][0].get_object()
        program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
        original = originals.get(_postscript_name(program.get_data()))
        if original is None:
            continue  # a face not from layouts/fonts: leave its subsets as they are
        merged = _subset(original, frozenset(cids))
        stream = StreamObject()
        stream._data = zlib.compress(merged)
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        stream[NameObject("/Length1")] = NumberObject(len(merged))
        descendant["/FontDescriptor"].get_object()[NameObject("/FontFile2")] = \
            writer._add_object(stream)
        descendant[NameObject("/W")] = _width_array(widths)
        cmap = StreamObject()
        cmap._data = zlib.compress(_cmap(cids))
        cmap[NameObject("/Filter")] = NameObject("/FlateDecode")
        fonts[0][NameObject("/ToUnicode")] = writer._add_object(cmap)
        keep = members[0]
        others = {m.idnum for m in members[1:]}
        for resources in _resource_dicts(writer):
            table = resources.get("/Font")
            if table is None:
                continue
            table = table.get_object()
            for key, value in list(table.items()):
                if getattr(value, "idnum", None) in others:
                    table[NameObject(key)] = keep


@cache
def _originals(paths: tuple[Path, ...]) -> dict[str, bytes]:
    """PostScript name -> the font file's bytes, for the project's fonts."""
    return {_postscript_name(path.read_bytes()): path.read_bytes() for path in paths}


def _postscript_name(program: bytes) -> str:
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(program), lazy=True) as font:
        return str(font["name"].getDebugName(6) or "")


def _subset(original: bytes, glyphs: frozenset[int]) -> bytes:
    """A subset keeping glyph ids, as WeasyPrint makes them (HarfBuzz through uharfbuzz)."""
    import uharfbuzz as hb

    face = hb.Face(hb.Blob(original))
    first = hb.SubsetInput()
    for gid in sorted(glyphs):
        first.glyph_set.add(gid)
    first.flags = (hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED |
                   hb.SubsetFlags.DESUBROUTINIZE)
    for tag in ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT",
                "SVG "):
        first.sets(hb.SubsetInputSets.DROP_TABLE_TAG).add(_tag(tag))
    kept = hb.subset(face, first)
    second = hb.SubsetInput()
    for gid in range(max(glyphs) + 1):  # drop the empty glyphs after the last one used
        second.glyph_set.add(gid)
    second.flags = (hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE |
                    hb.SubsetFlags.NO_HINTING)  # WeasyPrint does not hint either
    return bytes(hb.subset(kept, second).blob.data)


def _tag(text: str) -> int:
    return int.from_bytes(text.encode("ascii"), "big")


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """CID -> text, from a ToUnicode CMap's bfchar and bfrange sections."""
    text = cmap.decode("latin-1")
    found: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.DOTALL):
        for cid, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            found[int(cid, 16)] = _utf16(uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.DOTALL):
        for low, high, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                         block):
            base = int(uni, 16)
            for offset, cid in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[cid] = _utf16(f"{base + offset:04X}")
    return found


def _utf16(hexed: str) -> str:
    return bytes.fromhex(hexed).decode("utf-16-be", errors="replace") if hexed else ""


def _cmap(cids: dict[int, str]) -> bytes:
    entries = sorted(cids.items())
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <ffff>", "endcodespacerange"]
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{cid:04x}> <{text.encode('utf-16-be').hex()}>" for cid, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def _widths(array: Any) -> dict[int, float]:
    """CID -> width, from a /W array (c [w ...] and c_first c_last w forms)."""
    found: dict[int, float] = {}
    items = list(array)
    index = 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1]
        if isinstance(following, list):
            for offset, width in enumerate(following):
                found[first + offset] = float(width)
            index += 2
        else:
            for cid in range(first, int(following) + 1):
                found[cid] = float(items[index + 2])
            index += 3
    return found


def _width_array(widths: dict[int, float]) -> ArrayObject:
    """Runs of consecutive CIDs as c [w ...]."""
    array = ArrayObject()
    run: list[float] = []
    start = previous = None
    for cid in sorted(widths):
        if previous is not None and cid != previous + 1:
            array += [NumberObject(start), ArrayObject([_number(w) for w in run])]
            run, start = [], None
        if start is None:
            start = cid
        run.append(widths[cid])
        previous = cid
    if start is not None:
        array += [NumberObject(start), ArrayObject([_number(w) for w in run])]
    return array


def _number(value: float) -> Any:
    from pypdf.generic import FloatObject

    return NumberObject(int(value)) if value == int(value) else FloatObject(value)
