/** The queue commands' Redis URL handling and job-data checks, without a Redis. */
import { describe, expect, it } from "vitest";
import { checkRedisUrl, DEFAULT_REDIS_URL, redactUrl, redisUrl, REDIS_ENV } from "../../src/queue/connection.js";
import { jobDataSchema, jobId } from "../../src/queue/job.js";
import { flagOf, runKeys } from "../../src/queue/store.js";

describe("Redis URL", () => {
  it("comes from the option, else CDICHECK_REDIS_URL, else the local default", () => {
    expect(redisUrl("redis://a:1", { [REDIS_ENV]: "redis://b:2" })).toBe("redis://a:1");
    expect(redisUrl(undefined, { [REDIS_ENV]: " rediss://b:2 " })).toBe("rediss://b:2");
    expect(redisUrl(undefined, {})).toBe(DEFAULT_REDIS_URL);
    expect(DEFAULT_REDIS_URL).toBe("redis://127.0.0.1:6379");
  });

  it("accepts redis:// and rediss:// with a password and a database number", () => {
    for (const ok of ["redis://127.0.0.1:6379", "rediss://user:pw@cache.example.org:6380/2", "redis://:pw@[::1]:6379/0"]) {
      expect(() => checkRedisUrl(ok), ok).not.toThrow();
    }
  });

  it("refuses other schemes, query strings (ioredis would read them as options) and paths that are not a db number", () => {
    for (const bad of ["http://127.0.0.1:6379", "127.0.0.1:6379", "redis://h:1?tls=false", "redis://h:1/x", "redis://h:1/0#f", "unix:///run/redis.sock", "redis://"]) {
      expect(() => checkRedisUrl(bad), bad).toThrow(/--redis/);
    }
  });

  it("never prints the password", () => {
    expect(redactUrl("redis://user:s3cret@h:6379/1")).toBe("redis://user:***@h:6379/1");
    expect(redactUrl("rediss://:s3cret@h:6380")).not.toContain("s3cret");
    expect(redactUrl("redis://h:6379")).toBe("redis://h:6379");
  });
});

describe("job data", () => {
  const job = { v: 1, run: "r-1", code: "M43.21", first: 3, notes: [{ id: "a", text: "note", source: { file: "x.csv", line: 2, row: 1 } }] };

  it("takes a well-formed batch", () => {
    expect(jobDataSchema.safeParse(job).success).toBe(true);
  });

  it("refuses unknown fields, a bad run id, negative indices and empty batches", () => {
    expect(jobDataSchema.safeParse({ ...job, extra: 1 }).success).toBe(false);
    expect(jobDataSchema.safeParse({ ...job, notes: [{ ...job.notes[0], source: { file: "x", line: 1, evil: "y" } }] }).success).toBe(false);
    expect(jobDataSchema.safeParse({ ...job, run: "a:b" }).success).toBe(false);
    expect(jobDataSchema.safeParse({ ...job, first: -1 }).success).toBe(false);
    expect(jobDataSchema.safeParse({ ...job, notes: [] }).success).toBe(false);
    expect(jobDataSchema.safeParse({ ...job, v: 2 }).success).toBe(false);
  });

  it("names jobs and keys from the run", () => {
    expect(jobId("r-1", 7)).toBe("r-1-7");
    expect(runKeys("q", "r-1")).toEqual({ meta: "cdicheck-run:q:r-1", results: "cdicheck-results:q:r-1" });
    expect(["supported", "incomplete", "redirect", "not_documented", null].map(flagOf)).toEqual(["s", "i", "r", "n", "e"]);
  });
});
