// Node-only entry of the runtime: shared config files, default credential chain and region, and a
// node:http transport. Kept apart from ../index.ts so browser bundles never see `node:*` imports.

export {
  CredentialsChainError,
  defaultCredentialProvider,
  defaultRegion,
  fromSharedFiles,
  ProfileCredentialsError,
} from "./credentials.js";
export { nodeHttpFetch, type NodeHttpFetchOptions } from "./http-transport.js";
export { type IniSection, type IniSections, parseIni } from "./ini.js";
export {
  configProfiles,
  credentialsProfiles,
  type Environment,
  homeDirectory,
  loadConfigFile,
  loadCredentialsFile,
  loadProfile,
  loadSharedFiles,
  type Profile,
  profileName,
  type ResolvedProfile,
  type SharedFile,
  type SharedFiles,
  type SharedFilesOptions,
  sharedFilePaths,
} from "./shared-files.js";
