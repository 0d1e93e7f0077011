jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));
jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn(), getDatabase: jest.fn() }));

import { GET } from "@/app/api/health/route";
import { getDatabase, getDb } from "@/db/client";
import { currentCaller } from "@/lib/auth/server-session";
import { get } from "./support";

// Liveness: the process is up and answering. A load balancer or orchestrator restarts on its failure, so it
// must not fail because the database is down (that is /api/ready's answer, and a restart would not help).

describe("GET /api/health", () => {
  test("200 with a small JSON body, no session, not cached", async () => {
    const response = await GET(get("/api/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok" });
    expect(currentCaller).not.toHaveBeenCalled();
  });

  test("answers while the database is down, without touching it", async () => {
    jest.mocked(getDb).mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    jest.mocked(getDatabase).mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    expect((await GET(get("/api/health"))).status).toBe(200);
    expect(getDb).not.toHaveBeenCalled();
    expect(getDatabase).not.toHaveBeenCalled();
  });
});
