/// <reference types="node" />
// playwright-core + Debian Chromium for whole-page tests and benchmarks.
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { assertChromium, chromiumFlags } from './chromium.mjs';

export interface LaunchChromiumOptions {
  /** Absolute path of a .y4m file to feed Chromium's fake camera. */
  fakeVideoFile?: string;
  /** Use the fake camera, but let the page see a permission prompt result of "denied". */
  denyCamera?: boolean;
  extraArgs?: string[];
  launch?: LaunchOptions;
}

export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const args = [...chromiumFlags, ...(options.extraArgs ?? [])];
  if (options.fakeVideoFile || options.denyCamera) {
    args.push('--use-fake-device-for-media-stream');
    if (!options.denyCamera) args.push('--use-fake-ui-for-media-stream');
    if (options.fakeVideoFile) args.push(`--use-file-for-fake-video-capture=${options.fakeVideoFile}`);
  }
  // playwright makes its own profile directory: never pass --user-data-dir here.
  return chromium.launch({ executablePath: assertChromium(), headless: true, args, ...options.launch });
}
