"""Word's own list numbering for numbered paragraphs and ordered lists (numbering.xml).

The number formats come from the reference.docx: the style "Numbered Paragraph" points at the
paragraph numbering, "List Number" (and its levels 2 and 3) at the ordered-list numbering. Numbered
paragraphs run through the document on the style's list, so Word and LibreOffice renumber them
after an edit and a paragraph a lawyer adds in that style is numbered too; each ordered list is a
list of its own, starting at its `start`.
"""

from __future__ import annotations

import copy
import io
import zipfile
from functools import lru_cache

from lxml import etree

from .. import RenderError
from .package import builtin_reference
from .wordml import W_VAL, w

# Styles whose definition names a numbering (a reference may lack one or carry a broken link).
NUMBERED_STYLES = ("Numbered Paragraph", "List Number", "List Number 2", "List Number 3", "List Bullet",
                   "List Bullet 2", "List Bullet 3")
_NUM_ID, _ABSTRACT_ID, _ILVL = w("numId"), w("abstractNumId"), w("ilvl")


@lru_cache(maxsize=1)
def _builtin_parts() -> tuple[bytes, bytes]:
    with zipfile.ZipFile(io.BytesIO(builtin_reference())) as package:
        return package.read("word/styles.xml"), package.read("word/numbering.xml")


def _style_num(style: etree._Element) -> tuple[str, str] | None:
    """(numId, ilvl) a style's paragraph properties name, if any."""
    num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
    if num_pr is None or num_pr.find(_NUM_ID) is None:
        return None
    ilvl = num_pr.find(_ILVL)
    return num_pr.find(_NUM_ID).get(W_VAL), (ilvl.get(W_VAL) if ilvl is not None else "0")


def _set_style_num(style: etree._Element, num_id: str | None, ilvl: str = "0") -> None:
    ppr = style.find(w("pPr"))
    if ppr is None:
        ppr = etree.SubElement(style, w("pPr"))
    for old in ppr.findall(w("numPr")):
        ppr.remove(old)
    if num_id is None:
        return
    num_pr = etree.Element(w("numPr"))
    etree.SubElement(num_pr, _ILVL).set(W_VAL, ilvl)
    etree.SubElement(num_pr, _NUM_ID).set(W_VAL, num_id)
    _insert_num_pr(ppr, num_pr)


def _insert_num_pr(ppr: etree._Element, num_pr: etree._Element) -> None:
    """numPr goes after pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl (schema order)."""
    before = {w(t) for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}
    index = 0
    for i, child in enumerate(ppr):
        if child.tag in before:
            index = i + 1
    ppr.insert(index, num_pr)


