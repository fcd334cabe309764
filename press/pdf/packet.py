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
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from html import escape
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    Destination,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from press.pdf import objects

Heading = tuple[int, str, int]  # level, title, page within its part


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


def _resolve(start: PdfObject) -> None:
    """Parse every object reachable from `start` (pypdf reads objects when first asked)."""
    objects.reachable([start], lambda reference: reference.get_object())


def join(parts: Sequence[tuple[str, bytes]], title: str, fonts: Sequence[Path],
         parsed: Mapping[bytes, PdfReader] | None = None) -> bytes:
    """One tagged PDF of `parts` ((bookmark title, PDF bytes), in order), titled `title`.

    `fonts` are the font files the parts were set in (their subsets are merged from them);
    `parsed` holds parts a ReadAhead parsed already."""
    joined = _Joined(PdfWriter())
    first_root: DictionaryObject | None = None
    for index, (name, data) in enumerate(parts):
        reader = (parsed or {}).get(hashlib.sha256(data).digest()) or PdfReader(io.BytesIO(data))
        first_root = first_root or _dict(reader.trailer["/Root"])
        joined.add(index, name, reader)
    assert first_root is not None, "a packet of no parts"
    writer = joined.writer
    joined.catalog(first_root)
    _metadata(writer, first_root, parts[0][1], title)
    _bookmarks(writer, joined.marks)
    _merge_fonts(writer, fonts)
    writer.page_mode = "/UseOutlines"
    digest = hashlib.md5(b"".join(hashlib.sha256(d).digest() for _, d in parts) +
                         title.encode(), usedforsecurity=False).digest()
    objects.identify(writer, digest)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=False)
    objects.prune(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class _Joined:
    """The packet as its parts are added: pages, structure, destinations, attached files."""

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.members = ArrayObject()  # the parts' top structure elements
        self.document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                          NameObject("/S"): NameObject("/Document"),
                                          NameObject("/K"): self.members})
        self.document_ref = objects.add(writer, self.document)
        self.nums = ArrayObject()
        self.next_key = 0
        self.dests = ArrayObject()
        self.files: dict[str, PdfObject] = {}
        self.associated = ArrayObject()
        self.marks: list[tuple[str, int, list[Heading]]] = []

    def add(self, index: int, name: str, reader: PdfReader) -> None:
        """Part `index` (bookmarked `name`): its pages, structure elements and names."""
        writer = self.writer
        root = _dict(reader.trailer["/Root"])
        start = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        tree_root = _dict(root["/StructTreeRoot"])
        keys = _parent_tree(_dict(tree_root["/ParentTree"]))
        prefix = f"p{index + 1}-"
        for page in writer.pages[start:]:
            _shift_page(page, self.next_key, prefix)
        for element in _kids(tree_root):
            element[NameObject("/P")] = NullObject()  # keep the part's tree root out
            cloned = element.clone(writer)
            cloned[NameObject("/P")] = self.document_ref
            self.members.append(cloned.indirect_reference)
        for key, value in keys:
            self.nums += [NumberObject(key + self.next_key), value.clone(writer)]
        self.next_key += max((key for key, _ in keys), default=-1) + 1
        names = _dict(root.get("/Names", DictionaryObject()))
        for dest_name, dest in _name_tree(names.get("/Dests")):
            self.dests += [TextStringObject(prefix + str(dest_name)), dest.clone(writer)]
        for file_name, spec in _name_tree(names.get("/EmbeddedFiles")):
            if str(file_name) not in self.files:
                self.files[str(file_name)] = spec.clone(writer)
                self.associated.append(self.files[str(file_name)])
        self.marks.append((name, start, _headings(reader)))

    def catalog(self, first_root: DictionaryObject) -> None:
        """The structure tree, names and attached files; language, marking, viewer
        preferences and output intents as the first part has them."""
        writer = self.writer
        tree = DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): ArrayObject([self.document_ref]),
            NameObject("/ParentTree"): objects.add(
                writer, DictionaryObject({NameObject("/Nums"): self.nums})),
            NameObject("/ParentTreeNextKey"): NumberObject(self.next_key)})
        self.document[NameObject("/P")] = objects.add(writer, tree)
        catalog = writer.root_object
        catalog[NameObject("/StructTreeRoot")] = self.document["/P"]
        for entry in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/OutputIntents"):
            if entry in first_root:
                catalog[NameObject(entry)] = first_root[entry].clone(writer)
        names = DictionaryObject()
        if self.dests:
            names[NameObject("/Dests")] = DictionaryObject({NameObject("/Names"): self.dests})
        if self.files:
            entries = ArrayObject()
            for file_name in sorted(self.files):
                entries += [TextStringObject(file_name), self.files[file_name]]
            names[NameObject("/EmbeddedFiles")] = DictionaryObject({NameObject("/Names"): entries})
            catalog[NameObject("/AF")] = self.associated
        if names:
            catalog[NameObject("/Names")] = names


def _array(value: PdfObject | None) -> ArrayObject:
    """`value` resolved to an array (none there: an empty one)."""
    found = value.get_object() if value is not None else ArrayObject()
    if not isinstance(found, ArrayObject):
        raise TypeError(f"a PDF array was expected, not {type(found).__name__}")
    return found


def _descendant(font: DictionaryObject) -> DictionaryObject:
    """A Type0 font's one CIDFont."""
    return _dict(_array(font["/DescendantFonts"])[0])


