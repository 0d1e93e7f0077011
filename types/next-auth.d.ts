import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id?: string };
  }
  interface User {
    /** users.session_version when the session was issued (lib/auth/sessions.ts). */
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The session version this token was issued under. */
    sv?: number;
  }
}
