"""skprune's version, read by the package, the score cache and the build."""

__version__ = "0.1.0.dev0"