def _stream(value: PdfObject | None) -> StreamObject:
    found = value.get_object() if value is not None else None
    if not isinstance(found, StreamObject):
        raise TypeError(f"a PDF stream was expected, not {type(found).__name__}")
    return found


def _number_of(value: PdfObject) -> int:
    if not isinstance(value, NumberObject):
        raise TypeError(f"a PDF integer was expected, not {type(value).__name__}")
    return int(value)


def _dict(value: PdfObject | None) -> DictionaryObject:
    """`value` resolved to the dictionary a part written by WeasyPrint has there."""
    found = value.get_object() if value is not None else None
    if not isinstance(found, DictionaryObject):
        raise TypeError(f"a PDF dictionary was expected, not {type(found).__name__}")
    return found


# --- structure tree -----------------------------------------------------------------------

def _kids(tree_root: DictionaryObject) -> list[DictionaryObject]:
    kids = tree_root["/K"]
    return [_dict(kid) for kid in (kids if isinstance(kids, ArrayObject) else [kids])]


def _parent_tree(node: DictionaryObject) -> list[tuple[int, PdfObject]]:
    """(key, value) of a number tree, its kids included."""
    nums = _array(node.get("/Nums"))
    found = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in _array(node.get("/Kids")):
        found += _parent_tree(_dict(kid))
    return found


def _name_tree(node: PdfObject | None) -> Iterator[tuple[PdfObject, PdfObject]]:
    if node is None:
        return
    tree = _dict(node)
    names = _array(tree.get("/Names"))
    for i in range(0, len(names), 2):
        yield names[i], names[i + 1]
    for kid in _array(tree.get("/Kids")):
        yield from _name_tree(kid)


def _shift_page(page: DictionaryObject, offset: int, prefix: str) -> None:
    """Shift a page's (and its links') parent tree keys; prefix its named destinations."""
    if "/StructParents" in page:
        page[NameObject("/StructParents")] = NumberObject(
            _number_of(page["/StructParents"]) + offset)
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

def _headings(reader: PdfReader) -> list[Heading]:
    """(level, title, page) of a part's own bookmarks."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)
             if page.indirect_reference is not None}

    def walk(items: Sequence[object], level: int) -> list[Heading]:
        found: list[Heading] = []
        for item in items:
            if isinstance(item, list):
                found += walk(item, level + 1)
            elif isinstance(item, Destination) and item.page is not None:
                page = item.page
                number = pages.get(page.idnum) if isinstance(page, IndirectObject) else None
                if number is not None:
                    found.append((level, str(item.title), number))
        return found

    return walk(reader.outline, 0)


def _bookmarks(writer: PdfWriter, marks: list[tuple[str, int, list[Heading]]]) -> None:
    """One bookmark per document at its first page, its own headings beneath."""
    for name, start, headings in marks:
        parent = writer.add_outline_item(title=name, page_number=start)
        for level, heading, page in headings:
            if not (level == 0 and page == 0):
                writer.add_outline_item(title=heading, page_number=start + page, parent=parent)


def _metadata(writer: PdfWriter, first_root: DictionaryObject, first: bytes, title: str) -> None:
    """The first part's document information and XMP, with the packet's title."""
    info: dict[str, object] = dict(PdfReader(io.BytesIO(first)).metadata or {})
    writer.add_metadata({**info, "/Title": title})
    if "/Metadata" in first_root:
        xmp = _stream(first_root["/Metadata"]).get_data().decode("utf-8")
        xmp = re.sub(r"(<dc:title><rdf:Alt><rdf:li[^>]*>).*?(</rdf:li>)",
                     lambda m: m.group(1) + escape(title, quote=False) + m.group(2), xmp,
                     count=1, flags=re.DOTALL)
        stream = DecodedStreamObject()
        stream.set_data(xmp.encode("utf-8"))
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer.root_object[NameObject("/Metadata")] = objects.add(writer, stream)


# --- fonts ------------------------------------------------------------------------------

def _resource_dicts(writer: PdfWriter) -> Iterator[DictionaryObject]:
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
    groups: dict[str, list[IndirectObject]] = {}
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
        fonts = [_dict(m) for m in members]
        cids: dict[int, str] = {}
        widths: dict[int, float] = {}
        for font in fonts:
            cids.update(_to_unicode(_stream(font["/ToUnicode"]).get_data()))
            widths.update(_widths(_array(_descendant(font).get("/W"))))
        descendant = _descendant(fonts[0])
        program = _stream(_dict(descendant["/FontDescriptor"])["/FontFile2"])
        original = originals.get(_postscript_name(program.get_data()))
        if original is None:
            continue  # a face not from layouts/fonts: leave its subsets as they are
        merged = _subset(original, frozenset(cids))
        stream = _compressed(merged)
        stream[NameObject("/Length1")] = NumberObject(len(merged))
        _dict(descendant["/FontDescriptor"])[NameObject("/FontFile2")] = \
            objects.add(writer, stream)
        descendant[NameObject("/W")] = _width_array(widths)
        cmap = _compressed(_cmap(cids))
        fonts[0][NameObject("/ToUnicode")] = objects.add(writer, cmap)
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


def _compressed(data: bytes) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream.flate_encode()


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


def _widths(array: ArrayObject) -> dict[int, float]:
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


def _number(value: float) -> NumberObject | FloatObject:
    return NumberObject(int(value)) if value == int(value) else FloatObject(value)