class Numbering:
    """The numbering part of the document being written: definitions checked (copied from the
    built-in reference where the reference's are missing), and one `w:num` per list handed out."""

    def __init__(self, numbering: etree._Element, styles: etree._Element, style_ids: dict[str, str | None],
                 copied: set[str]):
        self.root = numbering
        by_id = {s.get(w("styleId")): s for s in styles.iterchildren(w("style"))}
        self._copies: dict[str, str] = {}  # built-in numId -> numId here
        style_of: dict[str, etree._Element] = {}
        for name in NUMBERED_STYLES:
            style = by_id.get(style_ids.get(name))
            if style is None:
                continue
            style_of[name] = style
            if name in copied or not self._resolves(_style_num(style)):
                self._relink(style, name)
        self.paragraph_num = self._required(style_of, "Numbered Paragraph")
        self.list_abstract = self._abstract_of(self._required(style_of, "List Number"))
        self._paragraph_list: str | None = None
        self._next_paragraph = 1
        self._letters_abstract: str | None = None

    # ---- what the writer asks for ----------------------------------------------------------------

    def paragraph(self, number: int) -> str:
        """The numId of numbered paragraph `number`: the style's list while numbers run on from 1,
        a list restarting at `number` where the document's numbers jump."""
        if self._paragraph_list is None and number == 1:
            self._paragraph_list = self.paragraph_num
        elif self._paragraph_list is None or number != self._next_paragraph:
            self._paragraph_list = self._new_num(self._abstract_of(self.paragraph_num), "0", number)
        self._next_paragraph = number + 1
        return self._paragraph_list

    def ordered_list(self, start: int, level: int, letters: bool = False) -> str:
        """The numId of a new ordered list whose items at `level` (0-2) count from `start`, as 1., 2.
        or, with `letters`, as (a), (b)."""
        return self._new_num(self._letters() if letters else self.list_abstract, str(level), start)

    def _letters(self) -> str:
        """A copy of the List Number definition that counts (a), (b), (c) at every level."""
        if self._letters_abstract is None:
            abstract = copy.deepcopy(self._abstract(self.list_abstract))
            abstract.set(_ABSTRACT_ID, self._free_id("abstractNum", _ABSTRACT_ID))
            for link in abstract.findall(w("numStyleLink")) + abstract.findall(w("styleLink")):
                abstract.remove(link)
            for lvl in abstract.iterchildren(w("lvl")):
                level = int(lvl.get(_ILVL, "0"))
                fmt = lvl.find(w("numFmt"))
                if fmt is None:
                    fmt = etree.SubElement(lvl, w("numFmt"))
                fmt.set(W_VAL, "lowerLetter")
                text = lvl.find(w("lvlText"))
                if text is None:
                    text = etree.SubElement(lvl, w("lvlText"))
                text.set(W_VAL, f"(%{level + 1})")
            self.root.find(w("num")).addprevious(abstract) if self.root.find(w("num")) is not None else self._append(abstract)
            self._letters_abstract = abstract.get(_ABSTRACT_ID)
        return self._letters_abstract

    # ---- definitions --------------------------------------------------------------------------------

    def _num(self, num_id: str, root: etree._Element | None = None) -> etree._Element | None:
        root = self.root if root is None else root
        return next((n for n in root.iterchildren(w("num")) if n.get(_NUM_ID) == num_id), None)

    def _abstract(self, abstract_id: str, root: etree._Element | None = None) -> etree._Element | None:
        root = self.root if root is None else root
        return next((a for a in root.iterchildren(w("abstractNum")) if a.get(_ABSTRACT_ID) == abstract_id), None)

    def _abstract_of(self, num_id: str) -> str:
        return self._num(num_id).find(_ABSTRACT_ID).get(W_VAL)

    def _resolves(self, link: tuple[str, str] | None) -> bool:
        if link is None:
            return False
        num = self._num(link[0])
        pointer = num.find(_ABSTRACT_ID) if num is not None else None
        return pointer is not None and self._abstract(pointer.get(W_VAL)) is not None

    def _required(self, style_of: dict[str, etree._Element], name: str) -> str:
        link = _style_num(style_of[name]) if name in style_of else None
        if not self._resolves(link):
            raise RenderError(f"the style {name!r} has no list numbering, in the reference.docx or the built-in "
                              "one; reinstall briefgen")
        return link[0]

    def _relink(self, style: etree._Element, name: str) -> None:
        """Point the style at a copy of the built-in reference's numbering for the style of that name."""
        styles_xml, numbering_xml = _builtin_parts()
        builtin_styles, builtin_numbering = etree.fromstring(styles_xml), etree.fromstring(numbering_xml)
        source = next((s for s in builtin_styles.iterchildren(w("style"))
                       if s.find(w("name")) is not None and s.find(w("name")).get(W_VAL).lower() == name.lower()), None)
        link = _style_num(source) if source is not None else None
        num = self._num(link[0], builtin_numbering) if link else None
        if num is None:
            _set_style_num(style, None)
            return
        if link[0] not in self._copies:
            abstract = copy.deepcopy(self._abstract(num.find(_ABSTRACT_ID).get(W_VAL), builtin_numbering))
            abstract.set(_ABSTRACT_ID, self._free_id("abstractNum", _ABSTRACT_ID))
            nums = list(self.root.iterchildren(w("num")))
            if nums:
                nums[0].addprevious(abstract)
            else:
                self._append(abstract)
            self._copies[link[0]] = self._new_num(abstract.get(_ABSTRACT_ID))
        _set_style_num(style, self._copies[link[0]], link[1])

    def _free_id(self, tag: str, attribute: str) -> str:
        taken = [int(e.get(attribute)) for e in self.root.iterchildren(w(tag)) if (e.get(attribute) or "").isdigit()]
        return str(max(taken, default=0) + 1)

    def _append(self, element: etree._Element) -> None:
        cleanup = self.root.find(w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            self.root.append(element)

    def _new_num(self, abstract_id: str, level: str | None = None, start: int | None = None) -> str:
        num = etree.Element(w("num"))
        num.set(_NUM_ID, self._free_id("num", _NUM_ID))
        etree.SubElement(num, _ABSTRACT_ID).set(W_VAL, abstract_id)
        if level is not None:
            override = etree.SubElement(num, w("lvlOverride"))
            override.set(_ILVL, level)
            etree.SubElement(override, w("startOverride")).set(W_VAL, str(start))
        self._append(num)
        return num.get(_NUM_ID)


def number_paragraph(p: etree._Element, num_id: str, level: int = 0) -> None:
    """Put paragraph p on list num_id at level (its `w:numPr`, after its style)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    num_pr = etree.Element(w("numPr"))
    etree.SubElement(num_pr, _ILVL).set(W_VAL, str(level))
    etree.SubElement(num_pr, _NUM_ID).set(W_VAL, num_id)
    _insert_num_pr(ppr, num_pr)
