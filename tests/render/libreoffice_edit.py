"""Edit a DOCX in LibreOffice as a person would, then save it as DOCX: run with the system Python,
which has LibreOffice's `uno` module (Debian package python3-uno).

    /usr/bin/python3 libreoffice_edit.py IN.docx OUT.docx EDITS.json

EDITS.json is a list of edits, each naming a paragraph by text it contains:
    {"delete": "text"}                   remove the paragraph (and the footnote it calls)
    {"merge": "text"}                    join the paragraph with the next one
    {"append": "text", "text": "..."}    add words at the end of the paragraph
    {"insert_after": "text", "text": "..."}  a new paragraph after it, in its style and list
Prints one line of JSON: the bookmarks LibreOffice saw when it opened the file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK


def _prop(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _connect(port: int, deadline: float):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _paragraph(document, needle: str):
    """The first body paragraph whose text contains needle."""
    paragraphs = document.getText().createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if paragraph.supportsService("com.sun.star.text.Paragraph") and needle in paragraph.getString():
            return paragraph
    raise SystemExit(f"no paragraph contains {needle!r}")


def _edit(document, edit: dict) -> None:
    text = document.getText()
    if "delete" in edit:  # select the paragraph and its break, delete the selection
        cursor = text.createTextCursorByRange(_paragraph(document, edit["delete"]).getStart())
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)
        cursor.setString("")
    elif "merge" in edit:
        cursor = text.createTextCursorByRange(_paragraph(document, edit["merge"]).getEnd())
        cursor.goRight(1, True)  # the paragraph break
        cursor.setString("")
    elif "append" in edit:
        text.insertString(_paragraph(document, edit["append"]).getEnd(), edit["text"], False)
    elif "insert_after" in edit:
        cursor = text.createTextCursorByRange(_paragraph(document, edit["insert_after"]).getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, edit["text"], False)
    else:
        raise SystemExit(f"unknown edit {edit}")


def main(source: str, target: str, edits_file: str) -> None:
    with open(edits_file, encoding="utf-8") as handle:
        edits = json.load(handle)
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    port = _free_port()
    office = subprocess.Popen(
        [shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--invisible", "--norestore", "--nologo", f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        context = _connect(port, time.monotonic() + 90)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                                (_prop("Hidden", True),))
        seen = list(document.getBookmarks().getElementNames())
        for edit in edits:
            _edit(document, edit)
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                            (_prop("FilterName", "MS Word 2007 XML"),))
        document.close(True)
        print(json.dumps({"bookmarks": seen}))
        try:
            desktop.terminate()
        except Exception:  # the bridge closes as the office quits
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
