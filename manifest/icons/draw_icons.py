#!/usr/bin/env python3
"""Draws SencoHub's two Teams app icons with the standard library only (zlib + struct).

The mark is a hub: a centre joined by spokes to five nodes, one for each of the five SEND review
areas, with the nodes linked in a ring - the trust's schools and central team as one network.

  color.png    192x192, full colour: the mark in white on a rounded teal square.
  outline.png  32x32, white on transparent: the same mark, simplified for the small size.

Usage:
  python3 manifest/icons/draw_icons.py            write both PNGs into manifest/
  python3 manifest/icons/draw_icons.py --out DIR  write them into DIR
  python3 manifest/icons/draw_icons.py --check    exit 1 unless the PNGs in manifest/ show
                                                  exactly what this script draws

Shapes are signed-distance functions sampled at pixel centres; the distance gives a coverage
value, which anti-aliases edges without supersampling. Each shape is drawn only inside its box.
"""

import argparse
import math
import pathlib
import struct
import sys
import zlib

HERE = pathlib.Path(__file__).resolve().parent
MANIFEST_DIR = HERE.parent

TEAL = (0x12, 0x6E, 0x82)       # the manifest's accentColor
TEAL_DEEP = (0x0B, 0x52, 0x63)  # bottom of the background gradient
WHITE = (0xFF, 0xFF, 0xFF)
AMBER = (0xF6, 0xB9, 0x3B)      # the hub


# --- geometry -------------------------------------------------------------------------------

class Shape:
    """A signed-distance function and a box (x0, y0, x1, y1) outside which it covers nothing."""

    def __init__(self, sdf, box):
        self.sdf, self.box = sdf, box


def circle(cx, cy, r):
    return Shape(lambda x, y: math.hypot(x - cx, y - cy) - r, (cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1))


def capsule(ax, ay, bx, by, width):
    """A line segment from a to b with round ends, `width` across."""
    dx, dy = bx - ax, by - ay
    length_sq = dx * dx + dy * dy

    def sdf(x, y):
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length_sq))
        return math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2
    pad = width / 2 + 1
    return Shape(sdf, (min(ax, bx) - pad, min(ay, by) - pad, max(ax, bx) + pad, max(ay, by) + pad))


def rounded_square(size, radius):
    half = size / 2

    def sdf(x, y):
        qx = abs(x - half) - (half - radius)
        qy = abs(y - half) - (half - radius)
        outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
        return outside + min(max(qx, qy), 0.0) - radius
    return Shape(sdf, (-1, -1, size + 1, size + 1))


def nodes(cx, cy, r):
    """Five points on a circle, the first straight up."""
    return [(cx + r * math.cos(math.radians(-90 + 72 * i)),
             cy + r * math.sin(math.radians(-90 + 72 * i))) for i in range(5)]


def render(size, layers):
    """layers: list of (shape, colour_fn(x, y) -> (r, g, b), opacity), bottom first.

    Each layer is composited ("over", premultiplied) only inside its box. Returns RGBA rows."""
    r, g, b, a = ([0.0] * (size * size) for _ in range(4))
    for shape, colour, opacity in layers:
        x0, y0, x1, y1 = shape.box
        for py in range(max(0, math.floor(y0)), min(size, math.ceil(y1) + 1)):
            y = py + 0.5
            for px in range(max(0, math.floor(x0)), min(size, math.ceil(x1) + 1)):
                x = px + 0.5
                cov = max(0.0, min(1.0, 0.5 - shape.sdf(x, y))) * opacity
                if cov <= 0.0:
                    continue
                cr, cg, cb = colour(x, y)
                i = py * size + px
                r[i] = cr * cov + r[i] * (1 - cov)
                g[i] = cg * cov + g[i] * (1 - cov)
                b[i] = cb * cov + b[i] * (1 - cov)
                a[i] = cov + a[i] * (1 - cov)
    rows = []
    for py in range(size):
        row = bytearray()
        for i in range(py * size, (py + 1) * size):
            if a[i] > 0:
                row += bytes((round(r[i] / a[i]), round(g[i] / a[i]), round(b[i] / a[i]), round(a[i] * 255)))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    return rows


def solid(rgb):
    return lambda x, y: rgb


def vertical_gradient(top, bottom, size):
    def colour(x, y):
        t = y / size
        return tuple(top[i] + (bottom[i] - top[i]) * t for i in range(3))
    return colour


def colour_icon():
    size = 192
    cx = cy = size / 2
    ring = nodes(cx, cy + 4, 56)
    hub = (cx, cy + 4)
    layers = [(rounded_square(size, 42), vertical_gradient(TEAL, TEAL_DEEP, size), 1.0)]
    for i in range(5):  # the ring linking neighbouring nodes
        (ax, ay), (bx, by) = ring[i], ring[(i + 1) % 5]
        layers.append((capsule(ax, ay, bx, by, 5), solid(WHITE), 0.45))
    for nx, ny in ring:  # spokes
        layers.append((capsule(hub[0], hub[1], nx, ny, 9), solid(WHITE), 1.0))
    for nx, ny in ring:
        layers.append((circle(nx, ny, 15), solid(WHITE), 1.0))
    layers.append((circle(hub[0], hub[1], 24), solid(WHITE), 1.0))
    layers.append((circle(hub[0], hub[1], 16), solid(AMBER), 1.0))
    return size, render(size, layers)


def outline_icon():
    size = 32
    cx = cy = size / 2
    hub = (cx, cy + 0.7)
    ring = nodes(hub[0], hub[1], 11.2)
    layers = []
    for nx, ny in ring:
        layers.append((capsule(hub[0], hub[1], nx, ny, 1.9), solid(WHITE), 1.0))
    for nx, ny in ring:
        layers.append((circle(nx, ny, 3.2), solid(WHITE), 1.0))
    layers.append((circle(hub[0], hub[1], 4.6), solid(WHITE), 1.0))
    return size, render(size, layers)


# --- PNG ------------------------------------------------------------------------------------

def png_bytes(size, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    raw = b"".join(b"\x00" + row for row in rows)                # filter type 0 on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def read_png_rgba(path):
    """Decodes an 8-bit RGBA, non-interlaced PNG (what png_bytes writes) into rows of bytes."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path.name} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    if (depth, colour_type, interlace) != (8, 6, 0):
        raise ValueError(f"{path.name}: expected 8-bit RGBA without interlace")
    raw, stride, bpp = zlib.decompress(idat), width * 4, 4
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, up_left = prev[i], (prev[i - bpp] if i >= bpp else 0)
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


ICONS = {"color.png": colour_icon, "outline.png": outline_icon}


def check(directory):
    """True when every PNG matches the drawing (within 2 levels per channel, for libm rounding)."""
    ok = True
    for name, draw in ICONS.items():
        path = directory / name
        size, want = draw()
        try:
            width, height, have = read_png_rgba(path)
        except (OSError, ValueError) as error:
            print(f"{name}: {error}")
            ok = False
            continue
        if (width, height) != (size, size):
            print(f"{name}: is {width}x{height}, the drawing is {size}x{size}")
            ok = False
            continue
        worst = max(abs(a - b) for hr, wr in zip(have, want) for a, b in zip(hr, wr))
        if worst > 2:
            print(f"{name}: differs from what draw_icons.py draws (re-run it and commit the PNGs)")
            ok = False
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=MANIFEST_DIR)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if check(args.out) else 1)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, draw in ICONS.items():
        (args.out / name).write_bytes(png_bytes(*draw()))
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
