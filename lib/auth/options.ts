import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";
import { endSessions } from "./sessions";
import type { SignInErrorCode } from "./sign-in-errors";

// The token carries the user id and its session version only; role and
// workspace are read from the database on every request (lib/auth/actor.ts),
// so changes apply at once, and a raised session version ends the session.
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "");
        const password = String(credentials?.password ?? "");
        // next-auth passes a thrown message on as the error code; the page shows only known codes' messages (sign-in-errors.ts).
        if (!email || !password) throw new Error("missing" satisfies SignInErrorCode);
        const result = await authenticate(await getDb(), { email, password, ip: clientIp(req.headers ?? {}) });
        if (!result.ok) throw new Error(result.code satisfies SignInErrorCode);
        return { id: result.userId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      return user ? { sub: user.id, sv: user.sessionVersion } : { sub: token.sub, sv: token.sv };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } };
    },
  },
  events: {
    // Clearing the cookie alone would leave any copy of it valid until it expires.
    async signOut({ token }) {
      if (typeof token?.sub === "string" && typeof token.sv === "number") await endSessions(await getDb(), token.sub, token.sv);
    },
  },
};
