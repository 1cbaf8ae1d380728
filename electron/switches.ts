/**
 * Chromium switches the desktop app sets on itself before it is ready (app.commandLine.appendSwitch).
 * - Linux, `enable-speech-dispatcher`: without it Chromium on Linux has no voices and the hall display
 *   only chimes (electron#4452, #22844); it also needs the speech-dispatcher package and a Chinese
 *   voice (the .deb depends on them, README).
 * - Linux with an X server (Xorg, or XWayland under a Wayland desktop), `ozone-platform=x11`: since
 *   Electron 38 a Wayland session ignores window positions (electron#48749, #48833) and the TV window
 *   would open on the kiosk's screen. The launcher and the packaged app's desktop entry pass the same
 *   switch on the command line, which is where Chromium reads it earliest; this covers a direct start.
 */
export function chromiumSwitches(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Array<[string, string?]> {
  if (platform !== 'linux') return [];
  const switches: Array<[string, string?]> = [['enable-speech-dispatcher']];
  if (env.DISPLAY) switches.push(['ozone-platform', 'x11']);
  return switches;
}
