"""The ``skprune`` command line."""

import argparse
import sys


class _Parser(argparse.ArgumentParser):
    """Reports a usage error as one line (and exit code 2), pointing at --help."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser():
    from ._select import METHODS

    parser = _Parser(
        prog="skprune", description="Feature selection and weight pruning for scikit-learn."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="run every selector and pruner on built-in datasets")
    demo.add_argument(
        "--part",
        choices=("selection", "pruning", "all"),
        default="all",
        help="feature selection on breast cancer, weight pruning on digits, or both (default: all)",
    )
    demo.add_argument(
        "--k", type=int, default=10, help="features kept by the selectors (default: 10)"
    )
    demo.add_argument(
        "--cv", type=int, default=5, help="cross-validation folds of the selectors (default: 5)"
    )

    select = commands.add_parser(
        "select",
        help="rank the columns of a CSV or Parquet file and keep the best",
        description="Rank the feature columns of a table by their relation to the target, print "
        "the ranking, and write the kept columns (with the target) to --output.",
    )
    select.add_argument("data", help="a CSV file, or Parquet (.parquet, .pq) with pyarrow")
    select.add_argument("--target", required=True, help="name of the target column")
    select.add_argument(
        "--method", choices=sorted(METHODS), default="mi", help="scoring method (default: mi)"
    )
    amount = select.add_mutually_exclusive_group()
    amount.add_argument(
        "--pruning-rate",
        type=float,
        default=0.5,
        metavar="R",
        help="fraction of the features removed, in [0, 1) (default: 0.5)",
    )
    amount.add_argument("--k", type=int, help="number of features kept (instead of a rate)")
    select.add_argument(
        "--fdr",
        type=float,
        metavar="Q",
        help="keep the features whose Benjamini-Hochberg adjusted p-value is at most Q, in "
        "(0, 1) (with --k: at most k of them; --method mi or gini)",
    )
    select.add_argument("--output", metavar="OUT", help="write the kept columns and the target")
    select.add_argument("--scores", metavar="SCORES", help="write the ranking and scores")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from ._demo import run_demo

        run_demo(k=args.k, cv=args.cv, part=args.part)
        return 0
    from ._select import run_select
    from ._table_io import CommandError

    try:
        return run_select(args)
    except CommandError as error:
        print(f"skprune select: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
