"""The students' address as a QR code in the terminal, drawn with half-block characters.

segno (pure Python, no dependencies) makes the code; two rows of modules share one line of
text, dark modules on a light ground, with the quiet zone a reader needs. If segno is missing
the console simply shows no code.
"""

from __future__ import annotations

from rich.text import Text

STYLE = "#000000 on #ffffff"
BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_text(data: str, border: int = 2) -> Text:
    try:
        import segno
    except ImportError:
        return Text("")
    rows = [[bool(m) for m in row] for row in segno.make_qr(data, error="m").matrix_iter(border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    pairs = zip(rows[0::2], rows[1::2], strict=True)
    lines = ["".join(BLOCKS[top, bottom] for top, bottom in zip(a, b, strict=True)) for a, b in pairs]
    return Text("\n".join(lines), style=STYLE, no_wrap=True)
