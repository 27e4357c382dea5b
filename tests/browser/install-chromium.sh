#!/usr/bin/env bash
# Install what the `browser` tox env tests the review page with, from Debian's packages, when
# missing: Chromium and its chromedriver (/usr/bin/chromium, /usr/bin/chromedriver). CI runs
# as root on Debian. When they cannot be installed, the browser tests skip with a message
# saying so. Nothing else is downloaded: Selenium is given both paths (tests/browser/conftest.py).
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") \
        >/dev/null 2>&1 || echo "install-chromium: apt-get could not install ${missing[*]}; the browser tests will be skipped"
else
    echo "install-chromium: not root or no apt-get; the browser tests need ${missing[*]} and will be skipped"
fi
exit 0
