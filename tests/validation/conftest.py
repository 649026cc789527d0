"""Validation tests: each mechanism reproduces the known result it borrows (docs/validation.md)."""


def pytest_configure(config):
    # a test marked slow still runs in the default `pytest` run; deselect with -m "not slow"
    config.addinivalue_line("markers", "slow: a validation test that takes longer than about 5 s")
