"""Sphinx configuration: API reference from the docstrings (autosummary, numpydoc), a user
guide, and the examples as a sphinx-gallery. Build: sphinx-build -W -b html docs docs/_build/html
"""

import shutil
from pathlib import Path

import skprune

DOCS = Path(__file__).parent

project = "skprune"
copyright = "skprune developers"
release = skprune.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "myst_parser",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "images", "auto_examples/*.ipynb", "auto_examples/*.py"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}

autosummary_generate = True
# scikit-learn's own methods (get_params, set_output, metadata requests) are documented there.
SKLEARN_METHODS = [
    "get_params", "set_params", "set_output", "get_metadata_routing", "set_fit_request",
    "set_partial_fit_request", "set_score_request", "set_transform_request",
    "set_inverse_transform_request", "set_predict_request", "set_predict_proba_request",
    "set_predict_log_proba_request",
]  # fmt: skip
autodoc_default_options = {
    "members": True,
    "inherited-members": True,
    "exclude-members": ",".join(SKLEARN_METHODS),
}
# numpydoc renders the class docstrings; autosummary lists their methods.
numpydoc_show_class_members = False
# A method is listed in the page's contents as fit(), not MutualInfoSelector.fit().
toc_object_entries_show_parents = "hide"

# sphinx-gallery's configuration holds a function, which Sphinx cannot cache: it says so.
suppress_warnings = ["config.cache"]

myst_heading_anchors = 3

sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    # Executed at their CI size, as .ci/run runs them; the plot_ scripts and the mRMR example.
    "filename_pattern": r"/(plot_|redundancy_)",
    "ignore_pattern": r"(^|/)_example\.py$",
    "reset_argv": lambda gallery_conf, script_vars: ["--quick"],
    "download_all_examples": False,
    "doc_module": ("skprune",),
    "backreferences_dir": "generated/backreferences",
    "remove_config_comments": True,
    "plot_gallery": "True",
}

html_theme = "pydata_sphinx_theme"
html_title = f"skprune {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_static_path = ["_static"]
html_css_files = ["skprune.css"]

# Formulas: MathJax from its CDN, or, for a site read offline, a copy fetched from the npm
# registry with `npm install --no-save --prefix docs/_build/npm mathjax@3` before building.
LOCAL_MATHJAX = DOCS / "_build" / "npm" / "node_modules" / "mathjax" / "es5" / "tex-svg.js"
if LOCAL_MATHJAX.exists():
    static = DOCS / "_build" / "mathjax"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy(LOCAL_MATHJAX, static / LOCAL_MATHJAX.name)
    html_static_path.append(str(static))
    mathjax_path = LOCAL_MATHJAX.name
