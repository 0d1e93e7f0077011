import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { startServer, type TestServer } from "./server";

/** A fresh `next start` (own embedded database) and Chromium for one test file. */
export function serverAndBrowser(): { server: TestServer; browser: Browser } {
  const env = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
