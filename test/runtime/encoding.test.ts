import { describe, expect, it } from "vitest";
import {
  encodeUriLabel,
  formatHttpDate,
  formatIso8601,
  formatTimestamp,
  fromBase64,
  fromUtf8,
  parseEpochSeconds,
  parseHttpDate,
  parseIso8601,
  parseTimestamp,
  percentEncode,
  toBase64,
  toBytes,
  toDate,
  toEpochSeconds,
  toUtf8,
  uuidV4,
} from "../../templates/runtime/encoding.js";

describe("percentEncode (RFC 3986)", () => {
  it.each([
    ["", ""],
    ["abcXYZ019-._~", "abcXYZ019-._~"],
    [" ", "%20"],
    ["+", "%2B"],
    ["*", "%2A"],
    ["!'()", "%21%27%28%29"],
    ["a/b?c#d[e]f@g", "a%2Fb%3Fc%23d%5Be%5Df%40g"],
    ["$&,;=:", "%24%26%2C%3B%3D%3A"],
    ["%", "%25"],
    ["%2F", "%252F"],
    ["é", "%C3%A9"],
    ["😹", "%F0%9F%98%B9"],
    ["\u0000\n", "%00%0A"],
    ["\ud83d", "%EF%BF%BD"], // lone surrogate → U+FFFD, never a URIError
  ])("%j → %s", (input, want) => {
    expect(percentEncode(input)).toBe(want);
  });

  it("encodes an ARN label fully and keeps '/' only in greedy labels", () => {
    const arn = "arn:aws:ivschat:us-west-2:123456789012:room/abcd";
    expect(encodeUriLabel(arn)).toBe("arn%3Aaws%3Aivschat%3Aus-west-2%3A123456789012%3Aroom%2Fabcd");
    expect(encodeUriLabel("a b/c+d/", true)).toBe("a%20b/c%2Bd/");
    expect(encodeUriLabel("/leading//double", true)).toBe("/leading//double");
  });
});

describe("base64", () => {
  it("round-trips every byte value and every length mod 3", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let len = 0; len <= 256; len += 1) {
      const bytes = all.subarray(0, len);
      const encoded = toBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString("base64"));
      expect(fromBase64(encoded)).toEqual(bytes);
    }
  });

  it("encodes text as UTF-8", () => {
    expect(toBase64("true")).toBe("dHJ1ZQ==");
    expect(toBase64("é😹")).toBe(Buffer.from("é😹", "utf8").toString("base64"));
    expect(fromUtf8(fromBase64("Zm9v"))).toBe("foo");
  });

  it("decodes unpadded, URL-safe and wrapped input; rejects garbage", () => {
    expect(fromUtf8(fromBase64("Zm9vYg"))).toBe("foob");
    expect(fromBase64("-_8")).toEqual(Uint8Array.from([0xfb, 0xff]));
    expect(fromUtf8(fromBase64("Zm9v\nYmFy"))).toBe("foobar");
    expect(() => fromBase64("Zm9v!")).toThrow(SyntaxError);
    expect(() => fromBase64("Z")).toThrow(SyntaxError);
  });

  it("takes bytes in every usual shape", () => {
    const buf = new Uint8Array([1, 2, 3, 4]).buffer;
    expect(toBytes(buf)).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(toBytes(new DataView(buf, 1, 2))).toEqual(new Uint8Array([2, 3]));
    expect(toBytes("é")).toEqual(toUtf8("é"));
    expect(() => toBytes(42)).toThrow(TypeError);
  });
});

