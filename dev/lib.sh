# dev/lib.sh - what dev/demo and dev/test share: Debian packages and the
# build.  Sourced, not run.

FM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the build, the demo and the tests need (clang and its
# runtime libraries: the fuzz harnesses, dev/fuzz; qpdf, libxml2-utils,
# Saxon, a JRE and pikepdf: ../shared/einvoicing/check-facturx, which
# t/http/t55_facturx.py runs on every Factur-X).
FM_PACKAGES="build-essential autoconf automake libtool pkg-config
 clearsilver-dev libfcgi-dev libpq-dev libcrypt-dev check
 libhpdf-dev libxlsxwriter-dev libxml2-dev icc-profiles-free fonts-dejavu-core
 fonttools poppler-utils
 qpdf libxml2-utils libsaxonhe-java default-jre-headless python3-pikepdf
 libmagic-dev
 postgresql postgresql-contrib postgresql-15-pgtap
 nginx python3 curl ca-certificates openssl procps clang-format
 chromium nodejs
 libssl-dev libcurl4-openssl-dev libjansson-dev libmicrohttpd-dev libsystemd-dev
 libcap-dev
 ffmpeg fonts-dejavu-core libnginx-mod-rtmp borgbackup
 clang libclang-rt-14-dev"

# What the benchmarks (bench/*.sh) install when they run: not needed to
# build or test.
FM_BENCH_PACKAGES="wrk"

# What the package test (t/package/test_package.py, run by dev/test) needs
# on top: the build dependencies of debian/control, lintian, shellcheck,
# and the packages' own dependencies.
FM_DEB_PACKAGES="debhelper dpkg-dev fakeroot lintian shellcheck
 libnginx-mod-rtmp postgresql-client ffmpeg libcurl4 borgbackup"

fm_sudo() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the packages that are missing (one apt-get run at most).
fm_install_deps() {
	local missing=() p
	for p in $FM_PACKAGES ${FM_EXTRA_PACKAGES:-}; do
		dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed ||
			missing+=("$p")
	done
	# Some nodejs packages bring npm themselves (and conflict with Debian's).
	command -v npm >/dev/null 2>&1 || missing+=(npm)
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "dev: installing ${missing[*]}"
	fm_sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
	fm_sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
}

# Builds out of tree in $1 (default build/) with extra configure flags.
fm_build() {
	local dir=${1:-$FM_ROOT/build}; shift || true
	if [ -f "$FM_ROOT/config.status" ]; then
		echo "dev: the source tree was configured in place; cleaning it for out-of-tree builds"
		(cd "$FM_ROOT" && make distclean >/dev/null 2>&1 || true)
	fi
	if [ ! -x "$FM_ROOT/configure" ] || [ "$FM_ROOT/configure.ac" -nt "$FM_ROOT/configure" ] ||
		[ "$FM_ROOT/Makefile.am" -nt "$FM_ROOT/Makefile.in" ]; then
		(cd "$FM_ROOT" && autoreconf -i >/dev/null 2>&1) || { echo "dev: autoreconf failed" >&2; return 1; }
	fi
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ "$FM_ROOT/configure" -nt "$dir/config.status" ]; then
		(cd "$dir" && "$FM_ROOT/configure" -q "$@") || { echo "dev: configure failed" >&2; return 1; }
	fi
	make -C "$dir" -j"$(nproc)" -s >/dev/null || { make -C "$dir" -s; return 1; }
}

# Installs playwright-core (package.json) for the browser tests and
# dev/screenshot.js, and hls.js (the live player for browsers without
# native HLS, served by nginx: /vendor/hls.js/), when missing; the
# browser is Debian's chromium.
fm_npm_install() {
	[ -d "$FM_ROOT/node_modules/playwright-core" ] &&
		[ -f "$FM_ROOT/node_modules/hls.js/dist/hls.min.js" ] && return 0
	echo "dev: npm install (playwright-core, hls.js)"
	(cd "$FM_ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund >/dev/null) ||
		{ echo "dev: npm install failed" >&2; return 1; }
}
