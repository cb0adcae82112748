// The two engines besides Chromium: Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver with
// Debian's MiniBrowser), each session in a fresh profile, and no request let out of 127.0.0.1:
// both browsers send everything that is not for 127.0.0.1 or localhost to `trap` (a proxy on
// 127.0.0.1 that refuses and counts), and Firefox's background services are turned off in its
// profile.
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const which = (cmd) => {
  try { return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim(); } catch { return ''; }
};

/** Firefox prefs that keep a test profile quiet and local. `quota`: see the quota journey. */
function firefoxPrefs(trapPort, quota) {
  const prefs = {
    // Everything not for 127.0.0.1/localhost goes to the trap (localhost itself is never proxied).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': trapPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': trapPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.share_proxy_settings': true,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.urlbar.speculativeConnect.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // Updates (browser, add-ons, search engines, system add-ons, plugins).
    'app.update.auto': false,
    'app.update.enabled': false,
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'browser.search.update': false,
    'media.gmp-manager.url': '',
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    // Telemetry, studies, reports, pings.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': 'http://127.0.0.1:1/',
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.usage.uploadEnabled': false,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'messaging-system.rsexperimentloader.enabled': false,
    'nimbus.telemetry.targetingContextEnabled': false,
    'browser.newtabpage.activity-stream.asrouter.userprefs.cfr.addons': false,
    'browser.newtabpage.activity-stream.asrouter.userprefs.cfr.features': false,
    'app.shield.optoutstudies.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.crashReports.unsubmittedCheck.enabled': false,
    'breakpad.reportURL': '',
    'browser.tabs.crashReporting.sendReport': false,
    'browser.discovery.enabled': false,
    // Safe Browsing and the lists it downloads.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.passwords.enabled': false,
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'privacy.trackingprotection.enabled': false,
    // Remote settings, region, geolocation, push, accounts, new tab content, first-run pages.
    'services.settings.server': 'http://127.0.0.1:1/',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'geo.provider.network.url': '',
    'geo.enabled': false,
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'identity.fxaccounts.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.startup.homepage': 'about:blank',
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'startup.homepage_welcome_url': '',
    'startup.homepage_welcome_url.additional': '',
    'browser.aboutwelcome.enabled': false,
    'trailhead.firstrun.didSeeAboutWelcome': true,
    'browser.shell.checkDefaultBrowser': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'network.cookie.cookieBehavior': 0,
    // The page must not be throttled while another tab is in front (the two-tabs journey).
    'dom.min_background_timeout_value': 10,
  };
  if (quota) {
    // The whole best-effort storage of this profile (KB): Firefox gives one site at most this
    // (its group limit is min(limit, max(20% of limit, 10 MB)), so all of it here). IndexedDB,
    // the Cache API and localStorage all count against it.
    prefs['dom.quotaManager.temporaryStorage.fixedLimit'] = quota.fixedLimitKB;
    // localStorage's own limit for a site (KB; 5120 by default).
    prefs['dom.storage.default_quota'] = quota.localStorageKB;
  }
  return prefs;
}

const userJs = (prefs) => Object.entries(prefs)
  .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n') + '\n';

export const ENGINES = {
  firefox: {
    label: 'Firefox ESR',
    driverCommand() {
      return which('geckodriver') || (existsSync(`${process.env.HOME}/.cargo/bin/geckodriver`) ? `${process.env.HOME}/.cargo/bin/geckodriver` : '');
    },
    binary() { return which('firefox-esr') || which('firefox'); },
    missing() {
      const m = [];
      if (!this.driverCommand()) m.push('geckodriver (cargo install geckodriver)');
      if (!this.binary()) m.push('firefox-esr (apt-get install firefox-esr)');
      return m;
    },
    driverArgs: (port) => ['--host', '127.0.0.1', '--port', String(port), '--websocket-port', '0', '--log', 'warn'],
    // Release builds ignore services.settings.server (remote settings) unless this is set.
    driverEnv: () => ({ MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' }),
    /** Capabilities for a fresh session; returns { caps, cleanup }. */
    session({ trapPort, quota }) {
      const profile = mkdtempSync(join(tmpdir(), 'waymark-engines-ff-'));
      writeFileSync(join(profile, 'user.js'), userJs(firefoxPrefs(trapPort, quota)));
      const caps = {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: this.binary(),
          args: ['-headless', '-profile', profile, '-no-remote'],
          log: { level: 'error' },
        },
        pageLoadStrategy: 'normal',
      };
      return { caps, cleanup: () => rmSync(profile, { recursive: true, force: true }) };
    },
    canSetQuota: true,
  },

  webkit: {
    label: 'WebKitGTK',
    driverCommand() { return which('WebKitWebDriver'); },
    binary() {
      for (const p of ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        '/usr/libexec/webkit2gtk-4.1/MiniBrowser']) if (existsSync(p)) return p;
      return '';
    },
    missing() {
      const m = [];
      if (!this.driverCommand()) m.push('WebKitWebDriver (apt-get install webkit2gtk-driver)');
      if (!this.binary()) m.push('MiniBrowser (apt-get install libwebkit2gtk-4.1-0)');
      if (!which('Xvfb')) m.push('Xvfb (apt-get install xvfb)');
      return m;
    },
    needsDisplay: true,
    newTabType: 'window',
    driverArgs: (port) => ['--host=127.0.0.1', `--port=${port}`],
    // MiniBrowser in automation mode keeps everything in memory (an ephemeral session, so each
    // session starts empty); its home and caches point at a temporary folder all the same.
    driverEnv: (home) => ({
      HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'),
      WEBKIT_DISABLE_COMPOSITING_MODE: '1', LIBGL_ALWAYS_SOFTWARE: '1', GTK_A11Y: 'none', NO_AT_BRIDGE: '1',
    }),
    session({ trapPort }) {
      const caps = {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': {
          binary: this.binary(),
          args: ['--automation', `--proxy=http://127.0.0.1:${trapPort}`, '--ignore-host=127.0.0.1', '--ignore-host=localhost'],
        },
        pageLoadStrategy: 'normal',
      };
      return { caps, cleanup: () => {} };
    },
    // WebKitGTK's quota for a site is set only through WebKitWebsiteDataManager's construct-only
    // properties (origin-storage-ratio, total-storage-ratio) in the embedding program; neither
    // MiniBrowser's options nor WebKitWebDriver's capabilities reach them, and in automation mode
    // MiniBrowser's data are in memory with a quota derived from the disk's size.
    canSetQuota: false,
  },
};