describe("uuidV4", () => {
  it("has the version and variant bits", () => {
    for (let i = 0; i < 20; i++) expect(uuidV4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("timestamps", () => {
  const t = new Date(Date.UTC(2019, 11, 16, 23, 48, 18));
  const ms = new Date(Date.UTC(2000, 0, 2, 20, 34, 56, 123));

  it("formats the three wire formats", () => {
    expect(formatIso8601(t)).toBe("2019-12-16T23:48:18Z");
    expect(formatIso8601(ms)).toBe("2000-01-02T20:34:56.123Z");
    expect(formatHttpDate(t)).toBe("Mon, 16 Dec 2019 23:48:18 GMT");
    const year5 = new Date(0);
    year5.setUTCFullYear(5, 0, 1);
    expect(formatHttpDate(year5)).toBe("Sat, 01 Jan 0005 00:00:00 GMT");
    expect(formatIso8601(year5)).toBe("0005-01-01T00:00:00Z");
    expect(toEpochSeconds(t)).toBe(1576540098);
    expect(toEpochSeconds(ms)).toBe(946845296.123);
    expect(formatTimestamp(t, "unixTimestamp")).toBe("1576540098");
    expect(formatTimestamp(t, "rfc822")).toBe("Mon, 16 Dec 2019 23:48:18 GMT");
    expect(formatTimestamp(t, "iso8601")).toBe("2019-12-16T23:48:18Z");
    expect(() => formatIso8601(new Date(NaN))).toThrow(RangeError);
  });

  it.each([
    ["2019-12-16T23:48:18Z", 1576540098],
    ["2019-12-16t23:48:18z", 1576540098],
    ["2019-12-16T23:48:18", 1576540098], // no offset: UTC
    ["2019-12-16T22:48:18-01:00", 1576540098],
    ["2019-12-17T00:48:18+01:00", 1576540098],
    ["2019-12-17T05:18:18+0530", 1576540098],
    ["2000-01-02T20:34:56.123Z", 946845296.123],
    ["2000-01-02T20:34:56.1Z", 946845296.1],
    ["2000-01-02T20:34:56.123456789Z", 946845296.123], // truncated to milliseconds
    ["2000-01-02T20:34:56.290Z", 946845296.29],
    ["0001-01-01T00:00:00Z", -62135596800],
  ])("parseIso8601(%j)", (text, seconds) => {
    expect(parseIso8601(text).getTime() / 1000).toBe(seconds);
  });

  it.each(["2019-13-01T00:00:00Z", "2019-02-30T00:00:00Z", "2019-12-16T24:00:00Z", "2019-12-16", "yesterday"])(
    "parseIso8601 rejects %j",
    (text) => {
      expect(() => parseIso8601(text)).toThrow(SyntaxError);
    },
  );

  it.each([
    ["Tue, 29 Apr 2014 18:30:38 GMT", 1398796238],
    ["Tue, 29 Apr 2014 18:30:38.250 GMT", 1398796238.25],
    ["Tue, 29 apr 2014 18:30:38 GMT", 1398796238],
    ["Tuesday, 29-Apr-14 18:30:38 GMT", 1398796238],
    ["Tue Apr 29 18:30:38 2014", 1398796238],
    ["Sun Nov  6 08:49:37 1994", 784111777],
  ])("parseHttpDate(%j)", (text, seconds) => {
    expect(parseHttpDate(text).getTime() / 1000).toBe(seconds);
  });

  it("rejects bad HTTP-dates", () => {
    expect(() => parseHttpDate("Tue, 31 Apr 2014 18:30:38 GMT")).toThrow(SyntaxError);
    expect(() => parseHttpDate("Tue, 29 Foo 2014 18:30:38 GMT")).toThrow(SyntaxError);
  });

  it("parses epoch seconds as numbers and strings, with fractions", () => {
    expect(parseEpochSeconds(1398796238).getTime()).toBe(1398796238000);
    expect(parseEpochSeconds("1398796238.5").getTime()).toBe(1398796238500);
    expect(parseEpochSeconds(946845296.123).getTime()).toBe(946845296123);
    expect(parseEpochSeconds("-1").getTime()).toBe(-1000);
    expect(() => parseEpochSeconds("12abc")).toThrow(SyntaxError);
    expect(() => parseEpochSeconds(Infinity)).toThrow(SyntaxError);
  });

  it("parseTimestamp reads whichever format arrives", () => {
    for (const v of [1576540098, "1576540098", "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT"]) {
      expect(parseTimestamp(v).getTime()).toBe(1576540098000);
    }
    expect(() => parseTimestamp(true)).toThrow(SyntaxError);
    expect(toDate(new Date(5))).toEqual(new Date(5));
    expect(toDate(1.5).getTime()).toBe(1500);
  });
});
