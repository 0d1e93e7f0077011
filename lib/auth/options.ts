import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";

// The token carries the user id only; role and workspace are read from the
// database on every request (lib/auth/actor.ts), so changes apply at once.
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
        if (!email || !password) throw new Error("Enter your email and password.");
        const result = await authenticate(await getDb(), { email, password, ip: clientIp(req.headers ?? {}) });
        if (!result.ok) throw new Error(result.message);
        return { id: result.userId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      return { sub: user?.id ?? token.sub };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } };
    },
  },
};
