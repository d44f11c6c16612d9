"""The ``skprune`` command line."""

import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="skprune", description="Feature selection and weight pruning for scikit-learn."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="run every selector on a built-in dataset")
    demo.add_argument("--k", type=int, default=10, help="features kept (default: 10)")
    demo.add_argument("--cv", type=int, default=5, help="cross-validation folds (default: 5)")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from ._demo import run_demo

        run_demo(k=args.k, cv=args.cv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
