#!/usr/bin/env bash
# Install the real clients the `clients` tox env tests against, from Debian's packages, when
# missing: OmegaT (the CAT tool that loads our TMX and segmentation rules), LibreOffice Calc
# (which must open the glossary workbook) and Writer (which writes the Word files users bring).
# CI runs as root on Debian. When a package cannot be installed, the tests that need it skip
# with a message saying so.
set -u
missing=()
command -v omegat >/dev/null 2>&1 || [ -f /usr/share/omegat/OmegaT.jar ] || missing+=(omegat)
# soffice alone may be Writer or Calc only: look for each program's own library
[ -e /usr/lib/libreoffice/program/libsclo.so ] || missing+=(libreoffice-calc-nogui)
[ -e /usr/lib/libreoffice/program/libswlo.so ] || missing+=(libreoffice-writer-nogui)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") \
        >/dev/null 2>&1 || echo "install-clients: apt-get could not install ${missing[*]}; their tests will be skipped"
else
    echo "install-clients: not root or no apt-get; tests needing ${missing[*]} will be skipped"
fi
exit 0
