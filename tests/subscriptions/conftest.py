from tests.smtp import smtp  # noqa: F401 (the fixture, for the tests of this folder)
