// dynalite ships no types; the part the DynamoDB end-to-end test uses.
declare module "dynalite" {
  import type { Server } from "node:http";
  interface DynaliteOptions {
    /** How long tables stay CREATING / DELETING / UPDATING (default 500 ms each). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** A LevelDB folder; in memory when not given. */
    path?: string;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}
