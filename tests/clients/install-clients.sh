#!/usr/bin/env bash
# Install the real clients the `clients` tox env tests against, from Debian's packages, when
# missing: OmegaT (the CAT tool that loads our TMX and segmentation rules) and LibreOffice Calc
# (which must open the glossary workbook). CI runs as root on Debian. When a package cannot be
# installed, the tests that need it skip with a message saying so.
set -u
missing=()
command -v omegat >/dev/null 2>&1 || [ -f /usr/share/omegat/OmegaT.jar ] || missing+=(omegat)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") \
        >/dev/null 2>&1 || echo "install-clients: apt-get could not install ${missing[*]}; their tests will be skipped"
else
    echo "install-clients: not root or no apt-get; tests needing ${missing[*]} will be skipped"
fi
exit 0
