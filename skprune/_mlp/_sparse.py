"""Inference with a pruned MLP's layers stored as scipy.sparse CSR matrices.

Sparse products pay only for the non-zero weights but run slower per weight than dense BLAS, so
they win only at high sparsity (``benchmarks/bench_mlp.py`` measures the crossover). Each layer
is kept transposed, ``(n_out, n_in)`` in CSR, so that a batch is one CSR-times-dense product
(``W.T @ X.T``), the kernel scipy runs fastest.
"""

import numpy as np
import scipy.sparse as sp

from ._sklearn_private import activation


def to_csr(coefs):
    """The weight matrices as CSR matrices of the same shapes, zeros not stored."""
    return [sp.csr_matrix(W) for W in coefs]


def sparse_forward(network, layers_t, X):
    """Output of ``network`` on X, with ``layers_t[i]`` the CSR transpose of ``coefs_[i]``."""
    hidden = activation(network.activation)
    # Activations are kept transposed (units x samples) between the layers.
    a = X.T if sp.issparse(X) else np.ascontiguousarray(X.T)
    last = len(layers_t) - 1
    for i, (W_t, b) in enumerate(zip(layers_t, network.intercepts_, strict=True)):
        a = W_t @ a
        if sp.issparse(a):
            a = a.toarray()
        a += b[:, None]
        if i != last:
            hidden(a)
    out = np.ascontiguousarray(a.T)
    activation(network.out_activation_)(out)
    return out
