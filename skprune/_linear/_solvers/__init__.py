"""Solvers of skprune's own, for what scikit-learn's solvers cannot do without a copy of X:
blockwise L1/L2 logistic regression and ridge's generalised cross-validation."""
