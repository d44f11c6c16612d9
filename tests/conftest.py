"""hypothesis profiles: "ci" (the default: few examples, the same ones every run) and "long".

Select one with the HYPOTHESIS_PROFILE environment variable, e.g.
``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py --hypothesis-show-statistics``.
"""

import os

from hypothesis import HealthCheck, settings

# Fitting is slow next to drawing an example, and fits on 2 cores vary in time: no deadline.
settings.register_profile(
    "ci",
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
