"""What the example scripts share: the --quick flag and where their pictures go."""

import argparse
from pathlib import Path

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"


def parse_args(doc):
    """``--quick`` (small sizes, pictures not saved unless ``--images`` is given), ``--images``."""
    # The gallery runs a script without its docstring: no description then.
    lines = (doc or "").strip().splitlines()
    parser = argparse.ArgumentParser(description=lines[0] if lines else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument(
        "--images", type=Path, help=f"where to save the pictures (default: {IMAGES}, not --quick)"
    )
    args = parser.parse_args()
    if args.images is None and not args.quick:
        args.images = IMAGES
    return args


def save(figure, name, args):
    """Save ``figure`` as ``name`` in the images folder (small PNG), when there is one."""
    if args.images is None:
        return
    args.images.mkdir(parents=True, exist_ok=True)
    path = args.images / name
    figure.savefig(path, dpi=80, bbox_inches="tight")
    print(f"saved {path}")
