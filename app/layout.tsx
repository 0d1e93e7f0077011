import type { Metadata } from "next";
import { connection } from "next/server";
import { Toaster } from "sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  description: "The shared company address book for session invites.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, the not-found page too: Next.js puts
  // the request's CSP nonce (proxy.ts) on its scripts only while rendering,
  // and a page prerendered at build time would carry scripts without one.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        {children}
        {/* Bottom right: at the top the toasts covered the header navigation.
            Not richColors: its green and red text on tinted backgrounds is
            below the 4.5:1 contrast of WCAG AA (about 4.3:1). */}
        <Toaster position="bottom-right" closeButton />
      </body>
    </html>
  );
}
