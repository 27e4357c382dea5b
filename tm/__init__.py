"""TM stage: alignment, TMX/PO exports, the build and the command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tmkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
