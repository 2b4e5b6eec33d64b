/// <reference types="node" />
// Runs inside a generated KMS package (AWS JSON 1.1; copied in as src/e2e-scenario.ts): the test
// type-checks it with the package's strict tsconfig, then runs each step against the model-driven
// stand-in (model-stand-in.ts).

import assert from "node:assert/strict";
import { KMSClient, KMSServiceException, NotFoundException, ValidationError, type ClientConfig, type KeyMetadata } from "./index.js";

export function scenario(config: ClientConfig) {
  const client = new KMSClient(config);
  return {
    async createKey(): Promise<KeyMetadata> {
      const out = await client.createKey({ Description: "e2e key", KeyUsage: "ENCRYPT_DECRYPT", Tags: [{ TagKey: "team", TagValue: "codegen" }] });
      assert.ok(out.KeyMetadata, "KeyMetadata");
      assert.ok(out.KeyMetadata.CreationDate instanceof Date);
      return out.KeyMetadata;
    },

    async roundTrip(keyId: string, plaintext: Uint8Array): Promise<{ ciphertext: Uint8Array; plaintext: Uint8Array; keyArn: string | undefined }> {
      const context = { purpose: "e2e", "a=b&c": "ü ✓" };
      const encrypted = await client.encrypt({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context });
      assert.ok(encrypted.CiphertextBlob instanceof Uint8Array);
      const decrypted = await client.decrypt({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context });
      assert.ok(decrypted.Plaintext instanceof Uint8Array);
      return { ciphertext: encrypted.CiphertextBlob, plaintext: decrypted.Plaintext, keyArn: encrypted.KeyId };
    },

    async listAllKeys(limit: number): Promise<{ pages: number; keys: string[] }> {
      let pages = 0;
      const keys: string[] = [];
      for await (const page of client.paginateListKeys({ Limit: limit })) {
        pages++;
        for (const key of page.Keys ?? []) keys.push(String(key.KeyId));
      }
      return { pages, keys };
    },

    async describeMissingKey(): Promise<NotFoundException> {
      try {
        await client.describeKey({ KeyId: "alias/does-not-exist" });
      } catch (e) {
        assert.ok(e instanceof NotFoundException, `not a NotFoundException: ${String(e)}`);
        assert.ok(e instanceof KMSServiceException);
        return e;
      }
      throw new assert.AssertionError({ message: "describeKey of a missing key succeeded" });
    },

    /** Plaintext is at most 4096 bytes in the model: refused before anything is sent. */
    async oversizedPlaintext(): Promise<ValidationError> {
      try {
        await client.encrypt({ KeyId: "k", Plaintext: new Uint8Array(4097) });
      } catch (e) {
        assert.ok(e instanceof ValidationError, `not a ValidationError: ${String(e)}`);
        return e;
      }
      throw new assert.AssertionError({ message: "a 4097-byte plaintext was sent" });
    },
  };
}
